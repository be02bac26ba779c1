"""The pipeline for a set of paths: read -> (mask Markdown) -> scan -> check, one report per input."""

from __future__ import annotations

from collections.abc import Iterable

from figcheck import markup
from figcheck.check import CheckOptions, RateSource, check
from figcheck.errors import InputError
from figcheck.inputs import Selection, Target, expand, read
from figcheck.model import FileReport, RunReport
from figcheck.scan import scan

__all__ = ["check_paths", "check_target", "check_text"]


def check_text(path: str, text: str, table: RateSource | None, options: CheckOptions) -> FileReport:
    """Check one decoded text. Markdown is masked (code, front matter, comments) and its
    ``figcheck-disable`` comments are honoured; positions always point into ``text``."""
    if not markup.is_markdown(path):
        return FileReport(path, text, check(scan(text), table, options))
    findings = check(scan(markup.mask(text), date=markup.front_matter_date(text)), table, options)
    quiet = markup.Suppressions.read(text)
    kept = tuple(f for f in findings if not quiet.silenced(text.count("\n", 0, f.span.start) + 1, str(f.rule)))
    return FileReport(path, text, kept)


def check_target(
    target: Target, table: RateSource | None, options: CheckOptions, encoding: str | None = None
) -> FileReport:
    """Check one input; an unreadable one becomes a report with ``error`` (or ``skipped`` when a
    directory walk found a binary file)."""
    try:
        doc = read(target, encoding)
    except InputError as e:
        if not target.explicit and "binary file" in str(e):
            return FileReport(target.path, "", skipped=str(e))
        return FileReport(target.path, "", error=str(e))
    return check_text(doc.path, doc.text, table, options)


def check_paths(
    paths: Iterable[str],
    table: RateSource | None,
    options: CheckOptions,
    encoding: str | None = None,
    selection: Selection | None = None,
) -> RunReport:
    """Check every input named or found under ``paths``, in order."""
    targets = list(expand(paths, selection))
    return RunReport(tuple(check_target(t, table, options, encoding) for t in targets))
