"""Which country's currency a shared word names: ルピー, ポンド, ペソ, クローネ … (``currencies.BY_COUNTRY``).

「パキスタン政府は1000億ルピー（約540億円）」 is the Pakistani rupee: checked at the Indian rupee's rate, it
was a confident wrong mismatch. The country decides, in this order:

1. the nearest of the word's countries named before the figure in its paragraph (its line, at
   most 2,000 characters back), else
   the first named after it in its sentence;
2. else the one currency of the countries the whole text names (an article about Pakistan names
   Pakistan in its first sentence, not in every one);
3. else, where the text names none of them, the word's usual currency (ルピー the Indian rupee,
   ポンド sterling), or none for a word that has no usual one (a bare ペソ is no figure to check);
   where it names countries of two currencies, none: which one is not plain.

A country name is a whole word: インド is not in インドネシア, リビア not in ボリビア.
"""

from __future__ import annotations

from functools import cache, lru_cache

import regex

from figcheck import currencies, rx
from figcheck.scan.spans import SENTENCE_REACH, sentence

__all__ = ["currency_of"]

_KATAKANA = "ァ-ヺー"


_PARAGRAPH_REACH = 2000  # characters back to look for the country: a paragraph, never a whole one-line file


@cache
def _countries(word: str, backwards: bool = False) -> regex.Pattern[str]:
    names = currencies.alternation(list(currencies.BY_COUNTRY[word]))
    return rx.compile(f"{'(?r)' if backwards else ''}(?<![{_KATAKANA}])(?:{names})(?![{_KATAKANA}])")


def currency_of(word: str, text: str, at: int) -> str | None:
    """The ISO code of the currency ``word`` names in ``text`` at ``at`` (the figure's start)."""
    countries = currencies.BY_COUNTRY.get(word)
    if countries is None:
        return currencies.code_for(word)
    named = _named(word, text)
    if not named:  # most texts: no country of the word named anywhere (one search a text, cached)
        return currencies.WORDS.get(word)
    paragraph = max(text.rfind("\n", 0, at) + 1, at - _PARAGRAPH_REACH)
    before = _countries(word, backwards=True).search(text, paragraph, at)  # the nearest, found first
    if before is not None:
        return countries[before[0]]
    after = _countries(word).search(text, at, at + SENTENCE_REACH)
    if after is not None and after.start() <= sentence(text, at, at)[1]:  # the sentence only when needed
        return countries[after[0]]
    return next(iter(named)) if len(named) == 1 else None


@lru_cache(maxsize=8)
def _named(word: str, text: str) -> frozenset[str]:
    """The currencies of ``word`` whose countries ``text`` names (a text is hashed once: cheap)."""
    countries = currencies.BY_COUNTRY[word]
    return frozenset(countries[m[0]] for m in _countries(word).finditer(text))
