"""The inventory of every figure a text holds, for ``figcheck figures``: money (what a check reads),
percentages (3割8分7厘, 4.2％) and every other number expression. Off the check path: a check never
imports this module or compiles its patterns."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

import regex

from figcheck import expressions, numerals, rx
from figcheck.model import Figure, FigureKind, Inventory, Span
from figcheck.scan.mentions import money
from figcheck.scan.patterns import APPROX_PREFIX, HIRAGANA_EDGE_CHARS, KANJI, NUM, SIGN, SP, VAGUE
from figcheck.scan.quantities import inventory
from figcheck.scan.spans import SpanSet, blocked, finditer, guarded

__all__ = ["figures"]

_PERCENT = rx.compile(
    rf"""
    (?P<sign>{SIGN})?
    (?:
        (?P<num>{NUM})(?P<kilo>{SP}k)?{SP}(?:%|％|㌫|パ{SP}ー{SP}セ{SP}ン{SP}ト)
      | (?P<wari>{NUM}){SP}割(?P<han>半)?(?:(?P<bu>{NUM})分(?:(?P<rin>{NUM})厘)?)?(?P<biki>引き?)?
    )
    """,
    regex.VERBOSE,
)
_APPROX_LEAD = rx.compile(rf"(?:{APPROX_PREFIX}){SP}")
_PERCENT_TRIGGER = rx.literals(r"[%％㌫パ割]")
_EXPRESSION = rx.compile(expressions.EXPRESSION, regex.VERBOSE)
_SIMPLE = rx.compile(expressions.SIMPLE)
_STARTS = re.compile(expressions.STARTS)
_SPECIAL_AFTER = re.compile(expressions.SPECIAL_AFTER)
# A whole run of hiragana that stands alone: an edge (or an end of the text) on either side. Told in
# the pattern, not for each run in Python: the runs between kanji are most of a Japanese text's
# particles (いち in 「いち、に」 stands alone; は in 「日本は」 does not).
_HIRAGANA_ALONE = rx.compile(
    rf"(?<![^{HIRAGANA_EDGE_CHARS}])[ぁ-ゖ]++(?![^{HIRAGANA_EDGE_CHARS}])"  # possessive: never a part of a run
)
_ARABIC_RUN = rx.compile(f"[{numerals.ARABIC_DIGIT}]+")
_KANA = rx.compile(r"[ぁ-ゖ]")

# A lone kanji digit between a kanji and a kanji that counts nothing (or kana) is part of a name
# or word — 安倍晋三元首相, 鈴木一郎さん — but not before a counter: 小明十本, 首相の一人, 九年.
_COUNTERS = frozenset(
    "本人個件回年月日時分秒歳円社国点台枚匹頭冊度倍割位番階週期代号条項章話巻杯軒機隻着足通票席戸棟校店局種"
)
# A number that measures something (180ミリリットル, 29キロメートル) is a dimension, not a count.
_MEASURE = rx.compile(rf"{SP}(?:キロ|ミリ|センチ|ナノ|マイクロ)?(?:メートル|リットル|グラム)")


@numerals.exact
def figures(text: str, kind: FigureKind | str = FigureKind.ALL) -> Inventory:
    """The figures of ``kind`` in ``text``, in text order.

    ``money`` and ``percent`` are what the checker reads; ``number`` is every numeral expression,
    those inside money and percentages included; ``all`` is money and percentages plus the numbers
    that are not part of them. Text that defeats the patterns gives an inventory whose
    ``incomplete`` says so.

    >>> [(str(f.kind), f.text, str(f.value), f.unit) for f in figures("GDP比2パーセント、5500億ドル").figures]
    [('percent', '2パーセント', '2', '%'), ('money', '5500億ドル', '550000000000', 'USD')]
    """
    found, incomplete = guarded(lambda: _figures(text, FigureKind(kind)))
    return Inventory(found or (), incomplete)


def _figures(text: str, kind: FigureKind) -> tuple[Figure, ...]:
    where_not = blocked(text)
    out: list[Figure] = []
    if kind in (FigureKind.ALL, FigureKind.MONEY):
        out += [
            Figure(
                FigureKind.MONEY,
                text[m.amount.start : m.amount.end],
                m.value,
                None if m.assumed else m.currency,
                m.amount,
                m.currency if m.assumed else None,
            )
            for m in money(text, where_not)
        ]
    if kind in (FigureKind.ALL, FigureKind.PERCENT):
        out += list(_percents(text, where_not))
    if kind in (FigureKind.ALL, FigureKind.QUANTITY):
        out = _with_quantities(text, where_not, out)
    if kind is FigureKind.NUMBER:
        out += _numbers(text, where_not)
    elif kind is FigureKind.ALL:  # a number inside money or a percentage is theirs (and is not evaluated)
        out += _numbers(text, where_not, SpanSet((f.span.start, f.span.end) for f in out))
    out.sort(key=lambda f: (f.span.start, f.span.end))
    return tuple(out)


def _with_quantities(text: str, where_not: SpanSet, found: list[Figure]) -> list[Figure]:
    """``found`` and every quantity. ポンド is money or a weight by what it converts to: a pound
    converted into キロ is a weight (its money reading goes), one that converts nothing stays money."""
    listed = inventory(text, where_not)
    paired = SpanSet((q.span.start, q.span.end) for q, is_paired in listed if is_paired)
    money_at = SpanSet((f.span.start, f.span.end) for f in found if f.kind is FigureKind.MONEY)
    kept = [f for f in found if f.kind is not FigureKind.MONEY or not paired(f.span.start, f.span.end)]
    for q, is_paired in listed:
        if is_paired or not money_at(q.span.start, q.span.end):
            lead = _APPROX_LEAD.match(q.text)
            cut = lead.end() if lead else 0  # the amount, as for money: 約 is the claim's, not the figure's
            kept.append(
                Figure(FigureKind.QUANTITY, q.text[cut:], q.value, q.unit or None, Span(q.span.start + cut, q.span.end))
            )
    return kept


def _percents(text: str, where_not: SpanSet) -> Iterator[Figure]:
    for m in finditer(_PERCENT, text, _PERCENT_TRIGGER):
        if m["num"] is not None:
            parsed = numerals.parse(m["num"])
            value = None if parsed is None else parsed.value * (1000 if m["kilo"] else 1)
        else:
            value = numerals.wari_percent(m["wari"], m["bu"], m["rin"], half=bool(m["han"]))
        if value is None or where_not(m.start(), m.end()):
            continue
        value = numerals.canonical(-value if m["sign"] else value)
        yield Figure(FigureKind.PERCENT, m[0], value, "%", Span(m.start(), m.end()))


def _in_name(text: str, start: int, end: int) -> bool:
    if end - start != 1 or text[start] not in "一二三四五六七八九" or start == 0 or end >= len(text):
        return False
    before, after = text[start - 1], text[end]
    if not KANJI.match(before):
        return False
    return bool(_KANA.match(after)) or (bool(KANJI.match(after)) and after not in _COUNTERS)


def _number(text: str, span: tuple[int, int], value: Decimal) -> Figure:
    return Figure(FigureKind.NUMBER, text[span[0] : span[1]], value, None, Span(*span))


def _expressions(text: str) -> Iterator[regex.Match[str]]:
    """The matches of ``_EXPRESSION.finditer(text)``, found at about half the cost: tried only where
    a match can start (``STARTS``), each with ``SIMPLE`` first, and with the whole pattern only where
    another form may follow (``SPECIAL_AFTER``) or where ``SIMPLE`` reads nothing. ``regex`` tries
    the whole pattern's seven other forms at every digit; on a dense text that was a third of
    ``figcheck figures``. A ``SIMPLE`` match has only its own groups."""
    resume = 0
    simple, whole, special = _SIMPLE.match, _EXPRESSION.match, _SPECIAL_AFTER.match
    for candidate in _STARTS.finditer(text):
        at = candidate.start()
        if at < resume:
            continue
        m = simple(text, at)
        if m is None or text[at] in expressions.SPECIAL_START or special(text, m.end("num")):
            m = whole(text, at)
        if m is not None:
            resume = m.end()
            yield m


def _numbers(text: str, where_not: SpanSet, taken: SpanSet | None = None) -> list[Figure]:
    """Every number expression, and every hiragana numeral that stands alone; none that overlaps
    ``taken`` (the figures already read)."""
    found: list[Figure] = []
    for m in _expressions(text):
        start, end = m.span()
        chain = m["chain"] if m.re is _EXPRESSION else None
        if chain is None and taken is not None and taken(start, end):
            continue  # most numbers of a dense text are money's: the cheapest test first
        if where_not(start, end) or _MEASURE.match(text, end) or (start and VAGUE.match(text, start - 1)):
            continue
        if chain is not None:  # 2222.2222.22222 or 192.168.0.1: separate numbers
            for part in _ARABIC_RUN.finditer(text, m.start("chain"), m.end("chain")):
                if taken is not None and taken(part.start(), part.end()):
                    continue
                parsed = numerals.parse(part[0])
                if parsed is not None:
                    found.append(_number(text, part.span(), parsed.value))
            continue
        if _in_name(text, start, end):
            continue
        value = expressions.evaluate(m.groupdict())
        if value is not None:
            found.append(_number(text, (start, end), value))
    for m in _HIRAGANA_ALONE.finditer(text):
        if taken is not None and taken(m.start(), m.end()):
            continue
        value = numerals.hiragana_value(m[0])
        if value is not None:
            found.append(_number(text, m.span(), value))
    found.sort(key=lambda f: f.span.start)
    return found
