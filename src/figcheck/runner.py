"""The pipeline for a set of paths: read -> scan -> check, one ``FileReport`` per input."""

from __future__ import annotations

from collections.abc import Iterable

from figcheck.check import CheckOptions, RateSource, check
from figcheck.errors import InputError
from figcheck.inputs import Target, expand, read
from figcheck.model import FileReport, RunReport
from figcheck.scan import scan

__all__ = ["check_paths", "check_target"]


def check_target(target: Target, table: RateSource | None, options: CheckOptions, encoding: str | None = None) -> FileReport:
    """Check one input; an unreadable one becomes a report with ``error`` (or ``skipped`` when a
    directory walk found a binary file)."""
    try:
        doc = read(target, encoding)
    except InputError as e:
        if not target.explicit and "binary file" in str(e):
            return FileReport(target.path, "", skipped=str(e))
        return FileReport(target.path, "", error=str(e))
    return FileReport(doc.path, doc.text, check(scan(doc.text), table, options))


def check_paths(
    paths: Iterable[str], table: RateSource | None, options: CheckOptions, encoding: str | None = None
) -> RunReport:
    """Check every input named or found under ``paths``, in order."""
    targets = list(expand(paths))
    if not targets:
        raise InputError("no .txt or .md files found in the given paths")
    return RunReport(tuple(check_target(t, table, options, encoding) for t in targets))
