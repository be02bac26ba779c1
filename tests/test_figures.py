"""``figures``: every figure read in a text, by kind, and the ``figcheck figures`` command."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from figcheck.cli import app
from figcheck.figures import _EXPRESSION, _expressions, figures
from tests.strategies import PIECES

D = Decimal

# (text, [(written, value)]) for kind "number"
NUMBERS = [
    ("６、５４４", [("６、５４４", "6544")]),
    ("1、234、567", [("1、234、567", "1234567")]),
    ("100、200、300", [("100", "100"), ("200", "200"), ("300", "300")]),  # a list, not 100,200,300
    ("マイナス10000", [("マイナス10000", "-10000")]),
    ("-10000", [("-10000", "-10000")]),
    ("－－9", [("9", "9")]),
    ("...9", [("9", "9")]),
    (".23456000", [(".23456000", "0.23456")]),
    ("2222.2222.22222.222", [("2222", "2222"), ("2222", "2222"), ("22222", "22222"), ("222", "222")]),
    ("2e5", [("2e5", "200000")]),
    ("-12e-1", [("-12e-1", "-1.2")]),
    ("2^5", [("2^5", "32")]),
    ("2.5^-1", [("2.5^-1", "0.4")]),
    ("6/5", [("6/5", "1.2")]),
    ("1 ３/5", [("1 ３/5", "1.6")]),
    ("１６分の5", [("１６分の5", "0.3125")]),
    ("マイナス一と二分の一", [("マイナス一と二分の一", "-1.5")]),
    ("一ダース", [("一ダース", "12")]),
    ("半ダース", [("半ダース", "6")]),
    ("40k", [("40k", "40000")]),
    ("-2.5 M", [("-2.5 M", "-2500000")]),
    ("一百 五 十 二", [("一百 五 十 二", "152")]),
    ("零 一 二 三", [("零", "0"), ("一", "1"), ("二", "2"), ("三", "3")]),
    ("3 万 4,500", [("3 万 4,500", "34500")]),
    ("零十三", [("零十三", "13")]),
    ("にじゅうさん", [("にじゅうさん", "23")]),
    ("いっせんまん さんぜんまん", [("いっせんまん", "10000000"), ("さんぜんまん", "30000000")]),
    ("田中さんが来た", []),  # さん after a name is an honorific
    ("いち、さん、なな！", [("いち", "1"), ("さん", "3"), ("なな", "7")]),  # alone between punctuation
    ("「ご」と「ろく」", [("ご", "5"), ("ろく", "6")]),
    ("No.にじゅう", [("にじゅう", "20")]),  # after ASCII
    ("日本はにじゅう年", []),  # a run between kanji is a word's, not a numeral
    ("にじゅう年", []),  # alone at the start only
    ("第にじゅう", []),  # alone at the end only
    ("ろくでもない", []),  # a numeral's kana starting a longer run
    ("私の家は四川にあります", []),
    ("西九条", []),
    ("その一部を", []),
    ("第3四半期", [("3", "3")]),
    ("180ミリリットル", []),
    ("十キロ", [("十", "10")]),
    ("数百億円の赤字", []),  # vague
    ("安倍晋三元首相", []),  # a name
    ("鈴木一郎さん", []),
    ("偉大な首相の一人", [("一", "1")]),
    ("九年八トン", [("九", "9"), ("八", "8")]),
    ("小明十本の指", [("十", "10")]),
    ("https://example.com/a?q=30%25%2020%", []),
    ("2025/10/28", [("2025", "2025"), ("10", "10"), ("28", "28")]),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERS, ids=[t for t, _ in NUMBERS])
def test_numbers(text: str, expected: list[tuple[str, str]]) -> None:
    found = figures(text, "number").figures
    assert [(f.text, f.value) for f in found] == [(t, D(v)) for t, v in expected]
    assert all(text[f.span.start : f.span.end] == f.text for f in found)


# (text, [(written, value in percent)])
PERCENTS = [
    ("3割8分7厘", [("3割8分7厘", "38.7")]),
    ("5割引", [("5割引", "50")]),
    ("七割半", [("七割半", "75")]),
    ("１０ 割", [("１０ 割", "100")]),
    ("3.2kパーセント", [("3.2kパーセント", "3200")]),
    ("２．４パ ー   セ    ン ト", [("２．４パ ー   セ    ン ト", "2.4")]),
    ("前年度比−５％", [("−５％", "-5")]),
    ("マイナス五パーセント", [("マイナス五パーセント", "-5")]),
    ("百％", [("百％", "100")]),
    ("税率10㌫", [("10㌫", "10")]),
    ("役割を果たす", []),
]


@pytest.mark.parametrize(("text", "expected"), PERCENTS, ids=[t for t, _ in PERCENTS])
def test_percents(text: str, expected: list[tuple[str, str]]) -> None:
    found = figures(text, "percent").figures
    assert [(f.text, f.value, f.unit) for f in found] == [(t, D(v), "%") for t, v in expected]


MONEY = [
    (
        "このパソコンは にせんにひゃくごじゅうろく ドル となってます",
        [("にせんにひゃくごじゅうろく ドル", "2256", "USD")],
    ),
    ("このスマホケースは五元三角で大丈夫です", [("五元三角", "5.3", "CNY")]),
    ("50元6角3分", [("50元6角3分", "50.63", "CNY")]),
    ("appleの割引一ドル", [("一ドル", "1", "USD")]),
    ("us$ 48.2 万", [("us$ 48.2 万", "482000", "USD")]),
    ("年間収入は$ 48.2 万で", [("$ 48.2 万", "482000", None)]),  # which dollar is not written
    ("毎月£ 512.5を支出", [("£ 512.5", "512.5", None)]),
    ("私 は ろく どる 払った", [("ろく どる", "6", None)]),
    ("この自転車は100ユーロと30です。", [("100ユーロと30", "100.3", "EUR")]),
    ("1個\\100です", [("\\100", "100", "JPY")]),
    ("次の停車駅は銭函", []),
    ("ありがとう ドル", []),  # a hiragana word is no numeral
    ("にひゃくえん と ごじゅう ドル", [("ごじゅう ドル", "50", "USD")]),
    ("安倍晋三元首相", []),
]


@pytest.mark.parametrize(("text", "expected"), MONEY, ids=[t for t, _ in MONEY])
def test_money(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    found = figures(text, "money").figures
    assert [(f.text, f.value, f.unit) for f in found] == [(t, D(v), c) for t, v, c in expected]


def test_all_is_money_percent_and_other_numbers() -> None:
    text = "防衛費を2027年度にGDP比2パーセントに、5500億ドルを投資"
    kinds = [(f.kind, f.text) for f in figures(text).figures]
    assert kinds == [("number", "2027"), ("percent", "2パーセント"), ("money", "5500億ドル")]
    numbers = [f.text for f in figures(text, "number").figures]
    assert numbers == ["2027", "2", "5500億"]  # numerals inside money and percentages count here


def test_figures_command_json(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("見出し\r\n日本は5500億ドル、GDP比2%", encoding="utf-8")
    result = CliRunner().invoke(app, ["figures", str(article), "-f", "json"])
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    money, percent = doc["files"][0]["figures"]
    assert money == {
        "kind": "money",
        "text": "5500億ドル",
        "value": "550000000000",
        "unit": "USD",
        "assumed_unit": None,
        "start": 8,
        "end": 15,
        "line": 2,
        "column": 4,
        "end_line": 2,
        "end_column": 11,
    }
    assert (percent["kind"], percent["value"], percent["unit"]) == ("percent", "2", "%")


def test_figures_json_gives_the_assumed_unit_of_a_bare_symbol(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("収入は$48.2万と€3", encoding="utf-8")
    result = CliRunner().invoke(app, ["figures", str(article), "-f", "json", "--kind", "money"])
    dollar, euro = json.loads(result.stdout)["files"][0]["figures"]
    assert (dollar["unit"], dollar["assumed_unit"]) == (None, "USD")
    assert (euro["unit"], euro["assumed_unit"]) == ("EUR", None)


def test_figures_command_text_and_errors(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("5500億ドル", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["figures", str(article), "--kind", "money"])
    assert result.exit_code == 0
    assert "550000000000" in result.stdout
    result = runner.invoke(app, ["figures", str(article), "--kind", "words"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1  # one line, naming the option and every value it takes
    assert result.stderr.startswith(
        "figcheck: error: Invalid value for '--kind': 'words' is not one of 'all', 'money', 'percent', 'quantity', 'number'."
    )
    result = runner.invoke(app, ["figures", str(tmp_path / "none.txt")])
    assert result.exit_code == 2
    assert "no such file" in result.stderr


def test_figures_skips_a_binary_file_found_by_a_walk(tmp_path: Path) -> None:
    (tmp_path / "img.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "ok.txt").write_text("5500億ドル", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["figures", str(tmp_path), "--kind", "money", "-f", "json"])
    assert result.exit_code == 0
    assert "note: skipped" in result.stderr
    assert [Path(f["path"]).name for f in json.loads(result.stdout)["files"]] == ["ok.txt"]
    result = runner.invoke(app, ["figures", str(tmp_path / "img.txt")])
    assert result.exit_code == 2  # named explicitly, it is an error
    assert "binary file" in result.stderr


@pytest.mark.parametrize("count", [0, 1, 3])
def test_the_listing_streams_the_same_json_as_one_dump(count: int) -> None:
    """``figcheck figures`` writes a file at a time (an archive is never held whole); the text is
    byte for byte what one ``json.dumps(..., indent=2)`` of the whole listing gives."""
    import json

    from figcheck.model import FigureKind
    from figcheck.report.figures import file_dict, iter_json, render_json

    texts = [("a.txt", "日本は5500億ドル（約84兆円）、前年比3割増。"), ("b.txt", "数字なし"), ("c.txt", "")][:count]
    listing = [(p, t, figures(t, FigureKind.ALL)) for p, t in texts]
    whole = json.dumps({"version": 1, "files": [file_dict(*x) for x in listing]}, ensure_ascii=False, indent=2) + "\n"
    assert render_json(listing) == whole
    assert len(list(iter_json(listing))) == count + 2  # head, one piece a file, tail


def test_each_file_of_the_listing_is_the_json_of_one_dump() -> None:
    """The figures' JSON is written out by hand (``json`` with ``indent`` encodes in Python): on
    every passage of the corpora, and on paths and texts that need escaping, and a listing cut
    short by the time guard, it is what ``json.dumps(..., indent=2)`` gives."""
    import json

    from figcheck.model import FigureKind, Inventory
    from figcheck.report.figures import _file_json, file_dict
    from tests.corpus import load

    cases = [(f"p{n}.txt", p.text) for n, p in enumerate(load())]
    cases += [
        ('a "quoted"\\\tpath\n.txt', '引用「5500億ドル」\t"と\\と\u2028と\x1f、約84兆円'),
        ("\udcff.txt", "100ドル"),
        ("e.txt", ""),
        ("f.txt", "５０％、三割、2.5倍、$100、1万2000円、にせん"),
        ("h.txt", "3マイル（約4.8キロ）、華氏98.6度、1e5、16分の5、▲2・5%"),
    ]
    for path, text in cases:
        inventory = figures(text, FigureKind.ALL)
        assert _file_json(path, text, inventory) == json.dumps(
            file_dict(path, text, inventory), ensure_ascii=False, indent=2
        ), text
    cut = Inventory(figures("100ドル", FigureKind.ALL).figures, incomplete="the time guard")
    assert _file_json("g.txt", "100ドル", cut) == json.dumps(
        file_dict("g.txt", "100ドル", cut), ensure_ascii=False, indent=2
    )


# -- the fast path for number expressions: the same matches as the whole pattern's ------------

# Every form of EXPRESSION, glued to what may or may not make it another form.
_EXPRESSION_PIECES = [
    *PIECES,
    *"0123456789１２.．eE^分のとは /／ダース半一二十百千万億マイナス-−▲△kMx　",
    "2222.2222.22222",
    "192.168.0.1",
    "12.32e+14",
    "2.5^-1",
    "16分の5",
    "一と二分の一",
    "1 3/5",
    "2025/10/28",
    "半ダース",
    ".23456",
    "40k",
    "-2.5 M",
    "第3四半期",
]


def _found(matches: object) -> list[tuple[tuple[int, int], dict[str, str]]]:
    return [(m.span(), {k: v for k, v in m.groupdict().items() if v is not None}) for m in matches]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "text",
    [
        "2222.2222.22222と192.168.0.1",
        "12.32e+14、2e5、2.5^-1、2^5",
        "16分の5、１６分の5、一と二分の一、三は 二分の一",
        "6/5、1 3/5、2025/10/28、1,234/5",
        "一ダース、半ダース、半分",
        ".23456、-.5、マイナス3",
        "40k、-2.5 M、3Mbps、5kg",
        "第3四半期、1・5倍、29・5億",
        "▲3億円、△0.5ポイント",
    ],
)
def test_the_fast_path_finds_what_the_whole_pattern_finds(text: str) -> None:
    assert _found(_expressions(text)) == _found(_EXPRESSION.finditer(text))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_EXPRESSION_PIECES), max_size=40).map("".join))
def test_the_fast_path_matches_the_whole_pattern_on_any_text(text: str) -> None:
    assert _found(_expressions(text)) == _found(_EXPRESSION.finditer(text))
