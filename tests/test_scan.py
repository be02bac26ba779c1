"""Table-driven tests of ``figcheck.scan`` on real newspaper forms."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from figcheck import currencies
from figcheck.figures import figures
from figcheck.model import Qualifier
from figcheck.scan import article_date, scan
from tests.common import Case, cases

D = Decimal

# (text, [(written mention, value, ISO code)])
MONEY = [
    Case("日本は5500億ドルを投資する", [("5500億ドル", "550000000000", "USD")]),
    Case("35億円の赤字", [("35億円", "3500000000", "JPY")]),
    Case("価格は1,280円だった", [("1,280円", "1280", "JPY")]),
    Case("賞金は1000万人民元に上る", [("1000万人民元", "10000000", "CNY")]),
    Case("36.57億人民元", [("36.57億人民元", "3657000000", "CNY")]),
    Case("1株1.95香港ドルで", [("1.95香港ドル", "1.95", "HKD")]),
    Case("5306億ニュー台湾ドル", [("5306億ニュー台湾ドル", "530600000000", "TWD")]),
    Case("50億ユーロを拠出", [("50億ユーロ", "5000000000", "EUR")]),
    Case("3兆ウォン規模", [("3兆ウォン", "3000000000000", "KRW")]),
    Case("460億ポンド", [("460億ポンド", "46000000000", "GBP")]),
    Case("20億英ポンド", [("20億英ポンド", "2000000000", "GBP")]),
    Case("100億豪ドル", [("100億豪ドル", "10000000000", "AUD")]),
    Case("30億カナダドル", [("30億カナダドル", "3000000000", "CAD")]),
    Case("12億シンガポールドル", [("12億シンガポールドル", "1200000000", "SGD")]),
    Case("1.0092スイス・フランで", [("1.0092スイス・フラン", "1.0092", "CHF")]),
    Case("5億スイスフラン", [("5億スイスフラン", "500000000", "CHF")]),
    Case("1兆ルピー", [("1兆ルピー", "1000000000000", "INR")]),
    Case("300億バーツ", [("300億バーツ", "30000000000", "THB")]),
    Case("20億米ドル", [("20億米ドル", "2000000000", "USD")]),
    # Spellings of real copy (#11 F): 豪州ドル, country・currency, a bare フラン (assumed CHF).
    Case("800億豪州ドルの黒字", [("800億豪州ドル", "80000000000", "AUD")]),
    Case("50億ロシア・ルーブルの罰金", [("50億ロシア・ルーブル", "5000000000", "RUB")]),
    Case("1兆インドネシア・ルピア", [("1兆インドネシア・ルピア", "1000000000000", "IDR")]),
    Case("300億台湾元", [("300億台湾元", "30000000000", "TWD")]),
    Case("同社は20億フランで買収した", [("20億フラン", "2000000000", "CHF")]),
    # Distractors: a katakana currency word that goes on is another word.
    Case("1000万フランス人が訪れた", []),
    Case("5ランドセルを寄付", []),
    Case("10億ドルベースで", [("10億ドル", "1000000000", "USD")]),  # a compound that is still money
    Case("四十九兆九千五百九十二億円となっている", [("四十九兆九千五百九十二億円", "49959200000000", "JPY")]),
    Case("今日の日経平均は2222円13銭です", [("2222円13銭", "2222.13", "JPY")]),
    Case("545ドルと5セントを支出", [("545ドルと5セント", "545.05", "USD")]),
    Case("€1.5かかる", [("€1.5", "1.5", "EUR")]),
    Case("$100の商品", [("$100", "100", "USD")]),
    Case("価格は100ユーロと30です。", [("100ユーロと30", "100.3", "EUR")]),
    Case("同社は10億㌦を投じる", [("10億㌦", "1000000000", "USD")]),  # the square ㌦
    Case("同社は10億ﾄﾞﾙを投じる", [("10億ﾄﾞﾙ", "1000000000", "USD")]),  # half-width katakana
    Case("5ﾕｰﾛ30㌣", [("5ﾕｰﾛ30㌣", "5.3", "EUR")]),
    Case("3兆ｳｫﾝ", [("3兆ｳｫﾝ", "3000000000000", "KRW")]),
    Case("5ドルと5。", [("5ドルと5", "5.05", "USD")]),
    Case("100ユーロと30人が参加", [("100ユーロ", "100", "EUR")]),  # と30人: no cents
    Case("100ユーロと30ドル", [("100ユーロ", "100", "EUR"), ("30ドル", "30", "USD")]),
    Case("100円と30です。", [("100円", "100", "JPY")]),  # the yen has no cents
    Case("100ユーロと300です。", [("100ユーロ", "100", "EUR")]),  # three digits are no cents
    Case("これは 7  万  円 です", [("7  万  円", "70000", "JPY")]),
    Case("１兆５３００億円", [("１兆５３００億円", "1530000000000", "JPY")]),
    Case("営業損益は▲3,000円", [("▲3,000円", "-3000", "JPY")]),
    Case("純損益は△120億円", [("△120億円", "-12000000000", "JPY")]),
    Case("約84兆円", [("約84兆円", "84000000000000", "JPY")]),
    Case("およそ1兆円", [("およそ1兆円", "1000000000000", "JPY")]),
    Case("100億ドル超", [("100億ドル超", "10000000000", "USD")]),
    Case("5兆円弱", [("5兆円弱", "5000000000000", "JPY")]),
    Case("防衛費はGDP比2パーセント", []),
    Case("安倍晋三元首相が推薦", []),
    Case("四川の一部", []),
    Case("数百億ドル規模", []),  # vague: 数百億 is not 百億
    Case("数千億円", []),
    Case("1元は約21円", []),  # a rate: its figures are no money to pair
    Case("価格は1元だった", [("1元", "1", "CNY")]),
    Case("50〜60億ドル", [("50", "5000000000", "USD"), ("60億ドル", "6000000000", "USD")]),
    Case("50億〜60億ドル", [("50億", "5000000000", "USD"), ("60億ドル", "6000000000", "USD")]),
    Case("5〜6兆円", [("5", "5000000000000", "JPY"), ("6兆円", "6000000000000", "JPY")]),
]

# Each pins a bug that was fixed: the case fails without the fix.
BUGS_CAUGHT = [
    Case("価格はR$100だった", [("R$100", "100", "BRL")], "a symbol the money pattern could not start with read as $"),
    Case("価格は₩5000だった", [("₩5000", "5000", "KRW")], "a symbol outside the hand-typed first characters"),
]


@pytest.mark.parametrize(("text", "expected"), cases(MONEY + BUGS_CAUGHT))
def test_money(text: str, expected: list[tuple[str, str, str]]) -> None:
    found = [(m.text, m.value, m.currency) for m in scan(text).money]
    assert found == [(t, D(v), c) for t, v, c in expected]
    for m in scan(text).money:
        assert text[m.span.start : m.span.end] == m.text


ASSUMED = [
    Case("$100の商品", True),
    Case("＄100", True),
    Case("£512.5", True),
    Case("ろく どる", True),
    Case("US$100", False),
    Case("HK$100", False),
    Case("100ドル", False),
    Case("100ポンド", False),
    Case("＄100ドル", False),  # the word names the currency
]


@pytest.mark.parametrize(("text", "assumed"), cases(ASSUMED))
def test_currency_assumed_from_a_symbol(text: str, assumed: bool) -> None:
    (money,) = scan(text).money
    assert money.assumed is assumed


QUALIFIERS = [
    Case("約84兆円", Qualifier.APPROX),
    Case("84兆円超", Qualifier.OVER),
    Case("84兆円強", Qualifier.OVER),
    Case("84兆円余り", Qualifier.OVER),
    Case("5兆円弱", Qualifier.UNDER),
    Case("5兆円近く", Qualifier.UNDER),
    Case("5兆円足らず", Qualifier.UNDER),
    Case("5兆円未満", Qualifier.UNDER),
    Case("約5兆円弱", Qualifier.UNDER),
    Case("ほぼ84兆円", Qualifier.APPROX),
    Case("おおむね84兆円", Qualifier.APPROX),
    Case("ざっと84兆円", Qualifier.APPROX),
    Case("84兆円", None),
]


@pytest.mark.parametrize(("text", "qualifier"), cases(QUALIFIERS))
def test_qualifier(text: str, qualifier: Qualifier | None) -> None:
    (money,) = scan(text).money
    assert money.qualifier is qualifier


# (text, [(source text, stated text)])
PAIRS = [
    Case("日本は5500億ドル（約84兆円）を投資", [("5500億ドル", "約84兆円")]),
    Case("日本は5500億ドル(約84兆円)を投資", [("5500億ドル", "約84兆円")]),
    Case("日本は5500億ドル約84兆円の対米投資", [("5500億ドル", "約84兆円")]),
    Case("日本は5500億ドル、約84兆円を投資", [("5500億ドル", "約84兆円")]),
    Case("日本は5500億ドル、日本円にしておよそ84兆円を投資", [("5500億ドル", "およそ84兆円")]),
    Case("日本は5500億ドル（日本円で約84兆円）を投資", [("5500億ドル", "約84兆円")]),
    Case("日本は5500億ドル（84兆円）を投資", [("5500億ドル", "84兆円")]),
    Case("100億ドル約1兆5300億円を超える規模", [("100億ドル", "約1兆5300億円")]),
    Case("英国は6兆8000億円（約460億ポンド）を", [("6兆8000億円", "約460億ポンド")]),
    Case("2兆ウォン（約2兆1100億円、100ウォン＝10.8円で換算）", [("2兆ウォン", "約2兆1100億円")]),
    Case(
        "100億ユーロ（約110億ドル、約1兆7000億円）",
        [("100億ユーロ", "約110億ドル"), ("100億ユーロ", "約1兆7000億円")],
        "both conversions (#16)",
    ),
    Case("１００億ドル（約１兆５３００億円）", [("１００億ドル", "約１兆５３００億円")]),
    Case("日本は5500億ドル（＝約84兆円）を投資", [("5500億ドル", "約84兆円")]),
    Case("日本は5500億ドル（1ドル＝153円換算で約84兆円）を投資", [("5500億ドル", "約84兆円")]),
    Case("日本は5500億ドル（1ドル153円で換算すると約84兆円）を投資", [("5500億ドル", "約84兆円")]),
    Case("英国は6兆8000億円（ドル換算で約460億ドル）を", [("6兆8000億円", "約460億ドル")]),
    Case("日本は5500億ドル（日本円換算で約84兆円）を投資", [("5500億ドル", "約84兆円")]),
    # Ranges pair end by end.
    Case("投資は50〜60億ドル（約7650億〜9180億円）となる", [("50", "約7650億"), ("60億ドル", "9180億円")]),
    Case("50億ドル〜60億ドル（約7650億円〜9180億円）", [("50億ドル", "約7650億円"), ("60億ドル", "9180億円")]),
    Case("50〜60億ドル（約8000億円）", []),  # a range and one figure: ambiguous
    # Not conversions: a list of figures, a figure and an unrelated yen amount.
    Case("5500億ドルと84兆円", []),
    Case("米国は100億ドル、日本は1兆円を拠出", []),
    Case("日本は1兆円、約65億ドルを", []),
    Case("数百億ドル（約3兆円）規模", []),
    Case("売上高は3兆円（前年比5%増）", []),
    # A rate is a rate, never a conversion claim, even when it is no conversion rate.
    Case("円相場は1ドル＝157円台で推移した", []),
    Case("一時1ドル＝150円前後まで下落した", []),
    Case("1ドル約150円の円安水準", []),
    Case("1ユーロ＝160円から170円に", []),
    # A conversion that opens the next sentence, when the figure it converts is plain.
    Case("EUは50億ユーロの基金を設ける。日本円で約8000億円に上る。", [("50億ユーロ", "約8000億円")]),
    Case("同社は50億ドルを投じる。円換算で約7650億円だ。", [("50億ドル", "約7650億円")]),
    Case("売上高は84億ドル。円換算では約1兆2850億円となる。", [("84億ドル", "約1兆2850億円")]),
    Case("売上高は84億ドル、円換算では約1兆2850億円だった。", [("84億ドル", "約1兆2850億円")]),
    Case("売上高は84億ドル（日本円では約1兆2850億円）。", [("84億ドル", "約1兆2850億円")]),
    Case("予算は1兆2850億円（ドル換算では約84億ドル）。", [("1兆2850億円", "約84億ドル")]),
    Case("予算は1兆2850億円、ドル換算で約84億ドルになる。", [("1兆2850億円", "約84億ドル")]),
    Case("予算は1兆2850億円、ドル換算では約84億ドル。", [("1兆2850億円", "約84億ドル")]),
    Case("予算は1兆2850億円、ドルにして約84億ドルになる。", [("1兆2850億円", "約84億ドル")]),
    Case("予算は1兆2850億円、ドルで約84億ドルを調達する。", []),  # 「ドルで」 alone: perhaps another sum
    Case("予算は1兆2850億円、ユーロ換算で約84億ドルになる。", []),  # the phrase names another currency
    Case("円建てで1兆円、ドル建てで約65億ドルの社債を発行した。", []),  # two issues, not a conversion
    Case("売上高は84億ドル、純利益は12億ドル。円換算では約1兆2850億円。", []),  # which one?
    Case("売上高は84億ドル。国内では約1兆2850億円を売り上げた。", []),  # では without 換算: no conversion
    Case("総額は50億ドル。日本円にして約7650億円。", [("50億ドル", "約7650億円")]),
    Case("EUは50億ユーロの基金。1ユーロ＝160円で換算すると約8000億円。", [("50億ユーロ", "約8000億円")]),
    Case("A社は50億ドル、B社は30億ドルを投じる。日本円で約7650億円。", []),  # which one?
    Case("同社は50億ドルを投じる。国内では約7650億円を投じる。", []),  # no conversion words
    Case("同社は50億ドルを投じる。日本円で約7650億円。", [("50億ドル", "約7650億円")]),
    Case("同社は50億ドルを2025年度までに投じる。日本円で約7650億円。", []),  # other figures after it
    Case("50億ドル（約7650億円）を投じる。日本円で約8000億円の予算も", [("50億ドル", "約7650億円")]),
]


@pytest.mark.parametrize(("text", "expected"), cases(PAIRS))
def test_pairs(text: str, expected: list[tuple[str, str]]) -> None:
    found = [(c.source.text, c.stated.text) for c in scan(text).conversions]
    assert found == expected


# (text, [(base, value, date, covers article)])
RATES = [
    Case("総額は1ドル153円で換算すると84兆円を超える", [("USD", "153", None, False)]),
    Case("1ドル＝153円で換算した場合の総額を政府が示した", [("USD", "153", None, False)]),
    Case("投資額は約84兆円（1ドル=153円換算）に上る", [("USD", "153", None, False)]),
    Case("総額は約2100億円に上る（1元＝21円で換算）", [("CNY", "21", None, False)]),
    Case("（1元＝21円で換算）", [("CNY", "21", None, True)]),
    Case("換算レート：1ドル＝153円", [("USD", "153", None, True)]),
    Case("100ウォン＝10.8円", [("KRW", "0.108", None, False)]),
    Case("1香港ドル＝約17円", [("HKD", "17", None, False)]),
    Case("1ユーロ＝165円", [("EUR", "165", None, False)]),
    Case("政府は総額を1ドル＝150円80銭で換算した額で公表した", [("USD", "150.8", None, False)]),
    Case(
        "※米ドルと円の換算は2025年10月28日時点の基準レート1ドル153円を使用",
        [("USD", "153", dt.date(2025, 10, 28), True)],
    ),
    Case("2025-10-28\n本文\n※10月28日時点のレート1ドル＝153円で換算", [("USD", "153", dt.date(2025, 10, 28), True)]),
    Case("2025-10-28\n本文\n（1ドル＝152円換算、10月27日時点）", [("USD", "152", dt.date(2025, 10, 27), True)]),
    # A date without the year or the month takes the article's, or the one before.
    Case("2025-10-30\n本文\n※28日時点のレート1ドル＝153円で換算", [("USD", "153", dt.date(2025, 10, 28), True)]),
    Case("2025-11-03\n本文\n※30日時点のレート1ドル＝153円で換算", [("USD", "153", dt.date(2025, 10, 30), True)]),
    Case("2026-01-05\n本文\n※12月30日時点のレート1ドル＝153円で換算", [("USD", "153", dt.date(2025, 12, 30), True)]),
    Case("2025-10-30\n本文\n※円換算は1ドル＝153円（28日現在）", [("USD", "153", dt.date(2025, 10, 28), True)]),
    Case("2025-10-30\n本文\n※今月19日時点のレート1ドル＝150円で換算", [("USD", "150", dt.date(2025, 10, 19), True)]),
    Case("2025-10-30\n政府は28日、1ドル＝150円で換算した額を公表した", [("USD", "150", None, False)]),  # a news day
    Case("本文\n※28日時点のレート1ドル＝153円で換算", [("USD", "153", None, True)]),  # no article date
    # An article dated a day before its rate is no year or month off.
    Case("2025-10-27\n本文\n※10月28日時点のレート1ドル＝153円で換算", [("USD", "153", dt.date(2025, 10, 28), True)]),
    Case("2025-10-27\n本文\n※28日時点のレート1ドル＝153円で換算", [("USD", "153", dt.date(2025, 10, 28), True)]),
    Case("2025-03-01\n本文\n※30日時点のレート1ドル＝153円で換算", [("USD", "153", None, True)]),  # no 30 February
    # Only a date that dates a rate is the rate's; another in its sentence is an event's (#11 B).
    Case(
        "2025-10-30\n10月4日公開の映画の興行収入は、1ドル＝150円で換算すると約1500億円に上る",
        [("USD", "150", None, False)],
    ),
    Case(
        "2025-10-30\n興行収入は1ドル＝150円で換算すると約1500億円で、10月4日に公開された前作を上回る",
        [("USD", "150", None, False)],
    ),
    Case("2025-10-30\n政府は10月28日、1ドル＝150円で換算した額を公表した", [("USD", "150", None, False)]),
    Case("2025-10-30\n本文\n※10月28日の1ドル＝153円で換算", [("USD", "153", dt.date(2025, 10, 28), True)]),
    Case("2025-10-30\n本文\n※1ドル＝150円（10月28日）で換算", [("USD", "150", dt.date(2025, 10, 28), True)]),
    Case(
        "2025-10-30\n本文\n※28日の東京外国為替市場の終値1ドル＝152円で換算",
        [("USD", "152", dt.date(2025, 10, 28), True)],
    ),
    Case(
        "2025-10-30\n本文\n※2025年10月28日付の為替レート1ドル＝152円で換算",
        [("USD", "152", dt.date(2025, 10, 28), True)],
    ),
    Case("（注）円換算は1ドル＝150円、1ユーロ＝160円", [("USD", "150", None, True), ("EUR", "160", None, True)]),
    Case("【1ドル＝150円で換算】", [("USD", "150", None, True)]),
    Case("10月28日の終値1ドル＝152円で換算した", [("USD", "152", None, False)]),
    # Market quotes are not conversion rates.
    Case("円相場は1ドル＝157円台で推移した", []),
    Case("一時1ドル＝150円前後まで下落", []),
    Case("東京外国為替市場で円相場は1ドル＝152円に下落", []),
    Case("ドルは一時1ドル＝157円をつけた", []),
    Case("1ドル＝157円で取引を終えた", []),
    Case("政府の試算では、1ドル＝150円とすると総額は約75兆円になる", [("USD", "150", None, False)]),
    # A conversion of a large amount is not a rate statement.
    Case("100億ドル約1兆5300億円", []),
    Case("1.5ドル＝230円の商品", []),  # not a unit amount
    Case("2万1ドル＝3万円", []),
    Case("21ドル＝3000円", []),
    Case("政府は1,000ルピア＝9.5円で換算した", [("IDR", "0.0095", None, True)]),
    Case("政府は一ドル＝百五十三円で換算した", [("USD", "153", None, True)]),
    Case("（注）1ドル＝150円,1ユーロ＝160円", [("USD", "150", None, True), ("EUR", "160", None, True)]),
    Case("政府は1ドル＝150円八十銭で換算した", [("USD", "150.8", None, True)]),
    Case("※1ドル＝150円前後で換算", [("USD", "150", None, True)]),  # approximate (below)
    Case("※1㌦＝153円", [("USD", "153", None, True)]),
    Case("※1ﾄﾞﾙ＝153円", [("USD", "153", None, True)]),
    Case("同社は1ドル＝150円程度で試算した", [("USD", "150", None, True)]),
]


@pytest.mark.parametrize(
    ("text", "approximate"),
    [
        ("※1ドル＝150円前後で換算", True),
        ("※1ドル＝約150円で換算", True),
        ("※1ドル＝150円で換算", False),
    ],
)
def test_approximate_rate_statements(text: str, approximate: bool) -> None:
    (rate,) = scan(text).rates
    assert rate.approximate is approximate


@pytest.mark.parametrize(("text", "expected"), cases(RATES))
def test_rate_statements(text: str, expected: list[tuple[str, str, dt.date | None, bool]]) -> None:
    found = [(r.base, r.value, r.on, r.covers_article) for r in scan(text).rates]
    assert found == [(b, D(v), d, c) for b, v, d, c in expected]


def test_rate_statement_is_not_money() -> None:
    s = scan("1ドル＝153円で換算")
    assert s.money == ()


DATES = [
    Case("2025-10-28 コメント投稿する\n本文", dt.date(2025, 10, 28)),
    Case("2025年10月28日\n本文", dt.date(2025, 10, 28)),
    Case("\ufeff２０２５年１０月２８日　本文", dt.date(2025, 10, 28)),
    Case("見出し\n2025/10/28\n本文", dt.date(2025, 10, 28)),
    Case("本文は2025年10月28日に書かれた、とても長い本文の一文がここに続いていく。そして終わる。", None),
    Case("日米首脳会談\n【ワシントン＝共同】2025年10月28日\n本文", dt.date(2025, 10, 28)),
    Case("（2025年10月28日）\n本文", dt.date(2025, 10, 28)),
    Case("", None),
    Case("2025年13月40日", None),
    # Where real copies carry the date (issue 11 B).
    Case("日米首脳会談\nワシントン発\n配信日時：2025年10月28日 18:05\n本文", dt.date(2025, 10, 28)),
    Case("見出し\nサブ見出し\n更新日 2016.07.26\n本文", dt.date(2016, 7, 26)),
    Case("見出し\n投稿日：2023/5/23\n本文", dt.date(2023, 5, 23)),
    Case("見出し\n写真\nキャプション\n記者 山田太郎 2024-03-05T09:30:00+09:00\n本文", dt.date(2024, 3, 5)),
    Case("見出し\n本文の一段落目。\n本文の二段落目。\n（2017年7月27日付）", dt.date(2017, 7, 27)),
    Case("見出し\n本文の一段落目。\n(聯合ニュース 2017/7/27)", dt.date(2017, 7, 27)),
    Case("見出し\n令和2年4月17日\n本文", dt.date(2020, 4, 17)),
    Case("見出し\n平成元年1月9日 夕刊\n本文", dt.date(1989, 1, 9)),
    # The era's year and the western one, both written (a press release's date): one year.
    Case("令和7年（2025年）10月28日\n本文", dt.date(2025, 10, 28)),
    Case("2025年（令和7年）10月28日\n本文", dt.date(2025, 10, 28)),
    Case("令和7年(2025年)10月28日\n本文", dt.date(2025, 10, 28)),
    Case("令和6年（2025年）10月28日\n本文", None),  # two years: which one is not plain
    Case("見出し\n二〇二三年五月二十三日\n本文", dt.date(2023, 5, 23)),
    Case("見出し\n令和五年五月二十三日付\n本文", dt.date(2023, 5, 23)),  # an era year in kanji
    Case("見出し\n平成\n元年の記録\n本文", None),  # an era and its year on two lines are no date
    Case("見出し\n本文。\n（令和五年五月二十三日）", dt.date(2023, 5, 23)),
    Case("見出し\n２０２３年５月２３日　１０時００分\n本文", dt.date(2023, 5, 23)),
    # An opening date is the article's, whatever the foot says; without one, a foot's dateline beats
    # a short dated line lower in the head (the foot is read only when no opening line has a date).
    Case("2025年10月28日\n本文。\n（2017年7月27日付）", dt.date(2025, 10, 28)),
    Case("見出し\nリード\n写真\nキャプション\n2019年1月1日\n本文。\n（2017年7月27日付）", dt.date(2019, 1, 1)),
    Case(
        "見出し\n本文一。\n本文二。\n本文三。\n本文四。\n本文五。\n本文六。\n（2017年7月27日付）\n（2018年1月5日更新）",
        dt.date(2018, 1, 5),  # the foot read from the end
    ),
    # Wire copy run on one line: the date right after the dateline's credit is the article's.
    Case(
        "【ワシントン＝共同】2025年10月28日、日米両政府は5500億ドル（約84兆円）の対米投資で合意した。",
        dt.date(2025, 10, 28),
    ),
    Case("【北京時事】２０２３年５月２３日　中国人民銀行は人民元の基準値を発表した。", dt.date(2023, 5, 23)),
    Case("見出し\n【ロンドン＝共同】2024-03-05 英中銀は政策金利を据え置いた。", dt.date(2024, 3, 5)),
    Case("【ワシントン＝共同】米政府は28日、対日関税の引き下げを発表した。", None),  # no year: no date
    Case("【解説】同社は2016年7月26日に英社を買収すると発表した。", None),  # a date inside the sentence
    Case("【ワシントン＝共同】 本文。2025年10月28日に合意した。", None),
    # Distractors: an event inside a sentence is never the article's date.
    Case("見出し\n同社は2016年に英社を買収した。\n本文", None),
    Case("見出し\n政府は来年3月に結論を出す。\n本文", None),
    Case("見出し\nリード\n写真説明\n2025年10月28日、政府は臨時閣議を開いた。", None),  # a lede, not a dateline
    Case("見出し\n本文。\n同社は2016年7月26日に買収を発表した。", None),
    Case(
        "見出し\n本文\n同社は2016年7月26日に、英国の半導体設計大手を約240億ポンドで買収すると発表し、市場を驚かせた",
        None,
    ),
]


@pytest.mark.parametrize(("text", "expected"), cases(DATES))
def test_article_date(text: str, expected: dt.date | None) -> None:
    assert article_date(text) == expected


PERCENTS = [
    Case("GDP比2パーセント", ["2"]),
    Case("約70％を占める", ["70"]),
    Case("前年比5%増", ["5"]),
    Case("九パーセントの確率", ["9"]),
    Case("5500億ドル", []),
]


@pytest.mark.parametrize(("text", "values"), cases(PERCENTS))
def test_percents(text: str, values: list[str]) -> None:
    assert [f.value for f in figures(text, "percent").figures] == [D(v) for v in values]
    # percentages never become money
    assert not any("%" in m.text or "％" in m.text or "パーセント" in m.text for m in scan(text).money)


def test_spans_slice_back_to_text() -> None:
    text = "2025-10-28\n日本は5500億ドル（約84兆円）を、トヨタは100億ドル約1兆5300億円を投じる。\r\n※1ドル＝153円で換算"
    s = scan(text)
    for c in s.conversions:
        assert text[c.source.span.start : c.source.span.end] == c.source.text
        assert text[c.stated.span.start : c.stated.span.end] == c.stated.text
    assert len(s.conversions) == 2


@pytest.mark.parametrize(("word", "code"), sorted(currencies.WORDS.items()))
def test_every_currency_word_is_read_as_money(word: str, code: str) -> None:
    """The money pattern is built from ``currencies.WORDS``: each word reads, with its code."""
    text = f"価格は100{word}だった。"
    assert [(m.text, m.currency) for m in scan(text).money] == [(f"100{word}", code)]


@pytest.mark.parametrize(("symbol", "code"), sorted(currencies.PREFIX_SYMBOLS.items()))
def test_every_currency_symbol_is_read_as_money(symbol: str, code: str) -> None:
    """The money pattern's first characters come from ``currencies.PREFIX_SYMBOLS``: each symbol reads."""
    text = f"価格は{symbol}100だった。"
    assert [(m.text, m.currency) for m in scan(text).money] == [(f"{symbol}100", code)]


def _texts_of_the_suites() -> list[str]:
    """Every Japanese text the suites hold: the corpus passages and the table-driven cases."""
    import ast
    from pathlib import Path

    from tests.corpus import load

    texts = [p.text for p in load()]
    for path in sorted(Path(__file__).parent.glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and any("\u3040" <= ch <= "\u9fff" for ch in node.value)
            ):
                texts.append(node.value)
    return texts


def test_the_check_path_leaves_only_texts_with_no_foreign_money() -> None:
    """``scan(for_check=True)`` stops after one search on a text with no numeral before a foreign
    currency word (地元, 元首相, リラックス) and no symbol before a numeral: on every text of the
    suites it finds exactly the conversions and rates the full scan finds."""
    texts = _texts_of_the_suites()
    assert len(texts) > 1000
    skipped = 0
    for text in texts:
        full, quick = scan(text), scan(text, for_check=True)
        assert (quick.conversions, quick.rates, quick.incomplete) == (full.conversions, full.rates, full.incomplete), (
            text
        )
        skipped += not quick.money and bool(full.money)
    assert skipped > 50  # and it does leave the texts with yen only, or words that only look like money


def _gate_by_lookbehind() -> Any:
    """The money gate as one ``regex`` search, the numeral in a lookbehind: what ``_foreign``
    (the standard library's ``re`` and a look at each word's neighbour) must answer alike."""
    import regex

    from figcheck.scan import _NUMERAL_END, _NUMERAL_START
    from figcheck.scan.patterns import FOREIGN_WORD, SYMBOL, char_class

    ends, starts = char_class("".join(sorted(_NUMERAL_END))), char_class("".join(sorted(_NUMERAL_START)))
    return regex.compile(f"(?<={ends}[ \u3000]*)(?:{FOREIGN_WORD})|(?:{SYMBOL})(?=[ \u3000]*{starts})")


@pytest.mark.parametrize(
    ("text", "foreign"),
    [
        ("5500億ドル", True),
        ("100 ドル", True),
        ("１００\u3000\u3000ユーロ", True),  # the euro named anywhere
        ("にせんドル", True),
        ("$100", True),
        ("US$ 5", True),
        ("HK$", False),
        ("$ は記号", False),
        ("地元の元首相がロンドンとポーランドを訪れた", False),
        ("ドル高が進んだ", False),
        ("円安ドル高", False),
        ("3万円", False),
        ("ドル", False),
        ("  ドル", False),  # spaces and then the start of the text: no numeral
        ("ニュージーランドドル100", False),  # a numeral after the word only
        ("5ニュージーランド・ドル", True),
        ("十ポンド", True),
        ("千リラックス", True),  # a numeral before リラ: the full scan tells the word apart
        ("、ドル", False),
    ],
)
def test_the_money_gate(text: str, foreign: bool) -> None:
    from figcheck.scan import _foreign

    assert _foreign(text) is foreign
    assert (_gate_by_lookbehind().search(text) is not None or "ユーロ" in text) is foreign


def test_the_money_gate_answers_as_one_lookbehind_search() -> None:
    """On every text of the suites, and on random strings of numerals, spaces, symbols and pieces
    of currency words, the gate is the lookbehind search (the euro aside)."""
    import random

    from figcheck.scan import _foreign

    reference = _gate_by_lookbehind()
    pieces = [
        "5",
        "億",
        "十",
        "万",
        "、",
        " ",
        "\u3000",
        "$",
        "US",
        "HK$",
        "ドル",
        "ポンド",
        "ランド",
        "ニュージーランド",
        "・",
        "元",
        "人民",
        "地",
        "ン",
        "リラ",
        "ックス",
        "円",
        "に",
        "せん",
        "a",
    ]
    rng = random.Random(20261202)
    texts = _texts_of_the_suites() + ["".join(rng.choices(pieces, k=rng.randint(1, 12))) for _ in range(20000)]
    for text in texts:
        if any(e in text for e in ("ユーロ", "€", "EUR")):
            continue
        assert _foreign(text) is (reference.search(text) is not None), text


# SpanSet answers overlap (``__call__``) and containment (``holds``): spans (3, 8) and (10, 20).
SPAN_QUERIES = [
    ((4, 6), True, True),
    ((3, 8), True, True),
    ((7, 12), True, False),  # overlaps both, inside neither
    ((8, 10), False, False),  # between them
    ((12, 20), True, True),
    ((12, 21), True, False),
    ((0, 3), False, False),
]


@pytest.mark.parametrize(("query", "overlaps", "held"), SPAN_QUERIES)
def test_span_set(query: tuple[int, int], overlaps: bool, held: bool) -> None:
    from figcheck.scan.spans import SpanSet

    spans = SpanSet([(10, 20), (3, 8)])
    assert (spans(*query), spans.holds(*query)) == (overlaps, held)
