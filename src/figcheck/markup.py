"""Markdown: what is not prose is not checked, and comments can silence findings.

``mask`` blanks front matter, fenced and indented code blocks, inline code and HTML comments
(every character but line breaks becomes a space), so positions in the masked text are positions
in the file. ``Suppressions`` reads ``<!-- figcheck-disable-next-line [rule] -->``,
``<!-- figcheck-disable [rule] -->`` and ``<!-- figcheck-enable [rule] -->``.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import regex

from figcheck.model import Dated, DateOrigin, Finding
from figcheck.positions import Locator

__all__ = ["Prepared", "Suppressions", "front_matter_date", "is_markdown", "mask", "prepare"]

_FRONT = regex.compile(r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?^(?:---|\+\+\+|\.\.\.)[ \t]*$", regex.M | regex.S)
_FENCE = regex.compile(r"^[ ]{0,3}(?P<fence>`{3,}|~{3,})")
_DIRECTIVE = regex.compile(
    r"<!--\s*figcheck-(?P<what>disable-next-line|disable|enable)(?P<rules>(?:[\s,]+[a-z][a-z-]*)*)\s*-->"
)
_DATE = regex.compile(r"^date:\s*['\"]?(\d{4}-\d{2}-\d{2})", regex.M)


def is_markdown(path: str) -> bool:
    """Whether ``path`` names a Markdown file."""
    return path.lower().endswith((".md", ".markdown"))


@dataclass(frozen=True, slots=True)
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


def mask(text: str, front: regex.Match[str] | None = None) -> str:
    """``text`` with everything that is not prose blanked out, positions unchanged (``front``: the
    front matter's match, when the caller has it)."""
    chars = list(text)

    def blank(start: int, end: int) -> None:
        for i in range(start, end):
            if chars[i] not in "\r\n":
                chars[i] = " "

    m = front or _FRONT.match(text)
    if m:
        blank(0, m.end())
    # Block-level code: fenced blocks and indented blocks (after a blank line).
    offset = 0
    fence: str | None = None
    previous_blank = True
    in_indented = False
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        stripped = body.strip()
        if fence is not None:
            blank(offset, offset + len(body))
            if stripped.startswith(fence) and stripped.strip(fence[0]) == "":
                fence = None
        elif (f := _FENCE.match(body)) is not None:
            fence = f["fence"]
            blank(offset, offset + len(body))
        elif stripped and body.startswith(("    ", "\t")) and (previous_blank or in_indented):
            in_indented = True
            blank(offset, offset + len(body))
        elif stripped:
            in_indented = False  # a blank line keeps an indented block open; prose ends it
        previous_blank = not stripped
        offset += len(line)
    masked = "".join(chars)
    for start, end in _code_spans(masked):
        blank(start, end)
    for start, end in _comments(masked):
        blank(start, end)
    return "".join(chars)


_TICKS = regex.compile(r"`+")


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
