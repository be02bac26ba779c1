"""Shared fixtures: small rate tables, the shipped example, the shared folder when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from figcheck.rates import HEADER, RateTable

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLE = ROOT / "examples" / "nichibei-investment.txt"


def make_table(*rows: str, name: str = "test.csv") -> RateTable:
    """A rate table from CSV rows (without header)."""
    return RateTable(Path(name), ("\n".join([HEADER, *rows]) + "\n").encode())


@pytest.fixture
def shared() -> Path:
    """The read-only shared folder; tests that need it skip on a clean checkout without it."""
    if not SHARED.is_dir():
        pytest.skip("../shared/ is not present (clean checkout)")
    return SHARED
