#!/usr/bin/env python3
"""figcheck against its peer on the same text: Microsoft Recognizers-Text's Python port (MIT), the
library the peer suite in ``../shared/peer/recognizers-text/`` comes from.

    python bench/peer.py [--peer-python PATH] [--mb 1] [--repeat 3]

The peer reads money with ``recognize_currency(text, Culture.Japanese)``; figcheck's counterpart is
``figcheck figures`` (every figure of the text, money among them). Both run as whole processes over
the same slice of each corpus (the first files of ``bench/realistic`` and of ``bench/corpus`` up to
``--mb`` megabytes, copied to a temporary folder), interleaved, ``--repeat`` rounds; the ratio of the
medians is reported, with how many money amounts each found.

The port is not a dependency of figcheck. Install it in a virtual environment of its own; it needs
``emoji<2`` to import (``python -m venv /tmp/peer && /tmp/peer/bin/pip install
recognizers-text-number-with-unit 'emoji<2'``), then pass ``--peer-python /tmp/peer/bin/python``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = {"realistic": ROOT / "bench" / "realistic", "dense": ROOT / "bench" / "corpus"}

_PEER = """
import sys, pathlib
from recognizers_number_with_unit import recognize_currency
from recognizers_text import Culture
found = 0
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.txt")):
    found += len(recognize_currency(path.read_text(encoding="utf-8"), Culture.Japanese))
print(found)
"""


def _slice(corpus: Path, megabytes: float, into: Path) -> int:
    """Copy the first files of ``corpus`` (sorted) up to ``megabytes`` into ``into``; the bytes copied."""
    total = 0
    for n, path in enumerate(sorted(corpus.rglob("*.txt"))):
        if total >= megabytes * 1_000_000:
            break
        shutil.copyfile(path, into / f"{n:06d}.txt")
        total += path.stat().st_size
    return total


def _timed(cmd: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return time.perf_counter() - start, out


def _figcheck_money(out: str) -> int:
    """How many money amounts ``figcheck figures --format json`` listed."""
    return sum(1 for file in json.loads(out)["files"] for f in file.get("figures", ()) if f["kind"] == "money")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peer-python", default=sys.executable, help="a Python with the peer installed")
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    check = subprocess.run([args.peer_python, "-c", "import recognizers_number_with_unit"], capture_output=True)
    if check.returncode != 0:
        print("bench/peer.py: the peer does not import with --peer-python (see the docstring)", file=sys.stderr)
        return 2
    for name, corpus in CORPORA.items():
        if not corpus.is_dir():
            print(f"{name}: {corpus} is missing (bench/realistic.py, bench/bench.py build it)", file=sys.stderr)
            continue
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / name
            folder.mkdir()
            size = _slice(corpus, args.mb, folder)
            ours_cmd = [sys.executable, "-m", "figcheck", "figures", str(folder), "--format", "json"]
            peer_cmd = [args.peer_python, "-c", _PEER, str(folder)]
            ours, theirs = [], []
            for _ in range(args.repeat):
                seconds, out = _timed(ours_cmd)
                ours.append(seconds)
                money = _figcheck_money(out)
                seconds, out = _timed(peer_cmd)
                theirs.append(seconds)
                peer_money = int(out.strip())
            a, b = statistics.median(ours), statistics.median(theirs)
            print(
                f"{name} ({size / 1e6:.2f} MB): figcheck figures {a:.2f} s (money amounts: {money}), "
                f"peer {b:.2f} s (amounts: {peer_money}): the peer is {b / a:.1f}× slower "
                f"(fastest runs {min(theirs) / min(ours):.1f}×)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
