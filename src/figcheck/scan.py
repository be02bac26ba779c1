"""Text -> mentions with character spans: money, percentages, rate statements, the article
date, and the pairing of a foreign amount with its yen conversion into a ``Conversion``.

The scanner never raises on text: anything it cannot read is simply not a mention.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from contextlib import suppress
from decimal import Decimal
from functools import cache
from itertools import accumulate

import regex

from figcheck import currencies, numerals
from figcheck.model import Conversion, Figure, Money, Percent, Qualifier, RateStatement, Scan, Span

__all__ = ["FIGURE_KINDS", "ScanTimeout", "article_date", "figures", "scan"]

_SP = r"[ \u3000]*"  # spaces inside one mention ("7  万  円"); never a line break
_NUM = numerals.NUMERAL
_SMALL_NUM = numerals.SMALL_NUMERAL
_SIGN = numerals.SIGN
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
_SUFFIX = currencies.alternation(list(_SUFFIX_QUALIFIER))

# Every mention starts with one of these; checking it first saves the engine most positions.
_MONEY_FIRST = (
    rf"(?=[0-9０-９{numerals.KANJI_DIGIT}{numerals.SMALL_UNIT}"
    r"約およそ概ざほマ▲△\-−－$＄€£￡¥￥\\UuHNSAC"
    rf"{numerals.HIRAGANA_NUMERAL_KANA}])"
)
# 「100ユーロと30です」: cents with no unit word, only where the sentence ends on them (never 「と30人」).
_BARE_CENTS = r"と(?P<cents>[0-9０-９]{1,2})(?=です|でした|だ|[。．！!？?」』）)\n]|\Z)"
_MONEY = regex.compile(
    rf"""
    {_MONEY_FIRST}
    (?P<pre>(?:{_APPROX_PREFIX}){_SP})?
    (?P<sign>{_SIGN})?
    (?P<body>
        # One numeral for "$100", "$100ドル" and "100ドル" (each copy of _NUM costs compile time):
        # a symbol, a currency word or both.
        (?:(?P<sym>{_SYMBOL}){_SP})?(?P<num>{_NUM})(?:{_SP}(?P<word>{_WORD}))?(?(sym)|(?(word)|(?!)))
      |
        # にせんにひゃく ドル: a whole run of numeral kana (hiragana_value reads it or refuses it)
        (?<![ぁ-ゖ])(?P<hnum>[{numerals.HIRAGANA_NUMERAL_KANA}]++){_SP}(?P<hword>{_WORD})
    )
    (?P<sub>(?:と?(?:{_SMALL_NUM}){_SP}(?:{_SUBUNIT}))+|{_BARE_CENTS})?
    (?P<post>{_SUFFIX})?
    """,
    regex.VERBOSE,
)
_RANGE_REACH = 40
_RANGE_MARKS = ("〜", "～", "~", "-", "－", "‐", "–", "—", "から")
_RANGE_LOW = regex.compile(rf"(?P<pre>(?:{_APPROX_PREFIX}){_SP})?(?P<num>{_NUM}){_SP}(?:[〜～~\-－‐–—]|から){_SP}\Z")
_SUB_PART = regex.compile(rf"と?(?P<n>{_SMALL_NUM}){_SP}(?P<u>{_SUBUNIT})")

# The patterns only ``figures`` needs are compiled on first use: a check never pays for them.
_PERCENT_PATTERN = rf"""
    (?P<sign>{_SIGN})?
    (?:
        (?P<num>{_NUM})(?P<kilo>{_SP}k)?{_SP}(?:%|％|㌫|パ{_SP}ー{_SP}セ{_SP}ン{_SP}ト)
      | (?P<wari>{_NUM}){_SP}割(?P<han>半)?(?:(?P<bu>{_NUM})分(?:(?P<rin>{_NUM})厘)?)?(?P<biki>引き?)?
    )
    """


@cache
def _percent_re() -> regex.Pattern[str]:
    return regex.compile(_PERCENT_PATTERN, regex.VERBOSE)


@cache
def _expression_re() -> regex.Pattern[str]:
    return regex.compile(numerals.EXPRESSION, regex.VERBOSE)


_HIRAGANA_RUN = regex.compile(numerals.HIRAGANA_RUN)
# A hiragana numeral must stand alone: between spaces, punctuation or the ends of the text.
_HIRAGANA_EDGE = regex.compile(r"[\s\p{P}\p{S}A-Za-z0-9]")

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
_NOT_FIGURES = regex.compile("|".join(_NOT_FIGURE_WORDS))
_URL = regex.compile(r"(?:https?|ftp)://[^\s\u3000「」『』（）()<>]+|www\.[^\s\u3000「」『』（）()<>]+")

# 元 is also "former" (安倍晋三元首相) and part of many words: a bare 元 after a kanji-only
# numeral that itself follows a kanji (a name) is not money, nor is 元 starting a word.
_YUAN_WORD_AFTER = regex.compile(r"[首年旦気来本金祖素帥号老請締凶通会社長職副議委総理選代大官]")
_KANJI = regex.compile(r"\p{Han}")
_HAS_ARABIC = regex.compile(r"[0-9０-９]")
_VAGUE = regex.compile(r"[数何幾]")

# A rate statement: 1ドル＝153円, 100ウォン＝10.8円, 1香港ドル＝約17円, 1ドル153円換算.
_RATE = regex.compile(
    rf"""
    (?P<n>{_SMALL_NUM}){_SP}(?P<cur>{_FOREIGN_WORD}){_SP}
    (?:[=＝:：]|は|当たり|あたり|につき|=)?{_SP}
    (?P<approx>(?:{_APPROX_PREFIX}){_SP})?
    (?P<yen>{_NUM}){_SP}円(?:{_SP}(?P<sen>{_SMALL_NUM}){_SP}銭)?
    (?P<tail>台|前後|近辺|付近|水準|近く|程度|ほど|超|強|弱|から|まで|へ|に(?:下落|上昇|急落|急騰))?
    """,
    regex.VERBOSE,
)
# A sentence about the market quotes a rate; it does not state the one used for conversions.
_MARKET = regex.compile(
    r"相場|為替市場|外国為替|外為|円安|円高|ドル高|ドル安|ユーロ高|ユーロ安|円買い|円売り|ドル買い|ドル売り"
    r"|終値|始値|値を付け|値動き|取引|推移|一時|前日比|下落|上昇|急落|急騰|反発|反落"
)
_CONVERSION_WORDS = regex.compile(r"換算|レート|で計算|として計算|基準|とすると|で試算")
_APPROX_TAILS = frozenset({"前後", "程度", "近辺", "付近", "ほど"})
_CONVERSION_AFTER = regex.compile(r"[ \u3000]*(?:で|と|として)?(?:換算|計算|試算)")
_FOOTNOTE_LINE = regex.compile(r"^[ \u3000]*(?:※|＊|\*|注[：:）)]|（注）|\(注\))")
_SENTENCE_END = "。！？!?\n"

_DATE = regex.compile(
    r"(?P<y>(?:19|20)\d\d)\s*[-/年.]\s*(?P<m>1[0-2]|0?[1-9])\s*[-/月.]\s*(?P<d>3[01]|[12]\d|0?[1-9])日?"
    r"|(?P<m2>1[0-2]|0?[1-9])月(?P<d2>3[01]|[12]\d|0?[1-9])日"
    # The day alone, only where it dates a rate: 「28日時点の」, 「28日現在」, 「28日の終値」.
    r"|(?<![月\d])(?P<d3>3[01]|[12]\d|0?[1-9])日(?=時点|現在|付|の(?:終値|レート|為替|相場|基準|仲値|TTM))"
)
_DATELINE = 40  # characters: a line this short holding a date is the article's dateline
_DATE_SLACK_YEAR = dt.timedelta(days=31)  # 「12月30日」 in a January article is last year's
_DATE_SLACK_DAYS = 2
_HAS_FULLWIDTH_DIGIT = regex.compile("[０-９]")
_FULLWIDTH_DIGITS = str.maketrans(numerals.FULLWIDTH_DIGITS)

# Between a figure and its conversion: brackets, "、", "日本円にして", "＝" …
_CONV_PHRASE = (
    rf"(?:日本円|邦貨|{_WORD})(?:に換算(?:して|すると)|換算で|換算|にして|にすると|建てで|で)|日本円"
    r"|(?:で)?換算(?:して|すると|で)?"  # what is left once a rate statement is taken out: 「1ドル＝153円」換算で
)
_GAP_BRACKET = regex.compile(rf"^{_SP}[（(]{_SP}[=＝]?{_SP}(?:(?:{_CONV_PHRASE})[ \u3000、,，:：]*)?$")
_GAP_PHRASE = regex.compile(rf"^{_SP}[、,，]?{_SP}(?:{_CONV_PHRASE}){_SP}[、,，]?{_SP}$")
_GAP_PLAIN = regex.compile(rf"^{_SP}(?:[、,，]|[=＝])?{_SP}$")
_GAP_BRACKET_LIST = regex.compile(rf"^{_SP}[、,，/／]{_SP}$")
# A conversion that opens the next sentence: 「…50億ユーロの基金を設ける。日本円で約8000億円になる」.
# The foreign figure must end its sentence's only money (a short tail, no other figures after it).
_GAP_NEXT_SENTENCE = regex.compile(
    rf"^[^。．！？!?\n0-9０-９（）()]{{0,24}}[。．][ \u3000]*(?:{_CONV_PHRASE}){_SP}[、,，]?{_SP}$"
)
_OPEN, _CLOSE = "（(", "）)"


def scan(text: str, year: int | None = None, date: dt.date | None = None) -> Scan:
    """Find money, percentages, rate statements and conversions in ``text``.

    ``year`` completes dates written without one ("10月28日時点"); by default the article's
    own date gives it. ``date`` is the article's date when it is known from elsewhere (Markdown
    front matter); otherwise it is read from the text's first lines.

    >>> s = scan("日本は5500億ドル（約84兆円）を投資する。")
    >>> [(c.source.text, c.stated.text) for c in s.conversions]
    [('5500億ドル', '約84兆円')]
    """
    date = date or article_date(text)
    blocked = _blocked(text)
    quoted: list[tuple[int, int]] = []  # every rate written, a market quote too: never a conversion
    rates = tuple(_rate_statements(text, year, date, quoted))
    taken = _SpanSet(quoted)
    money = tuple(_money(text, blocked, taken))
    conversions = tuple(_pairs(text, money, taken))
    return Scan(text, money, rates, conversions, date)


# -- hot spots: the expensive patterns run only near the words that can end or start them ----------

# The run of numeral characters that ends at a position (searched backwards, in one call).
_NUMERAL_RUN_CHARS = (
    f"0123456789０１２３４５６７８９{numerals.KANJI_DIGIT}{numerals.SMALL_UNIT}{numerals.LARGE_UNIT},，.．、・点 \u3000"
    "▲△約およそほぼ概ねざっマイナス-−－$＄€£￡¥￥\\"
)
_NUMERAL_RUN_BEFORE = regex.compile(f"(?r)[{regex.escape(_NUMERAL_RUN_CHARS)}]+\\G")
# A hiragana amount right before a currency word (「にせんにひゃく ドル」) widens a window over its run.
_HIRAGANA_BEFORE = regex.compile(r"(?r)[ぁ-ゖ]+[ \u3000]*\G")
_MONEY_TRIGGER = regex.compile(f"{_WORD}|{_SYMBOL}")
_RATE_TRIGGER = regex.compile(_FOREIGN_WORD)
_PERCENT_TRIGGER = regex.compile(r"[%％㌫パ割]")
# Characters before a trigger where a mention may start: a qualifier, a sign and spaces; the window
# is then widened over numeral characters, however many (within reason). And characters after
# it where a mention may go on: sub-units (「13銭」, 「と5セント」), a qualifier, or the amount
# after a symbol (「$ 48.2 万」) or a rate's yen (「1ドル＝約153.25円」).
_REACH_BACK = 12
_REACH_ON = 28


def _windows(text: str, trigger: regex.Pattern[str]) -> Iterator[tuple[int, int]]:
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
            floor = max(0, lo - 64, end)
            if lo > floor and text[lo - 1] in _NUMERAL_RUN_CHARS:  # a one-character test first: cheaper
                run = _NUMERAL_RUN_BEFORE.search(text, floor, lo)
                if run is not None:
                    lo = run.start()
            before = text[m.start() - 1] if m.start() > floor else ""
            if before and ("ぁ" <= before <= "ゖ" or before in " \u3000"):
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


#: Seconds a pattern may spend on a window: generous for real text (a dense megabyte takes about
#: a second), so only text crafted against the patterns runs out; ``ScanTimeout`` then says so.
def _budget(chars: int) -> float:
    return 2.0 + chars * 20e-6


class ScanTimeout(Exception):
    """The text took the patterns longer than any real article would."""


def _finditer(pattern: regex.Pattern[str], text: str, trigger: regex.Pattern[str]) -> Iterator[regex.Match[str]]:
    """``pattern.finditer`` restricted to the windows around ``trigger``, with a time guard."""
    for start, end in _windows(text, trigger):
        try:
            yield from pattern.finditer(text, start, end, timeout=_budget(end - start))
        except TimeoutError:
            raise ScanTimeout(f"scanning characters {start}–{end} took too long") from None


_RATE_BASE_CHARS = frozenset(f"0123456789０１２３４５６７８９{numerals.KANJI_DIGIT}{numerals.SMALL_UNIT},，")
_RATE_BASE_REACH = 16  # characters: spaces, then the base amount (1, 100, 1,000, 一 …) before its currency


def _rate_matches(text: str) -> Iterator[regex.Match[str]]:
    """The rate pattern tried once per foreign currency word, where its base amount starts.

    A rate's base (「1」ドル, 「100」ウォン) is a short run of digits right before the word, so the
    pattern is anchored there instead of searched for through a window around the word.
    """
    for word in _RATE_TRIGGER.finditer(text):
        at = word.start()
        floor = max(0, at - _RATE_BASE_REACH)
        while at > floor and text[at - 1] in " \u3000":
            at -= 1
        start = at
        while start > floor and text[start - 1] in _RATE_BASE_CHARS:
            start -= 1
        if start == at:
            continue
        try:
            m = _RATE.match(text, start, timeout=_budget(_RATE_BASE_REACH))
        except TimeoutError:
            raise ScanTimeout(f"scanning characters from {start} took too long") from None
        if m is not None:
            yield m


class _SpanSet:
    """A set of spans that answers "does ``[start, end)`` overlap any of them?" in log time."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [a for a, _ in ordered]
        self._reach = list(accumulate((b for _, b in ordered), max))  # furthest end so far

    def __call__(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps a span of the set."""
        i = bisect_right(self._starts, end - 1) - 1
        return i >= 0 and self._reach[i] > start


def _blocked(text: str) -> _SpanSet:
    """Where no figure may be: URLs and words such as 四川 or 一部."""
    return _SpanSet(
        [(m.start(), m.end()) for m in _URL.finditer(text)]
        + [(m.start(), m.end()) for m in _NOT_FIGURES.finditer(text)]
    )


def _money(text: str, blocked: _SpanSet, statements: _SpanSet | None = None) -> Iterator[Money]:
    """The money in ``text``, less the figures of rate ``statements`` (「1ドル」 and 「153円」 of 「1ドル＝153円」)."""
    for m in _finditer(_MONEY, text, _MONEY_TRIGGER):
        if statements is not None and statements(m.start(), m.end()):
            continue  # half the matches of a footnote-heavy text: dropped before any work
        num_group, word_group = ("hnum", "hword") if m["hnum"] else ("num", "word")
        word = m[word_group]
        code = currencies.code_for(word or m["sym"])
        assumed = (word or m["sym"]) in currencies.ASSUMED
        num_text = m[num_group]
        if num_group == "hnum":
            before = text[m.start("hnum") - 1] if m.start("hnum") else " "
            value = numerals.hiragana_value(num_text) if _HIRAGANA_EDGE.match(before) else None
        else:
            parsed = numerals.parse(num_text)
            value = parsed.value if parsed else None
        num_start = m.start("sym") if m["sym"] else m.start(num_group)
        if (
            code is None
            or value is None
            or (word == "元" and not _is_yuan(text, m.span(num_group), m.end(word_group)))
            or blocked(num_start, m.end(num_group))
            or _VAGUE.match(text, max(0, m.start(num_group) - 1))  # 数百億ドル: no figure to check
        ):
            continue
        end, amount_end = m.end(), m.end("sub") if m["sub"] else m.end("body")
        if m["cents"]:
            if currencies.SUBUNITS.get(code, {}).get("セント") == Decimal("0.01"):
                value += Decimal(m["cents"]) / 100
            else:  # 「100円と30です」: the mention ends at the currency word
                end = amount_end = m.start("sub")
        for part in _SUB_PART.finditer(m["sub"] or ""):
            sub = numerals.parse(part["n"])
            factor = currencies.SUBUNITS.get(code, {}).get(part["u"])
            if sub is None or factor is None:
                break
            value += sub.value * factor
        qualifier = Qualifier.APPROX if m["pre"] else None
        if m["post"]:
            qualifier = _SUFFIX_QUALIFIER.get(m["post"], qualifier)
        amount_start = m.start("sign") if m["sign"] else num_start
        start = m.start("pre") if m["pre"] else amount_start
        if not m["sym"] and not m["sign"]:
            range_low = _range_low(text, start, m[num_group], code, blocked, assumed)
            if range_low is not None:
                yield range_low
        if m["sub"] or m["sign"]:
            value = numerals.canonical(-value if m["sign"] else value)
        yield Money(
            value=value,
            currency=code,
            text=text[start:end],
            span=Span(start, end),
            amount=Span(amount_start, amount_end),
            numeral=Span(m.start(num_group), m.end(num_group)),
            qualifier=qualifier,
            assumed=assumed,
        )


def _range_low(
    text: str, high_start: int, high_numeral: str, code: str, blocked: _SpanSet, assumed: bool
) -> Money | None:
    """The low end of a range written with one currency word: 「50億〜60億ドル」, 「50〜60億ドル」.

    A low end without a large unit takes the high end's (50〜60億 is 50億 to 60億).
    """
    before = text[max(0, high_start - 4) : high_start].rstrip(" \u3000")
    if not before.endswith(_RANGE_MARKS):
        return None  # the cheap test first: most figures are no range's high end
    lo = max(0, high_start - _RANGE_REACH)
    m = _RANGE_LOW.search(text[lo:high_start])
    if m is None:
        return None
    parsed = numerals.parse(m["num"])
    if parsed is None:
        return None
    value = parsed.value
    unit = high_numeral.rstrip(" \u3000")[-1:]
    large = numerals.LARGE_UNIT_VALUES
    if unit in large and not any(u in m["num"] for u in large):
        value *= large[unit]
    start = lo + m.start()
    num_start = lo + m.start("num")
    num_end = lo + m.end("num")
    if blocked(num_start, num_end):
        return None
    return Money(
        value=numerals.canonical(value),
        currency=code,
        text=text[start:num_end],
        span=Span(start, num_end),
        amount=Span(num_start, num_end),
        numeral=Span(num_start, num_end),
        qualifier=Qualifier.APPROX if m["pre"] else None,
        assumed=assumed,
    )


def _is_yuan(text: str, num: tuple[int, int], word_end: int) -> bool:
    """Whether a bare 元 after the numeral at ``num`` is the Chinese currency."""
    if _YUAN_WORD_AFTER.match(text, word_end):
        return False
    start, end = num
    kanji_only = not _HAS_ARABIC.search(text, start, end)
    return not (kanji_only and start > 0 and _KANJI.match(text, start - 1))


def _percent_value(m: regex.Match[str]) -> Decimal | None:
    """The value in percent of a ``_PERCENT`` match: 3割8分7厘 -> 38.7, 5割半 -> 55, 15k% -> 15000."""
    if m["num"] is not None:
        parsed = numerals.parse(m["num"])
        return None if parsed is None else parsed.value * (1000 if m["kilo"] else 1)
    # 割 is a tenth, 分 a hundredth, 厘 a thousandth; 割半 adds half a tenth.
    total = Decimal(5) if m["han"] else Decimal(0)
    for part, scale in ((m["wari"], Decimal(10)), (m["bu"], Decimal(1)), (m["rin"], Decimal("0.1"))):
        if part:
            parsed = numerals.parse(part)
            if parsed is None:
                return None
            total += parsed.value * scale
    return total


def _percents(text: str, blocked: _SpanSet) -> Iterator[Percent]:
    for m in _finditer(_percent_re(), text, _PERCENT_TRIGGER):
        value = _percent_value(m)
        if value is None or blocked(m.start(), m.end()):
            continue
        yield Percent(numerals.canonical(-value if m["sign"] else value), m[0], Span(m.start(), m.end()))


# A lone kanji digit between a kanji and a kanji that counts nothing (or kana) is part of a name
# or word — 安倍晋三元首相, 鈴木一郎さん — but not before a counter: 小明十本, 首相の一人, 九年.
_COUNTERS = frozenset(
    "本人個件回年月日時分秒歳円社国点台枚匹頭冊度倍割位番階週期代号条項章話巻杯軒機隻着足通票席戸棟校店局種"
)


def _in_name(text: str, start: int, end: int) -> bool:
    if end - start != 1 or text[start] not in "一二三四五六七八九" or start == 0 or end >= len(text):
        return False
    before, after = text[start - 1], text[end]
    if not _KANJI.match(before):
        return False
    return bool(regex.match(r"[ぁ-ゖ]", after)) or (bool(_KANJI.match(after)) and after not in _COUNTERS)


# A number that measures something (180ミリリットル, 29キロメートル) is a dimension, not a count.
_MEASURE = regex.compile(rf"{_SP}(?:キロ|ミリ|センチ|ナノ|マイクロ)?(?:メートル|リットル|グラム)")


def _numbers(text: str, blocked: _SpanSet) -> Iterator[Figure]:
    """Every number expression, and every hiragana numeral that stands alone."""
    found: list[Figure] = []
    for m in _expression_re().finditer(text):
        if (
            blocked(m.start(), m.end())
            or _MEASURE.match(text, m.end())
            or (m.start() and _VAGUE.match(text, m.start() - 1))
        ):
            continue
        if m["chain"] is not None:  # 2222.2222.22222 or 192.168.0.1: separate numbers
            for part in regex.finditer(r"[0-9０-９]+", m["chain"]):
                start = m.start("chain") + part.start()
                parsed = numerals.parse(part[0])
                if parsed is not None:
                    found.append(Figure("number", part[0], parsed.value, None, Span(start, start + len(part[0]))))
            continue
        if _in_name(text, m.start(), m.end()):
            continue
        value = numerals.evaluate(m.groupdict())
        if value is not None:
            found.append(Figure("number", m[0], value, None, Span(m.start(), m.end())))
    for m in _HIRAGANA_RUN.finditer(text):
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end()] if m.end() < len(text) else " "
        if not (_HIRAGANA_EDGE.match(before) and _HIRAGANA_EDGE.match(after)):
            continue
        value = numerals.hiragana_value(m[0])
        if value is not None:
            found.append(Figure("number", m[0], value, None, Span(m.start(), m.end())))
    found.sort(key=lambda f: f.span.start)
    yield from found


FIGURE_KINDS = ("all", "money", "percent", "number")


def figures(text: str, kind: str = "all") -> list[Figure]:
    """The figures of ``kind`` in ``text``, in text order.

    ``money`` and ``percent`` are what the checker reads; ``number`` is every numeral expression,
    those inside money and percentages included; ``all`` is money and percentages plus the numbers
    that are not part of them.

    >>> [(f.kind, f.text, str(f.value), f.unit) for f in figures("GDP比2パーセント、5500億ドル")]
    [('percent', '2パーセント', '2', '%'), ('money', '5500億ドル', '550000000000', 'USD')]
    """
    blocked = _blocked(text)
    out: list[Figure] = []
    if kind in ("all", "money"):
        out += [
            Figure(
                "money",
                text[m.amount.start : m.amount.end],
                m.value,
                None if m.assumed else m.currency,
                m.amount,
                m.currency if m.assumed else None,
            )
            for m in _money(text, blocked)
        ]
    if kind in ("all", "percent"):
        out += [Figure("percent", p.text, p.value, "%", p.span) for p in _percents(text, blocked)]
    if kind == "number":
        out += list(_numbers(text, blocked))
    elif kind == "all":
        taken = _SpanSet((f.span.start, f.span.end) for f in out)
        out += [f for f in _numbers(text, blocked) if not taken(f.span.start, f.span.end)]
    out.sort(key=lambda f: (f.span.start, f.span.end))
    return out


_SENTENCE_REACH = 400  # a sentence longer than this is cut: keeps the scan linear


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence around ``[start, end)`` (at most ``_SENTENCE_REACH`` each side)."""
    lo = max(0, start - _SENTENCE_REACH)
    hi = min(len(text), end + _SENTENCE_REACH)
    left = max([text.rfind(c, lo, start) for c in _SENTENCE_END] + [lo - 1]) + 1
    rights = [i for i in (text.find(c, end, hi) for c in _SENTENCE_END) if i != -1]
    return left, (min(rights) + 1 if rights else hi)


def _line(text: str, pos: int) -> tuple[int, int]:
    """The bounds of the line around ``pos`` (at most ``_SENTENCE_REACH`` each side)."""
    lo = max(0, pos - _SENTENCE_REACH)
    hi = min(len(text), pos + _SENTENCE_REACH)
    left = text.rfind("\n", lo, pos) + 1 or lo
    right = text.find("\n", pos, hi)
    return left, (right if right != -1 else hi)


def _rate_statements(
    text: str, year: int | None, article: dt.date | None, quoted: list[tuple[int, int]]
) -> Iterator[RateStatement]:
    """The conversion rates ``text`` states; the span of every rate it writes, market quotes (「円相場は
    1ドル＝157円台」) included, goes into ``quoted``: its figures are a rate, never a conversion to check."""
    for m in _rate_matches(text):
        base_amount = numerals.parse(m["n"])
        yen = numerals.parse(m["yen"])
        sen = numerals.parse(m["sen"]) if m["sen"] else None
        code = currencies.code_for(m["cur"])
        if base_amount is None or yen is None or code is None or yen.value <= 0:
            continue
        # Only "1ドル", "100ウォン", "1000ルピア": a round unit amount states a rate.
        if base_amount.value not in (1, 10, 100, 1000):
            continue
        quoted.append(m.span())
        if m["approx"] and not regex.search(r"[=＝]", m[0]):
            continue  # 「1ドル約150円の円安」: a rate in passing
        s_start, s_end = _sentence(text, m.start(), m.end())
        sentence = text[s_start:s_end]
        # 157円台, 150円から: a market quote. 150円前後 too, unless conversion words follow at once
        # (「1ドル＝150円前後で換算」): then it is an approximate conversion rate.
        approximate = bool(m["approx"])
        if m["tail"]:
            if m["tail"] not in _APPROX_TAILS or not _CONVERSION_AFTER.match(text, m.end()):
                continue
            approximate = True
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
            value=numerals.canonical((yen.value + (sen.value / 100 if sen else 0)) / base_amount.value),
            text=m[0],
            span=Span(m.start(), m.end()),
            on=_date_near(text, (s_start, m.start(), m.end(), s_end), year, article),
            covers_article=covers,
            approximate=approximate,
        )


def _date_near(
    text: str, bounds: tuple[int, int, int, int], year: int | None, article: dt.date | None
) -> dt.date | None:
    """The date of a rate statement: the last date before it in its sentence
    (「10月28日時点の…1ドル153円」), else the first after it (「1ドル＝152円換算（10月28日時点）」)."""
    sentence_start, start, end, sentence_end = bounds
    found = None
    for m in _DATE.finditer(text, sentence_start, start):
        found = m
    if found is None:
        found = _DATE.search(text, end, sentence_end)
    return _to_date(found, year, article) if found else None


def _to_date(m: regex.Match[str], year: int | None = None, article: dt.date | None = None) -> dt.date | None:
    """The date ``m`` writes. One without a year (「10月28日」) takes ``year``, else the article's year
    — the year before when that would put it after the article (「12月30日」 in a January article).
    One with the day only (「28日時点」) takes the article's month, or the month before. An article's
    own date may be a day or two off the rate's (time zones, a late edition): that is never a year or
    a month back."""
    try:
        if m["y"]:
            return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
        if m["m2"]:
            if year is not None:
                return dt.date(year, int(m["m2"]), int(m["d2"]))
            if article is not None:
                on = dt.date(article.year, int(m["m2"]), int(m["d2"]))
                return on if on <= article + _DATE_SLACK_YEAR else dt.date(article.year - 1, on.month, on.day)
            return None
        if article is not None:
            day = int(m["d3"])
            if day <= article.day + _DATE_SLACK_DAYS:  # an article dated a day early is no month off
                with suppress(ValueError):
                    return article.replace(day=day)
            before = article.replace(day=1) - dt.timedelta(days=1)
            return before.replace(day=day)
    except ValueError:
        return None
    return None


def article_date(text: str) -> dt.date | None:
    """The date an article opens with (``2025-10-28``, ``2025年10月28日``), if any.

    Only the first three non-empty lines are looked at: a line that starts with a full date (after
    any ``#``, ``*`` or opening bracket), or else a short line (a dateline) that holds one.

    >>> article_date("2025-10-28 コメント\\n本文")
    datetime.date(2025, 10, 28)
    >>> article_date("見出し\\n（2025年10月28日 18時05分）\\n本文")
    datetime.date(2025, 10, 28)
    >>> article_date("政府は2025年10月28日に開かれた会合で、対米投資の実行について詳しく説明した。") is None
    True
    """
    head = text[:2000].lstrip("\ufeff")
    if _HAS_FULLWIDTH_DIGIT.search(head):  # translate() maps char by char: only when it changes something
        head = head.translate(_FULLWIDTH_DIGITS)
    lines = [line.strip(" \u3000\t#*（(【[「") for line in head.splitlines()]
    lines = [line for line in lines if line][:3]
    for line in lines:
        m = _DATE.match(line)
        if m and m["y"]:
            return _to_date(m)
    for line in lines:
        if len(line) <= _DATELINE:
            for m in _DATE.finditer(line):
                if m["y"]:
                    return _to_date(m)
    return None


_RANGE_GAP = regex.compile(rf"{_SP}(?:[〜～~\-－‐–—]|から){_SP}\Z")
_MAX_GAP = 40  # characters between a figure and its conversion ("（日本円に換算しておよそ" is 12)


def _without(text: str, start: int, end: int, statements: _SpanSet) -> str:
    """``text[start:end]`` less any rate statement in it: 「（1ドル＝153円換算で」 -> 「（換算で」."""
    gap = text[start:end]
    if not statements(start, end):
        return gap
    return "".join(ch for i, ch in enumerate(gap, start) if not statements(i, i + 1))


def _pairs(text: str, money: tuple[Money, ...], statements: _SpanSet | None = None) -> Iterator[Conversion]:
    """Pair each foreign amount with the yen figure that converts it, or the reverse.

    Ranges pair end by end: 「50〜60億ドル（約7650億〜9180億円）」 is two claims, 50億→7650億 and
    60億→9180億. A range paired with a single figure is ambiguous and not checked.
    """
    statements = statements or _SpanSet(())
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


def _alone_in_sentence(text: str, money: tuple[Money, ...], i: int) -> bool:
    """Whether ``money[i]`` is the only money of its sentence so far: which figure a conversion in
    the next sentence converts is then plain (「A社は50億ドル、B社は30億ドル。日本円で…」 is not)."""
    start, _ = _sentence(text, money[i].span.start, money[i].span.end)
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
