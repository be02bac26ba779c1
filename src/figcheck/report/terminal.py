"""``--format text``: the report a person reads at a terminal (readable without colour).

Each file with something to say gets its problems, as ruff's full format and textlint's
pretty-error show them: where, what, the sentence with a caret under the figure, and the written,
re-derived and suggested figures aligned one above the other. The whole run then gets one table of
every conversion (one set of column widths, however many files), the statistics if asked, and the
summary line. The table never cuts the claim as written: other columns wrap first.

No character of ambiguous East Asian width (``— ± … → ✓ ✗``) is printed outside the article's own
text, so that a terminal drawing those as two cells (common in Japanese setups) lines up as one that
draws them as one.
"""

from __future__ import annotations

import io
import re
from collections import Counter

from rich.cells import cell_len
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from figcheck import currencies
from figcheck.i18n import N_, _, day
from figcheck.model import (
    CONVERTING,
    Conversion,
    FileReport,
    Finding,
    Money,
    Quantity,
    RateOrigin,
    RateTime,
    Status,
    Summary,
    UnitConversion,
)
from figcheck.numerals import plain
from figcheck.report.base import Locator, StreamFormatter, counted, dated_text, shown, text_console

__all__ = ["TerminalFormatter"]

_STYLE = {Status.OK: "green", Status.MISMATCH: "bold red", Status.UNVERIFIABLE: "yellow"}
_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_SEVERITY_WORD = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}
_SENTENCE_END = "。！？!?\n"
_FIELD = re.compile(r"([^{]*)(?:\{(\w+)\}|$)")  # a template's literal text and the field after it
_BREAK_AFTER = "、。，,：:；;）)」』]！？!? "  # where a line of a message may end
_BREAK_BEFORE = "（(「『["  # and where one may start
_NO_LINE_START = "、。，,）)」』]：:；;！？!?"  # never the first character of a line cut in a word (禁則)
_TRAILING = re.compile(r"[ ]+((?:\x1b\[[0-9;]*m)*)$", re.M)


def _verdict(status: Status) -> str:
    return {Status.OK: _("ok"), Status.MISMATCH: _("MISMATCH"), Status.UNVERIFIABLE: _("unverifiable")}[status]


def _rate_cell(f: Finding) -> str:
    """The rate of a conversion, short: ``153 article 2025-10-28``, ``153.27 table 2025-10-24 ref``."""
    r = f.rate
    if isinstance(f.conversion, UnitConversion):
        return _("units")
    if r is None:
        return "-"
    where = {RateOrigin.ARTICLE: _("article"), RateOrigin.OPTION: "--rate", RateOrigin.TABLE: _("table")}[r.origin]
    parts = [plain(r.value), where]
    if r.on:
        parts.append(r.on.isoformat())
    if not r.exact and r.origin is RateOrigin.TABLE:
        parts.append(_("ref"))
    return " ".join(parts)


class TerminalFormatter(StreamFormatter):
    """Problems file by file as they come, then one table for the run, then the summary."""

    #: This formatter keeps the run's table rows as files go by, so it needs each file's whole
    #: report in the main process rather than a piece rendered by a worker.
    whole_reports = True

    def __init__(
        self,
        color: bool = False,
        width: int = 100,
        config: str | None = None,
        quiet: bool = False,
        verbose: bool = False,
        statistics: bool = False,
        **_options: object,
    ) -> None:
        """``color`` turns on ANSI styles; ``width`` is the console width in cells; ``config`` is the
        configuration file the run used, named in the summary; ``quiet`` prints only problems and
        the summary; ``verbose`` shows where each conversion's rate came from; ``statistics``
        counts findings per rule and per currency."""
        self.color = color
        self.width = max(width, 40)
        self.config = config
        self.quiet = quiet
        self.verbose = verbose
        self.statistics = statistics
        self.rows: list[tuple[str, str, str, str, str, Status]] = []  # path, line, claim, rate, re-derived
        self.by_rule: Counter[tuple[str, str]] = Counter()
        self.by_currency: Counter[tuple[str, str]] = Counter()

    def _console(self) -> tuple[Console, io.StringIO]:
        return text_console(self.color, self.width)

    @staticmethod
    def _trimmed(out: io.StringIO) -> str:
        """The rendered text without the spaces rich pads lines with (to copy from and diff)."""
        return _TRAILING.sub(r"\1", out.getvalue())

    # -- file by file ------------------------------------------------------------------------

    def file(self, report: FileReport) -> str:
        """Note the file's conversions for the run's table, and render its problems."""
        locator: Locator | None = None
        for f in report.findings:
            self.by_rule[(str(f.rule), str(f.status))] += 1
            if f.rule not in CONVERTING or f.conversion is None:
                continue
            if isinstance(f.conversion, Conversion):
                source, stated = f.conversion.source.currency, f.conversion.stated.currency
                self.by_currency[(source if stated == currencies.YEN else stated, str(f.status))] += 1
            locator = locator or Locator(report.text)
            line = locator.point(f.span.start)[0]
            self.rows.append(
                (
                    shown(report.path),
                    str(line),
                    shown(_claim(report.text, f.conversion.source, f.conversion.stated)),
                    _rate_cell(f),
                    f.expected_text
                    + ("\n" + _("(rounds to {rounded})").format(rounded=f.rounded_text) if f.rounded_text else "")
                    if f.expected_text
                    else "-",
                    f.status,
                )
            )
        return self.piece(report)

    def piece(self, report: FileReport) -> str:
        """One file's problems (nothing for a file with none, unless ``verbose``)."""
        console, out = self._console()
        self._file(console, report)
        return self._trimmed(out)

    def _file(self, console: Console, file: FileReport) -> None:
        if file.error:
            console.print(Text(shown(file.path), style="bold"))
            console.print(Text("  " + _("error: {message}").format(message=shown(file.error)), style="bold red"))
            console.print()
            return
        if file.skipped:
            if not self.quiet:
                console.print(Text(shown(file.path), style="bold"))
                console.print(Text("  " + _("skipped: {why}").format(why=shown(file.skipped)), style="yellow"))
                console.print()
            return
        problems = [f for f in file.findings if f.status is not Status.OK]
        shown_findings = file.findings if self.verbose else tuple(problems)
        if not shown_findings:
            return
        locator = Locator(file.text)
        console.print(Text(shown(file.path), style="bold"))
        if any(isinstance(f.conversion, Conversion) for f in file.findings):
            console.print(Text("  " + dated_text(file.dated), style="dim"))
        console.print()
        for f in shown_findings:
            self._problem(console, file, locator, f)

    def _problem(self, console: Console, file: FileReport, locator: Locator, f: Finding) -> None:
        line, column = locator.point(f.span.start)
        head = Text(f"{shown(file.path)}:{line}:{column}: ")
        if f.status is Status.OK:
            head.append(_("ok"), style="green")
        else:
            head.append(_(_SEVERITY_WORD[str(f.severity)]), style=_SEVERITY_STYLE.get(str(f.severity), ""))
        head.append(f" [{f.rule}]", style="dim")
        console.print(head)
        for part in _wrapped(shown(f.message), self.width - 4):
            console.print("    " + part, no_wrap=True, overflow="crop")
        target = f.conversion.stated.span if f.conversion is not None and f.rule in CONVERTING else f.span
        self._excerpt(console, file.text, locator, target.start, target.end, f.status)
        self._figures(console, f)
        if self.verbose and f.conversion is not None:
            self._why_rate(console, file, locator, f)
        console.print()

    def _excerpt(self, console: Console, text: str, locator: Locator, start: int, end: int, status: Status) -> None:
        """The figure's sentence (cut to the width around the figure), with a caret line under it."""
        line_no = locator.point(start)[0]
        line = locator.line_span(line_no)
        end = min(end, line.end) if end > line.end else end
        left = start
        while left > line.start and text[left - 1] not in _SENTENCE_END:
            left -= 1
        right = end
        while right < line.end and text[right - 1] not in _SENTENCE_END:
            right += 1
        gutter = f"{line_no} | "
        room = self.width - len(gutter) - 4 - 6  # and room for the "..." of a cut sentence on each side
        before, figure, after = (
            shown(text[a:b].replace("\r", "")) for a, b in ((left, start), (start, end), (end, right))
        )
        cut_left = cut_right = False
        while cell_len(before) + cell_len(figure) + cell_len(after) > room and (before or after):
            if cell_len(before) >= cell_len(after) and before:  # cut from the longer side
                before = before[1:]
                cut_left = True
            else:
                after = after[:-1]
                cut_right = True
        lead = "..." if cut_left else ""
        trail = "..." if cut_right else ""
        sentence = Text("  " + gutter, style="dim")
        sentence.append(lead + before)
        sentence.append(figure, style=_STYLE[status] + " underline")
        sentence.append(after + trail)
        caret = Text("  " + " " * (len(gutter) - 2) + "| ", style="dim")
        caret.append(" " * cell_len(lead + before) + "^" * max(1, cell_len(figure)), style=_STYLE[status])
        console.print(sentence, no_wrap=True, overflow="crop")
        console.print(caret, no_wrap=True, overflow="crop")

    def _figures(self, console: Console, f: Finding) -> None:
        """Written, re-derived and suggested figures, one above the other."""
        if f.conversion is None or f.rule not in CONVERTING or f.expected_text is None:
            return
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True, style="dim")
        grid.add_column(no_wrap=True)
        grid.add_row(_("written"), Text(shown(f.conversion.stated.text), style=_STYLE[f.status]))
        derived = Text(f.expected_text)
        if f.rounded_text:
            derived.append("  " + _("(rounds to {rounded})").format(rounded=f.rounded_text), style="dim")
        grid.add_row(_("re-derived"), derived)
        if f.suggestion:
            grid.add_row(_("suggested"), Text(shown(f.suggestion), style="bold green"))
        console.print(Padding(grid, (0, 0, 0, 4), expand=False))

    def _why_rate(self, console: Console, file: FileReport, locator: Locator, f: Finding) -> None:
        """``--verbose``: which rate was used, where it came from, and which date rule chose it."""
        r = f.rate
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True, style="dim")
        grid.add_column()
        if r is None:
            grid.add_row(_("rate"), _("none"))
        elif r.origin is RateOrigin.ARTICLE and r.statement is not None:
            statement = shown(file.text[r.statement.start : r.statement.end])
            grid.add_row(
                _("rate"),
                _("{value}円, stated in the article on line {line}: 「{statement}」").format(
                    value=plain(r.value), line=locator.point(r.statement.start)[0], statement=statement
                ),
            )
        elif r.origin is RateOrigin.OPTION:
            grid.add_row(
                _("rate"), _("{value}円, from --rate or the configuration's rate").format(value=plain(r.value))
            )
        else:
            row = _("{value}円, table row {on} ({source})").format(
                value=plain(r.value), on=day(r.on), source=shown(r.source or "-")
            )
            if r.window is not None and r.window.first != r.window.last:
                row += _("; reference window {first} to {last}: {low}–{high}円").format(
                    first=day(r.window.first),
                    last=day(r.window.last),
                    low=plain(r.window.low),
                    high=plain(r.window.high),
                )
            grid.add_row(_("rate"), row)
        conv = f.conversion
        if isinstance(conv, Conversion) and conv.rate_time is RateTime.THEN:
            when = _("the rate of the time (当時)")
            if conv.period is not None:
                when += _(": {first} to {last}").format(first=day(conv.period[0]), last=day(conv.period[1]))
            grid.add_row(_("date"), when)
        elif r is not None and r.origin is RateOrigin.TABLE:
            asked = r.requested or r.on
            grid.add_row(
                _("date"), _("looked up for {on}; {dated}").format(on=day(asked), dated=dated_text(file.dated))
            )
        console.print(Padding(grid, (0, 0, 0, 4), expand=False))

    # -- the end of the run ------------------------------------------------------------------

    def end(self, s: Summary) -> str:
        """The run's table of conversions, the statistics, and the summary line."""
        console, out = self._console()
        if self.rows and not self.quiet:
            console.print(self._table())
            console.print()
        if self.statistics:
            self._statistics(console)
        words = counted(s)
        styled = {
            "ok": (_("{ok} ok").format(ok=s.ok), "green"),
            "mismatch": (_("{mismatch} mismatch").format(mismatch=s.mismatch), "bold red" if s.mismatch else ""),
            "unverifiable": (_("{unverifiable} unverifiable").format(unverifiable=s.unverifiable), ""),
        }
        line = Text()
        template = _("{conversions}: {ok}, {mismatch}, {unverifiable}, {warnings} in {files}")
        for literal, name in _FIELD.findall(template):
            line.append(literal)
            if name in styled:
                line.append(*styled[name])
            elif name:
                line.append(words[name])
        if s.unreadable:
            line.append(_("; {unreadable} unreadable").format(unreadable=s.unreadable), style="bold red")
        if self.config:
            line.append(" " + _("(configuration: {path})").format(path=shown(self.config)), style="dim")
        console.print(line, soft_wrap=True)  # one line, however long: the terminal wraps it
        return self._trimmed(out)

    def _table(self) -> Table:
        """One table for the run: a row per conversion, and when several files have some, each
        file's name on a row of its own above its conversions (a column of paths would squeeze the
        figures at 80 columns)."""
        several = len({r[0] for r in self.rows}) > 1
        table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
        headers = [_("line"), _("claim as written"), _("rate used"), _("re-derived")]
        cells = [[r[1], r[2], r[3], r[4]] for r in self.rows]
        verdicts = [_verdict(r[5]) for r in self.rows]
        columns = [[h, *(row[i] for row in cells)] for i, h in enumerate(headers)]
        widths = _fitted(
            [max(cell_len(line) for c in column for line in c.split("\n")) for column in columns],
            [min(_NARROWEST, max(cell_len(word) for c in column for word in c.split())) for column in columns],
            max(cell_len(v) for v in [_("verdict"), *verdicts]),
            self.width,
        )
        for header, width in zip(headers, widths, strict=True):
            table.add_column(header, width=width, overflow="fold")
        table.columns[0].justify = "right"
        table.add_column(_("verdict"), no_wrap=True)
        path = None
        for row, verdict, (where, *_cells, status) in zip(cells, verdicts, self.rows, strict=True):
            if several and where != path:
                table.add_row("", Text(where, style="bold"), end_section=False)
                path = where
            # wrapped here, not folded by rich: a figure stays whole and 「）」 never starts a line
            wrapped = [
                "\n".join(w for line in cell.split("\n") for w in _wrapped(line, width))
                for cell, width in zip(row, widths, strict=True)
            ]
            table.add_row(*wrapped, Text(verdict, style=_STYLE[status]))
        return table

    def _statistics(self, console: Console) -> None:
        table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold", title_justify="left")
        table.add_column(_("rule or currency"))
        for status in Status:
            table.add_column(_verdict(status), justify="right")
        for title, counts in ((_("rules"), self.by_rule), (_("currencies (conversions)"), self.by_currency)):
            keys = sorted({k for k, _status in counts})
            if not keys:
                continue
            table.add_row(Text(title, style="bold"))
            for key in keys:
                table.add_row("  " + key, *(str(counts[(key, str(st))]) for st in Status))
        console.print(table)
        console.print()


def _wrapped(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken after Japanese or ASCII punctuation or a
    space, or before an opening bracket, so that a figure is not split (「154.5」/「5円」); a run with
    no such place is broken where it must be."""
    pieces: list[str] = []
    start = 0
    for i, ch in enumerate(text):
        if ch in _BREAK_AFTER:
            pieces.append(text[start : i + 1])
            start = i + 1
        elif ch in _BREAK_BEFORE and i > start:
            pieces.append(text[start:i])
            start = i
    pieces.append(text[start:])
    lines: list[str] = []
    line = ""
    for piece in pieces:
        if cell_len(line + piece) <= width:
            line += piece
            continue
        if line:
            lines.append(line.rstrip())
            line = ""
        while cell_len(piece) > width:  # no place to break: cut it
            cut = 1
            while cut < len(piece) and cell_len(piece[: cut + 1]) <= width:
                cut += 1
            if cut > 1 and piece[cut] in _NO_LINE_START:
                cut -= 1  # 「…億」「円）」, not 「…億円」「）」
            lines.append(piece[:cut])
            piece = piece[cut:]
        line = piece.lstrip() if lines else piece
    if line:
        lines.append(line.rstrip())
    return lines


_GAP = 2  # cells between two columns of the table
_CLAIM_GAP = 8  # characters between the figures of a claim quoted whole: 「（約」, 「、日本円で約」


def _claim(text: str, source: Money | Quantity, stated: Money | Quantity) -> str:
    """The claim as the article writes it, brackets and all (「100億ドル（約1兆5300億円）」, a bracket
    left open shown so: 「20億ポンド（約3600億円...）」); one whose figures stand further apart (prose
    with a rate between them) as its two figures, in the text's order, with ... between."""
    first, second = sorted((source, stated), key=lambda m: m.span.start)
    gap = text[first.span.end : second.span.start]
    if len(gap) > _CLAIM_GAP or "\n" in gap or "\r" in gap:
        return f"{first.text} ... {second.text}"
    end = second.span.end
    opened = sum(c in "（(" for c in gap) - sum(c in "）)" for c in gap)
    if opened > 0 and end < len(text) and text[end] in "）)":
        return text[first.span.start : end + 1]
    return text[first.span.start : end] + ("...）" if opened > 0 else "")


_NARROWEST = 10  # cells: no column is squeezed below this (a date, 2025-10-28)


def _fitted(widths: list[int], narrowest: list[int], verdict: int, total: int) -> list[int]:
    """Column widths (where, claim, rate, re-derived) that fit ``total`` cells beside a verdict
    column that is never cut: the rate column gives way first, then the re-derived figure, then
    the place, each down to its ``narrowest`` (its longest word, at most ten cells, a date), and
    the claim as written only when nothing else can."""
    out = list(widths)
    excess = sum(out) + verdict + _GAP * len(out) - total
    for i in (2, 3, 0, 1):
        if excess <= 0:
            break
        give = min(excess, max(0, out[i] - (narrowest[i] if i != 1 else _NARROWEST)))
        out[i] -= give
        excess -= give
    return out
