"""The scanner's shared vocabulary: pattern pieces and character classes.

Every class is built from the tables it stands for — currency words and symbols from
``currencies``, numeral characters from ``numerals`` — so a new symbol or word in a table is read
without touching a pattern (``tests/test_scan.py`` scans every one of them as money).
"""

from __future__ import annotations

import regex

from figcheck import currencies, numerals, rx
from figcheck.model import Qualifier

SP = r"[ \u3000]*"  # spaces inside one mention ("7  万  円"); never a line break
SPACES = " \u3000"
#: A numeral; a 「・」 decimal also where a currency word follows (２９・５億ユーロ, １５０・５円).
NUM = numerals.numeral_pattern(
    numerals.NAKAGURO_DECIMAL_BEFORE + "".join(sorted({w[0] for w in currencies.ALL_WORDS})), huge=True
)
SMALL_NUM = numerals.SMALL_NUMERAL
SIGN = numerals.SIGN
WORD = currencies.alternation(list(currencies.ALL_WORDS))
FOREIGN_WORD = currencies.alternation([w for w in currencies.ALL_WORDS if currencies.WORDS.get(w) != currencies.YEN])
SYMBOL = currencies.alternation(currencies.PREFIX_SYMBOLS)
SUBUNIT = currencies.alternation(sorted({u for units in currencies.SUBUNITS.values() for u in units}))

#: Words before a figure that make it approximate: 約84兆円, およそ3000億円.
APPROX_WORDS = ("約", "およそ", "おおよそ", "ほぼ", "概ね", "おおむね", "ざっと")
APPROX_PREFIX = currencies.alternation(list(APPROX_WORDS))
#: Words after a figure. 超/余り… claim "at least", 弱/近く… claim an upper bound (DESIGN.md).
SUFFIX_QUALIFIER = {
    **dict.fromkeys(["超", "強", "余り", "余", "以上"], Qualifier.OVER),
    **dict.fromkeys(["弱", "近く", "足らず", "未満", "以下"], Qualifier.UNDER),
}
SUFFIX = currencies.alternation(list(SUFFIX_QUALIFIER))
#: How minus signs are written (``numerals.SIGN``).
SIGN_WORDS = numerals.SIGN_WORDS

_FULLWIDTH = "".join(numerals.FULLWIDTH_DIGITS)
DIGITS = frozenset(f"0123456789{_FULLWIDTH}")
#: The digits a 「・」 after which makes the next figure's reading uncertain (「1・2・5億」, 「一・二・五億」).
LIST_DIGITS = DIGITS | frozenset(numerals.KANJI_DIGIT)
#: Every character a numeral may be written with, separators and decimal points included.
_UNIT_CHARS = f"{numerals.SMALL_UNIT}{numerals.LARGE_UNIT}{numerals.HUGE_UNIT}"
NUMERAL_CHARS = f"0123456789{_FULLWIDTH}{numerals.KANJI_DIGIT}{_UNIT_CHARS},，.．、・点"
# Letters of symbols (US$, HK$) start a mention but do not widen a window over a run of letters.
_SYMBOL_CHARS = "".join(
    sorted({ch for s in currencies.PREFIX_SYMBOLS for ch in s if not (ch.isascii() and ch.isalpha())})
)
_SYMBOL_FIRST = "".join(sorted({s[0] for s in currencies.PREFIX_SYMBOLS}))
_APPROX_CHARS = "".join(sorted({ch for w in APPROX_WORDS for ch in w}))
_APPROX_FIRST = "".join(sorted({w[0] for w in APPROX_WORDS}))
_SIGN_CHARS = "".join(SIGN_WORDS)
_SIGN_FIRST = "".join(w[0] for w in SIGN_WORDS)


def char_class(chars: str) -> str:
    """A regex character class of ``chars``, each escaped: ``[...]``."""
    return "[" + "".join(regex.escape(ch) for ch in dict.fromkeys(chars)) + "]"


#: Every money mention starts with one of these: checking it first saves the engine most positions.
MONEY_FIRST = (
    "(?="
    + char_class(
        f"0123456789{_FULLWIDTH}{numerals.KANJI_DIGIT}{numerals.SMALL_UNIT}"
        f"{_APPROX_FIRST}{_SIGN_FIRST}{_SYMBOL_FIRST}{numerals.HIRAGANA_NUMERAL_KANA}"
    )
    + ")"
)
#: What may stand in the run of characters that ends where a currency word or symbol starts: the
#: numeral, spaces, qualifiers, signs and symbols (the window of a mention widens over it).
NUMERAL_RUN_CHARS = f"{NUMERAL_CHARS}{SPACES}{_APPROX_CHARS}{_SIGN_CHARS}{_SYMBOL_CHARS}"

KANJI = rx.compile(r"\p{Han}")
HAS_ARABIC = rx.compile(f"[{numerals.ARABIC_DIGIT}]")
VAGUE = rx.compile(r"[数何幾]")  # 数百億ドル: no figure to check
#: A hiragana numeral must stand alone: between spaces, punctuation or the ends of the text.
HIRAGANA_EDGE_CHARS = r"\s\p{P}\p{S}A-Za-z0-9"
HIRAGANA_EDGE = rx.compile(f"[{HIRAGANA_EDGE_CHARS}]")

SENTENCE_END = "。！？!?\n"
#: The signs of an explainer's formula: 「20億ドル × 150円 ＝ 3000億円」.
TIMES = "×✕＊*"
#: What makes a rate a supposition for its own sentence: 「1ドル＝140円なら…」, 「…の場合」.
SUPPOSING = r"(?:なら|の場合|では|だと|として|とすれば)"
#: What may stand between a rate supposed and the figure it leads in its sentence: 「1ドル＝150円なら、
#: 日本の投資額」5500億ドルは… (a few words; no sentence end, no other figure).
SUPPOSED_LEAD = rf"{SUPPOSING}[ \u3000]*[、,，]?[^。．！？!?\n0-9０-９]{{0,20}}"
OPEN, CLOSE = "（(", "）)"
