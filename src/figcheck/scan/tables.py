"""Conversions in a pipe table: a row's foreign amount and its cell in a column of yen conversions.

::

    | 分野       | 金額       | 円換算         |
    | ---------- | ---------: | -------------: |
    | 半導体     | 1000億ドル | 約15兆3000億円 |

The header says which column converts (円換算, 日本円, 邦貨換算, 円建て, or 円 alone); without such a
header, two amounts in a row are two facts (「| 投資額 | 20億ドル | 3000億円 |」 under 「米国 | 日本」),
never a conversion. A row pairs only when it is plain: one yen amount in the conversion cell, and
one foreign amount in all the row's other cells.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from figcheck import currencies
from figcheck.model import Conversion, Money, Span

# A delimiter row: 「| --- | ---: |」, 「:--|--:」 (at least two cells, or one between pipes).
_CELL_RULE = r"[ \t]*:?-+:?[ \t]*"
_DELIMITER = re.compile(rf"^[ \t]*(?:\|?{_CELL_RULE}(?:\|{_CELL_RULE})+\|?|\|{_CELL_RULE}\|)[ \t]*\r?$", re.M)
# A header of yen conversions: 「円換算」, 「日本円」, 「円換算額（概算）」, 「邦貨換算」, 「円建て」, 「円」.
_YEN_HEADER = re.compile(r"円換算|日本円|邦貨|円建て|円ベース|^[\s（(]*(?:約|概算)?[\s（(]*円[\s）)]*$")
_PIPE = re.compile(r"(?<!\\)\|")


def table_pairs(text: str, money: tuple[Money, ...]) -> Iterator[Conversion]:
    """The conversions of every pipe table in ``text`` whose header names a column of yen."""
    if "|" not in text:
        return
    starts = [m.span.start for m in money]
    done = 0  # where the last table's rows end: a delimiter among them is a row (each line read once)
    for delimiter in _DELIMITER.finditer(text):
        header_end = delimiter.start() - 1
        if header_end < done:
            continue
        header_start = text.rfind("\n", 0, header_end) + 1
        header = _cells(text, header_start, header_end)
        columns = {k for k, (a, b) in enumerate(header) if _YEN_HEADER.search(text[a:b].strip())}
        if not columns or len(header) < 2:
            continue
        row_start = delimiter.end() + 1
        while row_start < len(text):
            row_end = text.find("\n", row_start)
            row_end = len(text) if row_end == -1 else row_end
            if "|" not in text[row_start:row_end]:
                break
            cells = _cells(text, row_start, row_end)
            found = _row_pair(cells, columns, money, starts)
            if found is not None:
                yield found
            row_start = row_end + 1
        done = row_start


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The cells' bounds of the row ``text[start:end]``, without its outer pipes."""
    row = text[start:end].rstrip("\r \t")
    inner_start = start + len(row) - len(row.lstrip(" \t"))
    inner_end = start + len(row)
    if text.startswith("|", inner_start):
        inner_start += 1
    if inner_end > inner_start and text[inner_end - 1] == "|" and text[inner_end - 2 : inner_end - 1] != "\\":
        inner_end -= 1
    bounds, at = [], inner_start
    for m in _PIPE.finditer(text, inner_start, inner_end):
        bounds.append((at, m.start()))
        at = m.end()
    bounds.append((at, inner_end))
    return bounds


def _row_pair(
    cells: list[tuple[int, int]], columns: set[int], money: tuple[Money, ...], starts: list[int]
) -> Conversion | None:
    """The row's conversion: one yen amount in one conversion cell, one foreign amount elsewhere."""
    stated: list[Money] = []
    sources: list[Money] = []
    for k, (a, b) in enumerate(cells):
        inside = [m for m in money[bisect_left(starts, a) : bisect_right(starts, b)] if m.span.end <= b]
        if k in columns:
            stated += inside
        else:
            sources += inside
    if len(stated) != 1 or len(sources) != 1:
        return None
    (yen,), (foreign,) = stated, sources
    if yen.currency != currencies.YEN or foreign.currency == currencies.YEN or foreign.span.start > yen.span.start:
        return None
    return Conversion(source=foreign, stated=yen, span=Span(foreign.span.start, yen.span.end))
