#!/usr/bin/env python3
"""Every speed change keeps the output byte-identical (issue 15): run two source trees of figcheck
over the same corpora and compare their JSON, SARIF and text output, and the JSON of ``figcheck
figures``, byte for byte.

    python bench/same_output.py OTHER_SRC [--corpus DIR ...]

``OTHER_SRC`` is the ``src`` folder of another checkout (``git worktree add /tmp/old REF``, then
``/tmp/old/src``). By default the corpora are ``bench/corpus`` and ``bench/realistic`` (build them
with ``bench/bench.py`` and ``bench/realistic.py``; to compare with a checkout from before ignore
files were read, copy them out of the repository, whose ``.gitignore`` names them). Exit 1 on the
first difference.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def output(src: Path, corpus: Path, *args: str) -> bytes:
    """figcheck's standard output from ``src`` over ``corpus`` (run from its parent, relative paths)."""
    env = {**os.environ, "PYTHONPATH": str(src), "FIGCHECK_DATA_DIR": tempfile.mkdtemp()}
    if args[:1] == ("figures",):  # the inventory: no configuration to ignore
        cmd = [sys.executable, "-m", "figcheck", "figures", corpus.name, *args[1:]]
    else:
        cmd = [sys.executable, "-m", "figcheck", corpus.name, "--no-config", *args]
    return subprocess.run(cmd, cwd=corpus.parent, env=env, capture_output=True, check=False).stdout


#: The outputs compared: a check's in every format (JSON with one job and two), and the inventory's.
FLAGS = (
    ("-f", "json", "-j", "1"),
    ("-f", "json", "-j", "2"),
    ("-f", "sarif"),
    ("-f", "text", "-q"),
    ("figures", "-f", "json"),
)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("other", type=Path)
    ap.add_argument("--corpus", type=Path, action="append")
    args = ap.parse_args()
    corpora = args.corpus or [ROOT / "bench" / "corpus", ROOT / "bench" / "realistic"]
    for corpus in corpora:
        for flags in FLAGS:
            mine, theirs = output(ROOT / "src", corpus.resolve(), *flags), output(args.other, corpus.resolve(), *flags)
            same = mine == theirs
            print(f"{corpus.name} {' '.join(flags)}: {len(mine)} bytes, {'identical' if same else 'DIFFERENT'}")
            if not same:
                return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
