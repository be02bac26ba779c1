"""``--format text``: the rich report for a person at a terminal (readable without colour)."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from figcheck.model import FileReport, Finding, RateOrigin, Status, Summary
from figcheck.numerals import plain
from figcheck.report.base import Locator, StreamFormatter, dated_text, shown, text_console

__all__ = ["TerminalFormatter"]

_VERDICT = {
    Status.OK: ("✓ ok", "green"),
    Status.MISMATCH: ("✗ mismatch", "bold red"),
    Status.UNVERIFIABLE: ("? unverifiable", "yellow"),
}
_CONTEXT = 24  # characters of context shown on each side of a wrong figure


def _rate_cell(f: Finding) -> str:
    r = f.rate
    if r is None:
        return "—"
    where = {RateOrigin.ARTICLE: "article", RateOrigin.OPTION: "--rate", RateOrigin.TABLE: "table"}[r.origin]
    date = f" {r.on.isoformat()}" if r.on else ""
    extra = ""
    if r.requested:
        extra = f" (for {r.requested.isoformat()})"
    if not r.exact and r.origin is RateOrigin.TABLE:
        extra += " ±tol"
    return f"{plain(r.value)} ({where}{date}){extra}"


class TerminalFormatter(StreamFormatter):
    """A table of conversions per file, the context of each problem, and a summary line."""

    def __init__(self, color: bool = False, width: int = 100, config: str | None = None, **_: object) -> None:
        """``color`` turns on ANSI styles; ``width`` is the console width in cells; ``config`` is the
        configuration file the run used, named in the summary."""
        self.color = color
        self.width = width
        self.config = config

    def _console(self) -> tuple[Console, io.StringIO]:
        return text_console(self.color, self.width)

    def piece(self, report: FileReport) -> str:
        """One file's section."""
        console, out = self._console()
        self._file(console, report)
        return out.getvalue()

    def end(self, s: Summary) -> str:
        """The summary line."""
        console, out = self._console()
        line = Text()
        line.append(f"{s.conversions} conversion{'s' if s.conversions != 1 else ''}: ")
        line.append(f"{s.ok} ok", style="green")
        line.append(", ")
        line.append(f"{s.mismatch} mismatch", style="bold red" if s.mismatch else "")
        line.append(f", {s.unverifiable} unverifiable, {s.warnings} warning{'s' if s.warnings != 1 else ''}")
        line.append(f" in {s.files} file{'s' if s.files != 1 else ''}")
        if s.unreadable:
            line.append(f"; {s.unreadable} unreadable", style="bold red")
        if self.config:
            line.append(f" (configuration: {shown(self.config)})", style="dim")
        console.print(line)
        return out.getvalue()

    def _file(self, console: Console, file: FileReport) -> None:
        console.print(Text(shown(file.path), style="bold"))
        if file.error:
            console.print(Text(f"  error: {shown(file.error)}", style="bold red"))
            console.print()
            return
        if file.skipped:
            console.print(Text(f"  skipped: {shown(file.skipped)}", style="yellow"))
            console.print()
            return
        locator = Locator(file.text)
        conversions = [f for f in file.findings if f.rule == "conversion"]
        if not file.findings:
            console.print("  no currency conversions found")
            console.print()
            return
        if conversions:
            console.print(Text(f"  {dated_text(file.dated)}", style="dim"))
            table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
            table.add_column("line", justify="right", no_wrap=True)
            table.add_column("claim as written")
            table.add_column("rate used")
            table.add_column("re-derived")
            table.add_column("verdict", no_wrap=True)
            for f in conversions:
                label, style = _VERDICT[f.status]
                table.add_row(
                    str(locator.point(f.span.start)[0]),
                    shown(file.text[f.span.start : f.span.end]),
                    _rate_cell(f),
                    f.expected_text or "—",
                    Text(label, style=style),
                )
            console.print(table)
        for f in file.findings:
            if f.status is Status.OK:
                continue
            if f.status is Status.UNVERIFIABLE:  # why, and what would let it be checked: no excerpt
                line, column = locator.point(f.span.start)
                note = Text(f"  {shown(file.path)}:{line}:{column}: ")
                note.append(f"{f.severity} [{f.rule}] ", style="yellow")
                note.append(shown(f.message))
                console.print(note)
                continue
            self._problem(console, file, locator, f)
        console.print()

    def _problem(self, console: Console, file: FileReport, locator: Locator, f: Finding) -> None:
        line, column = locator.point(f.span.start)
        target = f.conversion.stated.span if f.conversion and f.rule == "conversion" else f.span
        text = file.text
        line_start = locator.line_span(locator.point(target.start)[0]).start
        line_end = locator.line_span(locator.point(target.end)[0]).end
        left = max(line_start, target.start - _CONTEXT)
        right = min(line_end, target.end + _CONTEXT)
        excerpt = Text("    ")
        excerpt.append("…" if left > line_start else "")
        excerpt.append(shown(text[left : target.start].replace("\r", "")))
        excerpt.append(">>" + shown(text[target.start : target.end]) + "<<", style="bold red reverse")
        excerpt.append(shown(text[target.end : right].replace("\r", "")))
        excerpt.append("…" if right < line_end else "")
        head = Text(f"  {shown(file.path)}:{line}:{column}: ")
        head.append(f"{f.severity} [{f.rule}] ", style="bold red" if f.severity == "error" else "yellow")
        head.append(shown(f.message))
        console.print(head)
        console.print(excerpt)
        if f.suggestion:
            fix = Text("    → should be ")
            fix.append(shown(f.suggestion), style="bold green")
            console.print(fix)
