#!/usr/bin/env python3
"""The check path's scan, this tree against another, interleaved in one run (issue 16: units must
not slow down the article that converts nothing).

    python bench/scan_compare.py OTHER_SRC [--corpus bench/realistic] [--rounds 7]

``OTHER_SRC`` is the ``src`` of another checkout (``git worktree add /tmp/old REF``). Each round
runs ``scan(text, for_check=True)`` over every ``*.txt`` of the corpus in a fresh process, once per
tree; the medians and minima and their ratios are printed (the machine is shared: read the ratios).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = """
import sys, time, pathlib
from figcheck.scan import scan
texts = [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(sys.argv[1]).rglob("*.txt"))]
for x in texts[:50]:
    scan(x, for_check=True)
start = time.perf_counter()
for x in texts:
    scan(x, for_check=True)
print(time.perf_counter() - start)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("other", type=Path)
    parser.add_argument("--corpus", type=Path, default=ROOT / "bench" / "realistic")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    trees = {"other": args.other.resolve(), "this": ROOT / "src"}
    times: dict[str, list[float]] = {name: [] for name in trees}
    for _ in range(args.rounds):
        for name, src in trees.items():
            env = {**os.environ, "PYTHONPATH": str(src)}
            out = subprocess.run(
                [sys.executable, "-c", CODE, str(args.corpus)], env=env, capture_output=True, text=True, check=True
            )
            times[name].append(float(out.stdout))
    for name, values in times.items():
        print(f"{name:<6} {trees[name]}: median {statistics.median(values):.3f} s, min {min(values):.3f} s")
    median = statistics.median(times["this"]) / statistics.median(times["other"])
    minimum = min(times["this"]) / min(times["other"])
    print(f"this ÷ other: {median:.3f} (medians), {minimum:.3f} (minima)")


if __name__ == "__main__":
    main()
