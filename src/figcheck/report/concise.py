"""``--format concise``: ``path:line:column: severity [rule] message``, one line per problem."""

from __future__ import annotations

from figcheck.model import RunReport
from figcheck.report.base import problems, unreadable

__all__ = ["ConciseFormatter"]


class ConciseFormatter:
    """For editors and problem matchers; ``ok`` conversions are not listed."""

    def __init__(self, **_: object) -> None:
        """Take no options."""

    def render(self, report: RunReport) -> str:
        """One line per problem, then one per unreadable file."""
        lines = [
            f"{p.path}:{p.position.line}:{p.position.column}: {f.severity} [{f.rule}] {f.message}"
            for p in problems(report)
            for f in (p.finding,)
        ]
        lines += [f"{f.path}:1:1: error [input] {f.error}" for f in unreadable(report)]
        return "".join(line + "\n" for line in lines)
