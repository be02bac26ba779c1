#!/usr/bin/env python3
"""Rebuild the shipped rate table from the ECB reference rates.

    python scripts/build_rates.py [ECB_CSV] [OUT]

Defaults: ``../shared/data/ecb/eurofxref-hist.csv`` -> ``src/figcheck/data/rates.csv``. Every ECB
currency becomes a daily ``reference`` JPY cross; the editors' ``house`` rows in HOUSE replace the
reference row of their day (the seed article used 1ドル153円 on 2025-10-28).
"""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from figcheck.model import Rate, RateKind  # noqa: E402
from figcheck.rates import merge, parse_ecb_csv, write_table  # noqa: E402

HOUSE = [
    Rate(dt.date(2025, 10, 28), "USD", "JPY", Decimal(153), RateKind.HOUSE, "house rate 2025-10-28 (1ドル153円)"),
]


def main(argv: list[str]) -> int:
    """Build the table; print how many rows it has."""
    src = Path(argv[0]) if argv else ROOT.parent / "shared" / "data" / "ecb" / "eurofxref-hist.csv"
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "src" / "figcheck" / "data" / "rates.csv"
    reference = list(parse_ecb_csv(src.read_text(encoding="utf-8"), str(src)))
    rows, _ = merge(HOUSE, reference)  # house rows first: a reference row never replaces them
    write_table(out, rows)
    print(f"{out}: {len(rows)} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
