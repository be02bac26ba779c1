"""Markdown: what is not prose is not checked, and comments can silence findings.

``mask`` keeps the prose CommonMark finds (markdown-it-py) and blanks the rest: front matter, code
blocks, HTML blocks, inline code and HTML comments (every character but line breaks becomes a
space), so positions in the masked text are positions in the file. ``Suppressions`` reads
``<!-- figcheck-disable-next-line [rule] -->``, ``<!-- figcheck-disable [rule] -->`` and
``<!-- figcheck-enable [rule] -->``.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import regex

from figcheck import rx
from figcheck.frozen import frozen
from figcheck.model import Dated, DateOrigin, Finding
from figcheck.positions import Locator

__all__ = ["Prepared", "Suppressions", "front_matter_date", "is_markdown", "mask", "prepare", "prepare_plain"]

_FRONT = rx.compile(r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?^(?:---|\+\+\+|\.\.\.)[ \t]*$", regex.M | regex.S)
_DIRECTIVE = rx.compile(
    r"<!--\s*figcheck-(?P<what>disable-next-line|disable|enable)(?P<rules>(?:[\s,]+[a-z][a-z-]*)*)\s*-->"
)
_DATE = rx.compile(r"^date:\s*['\"]?(\d{4}-\d{2}-\d{2})", regex.M)


MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")


def is_markdown(path: str) -> bool:
    """Whether ``path`` names a Markdown file."""
    return path.lower().endswith(MARKDOWN_SUFFIXES)


@frozen
class Prepared:
    """A Markdown text made ready for the scanner: its prose, its date and its directives."""

    prose: str  # ``mask(text)``: positions unchanged
    date: Dated | None  # the front matter's ``date:``, and its line
    quiet: Suppressions

    def kept(self, findings: Iterable[Finding], text: str) -> tuple[Finding, ...]:
        """The ``findings`` in ``text`` that no directive silences."""
        if self.quiet.empty:
            return tuple(findings)
        lines = Locator(text)  # one index of line starts, not a count from the top per finding
        return tuple(f for f in findings if not self.quiet.silenced(lines.point(f.span.start)[0], str(f.rule)))


def prepare(text: str) -> Prepared:
    """Read a Markdown text once for everything the check needs of it.

    >>> p = prepare("---\\ndate: 2025-10-28\\n---\\n`100ドル` is code\\n")
    >>> p.date, p.prose.strip()
    (Dated(on=datetime.date(2025, 10, 28), origin=<DateOrigin.FRONT_MATTER: 'front-matter'>, line=2), 'is code')
    """
    front = _FRONT.match(text)
    return Prepared(mask(text, front), _front_date(front), Suppressions.read(text))


@cache
def _parser() -> Any:
    """CommonMark with tables (markdown-it-py, which rich already installs), built once a process
    and only for a Markdown file."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def prepare_plain(text: str) -> Prepared | None:
    """A plain text with ``<!-- figcheck-disable… -->`` lines (the same directives as Markdown's):
    the directives blanked and read; ``None`` for a text with none (the common case, one search)."""
    if "figcheck-" not in text:
        return None
    quiet = Suppressions.read(text)
    if quiet.empty:
        return None
    chars = list(text)
    for m in _DIRECTIVE.finditer(text):
        chars[m.start() : m.end()] = " " * (m.end() - m.start())
    return Prepared("".join(chars), None, quiet)


def mask(text: str, front: regex.Match[str] | None = None) -> str:
    """``text`` with everything that is not prose blanked out, positions unchanged (``front``: the
    front matter's match, when the caller has it).

    Prose is what CommonMark parses as the inline content of a paragraph, a heading or a table
    cell (markdown-it-py): a paragraph indented inside a list item is prose, an indented or fenced
    code block, a ``<pre>`` or other HTML block is not; a table's delimiter row is kept, so that
    the scanner can tell a table's rows (``scan.tables``). Inside prose, code spans and HTML
    comments are blanked too."""
    m = front or _FRONT.match(text)
    body = text
    if m:  # parsed as blank lines: its ``---`` would read as a rule and a heading
        body = "".join(c if c in "\r\n" else " " for c in text[: m.end()]) + text[m.end() :]
    starts = [0]
    for line in body.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    chars = [c if c in "\r\n" else " " for c in body]

    def keep(first: int, last: int) -> None:  # lines [first, last) as written
        start, end = starts[min(first, len(starts) - 1)], starts[min(last, len(starts) - 1)]
        chars[start:end] = body[start:end]

    block: list[int] | None = None
    for token in _parser().parse(body):
        if token.map is not None and token.type != "inline":
            block = token.map
        if token.type == "table_open" and token.map:  # the delimiter row: which cells are a table's
            keep(token.map[0] + 1, token.map[0] + 2)
        if token.type == "inline":
            keep(*(token.map or block or (0, 0)))
    masked = "".join(chars)
    for start, end in _code_spans(masked):
        chars[start:end] = [c if c in "\r\n" else " " for c in masked[start:end]]
    masked = "".join(chars)
    for start, end in _comments(masked):
        chars[start:end] = [c if c in "\r\n" else " " for c in masked[start:end]]
    return "".join(chars)


_TICKS = rx.compile(r"`+")


def _code_spans(text: str) -> Iterator[tuple[int, int]]:
    """Inline code: a run of backticks to the next run of as many, within a paragraph — found in
    linear time (a pattern's lazy search from every unmatched backtick is quadratic)."""
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(text)]
    by_length: dict[int, list[int]] = {}
    for i, (a, b) in enumerate(runs):
        by_length.setdefault(b - a, []).append(i)
    i = 0
    while i < len(runs):
        a, b = runs[i]
        same = by_length[b - a]
        k = bisect_right(same, i)
        if k < len(same):
            j = same[k]
            end = runs[j][1]
            if "\n\n" not in text[b : runs[j][0]] and "\r\n\r\n" not in text[b : runs[j][0]]:
                yield a, end
                i = j + 1
                continue
        i += 1


def _comments(text: str) -> Iterator[tuple[int, int]]:
    """HTML comments ``<!-- … -->``; one never closed runs to the end, as it does when rendered."""
    at = text.find("<!--")
    while at != -1:
        close = text.find("-->", at + 4)
        if close == -1:
            yield at, len(text)
            return
        yield at, close + 3
        at = text.find("<!--", close + 3)


def front_matter_date(text: str) -> dt.date | None:
    """The ``date:`` of a Markdown file's front matter, if any."""
    found = _front_date(_FRONT.match(text))
    return found.on if found else None


def _front_date(m: regex.Match[str] | None) -> Dated | None:
    if not m:
        return None
    d = _DATE.search(m[0])
    try:
        on = dt.date.fromisoformat(d[1]) if d else None
    except ValueError:
        return None
    return Dated(on, DateOrigin.FRONT_MATTER, m[0].count("\n", 0, d.start()) + 1) if on and d else None


@dataclass
class Suppressions:
    """Lines (1-based) on which findings are silenced, for all rules (``None``) or some."""

    next_line: dict[int, frozenset[str] | None] = field(default_factory=dict)
    ranges: list[tuple[int, int, frozenset[str] | None]] = field(default_factory=list)  # [from, to] lines

    @classmethod
    def read(cls, text: str) -> Suppressions:
        """Collect the directives of ``text``."""
        out = cls()
        open_at: dict[frozenset[str] | None, int] = {}
        line, counted = 1, 0  # lines are counted on from the last directive, not from the top each time
        for m in _DIRECTIVE.finditer(text):
            line += text.count("\n", counted, m.start())
            counted = m.start()
            rules = frozenset(r for r in regex.split(r"[\s,]+", m["rules"]) if r) or None
            if m["what"] == "disable-next-line":
                end_line = line + text.count("\n", m.start(), m.end())
                out.next_line[end_line + 1] = rules
            elif m["what"] == "disable":
                open_at.setdefault(rules, line)
            else:
                start = open_at.pop(rules, None)
                if start is None and rules is None:  # a bare enable closes everything
                    for key, first in list(open_at.items()):
                        out.ranges.append((first, line, key))
                    open_at.clear()
                elif start is not None:
                    out.ranges.append((start, line, rules))
        for rules, first in open_at.items():
            out.ranges.append((first, 1 << 62, rules))
        return out

    @property
    def empty(self) -> bool:
        """Whether the text has no directive at all."""
        return not (self.next_line or self.ranges)

    def silenced(self, line: int, rule: str) -> bool:
        """Whether a finding of ``rule`` starting on ``line`` is silenced."""
        if line in self.next_line:
            rules = self.next_line[line]
            if rules is None or rule in rules:
                return True
        return any(a <= line <= b and (rules is None or rule in rules) for a, b, rules in self.ranges)
