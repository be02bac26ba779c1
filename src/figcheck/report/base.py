"""What every formatter shares: the protocol, the format registry, positions and counts.

Formatters stream: ``begin()``, then ``file(report)`` for each input as soon as it is checked, then
``end(summary)``. So a run over an archive holds one file's text at a time, never the corpus.
``render(run)`` does all three at once, for tests and small runs.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import fields
from importlib import import_module
from typing import TYPE_CHECKING, Protocol

from figcheck.escape import encodable, shown
from figcheck.frozen import frozen
from figcheck.i18n import N_, _, day, ngettext
from figcheck.model import CONVERTING, Dated, DateOrigin, FileReport, Finding, OutputFormat, RunReport, Status, Summary
from figcheck.positions import Locator, Position

if TYPE_CHECKING:
    import io

    from rich.console import Console

__all__ = [
    "FORMATTERS",
    "Formatter",
    "Locator",
    "Mark",
    "OutputFormat",
    "Position",
    "Problem",
    "StreamFormatter",
    "Tally",
    "counted",
    "dated_text",
    "encodable",
    "file_problems",
    "formatter_for",
    "marks_of",
    "shown",
    "summarize",
    "summary_line",
    "text_console",
]


class Formatter(Protocol):
    """Renders a run, file by file; the CLI decides where the text goes."""

    def begin(self) -> str:
        """What comes before the first file."""
        ...

    def piece(self, report: FileReport) -> str:
        """One file's part on its own (no state: a worker process may render it)."""
        ...

    def emit(self, piece: str) -> str:
        """A piece as it goes into the stream, in order."""
        ...

    def file(self, report: FileReport) -> str:
        """One file's part, in the stream: ``emit(piece(report))``."""
        ...

    def end(self, summary: Summary) -> str:
        """What comes after the last file."""
        ...

    def render(self, report: RunReport) -> str:
        """The whole report at once."""
        ...


class StreamFormatter(ABC):
    """A base for formatters: ``render`` is ``begin`` + every ``file`` + ``end``.

    ``file`` is ``emit(piece(report))``: ``piece`` renders one file and keeps no state, so worker
    processes can run it (``--jobs``); ``emit`` joins pieces in order (JSON's commas).
    """

    def __init__(self, **_: object) -> None:  # noqa: B027 (a default, not a hook to override)
        """Formatters take keyword options; those they do not use are ignored."""

    def begin(self) -> str:
        """Nothing by default."""
        return ""

    @abstractmethod
    def piece(self, report: FileReport) -> str:
        """One file's part, on its own."""

    def emit(self, piece: str) -> str:
        """A piece as it goes into the stream; as it is by default."""
        return piece

    def file(self, report: FileReport) -> str:
        """One file's part, in the stream."""
        return self.emit(self.piece(report))

    def end(self, summary: Summary) -> str:
        """Nothing by default."""
        return ""

    def render(self, report: RunReport) -> str:
        """The whole report at once."""
        return self.begin() + "".join(self.file(f) for f in report.files) + self.end(summarize(report.files))


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


def text_console(color: bool, width: int) -> tuple[Console, io.StringIO]:
    """A rich console that renders into a string: ANSI styles only with ``color``, ``width`` cells."""
    import io

    from rich.console import Console

    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        markup=False,  # article text and file names are data: 「[/x]」 is no markup
        legacy_windows=False,
    )
    return console, out


#: What counting needs of one finding: its rule, status and severity. A worker process sends
#: these rather than the findings, whose pickling cost as much as a tenth of checking a file.
Mark = tuple[str, str, str]


def marks_of(file: FileReport) -> tuple[Mark, ...]:
    """The marks of every finding of ``file``."""
    return tuple((str(f.rule), str(f.status), str(f.severity)) for f in file.findings)


class Tally:
    """Counts over files as they go by."""

    def __init__(self) -> None:
        """Start at zero."""
        self.counts = dict.fromkeys((f.name for f in fields(Summary)), 0)

    def add(self, file: FileReport, marks: Sequence[Mark] | None = None) -> None:
        """Count one file (by ``marks`` when the findings stayed in a worker process)."""
        c = self.counts
        c["files"] += 1
        c["unreadable"] += file.error is not None
        for rule, status, _severity in marks_of(file) if marks is None else marks:
            if rule in CONVERTING:
                c["conversions"] += 1
                c[status] += 1
            elif status != "ok":
                c["warnings"] += 1

    def summary(self) -> Summary:
        """The counts so far."""
        return Summary(**self.counts)


def summarize(files: Iterable[FileReport]) -> Summary:
    """Counts over ``files``."""
    tally = Tally()
    for file in files:
        tally.add(file)
    return tally.summary()


@frozen
class Problem:
    """A finding worth reporting in a line-oriented format, with its position resolved."""

    path: str
    finding: Finding
    position: Position
    fix: Position | None  # where the suggestion goes (the stated figure), if there is one
    locator: Locator


def file_problems(file: FileReport) -> Iterator[Problem]:
    """Every finding of one file that is not ``ok`` (line formats report only these)."""
    locator: Locator | None = None
    for f in file.findings:
        if f.status is Status.OK:
            continue
        locator = locator or Locator(file.text)
        fix = None
        if f.suggestion and f.conversion is not None:
            fix = locator.position(f.conversion.stated.span)
        yield Problem(file.path, f, locator.position(f.span), fix, locator)


_DATED_FROM = {
    DateOrigin.TEXT: N_("line {line}"),
    DateOrigin.FRONT_MATTER: N_("front matter, line {line}"),
    DateOrigin.OPTION: N_("--date"),
    DateOrigin.GIVEN: N_("given by the caller"),
}


def dated_text(dated: Dated | None) -> str:
    """Which date a file's rates were looked up for and where it came from, for a person."""
    if dated is None:
        return _("article date: none found (pass --date YYYY-MM-DD, or put the date on the first line)")
    return _("article date: {on} ({where})").format(
        on=day(dated.on), where=_(_DATED_FROM[dated.origin]).format(line=dated.line)
    )


def summary_line(s: Summary) -> str:
    """One plain line: what was checked and what was found."""
    line = _("figcheck: {files}, {conversions}: {ok} ok, {mismatch} mismatch, {unverifiable} unverifiable, {warnings}")
    line = line.format(**counted(s))
    if s.unreadable:
        line += _(", {unreadable} unreadable").format(unreadable=s.unreadable)
    return line


def counted(s: Summary) -> dict[str, str]:
    """The counts of ``s`` with their nouns, for a summary line in the language in use."""
    return {
        "files": ngettext("{n} file", "{n} files", s.files).format(n=s.files),
        "conversions": ngettext("{n} conversion", "{n} conversions", s.conversions).format(n=s.conversions),
        "warnings": ngettext("{n} warning", "{n} warnings", s.warnings).format(n=s.warnings),
        "ok": str(s.ok),
        "mismatch": str(s.mismatch),
        "unverifiable": str(s.unverifiable),
    }
