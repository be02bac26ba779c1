"""Unit conversions (#16): the quantities read, the units resolved, the verdicts and the figures
suggested, table by table, in real-style sentences (consistent, wrong and distractor versions)."""

from __future__ import annotations

import json
from decimal import Decimal
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

import figcheck
from figcheck import units
from figcheck.cli import app
from figcheck.model import Rule, UnitConversion
from figcheck.scan import scan
from tests.common import Case, cases


def unit_pairs(text: str) -> list[tuple[str, str, str, str]]:
    return [
        (c.source.text, c.source.unit, c.stated.text, c.stated.unit)
        for c in scan(text, for_check=True).unit_conversions
    ]


# -- what is read, and which units ----------------------------------------------------------------

READ = [
    Case(
        "最大風速は時速155マイル（約250キロ）に達した。",
        [("時速155マイル", "mile_per_hour", "約250キロ", "kilometer_per_hour")],
        "a speed: 時速 carries over",
    ),
    Case(
        "体重300ポンド（約136キロ）の選手",
        [("300ポンド", "pound", "約136キロ", "kilogram")],
        "キロ after pounds is kilograms",
    ),
    Case(
        "約3マイル（約4.8キロ）離れた",
        [("約3マイル", "mile", "約4.8キロ", "kilometer")],
        "キロ after miles is kilometres",
    ),
    Case(
        "華氏104度（摂氏40度）",
        [("華氏104度", "degree_Fahrenheit", "摂氏40度", "degree_Celsius")],
        "both scales written",
    ),
    Case(
        "華氏115度（約46度）",
        [("華氏115度", "degree_Fahrenheit", "約46度", "degree_Celsius")],
        "a bare 度 after 華氏 is Celsius",
    ),
    Case(
        "摂氏35度（95度）",
        [("摂氏35度", "degree_Celsius", "95度", "degree_Fahrenheit")],
        "a bare 度 after 摂氏 is Fahrenheit",
    ),
    Case(
        "カ氏90度（セ氏約32度）", [("カ氏90度", "degree_Fahrenheit", "セ氏約32度", "degree_Celsius")], "カ氏 and セ氏"
    ),
    Case("約250キロ（155マイル）", [("約250キロ", "kilometer", "155マイル", "mile")], "metric first"),
    Case(
        "40ノット（約74キロ）",
        [("40ノット", "knot", "約74キロ", "kilometer_per_hour")],
        "knots against a bare キロ: per hour",
    ),
    Case(
        "30ノット（秒速約15メートル）",
        [("30ノット", "knot", "秒速約15メートル", "meter_per_second")],
        "knots into metres a second",
    ),
    Case("約1万エーカー（約40平方キロ）", [("約1万エーカー", "acre", "約40平方キロ", "square_kilometer")], "area"),
    Case(
        "日量100万バレル（約1億6000万リットル）",
        [("100万バレル", "oil_barrel", "約1億6000万リットル", "liter")],
        "volume, 万/億",
    ),
    Case(
        "12液量オンス（約355ミリリットル）",
        [("12液量オンス", "fluid_ounce", "約355ミリリットル", "milliliter")],
        "液量オンス, not オンス",
    ),
    Case("金1オンス（約31.1グラム）", [("1オンス", "troy_ounce", "約31.1グラム", "gram")], "gold: troy ounces"),
    Case("料金は8オンス（約227グラム）", [("8オンス", "ounce", "約227グラム", "gram")], "料金 is no gold"),
    Case(
        "5万米トン（約4万5000トン）", [("5万米トン", "short_ton", "約4万5000トン", "tonne")], "米トン is the short ton"
    ),
    Case(
        "身長6フィート6インチ（約198センチ）",
        [("6フィート6インチ", "inch", "約198センチ", "centimeter")],
        "a compound quantity",
    ),
    Case(
        "約２・５マイル（約４キロ）",
        [("約２・５マイル", "mile", "約４キロ", "kilometer")],
        "「・」 decimal, full-width",
    ),
    Case(
        "時速約145マイル、約233キロの暴風",
        [("時速約145マイル", "mile_per_hour", "約233キロ", "kilometer_per_hour")],
        "a comma with 約",
    ),
    Case("約20マイル(約32キロ)", [("約20マイル", "mile", "約32キロ", "kilometer")], "half-width brackets"),
    Case(
        "華氏マイナス40度（摂氏マイナス40度）",
        [("華氏マイナス40度", "degree_Fahrenheit", "摂氏マイナス40度", "degree_Celsius")],
        "below zero",
    ),
    # distractors: no conversion to read
    Case("男子100メートルで9秒台", [], "a metric quantity alone"),
    Case("1000メートル（1キロ）ごとに", [], "within one system"),
    Case("3ポンドのハンバーガー", [], "a quantity with no conversion"),
    Case("約23ヘクタール（東京ドーム約5個分）", [], "東京ドーム is no unit"),
    Case("100平方メートル（約30坪）", [], "坪 is not read"),
    Case("40度（104度）", [], "neither scale written: which is which is not known"),
    Case("3マイルストーン（5キロ）", [], "マイル going on in katakana is another word"),
    Case("500キロカロリー（約2マイル）", [], "キロカロリー is no length"),
    Case("賞金100万ポンド（約2億円）", [], "ポンド into 円 is money, not weight"),
    Case("5マイル（歩いて約2時間）", [], "a conversion into no unit"),
    Case("試合は3-1で終わった", [], "a score"),
    Case(
        "20〜30マイル（約32〜48キロ）",
        [("20", "mile", "約32", "kilometer"), ("30マイル", "mile", "48キロ", "kilometer")],
        "ranges, end by end",
    ),
    Case(
        "50から60マイル（約80から97キロ）",
        [("50", "mile", "約80", "kilometer"), ("60マイル", "mile", "97キロ", "kilometer")],
        "から ranges",
    ),
    Case("20〜30マイル（約40キロ）", [], "a range against one figure: which end is converted is not known"),
    Case(
        "気温は華氏50〜60度（摂氏10〜16度）だった",
        [
            ("華氏50", "degree_Fahrenheit", "摂氏10", "degree_Celsius"),
            ("60度", "degree_Fahrenheit", "16度", "degree_Celsius"),
        ],
        "a scale written once, before a range's low end, is the whole range's",
    ),
    Case(
        "最高気温は摂氏30〜35度（華氏86〜95度）の見込み",
        [
            ("摂氏30", "degree_Celsius", "華氏86", "degree_Fahrenheit"),
            ("35度", "degree_Celsius", "95度", "degree_Fahrenheit"),
        ],
        "metric first",
    ),
    Case(
        "華氏50〜60度（約10〜16度）",
        [
            ("華氏50", "degree_Fahrenheit", "約10", "degree_Celsius"),
            ("60度", "degree_Fahrenheit", "16度", "degree_Celsius"),
        ],
        "a bare 度 range after a 華氏 range is Celsius",
    ),
    Case("華氏50〜60マイル（約80〜97キロ）", [], "華氏 before a length range: no temperature, no unit"),
    Case("気温は50〜60度（10〜16度）", [], "neither range's scale written: which is which is not known"),
    Case(
        "住宅地から約3マイル（約4.8キロ）",
        [("約3マイル", "mile", "約4.8キロ", "kilometer")],
        "から after a noun is no range (a bug the corpus caught)",
    ),
    Case("マッハ2（時速約2450キロ）", [], "マッハ is no unit"),
    Case(
        "華氏104度（摂氏40度",
        [("華氏104度", "degree_Fahrenheit", "摂氏40度", "degree_Celsius")],
        "a bracket never closed",
    ),
]


@pytest.mark.parametrize(("text", "expected"), cases(READ))
def test_quantities_and_their_units(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert unit_pairs(text) == expected


# -- verdicts and suggestions ------------------------------------------------------------------------


def verdicts(text: str) -> list[tuple[str, str | None, str | None]]:
    report = figcheck.check_text(text, rates={})
    return [(str(f.status), f.suggestion, f.expected_text) for f in report.findings if f.rule is Rule.UNIT_CONVERSION]


VERDICTS = [
    Case("時速155マイル（約250キロ）", [("ok", None, "時速249.4キロ")], "rounded to the ten"),
    Case("時速155マイル（約350キロ）", [("mismatch", "約250キロ", "時速249.4キロ")], "a digit slip"),
    Case("体重300ポンド（約163キロ）", [("mismatch", "約136キロ", "136.08キロ")], "digits swapped"),
    Case(
        "24インチ（約61メートル）",
        [("mismatch", "約0.61メートル", "0.6096メートル")],
        "the unit slipped: the figure for the unit written",
    ),
    Case("200海里（約320キロ）", [("mismatch", "約370キロ", "370.4キロ")], "statute miles for nautical"),
    Case(
        "摂氏40度（華氏100度）",
        [("mismatch", "華氏104度", "華氏104度")],
        "a temperature is to the degree: 100度 is not 1桁",
    ),
    Case("華氏100度（摂氏約38度）", [("ok", None, "摂氏37.78度")], "rounded to the degree"),
    Case("華氏100度（摂氏40度）", [("mismatch", "摂氏38度", "摂氏37.78度")], "37.8 is not 40"),
    Case("華氏20度（摂氏7度）", [("mismatch", None, "摂氏マイナス6.667度")], "the sign lost: no figure suggested"),
    Case("華氏32度（摂氏0度）", [("ok", None, "摂氏0度")], "zero"),
    Case("華氏98.6度（摂氏37度）", [("ok", None, "摂氏37度")], "exact"),
    Case(
        "華氏50〜60度（摂氏10〜20度）",
        [("ok", None, "摂氏10度"), ("mismatch", "16度", "15.56度")],
        "a range's high end wrong, its scale written on the low end only",
    ),
    Case("日量100万バレル（約1億6000万リットル）", [("ok", None, "1億5898万7295リットル")], "万/億 kept"),
    Case(
        "１２液量オンス（約３５５リットル）",
        [("mismatch", "約０．３５５リットル", "0.3549リットル")],
        "full-width figures suggested full-width",
    ),
    Case("2000ポンド（約2トン）の爆弾", [("mismatch", "約0.91トン", "0.9072トン")], "short tons are not metric tons"),
    Case("重さ5キロ弱（11ポンド）", [("ok", None, "11.02ポンド")], "弱: an upper bound, rounded up"),
    # A figure given finer than its source: within the source's own rounding (26.2 is 26.15–26.25).
    Case("マラソンの26.2マイル（約42.195キロ）", [("ok", None, "42.16481キロ")], "the marathon, mile first"),
    Case("マラソンの42.195キロ（26.2マイル）", [("ok", None, "26.219マイル")], "the marathon, metric first"),
    Case("26.2マイル（約45.195キロ）", [("mismatch", "約42.165キロ", "42.16481キロ")], "outside the rounding too"),
    Case("26.2マイル（約42.3キロ）", [("mismatch", "約42.2キロ", "42.165キロ")], "as many digits as the source"),
    Case("重さ5.5ポンド（約2.49キロ）", [("ok", None, "2.4948キロ")], "the exact value: as before"),
    Case("重さ5.5ポンド（約2.52キロ）", [("ok", None, "2.4948キロ")], "5.55ポンド is 2.517キロ"),
    Case("重さ5.5ポンド（約2.58キロ）", [("mismatch", "約2.49キロ", "2.4948キロ")], "past 5.55ポンド"),
    Case(
        "約1万エーカー（約45.3平方キロ）",
        [("mismatch", "約40.5平方キロ", "40.469平方キロ")],
        "a whole source as written",
    ),
]


@pytest.mark.parametrize(("text", "expected"), cases(VERDICTS))
def test_verdicts_and_suggestions(text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert verdicts(text) == expected


def test_the_source_s_rounding_is_named_only_where_the_product_fails() -> None:
    report = figcheck.check_text("重さ5.5ポンド（約2.49キロ）。マラソンの26.2マイル（約42.195キロ）", rates={})
    exact, marathon = (f.message for f in report.findings if f.rule is Rule.UNIT_CONVERSION)
    assert "rounding" not in exact
    assert "holds within the rounding of 26.2マイル: 26.15–26.25マイル is 42.084–42.245キロ" in marathon


def test_the_factors_are_exact() -> None:
    assert units.convert(Decimal(1), "mile", "kilometer") == Decimal("1.609344")
    assert units.convert(Decimal(1), "pound", "kilogram") == Decimal("0.45359237")
    assert units.convert(Decimal(1), "gallon", "liter") == Decimal("3.785411784")
    assert units.convert(Decimal(1), "acre", "square_meter") == Decimal("4046.8564224")
    assert units.convert(Decimal(212), "degree_Fahrenheit", "degree_Celsius").quantize(Decimal("1E-20")) == 100


def test_the_check_path_gate_sees_every_unit_word_that_converts() -> None:
    """Every non-metric word (and 華氏) opens the check path's unit scan; metric ones need not."""
    from figcheck.scan import _MEASURES

    for word, names in units.WORDS.items():
        if not any(units.is_metric(n) for n in names):
            assert _MEASURES.search(f"3{word}"), word
    assert _MEASURES.search("華氏100度")
    assert _MEASURES.search("摂氏35度（95度）")
    assert not _MEASURES.search("100メートル走、5キロ、2リットル、40度")


# -- in every format -------------------------------------------------------------------------------


def test_json_sarif_and_fix(tmp_path: Path) -> None:
    article = tmp_path / "storm.txt"
    article.write_text("ハリケーンの最大風速は時速155マイル（約350キロ）に達した。\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["check", "--no-config", "-f", "json", str(article)])
    assert result.exit_code == 1, result.output
    document = json.loads(result.stdout)
    schema = json.loads((resources.files("figcheck") / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    (finding,) = document["files"][0]["findings"]
    assert finding["rule"] == "unit-conversion"
    assert finding["source"] == {"text": "時速155マイル", "value": "155", "unit": "mile_per_hour"}
    assert finding["stated"]["unit"] == "kilometer_per_hour"
    assert finding["suggestion"] == "約250キロ"
    assert finding["rate"] is None
    sarif = json.loads(runner.invoke(app, ["check", "--no-config", "-f", "sarif", str(article)]).stdout)
    assert sarif["runs"][0]["results"][0]["ruleId"] == "unit-conversion"
    fixed = runner.invoke(app, ["check", "--no-config", "--fix", str(article)])
    assert fixed.exit_code == 0, fixed.output
    assert article.read_text(encoding="utf-8") == "ハリケーンの最大風速は時速155マイル（約250キロ）に達した。\n"


def test_unit_findings_count_as_conversions() -> None:
    report = figcheck.check_text("時速155マイル（約250キロ）。5500億ドル（約85兆円）。", rates={"USD": 153})
    rules = [(str(f.rule), str(f.status)) for f in report.findings]
    assert rules == [("unit-conversion", "ok"), ("conversion", "mismatch")]
    assert isinstance(report.findings[0].conversion, UnitConversion)
    from figcheck.report.base import summarize

    assert summarize([report]).conversions == 2


def test_figures_lists_quantities() -> None:
    inventory = figcheck.find_figures("体重300ポンド（約136キロ）で、3ポンドのハンバーガーを食べた。", kind="all")
    listed = [(str(f.kind), f.text, f.unit) for f in inventory.figures]
    assert listed == [
        ("quantity", "300ポンド", "pound"),
        ("quantity", "136キロ", "kilogram"),
        ("money", "3ポンド", "GBP"),
    ]
    only = figcheck.find_figures("時速155マイル、5キロ", kind="quantity").figures
    assert [(f.text, f.unit) for f in only] == [("時速155マイル", "mile_per_hour"), ("5キロ", None)]
