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
import re
from collections.abc import Iterable

from figcheck import numerals, rx
from figcheck.model import Conversion, Dated, DateOrigin, Scan
from figcheck.scan.dates import article_date, dated
from figcheck.scan.mentions import letter_euros, money
from figcheck.scan.pairs import pairs
from figcheck.scan.patterns import NUMERAL_CHARS, SYMBOL, char_class
from figcheck.scan.quantities import GATE_WORDS, quantities, unit_pairs
from figcheck.scan.spans import ScanTimeout, SpanSet, blocked, guarded
from figcheck.scan.statements import TRIGGER as _FOREIGN_WORD
from figcheck.scan.statements import rate_statements
from figcheck.scan.tables import table_pairs

__all__ = ["ScanTimeout", "article_date", "scan"]


#: Foreign money or a rate can only be where a numeral ends right before a foreign currency word
#: (「5500億ドル」, 「1ドル」, 「にせんドル」) or begins right after a symbol (「$100」); and the euro named
#: anywhere lets 「E10」 be euros. A text with none of these (地元, 元首相, リラックス are words, not
#: money) holds no conversion and no rate statement.
_NUMERAL_END = frozenset(c for c in NUMERAL_CHARS + numerals.HIRAGANA_NUMERAL_KANA if c not in "、,，.．・点")
_NUMERAL_START = frozenset(f"0123456789０１２３４５６７８９{numerals.KANJI_DIGIT}")
_EURO = ("ユーロ", "€", "EUR")
# The standard library's ``re`` finds these literals four times as fast as ``regex`` (0.12 against
# 0.54 s for the 157,000 currency words of the 20 MB realistic archive: 地元, ロンドン, ポーランド …),
# so the words are found with it, and the character before each is looked at here: about 0.2 s in
# all, against 0.5 s for one ``regex`` search with the numeral in a lookbehind (which ``re`` cannot
# do). The symbols are a search of their own: in one alternation with the words, ``re`` loses its
# fast scan for literals (1.5 s). No currency word holds a character that may end a numeral, so a
# word that starts inside another (which ``finditer`` steps over) never has a numeral before it.
_STARTS_NUMERAL = char_class("".join(sorted(_NUMERAL_START)))
_SYMBOL_BEFORE_NUMERAL = re.compile(f"(?:{SYMBOL})(?=[ \u3000]*{_STARTS_NUMERAL})")
_SPACE = " \u3000"


#: A unit conversion needs a unit of the other system than the metric (マイル, ポンド, 華氏 …): one
#: search for them. The standard library's ``re`` runs this alternation of literals three times as
#: fast as ``regex`` (43 against 124 ms on the 20 MB realistic archive), a fiftieth of the scan.
_MEASURES = rx.literals(GATE_WORDS)


def _foreign(text: str) -> bool:
    """Whether ``text`` may hold foreign money: the floor's one pass for currency words, each
    needing a numeral right before it (or a symbol one right after), and most articles end there."""
    if any(e in text for e in _EURO):
        return True
    for m in _FOREIGN_WORD.finditer(text):
        at = m.start() - 1
        while at >= 0 and text[at] in _SPACE:
            at -= 1
        if at >= 0 and text[at] in _NUMERAL_END:
            return True
    return _SYMBOL_BEFORE_NUMERAL.search(text) is not None


def _with_table_rows(conversions: tuple[Conversion, ...], rows: Iterable[Conversion]) -> tuple[Conversion, ...]:
    """``conversions`` and the table rows' conversions of figures no conversion holds, in text order."""
    used = {m.span for c in conversions for m in (c.source, c.stated)}
    extra = [c for c in rows if c.source.span not in used and c.stated.span not in used]
    if not extra:
        return conversions
    return tuple(sorted((*conversions, *extra), key=lambda c: c.span.start))


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
    has_money = not for_check or _foreign(text)
    has_units = not for_check or _MEASURES.search(text) is not None
    if not (has_money or has_units):  # no foreign currency word or symbol, no imperial unit: nothing
        return Scan(text, dated=found)
    on = found.on if found else None

    def work() -> Scan:
        where_not = blocked(text)
        measured = tuple(unit_pairs(text, quantities(text, where_not))) if has_units else ()
        if not has_money:
            return Scan(text, dated=found, unit_conversions=measured)
        quoted: list[tuple[int, int]] = []  # every rate written, a market quote too: never a conversion
        rates = tuple(rate_statements(text, year, on, quoted))
        taken = SpanSet(quoted)
        figures = tuple(money(text, where_not, taken))
        read = SpanSet((m.span.start, m.span.end) for m in figures)
        extra = [m for m in letter_euros(text, where_not) if not read(m.span.start, m.span.end)]
        if extra:
            figures = tuple(sorted((*figures, *extra), key=lambda m: m.span.start))
        conversions = tuple(pairs(text, figures, taken, rates))
        # a pipe table's rows: 「| 1000億ドル | 約15兆3000億円 |」 under a header of 円換算
        conversions = _with_table_rows(conversions, table_pairs(text, figures))
        return Scan(text, figures, rates, conversions, found, unit_conversions=measured)

    done, incomplete = guarded(work)
    return done if done is not None else Scan(text, dated=found, incomplete=incomplete)
