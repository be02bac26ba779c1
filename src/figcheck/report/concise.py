"""``--format concise``: ``path:line:column: severity [rule] message``, one line per problem."""

from __future__ import annotations

from figcheck.model import FileReport
from figcheck.report.base import StreamFormatter, file_problems, shown

__all__ = ["ConciseFormatter"]


class ConciseFormatter(StreamFormatter):
    """For editors and problem matchers; ``ok`` conversions are not listed."""

    def piece(self, report: FileReport) -> str:
        """One line per problem (or for an unreadable file)."""
        if report.error:
            return f"{shown(report.path)}:1:1: error [input] {shown(report.error)}\n"
        if report.skipped:  # a file a walk found but could not read as text: said, never silent
            return f"{shown(report.path)}:1:1: info [input] skipped: {shown(report.skipped)}\n"
        return "".join(
            f"{shown(p.path)}:{p.position.line}:{p.position.column}: {f.severity} [{f.rule}] {shown(f.message)}\n"
            for p in file_problems(report)
            for f in (p.finding,)
        )
