"""Hypothesis strategies for Japanese figures, shared by the property tests and ``bench/fuzz.py``."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

#: Pieces that exercise the patterns: numerals, units, currencies, qualifiers, brackets, rates.
PIECES = [
    *"0123456789０１２３４５６７８９〇一二三四五六七八九十百千万億兆京零",
    *",，.．、・点 　▲-−－%％",
    "円",
    "ドル",
    "米ドル",
    "ユーロ",
    "元",
    "人民元",
    "ウォン",
    "ポンド",
    "香港ドル",
    "$",
    "€",
    "￥",
    "\\",
    "銭",
    "セント",
    "約",
    "およそ",
    "超",
    "弱",
    "近く",
    "以上",
    "割",
    "分",
    "厘",
    "パーセント",
    "ダース",
    "分の",
    "k",
    "M",
    "e",
    "^",
    "/",
    "（",
    "）",
    "(",
    ")",
    "、",
    "。",
    "\n",
    "\r\n",
    "※",
    "1ドル＝",
    "153円",
    "で換算",
    "日本円にして",
    "〜",
    "から",
    "2025年10月28日",
    "2025-10-28",
    "時点",
    "にじゅう",
    "さん",
    "せん",
    "まん",
    "四川",
    "一部",
    "元首相",
    "<!-- figcheck-disable -->",
    "`",
    "```",
    "http://x.test/",
    "\ud800",
    "\x00",
]

japanese_text = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
any_text = st.one_of(st.text(max_size=200), japanese_text)

newspaper_values = st.one_of(
    st.integers(min_value=0, max_value=10**20).map(Decimal),
    st.decimals(min_value=0, max_value=10**12, places=4, allow_nan=False, allow_infinity=False),
)
