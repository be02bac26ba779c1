"""Span bookkeeping: hot-spot windows, the time guard, overlap sets, sentences and lines.

The expensive patterns run only near the words that can end or start a mention, and never longer
than a budget: text crafted against them ends in ``ScanTimeout``, which ``guarded`` turns into a
reason the caller reports (the scan and the figures inventory alike), never a traceback.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from itertools import accumulate
from typing import TypeVar

import regex

from figcheck import rx
from figcheck.scan.patterns import NUMERAL_RUN_CHARS, SENTENCE_END, SPACES

T = TypeVar("T")
#: What opens windows: words and symbols, compiled by ``re`` (``rx.literals``) or by ``regex``.
Trigger = re.Pattern[str] | regex.Pattern[str]

# The run of numeral characters that ends at a position (searched backwards, in one call).
_NUMERAL_RUN_BEFORE = rx.compile(f"(?r)[{regex.escape(NUMERAL_RUN_CHARS)}]+\\G")
# A hiragana amount right before a currency word (「にせんにひゃく ドル」) widens a window over its run.
_HIRAGANA_BEFORE = rx.compile(r"(?r)[ぁ-ゖ]+[ \u3000]*\G")
# Characters before a trigger where a mention may start: a qualifier, a sign and spaces; the window
# is then widened over numeral characters, however many (within reason). And characters after
# it where a mention may go on: sub-units (「13銭」, 「と5セント」), a qualifier, or the amount
# after a symbol (「$ 48.2 万」) or a rate's yen (「1ドル＝約153.25円」).
_REACH_BACK = 12
_REACH_ON = 28
_WIDEN_LIMIT = 64  # characters a window may widen backwards over a run of numeral characters


def windows(text: str, trigger: Trigger) -> Iterator[tuple[int, int]]:
    """Merged ``(start, end)`` windows around every trigger, never starting inside a numeral.

    The scan is linear: a window only ever widens backwards over numeral characters, and by at
    most ``_REACH_BACK`` more on a long run of them (a pathological run is cut, not rescanned).
    """
    start = end = -1
    limit = len(text)
    for m in trigger.finditer(text):
        lo = max(0, m.start() - _REACH_BACK)
        hi = min(limit, m.end() + _REACH_ON)
        if lo > end:  # else merged with the window before, however far back this one would widen
            floor = max(0, lo - _WIDEN_LIMIT, end)
            if lo > floor and text[lo - 1] in NUMERAL_RUN_CHARS:  # a one-character test first: cheaper
                run = _NUMERAL_RUN_BEFORE.search(text, floor, lo)
                if run is not None:
                    lo = run.start()
            before = text[m.start() - 1] if m.start() > floor else ""
            if before and ("ぁ" <= before <= "ゖ" or before in SPACES):
                kana = _HIRAGANA_BEFORE.search(text, floor, m.start())
                if kana is not None:
                    lo = min(lo, kana.start())
        if lo <= end:
            end = max(end, hi)
            continue
        if end > start:
            yield start, end
        start, end = lo, hi
    if end > start:
        yield start, end


def budget(chars: int) -> float:
    """Seconds a pattern may spend on ``chars`` characters: generous for real text (a dense megabyte
    takes about a second), so only text crafted against the patterns runs out."""
    return 2.0 + chars * 20e-6


#: Characters of a window below which the time guard is not set: the patterns are linear (a window
#: this short takes microseconds even when crafted), and ``timeout=`` costs a third of regex's time.
GUARD_FROM = 512


class ScanTimeout(Exception):
    """The text took the patterns longer than any real article would (caught by ``guarded``)."""


def finditer(pattern: regex.Pattern[str], text: str, trigger: Trigger) -> Iterator[regex.Match[str]]:
    """``pattern.finditer`` restricted to the windows around ``trigger``, with a time guard."""
    for start, end in windows(text, trigger):
        if end - start <= GUARD_FROM:  # a timeout makes regex a third slower; a short window cannot hang
            yield from pattern.finditer(text, start, end)
            continue
        try:
            yield from pattern.finditer(text, start, end, timeout=budget(end - start))
        except TimeoutError:
            raise ScanTimeout(f"scanning characters {start}–{end} took too long") from None


def match_at(pattern: regex.Pattern[str], text: str, start: int, reach: int) -> regex.Match[str] | None:
    """``pattern.match`` at ``start``, with the time guard of ``reach`` characters, and never past a
    sentence's reach: ``regex`` first looks for a literal the pattern needs (円 for a rate) to the end
    of the text, so on a long line of 「100ポンド、」 with no 円 each match read the rest of the line
    (200 µs a match at 280,000 characters, against 1 µs bounded)."""
    try:
        return pattern.match(text, start, min(len(text), start + SENTENCE_REACH), timeout=budget(reach))
    except TimeoutError:
        raise ScanTimeout(f"scanning characters from {start} took too long") from None


def guarded(work: Callable[[], T]) -> tuple[T | None, str | None]:
    """``(work(), None)``, or ``(None, reason)`` when the time guard tripped: the one place a
    ``ScanTimeout`` becomes data."""
    try:
        return work(), None
    except ScanTimeout as e:
        return None, str(e)


class SpanSet:
    """A set of spans that answers "does ``[start, end)`` overlap any of them?" in log time."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        """Index ``spans`` (``(start, end)`` pairs, in any order)."""
        ordered = sorted(spans)
        self._starts = [a for a, _ in ordered]
        self._reach = list(accumulate((b for _, b in ordered), max))  # furthest end so far

    def __call__(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps a span of the set."""
        i = bisect_right(self._starts, end - 1) - 1
        return i >= 0 and self._reach[i] > start

    def holds(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies inside a span of the set."""
        i = bisect_right(self._starts, start) - 1
        return i >= 0 and self._reach[i] >= end


# Words that contain numeral kanji but are no figures (place names, common words).
_NOT_FIGURE_WORDS = """
四川 西九条 九条通 九州 四国 千葉 八王子 六本木 五反田 九段 三重県 十勝 八戸
四日市 一宮 二子玉川 三鷹 千代田 百済 三河 九十九里 三井 三菱 一橋 八幡 万博 万歳
万一 万全 万能 万引 一見 一部 一方 一般 一緒 一致 一層 一段 一旦 一応 一向 一体
一斉 一切 一気 一定 一流 一新 一環 一連 一線 一面 一律 一括 一員 一角 一転 一挙
一手 一助 一掃 一帯 一同 一任 一服 一変 一瞬 一目 一元化 一次 二次 三次 統一
唯一 同一 一人ひとり 十分な 十分に 十字 百貨店 八百屋 七夕 五輪 四半期 四季 二酸化
一酸化 二重 三振 一貫 一丸 一端 一途 一行 一足 一息 一向に 一層 一家 一族 一生
一種 一品 一周 一際 千差万別 一石二鳥 四捨五入 十人十色
""".split()  # noqa: SIM905 (a word list reads best as one block)
_NOT_FIGURES = rx.literals("|".join(_NOT_FIGURE_WORDS))
_URL = rx.compile(r"(?:https?|ftp)://[^\s\u3000「」『』（）()<>]+|www\.[^\s\u3000「」『』（）()<>]+")


def blocked(text: str) -> SpanSet:
    """Where no figure may be: URLs and words such as 四川 or 一部."""
    return SpanSet(
        [(m.start(), m.end()) for m in _URL.finditer(text)]
        + [(m.start(), m.end()) for m in _NOT_FIGURES.finditer(text)]
    )


SENTENCE_REACH = 400  # a sentence longer than this is cut: keeps the scan linear


def sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence around ``[start, end)`` (at most ``SENTENCE_REACH`` each side)."""
    lo = max(0, start - SENTENCE_REACH)
    hi = min(len(text), end + SENTENCE_REACH)
    left = max([text.rfind(c, lo, start) for c in SENTENCE_END] + [lo - 1]) + 1
    rights = [i for i in (text.find(c, end, hi) for c in SENTENCE_END) if i != -1]
    return left, (min(rights) + 1 if rights else hi)


def line(text: str, pos: int) -> tuple[int, int]:
    """The bounds of the line around ``pos`` (at most ``SENTENCE_REACH`` each side)."""
    lo = max(0, pos - SENTENCE_REACH)
    hi = min(len(text), pos + SENTENCE_REACH)
    left = text.rfind("\n", lo, pos) + 1 or lo
    right = text.find("\n", pos, hi)
    return left, (right if right != -1 else hi)
