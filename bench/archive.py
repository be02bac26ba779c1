#!/usr/bin/env python3
"""``figcheck archive``'s throughput (issue 17), as ratios measured in one run on this machine.

    python bench/archive.py [--repeat 3] [--copies 1]

Turns the realistic corpus (``bench/realistic.py``, built if missing) into one JSON Lines archive
(``bench/archive/realistic.jsonl``: a record per article, its file name as id), then times, in
interleaved rounds (the median of ``--repeat``):

1. ``figcheck --format json bench/realistic/ --jobs 1``: the same articles as files;
2. ``figcheck archive realistic.jsonl --jobs 1``: the reference of the ratios;
3. ``figcheck archive … --jobs 2``: the local engine;
4. ``figcheck archive … --scheduler tcp://127.0.0.1:…``: a 2-worker ``distributed.LocalCluster``;

checks that 2–4 write the same bytes, and measures what ``docs/archive.md`` estimates with: the
per-article cost, and Dask's cost per task (a no-op task's round trip on the same cluster).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REALISTIC = ROOT / "bench" / "realistic"
OUT = ROOT / "bench" / "archive"
FIGCHECK = [sys.executable, "-m", "figcheck"]


def build(copies: int) -> tuple[Path, int, int]:
    """The archive of the realistic corpus (``copies`` times over, ids kept unique)."""
    if not REALISTIC.is_dir():
        subprocess.run([sys.executable, str(ROOT / "bench" / "realistic.py")], check=True)
    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / f"realistic-x{copies}.jsonl"
    files = sorted(REALISTIC.rglob("*.txt"))
    if not target.exists():
        with open(target, "w", encoding="utf-8") as out:
            for copy in range(copies):
                for f in files:
                    rid = f"{copy}/{f.relative_to(REALISTIC).as_posix()}"
                    out.write(json.dumps({"id": rid, "text": f.read_text(encoding="utf-8")}, ensure_ascii=False) + "\n")
    return target, len(files) * copies, target.stat().st_size


def timed(cmd: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)}: exit {proc.returncode}\n{proc.stderr.decode()[-2000:]}")
    return elapsed, hashlib.sha256(proc.stdout).hexdigest()


def task_overhead(client: object, n: int = 2000) -> float:
    """Seconds per task of a no-op task, submitted and gathered as the engine does (one at a time
    into a bounded window is slower than this: it is the floor)."""
    futures = client.map(_noop, range(n), pure=False)  # type: ignore[attr-defined]
    start = time.perf_counter()
    client.gather(futures)  # type: ignore[attr-defined]
    futures = client.map(_noop, range(n, 2 * n), pure=False)  # type: ignore[attr-defined]
    start = time.perf_counter()
    client.gather(futures)  # type: ignore[attr-defined]
    return (time.perf_counter() - start) / n


def _noop(x: int) -> int:
    return x


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--copies", type=int, default=1)
    args = parser.parse_args()
    path, records, size = build(args.copies)
    print(f"archive: {path.relative_to(ROOT)}: {records:,} records, {size / 2**20:.1f} MiB; {os.cpu_count()} cores")

    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        runs = {
            "files --jobs 1": [*FIGCHECK, "check", "--no-config", "--format", "json", "--jobs", "1", str(REALISTIC)],
            "archive --jobs 1": [*FIGCHECK, "archive", "--no-config", "--jobs", "1", str(path)],
            "archive --jobs 2": [*FIGCHECK, "archive", "--no-config", "--jobs", "2", str(path)],
            "archive on Dask (2 workers)": [*FIGCHECK, "archive", "--no-config", "--scheduler", address, str(path)],
        }
        if args.copies > 1:
            del runs["files --jobs 1"]
        times: dict[str, list[float]] = {name: [] for name in runs}
        digests: dict[str, set[str]] = {name: set() for name in runs}
        for _ in range(args.repeat):
            for name, cmd in runs.items():
                elapsed, digest = timed(cmd)
                times[name].append(elapsed)
                digests[name].add(digest)
        with Client(address) as client:
            overhead = task_overhead(client)
    archived = [d for name, d in digests.items() if name.startswith("archive")]
    same = all(d == archived[0] and len(d) == 1 for d in archived)
    base = statistics.median(times["archive --jobs 1"])
    print(f"{'run':<30} {'median s':>9} {'÷ archive -j1':>14} {'records/s':>10}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:<30} {median:9.2f} {median / base:14.2f} {records / median:10,.0f}")
    print(f"output byte-identical across the archive engines: {same}")
    print(f"per article (archive --jobs 1, start-up included): {base / records * 1e3:.3f} ms")
    print(f"Dask no-op task round trip on this cluster: {overhead * 1e3:.3f} ms")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
