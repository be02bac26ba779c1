"""``--format github``: GitHub Actions workflow commands (annotations), then a summary line."""

from __future__ import annotations

from figcheck.model import FileReport, Summary
from figcheck.report.base import StreamFormatter, file_problems, shown, summary_line

__all__ = ["GithubFormatter", "escape_data", "escape_property"]

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message: ``%``, CR and LF (GitHub's ``escapeData``), after every other
    control character and line separator is written as an escape (``shown``)."""
    return shown(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """Escape a property value: as a message, plus ``:`` and ``,`` (GitHub's ``escapeProperty``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubFormatter(StreamFormatter):
    """One ``::error``/``::warning``/``::notice`` per problem; GitHub shows only the first few
    annotations of a step, so the last line sums everything up."""

    def piece(self, report: FileReport) -> str:
        """The workflow commands of one file."""
        if report.error:
            return f"::error file={escape_property(report.path)},title=figcheck input::{escape_data(report.error)}\n"
        if report.skipped:
            return (
                f"::notice file={escape_property(report.path)},title=figcheck input::"
                f"{escape_data('skipped: ' + report.skipped)}\n"
            )
        lines = []
        for p in file_problems(report):
            f, pos = p.finding, p.position
            props = ",".join(
                f"{k}={escape_property(str(v))}"
                for k, v in (
                    ("file", p.path),
                    ("line", pos.line),
                    ("col", pos.column),
                    ("endLine", pos.end_line),
                    ("endColumn", pos.end_column),
                    ("title", f"figcheck {f.rule}"),
                )
            )
            lines.append(f"::{_LEVEL[f.severity]} {props}::{escape_data(f.message)}\n")
        return "".join(lines)

    def end(self, summary: Summary) -> str:
        """The summary line."""
        return summary_line(summary) + "\n"
