"""Character offsets -> 1-based lines and columns: one index of line starts per text, used by
Markdown suppressions, the checker's messages and every report."""

from __future__ import annotations

from bisect import bisect_right

from figcheck.frozen import frozen
from figcheck.model import Span

__all__ = ["Locator", "Position"]


@frozen
class Position:
    """1-based line and column of a span's start, and of the character after its end."""

    line: int
    column: int
    end_line: int
    end_column: int


class Locator:
    """Offsets -> 1-based lines and columns (in characters) for one text."""

    def __init__(self, text: str) -> None:
        """Index the line starts of ``text``."""
        self.text = text
        self._starts = [0]
        find = text.find
        i = find("\n")
        while i != -1:
            self._starts.append(i + 1)
            i = find("\n", i + 1)

    def point(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) of ``offset``."""
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def position(self, span: Span) -> Position:
        """The position of ``span``; the end is exclusive."""
        return Position(*self.point(span.start), *self.point(span.end))

    def line_span(self, line: int) -> Span:
        """Where a 1-based line is, without its line break."""
        start = self._starts[line - 1]
        end = self._starts[line] - 1 if line < len(self._starts) else len(self.text)
        return Span(start, end)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        span = self.line_span(line)
        return self.text[span.start : span.end].rstrip("\r")
