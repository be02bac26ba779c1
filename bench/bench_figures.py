#!/usr/bin/env python3
"""How fast ``figures`` and the checker read text, and whether the time grows linearly.

    python bench/bench_figures.py [MB]      # default 10

Builds seed-like Japanese text (a fixed seed), then times, in one run on one machine:
``figures(kind="all")``, ``scan`` + ``check`` at 1 MB and at MB megabytes, and a plain
``regex`` pass for currency words over the same text (the floor). Reports MB/s and ratios.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import regex

from figcheck import currencies
from figcheck.check import CheckOptions, check
from figcheck.figures import figures
from figcheck.scan import scan

SENTENCES = [
    "日本は{a}億ドル約{y}兆円の対米投資を実現すると約束した。",
    "トヨタ自動車が米国内に{b}億ドル（約{z}億円）を超える規模の工場を建設する。",
    "防衛費を国内総生産比{p}パーセントに増額する計画を前倒しする。",
    "中国が世界のレアアース採掘の約{q}％を占める中、両国は協力を確認した。",
    "会談では半導体や造船など{n}分野の案件が議題となった。",
    "高市首相は記者団に「幅広い分野で成果を上げることができた」と述べた。",
    "同社の売上高は前年比{p}%増の{c}億円だった。",
]


def article(rng: random.Random) -> str:
    """One seed-like paragraph with money, percentages, conversions (some wrong) and prose."""
    out = []
    for _ in range(12):
        a = rng.randint(1, 9000)
        b = rng.randint(1, 900)
        out.append(
            rng.choice(SENTENCES).format(
                a=a,
                y=max(1, round(a * 153 / 10000)) + (rng.random() < 0.1),
                b=b,
                z=b * 153,
                p=rng.randint(1, 99),
                q=rng.randint(1, 99),
                n=rng.randint(2, 12),
                c=rng.randint(10, 9999),
            )
        )
    return "".join(out) + "\n※換算レートは1ドル153円。\n"


def build(megabytes: float, seed: int = 2025) -> str:
    """Text of about ``megabytes`` MB (UTF-8)."""
    rng = random.Random(seed)
    parts, size = [], 0
    while size < megabytes * 1_000_000:
        block = article(rng)
        parts.append(block)
        size += len(block.encode())
    return "".join(parts)


def timed(fn: object, *args: object) -> float:
    start = time.perf_counter()
    fn(*args)  # type: ignore[operator]
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    """Run the measurements and print a table."""
    big = float(argv[0]) if argv else 10.0
    floor = regex.compile(currencies.alternation(currencies.WORDS))
    print(f"{'text':>8} {'floor MB/s':>11} {'figures MB/s':>13} {'check MB/s':>11} {'figures/floor':>14}")
    rates = {}
    for mb in (1.0, big):
        text = build(mb)
        size = len(text.encode()) / 1e6
        t_floor = timed(lambda t: sum(1 for _ in floor.finditer(t)), text)
        t_fig = timed(figures, text)
        t_chk = timed(lambda t: check(scan(t), None, CheckOptions()), text)
        rates[mb] = size / t_fig
        print(f"{size:7.1f}M {size / t_floor:11.1f} {size / t_fig:13.2f} {size / t_chk:11.2f} {t_fig / t_floor:14.1f}")
    print(f"linearity: figures MB/s at {big:g} MB / at 1 MB = {rates[big] / rates[1.0]:.2f} (1.0 = linear)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
