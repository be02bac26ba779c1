"""Japanese numerals: text -> exact ``Decimal``, and ``Decimal`` -> newspaper notation.

Pure functions, no I/O. The reader accepts Arabic and full-width digits with thousands
separators and decimal points, kanji numerals (一二三…, 〇/零, 十百千) and the large units
万 億 兆 京 in any mix: ``1兆5300億``, ``3千億``, ``2.3万``, ``五千五百億``, ``１４億１４０２万１１００``.

>>> parse("1兆5300億")
Numeral(value=Decimal('1530000000000'))
>>> parse("1兆5300億").place
Decimal('1E+10')
>>> to_newspaper(Decimal("84150000000000"))
'84兆1500億'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from functools import lru_cache, wraps
from typing import ParamSpec, TypeVar

import regex

from figcheck import rx
from figcheck.frozen import frozen

__all__ = [
    "EXACT",
    "FULLWIDTH_DIGITS",
    "HUGE_UNIT",
    "LARGE_UNIT_VALUES",
    "NAKAGURO_DECIMAL_BEFORE",
    "NUMERAL",
    "PRECISION",
    "SIGN",
    "SIGN_WORDS",
    "Numeral",
    "canonical",
    "exact",
    "hiragana_value",
    "in_style_of",
    "numeral_pattern",
    "parse",
    "place_of",
    "plain",
    "range_low_value",
    "round_to",
    "significant_digits",
    "to_newspaper",
    "wari_percent",
    "with_subunits",
]

# Character classes, written once and shared with the scanner's patterns.
ARABIC_DIGIT = "0-9０-９"
KANJI_DIGIT = "〇零一二三四五六七八九壱弐参"
SMALL_UNIT = "十百千拾"
LARGE_UNIT = "万萬億兆京"
#: The units beyond 京 (10^20 … 10^48), as court fines are written (「2澗ルーブル」). They are also common
#: kanji (一極集中, 二正面, 記載), so a numeral takes them only after Arabic digits and only in money.
HUGE_UNIT = "垓𥝱秭穣溝澗正載極"

_AD = f"[{ARABIC_DIGIT}]"
# Thousands groups: "1,280", "１，２８０"; "６、５４４" only after a single digit (a list "100、200" is no number).
_ARABIC = (
    rf"{_AD}(?:、{_AD}{{3}})+(?!{_AD})"
    rf"|{_AD}+(?:[,，]{_AD}{{3}})*(?!{_AD})"
)
#: What may follow a decimal written with a nakaguro 「・」 (newspapers' vertical style): a unit, a
#: percentage or a multiple — 29・5億, 4・2％, 1・5倍. Between digits before anything else, 「・」 is a
#: list or a date: 1・2月期, 3・4号機, 10・11日. The scanner adds the first characters of currency words.
NAKAGURO_DECIMAL_BEFORE = f"{LARGE_UNIT}%％㌫倍割円銭パ"
# A kanji run may carry a decimal point: 三・五, 〇・二三四五六, 二点五.
_KANJI = (
    rf"[{KANJI_DIGIT}{SMALL_UNIT}]+"
    rf"(?:(?:点|(?<=[〇零][{KANJI_DIGIT}]*)・|・(?=[{KANJI_DIGIT}]{{2}}))[{KANJI_DIGIT}]+)?"
)
_UNITS = SMALL_UNIT + LARGE_UNIT
# Spaces join pieces only next to a unit: "一百 五 十 二", "7万 5千 4百", "3 万 4,500" (but "零 一 二" is three).
_JOIN = (
    rf"(?:[ \u3000]+(?=[{_UNITS}])"
    rf"|(?<=[{_UNITS}])[ \u3000]+(?=[{ARABIC_DIGIT}{KANJI_DIGIT}{SMALL_UNIT}]))"
)
_START = rf"(?<![{ARABIC_DIGIT}{KANJI_DIGIT}{SMALL_UNIT}{LARGE_UNIT}])"


def numeral_pattern(decimal_before: str = NAKAGURO_DECIMAL_BEFORE, huge: bool = False) -> str:
    """A numeral as it may appear in running text; a 「・」 between Arabic digits is a decimal point
    where the digits after it go on into one of the characters of ``decimal_before``. With ``huge``,
    the units beyond 京 after Arabic digits (2澗, 1垓5000京).

    >>> import regex
    >>> [regex.match(NUMERAL, t)[0] for t in ("２９・５億", "４・２％", "1・2月期", "10・11日")]
    ['２９・５億', '４・２', '1', '10']
    """
    before = "".join(regex.escape(ch) for ch in dict.fromkeys(decimal_before))
    arabic_dec = rf"(?:{_ARABIC})(?:[.．]{_AD}+|・{_AD}+(?=[ \u3000]*[{before}]))?"
    # A kanji run's 「・」 is a decimal point by the same rule (一・五兆ドル, 二・五％, as vertical copy
    # writes them), besides 〇・二 and 三・五六: never 一・二審 or 三・四月.
    kanji = rf"(?:[{KANJI_DIGIT}{SMALL_UNIT}]+・[{KANJI_DIGIT}]+(?=[ \u3000]*[{before}])|{_KANJI})"
    # Arabic digits may take a small unit (3千, 5百) but never run into a kanji digit (第3四半期).
    piece = rf"(?:(?<![{KANJI_DIGIT}]){arabic_dec}[{SMALL_UNIT}]?|(?<![{ARABIC_DIGIT}]){kanji})"
    # A numeral never starts inside another (so "2027" is tried once, not four times) and is matched
    # atomically: a shorter numeral never makes a mention that the longest one does not, and giving
    # digits back one at a time would make a long run of digits quadratic.
    units = rf"(?:[{LARGE_UNIT}]|(?<=[{ARABIC_DIGIT}])[{HUGE_UNIT}])+" if huge else rf"[{LARGE_UNIT}]+"
    return rf"{_START}(?>{piece}(?:{_JOIN}?(?:{piece}|{units}))*)"


#: A numeral as it may appear in running text (``numeral_pattern`` with units, % and 倍 after a 「・」).
NUMERAL = numeral_pattern()
#: A small count, without 万/億 or decimals: sub-units (13銭, 三角) and a rate's base (1ドル, 100ウォン,
#: 1,000ルピア). A quarter of NUMERAL's size: every copy of NUMERAL costs milliseconds to compile.
_SMALL_CHAR = f"{ARABIC_DIGIT}{KANJI_DIGIT}{SMALL_UNIT}"
SMALL_NUMERAL = rf"(?<![{_SMALL_CHAR}{LARGE_UNIT}.．])[{_SMALL_CHAR},，]{{1,6}}"

#: Full-width digit -> ASCII digit.
FULLWIDTH_DIGITS = {chr(0xFF10 + i): str(i) for i in range(10)}
#: What each large unit multiplies by (萬 is the old form of 万).
LARGE_UNIT_VALUES = {
    "万": Decimal(10) ** 4,
    "萬": Decimal(10) ** 4,
    "億": Decimal(10) ** 8,
    "兆": Decimal(10) ** 12,
    "京": Decimal(10) ** 16,
    "垓": Decimal(10) ** 20,
    "𥝱": Decimal(10) ** 24,
    "秭": Decimal(10) ** 24,  # another form of 𥝱
    "穣": Decimal(10) ** 28,
    "溝": Decimal(10) ** 32,
    "澗": Decimal(10) ** 36,
    "正": Decimal(10) ** 40,
    "載": Decimal(10) ** 44,
    "極": Decimal(10) ** 48,
}

_TRANSLATE = str.maketrans(
    {
        **FULLWIDTH_DIGITS,
        **dict(zip("〇零一二三四五六七八九", "00123456789", strict=True)),
        "壱": "1",
        "弐": "2",
        "参": "3",
        "拾": "十",
        "萬": "万",
        "．": ".",
        "・": ".",
        "点": ".",
        ",": None,
        "，": None,
        "、": None,
        " ": None,
        "\u3000": None,
    }
)
_SMALL = {"十": Decimal(10), "百": Decimal(100), "千": Decimal(1000)}
_TOKEN = rx.compile(rf"(\d+(?:\.\d+)?)|([十百千])|([万億兆京{HUGE_UNIT}])|(.)")
_NAMES = sorted(((v, k) for k, v in LARGE_UNIT_VALUES.items() if k not in "萬秭"), reverse=True)  # 極 first


@frozen
class Numeral:
    """An exact value and the place value of its last written non-zero digit."""

    value: Decimal

    @property
    def place(self) -> Decimal:
        """The place value of the last written non-zero digit (worked out when asked for)."""
        return place_of(self.value)


def place_of(value: Decimal) -> Decimal:
    """The place value of the last non-zero digit of ``value`` (1 for zero).

    Trailing zeros are not significant: ``約5100億円`` is a figure to 100億.

    >>> place_of(Decimal("84000000000000"))
    Decimal('1E+12')
    >>> place_of(Decimal("3.3E12")), place_of(Decimal("290")), place_of(Decimal("0"))
    (Decimal('1E+11'), Decimal('1E+1'), Decimal('1'))
    """
    if value == 0:
        return Decimal(1)
    return Decimal(1).scaleb(int(value.normalize(EXACT).as_tuple().exponent), EXACT)


@lru_cache(maxsize=8192)  # pure, and news repeats its numerals (the 1 of 1ドル, 153, 億 …)
def parse(text: str) -> Numeral | None:
    """Read one Japanese numeral; ``None`` when ``text`` is not a well-formed numeral.

    >>> parse("五千五百億").value
    Decimal('550000000000')
    >>> parse("１４億１４０２万１１００").value
    Decimal('1414021100')
    >>> parse("二〇二五").value, parse("2.3万").value, parse("29万1,890").value
    (Decimal('2025'), Decimal('23000'), Decimal('291890'))
    >>> parse("百千") is None, parse("億") is None
    (True, True)
    """
    value = _evaluate(text.translate(_TRANSLATE))
    if value is None:
        return None
    return Numeral(value)


def _evaluate(norm: str) -> Decimal | None:
    """Evaluate normalised numeral text (ASCII digits, kanji units); ``None`` if malformed."""
    if not norm:
        return None
    total = Decimal(0)
    section = Decimal(0)
    pending: Decimal | None = None
    last_small: Decimal | None = None  # smallest small unit used in this section so far
    last_large: Decimal | None = None
    last_contribution = Decimal(0)
    prev_large = False
    seen_digitish = False
    for match in _TOKEN.finditer(norm):
        digits, small, large, other = match.groups()
        if other is not None:
            return None
        if digits is not None:
            if pending is not None:
                return None
            pending = Decimal(digits)
            seen_digitish = True
            prev_large = False
        elif small is not None:
            unit = _SMALL[small]
            if last_small is not None and unit >= last_small:
                return None
            # 零十 is 10: a zero before a unit is a placeholder, not a multiplier.
            section += (pending if pending else Decimal(1)) * unit
            pending, last_small, seen_digitish, prev_large = None, unit, True, False
        else:
            unit = LARGE_UNIT_VALUES[large]
            if prev_large and pending is None and section == 0:
                # 1万億: a non-standard chain of units multiplies (10^4 × 10^8).
                total += last_contribution * (unit - 1)
                last_contribution *= unit
                last_large = (last_large or Decimal(1)) * unit
                continue
            if pending is not None:
                if last_small is not None and pending >= last_small:
                    return None
                section += pending
            if section == 0 or (last_large is not None and unit >= last_large):
                return None
            last_contribution = section * unit
            total += last_contribution
            section, pending, last_small, last_large, prev_large = Decimal(0), None, None, unit, True
    if not seen_digitish:
        return None
    if pending is not None:
        if last_small is not None and pending >= last_small:
            return None
        section += pending
    if last_large is not None and section >= last_large:
        return None
    return canonical(total + section)


#: Significant digits of figcheck's arithmetic: a figure written to the 円 in 極 (10^48) has 52, and
#: Python's default of 28 would round it silently (or make a quantize raise).
PRECISION = 100
EXACT = Context(prec=PRECISION)

P = ParamSpec("P")
R = TypeVar("R")


def exact(fn: Callable[P, R]) -> Callable[P, R]:
    """Run ``fn`` with ``PRECISION`` significant digits (the caller's decimal context is restored)."""

    @wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with localcontext(EXACT):
            return fn(*args, **kwargs)

    return run


def canonical(value: Decimal) -> Decimal:
    """``value`` without trailing zeros after the point and without a positive exponent, exactly.

    >>> canonical(Decimal("8.4E+13")), canonical(Decimal("152.500")), canonical(Decimal("-0"))
    (Decimal('84000000000000'), Decimal('152.5'), Decimal('0'))
    """
    if value == 0:
        return Decimal(0)
    value = value.normalize(EXACT)
    if value.as_tuple().exponent > 0 and value.adjusted() < PRECISION:  # type: ignore[operator]
        value = value.quantize(Decimal(1), context=EXACT)  # 8.4E+13 -> 84000000000000
    return value


def round_to(value: Decimal, place: Decimal, rounding: str = ROUND_HALF_UP) -> Decimal:
    """Round ``value`` to a multiple of ``place`` (``decimal`` rounding mode names).

    >>> round_to(Decimal("84150000000000"), Decimal("1E12"))
    Decimal('84000000000000')
    >>> round_to(Decimal("5.7E12"), Decimal("1E12"), "ROUND_CEILING")
    Decimal('6000000000000')
    """
    with localcontext(EXACT):
        return canonical((value / place).quantize(Decimal(1), rounding=rounding) * place)


def significant_digits(value: Decimal) -> int:
    """How many digits ``value`` has from its first to its last non-zero digit.

    >>> significant_digits(Decimal("84000000000000")), significant_digits(Decimal("1.53E12"))
    (2, 3)
    """
    if value == 0:
        return 1
    return len(value.normalize(EXACT).as_tuple().digits)


def plain(value: Decimal) -> str:
    """An exact decimal string without exponent or trailing zeros.

    >>> plain(Decimal("8.4E+13")), plain(Decimal("152.50")), plain(Decimal("-0"))
    ('84000000000000', '152.5', '0')
    """
    return format(canonical(value), "f")


def to_newspaper(value: Decimal, place: Decimal | None = None, rounding: str = ROUND_HALF_UP) -> str:
    """Write ``value`` as a newspaper does: four-digit groups under 京, 兆, 億, 万.

    With ``place``, round to that place value first.

    >>> to_newspaper(Decimal("1530000000000")), to_newspaper(Decimal("800000000"))
    ('1兆5300億', '8億')
    >>> to_newspaper(Decimal("84150000000000"), Decimal("1E12"))
    '84兆'
    >>> to_newspaper(Decimal("12345.6")), to_newspaper(Decimal("-3000")), to_newspaper(Decimal("0.5"))
    ('1万2345.6', '-3000', '0.5')
    """
    if place is not None:
        value = round_to(value, place, rounding)
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    value = abs(value)
    integer = int(value)
    fraction = plain(value - integer)
    parts: list[str] = []
    rest = integer
    for unit, name in _NAMES:
        count, rest = divmod(rest, int(unit))
        if count:
            parts.append(f"{count}{name}")
    tail = ""
    if rest or fraction != "0" or not parts:
        tail = str(rest)
        if fraction != "0":
            tail += fraction[1:]  # "0.5" -> ".5"
    return sign + "".join(parts) + tail


_TO_FULLWIDTH = str.maketrans({**{a: f for f, a in FULLWIDTH_DIGITS.items()}, ".": "．", ",": "，", "-": "－"})
_DIGIT_RUN = rx.compile(r"(?<![.\d])\d{4,}")  # an integer part: never digits after a point
_GROUPED = rx.compile(r"[0-9０-９][,，][0-9０-９]{3}")


_KANJI_DIGITS = "〇一二三四五六七八九"
_TO_KANJI_DIGITS = str.maketrans("0123456789", _KANJI_DIGITS)
_ARABIC_RUN = rx.compile(r"[0-9]+")
_KANJI_WRITTEN = rx.compile(r"[〇零一二三四五六七八九壱弐参十百千拾]")


def _kanji_group(n: int) -> str:
    """1–9999 in kanji with 千百十: 5300 -> 五千三百, 84 -> 八十四, 10 -> 十 (a larger count of 京, digit by
    digit: there is no unit above it)."""
    if n > 9999:
        return str(n).translate(_TO_KANJI_DIGITS)
    out = []
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        count, n = divmod(n, unit)
        if count:
            out.append(("" if count == 1 and name else _KANJI_DIGITS[count]) + name)
    return "".join(out)


def in_style_of(figure: str, written: str) -> str:
    """``figure`` (from :func:`to_newspaper`) in the digit style of the numeral ``written``: full-width
    digits, thousands commas or kanji numerals when the writer used them — a correction reads as theirs.

    >>> in_style_of("84兆", "８５兆"), in_style_of("1500億", "1,600億"), in_style_of("8万4000", "８万４，５００")
    ('８４兆', '1,500億', '８万４，０００')
    >>> in_style_of("1兆5300億", "一兆五千四百億"), in_style_of("2025", "二〇二六")
    ('一兆五千三百億', '二〇二五')
    >>> in_style_of("1兆5300億", "1兆5400億")
    '1兆5300億'
    """
    if _KANJI_WRITTEN.search(written) and not regex.search("[0-9０-９]", written) and "." not in figure:
        if regex.search("[十百千拾]", written):  # 八十四兆: kanji with 千百十
            return _ARABIC_RUN.sub(lambda m: _kanji_group(int(m[0])), figure)
        return figure.translate(_TO_KANJI_DIGITS)  # 二〇二五: digit by digit
    grouped = _GROUPED.search(written)
    if grouped:
        comma = grouped[0][1]
        figure = _DIGIT_RUN.sub(lambda m: f"{int(m[0]):,}".replace(",", comma), figure)
    if regex.search("[０-９]", written):
        figure = figure.translate(_TO_FULLWIDTH)
    return figure


#: A minus sign before a figure: マイナス, ▲ (newspaper accounts), or a dash not inside a word or range.
SIGN = r"(?:マイナス|[▲△]|(?<![0-9A-Za-z０-９)）\-−－‐.．])[-−－])"
#: The ways of writing a minus sign that ``SIGN`` reads (the scanner's first characters come from it).
SIGN_WORDS = ("マイナス", "▲", "△", "-", "−", "－")


def with_subunits(value: Decimal, parts: Iterable[tuple[str, str]], factors: Mapping[str, Decimal]) -> Decimal:
    """``value`` plus its written sub-units (``parts`` of numeral and unit, 「13」「銭」), each by its
    factor; the sum stops at the first part that is not a numeral or not a unit of ``factors``.

    >>> with_subunits(Decimal(2222), [("13", "銭")], {"銭": Decimal("0.01")})
    Decimal('2222.13')
    >>> with_subunits(Decimal(5), [("三", "角"), ("x", "分")], {"角": Decimal("0.1"), "分": Decimal("0.01")})
    Decimal('5.3')
    """
    for numeral, unit in parts:
        sub = parse(numeral)
        factor = factors.get(unit)
        if sub is None or factor is None:
            break
        value += sub.value * factor
    return value


def wari_percent(wari: str, bu: str | None = None, rin: str | None = None, half: bool = False) -> Decimal | None:
    """A percentage written in 割 (a tenth), 分 (a hundredth) and 厘 (a thousandth); 割半 adds half a
    tenth. ``None`` when a part is no numeral.

    >>> wari_percent("3", "8", "7"), wari_percent("五", half=True), wari_percent("x")
    (Decimal('38.7'), Decimal('55'), None)
    """
    total = Decimal(5) if half else Decimal(0)
    for part, scale in ((wari, Decimal(10)), (bu, Decimal(1)), (rin, Decimal("0.1"))):
        if part:
            parsed = parse(part)
            if parsed is None:
                return None
            total += parsed.value * scale
    return total


def range_low_value(low: str, high: str) -> Decimal | None:
    """The value of a range's low end ``low``: without a large unit it takes the high end's
    (「50〜60億」 is 50億 to 60億); ``None`` when it is no numeral.

    >>> range_low_value("50", "60億"), range_low_value("50億", "60億"), range_low_value("5千", "6千万")
    (Decimal('5000000000'), Decimal('5000000000'), Decimal('50000000'))
    """
    parsed = parse(low)
    if parsed is None:
        return None
    value = parsed.value
    unit = high.rstrip(" \u3000")[-1:]
    if unit in LARGE_UNIT_VALUES and not any(u in low for u in LARGE_UNIT_VALUES):
        value *= LARGE_UNIT_VALUES[unit]
    return canonical(value)


# -- hiragana numerals: にじゅうさん, いっせんまん ------------------------------------------------

_HIRAGANA = sorted(
    {
        "れい": "〇",
        "ぜろ": "〇",
        "いち": "一",
        "いっ": "一",
        "に": "二",
        "さん": "三",
        "よん": "四",
        "し": "四",
        "ご": "五",
        "ろく": "六",
        "ろっ": "六",
        "なな": "七",
        "しち": "七",
        "はち": "八",
        "はっ": "八",
        "きゅう": "九",
        "く": "九",
        "じゅう": "十",
        "じゅっ": "十",
        "ひゃく": "百",
        "びゃく": "百",
        "ぴゃく": "百",
        "せん": "千",
        "ぜん": "千",
        "まん": "万",
        "おく": "億",
        "ちょう": "兆",
    }.items(),
    key=lambda kv: -len(kv[0]),
)
#: The kana that hiragana numerals are written with: a pattern need not try a run holding others.
HIRAGANA_NUMERAL_KANA = "".join(sorted({ch for kana, _ in _HIRAGANA for ch in kana}))
# Alone, these are particles or words far more often than numbers (に, し, く).
_HIRAGANA_NOT_ALONE = frozenset({"に", "し", "く", "いっ", "ろっ", "はっ", "じゅっ"})


def hiragana_value(run: str) -> Decimal | None:
    """The value of a whole run of hiragana if it is a numeral, else ``None``.

    >>> hiragana_value("にじゅうさん"), hiragana_value("いっせんまん"), hiragana_value("ありがとう")
    (Decimal('23'), Decimal('10000000'), None)
    """
    if run in _HIRAGANA_NOT_ALONE:
        return None
    out: list[str] = []
    i = 0
    while i < len(run):
        for kana, kanji in _HIRAGANA:
            if run.startswith(kana, i):
                out.append(kanji)
                i += len(kana)
                break
        else:
            return None
    parsed = parse("".join(out))
    return parsed.value if parsed else None
