"""Text -> mentions with character spans: money, rate statements, the article date, and the pairing
of a foreign amount with its yen conversion into a ``Conversion``.

One module per thing read: ``patterns`` (the shared vocabulary, built from the tables), ``spans``
(windows, the time guard, overlap sets), ``mentions`` (money), ``statements`` (rates), ``dates``
and ``pairs``. The inventory of every figure (``figcheck figures``) is ``figcheck.figures``, off
the check path.

The scanner never raises on text: anything it cannot read is simply not a mention, and text that
defeats the patterns gives a ``Scan`` whose ``incomplete`` says so.
"""

from __future__ import annotations

import datetime as dt

import regex

from figcheck import numerals
from figcheck.model import Dated, DateOrigin, Scan
from figcheck.scan.dates import article_date, dated
from figcheck.scan.mentions import letter_euros, money
from figcheck.scan.pairs import pairs
from figcheck.scan.patterns import FOREIGN_WORD, NUMERAL_CHARS, SPACES, SYMBOL
from figcheck.scan.spans import ScanTimeout, SpanSet, blocked, guarded
from figcheck.scan.statements import rate_statements

__all__ = ["ScanTimeout", "article_date", "scan"]


#: Foreign money or a rate can only be where a numeral ends right before a foreign currency word
#: (「5500億ドル」, 「1ドル」, 「にせんドル」) or begins right after a symbol (「$100」); and the euro named
#: anywhere lets 「E10」 be euros. A text with none of these (地元, 元首相, リラックス are words, not
#: money) holds no conversion and no rate statement.
_WORD_OR_SIGN = regex.compile(f"(?P<word>{FOREIGN_WORD})|(?P<sign>{SYMBOL})")
_NUMERAL_END = frozenset(c for c in NUMERAL_CHARS + numerals.HIRAGANA_NUMERAL_KANA if c not in "、,，.．・点")
_NUMERAL_START = frozenset(f"0123456789０１２３４５６７８９{numerals.KANJI_DIGIT}")
_EURO = ("ユーロ", "€", "EUR")


def _foreign(text: str) -> bool:
    """Whether ``text`` may hold foreign money: the floor's one pass for currency words, a look at
    the character before each word (or after each symbol), and most articles end there."""
    if any(e in text for e in _EURO):
        return True
    for m in _WORD_OR_SIGN.finditer(text):
        if m["word"] is not None:
            at = m.start()
            while at > 0 and text[at - 1] in SPACES:
                at -= 1
            if at > 0 and text[at - 1] in _NUMERAL_END:
                return True
        else:
            at = m.end()
            while at < len(text) and text[at] in SPACES:
                at += 1
            if at < len(text) and text[at] in _NUMERAL_START:
                return True
    return False


@numerals.exact
def scan(text: str, year: int | None = None, date: dt.date | Dated | None = None, *, for_check: bool = False) -> Scan:
    """Find money, rate statements and conversions in ``text``.

    ``year`` completes dates written without one ("10月28日時点"); by default the article's
    own date gives it. ``date`` is the article's date when it is known from elsewhere (a ``Dated``
    says where: Markdown front matter); otherwise it is read from the text's first and last lines.
    ``for_check``: the check needs conversions and rates only, so a text that names no foreign
    currency at all (most articles) is left after one search, with no money read.

    >>> s = scan("日本は5500億ドル（約84兆円）を投資する。")
    >>> [(c.source.text, c.stated.text) for c in s.conversions]
    [('5500億ドル', '約84兆円')]
    """
    found = date if isinstance(date, Dated) else Dated(date, DateOrigin.GIVEN) if date else dated(text)
    if for_check and not _foreign(text):  # no foreign currency word or symbol: no conversion, no rate
        return Scan(text, dated=found)
    on = found.on if found else None

    def work() -> Scan:
        quoted: list[tuple[int, int]] = []  # every rate written, a market quote too: never a conversion
        rates = tuple(rate_statements(text, year, on, quoted))
        taken = SpanSet(quoted)
        where_not = blocked(text)
        figures = tuple(money(text, where_not, taken))
        read = SpanSet((m.span.start, m.span.end) for m in figures)
        extra = [m for m in letter_euros(text, where_not) if not read(m.span.start, m.span.end)]
        if extra:
            figures = tuple(sorted((*figures, *extra), key=lambda m: m.span.start))
        return Scan(text, figures, rates, tuple(pairs(text, figures, taken, rates)), found)

    done, incomplete = guarded(work)
    return done if done is not None else Scan(text, dated=found, incomplete=incomplete)
