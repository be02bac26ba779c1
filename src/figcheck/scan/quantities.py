"""Quantities and their conversions between the imperial (or US) and the metric system:
「最大風速は時速155マイル（約250キロ）」, 「体重300ポンド（約136キロ）」, 「華氏104度（摂氏40度）」,
「約1万エーカー（約40平方キロ）」, 「日量100万バレル（約1億6000万リットル）」, and metric first,
「約250キロ（155マイル）」.

A quantity is a numeral and a unit word (``units.WORDS``), with 約/超/弱 as for money and 時速/秒速
or 華氏/摂氏 before it. It is paired with the quantity right after it when that one opens a bracket
(「A（約B）」) or follows a comma with 約 (「A、約B」), and when the two resolve to exactly one pair of
units of one dimension, one metric and one not: キロ after マイル is kilometres, after ポンド
kilograms; 度 after 華氏 is Celsius; an unprefixed 「約250キロ」 after 「時速155マイル」 is a speed too.
Anything else (a unit of one system converted into the same system, 「100メートル走」, 「東京ドーム5個分」,
a figure after a range mark) is no conversion: a missed pair is better than a false one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from itertools import pairwise
from typing import NamedTuple

import regex

from figcheck import numerals, rx, units
from figcheck.currencies import alternation
from figcheck.model import Qualifier, Quantity, Span, UnitConversion
from figcheck.scan.patterns import APPROX_PREFIX, LIST_DIGITS, SIGN, SP, SUFFIX, SUFFIX_QUALIFIER
from figcheck.scan.spans import SpanSet, finditer

__all__ = ["GATE_WORDS", "inventory", "quantities", "unit_pairs"]


_UNIT_WORD = alternation(list(units.WORDS))
_SCALE = alternation(list(units.SCALES))
_PER = alternation(list(units.PER))
#: Words that only a quantity of the other system has, and the scales (the gate of the check path:
#: a text without one converts no unit; 「摂氏35度（95度）」 names one scale only). Metric words alone
#: convert nothing worth checking.
GATE_WORDS = alternation(
    [w for w, names in units.WORDS.items() if not any(units.is_metric(n) for n in names)] + list(units.SCALES)
)
_NUM = numerals.numeral_pattern(numerals.LARGE_UNIT + "".join(sorted({w[0] for w in units.WORDS})))


@cache
def _trigger() -> re.Pattern[str]:
    """Where a quantity may be: a unit word, 時速 and the like, a scale."""
    return rx.literals(f"{_UNIT_WORD}|{_PER}|{_SCALE}")


_RANGE_REACH = 24  # characters before a range's high end that its low end may take
_RANGE_MARK = r"(?:[〜～~\-－‐–—]|から)"


@cache
def _range_low() -> regex.Pattern[str]:
    """The low end of a range written with one unit word, right before the high end: 「20〜」, 「約32〜」,
    and a temperature's with its scale written once, before the low end: 「華氏50〜」."""
    return rx.compile(
        rf"(?P<pre>(?:{APPROX_PREFIX}){SP})?(?:(?P<scale>{_SCALE}){SP})?(?P<pre2>(?:{APPROX_PREFIX}){SP})?"
        rf"(?P<num>{_NUM}){SP}{_RANGE_MARK}{SP}\Z"
    )


@cache
def _pattern() -> regex.Pattern[str]:
    """The quantity pattern, compiled on the first text with an imperial unit word or a scale: it
    holds a whole numeral (about 10 ms to compile), and most runs never need it. The small patterns
    below are the standard library's: they compile in microseconds, and a check that reads no unit
    pays for nothing here."""
    return rx.compile(
        rf"""
        (?P<pre>(?:{APPROX_PREFIX}){SP})?
        (?:(?P<per>{_PER}){SP})?
        (?:(?P<scale>{_SCALE}){SP})?
        (?P<pre2>(?:{APPROX_PREFIX}){SP})?
        (?P<sign>{SIGN})?
        (?P<num>{_NUM}){SP}(?P<word>{_UNIT_WORD})
        (?P<post>{SUFFIX})?
        """,
        regex.VERBOSE,
    )


_KATAKANA = "ァ-ヺー\uff66-\uff9f"
_GOES_ON = re.compile(rf"[{_KATAKANA}A-Za-z]")  # 「5キロカロリー」, 「3マイルストーン」, 「10kmh」
# 「20〜30マイル」, 「50から60マイル」: a numeral and a range mark before the figure (「沿岸から200海里」 is none)
_RANGE_BEFORE = re.compile(rf"[0-9０-９〇一二三四五六七八九十百千万億]{SP}{_RANGE_MARK}{SP}\Z")
_GAP_BRACKET = re.compile(rf"{SP}[（(]{SP}(?:[=＝]{SP})?")
_GAP_COMMA = re.compile(rf"{SP}[、,，]{SP}")
_MAX_GAP = 8
# Gold and silver named (not 資金, 料金, 金曜, 銀行): their ounces are troy ounces.
_PRECIOUS = re.compile(
    r"(?<![資賞料税代年基借預現送罰献礼入出集拠課敷残])(?:金|銀)(?=[0-9０-９一二三四五六七八九十百千万]|の|は|が|を|価格|相場|先物|地金|塊|貨|1)"
    r"|純金|地金|プラチナ|白金|パラジウム"
)
_PRECIOUS_REACH = 30


class _Mention(NamedTuple):
    """A quantity before its unit is known: the units it may be."""

    value: Decimal
    candidates: tuple[str, ...]
    per: str | None  # hour, minute, second: 時速/分速/秒速 before it
    explicit: bool  # which unit it is, is written: not a bare 度 (華氏/摂氏 before it, or ℃)
    text: str
    span: Span
    numeral: Span
    word: str
    qualifier: Qualifier | None
    uncertain: bool
    after_range: bool  # the high end of a range whose low end could not be read: never paired
    low: _Mention | None = None  # the low end of 「20〜30マイル」, 「約32〜48キロ」: its unit is this one's


def quantities(text: str, blocked: SpanSet) -> list[_Mention]:
    """Every quantity in ``text``, in order (units not yet resolved)."""
    out: list[_Mention] = []
    for m in finditer(_pattern(), text, _trigger()):
        mention = _mention(text, m, blocked)
        if mention is not None:
            out.append(mention)
    return out


def _mention(text: str, m: regex.Match[str], blocked: SpanSet) -> _Mention | None:
    word = m["word"]
    if _GOES_ON.match(text, m.end("word")):
        return None
    parsed = numerals.parse(m["num"])
    if parsed is None or blocked(m.start("num"), m.end("num")):
        return None
    value = -parsed.value if m["sign"] else parsed.value
    candidates = units.WORDS[word]
    metal = _PRECIOUS.search(text, max(0, m.start() - _PRECIOUS_REACH), m.end()) if word == "オンス" else None
    if metal is not None and metal.start() < m.start():
        candidates = ("troy_ounce",)  # 「金1オンス（約31.1グラム）」: gold is weighed in troy ounces
    if m["scale"]:
        if "degree_Celsius" not in candidates:  # 華氏 before a length: no temperature, no unit
            return None
        candidates = (units.SCALES[m["scale"]],)
    elif m["sign"] and "degree_Celsius" not in candidates:
        return None  # a negative length or weight is a difference, not a quantity to convert
    per = units.PER[m["per"]] if m["per"] else None
    qualifier = Qualifier.APPROX if (m["pre"] or m["pre2"]) else None
    if m["post"]:
        qualifier = SUFFIX_QUALIFIER.get(m["post"], qualifier)
    start = m.start()
    num_start = m.start("num")
    uncertain = num_start >= 2 and text[num_start - 1] == "・" and text[num_start - 2] in LIST_DIGITS
    mention = _Mention(
        value=value,
        candidates=candidates,
        per=per,
        explicit=bool(m["scale"]) or word != "度",
        text=text[start : m.end()],
        span=Span(start, m.end()),
        numeral=Span(num_start, m.end("num")),
        word=word,
        qualifier=qualifier,
        uncertain=uncertain,
        after_range=bool(_RANGE_BEFORE.search(text, max(0, start - 6), start)),
    )
    if not mention.after_range or m["pre"] or m["pre2"] or m["per"] or m["scale"] or m["sign"]:
        return mention
    found = _range_low().search(text, max(0, start - _RANGE_REACH), start)
    low_value = numerals.range_low_value(found["num"], m["num"]) if found else None
    if found is None or low_value is None or blocked(found.start("num"), found.end("num")):
        return mention  # a range whose low end is not read: never paired
    if found["scale"]:  # 「華氏50〜60度」: the scale written once is the whole range's
        if "degree_Celsius" not in candidates:
            return None  # 華氏 before a length: no temperature, no unit (as for one figure)
        mention = mention._replace(candidates=(units.SCALES[found["scale"]],), explicit=True)
    low = mention._replace(
        value=low_value,
        text=text[found.start() : found.end("num")],
        span=Span(found.start(), found.end("num")),
        numeral=Span(found.start("num"), found.end("num")),
        qualifier=Qualifier.APPROX if (found["pre"] or found["pre2"]) else None,
        uncertain=False,
        after_range=False,
    )
    # 「約32〜48キロ」: 約 is the range's
    return mention._replace(qualifier=low.qualifier or qualifier, after_range=False, low=low)


def unit_pairs(text: str, found: list[_Mention]) -> Iterator[UnitConversion]:
    """Each quantity paired with its conversion right after it (see the module's documentation)."""
    return _pairs(text, _compounds(text, found))


def _pairs(text: str, found: list[_Mention]) -> Iterator[UnitConversion]:
    """``unit_pairs`` of quantities already joined into compounds."""
    for first, second in pairwise(found):
        if first.low is not None or second.low is not None:
            yield from _range_pair(text, first, second)
            continue
        if first.after_range or second.span.start - first.span.end > _MAX_GAP:
            continue
        bracket = _GAP_BRACKET.fullmatch(text, first.span.end, second.span.start)
        comma = _GAP_COMMA.fullmatch(text, first.span.end, second.span.start)
        if not (bracket or (comma and second.qualifier is Qualifier.APPROX)):
            continue
        if _RANGE_AFTER.match(text, second.span.end):
            continue  # 「（約80〜97キロ）」 is read from its high end: not a conversion to check
        resolved = _resolve(first, second)
        if resolved is None:
            continue
        source, stated = _quantity(first, resolved[0]), _quantity(second, resolved[1])
        bracket_span = _bracket(text, first.span.end, second.span.start, second.span.end) if bracket else None
        end = bracket_span.end if bracket_span else second.span.end
        yield UnitConversion(source, stated, Span(first.span.start, end), bracket_span)


def _range_pair(text: str, first: _Mention, second: _Mention) -> Iterator[UnitConversion]:
    """「20〜30マイル（約32〜48キロ）」: two ranges in the conversion form pair end by end, each end a
    claim of its own (as money ranges do); a range against one figure is ambiguous and not paired."""
    if first.low is None or second.low is None or second.low.span.start - first.span.end > _MAX_GAP:
        return
    if not _GAP_BRACKET.fullmatch(text, first.span.end, second.low.span.start):
        return
    resolved = _resolve(first, second)
    if resolved is None:
        return
    bracket = _bracket(text, first.span.end, second.low.span.start, second.span.end)
    for a, b in ((first.low, second.low), (first, second)):
        yield UnitConversion(
            _quantity(a, resolved[0]), _quantity(b, resolved[1]), Span(a.span.start, b.span.end), bracket
        )


def _bracket(text: str, gap_start: int, gap_end: int, stated_end: int) -> Span | None:
    """The brackets of a conversion: opened in the gap before the stated figure, closed right after it."""
    close = _CLOSE.match(text, stated_end)
    if close is None:
        return None
    gap = text[gap_start:gap_end]
    return Span(gap_start + max(gap.rfind("（"), gap.rfind("(")), close.end())


def _compounds(text: str, found: list[_Mention]) -> list[_Mention]:
    """「6フィート6インチ」, 「5ポンド3オンス」: two quantities of one dimension written together are one,
    in the smaller unit (78 inches), so that its conversion is of the whole."""
    out: list[_Mention] = []
    for m in found:
        before = out[-1] if out else None
        if (
            before is not None
            and before.low is None
            and m.low is None
            and len(before.candidates) == 1
            and len(m.candidates) == 1
            and before.per is None
            and m.per is None
            and not m.qualifier
            and not text[before.span.end : m.span.start].strip(" \u3000")
            and units.dimension(before.candidates[0]) == units.dimension(m.candidates[0])
            and not units.is_metric(before.candidates[0])
            and not units.is_metric(m.candidates[0])
        ):
            value = units.convert(before.value, before.candidates[0], m.candidates[0]) + m.value
            out[-1] = m._replace(
                value=numerals.canonical(value),
                text=text[before.span.start : m.span.end],
                span=Span(before.span.start, m.span.end),
                qualifier=before.qualifier,
                after_range=before.after_range,
                uncertain=before.uncertain or m.uncertain,
            )
            continue
        out.append(m)
    return out


_RANGE_AFTER = re.compile(rf"{SP}{_RANGE_MARK}")
_CLOSE = re.compile(r"[ \u3000]*[）)]")


def _candidates(m: _Mention, per: str | None) -> set[str]:
    """The units ``m`` may be, a length over ``per`` (its own 時速, or its partner's) a speed."""
    out = set()
    for unit in m.candidates:
        if per is not None and units.dimension(unit) == "[length]":
            speed = units.SPEED_OF.get((unit, per))
            if speed is not None:
                out.add(speed)
        elif m.per is None:
            out.add(unit)
    return out


def _resolve(first: _Mention, second: _Mention) -> tuple[str, str] | None:
    """The one pair of units ``first`` and ``second`` can be: one dimension, one system each; a
    plain 度 only against a written 華氏 or 摂氏. ``None`` when there is no such pair, or several."""
    options = _options(_candidates(first, first.per or second.per), _candidates(second, second.per or first.per))
    if not options and "knot" in (*first.candidates, *second.candidates):
        # 「40ノット（約74キロ）」: a speed without 時速, against a bare length
        options = _options(
            _candidates(first, first.per or _implied_per(first)),
            _candidates(second, second.per or _implied_per(second)),
        )
    if len(options) != 1:
        return None
    a, b = options[0]
    if not (first.explicit or second.explicit):
        return None  # 「40度（104度）」: which is which is not written
    return a, b


def _implied_per(m: _Mention) -> str | None:
    """The time a bare length against knots is taken over: キロ and マイル an hour, メートル a second."""
    if "meter" in m.candidates:
        return "second"
    if "kilometer" in m.candidates or "mile" in m.candidates:
        return "hour"
    return None


def _options(a: set[str], b: set[str]) -> list[tuple[str, str]]:
    return sorted(
        (x, y)
        for x in a
        for y in b
        if units.dimension(x) == units.dimension(y) and units.is_metric(x) != units.is_metric(y)
    )


def _quantity(m: _Mention, unit: str) -> Quantity:
    return Quantity(
        value=m.value,
        unit=unit,
        text=m.text,
        span=m.span,
        numeral=m.numeral,
        word=m.word,
        qualifier=m.qualifier,
        uncertain=m.uncertain,
    )


def inventory(text: str, blocked: SpanSet) -> list[tuple[Quantity, bool]]:
    """Every quantity of ``text`` for ``figcheck figures``, in order, and whether a conversion pairs
    it: its unit the one its conversion resolves, else the one its word can only be (``""`` when that
    is not known: a bare キロ or 度)."""
    found = _compounds(text, quantities(text, blocked))
    resolved = {(q.span.start, q.span.end): q.unit for c in _pairs(text, found) for q in (c.source, c.stated)}
    out = []
    for m in found:
        unit = resolved.get((m.span.start, m.span.end))
        paired = unit is not None
        if unit is None:
            own = _candidates(m, m.per)
            unit = next(iter(own)) if len(own) == 1 else ""
        out.append((_quantity(m, unit), paired))
    return out
