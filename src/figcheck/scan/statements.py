"""Rate statements: 1ドル＝153円, 100ウォン＝10.8円, 1香港ドル＝約17円, footnotes (※…1ドル153円),
approximate conversion rates (1ドル＝150円前後で換算), and the market quotes that are no conversion
rate (円相場は1ドル＝157円台)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import cache

import regex

from figcheck import currencies, numerals, rx
from figcheck.model import RateStatement, Span
from figcheck.scan.countries import currency_of
from figcheck.scan.dates import date_near
from figcheck.scan.patterns import APPROX_PREFIX, FOREIGN_WORD, NUM, SMALL_NUM, SP, SPACES, SUPPOSING, TIMES
from figcheck.scan.spans import line, match_at, sentence

_RATE = rx.compile(
    rf"""
    (?P<n>{SMALL_NUM}){SP}(?P<cur>{FOREIGN_WORD}){SP}
    (?:[=＝:：]|は|当たり|あたり|につき|=)?{SP}
    (?P<approx>(?:{APPROX_PREFIX}){SP})?
    (?P<yen>{NUM}){SP}円(?:{SP}(?P<sen>{SMALL_NUM}){SP}銭)?
    (?P<tail>台|前後|近辺|付近|水準|近く|程度|ほど|超|強|弱|から|まで|へ|に(?:下落|上昇|急落|急騰))?
    """,
    regex.VERBOSE,
)
# A rate between two foreign currencies: 「1ユーロ＝1.16ドル」, 「1ポンド＝約1.33ドル」 (a sign, always).
_CROSS = rx.compile(
    rf"""
    (?P<n>{SMALL_NUM}){SP}(?P<cur>{FOREIGN_WORD}){SP}[=＝]{SP}
    (?P<approx>(?:{APPROX_PREFIX}){SP})?
    (?P<v>{NUM}){SP}(?P<quote>{FOREIGN_WORD})
    (?P<tail>台|前後|近辺|付近|水準|近く|程度|ほど|超|強|弱|から|まで|へ|に(?:下落|上昇|急落|急騰))?
    """,
    regex.VERBOSE,
)
#: Where a rate may be: a foreign currency word.
TRIGGER = rx.literals(FOREIGN_WORD)
# A sentence about the market quotes a rate; it does not state the one used for conversions.
_MARKET = rx.compile(
    r"相場|為替市場|外国為替|外為|円安|円高|ドル高|ドル安|ユーロ高|ユーロ安|円買い|円売り|ドル買い|ドル売り"
    r"|終値|始値|値を付け|値動き|取引|推移|一時|前日比|下落|上昇|急落|急騰|反発|反落"
)
_CONVERSION_WORDS = rx.compile(r"換算|レート|で計算|として計算|基準|とすると|で試算")
# A rate described, not used: an average, a company's assumed rate, a forecast, a level it moved
# around (「為替レートは平均で1ドル＝114円だった」, 「想定レートを1ドル＝140円とする」). Only words that
# say the article converts at it (換算, で計算 …) make it the article's rate.
_DESCRIBED = rx.compile(r"平均|想定|前提|見通し|予想|予測|見込|推移|目標|水準|レンジ")
_CONVERTS = rx.compile(r"換算|で計算|として計算|とすると|とした場合|で試算|で算出")
_APPROX_TAILS = frozenset({"前後", "程度", "近辺", "付近", "ほど"})
_CONVERSION_AFTER = rx.compile(r"[ \u3000]*(?:で|と|として)?(?:換算|計算|試算)")
_FOOTNOTE_LINE = rx.compile(r"^[ \u3000]*(?:※|＊|\*|注[：:）)]|（注）|\(注\))")
_BASE_AMOUNTS = (1, 10, 100, 1000)  # 1ドル, 100ウォン, 1000ルピア: a round unit amount states a rate
_SHORT_LINE = 12  # characters besides the statement: a line that is little more than it covers the text

_RATE_BASE_CHARS = frozenset(f"0123456789０１２３４５６７８９{numerals.KANJI_DIGIT}{numerals.SMALL_UNIT},，")
_RATE_BASE_REACH = 16  # characters: spaces, then the base amount (1, 100, 1,000, 一 …) before its currency


def _rate_matches(text: str, pattern: regex.Pattern[str] | None = None) -> Iterator[regex.Match[str]]:
    """The rate pattern tried once per foreign currency word, where its base amount starts.

    A rate's base (「1」ドル, 「100」ウォン) is a short run of digits right before the word, so the
    pattern is anchored there instead of searched for through a window around the word.
    """
    for word in TRIGGER.finditer(text):
        at = word.start()
        floor = max(0, at - _RATE_BASE_REACH)
        while at > floor and text[at - 1] in SPACES:
            at -= 1
        start = at
        while start > floor and text[start - 1] in _RATE_BASE_CHARS:
            start -= 1
        if start == at:
            continue
        m = match_at(pattern or _RATE, text, start, _RATE_BASE_REACH * 2)
        if m is not None:
            yield m


# An explainer's formula: 「20億ドル × 150円 ＝ 3000億円」 (the rate after the foreign figure's word).
@cache
def _formula() -> regex.Pattern[str]:
    """Compiled on the first text with a multiplication sign: it holds a whole numeral (10 ms)."""
    return rx.compile(
        rf"{SP}[{TIMES}]{SP}(?P<yen>{NUM}){SP}円(?:{SP}[/／]{SP}(?:1{SP})?(?:{FOREIGN_WORD}))?(?={SP}[=＝])"
    )


# Another rate in the same sentence, its currency elided: 「1ドル＝140円なら約2800億円、160円なら…」.
_IF = SUPPOSING
_IF_AFTER = rx.compile(rf"{SP}{_IF}")
_SUPPOSED = rx.compile(
    rf"{SP}(?:{_IF}|と(?:すると|すれば|した場合|仮定|想定)|で(?:計算|換算|試算)(?:すると|すれば|した場合))"
)
_ALTERNATIVE = rx.compile(rf"(?<=[、,，]{SP})(?P<yen>{SMALL_NUM}){SP}(?P<unit>円){SP}{_IF}")


def rate_statements(
    text: str, year: int | None, article: dt.date | None, quoted: list[tuple[int, int]]
) -> Iterator[RateStatement]:
    """The conversion rates ``text`` states; the span of every rate it writes, market quotes (「円相場は
    1ドル＝157円台」) included, goes into ``quoted``: its figures are a rate, never a conversion to check."""
    found = [*_statements(text, year, article, quoted), *_formulas(text, year, article, quoted)]
    if "＝" in text or "=" in text:
        found += _crosses(text, year, article, quoted)
    yield from sorted(found, key=_start)


def _crosses(
    text: str, year: int | None, article: dt.date | None, quoted: list[tuple[int, int]]
) -> Iterator[RateStatement]:
    """Rates between two foreign currencies: 「1ユーロ＝1.16ドル」 states 1.16 USD a euro (a market
    quote, 「ユーロ相場は1ユーロ＝1.16ドル台」, is only a rate written)."""
    for m in _rate_matches(text, _CROSS):
        base_amount, value = numerals.parse(m["n"]), numerals.parse(m["v"])
        code, quote = currency_of(m["cur"], text, m.start()), currency_of(m["quote"], text, m.start())
        if base_amount is None or value is None or code is None or quote is None or code == quote:
            continue
        if base_amount.value not in _BASE_AMOUNTS or value.value <= 0:
            continue
        quoted.append(m.span())
        s_start, s_end = sentence(text, m.start(), m.end())
        if m["tail"] or (_MARKET.search(text, s_start, s_end) and not _CONVERSION_WORDS.search(text, s_start, s_end)):
            continue
        yield RateStatement(
            base=code,
            quote=quote,
            value=numerals.canonical(value.value / base_amount.value),
            text=m[0],
            span=Span(m.start(), m.end()),
            on=date_near(text, (s_start, m.start(), m.end(), s_end), year, article),
            approximate=bool(m["approx"]),
        )


def _start(statement: RateStatement) -> int:
    return statement.span.start


def _formulas(
    text: str, year: int | None, article: dt.date | None, quoted: list[tuple[int, int]]
) -> Iterator[RateStatement]:
    """The rates of formula lines: 「20億ドル × 150円 ＝ 3000億円」 states 1ドル＝150円."""
    if not any(sign in text for sign in TIMES):
        return
    for word in TRIGGER.finditer(text):
        m = match_at(_formula(), text, word.end(), _RATE_BASE_REACH * 2)
        if m is None:
            continue
        yen, code = numerals.parse(m["yen"]), currency_of(word[0], text, word.start())
        if yen is None or code is None or yen.value <= 0:
            continue
        start = m.start("yen")
        quoted.append((start, m.end()))
        s_start, s_end = sentence(text, start, m.end())
        yield RateStatement(
            base=code,
            quote=currencies.YEN,
            value=numerals.canonical(yen.value),
            text=text[start : m.end()],
            span=Span(start, m.end()),
            on=date_near(text, (s_start, start, m.end(), s_end), year, article),
            local=True,
        )


def _statements(
    text: str, year: int | None, article: dt.date | None, quoted: list[tuple[int, int]]
) -> Iterator[RateStatement]:
    for m in _rate_matches(text):
        base_amount = numerals.parse(m["n"])
        yen = numerals.parse(m["yen"])
        sen = numerals.parse(m["sen"]) if m["sen"] else None
        code = currency_of(m["cur"], text, m.start())
        if base_amount is None or yen is None or code is None or yen.value <= 0:
            continue
        if base_amount.value not in _BASE_AMOUNTS:
            continue
        quoted.append(m.span())
        if m["approx"] and not regex.search(r"[=＝]", m[0]):
            continue  # 「1ドル約150円の円安」: a rate in passing
        s_start, s_end = sentence(text, m.start(), m.end())
        # 157円台, 150円から: a market quote. 150円前後 too, unless conversion words follow at once
        # (「1ドル＝150円前後で換算」): then it is an approximate conversion rate.
        approximate = bool(m["approx"])
        if m["tail"]:
            if m["tail"] not in _APPROX_TAILS or not _CONVERSION_AFTER.match(text, m.end()):
                continue
            approximate = True
        if _MARKET.search(text, s_start, s_end) and not _CONVERSION_WORDS.search(text, s_start, s_end):
            continue
        if _DESCRIBED.search(text, s_start, s_end) and not _CONVERTS.search(text, s_start, s_end):
            continue
        l_start, l_end = line(text, m.start())
        rest = (text[l_start : m.start()] + text[m.end() : l_end]).strip(" \u3000\t\r（）()。、")
        # A footnote, or a line that is little more than the statement ("（1ドル＝153円で換算）").
        covers = bool(_FOOTNOTE_LINE.match(text[l_start:l_end])) or (
            len(rest) <= _SHORT_LINE and bool(_CONVERSION_WORDS.search(text, l_start, l_end))
        )
        statement = RateStatement(
            base=code,
            quote=currencies.YEN,
            value=numerals.canonical((yen.value + (sen.value / 100 if sen else 0)) / base_amount.value),
            text=m[0],
            span=Span(m.start(), m.end()),
            on=date_near(text, (s_start, m.start(), m.end(), s_end), year, article),
            covers_article=covers,
            approximate=approximate,
            hypothetical=bool(_SUPPOSED.match(text, m.end())),
            local=bool(_IF_AFTER.match(text, m.end())),
        )
        yield statement
        if _IF_AFTER.match(text, m.end()):
            yield from _alternatives(text, statement, m.end(), s_end, quoted)


def _alternatives(
    text: str, first: RateStatement, start: int, end: int, quoted: list[tuple[int, int]]
) -> Iterator[RateStatement]:
    """The other rates a sentence tries after ``first``: 「1ドル＝140円なら約2800億円、160円なら約3200億円」
    states 1ドル＝160円 too (each rate its own claim)."""
    for m in _ALTERNATIVE.finditer(text, start, end):
        yen = numerals.parse(m["yen"])
        if yen is None or yen.value <= 0:
            continue
        span = m.start("yen"), m.end("unit")
        quoted.append(span)
        yield RateStatement(
            base=first.base,
            quote=first.quote,
            value=numerals.canonical(yen.value),
            text=text[span[0] : span[1]],
            span=Span(*span),
            on=first.on,
            approximate=first.approximate,
            hypothetical=True,
            local=True,
        )
