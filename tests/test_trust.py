"""Issue 11: never a confident wrong answer, no silent "unverifiable", and a wrong figure caught
with no rate and no date. Passages in the style of real copy, each with consistent, wrong and
distractor versions; problems compared as ``(line, column, rule, status)``."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from figcheck.check import check
from figcheck.context import CheckOptions, RateSource
from figcheck.figures import figures
from figcheck.model import DateOrigin, Finding, OutputFormat, Reason, RunReport, Status
from figcheck.pipeline import check_text
from figcheck.rates import RateTable, default_table_path
from figcheck.report.base import dated_text, formatter_for
from figcheck.scan import scan
from tests import common
from tests.common import Case, cases, expect
from tests.conftest import make_table

D = Decimal
TABLE = make_table(
    "1999-01-04,USD,JPY,112.15,reference,ECB",
    "2011-10-31,USD,JPY,75.76977,reference,ECB",
    "2024-07-03,USD,JPY,163.9131,reference,ECB",
    "2025-02-28,EUR,JPY,156.26,reference,ECB",
    "2026-10-30,USD,JPY,154.2,reference,ECB",
)


def conversions(text: str, table: RateSource | None = TABLE, **options: object) -> list[Finding]:
    return common.conversions(text, table, **options)


# -- A. a nakaguro 「・」 between digits ------------------------------------------------------------

# (text, the money read as (text, value))
NAKAGURO = [
    Case("欧州委員会は同社に２９・５億ユーロの制裁金を科した。", [("２９・５億ユーロ", "2950000000")]),
    Case("政府は約３・３兆円の経済対策をまとめた。", [("約３・３兆円", "3300000000000")]),
    Case("同社は１・５億ドルを投じる。", [("１・５億ドル", "150000000")]),
    Case("1株0・35ドルの配当", [("0・35ドル", "0.35")]),
    # Kanji, as vertical copy writes decimals.
    Case("総額は一・五兆ドルに上る。", [("一・五兆ドル", "1500000000000")]),
    Case("予算は五・六億円。", [("五・六億円", "560000000")]),
    Case("総額は二十一・五兆円。", [("二十一・五兆円", "21500000000000")]),
    # Distractors: lists and dates, no decimals.
    Case("1・2月期の売上高は30億円だった。", [("30億円", "3000000000")]),
    Case("三・四月期の売上高は三十億円だった。", [("三十億円", "3000000000")]),
    Case("一・二審で計五億円の賠償を命じた。", [("五億円", "500000000")]),
    Case("3・4号機の再稼働に1兆円", [("1兆円", "1000000000000")]),
    Case("10・11日の両日、500億円規模の入札", [("500億円", "50000000000")]),
]


@pytest.mark.parametrize(("text", "expected"), cases(NAKAGURO))
def test_nakaguro_decimal_in_money(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.text, m.value) for m in scan(text).money] == [(t, D(v)) for t, v in expected]


# (text, the numbers and percentages read)
NAKAGURO_FIGURES = [
    Case("消費者物価は前年比４・２％上昇した。", ["４・２％"]),
    Case("倍率は1・5倍に達した。", ["1・5"]),
    Case("1・2月期の決算", ["1", "2"]),
    Case("3・4号機", ["3", "4"]),
    Case("第1・第2四半期", ["1", "2"]),
    Case("10・11日に開く", ["10", "11"]),
    Case("成長率は二・五％だった。", ["二・五％"]),
    Case("倍率は一・五倍。", ["一・五"]),
    Case("三・四月に", ["三", "四"]),
]


@pytest.mark.parametrize(("text", "expected"), cases(NAKAGURO_FIGURES))
def test_nakaguro_decimal_in_figures(text: str, expected: list[str]) -> None:
    assert [f.text for f in figures(text).figures] == expected


# Each pins a bug: before the fix, ２９・５億 was read as ５億 and the check answered with a
# confident correction six times too small (約８００億円).
BUGS_CAUGHT = [
    Case(
        "２０２５年３月１日\n制裁金は２９・５億ユーロ（約４７２０億円、１ユーロ＝１６０円で換算）。",
        [],
        "29・5 read as 5",
    ),
    Case("２０２５年３月１日\n対策は約３・３兆円（約２２０億ドル、１ドル＝１５０円で換算）。", [], "3・3 read as 3"),
    Case(
        "２０２５年３月１日\n投資は１００億ドル（約１兆５０５０億円、１ドル＝１５０・５円で換算）。",
        [],
        "150・5 read as 5",
    ),
]
BUGS_CAUGHT += [
    Case(
        "２０２５年３月１日\n総額は一・五兆ドル（約二百三十兆円、１ドル＝１５０円で換算）。",
        [],
        "一・五 read as 五: 「write 約七百五十兆円」",
    ),
]
WRONG = [
    Case(
        "２０２５年３月１日\n総額は一・五兆ドル（約三百兆円、１ドル＝１５０円で換算）。",
        [(2, 4, "conversion", "mismatch")],
    ),
    Case(
        "２０２５年３月１日\n制裁金は２９・５億ユーロ（約５７２０億円、１ユーロ＝１６０円で換算）。",
        [(2, 5, "conversion", "mismatch")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), cases(BUGS_CAUGHT + WRONG))
def test_nakaguro_conversions(text: str, expected: list[tuple[int, int, str, str]]) -> None:
    expect(text, *expected)


def test_nakaguro_wrong_figure_gets_the_right_suggestion() -> None:
    (f,) = conversions("制裁金は２９・５億ユーロ（約５７２０億円、１ユーロ＝１６０円で換算）。")
    assert f.status is Status.MISMATCH
    assert f.suggestion == "約４７２０億円"


@pytest.mark.parametrize("figure", ["1・2・5億ドル", "一・二・五億ドル"])
def test_an_uncertain_reading_gets_no_suggestion(figure: str) -> None:
    """「1・2・5億ドル」: the 「・」 before 2・5 is no decimal point, and 2・5億 may not be the figure."""
    (f,) = conversions(f"2025年3月1日\n{figure}（約3000億円、1ドル＝150円で換算）", rates={})
    assert f.status is Status.UNVERIFIABLE
    assert f.reason is Reason.UNCERTAIN
    assert f.suggestion is None


# -- C. every unverifiable conversion says why ------------------------------------------------------

# (text, options, the reason, a phrase of its advice)
REASONS = [
    Case("ソウル発\n韓国は2兆ウォン（約2100億円）を投じる。", ({}, Reason.NO_DATE, "--date")),
    Case("2025-10-28\n韓国は2兆ウォン（約2100億円）を投じる。", ({}, Reason.NO_CURRENCY, "rates import")),
    Case("2026-11-20\n米国は100億ドル（約1兆5400億円）を投じる。", ({}, Reason.AFTER_TABLE, "rates update")),
    Case("1990-01-10\n米国は100億ドル（約1兆4500億円）を投じた。", ({}, Reason.NO_ROW, "--rate USD=")),
    Case("2025-10-28\n日本は0ドル（0円）", ({}, Reason.NO_AMOUNT, "no amount")),
]


@pytest.mark.parametrize(("text", "expected"), cases(REASONS))
def test_every_unverifiable_conversion_says_why(text: str, expected: tuple[dict[str, object], Reason, str]) -> None:
    options, reason, advice = expected
    (f,) = conversions(text, **options)
    assert f.status is Status.UNVERIFIABLE
    assert f.reason is reason
    assert advice in f.message


def test_after_table_names_the_last_date() -> None:
    (f,) = conversions("2026-11-20\n米国は100億ドル（約1兆5400億円）を投じる。")
    assert "2026-10-30" in f.message
    assert "2026-11-20" in f.message


# -- D. a wrong figure is caught with no rate and no date ------------------------------------------

# (text with no date and no rate, the status)
HISTORY = [
    Case("同社は8億ドル（約12億円）を投じる。", Status.MISMATCH),  # 万 for 億: 1.5円 a dollar
    Case("同社は8億ドル（約12兆円）を投じる。", Status.MISMATCH),  # 1万5000円 a dollar
    Case("同社は8億ドル（約1200億円）を投じる。", Status.UNVERIFIABLE),  # 150円: holds on some date
    Case("同社は8億ドル（約1250億円）を投じる。", Status.UNVERIFIABLE),  # 156円: wrong or not by its date
    Case("当時は8億ドル（約2880億円）だった。", Status.UNVERIFIABLE),  # 360円: before the table, not wrong
    Case("同社は8億ドル（約500億円）を投じる。", Status.UNVERIFIABLE),  # 62.5円: below 76, within the margin
    Case("同社は12億円（約800万ドル）を投じる。", Status.UNVERIFIABLE),  # yen first: 150円
    Case("同社は12億円（約8億ドル）を投じる。", Status.MISMATCH),  # yen first: 1.5円
]


@pytest.mark.parametrize(("text", "expected"), cases(HISTORY))
def test_a_figure_wrong_on_any_date(text: str, expected: Status) -> None:
    (f,) = conversions(text)
    assert f.status is expected
    assert f.suggestion is None  # no rate is known: never a confident figure
    if expected is Status.MISMATCH:
        assert "75.77–163.91円" in f.message
        assert "1999-01-04 to 2026-10-30" in f.message


def test_no_consistent_figure_is_wrong_on_every_date() -> None:
    """At the lowest and the highest rate the shipped table ever had, for every currency, a
    correctly rounded conversion never becomes a mismatch without a date."""
    table = RateTable.open(default_table_path())
    from figcheck import currencies

    for code in sorted({c for c in currencies.WORDS.values() if c != "JPY"}):
        coverage = table.coverage(code, "JPY")
        if coverage is None:
            continue
        word = currencies.word_for(code)
        for rate in (coverage.low, coverage.high):
            yen = (D(10) ** 10 * rate).quantize(D("1E8"))  # 100億 units, the yen to 億
            text = f"同社は100億{word}（約{yen / D(10) ** 8:f}億円）を投じる。"
            (f,) = conversions(text, table=table)
            assert f.status is Status.UNVERIFIABLE, (code, rate, f.message)


# -- B. the report says which date it used and where ---------------------------------------------

LONG_BODY = "政府は対米投資の実行について説明した。\n" * 120  # past the 2000 characters read at each end

# (text, (the date, where it came from, its line))
WHERE_DATED = [
    Case("2025年10月28日\n日本は5500億ドル（約84兆円）を投じる。", ("2025-10-28", "text", 1)),
    Case("日米首脳が会談\n配信日時：2025/10/28 18:05\n本文", ("2025-10-28", "text", 2)),
    Case("見出し\n\n\n本文。\n（2017年7月27日付）", ("2017-07-27", "text", 5)),
    Case("見出し\n" + LONG_BODY + "(聯合ニュース 2017/7/27)\n", ("2017-07-27", "text", 122)),
    Case("見出し\r\n更新日 2016.07.26\r\n本文", ("2016-07-26", "text", 2)),
    # Distractor: an event's date in a sentence dates nothing.
    Case("見出し\n同社は2016年3月1日に買収した。", None),
]


@pytest.mark.parametrize(("text", "expected"), cases(WHERE_DATED))
def test_where_the_date_was_found(text: str, expected: tuple[str, str, int] | None) -> None:
    found = scan(text).dated
    assert (None if found is None else (found.on.isoformat(), str(found.origin), found.line)) == expected


def test_the_report_says_which_date_and_where() -> None:
    text = "見出し\n更新日 2025.10.28\n日本は5500億ドル（約84兆円）を投じる。"
    assert (
        dated_text(check_text(text, path="a.txt", rates=TABLE, options=CheckOptions()).dated)
        == "article date: 2025-10-28 (line 2)"
    )
    option = check_text(text, path="a.txt", rates=TABLE, options=CheckOptions(date=dt.date(2025, 10, 1)))
    assert option.dated is not None
    assert (option.dated.origin, dated_text(option.dated)) == (DateOrigin.OPTION, "article date: 2025-10-01 (--date)")
    front = check_text("---\ntitle: x\ndate: 2025-10-28\n---\n本文", path="a.md", rates=TABLE, options=CheckOptions())
    assert dated_text(front.dated) == "article date: 2025-10-28 (front matter, line 3)"
    assert dated_text(check_text("本文", path="a.txt", rates=TABLE, options=CheckOptions()).dated).startswith(
        "article date: none found (pass --date"
    )


# -- E. writers convert at an earlier rate: the reference window ---------------------------------

# The yen weakens 4% over a month: 147 on 2025-10-01, 153 on 2025-10-31. A house row in the window
# (the desk's own 140) is exact and never widens a reference band.
MONTH = make_table(
    "2025-08-15,USD,JPY,140,reference,ECB",
    "2025-10-01,USD,JPY,147,reference,ECB",
    "2025-10-10,USD,JPY,149.5,reference,ECB",
    "2025-10-15,USD,JPY,140,house,desk",
    "2025-10-20,USD,JPY,151.2,reference,ECB",
    "2025-10-31,USD,JPY,153,reference,ECB",
)
ON_31 = "2025年10月31日\n"

# (text, {options}, the conversion's status) — checked against MONTH
WINDOW = [
    # Consistent: converted at the 1st's 147 (1470億), at the 20th's 151.2, at the day's 153.
    Case(ON_31 + "同社は10億ドル（約1470億円）を投じる。", ({}, Status.OK)),
    Case(ON_31 + "同社は10億ドル（約1510億円）を投じる。", ({}, Status.OK)),
    Case(ON_31 + "同社は10億ドル（約1530億円）を投じる。", ({}, Status.OK)),
    Case(ON_31 + "同社は10億ドル（約1440億円）を投じる。", ({}, Status.OK)),  # 147 less 2%
    # Wrong: a digit slip, a unit slip, a rate the month never came near.
    Case(ON_31 + "同社は10億ドル（約1兆4700億円）を投じる。", ({}, Status.MISMATCH)),
    Case(ON_31 + "同社は10億ドル（約147億円）を投じる。", ({}, Status.MISMATCH)),
    Case(ON_31 + "同社は10億ドル（約1350億円）を投じる。", ({}, Status.MISMATCH)),  # 135: below 147 less 2%
    Case(ON_31 + "同社は10億ドル（約1610億円）を投じる。", ({}, Status.MISMATCH)),  # 161: above 153 plus 2%
    # Distractors: with no window the day's rate alone judges; a rate of two months before (140, the
    # 15 August row, and the desk's 140) is outside the window.
    Case(ON_31 + "同社は10億ドル（約1470億円）を投じる。", ({"reference_window": 0}, Status.MISMATCH)),
    Case(ON_31 + "同社は10億ドル（約1390億円）を投じる。", ({}, Status.MISMATCH)),
    Case(ON_31 + "同社は10億ドル（約1390億円）を投じる。", ({"reference_window": 90}, Status.OK)),
    Case("2025年10月10日\n同社は10億ドル（約1530億円）を投じる。", ({}, Status.MISMATCH)),  # the window is before
]


@pytest.mark.parametrize(("text", "expected"), cases(WINDOW))
def test_reference_window(text: str, expected: tuple[dict[str, object], Status]) -> None:
    options, status = expected
    assert [f.status for f in conversions(text, MONTH, **options)] == [status]


def test_the_finding_names_the_band_used() -> None:
    (ok,) = conversions(ON_31 + "同社は10億ドル（約1470億円）を投じる。", MONTH)
    assert "within 144.06–156.06円 (the table's 147–153円 from 2025-10-01 to 2025-10-31, ±2%)" in ok.message
    assert ok.rate is not None
    assert ok.rate.window is not None
    assert (ok.rate.window.low, ok.rate.window.high) == (D(147), D(153))
    (wrong,) = conversions(ON_31 + "同社は10億ドル（約1610億円）を投じる。", MONTH)
    assert "outside 144.06–156.06円 (the table's 147–153円 from 2025-10-01 to 2025-10-31, ±2%)" in wrong.message
    assert wrong.suggestion == "約1530億円"  # the day's rate gives the fix


# (text, the article's rate findings as (line, column, rule, status))
STATED_WINDOW = [
    Case(ON_31 + "同社は10億ドル（約1470億円、1ドル＝147円で換算）を投じる。", []),  # the 1st's rate
    Case(ON_31 + "同社は10億ドル（約1300億円、1ドル＝130円で換算）を投じる。", [(2, 18, "rate", "mismatch")]),
    Case(ON_31 + "同社は10億ドル（約1700億円、1ドル＝170円で換算）を投じる。", [(2, 18, "rate", "mismatch")]),
]


@pytest.mark.parametrize(("text", "expected"), cases(STATED_WINDOW))
def test_an_article_rate_from_the_window_is_no_warning(text: str, expected: list[tuple[int, int, str, str]]) -> None:
    expect(text, *expected, table=MONTH)


# -- G. no wrong warnings --------------------------------------------------------------------------

# (text, the rates read as the article's (text)) — a rate described is never the conversion rate
DESCRIBED_RATES = [
    Case("昨年のドル円レートは平均で1ドル＝114円だった。", []),
    Case("期中平均レートは1ドル＝140円だった。", []),
    Case("同社は今期の想定為替レートを1ドル＝145円に設定した。", []),
    Case("市場では年末に1ドル＝160円まで進むとの予想もある。", []),
    Case("為替レートは1ドル＝150円前後で推移した。", []),
    Case("政府は1ドル＝140円を前提に予算を組んだ。", []),
    # Consistent: the article converts at a rate (with or without such words).
    Case("※1ドル＝150円で換算", ["1ドル＝150円"]),
    Case("想定レートの1ドル＝145円で換算すると、影響額は約1450億円になる。", ["1ドル＝145円"]),
    Case("（期中平均の1ドル＝140円で換算）", ["1ドル＝140円"]),
    Case("2025年10月28日時点の基準レート1ドル153円による。", ["1ドル153円"]),
]


@pytest.mark.parametrize(("text", "expected"), cases(DESCRIBED_RATES))
def test_a_described_rate_is_not_the_conversion_rate(text: str, expected: list[str]) -> None:
    assert [r.text for r in scan(text).rates] == expected


def test_a_described_rate_does_not_check_the_conversions() -> None:
    text = "2025-10-31\n昨年の為替レートは平均で1ドル＝114円だった。同社は10億ドル（約1530億円）を投じる。"
    (f,) = conversions(text, MONTH)
    assert f.rate is not None
    assert (f.rate.origin, f.status) == ("table", Status.OK)  # not a mismatch at 114


# (text, the rules of the problems found besides unverifiable conversions: no rate and no date)
CONSISTENCY = [
    # 0.04% apart (153.055–153.07 and 152.97–153.0): rounding, or two days' rates, not an error.
    Case("A社は100億ドル（1兆5306億円）、B社は50億ドル（7649億円）を投じる。", []),
    Case("A社は100億ドル（約1兆5010億円）、B社は50億ドル（約7650億円）を投じる。", []),  # 150.2 and 152.9: 1.8%
    # Wrong: 150 and 200, 153 and 120.
    Case("A社は100億ドル（約1兆5000億円）、B社は20億ドル（約4000億円）を投じる。", ["rate-consistency"]),
    Case("A社は100億ドル（約1兆5300億円）、B社は100億ドル（約1兆2000億円）を投じる。", ["rate-consistency"]),
    # Distractor: two currencies never compare.
    Case("A社は100億ドル（約1兆5300億円）、B社は100億ユーロ（約1兆7600億円）を投じる。", []),
]


@pytest.mark.parametrize(("text", "expected"), cases(CONSISTENCY))
def test_rate_consistency_beyond_the_tolerance(text: str, expected: list[str]) -> None:
    assert [p[2] for p in common.problems(text) if p[3] != "unverifiable"] == expected


# (text, what the message says of the months whose rates give the figure) — no date, no rate
PERIODS_TABLE = make_table(
    "2024-12-02,USD,JPY,150,reference,ECB",
    "2025-01-06,USD,JPY,150,reference,ECB",
    "2025-02-03,USD,JPY,100,reference,ECB",
    "2025-03-03,USD,JPY,151,reference,ECB",
    "2025-04-01,USD,JPY,80,reference,ECB",
)
PERIODS = [
    Case("同社は10億ドル（約1500億円）を投じる。", "it holds in 2024-12 to 2025-01, 2025-03"),  # a gap in February
    Case("同社は10億ドル（約1020億円）を投じる。", "it holds in 2025-02"),
    Case("同社は10億ドル（約1250億円）を投じる。", "no month of the table (2024-12 to 2025-04) has rates that give it"),
]


@pytest.mark.parametrize(("text", "expected"), cases(PERIODS))
def test_an_undated_figure_says_when_it_would_hold(text: str, expected: str) -> None:
    (f,) = conversions(text, PERIODS_TABLE)
    assert (f.status, f.reason) == (Status.UNVERIFIABLE, Reason.NO_DATE)
    assert expected in f.message


# -- F. conversion forms of real copy ------------------------------------------------------------

# (text, the pairs (source, stated) it gives); distractors give none
FORMS = [
    # Prose after a stated rate, in the same or the previous sentence; yen first too.
    Case("1ドル＝150円とすると、20億ドルはおよそ3000億円になる。", [("20億ドル", "およそ3000億円")]),
    Case("1ユーロ＝160円で計算すると、制裁金の30億ユーロは4800億円に相当する。", [("30億ユーロ", "4800億円")]),
    Case("研究開発予算4兆3500億円は、1ドル＝145円で換算すると300億ドルにとどまる。", [("4兆3500億円", "300億ドル")]),
    Case("※1ドル＝150円で換算。同社の20億ドルは約3000億円に当たる。", [("20億ドル", "約3000億円")]),
    Case("A社は20億ドル、B社は3000億円を投じる。", []),  # no rate: two investments
    Case("1ドル＝150円で換算した。A社の20億ドルは3000億円の案件と並ぶ。", []),  # no predicate of conversion
    Case("20億ドルは3000億円の事業だ。", []),  # no rate stated
    # Explainers: formula lines, arrows, several rates in one sentence (each its own claim).
    Case("20億ドル × 150円 ＝ 3000億円", [("20億ドル", "3000億円")]),
    Case("・300ドル → 約4万5000円", [("300ドル", "約4万5000円")]),
    Case(
        "20億ドルは、1ドル＝140円なら約2800億円、160円なら約3200億円になる。",
        [("20億ドル", "約2800億円"), ("20億ドル", "約3200億円")],
    ),
    # The rate supposed before the amount: its alternatives pair with the amount too.
    Case(
        "1ドル＝140円なら、20億ドルは約2800億円、160円なら約3200億円になる。",
        [("20億ドル", "約2800億円"), ("20億ドル", "約3200億円")],
    ),
    # 「AをR円で換算すると B」: the rate between the two figures; yen first too.
    Case("輸出の20億ドルを1ドル＝140円で換算すると約2800億円になる。", [("20億ドル", "約2800億円")]),
    Case("予算4兆3500億円を1ドル＝145円で換算すると300億ドルにとどまる。", [("4兆3500億円", "300億ドル")]),
    Case("1ドル＝150円で換算した。A社は20億ドルを投じ、3000億円の利益を見込む。", []),  # を, no conversion verb
    Case(
        "1ドル＝150円なら、日本の投資額5500億ドルは82兆5000億円、160円なら88兆円となる。",
        [("5500億ドル", "82兆5000億円"), ("5500億ドル", "88兆円")],
    ),
    Case("米国では、1ドル＝150円なら、20億ドルは3000億円になる。", [("20億ドル", "3000億円")]),
    Case("3000億円 × 2 ＝ 6000億円", []),  # yen times a count: no rate
    # Bracket prefixes: 当時, 当時のレートで, 執筆当時のレートで, 現レートで; a colon inside.
    Case("2016年に240億ポンド（当時のレートで約3兆3000億円）で買収した。", [("240億ポンド", "約3兆3000億円")]),
    Case("同社は12億ドル（現レートで約1800億円）を投じる。", [("12億ドル", "約1800億円")]),
    Case("同社は12億ドル（執筆当時のレートで約1800億円）を投じた。", [("12億ドル", "約1800億円")]),
    Case("入場料は（5万ルピー：約9万円）と高い。", [("5万ルピー", "約9万円")]),
    Case("売上高：5万ルピー、利益：9万円", []),  # a list, not a conversion
    # Next-sentence openers in every register.
    Case(
        "同社の売上高は約40億ユーロでございます。日本円に換算しますと、約6500億円となります。",
        [("約40億ユーロ", "約6500億円")],
    ),
    Case("基金は50億ユーロ。日本円にすると約8000億円だ。", [("50億ユーロ", "約8000億円")]),
    Case("A社は50億ユーロ、B社は30億ユーロ。日本円で約8000億円になる。", []),  # which one: not paired
    # Ranges in prose, each end checked.
    Case(
        "土産は10ドルから30ドルほどで、日本円にすると1500円から4500円ほど。",
        [("10ドル", "1500円"), ("30ドル", "4500円")],
    ),
    # A 'conversion' into the same currency; a part or a restatement in brackets is none.
    Case("同社は121億ドル（1兆8300億ドル）を投じる。", [("121億ドル", "1兆8300億ドル")]),
    Case("同社は50億ドル（うち20億ドル）を投じる。", []),
    Case("同社は50億ドル（約48億ドル）を投じる。", []),
    # A letter E for the euro sign, in text about euros only.
    Case("ユーロ高が続く。E10の買い物は日本円で1,600円になる。", [("E10", "1,600円")]),
    Case("E10ガソリンは日本円で200円。", []),
    Case("20億ドルの買収額は日本円で約3000億円だった。", [("20億ドル", "約3000億円")]),
    # The figure itself the topic, the phrase naming the conversion; never a yen figure that is a change.
    Case("投資額の20億ドルは日本円で約3060億円に相当する。", [("20億ドル", "約3060億円")]),
    Case("20億ドルは、日本円にして約3060億円だ。", [("20億ドル", "約3060億円")]),
    Case("同社の損失20億ドルは円換算で約3060億円にのぼる。", [("20億ドル", "約3060億円")]),
    Case("20億ドルが日本円で約3060億円。", [("20億ドル", "約3060億円")]),
    Case("20億ドルは約3060億円にあたる。", []),  # no phrase, no stated rate
    Case("米国は20億ドル、日本は日本円で約3000億円を拠出する。", []),
    Case("保有する米国債1兆ドルは円換算で約10兆円目減りした。", []),
    Case("米国債1兆ドルの評価額は円換算で約10兆円目減りした。", []),
    Case("同社の評価額20億ドルは円換算で約100億円減った。", []),
    # The figure a verb reaches, then the phrase, the yen ending the clause.
    Case("同社の時価総額は3兆ドルを超え、円換算で約460兆円に達した。", [("3兆ドル", "約460兆円")]),
    Case("損失は20億ドルに上り、日本円で約3060億円となった。", [("20億ドル", "約3060億円")]),
    Case("輸出額は500億ドルに達し、円換算では約7兆6500億円だった。", [("500億ドル", "約7兆6500億円")]),
    Case("負債は20億ドルに膨らみ、円換算で約3060億円にのぼる。", [("20億ドル", "約3060億円")]),
    Case("売上高は50億ドルを超え、円換算で前年を約1000億円上回った。", []),
    Case("売上高は50億ドルを超え、円換算で約7650億円増えた。", []),  # a change, not the figure
    Case("米国は20億ドルを超え、日本は日本円で約3000億円を拠出する。", []),
    Case("売上高は20億ドルとなり、円換算で約3000億円の前年を上回った。", []),
    # Two figures and their two conversions in one bracket pair in order; any other list pairs nothing.
    Case(
        "日本と韓国はそれぞれ5500億ドルと3500億ドル（約84兆円と約53兆円）を投じる。",
        [("5500億ドル", "約84兆円"), ("3500億ドル", "約53兆円")],
    ),
    Case(
        "両国は5500億ドル、3500億ドル（約84兆円、約53兆円）を投じる。",
        [("5500億ドル", "約84兆円"), ("3500億ドル", "約53兆円")],
    ),
    Case("両国は5500億ドルと3500億ドル（約53兆円）を投じる。", []),  # which one, or the sum?
    Case(
        "両国は5500億ドルと3500億ドル（それぞれ約84兆円、約53兆円）を投じる。",
        [("5500億ドル", "約84兆円"), ("3500億ドル", "約53兆円")],
    ),
    Case(
        "日本は5500億ドル（約84兆円）、韓国は3500億ドル（同約53兆円）。",
        [("5500億ドル", "約84兆円"), ("3500億ドル", "約53兆円")],
    ),
    Case("同社は20億ドル（同社は約3000億円を見込む）を投じる。", []),
    Case("3国は5500億ドル、3500億ドル、1000億ドル（約84兆円、約53兆円、約15兆円）を投じる。", []),
    Case("日本は5500億ドル、韓国は3500億ドル（約53兆円）を投じる。", [("3500億ドル", "約53兆円")]),
    # Hard-wrapped copy: a line break before the bracket; never a paragraph's.
    Case("同社は10億ドル\n（約1530億円）を投じる。", [("10億ドル", "約1530億円")]),
    Case("同社は10億ドル\r\n（約1530億円）を投じる。", [("10億ドル", "約1530億円")]),
    Case("予算は10億ドル\n\n（約1530億円）", []),
    Case("予算は10億ドル\n（注）日本は約1530億円", []),
    # A noun or a word of size between the figure and its bracket; never a part or a multiple of it.
    Case("同社は20億ドルの赤字（約3060億円）だった。", [("20億ドル", "約3060億円")]),
    Case("同社は20億ドルの赤字（約3060億円の赤字）だった。", [("20億ドル", "約3060億円")]),
    Case("EUは50億ユーロの基金（約8000億円）を設ける。", [("50億ユーロ", "約8000億円")]),
    Case("同社は3060億円の赤字（約20億ドル）だった。", [("3060億円", "約20億ドル")]),
    Case("同社は20億ドル規模（約3060億円）の投資をする。", [("20億ドル", "約3060億円")]),
    Case("同社は20億ドル相当（約3060億円）の株を買う。", [("20億ドル", "約3060億円")]),
    # A change converted: 増, 減, 高, 安 on the figure, on its conversion or not.
    Case("純利益は前年同期比20億ドル減（約3060億円減）の50億ドルだった。", [("20億ドル", "約3060億円")]),
    Case("売上高は同20億ドル増（約3060億円増）となった。", [("20億ドル", "約3060億円")]),
    Case("同社株は前日比5ドル高（約765円高）の200ドルで終えた。", [("5ドル", "約765円")]),
    Case("売上高は20億ドル増（前年比3％増）だった。", []),
    Case("同社は20億ドルのプロジェクト（約3060億円）を受注した。", [("20億ドル", "約3060億円")]),
    Case("同社は20億ドルの半分（約1500億円）を返す。", []),
    Case("同社は20億ドルの約半分（約1500億円）を返す。", []),
    Case("同社は20億ドルの二倍（約6000億円）を稼ぐ。", []),
    Case("同社は20億ドルの一部（約300億円）を返す。", []),
    Case("同社は20億ドルの残額（約1000億円）を返す。", []),
    Case("同社は20億ドルの3割（約900億円）を返す。", []),
    Case("同社は20億ドルのうち日本分（約300億円）を返す。", []),
    Case("同社は20億ドルの赤字（前年は約3000億円の黒字）だった。", []),
    # A pipe table: a column whose header names yen conversions; never two facts side by side.
    Case(
        "| 分野 | 金額 | 円換算 |\n| --- | ---: | ---: |\n| 半導体 | 1000億ドル | 約15兆3000億円 |\n"
        "| 電力 | 2000億ドル | 約31兆円 |\n",
        [("1000億ドル", "約15兆3000億円"), ("2000億ドル", "約31兆円")],
    ),
    Case("品目|ドル|円\n:--|--:|--:\n土産|300ドル|約4万5000円\n", [("300ドル", "約4万5000円")]),
    Case(
        "| 品目 | ドル | 円 |\r\n| --- | --- | --- |\r\n| 土産 | 300ドル | 約4万5000円 |\r\n",
        [("300ドル", "約4万5000円")],
    ),
    Case(
        "| 項目 | 金額 | 日本円換算（概算） |\n|---|---|---|\n| 基金 | 50億ユーロ | 約8000億円 |\n",
        [("50億ユーロ", "約8000億円")],
    ),
    Case("| 国 | 米国 | 日本 |\n| --- | --- | --- |\n| 投資額 | 20億ドル | 3000億円 |\n", []),
    Case("| 年 | 売上高 | 利益 |\n| --- | --- | --- |\n| 2025 | 20億ドル | 3000億円 |\n", []),
    # ... a row with a rate of its own, a range or two amounts is not plain: nothing.
    Case("| 金額 | レート | 円換算 |\n| --- | --- | --- |\n| 20億ドル | 140円 | 約2800億円 |\n", []),
    Case("| 金額 | 円換算 |\n| --- | --- |\n| 20億〜30億ドル | 約3000億円 |\n", []),
    Case("| 円換算 | 金額 |\n| --- | --- |\n| 約3000億円 | 20億ドル |\n", []),
    Case("| 分野 | 金額 | 円換算 |\n\n| 半導体 | 1000億ドル | 約15兆3000億円 |\n", []),  # no delimiter row
    # Units beyond 京 (court fines).
    Case("裁判所は2澗ルーブル（約3澗6000溝円）の支払いを命じた。", [("2澗ルーブル", "約3澗6000溝円")]),
    Case("東京への一極集中が進み、3極体制となった。", []),
]


@pytest.mark.parametrize(("text", "expected"), cases(FORMS))
def test_real_conversion_forms(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(c.source.text, c.stated.text) for c in scan(text).conversions] == expected


# A table for the verdicts of the forms: the dollar at 147–153 in October 2025, the pound through 2016.
FORMS_TABLE = make_table(
    "2016-01-04,GBP,JPY,177,reference,ECB",
    "2016-06-30,GBP,JPY,137,reference,ECB",
    "2016-12-30,GBP,JPY,144,reference,ECB",
    "2025-10-01,USD,JPY,147,reference,ECB",
    "2025-10-28,USD,JPY,153,reference,ECB",
    "2025-10-28,RUB,JPY,1.9,reference,ECB",
)
DAY = "2025年10月28日\n"

# (text, the conversions' statuses, the other rules' findings)
FORM_VERDICTS = [
    Case(DAY + "1ドル＝150円とすると、20億ドルはおよそ3000億円になる。", ([Status.OK], [])),
    Case(DAY + "1ドル＝150円とすると、20億ドルはおよそ3500億円になる。", ([Status.MISMATCH], [])),
    Case(DAY + "20億ドル × 150円 ＝ 3000億円", ([Status.OK], [])),
    Case(DAY + "20億ドル × 150円 ＝ 3500億円", ([Status.MISMATCH], [])),
    # Each rate its own claim; a rate supposed (なら) is no `rate` warning.
    Case(DAY + "20億ドルは、1ドル＝140円なら約2800億円、160円なら約3200億円になる。", ([Status.OK, Status.OK], [])),
    Case(
        DAY + "20億ドルは、1ドル＝140円なら約2800億円、160円なら約3300億円になる。", ([Status.OK, Status.MISMATCH], [])
    ),
    # A rate supposed right before the amount is its rate (not the table's 153), and so are its
    # alternatives: at 153 the first would hold and the second would not.
    Case(DAY + "1ドル＝140円なら、20億ドルは約2800億円、160円なら約3200億円になる。", ([Status.OK, Status.OK], [])),
    Case(
        DAY + "1ドル＝140円なら、20億ドルは約3100億円、160円なら約3500億円になる。",
        ([Status.MISMATCH, Status.MISMATCH], []),
    ),
    Case(DAY + "1ドル＝140円として、20億ドルは約2800億円になる。", ([Status.OK], [])),
    Case(DAY + "1ドル＝150円なら、日本の投資額5500億ドルは82兆5000億円となる。", ([Status.OK], [])),
    # ... but not across a sentence end: this bracket is at the table's 153 (at 150 it would fail).
    Case(DAY + "1ドル＝150円なら輸出は増える。20億ドル（約3060億円）の案件もある。", ([Status.OK], [])),
    Case(DAY + "1ドル＝140円の場合、20億ドルは約3060億円になる。", ([Status.MISMATCH], [])),
    Case(DAY + "輸出の20億ドルを1ドル＝140円で換算すると約2800億円になる。", ([Status.OK], [])),
    Case(DAY + "輸出の20億ドルを1ドル＝140円で換算すると約3060億円になる。", ([Status.MISMATCH], [])),
    # A rate supposed in a later sentence is no rate of the conversions before it (found in tmux).
    Case(
        DAY + "同社は10億ドル（約1530億円）を投じる。\n20億ドルは、1ドル＝140円なら約2800億円、160円なら約3200億円だ。",
        ([Status.OK, Status.OK, Status.OK], []),
    ),
    Case(DAY + "同社は10億ドル（約1530億円）を投じる。\n20億ドル × 150円 ＝ 3000億円", ([Status.OK, Status.OK], [])),
    # 当時: the rates of the year the sentence names (GBP 137–177 in 2016), never the article's date.
    Case(DAY + "2016年に240億ポンド（当時のレートで約3兆3000億円）で買収した。", ([Status.OK], [])),
    Case(DAY + "2016年に240億ポンド（当時のレートで約5兆円）で買収した。", ([Status.MISMATCH], [])),
    Case(DAY + "英社は240億ポンド（当時のレートで約3兆3000億円）で買収した。", ([Status.UNVERIFIABLE], [])),
    # 現レートで: the article's date.
    Case(DAY + "同社は12億ドル（現レートで約1840億円）を投じる。", ([Status.OK], [])),
    Case(DAY + "同社は12億ドル（現レートで約1400億円）を投じる。", ([Status.MISMATCH], [])),
    # The same currency twice: certainly wrong.
    Case(DAY + "同社は121億ドル（1兆8300億ドル）を投じる。", ([Status.MISMATCH], [])),
    Case(DAY + "同社は20億ドルの赤字（約3060億円）だった。", ([Status.OK], [])),
    Case(DAY + "同社は20億ドルの赤字（約4000億円の赤字）だった。", ([Status.MISMATCH], [])),
    Case(DAY + "同社は20億ドル規模（約2500億円）の投資をする。", ([Status.MISMATCH], [])),
    Case(DAY + "20億ドルは日本円で約3060億円に相当する。", ([Status.OK], [])),
    Case(DAY + "20億ドルは日本円で約2500億円に相当する。", ([Status.MISMATCH], [])),
    Case(DAY + "純利益は前年同期比20億ドル減（約3060億円減）だった。", ([Status.OK], [])),
    Case(DAY + "純利益は前年同期比20億ドル減（約2060億円減）だった。", ([Status.MISMATCH], [])),
    Case(DAY + "保有する米国債1兆ドルは円換算で約10兆円目減りした。", ([], [])),
    Case(DAY + "損失は20億ドルに上り、日本円で約3060億円となった。", ([Status.OK], [])),
    Case(DAY + "損失は20億ドルに上り、日本円で約2060億円となった。", ([Status.MISMATCH], [])),
    Case(DAY + "同社は20億ドルの半分（約1530億円）を返す。", ([], [])),
    # 「A、約B」 joined by a comma alone: wrong by a little is a mismatch; far off any rate, perhaps two facts.
    Case(DAY + "投資額は約20億ドル、約3000億円に上る。", ([Status.OK], [])),
    Case(DAY + "投資額は約20億ドル、約3500億円に上る。", ([Status.MISMATCH], [])),
    Case(DAY + "対米輸出は500億ドル、約3兆円の輸入額を大きく上回った。", ([Status.UNVERIFIABLE], [])),
    Case(DAY + "同社は20億ドル、約7000億円の負債を抱える。", ([Status.UNVERIFIABLE], [])),
    # ... and where the yen figure names a thing of its own (「…の」), any mismatch may be two facts.
    Case(DAY + "米国向けは20億ドル、約4000億円の国内向けを上回った。", ([Status.UNVERIFIABLE], [])),
    Case(DAY + "同社は20億ドル、約3060億円の投資を行う。", ([Status.OK], [])),
    Case(DAY + "同社は20億ドル、約4000億円を投じる。", ([Status.MISMATCH], [])),
    # ... in brackets, or with no comma, a slip of 億 for 兆 stays a mismatch.
    Case(DAY + "同社は20億ドル（約3億円）を投じる。", ([Status.MISMATCH], [])),
    Case(DAY + "両国は5500億ドルと3500億ドル（約84兆円と約53兆円）を投じる。", ([Status.OK, Status.OK], [])),
    Case(DAY + "両国は5500億ドルと3500億ドル（約84兆円と約63兆円）を投じる。", ([Status.OK, Status.MISMATCH], [])),
    Case(DAY + "同社は20億ドル\n（約3060億円）を投じる。", ([Status.OK], [])),
    Case(DAY + "同社は20億ドル\n（約3560億円）を投じる。", ([Status.MISMATCH], [])),
    Case(DAY + "同社は20億ドル約3億円を投じる。", ([Status.MISMATCH], [])),
    Case(DAY + "| 分野 | 金額 | 円換算 |\n| --- | --- | --- |\n| 電力 | 20億ドル | 約3060億円 |\n", ([Status.OK], [])),
    Case(
        DAY + "| 分野 | 金額 | 円換算 |\n| --- | --- | --- |\n| 電力 | 20億ドル | 約4060億円 |\n",
        ([Status.MISMATCH], []),
    ),
    Case(DAY + "裁判所は2澗ルーブル（約3澗8000溝円）の支払いを命じた。", ([Status.OK], [])),
    Case(DAY + "裁判所は2澗ルーブル（約3溝8000穣円）の支払いを命じた。", ([Status.MISMATCH], [])),
]


@pytest.mark.parametrize(("text", "expected"), cases(FORM_VERDICTS))
def test_verdicts_of_the_forms(text: str, expected: tuple[list[Status], list[str]]) -> None:
    statuses, others = expected
    findings = check(scan(text), FORMS_TABLE, CheckOptions())
    assert [f.status for f in findings if f.rule == "conversion"] == statuses
    assert [str(f.rule) for f in findings if f.rule != "conversion"] == others


def test_a_loose_pair_far_off_the_rate_gets_no_verdict_and_no_suggestion() -> None:
    (f,) = conversions(DAY + "対米輸出は500億ドル、約3兆円の輸入額を大きく上回った。", FORMS_TABLE)
    assert (f.status, f.reason, f.suggestion) == (Status.UNVERIFIABLE, Reason.LOOSE, None)
    assert "perhaps two figures, not a conversion" in f.message
    assert "7兆6500億円" in f.message  # what a conversion would be, for the editor to judge


def test_a_loose_pair_naming_a_thing_of_its_own_gets_no_suggestion() -> None:
    (f,) = conversions(DAY + "米国向けは20億ドル、約4000億円の国内向けを上回った。", FORMS_TABLE)
    assert (f.status, f.reason, f.suggestion) == (Status.UNVERIFIABLE, Reason.LOOSE, None)
    assert "names a thing of its own" in f.message
    assert "3060億円" in f.message


def test_a_rate_of_the_time_is_judged_by_its_period_and_gets_no_suggestion() -> None:
    (wrong,) = conversions(DAY + "2016年に240億ポンド（当時のレートで約5兆円）で買収した。", FORMS_TABLE)
    assert wrong.suggestion is None
    assert "the table's 137–177円 from 2016-01-04 to 2016-12-30" in wrong.message
    (unknown,) = conversions(DAY + "英社は240億ポンド（当時のレートで約3兆3000億円）で買収した。", FORMS_TABLE)
    assert unknown.reason is Reason.HISTORICAL


def test_huge_figures_are_exact() -> None:
    (m,) = scan("罰金は1極2345載6789正1234澗5678溝ルーブルに上る。").money
    assert m.value == D("1234567891234567800000000000000000000000000000000")


@pytest.mark.parametrize("fmt", [str(f) for f in OutputFormat])
def test_huge_figures_in_every_format(fmt: str) -> None:
    """Figures in 極 with every digit written: exact in the check, and no formatter fails on them
    (a report runs outside the check's 100-digit context)."""
    text = (
        "2025年10月28日\n罰金は9極9999載9999正9999澗9999溝9999穣9999𥝱9999垓9999京9999兆9999億9999万9999ルーブル"
        "（約1極円）に上る。\n※1ルーブル＝1.4円で換算"
    )
    report = check_text(text, path="a.txt", rates={}, options=CheckOptions())
    (f,) = [f for f in report.findings if f.rule == "conversion"]
    assert f.status is Status.MISMATCH
    assert f.suggestion == "約14極円"
    formatter = formatter_for(OutputFormat(fmt), color=False, width=100)
    out = formatter.render(RunReport((report,)))
    assert "約14極円" in out or fmt == "json"  # the fix is shown (JSON: as "suggestion", escaped)
    if fmt == "json":
        assert json.loads(out)["files"][0]["findings"][0]["suggestion"] == "約14極円"
