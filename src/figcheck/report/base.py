"""What every formatter shares: the protocol, the format registry, positions and counts."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from importlib import import_module
from typing import Protocol

from figcheck.model import FileReport, Finding, RunReport, Span, Status, Summary

__all__ = [
    "FORMATTERS",
    "Formatter",
    "Locator",
    "OutputFormat",
    "Position",
    "Problem",
    "formatter_for",
    "problems",
    "summarize",
    "summary_line",
]


class OutputFormat(StrEnum):
    """The values of ``--format``."""

    TEXT = "text"
    CONCISE = "concise"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"
    RDJSONL = "rdjsonl"


class Formatter(Protocol):
    """Renders a whole run to one string; the CLI decides where it goes."""

    def render(self, report: RunReport) -> str:
        """The report as text."""
        ...


#: format -> "module:Class"; modules are imported only when their format is chosen.
FORMATTERS: dict[OutputFormat, str] = {
    OutputFormat.TEXT: "figcheck.report.terminal:TerminalFormatter",
    OutputFormat.JSON: "figcheck.report.json:JsonFormatter",
    OutputFormat.CONCISE: "figcheck.report.concise:ConciseFormatter",
    OutputFormat.GITHUB: "figcheck.report.github:GithubFormatter",
    OutputFormat.SARIF: "figcheck.report.sarif:SarifFormatter",
    OutputFormat.RDJSONL: "figcheck.report.rdjsonl:RdjsonlFormatter",
}


def formatter_for(fmt: OutputFormat, **options: object) -> Formatter:
    """Build the formatter of ``fmt``, passing it the options it accepts."""
    module_name, class_name = FORMATTERS[fmt].split(":")
    cls: Callable[..., Formatter] = getattr(import_module(module_name), class_name)
    return cls(**options)


@dataclass(frozen=True, slots=True)
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

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        start = self._starts[line - 1]
        end = self._starts[line] - 1 if line < len(self._starts) else len(self.text)
        return self.text[start:end].rstrip("\r")


def summarize(report: RunReport) -> Summary:
    """Counts over every file of the run."""
    conversions = ok = mismatch = unverifiable = warnings = 0
    for file in report.files:
        for f in file.findings:
            if f.rule == "conversion":
                conversions += 1
                ok += f.status is Status.OK
                mismatch += f.status is Status.MISMATCH
                unverifiable += f.status is Status.UNVERIFIABLE
            elif f.status is not Status.OK:
                warnings += 1
    return Summary(len(report.files), conversions, ok, mismatch, unverifiable, warnings)


@dataclass(frozen=True, slots=True)
class Problem:
    """A finding worth reporting in a line-oriented format, with its position resolved."""

    path: str
    finding: Finding
    position: Position
    fix: Position | None  # where the suggestion goes (the stated figure), if there is one
    locator: Locator


def problems(report: RunReport) -> Iterator[Problem]:
    """Every finding that is not ``ok``, in file and text order (line formats report only these)."""
    for file in report.files:
        locator: Locator | None = None
        for f in file.findings:
            if f.status is Status.OK:
                continue
            locator = locator or Locator(file.text)
            fix = None
            if f.suggestion and f.conversion is not None:
                fix = locator.position(f.conversion.stated.span)
            yield Problem(file.path, f, locator.position(f.span), fix, locator)


def unreadable(report: RunReport) -> Iterator[FileReport]:
    """The files that could not be read."""
    return (f for f in report.files if f.error)


def summary_line(report: RunReport) -> str:
    """One plain line: what was checked and what was found."""
    s = summarize(report)
    line = (
        f"figcheck: {s.files} file{'s' if s.files != 1 else ''}, {s.conversions} conversion"
        f"{'s' if s.conversions != 1 else ''}: {s.ok} ok, {s.mismatch} mismatch, {s.unverifiable} unverifiable, "
        f"{s.warnings} warning{'s' if s.warnings != 1 else ''}"
    )
    errors = sum(1 for _ in unreadable(report))
    return line + (f", {errors} unreadable" if errors else "")
