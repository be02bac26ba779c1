"""Pairing: a foreign amount and the yen figure that converts it (or the reverse) into a ``Conversion``.

Forms: 「A（約B）」, 「A(約B)」, 「A約B」, 「A、約B」, 「A、日本円にしておよそB」, 「A（日本円で約B）」, the
yen-first 「B（約A）」, a list in brackets 「（約110億ドル、約1兆7000億円）」, and a conversion that opens
the next sentence when A is the only money of its sentence and ends it.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from figcheck import currencies
from figcheck.model import Conversion, Money, Qualifier, Span
from figcheck.scan.patterns import CLOSE, OPEN, SP, WORD
from figcheck.scan.spans import SpanSet, line, sentence

# Between a figure and its conversion: brackets, "、", "日本円にして", "＝" …
_CONV_PHRASE = (
    rf"(?:日本円|邦貨|{WORD})(?:に換算(?:して|すると)|換算で|換算|にして|にすると|建てで|で)|日本円"
    r"|(?:で)?換算(?:して|すると|で)?"  # what is left once a rate statement is taken out: 「1ドル＝153円」換算で
)
_GAP_BRACKET = regex.compile(rf"^{SP}[（(]{SP}[=＝]?{SP}(?:(?:{_CONV_PHRASE})[ \u3000、,，:：]*)?$")
_GAP_PHRASE = regex.compile(rf"^{SP}[、,，]?{SP}(?:{_CONV_PHRASE}){SP}[、,，]?{SP}$")
_GAP_PLAIN = regex.compile(rf"^{SP}(?:[、,，]|[=＝])?{SP}$")
_GAP_BRACKET_LIST = regex.compile(rf"^{SP}[、,，/／]{SP}$")
# A conversion that opens the next sentence: 「…50億ユーロの基金を設ける。日本円で約8000億円になる」.
# The foreign figure must end its sentence's only money (a short tail, no other figures after it).
_GAP_NEXT_SENTENCE = regex.compile(
    rf"^[^。．！？!?\n0-9０-９（）()]{{0,24}}[。．][ \u3000]*(?:{_CONV_PHRASE}){SP}[、,，]?{SP}$"
)
_RANGE_GAP = regex.compile(rf"{SP}(?:[〜～~\-－‐–—]|から){SP}\Z")
_MAX_GAP = 40  # characters between a figure and its conversion ("（日本円に換算しておよそ" is 12)
_BRACKET_REACH = 400  # characters: a bracket never closed ends its line, or this far on


def pairs(text: str, money: tuple[Money, ...], statements: SpanSet | None = None) -> Iterator[Conversion]:
    """Pair each foreign amount with the yen figure that converts it, or the reverse.

    Ranges pair end by end: 「50〜60億ドル（約7650億〜9180億円）」 is two claims, 50億→7650億 and
    60億→9180億. A range paired with a single figure is ambiguous and not checked.
    """
    statements = statements or SpanSet()
    count = len(money)
    # low[i]: money[i] is the low end of a range whose high end is money[i + 1]
    low = [
        i + 1 < count
        and money[i].currency == money[i + 1].currency
        and bool(_RANGE_GAP.match(text, money[i].span.end, money[i + 1].span.start))
        for i in range(count)
    ]
    owner: dict[int, Money] = {}  # a foreign figure in brackets after another: (約110億ドル、…)
    for i in range(count - 1):
        first, second = money[i], money[i + 1]
        if low[i] or second.span.start - first.span.end > _MAX_GAP:
            continue
        gap = _without(text, first.span.end, second.span.start, statements)
        yen_first = first.currency == currencies.YEN
        yen_second = second.currency == currencies.YEN
        bracket = bool(_GAP_BRACKET.match(gap))
        if yen_first == yen_second:
            if not yen_first and bracket:
                owner[i + 1] = owner.get(i, first)
            continue
        source = first
        if yen_second:
            if i in owner and _GAP_BRACKET_LIST.match(gap):
                source = owner[i]
            elif not (
                bracket
                or _GAP_PHRASE.match(gap)
                or (_GAP_PLAIN.match(gap) and (second.qualifier is Qualifier.APPROX or "=" in gap or "＝" in gap))
                or (_GAP_NEXT_SENTENCE.match(gap) and _alone_in_sentence(text, money, i))
            ):
                continue
        elif not bracket:
            continue  # a yen-first pair is only ever written with brackets
        high_first = i > 0 and low[i - 1]
        if high_first != low[i + 1]:
            continue
        if high_first:
            yield _conversion(text, money[i - 1], second)
            yield _conversion(text, first, money[i + 2])
        else:
            yield _conversion(text, source, second)


def _without(text: str, start: int, end: int, statements: SpanSet) -> str:
    """``text[start:end]`` less any rate statement in it: 「（1ドル＝153円換算で」 -> 「（換算で」."""
    gap = text[start:end]
    if not statements(start, end):
        return gap
    return "".join(ch for i, ch in enumerate(gap, start) if not statements(i, i + 1))


def _alone_in_sentence(text: str, money: tuple[Money, ...], i: int) -> bool:
    """Whether ``money[i]`` is the only money of its sentence so far: which figure a conversion in
    the next sentence converts is then plain (「A社は50億ドル、B社は30億ドル。日本円で…」 is not)."""
    start, _ = sentence(text, money[i].span.start, money[i].span.end)
    return i == 0 or money[i - 1].span.end <= start


def _conversion(text: str, source: Money, stated: Money) -> Conversion:
    open_at = _open_bracket(text, source.span.end, stated.span.start)
    bracket = _bracket_span(text, open_at) if open_at is not None else None
    end = stated.span.end
    if bracket is not None and bracket.end == end + 1:
        end = bracket.end  # "100億ドル（約1兆5300億円）": the claim closes with its bracket
    return Conversion(source=source, stated=stated, span=Span(source.span.start, end), bracket=bracket)


def _open_bracket(text: str, start: int, end: int) -> int | None:
    for i in range(end - 1, start - 1, -1):
        if text[i] in OPEN:
            return i
    return None


def _bracket_span(text: str, open_at: int) -> Span:
    """The span of the brackets opened at ``open_at`` (to the line end if never closed)."""
    depth = 0
    for i in range(open_at, min(len(text), open_at + _BRACKET_REACH)):
        ch = text[i]
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth -= 1
            if depth == 0:
                return Span(open_at, i + 1)
        elif ch == "\n":
            break
    return Span(open_at, line(text, open_at)[1])
