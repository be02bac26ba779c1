#!/usr/bin/env python3
"""Print figcheck's pass rate on the peer suite (Recognizers-Text Japanese, dotnet-validated subset).

    python scripts/peer_score.py [-v]     # -v lists every failing case

Needs ``../shared/peer/recognizers-text/``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.peer_suite import SPECS, SUITES, actual, load, passes


def main(argv: list[str]) -> int:
    """Score every suite; exit 2 when the specs are missing."""
    if not SPECS.is_dir():
        print(f"peer specs not found at {SPECS}", file=sys.stderr)
        return 2
    verbose = "-v" in argv
    for suite in SUITES:
        cases = load(suite)
        failed = [c for c in cases if not passes(c)]
        ok = len(cases) - len(failed)
        print(f"{suite:9} {ok}/{len(cases)} ({100 * ok / len(cases):.1f}%)")
        if verbose:
            for c in failed:
                print(f"   #{c.index} {c.input[:60]!r}")
                print(f"      want {sorted(c.expected, key=str)}")
                print(f"      got  {sorted(actual(c), key=str)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
