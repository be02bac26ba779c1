"""``--format github``: GitHub Actions workflow commands (annotations), then a summary line."""

from __future__ import annotations

from figcheck.model import RunReport
from figcheck.report.base import problems, summary_line, unreadable

__all__ = ["GithubFormatter", "escape_data", "escape_property"]

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message: ``%``, CR and LF (GitHub's ``escapeData``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as a message, plus ``:`` and ``,`` (GitHub's ``escapeProperty``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubFormatter:
    """One ``::error``/``::warning``/``::notice`` per problem; GitHub shows only the first few
    annotations of a step, so the last line sums everything up."""

    def __init__(self, **_: object) -> None:
        """Take no options."""

    def render(self, report: RunReport) -> str:
        """The workflow commands and the summary."""
        lines = []
        for p in problems(report):
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
            lines.append(f"::{_LEVEL[f.severity]} {props}::{escape_data(f.message)}")
        lines += [
            f"::error file={escape_property(f.path)},title=figcheck input::{escape_data(f.error or '')}"
            for f in unreadable(report)
        ]
        lines.append(summary_line(report))
        return "".join(line + "\n" for line in lines)
