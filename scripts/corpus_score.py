"""Print figcheck's scores on its real-pattern corpus (tests/corpus), per class of passage:
pairs expected and found, verdicts right, false alarms and misses.

    python scripts/corpus_score.py            # a table
    python scripts/corpus_score.py --markdown # the table for docs/
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests import corpus


def main(argv: list[str]) -> int:
    """Print the table; exit 0."""
    passages = corpus.load()
    tallies = corpus.score(passages, corpus.table())
    rows = [
        (
            cls,
            t.passages,
            f"{t.kinds['consistent']}/{t.kinds['wrong']}/{t.kinds['distractor']}",
            t.pairs,
            t.found,
            t.right,
            t.false_alarms,
            t.misses,
        )
        for cls, t in sorted(tallies.items())
    ]
    total = [
        "all",
        sum(r[1] for r in rows),
        "/".join(str(sum(t.kinds[k] for t in tallies.values())) for k in ("consistent", "wrong", "distractor")),
        *(sum(r[i] for r in rows) for i in range(3, 8)),  # type: ignore[misc]
    ]
    head = ("class", "passages", "cons/wrong/distr", "pairs", "found", "verdicts right", "false alarms", "misses")
    if "--markdown" in argv:
        print("| " + " | ".join(head) + " |")
        print("| --- | " + " | ".join("---:" for _ in head[1:]) + " |")
        for r in [*rows, tuple(total)]:
            print("| " + " | ".join(str(c) for c in r) + " |")
    else:
        widths = [max(len(str(r[i])) for r in [head, *rows, tuple(total)]) for i in range(len(head))]
        for r in [head, *rows, tuple(total)]:
            print(
                "  ".join(
                    str(c).ljust(w) if i == 0 else str(c).rjust(w)
                    for i, (c, w) in enumerate(zip(r, widths, strict=True))
                )
            )
    xfails = [p for p in passages if p.xfail]
    if xfails:
        print(f"\n{len(xfails)} known gaps (strict xfails in tests/test_corpus.py):")
        for p in xfails:
            print(f"  {p.number} {p.cls}: {p.xfail}")
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main(sys.argv[1:]))
    except BrokenPipeError:  # `corpus_score.py | head`: the reader has what it wanted
        # Python's documented recipe: standard output to devnull, so the flush at exit is quiet
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(0) from None
