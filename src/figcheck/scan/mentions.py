"""Money mentions: 5500億ドル, 約84兆円, $100, 2222円13銭, ranges (50億〜60億ドル), 元 as yuan."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import regex

from figcheck import currencies, numerals, rx
from figcheck.model import Money, Qualifier, Span
from figcheck.scan.countries import currency_of
from figcheck.scan.patterns import (
    APPROX_PREFIX,
    HAS_ARABIC,
    HIRAGANA_EDGE,
    KANJI,
    LIST_DIGITS,
    MONEY_FIRST,
    NUM,
    SIGN,
    SMALL_NUM,
    SP,
    SPACES,
    SUBUNIT,
    SUFFIX,
    SUFFIX_QUALIFIER,
    SYMBOL,
    VAGUE,
    WORD,
)
from figcheck.scan.spans import SpanSet, finditer

# 「100ユーロと30です」: cents with no unit word, only where the sentence ends on them (never 「と30人」).
_BARE_CENTS = r"と(?P<cents>[0-9０-９]{1,2})(?=です|でした|だ|[。．！!？?」』）)\n]|\Z)"
_MONEY = rx.compile(
    rf"""
    {MONEY_FIRST}
    (?P<pre>(?:{APPROX_PREFIX}){SP})?
    (?P<sign>{SIGN})?
    (?P<body>
        # One numeral for "$100", "$100ドル" and "100ドル" (each copy of NUM costs compile time):
        # a symbol, a currency word or both.
        (?:(?P<sym>{SYMBOL}){SP})?(?P<num>{NUM})(?:{SP}(?P<word>{WORD}))?(?(sym)|(?(word)|(?!)))
      |
        # にせんにひゃく ドル: a whole run of numeral kana (hiragana_value reads it or refuses it)
        (?<![ぁ-ゖ])(?P<hnum>[{numerals.HIRAGANA_NUMERAL_KANA}]++){SP}(?P<hword>{WORD})
    )
    (?P<sub>(?:と?(?:{SMALL_NUM}){SP}(?:{SUBUNIT}))+|{_BARE_CENTS})?
    (?P<post>{SUFFIX})?
    """,
    regex.VERBOSE,
)
_G = rx.groups(_MONEY)
#: Where money may be: a currency word or a symbol (the windows of the money pattern open around it).
TRIGGER = rx.literals(f"{WORD}|{SYMBOL}")

_RANGE_REACH = 40
_RANGE_MARKS = ("〜", "～", "~", "-", "－", "‐", "–", "—", "から")
_RANGE_LOW = rx.compile(rf"(?P<pre>(?:{APPROX_PREFIX}){SP})?(?P<num>{NUM}){SP}(?:[〜～~\-－‐–—]|から){SP}\Z")
_SUB_PART = rx.compile(rf"と?(?P<n>{SMALL_NUM}){SP}(?P<u>{SUBUNIT})")

# A katakana currency word that goes on in katakana is another word: 「1000万フランス人」, 「3リラックス」,
# 「5ランドセル」; a few compounds are still money (「100億ドルベースで」, 「100ドルショップ」).
_KATAKANA = "ァ-ヺー\uff66-\uff9f"
_WORD_GOES_ON = rx.compile(rf"(?<=[{_KATAKANA}])[{_KATAKANA}]")
_MONEY_COMPOUND = rx.compile(r"ベース|ショップ|ライン|レベル|ショック")

# 元 is also "former" (安倍晋三元首相) and part of many words: a bare 元 after a kanji-only
# numeral that itself follows a kanji (a name) is not money, nor is 元 starting a word.
_YUAN_WORD_AFTER = rx.compile(r"[首年旦気来本金祖素帥号老請締凶通会社長職副議委総理選代大官]")


def money(text: str, blocked: SpanSet, statements: SpanSet | None = None) -> Iterator[Money]:
    """The money in ``text``, less the figures of rate ``statements`` (「1ドル」 and 「153円」 of 「1ドル＝153円」)."""
    for m in finditer(_MONEY, text, TRIGGER):
        if statements is not None and statements(m.start(), m.end()):
            continue  # half the matches of a footnote-heavy text: dropped before any work
        found = _mention(text, m, blocked)
        if found is not None:
            yield from found


def _mention(text: str, m: regex.Match[str], blocked: SpanSet) -> tuple[Money, ...] | None:
    """The money of one match: itself, after the low end of its range if it closes one."""
    g = _G  # groups by number: a tenth of the cost of by name, on the scanner's hottest path
    hiragana = m[g.hnum] is not None
    num_group, word_group = (g.hnum, g.hword) if hiragana else (g.num, g.word)
    word, sym = m[word_group], m[g.sym]
    num_text = m[num_group]
    num_lo, num_hi = m.span(num_group)
    code = currency_of(word, text, num_lo) if word in currencies.BY_COUNTRY else currencies.code_for(word or sym)
    assumed = (word or sym) in currencies.ASSUMED
    if hiragana:
        before = text[num_lo - 1] if num_lo else " "
        value = numerals.hiragana_value(num_text) if HIRAGANA_EDGE.match(before) else None
    else:
        parsed = numerals.parse(num_text)
        value = parsed.value if parsed else None
    num_start = m.start(g.sym) if sym else num_lo
    if (
        code is None
        or value is None
        or (word == "元" and not _is_yuan(text, (num_lo, num_hi), m.end(word_group)))
        or (word and _goes_on(text, m.end(word_group)))
        or blocked(num_start, num_hi)
        or VAGUE.match(text, max(0, num_lo - 1))  # 数百億ドル: no figure to check
    ):
        return None
    pre, sign, sub, post = m[g.pre], m[g.sign], m[g.sub], m[g.post]
    end, amount_end = m.end(), m.end(g.sub) if sub else m.end(g.body)
    subunits = currencies.SUBUNITS.get(code, {})
    cents = m[g.cents]
    if cents:
        if subunits.get("セント") == Decimal("0.01"):
            value += Decimal(cents) / 100
        else:  # 「100円と30です」: the mention ends at the currency word
            end = amount_end = m.start(g.sub)
    if sub:
        value = numerals.with_subunits(value, [(p["n"], p["u"]) for p in _SUB_PART.finditer(sub)], subunits)
    qualifier = Qualifier.APPROX if pre else None
    if post:
        qualifier = SUFFIX_QUALIFIER.get(post, qualifier)
    amount_start = m.start(g.sign) if sign else num_start
    start = m.start(g.pre) if pre else amount_start
    # Digits and 「・」 right before the numeral: the 「・」 was no decimal point here (a list, or a
    # decimal this reading missed); either way the figure is not certain enough to correct.
    uncertain = num_start >= 2 and text[num_start - 1] == "・" and text[num_start - 2] in LIST_DIGITS
    low = None
    if not sym and not sign:
        low = _range_low(text, start, num_text, code, blocked, assumed)
    if sub or sign:
        value = numerals.canonical(-value if sign else value)
    high = Money(
        value=value,
        currency=code,
        text=text[start:end],
        span=Span(start, end),
        amount=Span(amount_start, amount_end),
        numeral=Span(num_lo, num_hi),
        qualifier=qualifier,
        assumed=assumed,
        uncertain=uncertain,
    )
    return (high,) if low is None else (low, high)


def _range_low(
    text: str, high_start: int, high_numeral: str, code: str, blocked: SpanSet, assumed: bool
) -> Money | None:
    """The low end of a range written with one currency word: 「50億〜60億ドル」, 「50〜60億ドル」.

    A low end without a large unit takes the high end's (50〜60億 is 50億 to 60億).
    """
    before = text[max(0, high_start - 4) : high_start].rstrip(SPACES)
    if not before.endswith(_RANGE_MARKS):
        return None  # the cheap test first: most figures are no range's high end
    lo = max(0, high_start - _RANGE_REACH)
    m = _RANGE_LOW.search(text[lo:high_start])
    if m is None:
        return None
    value = numerals.range_low_value(m["num"], high_numeral)
    start = lo + m.start()
    num_start = lo + m.start("num")
    num_end = lo + m.end("num")
    if value is None or blocked(num_start, num_end):
        return None
    return Money(
        value=value,
        currency=code,
        text=text[start:num_end],
        span=Span(start, num_end),
        amount=Span(num_start, num_end),
        numeral=Span(num_start, num_end),
        qualifier=Qualifier.APPROX if m["pre"] else None,
        assumed=assumed,
    )


def _goes_on(text: str, word_end: int) -> bool:
    """Whether the currency word ending at ``word_end`` is the start of a longer katakana word."""
    return bool(_WORD_GOES_ON.match(text, word_end)) and not _MONEY_COMPOUND.match(text, word_end)


def _is_yuan(text: str, num: tuple[int, int], word_end: int) -> bool:
    """Whether a bare 元 after the numeral at ``num`` is the Chinese currency."""
    if _YUAN_WORD_AFTER.match(text, word_end):
        return False
    start, end = num
    kanji_only = not HAS_ARABIC.search(text, start, end)
    return not (kanji_only and start > 0 and KANJI.match(text, start - 1))


# 「E10の買い物は日本円で1,600円」: a letter E for the euro sign, in text about euros only.
_NOT_NEXT_TO = "A-Za-zＡ-Ｚａ-ｚ0-9０-９"
_LETTER_EURO = rx.compile(
    rf"(?<![{_NOT_NEXT_TO}_.\-])[EＥ](?P<num>[0-9０-９]{{1,7}}(?:[.．][0-9０-９]{{1,2}})?)"
    rf"(?![{_NOT_NEXT_TO}.．\-ァ-ヺー])"
)
_ABOUT_EUROS = rx.compile(r"ユーロ|€|EUR")


def letter_euros(text: str, blocked: SpanSet) -> Iterator[Money]:
    """Euros written with a letter E for the sign (「E10」, 「Ｅ25」), in a text that names the euro
    elsewhere: assumed, so a check says so. Elsewhere E10 is a fuel, a grade or a model."""
    if not _ABOUT_EUROS.search(text):
        return
    for m in _LETTER_EURO.finditer(text):
        parsed = numerals.parse(m["num"])
        if parsed is None or blocked(m.start(), m.end()):
            continue
        yield Money(
            value=parsed.value,
            currency="EUR",
            text=m[0],
            span=Span(m.start(), m.end()),
            amount=Span(m.start(), m.end()),
            numeral=Span(m.start("num"), m.end("num")),
            assumed=True,
        )
