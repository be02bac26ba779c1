"""The shipped ``rates.csv`` itself: header, order, uniqueness, positive rates, the house row."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from figcheck.model import RateKind
from figcheck.rates import HEADER, RateTable, default_table_path, parse_ecb_csv
from tests.conftest import ROOT


def test_top_level_data_is_the_packaged_table() -> None:
    assert (ROOT / "data" / "rates.csv").resolve().read_bytes() == default_table_path().read_bytes()


def test_every_row_is_valid_sorted_and_unique() -> None:
    path = default_table_path()
    assert path.read_text(encoding="utf-8").split("\n", 1)[0] == HEADER
    seen: set[tuple[dt.date, str, str]] = set()
    previous = None
    for rate in RateTable.open(path).rows():
        key = (rate.on, rate.base, rate.quote)
        assert key not in seen
        seen.add(key)
        assert previous is None or key > previous
        previous = key
        assert rate.value > 0
        assert rate.quote == "JPY"
    assert len(seen) > 200_000


def test_house_row_replaces_that_days_reference() -> None:
    rows = list(RateTable.open(default_table_path()).between(dt.date(2025, 10, 28), dt.date(2025, 10, 28)))
    usd = [r for r in rows if r.base == "USD"]
    assert len(usd) == 1
    assert (usd[0].value, usd[0].kind) == (Decimal(153), RateKind.HOUSE)


def test_table_matches_the_ecb_file(shared: Path) -> None:
    ecb = shared / "data" / "ecb" / "eurofxref-hist.csv"
    table = RateTable.open(default_table_path())
    for rate in list(parse_ecb_csv(ecb.read_text(encoding="utf-8")))[:400]:
        hit = table.lookup(rate.base, rate.quote, rate.on, max_age=0)
        assert hit is not None
        assert hit.rate.value == rate.value
