"""Text -> mentions with character spans: money, percentages, rate statements, the article
date, and the pairing of a foreign amount with its yen conversion into a ``Conversion``.

The scanner never raises on text: anything it cannot read is simply not a mention.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import regex

from figcheck import currencies, numerals
from figcheck.model import Conversion, Money, Percent, Qualifier, RateStatement, Scan, Span

__all__ = ["article_date", "scan"]

_SP = r"[ \u3000]*"  # spaces inside one mention ("7  万  円"); never a line break
_NUM = numerals.NUMERAL
_SIGN = r"(?:マイナス|▲|(?<![\w)）])[-−－])"
_WORD = currencies.alternation(currencies.WORDS)
_FOREIGN_WORD = currencies.alternation({w: c for w, c in currencies.WORDS.items() if c != currencies.YEN})
_SYMBOL = currencies.alternation(currencies.PREFIX_SYMBOLS)
_SUBUNIT = currencies.alternation(sorted({u for units in currencies.SUBUNITS.values() for u in units}))

_APPROX_PREFIX = "約|およそ|おおよそ|ほぼ|概ね|おおむね|ざっと"
# Words after a figure. 超/余り… claim "at least", 弱/近く… claim an upper bound (DESIGN.md).
_SUFFIX_QUALIFIER = {
    **dict.fromkeys(["超", "強", "余り", "余", "以上"], Qualifier.OVER),
    **dict.fromkeys(["弱", "近く", "足らず", "未満", "以下"], Qualifier.UNDER),
}
_SUFFIX = currencies.alternation(_SUFFIX_QUALIFIER)

_MONEY = regex.compile(
    rf"""
    (?P<pre>(?:{_APPROX_PREFIX}){_SP})?
    (?P<sign>{_SIGN})?
    (?:
        (?P<sym>{_SYMBOL}){_SP}(?P<snum>{_NUM})(?:{_SP}(?P<sword>{_WORD}))?
      |
        (?P<num>{_NUM}){_SP}(?P<word>{_WORD})
    )
    (?P<sub>(?:と?(?:{_NUM}){_SP}(?:{_SUBUNIT}))+)?
    (?P<post>{_SUFFIX})?
    """,
    regex.VERBOSE,
)
_SUB_PART = regex.compile(rf"と?(?P<n>{_NUM}){_SP}(?P<u>{_SUBUNIT})")

_PERCENT = regex.compile(
    rf"(?P<sign>{_SIGN})?(?P<num>{_NUM}){_SP}(?:%|％|パーセント|パーセンテージ)",
)

# 元 is also "former" (安倍晋三元首相) and part of many words: a bare 元 after a kanji-only
# numeral that itself follows a kanji (a name) is not money, nor is 元 starting a word.
_YUAN_WORD_AFTER = regex.compile(r"[首年旦気来本金祖素帥号老請締凶通会社長職副議委総理選代大官]")
_KANJI = regex.compile(r"\p{Han}")

# A rate statement: 1ドル＝153円, 100ウォン＝10.8円, 1香港ドル＝約17円, 1ドル153円換算.
_RATE = regex.compile(
    rf"""
    (?P<n>{_NUM}){_SP}(?P<cur>{_FOREIGN_WORD}){_SP}
    (?:[=＝:：]|は|当たり|あたり|につき|=)?{_SP}
    (?P<approx>(?:{_APPROX_PREFIX}){_SP})?
    (?P<yen>{_NUM}){_SP}円
    (?P<tail>台|前後|近辺|付近|水準|近く|程度|ほど|超|強|弱|から|まで|へ|に(?:下落|上昇|急落|急騰))?
    """,
    regex.VERBOSE,
)
_MARKET = regex.compile(r"円相場|為替相場|外国為替|円安|円高|終値|値を付け|取引され|推移|相場")
_CONVERSION_WORDS = regex.compile(r"換算|レート|で計算|として計算|基準")
_FOOTNOTE_LINE = regex.compile(r"^[ \u3000]*(?:※|＊|\*|注[：:）)]|（注）|\(注\))")
_SENTENCE_END = "。！？!?\n"

_DATE = regex.compile(
    r"(?P<y>(?:19|20)\d\d)\s*[-/年.]\s*(?P<m>1[0-2]|0?[1-9])\s*[-/月.]\s*(?P<d>3[01]|[12]\d|0?[1-9])日?"
    r"|(?P<m2>1[0-2]|0?[1-9])月(?P<d2>3[01]|[12]\d|0?[1-9])日"
)
_FULLWIDTH_DIGITS = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)})

# Between a figure and its conversion: brackets, "、", "日本円にして", "＝" …
_CONV_PHRASE = (
    r"(?:日本円|邦貨|円)(?:に換算(?:して|すると)|換算で|換算|にして|にすると|で)|円建てで|日本円"
)
_GAP_BRACKET = regex.compile(rf"^{_SP}[（(]{_SP}(?:(?:{_CONV_PHRASE})[ \u3000、,，:：]*)?$")
_GAP_PHRASE = regex.compile(rf"^{_SP}[、,，]?{_SP}(?:{_CONV_PHRASE}){_SP}[、,，]?{_SP}$")
_GAP_PLAIN = regex.compile(rf"^{_SP}(?:[、,，]|[=＝])?{_SP}$")
_GAP_BRACKET_LIST = regex.compile(rf"^{_SP}[、,，/／]{_SP}$")
_OPEN, _CLOSE = "（(", "）)"


def scan(text: str, year: int | None = None) -> Scan:
    """Find money, percentages, rate statements and conversions in ``text``.

    ``year`` completes dates written without one ("10月28日時点"); by default the article's
    own date gives it.

    >>> s = scan("日本は5500億ドル（約84兆円）を投資する。")
    >>> [(c.source.text, c.stated.text) for c in s.conversions]
    [('5500億ドル', '約84兆円')]
    """
    date = article_date(text)
    if year is None and date is not None:
        year = date.year
    rates = tuple(_rate_statements(text, year))
    taken = [r.span for r in rates]
    money = tuple(m for m in _money(text) if not any(_overlaps(m.span, t) for t in taken))
    percents = tuple(_percents(text))
    conversions = tuple(_pairs(text, money))
    return Scan(text, money, percents, rates, conversions, date)


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _money(text: str) -> Iterator[Money]:
    for m in _MONEY.finditer(text):
        sym, word = m["sym"], m["word"] or m["sword"]
        code = currencies.code_for(word) if word else currencies.code_for(sym)
        if code is None:
            continue
        num_text = m["num"] if m["num"] is not None else m["snum"]
        parsed = numerals.parse(num_text)
        if parsed is None:
            continue
        num_start = m.start("num") if m["num"] is not None else m.start("sym")
        if word == "元" and not _is_yuan(text, m, num_text):
            continue
        if _inside_word(text, num_start, num_text):
            continue
        value = parsed.value
        if m["sub"]:
            for part in _SUB_PART.finditer(m["sub"]):
                sub = numerals.parse(part["n"])
                factor = currencies.SUBUNITS.get(code, {}).get(part["u"])
                if sub is None or factor is None:
                    break
                value += sub.value * factor
        if m["sign"]:
            value = -value
        qualifier = None
        if m["pre"]:
            qualifier = Qualifier.APPROX
        if m["post"]:
            qualifier = _SUFFIX_QUALIFIER.get(m["post"], qualifier)
        start = m.start("pre") if m["pre"] else (m.start("sign") if m["sign"] else num_start)
        num_group = "num" if m["num"] is not None else "snum"
        yield Money(
            value=numerals.canonical(value),
            currency=code,
            text=text[start : m.end()],
            span=Span(start, m.end()),
            numeral=Span(m.start(num_group), m.end(num_group)),
            qualifier=qualifier,
        )


def _is_yuan(text: str, m: regex.Match[str], num_text: str) -> bool:
    """Whether a bare 元 after ``num_text`` is the Chinese currency."""
    after = text[m.end("word") : m.end("word") + 1]
    if after and _YUAN_WORD_AFTER.match(after):
        return False
    kanji_only = not regex.search(r"[0-9０-９]", num_text)
    start = m.start("num")
    before = text[start - 1 : start] if start else ""
    return not (kanji_only and before and _KANJI.match(before))


def _inside_word(text: str, start: int, num_text: str) -> bool:
    """A kanji-only numeral glued to a preceding kanji is part of a word (四川, 一部)."""
    if regex.search(r"[0-9０-９]", num_text) or not start:
        return False
    before = text[start - 1]
    return bool(_KANJI.match(before)) and before not in "約超"


def _percents(text: str) -> Iterator[Percent]:
    for m in _PERCENT.finditer(text):
        parsed = numerals.parse(m["num"])
        if parsed is None or _inside_word(text, m.start("num"), m["num"]):
            continue
        value = -parsed.value if m["sign"] else parsed.value
        yield Percent(numerals.canonical(value), m[0], Span(m.start(), m.end()))


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence around ``[start, end)``."""
    left = max(text.rfind(c, 0, start) for c in _SENTENCE_END) + 1
    rights = [i for i in (text.find(c, end) for c in _SENTENCE_END) if i != -1]
    return left, (min(rights) + 1 if rights else len(text))


def _line(text: str, pos: int) -> tuple[int, int]:
    left = text.rfind("\n", 0, pos) + 1
    right = text.find("\n", pos)
    return left, (right if right != -1 else len(text))


def _rate_statements(text: str, year: int | None) -> Iterator[RateStatement]:
    for m in _RATE.finditer(text):
        base_amount = numerals.parse(m["n"])
        yen = numerals.parse(m["yen"])
        code = currencies.code_for(m["cur"])
        if base_amount is None or yen is None or code is None or yen.value <= 0:
            continue
        # Only "1ドル", "100ウォン", "1000ルピア": a round unit amount states a rate.
        if base_amount.value not in (1, 10, 100, 1000) or (
            m["approx"] and not regex.search(r"[=＝]", m[0])
        ):
            continue
        if m["tail"]:
            continue  # 157円台, 150円前後, 150円から: a market quote, not a conversion rate
        s_start, s_end = _sentence(text, m.start(), m.end())
        sentence = text[s_start:s_end]
        if _MARKET.search(sentence) and not _CONVERSION_WORDS.search(sentence):
            continue
        l_start, l_end = _line(text, m.start())
        line = text[l_start:l_end]
        rest = (text[l_start : m.start()] + text[m.end() : l_end]).strip(" \u3000\t\r（）()。、")
        # A footnote, or a line that is little more than the statement ("（1ドル＝153円で換算）").
        covers = bool(_FOOTNOTE_LINE.match(line)) or (len(rest) <= 12 and bool(_CONVERSION_WORDS.search(line)))
        yield RateStatement(
            base=code,
            quote=currencies.YEN,
            value=numerals.canonical(yen.value / base_amount.value),
            text=m[0],
            span=Span(m.start(), m.end()),
            on=_date_near(text, s_start, m.start(), year),
            covers_article=covers,
            approximate=bool(m["approx"]),
        )


def _date_near(text: str, start: int, end: int, year: int | None) -> dt.date | None:
    """The last date written in ``text[start:end]`` (the rate statement's own sentence)."""
    found = None
    for m in _DATE.finditer(text, start, end):
        found = m
    return _to_date(found, year) if found else None


def _to_date(m: regex.Match[str], year: int | None) -> dt.date | None:
    try:
        if m["y"]:
            return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
        if year is not None:
            return dt.date(year, int(m["m2"]), int(m["d2"]))
    except ValueError:
        return None
    return None


def article_date(text: str) -> dt.date | None:
    """The date an article opens with (``2025-10-28``, ``2025年10月28日``), if any.

    Only the first three non-empty lines are looked at, and the date must start the line.

    >>> article_date("2025-10-28 コメント\\n本文")
    datetime.date(2025, 10, 28)
    >>> article_date("本文は2025年10月28日に") is None
    True
    """
    head = text[:2000].translate(_FULLWIDTH_DIGITS).lstrip("\ufeff")
    seen = 0
    for line in head.splitlines():
        stripped = line.strip(" \u3000\t#*")
        if not stripped:
            continue
        m = _DATE.match(stripped)
        if m and m["y"]:
            return _to_date(m, None)
        seen += 1
        if seen >= 3:
            break
    return None


def _pairs(text: str, money: tuple[Money, ...]) -> Iterator[Conversion]:
    """Pair each foreign amount with the yen figure that converts it, or the reverse."""
    owner: dict[int, Money] = {}  # a foreign figure in brackets after another: (約110億ドル、…)
    for i in range(len(money) - 1):
        first, second = money[i], money[i + 1]
        gap = text[first.span.end : second.span.start]
        yen_first = first.currency == currencies.YEN
        yen_second = second.currency == currencies.YEN
        bracket = _GAP_BRACKET.match(gap)
        if yen_first == yen_second:
            if not yen_first and bracket:
                owner[i + 1] = owner.get(i, first)
            continue
        if yen_second:
            source = first
            if i in owner and _GAP_BRACKET_LIST.match(gap):
                source = owner[i]
            elif not (
                bracket
                or _GAP_PHRASE.match(gap)
                or (_GAP_PLAIN.match(gap) and (second.qualifier is Qualifier.APPROX or "=" in gap or "＝" in gap))
            ):
                continue
            stated = second
        else:
            if not bracket:
                continue  # a yen-first pair is only ever written with brackets
            source, stated = first, second
        open_at = _open_bracket(text, source.span.end, stated.span.start)
        bracket = _bracket_span(text, open_at) if open_at is not None else None
        end = stated.span.end
        if bracket is not None and bracket.end == end + 1:
            end = bracket.end  # "100億ドル（約1兆5300億円）": the claim closes with its bracket
        yield Conversion(source=source, stated=stated, span=Span(source.span.start, end), bracket=bracket)


def _open_bracket(text: str, start: int, end: int) -> int | None:
    for i in range(end - 1, start - 1, -1):
        if text[i] in _OPEN:
            return i
    return None


def _bracket_span(text: str, open_at: int, limit: int = 400) -> Span:
    """The span of the brackets opened at ``open_at`` (to the line end if never closed)."""
    depth = 0
    for i in range(open_at, min(len(text), open_at + limit)):
        ch = text[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
            if depth == 0:
                return Span(open_at, i + 1)
        elif ch == "\n":
            break
    return Span(open_at, _line(text, open_at)[1])


def value_text(value: Decimal) -> str:
    """An exact decimal string for reports (no exponent)."""
    return numerals.plain(value)
