"""The checking semantics of DESIGN.md, one rule at a time, on real-looking sentences."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, localcontext

import pytest

from figcheck import numerals
from figcheck.check import check
from figcheck.model import RateOrigin, Rule, Status
from figcheck.scan import scan
from tests.common import conversions
from tests.conftest import make_table

D = Decimal
HOUSE = make_table(
    "2025-10-24,USD,JPY,152.9022,reference,ECB",
    "2025-10-28,GBP,JPY,203.5,reference,ECB",
    "2025-10-28,KRW,JPY,0.1066,reference,ECB",
    "2025-10-28,USD,JPY,153,house,house",
)


def status(text: str, table: object = None, **options: object) -> list[Status]:
    return [f.status for f in conversions(text, table, **options)]


USD153 = {"rates": {"USD": D(153)}}

# (sentence, rate in yen per unit, expected status)
EXACT = [
    # Rounded half-up to the written place: 84兆1500億 -> 84兆.
    ("5500億ドル（約84兆円）", "153", Status.OK),
    ("5500億ドル（約85兆円）", "153", Status.MISMATCH),
    ("5500億ドル約84兆1500億円", "153", Status.OK),
    ("5500億ドル約84兆2000億円", "153", Status.OK),
    ("5500億ドル約84兆1000億円", "153", Status.OK),  # truncated to 1000億
    ("5500億ドル約84兆3000億円", "153", Status.MISMATCH),
    # Truncation holds as well as rounding: 84兆6450億 -> 84兆 (truncated) or 85兆 (rounded).
    ("5500億ドル（約84兆円）", "153.9", Status.OK),
    ("5500億ドル（約85兆円）", "153.9", Status.OK),
    ("5500億ドル（約86兆円）", "153.9", Status.MISMATCH),
    # Trailing zeros are not significant: 約80兆円 is a figure to 10兆.
    ("5500億ドル（約80兆円）", "153", Status.OK),
    ("100億ドル約1兆5300億円", "153", Status.OK),
    ("100億ドル約1兆5000億円", "153", Status.OK),
    ("100億ドル約1兆6000億円", "153", Status.MISMATCH),
    ("100億ドル（約1.5兆円）", "153", Status.OK),
    # 億 written for 兆: the classic slip.
    ("5500億ドル（約84億円）", "153", Status.MISMATCH),
    # The dollar figure labelled as yen.
    ("5500億ドル（約5500億円）", "153", Status.MISMATCH),
    # The qualifier does not matter …
    ("5500億ドル（84兆円）", "153", Status.OK),
    ("5500億ドル（84兆円超）", "153", Status.OK),
    ("5500億ドル（84兆円強）", "153", Status.OK),
    # … except an upper bound: 弱/近く/足らず/未満 round up, never truncate.
    ("300億ドル（約5兆円弱）", "153", Status.OK),  # 4兆5900億 -> ceiling 5兆
    ("370億ドル（約5兆円弱）", "153", Status.MISMATCH),  # 5兆6610億 -> 6兆
    ("370億ドル（約5兆円）", "153", Status.OK),  # 5兆6610億 truncated -> 5兆
    ("330億ドル（5兆円近く）", "153", Status.OK),  # 5兆490億 rounds to 5兆
    # The yen figure first, the foreign one converted: expected = yen ÷ rate.
    ("6兆8000億円（約460億ポンド）", "148", Status.OK),  # 459.46億
    ("6兆8000億円（約500億ポンド）", "148", Status.OK),  # a figure to 100億: 459億 rounds to 500億
    ("6兆8000億円（約470億ポンド）", "148", Status.MISMATCH),
]


@pytest.mark.parametrize(("text", "rate", "expected"), EXACT, ids=[f"{t}@{r}" for t, r, _ in EXACT])
def test_exact_rate(text: str, rate: str, expected: Status) -> None:
    code = "GBP" if "ポンド" in text else "USD"
    assert status(text, rates={code: D(rate)}) == [expected]


def test_trailing_zero_figure_at_ten_trillion() -> None:
    # 84兆1500億 rounds to 80兆 at the 10兆 place; 90兆 is neither rounded nor truncated.
    (finding,) = conversions("5500億ドル（約90兆円）", **USD153)
    assert finding.status is Status.MISMATCH


def test_mismatch_suggests_figure_with_writers_precision() -> None:
    (f,) = conversions("日本は5500億ドル（約85兆円）を投資する", **USD153)
    assert f.status is Status.MISMATCH
    assert f.suggestion == "約84兆円"
    assert f.expected == D("84150000000000")
    assert f.expected_text == "84兆1500億円"
    (f,) = conversions("日本は5500億ドル（約84億円）を投資する", **USD153)
    assert f.suggestion == "約84兆円"
    (f,) = conversions("370億ドル（約5兆円弱）", **USD153)
    assert f.suggestion == "約5兆7000億円弱"  # 370億 × 153 = 5兆6610億: rounded up to the writer's two digits


def test_implied_rate_interval() -> None:
    (f,) = conversions("5500億ドル約84兆円", **USD153)
    assert f.implied is not None
    with localcontext(prec=numerals.PRECISION):  # figcheck's arithmetic is exact to 100 digits
        assert f.implied.low == D("83.5E12") / D("5500E8")
        assert f.implied.high == D("85E12") / D("5500E8")


def test_reference_rate_tolerance() -> None:
    table = make_table("2025-10-28,USD,JPY,150,reference,ECB", "2025-11-28,USD,JPY,140,reference,ECB")
    # At exactly 150 the figure would be 1兆5000億, but a writer's 153 is within 2% of 150.
    text = "100億ドル約1兆5300億円"
    assert status(text, table, date=dt.date(2025, 10, 28)) == [Status.OK]
    (f,) = conversions(text, table, date=dt.date(2025, 10, 28))
    assert (
        "holds: the written figure implies a rate of 1ドル=152.5–154円, within 147–153円 (the table's rate ±2%)"
        in f.message
    )
    # 140 ± 2% cannot give 1兆5300億 (it needs 152.5–154).
    assert status(text, table, date=dt.date(2025, 11, 28)) == [Status.MISMATCH]
    # A tighter tolerance turns the first into a mismatch too.
    assert status(text, table, date=dt.date(2025, 10, 28), tolerance=D("0.01")) == [Status.MISMATCH]


def test_house_rate_is_exact() -> None:
    table = make_table("2025-10-28,USD,JPY,150,house,desk")
    assert status("100億ドル約1兆5300億円", table, date=dt.date(2025, 10, 28)) == [Status.MISMATCH]


def test_table_fallback_within_seven_days() -> None:
    (f,) = conversions("100億ドル約1兆5300億円", HOUSE, date=dt.date(2025, 10, 26))
    assert f.rate is not None
    assert f.rate.on == dt.date(2025, 10, 24)
    assert f.rate.requested == dt.date(2025, 10, 26)
    assert f.status is Status.OK
    assert "(table row 2025-10-24, the nearest before 2025-10-26, ECB, reference ±tolerance)" in f.message
    # Eight days after the last row: no rate.
    assert status("100億ドル約1兆5300億円", HOUSE, date=dt.date(2025, 11, 5)) == [Status.UNVERIFIABLE]


def test_rate_precedence() -> None:
    table = make_table("2025-10-28,USD,JPY,100,house,desk")
    # The article's own rate beats --rate and the table.
    text = "2025-10-28\n1ドル＝153円で換算した。日本は5500億ドル（約84兆円）を投じる。"
    (f,) = conversions(text, table, rates={"USD": D(120)})
    assert f.rate is not None
    assert (f.rate.origin, f.rate.value, f.status) == (RateOrigin.ARTICLE, D(153), Status.OK)
    # --rate beats the table.
    (f,) = conversions("2025-10-28\n日本は5500億ドル（約84兆円）を投じる。", table, rates={"USD": D(153)})
    assert f.rate is not None
    assert (f.rate.origin, f.status) == (RateOrigin.OPTION, Status.OK)
    # The table on the article's date.
    (f,) = conversions("2025-10-28\n日本は5500億ドル（約84兆円）を投じる。", HOUSE)
    assert f.rate is not None
    assert (f.rate.origin, f.rate.on, f.status) == (RateOrigin.TABLE, dt.date(2025, 10, 28), Status.OK)


def test_rate_inside_brackets_beats_earlier_statement() -> None:
    text = "1ドル＝100円とした。韓国は2兆ウォン（約2100億円、100ウォン＝10.5円で換算）を投じる。"
    (f,) = conversions(text)
    assert f.rate is not None
    assert f.rate.value == D("0.105")
    assert f.status is Status.OK


def test_nearest_statement_before_wins() -> None:
    text = "（1ドル＝140円で換算）。A社は100億ドル（約1兆4000億円）。\n（1ドル＝150円で換算）。B社は100億ドル（約1兆5000億円）。"
    assert status(text) == [Status.OK, Status.OK]


# A statement after a conversion is its rate only when no other conversion owns it. Each case: the
# text, and the rate each conversion was checked at (None: not the article's; the table decides).
RATE_AFTER = [
    # 「1ドル＝150円で換算すると、…約52兆5000億円」 is the second conversion's, not the first's.
    (
        "日本は5500億ドル（約84兆円）を投資する。韓国は3500億ドルを拠出する。1ドル＝150円で換算すると、約52兆5000億円となる。",
        [None, D(150)],
    ),
    ("日本は5500億ドル（約84兆円）。韓国は20億ドル（約3000億円、1ドル＝150円で換算）。", [None, D(150)]),
    ("日本は5500億ドル（約84兆円）。韓国は20億ドル（約3000億円）（1ドル＝150円換算）。", [None, D(150)]),
    # A statement no conversion owns still covers the conversions before it.
    ("日本は5500億ドル（約84兆円）を投資する。1ドル＝153円で換算した。", [D(153)]),
    (
        "日本は5500億ドル（約84兆円）を投資する。1ドル＝153円で換算した。韓国は20億ドル（約3060億円）。",
        [D(153), D(153)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), RATE_AFTER)
def test_a_later_statement_owned_by_another_conversion(text: str, expected: list[Decimal | None]) -> None:
    found = conversions("2025-10-28\n" + text, HOUSE)
    rates = [f.rate.value if f.rate is not None and f.rate.origin is RateOrigin.ARTICLE else None for f in found]
    assert rates == expected
    assert found[0].status is Status.OK  # 約84兆円 holds at the day's table rate: no false alarm


# A figure that does not hold at the article's date but at the rates of the earlier event its sentence
# names is unverifiable (reason event-rate), with both readings and no suggestion. The dollar at
# 108-118 in 2017, 147-153 in October 2025 (reference rows), 153 as a house rate on 2025-10-27.
EVENT_TABLE = make_table(
    "2017-01-04,USD,JPY,117.5,reference,ECB",
    "2017-06-30,USD,JPY,112.2,reference,ECB",
    "2017-09-08,USD,JPY,107.9,reference,ECB",
    "2017-12-29,USD,JPY,112.6,reference,ECB",
    "2025-10-01,USD,JPY,147,reference,ECB",
    "2025-10-27,USD,JPY,153,house,house",
    "2025-10-28,USD,JPY,152,reference,ECB",
)
EVENT_RATE = [
    # The figure of the time (3兆円 at 111円), at the reference rate and at a house rate.
    ("2025-10-28", "ソフトバンクは2017年、約3兆円（約270億ドル）の基金を設けた。", Status.UNVERIFIABLE),
    ("2025-10-27", "ソフトバンクは2017年、約3兆円（約270億ドル）の基金を設けた。", Status.UNVERIFIABLE),
    ("2025-10-28", "同社は2017年9月に20億ドル（約2200億円）で買収した。", Status.UNVERIFIABLE),
    ("2025-10-28", "同社は20億ドル（約2200億円）で2017年に買収した。", Status.UNVERIFIABLE),
    # Converted at the article's date: holds, as before.
    ("2025-10-28", "2017年に買収した同社に、20億ドル（約3000億円）を追加で投じる。", Status.OK),
    # Wrong at either date: still a mismatch.
    ("2025-10-28", "ソフトバンクは2017年、約3兆円（約27億ドル）の基金を設けた。", Status.MISMATCH),
    ("2025-10-28", "同社は2017年に20億ドル（約4000億円）で買収した。", Status.MISMATCH),
    # No earlier event: the sentence names none, the article's own year, or a year to come.
    ("2025-10-28", "同社は20億ドル（約2200億円）で買収した。", Status.MISMATCH),
    ("2025-10-28", "同社は2025年に20億ドル（約2200億円）で買収した。", Status.MISMATCH),
    ("2025-10-28", "市場は2030年に20億ドル（約2200億円）に達する。", Status.MISMATCH),
    # ... or in the sentence before: each sentence its own event.
    ("2025-10-28", "同社は2017年に設立された。20億ドル（約2200億円）で買収した。", Status.MISMATCH),
    # The article states its rate: the writer's word, as before.
    ("2025-10-28", "1ドル＝150円で換算。同社は2017年に20億ドル（約2200億円）で買収した。", Status.MISMATCH),
]


@pytest.mark.parametrize(("on", "text", "expected"), EVENT_RATE)
def test_a_figure_of_the_earlier_event_its_sentence_names(on: str, text: str, expected: Status) -> None:
    (f,) = conversions(f"{on}\n{text}", EVENT_TABLE)
    assert f.status is expected
    if expected is Status.UNVERIFIABLE:
        assert f.reason == "event-rate"
        assert f.suggestion is None  # which rate was meant is not in the text
        assert "当時のレートで" in f.message
        assert "2017" in f.message
        assert f.rate is not None
        assert f.rate.on is not None
        assert f.rate.on.year == 2025
        assert f.expected is not None


def test_an_event_rate_is_not_taken_with_an_option_rate() -> None:
    text = "2025-10-28\n同社は2017年に20億ドル（約2200億円）で買収した。"
    assert status(text, EVENT_TABLE, rates={"USD": D(150)}) == [Status.MISMATCH]


def test_the_event_rate_message_in_both_languages() -> None:
    from figcheck import i18n

    text = "2025-10-28\nソフトバンクは2017年、約3兆円（約270億ドル）の基金を設けた。"
    (en,) = conversions(text, EVENT_TABLE)
    assert "if not, write 約200億ドル" in en.message
    i18n.use("ja")
    try:
        (ja,) = conversions(text, EVENT_TABLE)
    finally:
        i18n.use("en")
    assert "文が示す時期（2017年1月1日〜2017年12月31日）のレート" in ja.message
    assert "「約200億ドル」とするべき" in ja.message


def test_footnote_after_the_text_covers_it() -> None:
    text = "日本は5500億ドル約84兆円を投じる。\n※2025年10月28日時点の基準レート1ドル153円を使用"
    (f,) = conversions(text)
    assert f.rate is not None
    assert (f.rate.origin, f.rate.on, f.status) == (RateOrigin.ARTICLE, dt.date(2025, 10, 28), Status.OK)


def test_approximate_article_rate() -> None:
    # 1香港ドル＝約17円: the writer's rate may be anything that rounds to 17.
    text = "（1香港ドル＝約17円）。総額は100億香港ドル（約1680億円）。"
    assert status(text) == [Status.OK]
    assert status("（1香港ドル＝約17円）。総額は100億香港ドル（約1900億円）。") == [Status.MISMATCH]


def test_unverifiable_without_rate_or_date() -> None:
    (f,) = conversions("日本は5500億ドル（約84兆円）を投じる。", HOUSE)
    assert f.status is Status.UNVERIFIABLE
    assert "--rate USD=" in f.message


# (undated text, how many rate-consistency warnings): two conversions whose sentences name different
# times may be at two rates; the same time (or none), one rate.
CONSISTENCY_BY_TIME = [
    ("ソフトバンクは2017年、約3兆円（約270億ドル）の基金を設けた。\n今回は20億ドル（約3060億円）を投じる。", 0),
    ("2017年に20億ドル（約2200億円）、2025年に20億ドル（約3060億円）を投じた。", 0),  # the last time before each
    ("同社は2017年に20億ドル（約2200億円）を投じた。\n同社は2022年に20億ドル（約2800億円）を投じた。", 0),
    ("同社は2017年に20億ドル（約2200億円）を投じた。\n2017年には別に10億ドル（約1530億円）を投じた。", 1),
    ("A社は20億ドル（約2200億円）を投じた。\nB社は20億ドル（約3060億円）を投じた。", 1),
]


@pytest.mark.parametrize(("text", "warnings"), CONSISTENCY_BY_TIME)
def test_rate_consistency_within_one_time(text: str, warnings: int) -> None:
    assert [f.rule for f in check(scan(text))].count(Rule.RATE_CONSISTENCY) == warnings


def test_rate_consistency_without_any_rate() -> None:
    text = "A社は100億ドル（約1兆5300億円）、B社は100億ドル（約1兆2000億円）を投じる。"
    findings = check(scan(text))
    rules = [f.rule for f in findings]
    assert rules.count(Rule.RATE_CONSISTENCY) == 1
    (warn,) = [f for f in findings if f.rule is Rule.RATE_CONSISTENCY]
    assert warn.severity == "warning"
    assert len(warn.related) == 1
    assert warn.message.startswith("約1兆5300億円 (line 1) and 約1兆2000億円 (line 1) imply different ドル rates")
    # Consistent conversions: no warning.
    ok = check(scan("A社は100億ドル（約1兆5300億円）、B社は200億ドル（約3兆600億円）を投じる。"))
    assert all(f.rule is Rule.CONVERSION for f in ok)


def test_article_rate_far_from_table_is_a_warning() -> None:
    text = "2025-10-28\n（1ドル＝140円で換算）日本は5500億ドル（約77兆円）を投じる。"
    findings = check(scan(text), HOUSE)
    (rate,) = [f for f in findings if f.rule is Rule.RATE]
    assert rate.severity == "warning"
    assert "-8.5%" in rate.message
    (conv,) = [f for f in findings if f.rule is Rule.CONVERSION]
    assert conv.status is Status.OK  # the article's own rate is what the writer used


def test_article_rate_close_to_table_is_fine() -> None:
    text = "2025-10-28\n（1ドル＝152円で換算）日本は5500億ドル（約84兆円）を投じる。"
    assert [f.rule for f in check(scan(text), HOUSE)] == [Rule.CONVERSION]


def test_range_is_checked_end_by_end() -> None:
    text = "投資は50〜60億ドル（約7650億〜9180億円）となる"
    assert status(text, **USD153) == [Status.OK, Status.OK]
    assert status("投資は50〜60億ドル（約7650億〜9900億円）となる", **USD153) == [Status.OK, Status.MISMATCH]


def test_implied_rate_text_keeps_small_rates_readable() -> None:
    (f,) = conversions("韓国は2兆ウォン（約2100億円）を投じる。", rates={"KRW": D("0.2")})
    assert "a rate of 1ウォン=0.1025–0.11円" in f.message
    (f,) = conversions("日本は5500億ドル（約84億円）を投じる。", **USD153)
    assert "a rate of 1ドル=0.01518–0.01545円" in f.message


def test_statement_right_after_the_conversion_is_its_own() -> None:
    text = "（1ドル＝140円で換算）。A社は100億ドル（約1兆4000億円）。B社は5500億ドル約84兆円（1ドル＝153円換算）。"
    assert status(text) == [Status.OK, Status.OK]


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("※1ドル＝153円\n売上高は$100億（約1兆6300億円）。", "(「$」 read as USD)"),
        ("※1ポンド＝200円\n£10（約2100円）。", "(「£」 read as GBP)"),
    ],
)
def test_a_currency_assumed_from_a_symbol_is_named(text: str, note: str) -> None:
    (f,) = conversions(text)
    assert f.status is Status.MISMATCH
    assert note in f.message


def test_a_written_currency_is_not_called_assumed() -> None:
    (f,) = conversions("※1ドル＝153円\n売上高はUS$100億（約1兆6300億円）。")
    assert f.status is Status.MISMATCH
    assert "read as" not in f.message


@pytest.mark.parametrize(
    "text",
    [
        "円相場は1ドル＝157円台で推移した。",
        "一時1ドル＝150円前後まで下落した。",
        "1ドル約150円の円安水準が続く。",
    ],
)
def test_a_market_quote_is_no_conversion_to_check(text: str) -> None:
    assert conversions(text, HOUSE, date=dt.date(2025, 10, 28)) == []


def test_an_approximate_conversion_rate_is_checked_within_its_rounding() -> None:
    text = "※1ドル＝150円前後で換算\n同社は10億ドル（約1540億円）を投じる。\n同社は10億ドル（約1560億円）を投じる。"
    assert status(text) == [Status.OK, Status.MISMATCH]  # 150 ± 5: up to 1550億円


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("※１ドル＝１５３円で換算\n５５００億ドル（約８５兆円）を投じる。", "約８４兆円"),
        ("※1ドル＝153円で換算\n10億ドル（約1,600億円）を投じる。", "約1,500億円"),
        ("※1ドル＝153円で換算\n10億ドル（約1600億円）を投じる。", "約1500億円"),
        ("※1ドル＝153円で換算\n五千五百億ドル（約八十五兆円）を投じる。", "約八十四兆円"),
        # A lower bound (超, 強, 余り) is truncated, an upper bound (弱) raised: 76億5000万円 is
        # 76億円強 and 77億円弱, never 77億円強 (it is not above 77億円).
        ("※1ドル＝153円で換算\n5000万ドル（74億円強）を支払う。", "76億円強"),
        ("※1ドル＝153円で換算\n5000万ドル（75億円余り）を支払う。", "76億円余り"),
        ("※1ドル＝153円で換算\n5000万ドル（90億円超）を支払う。", "76億円超"),
        ("※1ドル＝153円で換算\n5000万ドル（70億円弱）を支払う。", "77億円弱"),
    ],
)
def test_the_suggestion_keeps_the_writers_digits(text: str, suggestion: str) -> None:
    (f,) = conversions(text)
    assert f.suggestion == suggestion


def test_a_rate_finding_names_the_date_asked_for_when_the_row_is_older() -> None:
    text = "2025-10-26\n（1ドル＝140円で換算）日本は5500億ドル（約77兆円）を投じる。"  # a Sunday: no row
    (rate,) = [f for f in check(scan(text), HOUSE) if f.rule is Rule.RATE]
    assert rate.rate is not None
    assert (rate.rate.on, rate.rate.requested) == (dt.date(2025, 10, 24), dt.date(2025, 10, 26))
