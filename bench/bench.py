#!/usr/bin/env python3
"""figcheck's speed, measured in one run on one machine, reported as ratios (the machine is shared).

    python bench/bench.py [--mb 50] [--files 16000] [--skip-corpus] [--repeat 3]

Builds a reproducible corpus (fixed seed) of article-like Japanese text in ``bench/corpus/``: prose
with a realistic density of money, percentages and conversions, some of them wrong. Then measures:

1. throughput of ``figcheck --format json`` over the corpus (MB/s), and its ratio to the floor:
   one pass of Python's ``regex`` over the same bytes looking for currency words;
2. start-up: the whole-process time of ``figcheck`` on the shipped example, as a ratio to
   ``python -c "import typer, rich, regex, pint"``;
3. peak memory (max RSS) over the corpus and over its largest file alone;
4. ``--jobs 2`` against ``--jobs 1``, and against what the machine gives two processes: two
   ``--jobs 1`` runs side by side (each its own whole check; no pool, no shared work);
5. the rate table: opening it and looking up one article's rates.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/realistic.py
CORPUS = ROOT / "bench" / "corpus"
EXAMPLE = ROOT / "examples" / "nichibei-investment.txt"
FIGCHECK = [sys.executable, "-m", "figcheck"]
_NO_DASK = "import sys; sys.modules['dask'] = None; "
_WRITE_PYC = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

PROSE = [
    "両首脳は中国による一方的な現状変更の試みに反対することを確認した。",
    "会談では信頼関係の構築を重視する姿勢が目立った。",
    "関係者によると、協議は今後も継続される見通しだ。",
    "政府は来年度予算の編成に向けた作業を本格化させる。",
    "専門家は供給網の多様化が急務だと指摘している。",
    "市場では先行きへの警戒感が根強い。",
    "同社は声明で「引き続き成長投資を進める」と述べた。",
]
FIGURES = [
    "売上高は前年比{p}%増の{c}億円だった。",
    "防衛費を国内総生産比{q}パーセントに引き上げる。",
    "約{p}％の企業が賃上げを予定している。",
    "同社は{n}億円を投じて新工場を建設する。",
]
CURRENCIES = [("ドル", 153), ("ユーロ", 177), ("ポンド", 203), ("人民元", 21)]


def article(rng: random.Random, day: int) -> str:
    """One article of about 3 KB: a date line, prose, figures, two or three conversions."""
    lines = [f"2025-10-{day:02d}", "見出し：協議の行方"]
    body = []
    for _ in range(rng.randint(18, 26)):
        body.append(rng.choice(PROSE))
        if rng.random() < 0.25:
            body.append(
                rng.choice(FIGURES).format(
                    p=rng.randint(1, 60), q=rng.randint(1, 5), c=rng.randint(10, 9999), n=rng.randint(10, 5000)
                )
            )
    for _ in range(rng.randint(2, 3)):
        word, rate = rng.choice(CURRENCIES)
        amount = rng.randint(1, 900)
        yen = amount * rate  # 億円
        if rng.random() < 0.1:
            yen = yen * 11 // 10  # a wrong figure
        figure = f"{yen // 10000}兆{yen % 10000}億" if yen >= 10000 else f"{yen}億"
        body.insert(rng.randrange(len(body)), f"総額は{amount}億{word}（約{figure.replace('兆0億', '兆')}円）に上る。")
    lines.append("".join(body))
    lines.append("※換算レートは1ドル153円、1ユーロ177円、1ポンド203円、1元21円。")
    return "\n".join(lines) + "\n"


def build(megabytes: float, files: int, seed: int = 20251028) -> tuple[int, int]:
    """Write the corpus; return (total bytes, largest file in bytes)."""
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    rng = random.Random(seed)
    per_file = int(megabytes * 1_000_000 / files)
    total = largest = 0
    for i in range(files):
        folder = CORPUS / f"{i // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        parts, size = [], 0
        target = per_file * (4 if i % 997 == 0 else 1)  # a few long files
        while size < target:
            block = article(rng, rng.randint(1, 28))
            parts.append(block)
            size += len(block.encode())
        data = "".join(parts).encode()
        (folder / f"{i:06d}.txt").write_bytes(data)
        total += len(data)
        largest = max(largest, len(data))
    return total, largest


def run(cmd: list[str]) -> tuple[float, int]:
    """(wall seconds, peak RSS of the child in KiB) of one command, output discarded."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(after, before)


def side_by_side(cmd: list[str]) -> float:
    """Wall seconds of two copies of ``cmd`` started together, until both have ended."""
    start = time.perf_counter()
    children = [subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(2)]
    for child in children:
        child.wait()
    return time.perf_counter() - start


def peak(cmd: list[str]) -> int:
    """Peak RSS (KiB) of one command, measured in a fresh interpreter so earlier children don't count."""
    code = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, *cmd], capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


def floor(paths: list[Path]) -> float:
    """Seconds for one regex pass over every file for currency words (reading included)."""
    sys.path.insert(0, str(ROOT / "src"))
    import regex

    from figcheck import currencies

    pattern = regex.compile(currencies.alternation(currencies.WORDS))
    start = time.perf_counter()
    for p in paths:
        for _ in pattern.finditer(p.read_bytes().decode("utf-8")):
            pass
    return time.perf_counter() - start


def throughput(name: str, corpus: Path, paths: list[Path], mb: float, repeat: int) -> None:
    """``figcheck --format json`` over ``corpus`` with --jobs 1 and 2, as ratios to the floor.

    The machine may be shared: other tenants take CPU at random. Each measure is repeated, the
    runs interleaved, and both the fastest (the run least disturbed) and the medians are printed."""
    floors, serials, pars, pairs = [], [], [], []
    serial_cmd = [*FIGCHECK, str(corpus), "--format", "json", "--no-config", "--jobs", "1"]
    for _ in range(repeat):
        floors.append(floor(paths))
        serials.append(run(serial_cmd)[0])
        pars.append(run([*FIGCHECK, str(corpus), "--format", "json", "--no-config", "--jobs", "2"])[0])
        pairs.append(side_by_side(serial_cmd))
    t_floor, t_serial, t_par = min(floors), min(serials), min(pars)
    med = statistics.median
    print(
        f"[{name}] runs (s): floor "
        + " ".join(f"{t:.1f}" for t in floors)
        + "; --jobs 1 "
        + " ".join(f"{t:.1f}" for t in serials)
        + "; --jobs 2 "
        + " ".join(f"{t:.1f}" for t in pars)
    )
    print(f"[{name}] floor (regex pass for currency words): {mb / t_floor:8.1f} MB/s")
    print(
        f"[{name}] --jobs 1: {mb / t_serial:6.2f} MB/s, ratio to floor {t_serial / t_floor:5.1f}x fastest, "
        f"{med(serials) / med(floors):5.1f}x medians"
    )
    print(
        f"[{name}] --jobs 2: {mb / t_par:6.2f} MB/s, ratio to floor {t_par / t_floor:5.1f}x fastest, "
        f"{med(pars) / med(floors):5.1f}x medians; speed-up over --jobs 1 {t_serial / t_par:.2f}x fastest, "
        f"{med(a / b for a, b in zip(serials, pars, strict=True)):.2f}x median of the rounds"
    )
    serial = _serial_part(corpus)
    t1 = med(serials)
    print(
        f"[{name}] the part no worker can share: start-up and walk {serial:.2f} s of --jobs 1's {t1:.2f} s; "
        f"the best --jobs 2 could do with nothing lost to the pool: {t1 / (serial + (t1 - serial) / 2):.2f}x"
    )
    # Two whole serial checks at once do twice the work in the time the machine allows two processes:
    # its own ceiling for a speed-up on two cores (two vCPUs of a shared host give less than two).
    print(
        f"[{name}] two --jobs 1 runs side by side: {' '.join(f'{t:.1f}' for t in pairs)} s; the machine's "
        f"own speed-up for two processes {2 * t_serial / min(pairs):.2f}x fastest, "
        f"{med(2 * a / b for a, b in zip(serials, pairs, strict=True)):.2f}x median of the rounds"
    )


def _serial_part(corpus: Path) -> float:
    """Seconds of a run that stay in the main process: the start-up (a check of an empty folder,
    the median of five) and the walk of ``corpus`` (in-process)."""
    import tempfile

    sys.path.insert(0, str(ROOT / "src"))
    from figcheck.inputs import expand

    with tempfile.TemporaryDirectory() as empty:
        start = statistics.median(run([*FIGCHECK, empty, "--format", "json", "--no-config"])[0] for _ in range(5))
    began = time.perf_counter()
    list(expand([str(corpus)]))
    return start + time.perf_counter() - began


def main(argv: list[str]) -> int:
    """Build, measure, print."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=50.0)
    ap.add_argument("--files", type=int, default=16000)
    ap.add_argument("--skip-corpus", action="store_true", help="reuse bench/corpus and bench/realistic")
    ap.add_argument("--realistic-mb", type=float, default=20.0, help="size of the realistic archive")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each throughput measure (fastest counts)")
    args = ap.parse_args(argv)

    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, {sys.platform}")
    if args.skip_corpus and CORPUS.exists():
        paths = sorted(CORPUS.rglob("*.txt"))
        total, largest = sum(p.stat().st_size for p in paths), max(p.stat().st_size for p in paths)
    else:
        total, largest = build(args.mb, args.files)
        paths = sorted(CORPUS.rglob("*.txt"))
    mb = total / 1e6
    print(f"corpus: {len(paths)} files, {mb:.1f} MB, largest {largest / 1e3:.0f} kB")

    throughput("dense", CORPUS, paths, mb, args.repeat)
    import realistic

    if not (args.skip_corpus and realistic.OUT.is_dir()):
        realistic.build(args.realistic_mb)
    rpaths = sorted(realistic.OUT.rglob("*.txt"))
    rmb = sum(p.stat().st_size for p in rpaths) / 1e6
    print(
        f"realistic corpus: {len(rpaths)} files, {rmb:.1f} MB (5% convert, 30% yen or percentages, ten years of dates)"
    )
    throughput("realistic", realistic.OUT, rpaths, rmb, args.repeat)
    rss = peak([*FIGCHECK, str(realistic.OUT), "--format", "json", "--no-config", "--jobs", "1"])
    one = peak([*FIGCHECK, str(max(rpaths, key=lambda p: p.stat().st_size)), "--format", "json", "--no-config"])
    print(f"peak memory, realistic: corpus {rss / 1024:.0f} MiB, largest file alone {one / 1024:.0f} MiB")

    # An installed package has its bytecode compiled by pip; a source tree under
    # PYTHONDONTWRITEBYTECODE has none, and would pay for compiling figcheck on every run.
    compile_pyc = [sys.executable, "-m", "compileall", "-q", str(ROOT / "src" / "figcheck")]
    subprocess.run(compile_pyc, check=True, env=_WRITE_PYC)
    # ... and the first run after an install keeps the compiled patterns in the user's cache
    # (figcheck.rx): one run before timing, as a user's first run after installing.
    run([*FIGCHECK, str(EXAMPLE), "--no-config"])
    startup, imports, reporting = [], [], []
    for _ in range(21):  # interleaved, so a change in the machine's load touches both alike
        startup.append(run([*FIGCHECK, str(EXAMPLE), "--no-config"])[0])
        # pint imports Dask whenever it is installed (the dev environment has it for the archive's
        # tests; figcheck keeps pint from it): the floor is pint without Dask, as in a base install.
        imports.append(run([sys.executable, "-c", f"{_NO_DASK}import typer, rich, regex, pint"])[0])
        # What any rich report needs beyond `import rich`: the floor of a figcheck run's start-up.
        reporting.append(
            run([sys.executable, "-c", f"{_NO_DASK}import typer, rich, regex, pint, rich.console, rich.table"])[0]
        )
    base = statistics.median(imports)
    print(
        f"start-up: figcheck on the example {statistics.median(startup) * 1000:.0f} ms, "
        f"imports alone {base * 1000:.0f} ms, "
        f"ratio {statistics.median(startup) / base:.2f} (medians), "
        f"{statistics.median(a / b for a, b in zip(startup, imports, strict=True)):.2f} (the rounds' median), "
        f"{min(startup) / min(imports):.2f} (fastest runs); "
        f"the imports plus rich.console and rich.table alone: {statistics.median(reporting) / base:.2f}"
    )

    largest_path = max(paths, key=lambda p: p.stat().st_size)
    rss_corpus = peak([*FIGCHECK, str(CORPUS), "--format", "json", "--no-config", "--jobs", "1"])
    rss_one = peak([*FIGCHECK, str(largest_path), "--format", "json", "--no-config"])
    print(f"peak memory: corpus {rss_corpus / 1024:.0f} MiB, largest file alone {rss_one / 1024:.0f} MiB")

    sys.path.insert(0, str(ROOT / "src"))
    import datetime as dt

    from figcheck.rates import RateTable, default_table_path

    start = time.perf_counter()
    table = RateTable.open(default_table_path())
    for code in ("USD", "EUR", "GBP", "CNY"):
        table.lookup(code, "JPY", dt.date(2025, 10, 28))
    print(f"rate table: open + 4 look-ups {1000 * (time.perf_counter() - start):.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
