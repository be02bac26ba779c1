#!/usr/bin/env python3
"""A realistic archive for the benchmarks (issue 15): what a newspaper's articles look like, not a
corpus where every article converts.

    python bench/realistic.py [--mb 20] [--out bench/realistic]

Fixed seed, one article a file (about 2.5 kB each), article dates spread over ten years:

- about 5% of the articles convert a foreign currency (half of them with a stated rate, some of the
  figures wrong);
- about 30% carry yen amounts or percentages but no foreign currency;
- the rest are plain prose, full of ordinary words that contain a currency word (地元, 元首相, 身元,
  円安, 円滑, ブランド, ロンドン, ポーランド, リラックス).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "realistic"
SEED = 20261201

PLAIN = [
    "地元の商店街では、円滑な運営に向けた話し合いが続いている。",
    "元首相は記者団に対し、身元の確認には時間がかかるとの見方を示した。",
    "円安の影響で、輸入品の価格が上がっているという声が地元から出ている。",
    "ロンドンとポーランドを巡る旅行ツアーが、リラックスできると人気を集めている。",
    "高級ブランドの店舗が駅前に開業し、週末には長い行列ができた。",
    "市議会は来年度の予算案を審議し、子育て支援の拡充を求める意見が相次いだ。",
    "専門家は、地域の医療体制を維持するには人材の確保が欠かせないと指摘する。",
    "気象台によると、今週末は広い範囲で雨が降り、気温も平年より低くなる見込みだ。",
    "同校の生徒たちは、地元の農家と協力して新しい特産品づくりに取り組んでいる。",
    "関係者によると、協議は来月以降も続けられる見通しだという。",
    "試合は延長戦にもつれ込み、地元チームが劇的な勝利を収めた。",
    "町内会の役員は、円満な解決に向けて住民の理解を得たいと話した。",
]
YEN = [
    "同社の売上高は前年同期比{p}％増の{a}億円だった。",
    "県は総額{a}億円の補正予算案を発表した。",
    "個人消費は{p}％減少し、賃金の伸びは{q}％にとどまった。",
    "工事費は約{a}億{b}千万円に膨らむ見通しだ。",
    "支持率は前回調査から{p}ポイント下がり、{q}％となった。",
]
CURRENCY = [
    ("ドル", "USD", 150),
    ("ユーロ", "EUR", 160),
    ("ポンド", "GBP", 185),
    ("元", "CNY", 20),
    ("ウォン", "KRW", 0.1),
]


def _article(rng: random.Random, day: dt.date, kind: str) -> str:
    lines = [f"{day.year}年{day.month}月{day.day}日", ""]
    body: list[str] = []
    while sum(len(s) for s in body) < 800:  # about 2.5 kB of UTF-8
        body.append(rng.choice(PLAIN))
        if kind == "yen" and rng.random() < 0.3:
            body.append(
                rng.choice(YEN).format(
                    a=rng.randint(2, 900), b=rng.randint(1, 9), p=rng.randint(1, 30), q=rng.randint(1, 60)
                )
            )
    if kind == "foreign":
        word, _code, rate = rng.choice(CURRENCY)
        amount = rng.choice([5, 10, 20, 50, 120, 550, 1000])
        yen = amount * rate * (1 if rng.random() < 0.8 else rng.choice([0.9, 1.1]))  # some are wrong
        oku = round(yen)
        if oku >= 10000:
            figure = f"約{oku // 10000}兆" + (f"{oku % 10000}億円" if oku % 10000 else "円")
        else:
            figure = f"約{oku}億円" if oku >= 1 else f"約{yen:.1f}億円"
        stated = rng.random() < 0.5
        sentence = f"同国は{amount}億{word}（{figure}）を投じる計画だ。"
        body.insert(rng.randrange(len(body) + 1), sentence)
        if stated:
            body.append(f"※1{word}＝{rate}円で換算")
    return "\n".join(lines + ["".join(body[i : i + 3]) for i in range(0, len(body), 3)]) + "\n"


def build(mb: float = 20.0, out: Path = OUT) -> tuple[int, int]:
    """Write the archive; (bytes, files)."""
    rng = random.Random(SEED)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    start = dt.date(2016, 1, 1)
    total = files = 0
    while total < mb * 1e6:
        roll = rng.random()
        kind = "foreign" if roll < 0.05 else "yen" if roll < 0.35 else "plain"
        day = start + dt.timedelta(days=rng.randrange(3650))
        text = _article(rng, day, kind)
        folder = out / str(day.year)
        folder.mkdir(exist_ok=True)
        path = folder / f"{files:06d}.txt"
        path.write_text(text, encoding="utf-8")
        total += len(text.encode())
        files += 1
    return total, files


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=20.0)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    total, files = build(args.mb, args.out)
    print(f"{files} articles, {total / 1e6:.1f} MB in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
