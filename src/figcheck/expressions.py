"""Number expressions for the inventory of figures (``figcheck figures``): signs, exponents, powers,
fractions, dozens and k/M — 2e5, 2^5, 16分の5, 1 3/5, 半ダース, 40k. Off the check path: a check reads
money only."""

from __future__ import annotations

from decimal import Decimal

from figcheck.numerals import (
    ARABIC_DIGIT,
    FULLWIDTH_DIGITS,
    KANJI_DIGIT,
    NUMERAL,
    SIGN,
    SIGN_WORDS,
    SMALL_UNIT,
    canonical,
    parse,
)

__all__ = ["EXPRESSION", "SIMPLE", "SPECIAL_AFTER", "SPECIAL_START", "STARTS", "evaluate"]

_AD = f"[{ARABIC_DIGIT}]"

_DEC = rf"(?:{_AD}+(?:[.．]{_AD}+)?|(?<![.．]|{_AD})[.．]{_AD}+)"
_OP_SIGN = "[+＋\\-−－]"
#: A number expression: what ``evaluate`` reads. Named groups tell the form.
EXPRESSION = rf"""
(?P<sign>{SIGN})?
(?:
    (?P<chain>{_AD}+(?:[.．]{_AD}+){{2,}})                                   # 2222.2222.22222: four numbers
  | (?P<mant>{_DEC})[eE](?P<exp>{_OP_SIGN}?{_AD}+)                             # 2e5, 12.32e+14
  | (?P<base>{_DEC})\^(?P<psign>{_OP_SIGN}*)(?P<power>{_DEC})                 # 2^5, 2.5^-1
  | (?:(?P<jwhole>{NUMERAL})[ \u3000]*(?:と|[ \u3000]は[ \u3000])[ \u3000]*)?
    (?P<jden>{NUMERAL})[ \u3000]*分の[ \u3000]*(?P<jnum>{NUMERAL})              # 16分の5, 一と二分の一
  | (?:(?P<swhole>{_AD}+)[ \u3000]+)?(?<![/／]{_AD}*)
    (?P<snum>{_AD}+)[/／](?P<sden>{_AD}+)(?![/／]?{_AD})                        # 6/5, 1 3/5 (not 2025/10/28)
  | (?P<dozen>{NUMERAL}|半)ダース                                               # 一ダース, 半ダース
  | (?P<lead>(?<![.．]|{_AD})[.．]{_AD}+)                                         # .23456
  | (?P<num>{NUMERAL})(?:(?P<kilo>k)(?![A-Za-z])|[ \u3000]?(?P<mega>M)(?![A-Za-z]))?
)
"""

#: The last form of ``EXPRESSION`` alone: a numeral, with k or M. Nearly every number is one, and
#: this pattern is a fraction of the whole one's cost, which tries seven forms before it.
SIMPLE = rf"(?P<sign>{SIGN})?(?P<num>{NUMERAL})(?:(?P<kilo>k)(?![A-Za-z])|[ \u3000]?(?P<mega>M)(?![A-Za-z]))?"
#: Every character an ``EXPRESSION`` match can start with: a sign's first, a digit, a kanji numeral,
#: 半 (半ダース), a decimal point (.23456).
STARTS = (
    "["
    + "".join(dict.fromkeys(w[0] for w in SIGN_WORDS)).replace("-", "\\-")
    + (f"{ARABIC_DIGIT}{KANJI_DIGIT}{SMALL_UNIT}半.．]")
)
#: What the other forms need right after the numeral that ``SIMPLE`` reads (past spaces and digits,
#: for 「1 3/5」): the 「.」 of 2222.2222.22222, the e of 2e5, ^, 分の, と or は of 一と二分の一, the
#: slash of 6/5, ダース. Where none follows, and the match starts with neither 半 nor a point, the
#: whole pattern matches what ``SIMPLE`` does (``tests/test_figures.py`` holds the two to it).
SPECIAL_AFTER = f"[ \u3000{ARABIC_DIGIT}]*[.．eE^分とは/／ダ]"
SPECIAL_START = "半.．"

_FULLWIDTH_OPS = str.maketrans({"＋": "+", "－": "-", "−": "-", "．": ".", **FULLWIDTH_DIGITS})


def _dec(text: str | None) -> Decimal:
    text = (text or "0").translate(_FULLWIDTH_OPS)
    return Decimal("0" + text if text.startswith(".") else text)


def _numeral_value(text: str | None) -> Decimal | None:
    """The value of a numeral, or ``None``."""
    parsed = parse(text) if text else None
    return parsed.value if parsed else None


def evaluate(groups: dict[str, str | None]) -> Decimal | None:
    """The value of a match of ``EXPRESSION`` (its ``groupdict()``); ``None`` if it has none.

    >>> import regex
    >>> def value(text):
    ...     return evaluate(regex.fullmatch(EXPRESSION, text, regex.VERBOSE).groupdict())
    >>> value("2e5"), value("-3/2"), value("１６分の5"), value("半ダース"), value("40k"), value("-2.5 M")
    (Decimal('200000'), Decimal('-1.5'), Decimal('0.3125'), Decimal('6'), Decimal('40000'), Decimal('-2500000'))
    """
    g = groups
    value: Decimal | None
    try:
        if g.get("mant") is not None:
            value = _dec(g["mant"]).scaleb(int(_dec(g["exp"] or "0")))
        elif g.get("base") is not None:
            power = _dec(g["power"] or "0")
            if power != power.to_integral_value() or abs(power) > 1000:
                return None
            if (g["psign"] or "").translate(_FULLWIDTH_OPS).count("-") % 2:
                power = -power
            value = _dec(g["base"]) ** int(power)
        elif g.get("jden") is not None:
            den, num = _numeral_value(g["jden"]), _numeral_value(g["jnum"])
            whole = _numeral_value(g["jwhole"]) if g["jwhole"] else Decimal(0)
            if den is None or num is None or whole is None or den == 0:
                return None
            value = whole + num / den
        elif g.get("snum") is not None:
            den = _dec(g["sden"] or "0")
            if den == 0:
                return None
            value = _dec(g["swhole"] or "0") + _dec(g["snum"]) / den
        elif g.get("dozen") is not None:
            count = Decimal("0.5") if g["dozen"] == "半" else _numeral_value(g["dozen"])
            value = None if count is None else count * 12
        elif g.get("lead") is not None:
            value = _dec(g["lead"])
        elif g.get("num") is not None:
            value = _numeral_value(g["num"])
            if value is not None and g.get("kilo"):
                value *= 1000
            elif value is not None and g.get("mega"):
                value *= 1000000
        else:
            return None
    except (ArithmeticError, ValueError):
        return None
    if value is None:
        return None
    return canonical(-value if g.get("sign") else value)
