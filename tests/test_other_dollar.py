"""A bare ドル in an article that names another dollar (豪ドル, カナダドル …) and no US dollar by name:
one that holds only as that dollar is unverifiable (reason other-dollar), never a wrong fix."""

from __future__ import annotations

import pytest

from figcheck.model import Reason, Status
from tests.common import Case, cases, conversions
from tests.conftest import make_table

TABLE = make_table(
    "2025-10-28,USD,JPY,153,reference,ECB",
    "2025-10-28,AUD,JPY,99.8084,reference,ECB",
    "2025-10-28,CAD,JPY,108.7632,reference,ECB",
)
DAY = "2025年10月28日\n"
AUD = DAY + "豪州政府は100億豪ドル（約1兆円）の基金を設ける。"

# (text, the statuses of its conversions)
VERDICTS = [
    # Holds as the article's other dollar only: no verdict, no fix.
    Case(AUD + "うち30億ドル（約3000億円）を水素に充てる。", [Status.OK, Status.UNVERIFIABLE]),
    Case(
        DAY + "カナダ政府は50億カナダドル（約5440億円）を投じる。うち10億ドル（約1090億円）は州に配る。",
        [Status.OK, Status.UNVERIFIABLE],
    ),
    # Holds as US dollars: as before.
    Case(AUD + "米企業は30億ドル（約4590億円）を投じる。", [Status.OK, Status.OK]),
    # Wrong either way: a mismatch.
    Case(AUD + "うち30億ドル（約9000億円）を水素に充てる。", [Status.OK, Status.MISMATCH]),
    # US dollars named in the text, or two other dollars: a bare ドル is the US dollar.
    Case(
        AUD + "米国は20億米ドル（約3060億円）、うち30億ドル（約3000億円）を充てる。",
        [Status.OK, Status.OK, Status.MISMATCH],
    ),
    Case(
        AUD + "カナダは50億カナダドル（約5440億円）。うち30億ドル（約3000億円）。",
        [Status.OK, Status.OK, Status.MISMATCH],
    ),
    # No other dollar: a mismatch, as always.
    Case(DAY + "うち30億ドル（約3000億円）を水素に充てる。", [Status.MISMATCH]),
    # A rate the article states for ドル says which dollar it is.
    Case(AUD + "1ドル＝153円で換算すると、30億ドルは約3000億円。", [Status.OK, Status.MISMATCH]),
]


@pytest.mark.parametrize(("text", "expected"), cases(VERDICTS))
def test_a_bare_dollar_beside_another(text: str, expected: list[Status]) -> None:
    assert [f.status for f in conversions(text, TABLE)] == expected


def test_both_readings_and_no_suggestion() -> None:
    f = conversions(AUD + "うち30億ドル（約3000億円）を水素に充てる。", TABLE)[1]
    assert (f.reason, f.suggestion) == (Reason.OTHER_DOLLAR, None)
    assert "4590億円" in f.message
    assert "as 豪ドル" in f.message
