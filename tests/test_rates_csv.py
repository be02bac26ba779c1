"""The shipped ``rates.csv`` itself: header, order, uniqueness, positive rates, the house row."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from figcheck.model import RateKind
from figcheck.rates import HEADER, RateTable, default_table_path
from tests.conftest import ROOT


def test_top_level_data_is_the_package_table() -> None:
    top = ROOT / "data" / "rates.csv"
    assert top.is_symlink()  # one file, never two copies that drift apart
    assert top.resolve() == (ROOT / "src" / "figcheck" / "data" / "rates.csv").resolve()


def test_the_installed_package_ships_the_table() -> None:
    installed = default_table_path().resolve()
    if installed == (ROOT / "src" / "figcheck" / "data" / "rates.csv").resolve():
        pytest.skip("an editable install reads the checkout's own table (.ci/run installs a wheel)")
    assert installed.read_bytes() == (ROOT / "data" / "rates.csv").read_bytes()


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


def test_table_is_rebuilt_byte_for_byte_from_the_ecb_file(shared: Path, tmp_path: Path) -> None:
    ecb = shared / "data" / "ecb" / "eurofxref-hist.csv"
    out = tmp_path / "rates.csv"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_rates.py"), str(ecb), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes() == default_table_path().read_bytes()
