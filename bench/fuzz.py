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
from figcheck.figures import figures  # noqa: E402
from figcheck.markup import mask  # noqa: E402
from figcheck.numerals import canonical, parse, to_newspaper  # noqa: E402
from figcheck.scan import scan  # noqa: E402


@settings(max_examples=500, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(any_text, newspaper_values, st.sampled_from(["all", "money", "percent", "number"]))
def one_batch(text: str, value: Decimal, kind: str) -> None:
    """Every stage on one input; any exception or failed assertion is a crash."""
    check(scan(text), None, CheckOptions())
    for f in figures(text, kind).figures:
        assert text[f.span.start : f.span.end] == f.text
    assert len(mask(text)) == len(text)
    parsed = parse(to_newspaper(value))
    assert parsed is not None
    assert parsed.value == canonical(value)


def main(argv: list[str]) -> int:
    """Run batches of 500 inputs until the budget is spent; a crash is shrunk, printed, exit 1."""
    budget = float(argv[0]) if argv else 120.0
    deadline = time.monotonic() + budget
    batches = 0
    while time.monotonic() < deadline:
        one_batch()  # a new random seed each time; raises (after shrinking) on a crash
        batches += 1
    print(f"fuzz: {batches * 500} inputs in {budget:g}s, no crash")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
