"""Shared currency words (ルピー, ポンド, ペソ, クローネ …): the country named decides which currency,
in the mention, in a rate statement and in the check (``scan.countries``)."""

from __future__ import annotations

import pytest

from figcheck import currencies
from figcheck.model import Status
from figcheck.scan import scan
from tests.common import Case, cases, conversions
from tests.conftest import make_table

# (text, the currency of each money mention: none where the word names no currency there)
CURRENCY = [
    # The country before the figure in its paragraph, the nearest one.
    Case("パキスタン政府は1000億ルピー（約540億円）の予算を計上した。", ["PKR", "JPY"]),
    Case("インド政府は1000億ルピー（約1724億円）の予算を計上した。", ["INR", "JPY"]),
    Case("スリランカ政府は1000億ルピーを借り入れた。", ["LKR"]),
    Case("エジプトは100億ポンド（約310億円）の支援を受ける。", ["EGP", "JPY"]),
    Case("英政府は100億ポンド（約2兆円）を投じる。", ["GBP", "JPY"]),
    Case("エジプトを訪れた英首相は100億ポンドの支援を表明した。", ["GBP"]),
    Case("メキシコ政府は1000億ペソの景気対策を発表した。", ["MXN"]),
    Case("フィリピン中銀は1000億ペソを供給した。", ["PHP"]),
    Case("ノルウェー政府年金基金は100億クローネを売却した。", ["NOK"]),
    Case("デンマークは100億クローネを拠出する。", ["DKK"]),
    Case("アイスランドは10億クローナを投じる。", ["ISK"]),
    Case("クウェートは10億ディナールを投じる。", ["KWD"]),
    Case("ケニアは1000億シリングの予算を組んだ。", ["KES"]),
    # ... else the first after it in its sentence.
    Case("1000億ルピーの予算をパキスタン議会が承認した。", ["PKR"]),
    # ... else the one country the text names; none: the usual currency, or none at all.
    Case("パキスタン政府は28日、予算案を発表した。\n国防費は1000億ルピーに上る。", ["PKR"]),
    Case("国防費は1000億ルピーに上る。", ["INR"]),
    Case("英国の予算は100億ポンドだ。", ["GBP"]),
    Case("年金は100億ポンドだ。", ["GBP"]),
    Case("同国は10億クローナを投じる。", ["SEK"]),
    Case("同国は1000億ペソを投じる。", []),
    Case("同国は100億クローネを投じる。", []),
    # Two countries of two currencies named, none in the paragraph: not plain, no figure.
    Case("インドとパキスタンが会談した。\n国防費は1000億ルピーに上る。", []),
    # The nearest before is looked for 2,000 characters back at most, even on one long line.
    Case("英国。" + "あ" * 2500 + "エジプトは100億ポンドを受け取る。", ["EGP"]),
    Case("エジプト。英国。" + "あ" * 2500 + "100億ポンドを受け取る。", []),
    # A country name is a whole word: no インド in インドネシア, no リビア in ボリビア.
    Case("インドネシアの投資家は1000億ルピーを投じた。", ["INR"]),
    Case("ボリビアは10億ディナールを投じる。", []),
    # The compound words of the vocabulary: a country and the word.
    Case("価格は1000メキシコペソ。", ["MXN"]),
    Case("価格は100ノルウェー・クローネ。", ["NOK"]),
]


@pytest.mark.parametrize(("text", "expected"), cases(CURRENCY))
def test_the_country_decides_the_currency(text: str, expected: list[str]) -> None:
    assert [m.currency for m in scan(text).money] == expected


def test_a_rate_statement_of_a_shared_word_is_the_country_s() -> None:
    text = "パキスタン政府は1000億ルピー（約540億円、1ルピー＝0.54円で換算）の予算を計上した。"
    (rate,) = scan(text).rates
    assert (rate.base, str(rate.value)) == ("PKR", "0.54")


# The check: a Pakistani rupee is never checked at the Indian rupee's rate (a confident wrong fix).
TABLE = make_table(
    "2025-10-28,INR,JPY,1.724356,reference,ECB",
    "2025-10-28,GBP,JPY,202.1804,reference,ECB",
    "2025-10-28,MXN,JPY,8.256607,reference,ECB",
)
DAY = "2025年10月28日\n"
VERDICTS = [
    Case(DAY + "パキスタン政府は1000億ルピー（約540億円）の予算を計上した。", [Status.UNVERIFIABLE]),
    Case(DAY + "パキスタン政府は1000億ルピー（約540億円、1ルピー＝0.54円）の予算を計上した。", [Status.OK]),
    Case(DAY + "パキスタン政府は1000億ルピー（約640億円、1ルピー＝0.54円）の予算を計上した。", [Status.MISMATCH]),
    Case(DAY + "インド政府は1000億ルピー（約1724億円）の予算を計上した。", [Status.OK]),
    Case(DAY + "インド政府は1000億ルピー（約540億円）の予算を計上した。", [Status.MISMATCH]),
    Case(DAY + "エジプトは100億ポンド（約310億円）の支援を受ける。", [Status.UNVERIFIABLE]),
    Case(DAY + "メキシコは1000億ペソ（約8260億円）の対策を決めた。", [Status.OK]),
    Case(DAY + "メキシコは1000億ペソ（約2600億円）の対策を決めた。", [Status.MISMATCH]),
    Case(DAY + "同国は1000億ペソ（約8260億円）の対策を決めた。", []),
    # A weight stays a weight.
    Case(DAY + "エジプトの選手は体重250ポンド（約113キロ）。", []),
]


@pytest.mark.parametrize(("text", "expected"), cases(VERDICTS))
def test_verdicts_at_the_country_s_rate(text: str, expected: list[Status]) -> None:
    assert [f.status for f in conversions(text, TABLE)] == expected


def test_every_shared_word_reads_with_its_country_before_it() -> None:
    for word, countries in currencies.BY_COUNTRY.items():
        for country, code in countries.items():
            assert [m.currency for m in scan(f"{country}は100億{word}を投じる。").money] == [code], (country, word)
