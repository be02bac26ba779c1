"""Pairing: a foreign amount and the yen figure that converts it (or the reverse) into a ``Conversion``.

Forms: 「A（約B）」, 「A(約B)」, 「A約B」, 「A、約B」, 「A、日本円にしておよそB」, 「A（日本円で約B）」,
the yen-first 「B（約A）」 and 「B、ドル換算で約A」, a noun before the bracket 「Aの赤字（約B）」,
「A規模（約B）」, a list in brackets 「（約110億ドル、約1兆7000億円）」, a conversion that opens
the next sentence when A is the only money of its sentence and ends it (in every register:
日本円に換算しますと), brackets with the time of the rate 「（当時のレートで約B）」, 「（現レートで約B）」,
a colon in brackets 「（A：約B）」, arrows 「A → 約B」, formula lines 「A × 150円 ＝ B」,
「Aの買収額は日本円で約B」, and, after a stated rate of A's currency in the sentence or the one
before, prose 「AはおよそBになる」, 「BはAにとどまる」 and several rates 「Aは、1ドル＝140円なら約B1、
160円なら約B2」. A "conversion" into the same currency in brackets right after the figure
「121億ドル（1兆8300億ドル）」 is paired too, for the check to report.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

import regex

from figcheck import currencies, rx
from figcheck.model import Conversion, Money, Qualifier, RateStatement, RateTime, Span
from figcheck.scan.dates import period_near
from figcheck.scan.patterns import CLOSE, OPEN, SP, SUPPOSED_LEAD, SUPPOSING, TIMES
from figcheck.scan.spans import SENTENCE_REACH, SpanSet, line, sentence

# Between a figure and its conversion: brackets, "、", "日本円にして", "＝" …, in every register
# (換算しますと, 換算いたしますと), after the time of the rate (当時のレートで, 現レートで).
# 「円換算で」 and 「円換算では」, 「日本円では」, 「ドル建てでは」: the topic は changes nothing.
_CONVERTING = (
    r"(?:に換算|換算)(?:して|すると|すれば|しますと|いたしますと|しました|では?)?|にして|にすると|にしますと|に直すと"
)
_THEN = r"(?:執筆|発表|買収|取材|契約|合意|発売|公開|決定|購入|売却|提訴|判決|取引)?当時"
_NOW = r"現在|現行|足元|直近|最新|今日|現"
_TIME = rf"(?:(?P<then>{_THEN})|(?P<now>{_NOW}))(?:の)?(?:為替)?(?:レート|相場|水準)?(?:{_CONVERTING}|で|換算で)?"
# The currencies written before 換算/建て in a gap (「円換算で」, 「ドル建てで」): a short list, not the whole
# vocabulary — this phrase is in five patterns, and each copy of the vocabulary costs compile time.
_GAP_FOREIGN = r"米ドル|ドル|ユーロ|人民元|元|ウォン|ポンド|ルピー|バーツ|ルーブル|フラン|レアル"
_GAP_CURRENCY = rf"日本円|邦貨|円|{_GAP_FOREIGN}"
_CONV_PHRASE = (
    rf"(?:{_GAP_CURRENCY})(?:{_CONVERTING}|換算|建てでは?|では?)|日本円"
    rf"|(?:で)?(?:{_CONVERTING})"  # what is left once a rate statement is taken out: 「1ドル＝153円」換算で
)
# 「20億ドルの赤字（約3060億円）」, 「50億ユーロの基金（約8000億円）」, 「20億ドル規模（約3060億円）」: a noun
# of kanji or katakana, or a word of size, between the figure and its bracket. Never a part or a
# multiple of the figure (半分, 二倍, 3割, 一部, 約半分, 残額, うち…): that bracket converts another amount.
_NOT_A_NOUN = r"[一二三四五六七八九十百千万億兆半倍割分部残余約超弱強]"
# A change written on the figure, converted with or without it: 「前年比20億ドル減（約3060億円減）」,
# 「前日比5ドル高（約765円高）」 (the bracket converts the change, which is the figure).
_SIZE_OR_CHANGE = r"規模|相当|相当額|程度|前後|ほど|分|増|減|高|安"
_NOUN_BEFORE = rf"(?:の(?![^（(]*{_NOT_A_NOUN})[\p{{Han}}\p{{Katakana}}ー]{{1,8}}|{_SIZE_OR_CHANGE})?"
# A line may break before the bracket, in hard-wrapped copy: 「同社は10億ドル⏎（約1520億円）を投じる」.
_WRAP = rf"(?:\r?\n{SP})?"
# Inside the bracket before the figure: 「（それぞれ約84兆円、約53兆円）」 for a list, 「（同約53兆円）」 (the
# same conversion as the one before it).
_IN_BRACKET_LEAD = r"(?:それぞれ|各|同)?"
_GAP_BRACKET = rx.compile(
    rf"^{_NOUN_BEFORE}{SP}{_WRAP}[（(]{SP}[=＝]?{SP}{_IN_BRACKET_LEAD}{SP}"
    rf"(?:{_TIME}[ \u3000、,，:：]*)?(?:(?:{_CONV_PHRASE})[ \u3000、,，:：]*)?$"
)
_ABOUT = r"(?:ほど|程度|前後|くらい|ぐらい|ばかり)?(?:で|と)?"  # 「10ドルから30ドルほどで、日本円にすると」
_GAP_PHRASE = rx.compile(
    rf"^{_ABOUT}{SP}[、,，]?{SP}(?:{_TIME}(?:{SP}[、,，]?{SP}(?:{_CONV_PHRASE}))?|(?:{_CONV_PHRASE})){SP}[、,，]?{SP}$"
)
# 「E10の買い物は日本円で1,600円」, 「20億ドルの買収額は日本円で約3000億円」: a short noun, then the phrase;
# or the figure itself the topic, 「20億ドルは日本円で約3060億円」, 「20億ドルは、円換算で約3060億円」 (the
# phrase names the conversion: no stated rate needed, as in brackets), where the yen ends the clause;
# or the figure a verb reaches, then the phrase: 「時価総額は3兆ドルを超え、円換算で約460兆円に達した」.
_REACHES = rf"(?:を|に|と){SP}(?:超え|上回り|上り|のぼり|達し|なり|膨らみ)"
_GAP_NOUN = rx.compile(
    rf"^{SP}(?:(?:の[^\s0-9０-９、。，,（）()「」]{{1,10}}?)?[はが]|{_REACHES}{SP}[、,，]){SP}[、,，]?{SP}"
    rf"(?:{_CONV_PHRASE}){SP}[、,，]?{SP}$"
)
_GAP_PLAIN = rx.compile(rf"^{SP}(?:[、,，]|[=＝])?{SP}$")
_GAP_COLON = rx.compile(rf"^{SP}[:：]{SP}$")  # inside brackets: 「（5万ルピー：約9万円）」
_GAP_ARROW = rx.compile(rf"^{SP}(?:[→⇒➡]|->|=>){SP}$")  # 「・300ドル → 約4万5000円」
_GAP_FORMULA = rx.compile(rf"^{SP}[{TIMES}]{SP}[=＝]{SP}$")  # 「20億ドル × 150円 ＝ 3000億円」, its rate taken out
# 「20億ドルはおよそ3000億円になる」 after a stated rate, 「予算4兆3500億円は、1ドル＝145円で換算すると300億
# ドルにとどまる」, 「20億ドルは、1ドル＝140円なら約2800億円」 (the rate taken out of the gap).
_IF = SUPPOSING
_CONVERTS_IT = r"(?:で|と|として)?(?:換算|計算|試算)(?:すると|して|すれば|しますと)"
_GAP_TOPIC = rx.compile(
    rf"^{SP}(?:[はが]{SP}[、,，]?{SP}(?:{_CONVERTS_IT}|{_IF})?|を{SP}[、,，]?{SP}{_CONVERTS_IT}){SP}[、,，]?{SP}$"
)
_CONDITIONAL = rx.compile(_IF)
_LED_BY_IF = rx.compile(rf"{SUPPOSED_LEAD}\Z")  # 「1ドル＝140円なら、」20億ドルは…
_LEAD_REACH = 30  # characters before a figure to look for the supposed rate that leads it
_GAP_ELIDED = rx.compile(rf"^{SP}[、,，]{SP}{_IF}{SP}[、,，]?{SP}$")  # 「…約2800億円、（160円）なら約3200億円」
# What a prose conversion ends on: 「…3000億円になる」, 「…に相当する」, 「…にとどまる」, 「…ほど」.
_PREDICATE = rx.compile(
    r"[ \u3000]*(?:に(?:なる|なり|なった|相当|あたる|当たる|上る|上っ|のぼる|のぼっ|達する|達し"
    r"|とどまる|とどまっ|留まる|すぎない|過ぎない)"
    r"|と(?:なる|なり|なった)|ほど|程度|前後|規模|だ|です|で(?:ある|す)|[。．、,，]|$)"
)
_GAP_BRACKET_LIST = rx.compile(rf"^{SP}[、,，/／]{SP}$")
# A conversion that opens the next sentence: 「…50億ユーロの基金を設ける。日本円で約8000億円になる」.
# The foreign figure must end its sentence's only money (a short tail, no other figures after it).
_GAP_NEXT_SENTENCE = rx.compile(
    rf"^[^。．！？!?\n0-9０-９（）()]{{0,24}}[。．][ \u3000]*(?:{_CONV_PHRASE}){SP}[、,，]?{SP}$"
)
# 「1兆2850億円、ドル換算で約84億ドル」, 「…、ドルにして約84億ドル」: a yen figure converted in prose into
# the currency the phrase names. 建て is not enough here: 「円建てで1兆円、ドル建てで約65億ドルの社債」
# are two issues, not one.
_GAP_INTO_FOREIGN = rx.compile(rf"^{SP}[、,，]{SP}(?P<into>{_GAP_FOREIGN})(?:{_CONVERTING}){SP}[、,，]?{SP}$")
_RANGE_GAP = rx.compile(rf"{SP}(?:[〜～~\-－‐–—]|から){SP}")
_LIST_GAP = rx.compile(rf"{SP}(?:と|、|，|,|および|及び){SP}")
_MAX_GAP = 40  # characters between a figure and its conversion ("（日本円に換算しておよそ" is 12)
_BRACKET_REACH = 400  # characters: a bracket never closed ends its line, or this far on


def pairs(
    text: str,
    money: tuple[Money, ...],
    statements: SpanSet | None = None,
    rates: tuple[RateStatement, ...] = (),
) -> Iterator[Conversion]:
    """Pair each foreign amount with the yen figure that converts it, or the reverse.

    Ranges pair end by end: 「50〜60億ドル（約7650億〜9180億円）」 is two claims, 50億→7650億 and
    60億→9180億, and so do lists of two (「AとB（約CとD）」). A range or a list paired with a single
    figure is ambiguous and not checked. A conversion in
    prose (「20億ドルはおよそ3000億円になる」) is paired only after a stated rate of its currency
    (``rates``) in its sentence or the one before.
    """
    statements = statements or SpanSet()
    count = len(money)
    low = _joined(text, money, _RANGE_GAP)  # money[i] is the low end of a range whose high end is money[i + 1]
    listed = _joined(text, money, _LIST_GAP)  # money[i] and money[i + 1] are a list: 「AとB」, 「A、B」
    owner: dict[int, Money] = {}  # a foreign figure in brackets after another: (約110億ドル、…)
    conditional: Money | None = None  # the amount of 「20億ドルは、1ドル＝140円なら約2800億円、…」
    for i in range(count - 1):
        first, second = money[i], money[i + 1]
        if low[i] or second.span.start - first.span.end > _MAX_GAP:
            continue
        gap = _without(text, first.span.end, second.span.start, statements)
        rated = statements(first.span.end, second.span.start)  # a rate stated between the two
        if (first.currency == currencies.YEN) == (second.currency == currencies.YEN):
            if first.currency == currencies.YEN and conditional and rated and _GAP_ELIDED.match(gap):
                yield _conversion(text, conditional, second)  # 「…、160円なら約3200億円」: the amount elided
            elif first.currency != currencies.YEN and _GAP_BRACKET.match(gap):
                if _same_currency(first, second, gap):
                    yield _conversion(text, first, second)  # 「121億ドル（1兆8300億ドル）」: certainly wrong
                else:
                    if _cross(first, second, gap) and i not in owner and not low[i] and not low[i + 1]:
                        yield _conversion(text, first, second)  # 「50億ユーロ（約58億ドル）」
                    owner[i + 1] = owner.get(i, first)
            continue
        link = _link(text, money, i, gap, rated, rates, owner.get(i), _led_by_supposed_rate(text, first, statements))
        conditional = link.conditional if link else None
        if link is None:
            continue
        # 「50〜60億ドル（約7650億〜9180億円）」, 「5500億ドルと3500億ドル（約84兆円と約53兆円）」: two by two,
        # end by end. A range or a list beside one figure (「AとB（約C）」), or a chain of three, is not plain.
        joined = listed if (i > 0 and listed[i - 1]) or listed[i + 1] else low
        before, after = i > 0 and joined[i - 1], joined[i + 1]
        if before != after or (before and ((i > 1 and joined[i - 2]) or (i + 2 < count and joined[i + 2]))):
            continue
        if before:
            yield _conversion(text, money[i - 1], second, link.time)
            yield _conversion(text, first, money[i + 2], link.time)
        else:
            yield _conversion(text, link.source, second, link.time, loose=link.loose, attributive=link.attributive)


class _Link(NamedTuple):
    """How a foreign figure and a yen figure next to each other are a conversion."""

    source: Money  # the figure converted from (another one, for a list in brackets)
    time: regex.Match[str] | None  # the gap's match, with 当時 or 現 in it
    conditional: Money | None = None  # 「Aは、1ドル＝140円なら…」: A, for the elided conversions after it
    loose: bool = False  # 「A、約B」: a comma alone between them
    attributive: bool = False  # 「A、約Bの…」: and B qualifies a noun (「500億ドル、約3兆円の輸入額」)


def _link(
    text: str,
    money: tuple[Money, ...],
    i: int,
    gap: str,
    rated: bool,
    rates: tuple[RateStatement, ...],
    owner: Money | None,
    led: bool = False,
) -> _Link | None:
    """The link between ``money[i]`` and ``money[i + 1]`` (one yen, one foreign), or ``None``;
    ``led``: a supposed rate comes right before ``money[i]`` (its alternatives may follow)."""
    first, second = money[i], money[i + 1]
    bracket = _GAP_BRACKET.match(gap)
    if second.currency != currencies.YEN:  # yen first: with brackets, or in prose after a rate
        if bracket:
            return _Link(first, bracket)
        named = _GAP_INTO_FOREIGN.match(gap)
        if named and currencies.code_for(named["into"]) == second.currency:
            return _Link(first, None)  # 「1兆2850億円、ドル換算で約84億ドル」 (never 「ドル建てで」: a tranche)
        if (
            _GAP_TOPIC.match(gap)
            and _after_rate(text, rates, second.currency, first, second)
            and (rated or _PREDICATE.match(text, second.span.end))
        ):
            return _Link(first, None)
        return None
    if owner is not None and _GAP_BRACKET_LIST.match(gap):
        return _Link(owner, None)
    if bracket:
        return _Link(first, bracket)
    if phrase := _GAP_PHRASE.match(gap):
        return _Link(first, phrase)
    if _GAP_NOUN.match(gap) and _PREDICATE.match(text, second.span.end):
        return _Link(first, None)  # never 「1兆ドルの評価額は円換算で約10兆円目減りした」: that yen is a loss
    if _GAP_PLAIN.match(gap) and (second.qualifier is Qualifier.APPROX or "=" in gap or "＝" in gap):
        loose = any(c in gap for c in "、,，")
        return _Link(first, None, loose=loose, attributive=loose and text.startswith("の", second.span.end))
    if (
        _GAP_ARROW.match(gap)
        or (_GAP_COLON.match(gap) and _opens_bracket(text, first))
        or (_GAP_FORMULA.match(gap) and rated)
        or (_GAP_NEXT_SENTENCE.match(gap) and _alone_in_sentence(text, money, i))
    ):
        return _Link(first, None)
    if _GAP_TOPIC.match(gap) and _after_rate(text, rates, first.currency, first, second):
        if (rated and _CONDITIONAL.search(gap)) or (led and _PREDICATE.match(text, second.span.end)):
            return _Link(first, None, conditional=first)
        if _PREDICATE.match(text, second.span.end):
            return _Link(first, None)
    return None


def _joined(text: str, money: tuple[Money, ...], gap: regex.Pattern[str]) -> list[bool]:
    """For each figure, whether it and the next are of one currency with only ``gap`` between them."""
    return [
        i + 1 < len(money)
        and money[i].currency == money[i + 1].currency
        and gap.fullmatch(text, money[i].span.end, money[i + 1].span.start) is not None
        for i in range(len(money))
    ]


def _led_by_supposed_rate(text: str, first: Money, statements: SpanSet) -> bool:
    """Whether a rate supposed for it leads ``first`` in its sentence, no figure between:
    「1ドル＝140円なら、20億ドルは…」, 「1ドル＝150円なら、日本の投資額5500億ドルは…」 (the rate is
    then the conversion's own, as the check reads it too: ``context.Statements``)."""
    start = first.span.start
    found = _LED_BY_IF.finditer(text, max(0, start - _LEAD_REACH), start, overlapped=True)
    return any(m.start() > 0 and statements(m.start() - 1, m.start()) for m in found)


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


def _same_currency(first: Money, second: Money, gap: str) -> bool:
    """「121億ドル（1兆8300億ドル）」: a figure in brackets right after one of the same currency, far
    larger or smaller than it, is a conversion whose unit was typed wrong (a restatement such as
    「（約120億ドル）」 or a part 「（うち20億ドル）」 is not)."""
    if first.currency != second.currency or not _GAP_SAME.match(gap) or first.value <= 0 or second.value <= 0:
        return False
    ratio = max(first.value, second.value) / min(first.value, second.value)
    return ratio >= _SAME_CURRENCY_RATIO


def _cross(first: Money, second: Money, gap: str) -> bool:
    """「50億ユーロ（約58億ドル）」: a figure in brackets right after one of another foreign currency is
    its conversion (not an aside such as 「（うち20億ドル）」: the gap is the bracket alone, or 換算)."""
    return (
        first.currency != second.currency
        and second.currency != currencies.YEN
        and bool(_GAP_CROSS.match(gap))
        and not (first.assumed or second.assumed)
    )


_GAP_CROSS = rx.compile(rf"^{SP}[（(]{SP}(?:[=＝]{SP})?(?:(?:{_GAP_CURRENCY})?(?:換算|建て)で{SP}[、,，]?{SP})?$")
_GAP_SAME = rx.compile(rf"^{SP}[（(]{SP}(?:約|およそ)?{SP}$")
_SAME_CURRENCY_RATIO = 5  # every yen rate of the table's currencies but the dollar's peers is above it


def _opens_bracket(text: str, m: Money) -> bool:
    """Whether ``m`` is the first thing in a bracket: 「（5万ルピー：約9万円）」."""
    before = text[max(0, m.span.start - 4) : m.span.start].rstrip(" \u3000")
    return bool(before) and before[-1] in OPEN


def _after_rate(text: str, rates: tuple[RateStatement, ...], code: str, first: Money, second: Money) -> bool:
    """Whether a rate of ``code`` is stated in the sentence of ``first`` or the one before, ahead of
    ``second``: the condition of a conversion written in prose."""
    start, _ = sentence(text, first.span.start, first.span.end)
    previous, _ = sentence(text, max(0, start - 1), max(0, start - 1)) if start > 0 else (0, 0)
    return any(r.base == code and previous <= r.span.start and r.span.end <= second.span.start for r in rates)


def _conversion(
    text: str,
    source: Money,
    stated: Money,
    time: regex.Match[str] | None = None,
    *,
    loose: bool = False,
    attributive: bool = False,
) -> Conversion:
    open_at = _open_bracket(text, source.span.end, stated.span.start)
    bracket = _bracket_span(text, open_at) if open_at is not None else None
    end = stated.span.end
    if bracket is not None and bracket.end == end + 1:
        end = bracket.end  # "100億ドル（約1兆5300億円）": the claim closes with its bracket
    rate_time = None
    if time is not None and time["then"]:
        rate_time = RateTime.THEN
    elif time is not None and time["now"]:
        rate_time = RateTime.NOW
    period = None
    start = min(source.span.start, stated.span.start)
    # 当時's date, or the event a plain conversion may be at the rate of: never without a 年 near
    if rate_time is not RateTime.NOW and text.find("年", max(0, start - SENTENCE_REACH), end + SENTENCE_REACH) >= 0:
        s_start, s_end = sentence(text, source.span.start, end)
        period = period_near(text, (s_start, start, end, s_end))
    return Conversion(
        source=source,
        stated=stated,
        span=Span(start, max(end, source.span.end)),
        bracket=bracket,
        rate_time=rate_time,
        period=period,
        loose=loose,
        attributive=attributive,
    )


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
