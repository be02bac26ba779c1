#!/usr/bin/env python3
"""Coverage-guided fuzzing of the scanner, the checker and the numerals, for a fixed budget.

    python bench/fuzz.py [SECONDS]      # default 120

Uses Hypothesis' fuzzing mode (``fuzz_one_input`` driven by random bytes is coverage-blind, so we
let Hypothesis generate and shrink): every input runs through ``scan``, ``check``, ``figures``,
``mask`` and the numeral round trip. A crash is printed with its shrunk input; turn it into a
regular test in ``tests/`` (``tests/test_properties.py`` holds the ones found so far).
"""

from __future__ import annotations

import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from tests.strategies import any_text, newspaper_values  # noqa: E402

from figcheck.check import CheckOptions, check  # noqa: E402
from figcheck.markup import mask  # noqa: E402
from figcheck.numerals import canonical, parse, to_newspaper  # noqa: E402
from figcheck.scan import figures, scan  # noqa: E402


def main(argv: list[str]) -> int:
    """Fuzz until the budget is spent; exit 1 on a crash."""
    budget = float(argv[0]) if argv else 120.0
    deadline = time.monotonic() + budget
    runs = 0

    @settings(max_examples=10**9, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(any_text, newspaper_values, st.sampled_from(["all", "money", "percent", "number"]))
    def target(text: str, value: Decimal, kind: str) -> None:
        nonlocal runs
        runs += 1
        if time.monotonic() > deadline:
            raise _Done
        check(scan(text), None, CheckOptions())
        for f in figures(text, kind):
            assert text[f.span.start : f.span.end] == f.text
        assert len(mask(text)) == len(text)
        parsed = parse(to_newspaper(value))
        assert parsed is not None
        assert parsed.value == canonical(value)

    try:
        target()
    except _Done:
        print(f"fuzz: {runs} inputs in {budget:g}s, no crash")
        return 0
    return 1


class _Done(Exception):
    pass


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
