"""Which country's currency a shared word names: ルピー, ポンド, ペソ, クローネ … (``currencies.BY_COUNTRY``).

「パキスタン政府は1000億ルピー（約540億円）」 is the Pakistani rupee: checked at the Indian rupee's rate, it
was a confident wrong mismatch. The country decides, in this order:

1. the nearest of the word's countries named before the figure in its paragraph (its line, at
   most 2,000 characters back), else the first named after it in its sentence;
2. else the one currency of the countries the whole text names (an article about Pakistan names
   Pakistan in its first sentence, not in every one);
3. else, where the text names none of them, the word's usual currency (ルピー the Indian rupee,
   ポンド sterling), or none for a word that has no usual one (a bare ペソ is no figure to check);
   where it names countries of two currencies, none: which one is not plain.

A country name is a whole word: インド is not in インドネシア, リビア not in ボリビア.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cache, lru_cache
from typing import NamedTuple

import regex

from figcheck import currencies, rx
from figcheck.scan.spans import sentence

__all__ = ["currency_of"]

_KATAKANA = "ァ-ヺー"
_PARAGRAPH_REACH = 2000  # characters back to look for the country: a paragraph, never a whole one-line file


@cache
def _countries(word: str) -> regex.Pattern[str]:
    names = currencies.alternation(list(currencies.BY_COUNTRY[word]))
    return rx.compile(f"(?<![{_KATAKANA}])(?:{names})(?![{_KATAKANA}])")


class _Named(NamedTuple):
    """Where a text names the countries of one word: their ends and starts, in text order, and codes."""

    ends: list[int]
    starts: list[int]
    codes: list[str]


def currency_of(word: str, text: str, at: int) -> str | None:
    """The ISO code of the currency ``word`` names in ``text`` at ``at`` (the figure's start)."""
    countries = currencies.BY_COUNTRY.get(word)
    if countries is None:
        return currencies.code_for(word)
    named = _named(word, text)
    if not named.codes:  # most texts: no country of the word named anywhere
        return currencies.WORDS.get(word)
    i = bisect_right(named.ends, at) - 1  # the nearest named before the figure: a look-up, not a search
    if i >= 0 and named.starts[i] >= max(
        text.rfind("\n", max(0, at - _PARAGRAPH_REACH), at) + 1, at - _PARAGRAPH_REACH
    ):
        return named.codes[i]
    j = i + 1  # the first named after it, in its sentence
    if j < len(named.starts) and named.starts[j] < sentence(text, at, at)[1]:
        return named.codes[j]
    codes = set(named.codes)
    return codes.pop() if len(codes) == 1 else None


@lru_cache(maxsize=8)
def _named(word: str, text: str) -> _Named:
    """The countries of ``word`` that ``text`` names, found once a text (a text is hashed once: cheap)."""
    countries = currencies.BY_COUNTRY[word]
    found = list(_countries(word).finditer(text))
    return _Named([m.end() for m in found], [m.start() for m in found], [countries[m[0]] for m in found])
