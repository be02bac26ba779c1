"""Shared fixtures: small rate tables, the shipped example, the shared folder when present."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Compiled patterns go to a cache of the suite's own, never the user's (set before figcheck loads).
os.environ["FIGCHECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="figcheck-cache-")

from figcheck import i18n
from figcheck.rates import HEADER, RateTable

# The suite's messages are English whatever the machine's locale; tests of Japanese ask for it.
for _name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"
# ... and never read or write the real user's rate table (rates update writes there by default).
os.environ["FIGCHECK_DATA_DIR"] = tempfile.mkdtemp(prefix="figcheck-data-")

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


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Every test starts, and leaves the process, in English (the language is per process)."""
    i18n.use("en")
    yield
    i18n.use("en")
