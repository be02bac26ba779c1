"""The pipeline for one text: (Markdown prepared) -> scan -> check -> a ``FileReport``.

No processes, signals or formatters: this is the function a library user, a test or a worker
calls. ``runner`` runs it over many inputs.
"""

from __future__ import annotations

from figcheck import markup
from figcheck.check import check
from figcheck.context import CheckOptions, RateSource
from figcheck.errors import InputError
from figcheck.i18n import _
from figcheck.inputs import Document, Target, read, skippable
from figcheck.model import Dated, DateOrigin, FileReport, Scan
from figcheck.scan import scan

__all__ = ["check_target", "check_text", "open_target"]


def check_text(path: str, text: str, table: RateSource | None, options: CheckOptions) -> FileReport:
    """Check one decoded text. Markdown is masked (code, front matter, comments) and its
    ``figcheck-disable`` comments are honoured; positions always point into ``text``. Text crafted
    against the patterns is reported as unverifiable rather than left to hang, and figures beyond
    what decimal arithmetic can hold are this file's error, never a crash of the run."""
    try:
        return _check_text(path, text, table, options)
    except ArithmeticError as e:  # decimal Overflow/InvalidOperation past the 100-digit context
        return FileReport(
            path,
            text,
            error=_("{path}: a figure too large to check ({why})").format(path=path, why=e.__class__.__name__),
        )


def _check_text(path: str, text: str, table: RateSource | None, options: CheckOptions) -> FileReport:
    if not markup.is_markdown(path):
        plain = markup.prepare_plain(text)
        if plain is None:
            scanned = scan(text, for_check=True)
            return FileReport(path, text, check(scanned, table, options), dated=_dated(scanned, options))
        scanned = scan(plain.prose, for_check=True)
        findings = check(scanned, table, options)
        return FileReport(path, text, plain.kept(findings, text), dated=_dated(scanned, options))
    prepared = markup.prepare(text)
    scanned = scan(prepared.prose, date=prepared.date, for_check=True)
    findings = check(scanned, table, options)
    return FileReport(path, text, prepared.kept(findings, text), dated=_dated(scanned, options))


def _dated(scanned: Scan, options: CheckOptions) -> Dated | None:
    """The date a file's rates are looked up for (a rate stated with its own date aside)."""
    return Dated(options.date, DateOrigin.OPTION) if options.date else scanned.dated


def open_target(target: Target, encoding: str | None = None) -> Document | FileReport:
    """The decoded input, or the report of an input that cannot be read: with ``error``, or with
    ``skipped`` for a binary file a directory walk found. Every command reads its inputs here."""
    if target.problem is not None:  # a folder a walk could not read
        return FileReport(target.path, "", error=target.problem)
    try:
        return read(target, encoding)
    except InputError as e:
        if skippable(target, e):
            return FileReport(target.path, "", skipped=str(e))
        return FileReport(target.path, "", error=str(e))


def check_target(
    target: Target, table: RateSource | None, options: CheckOptions, encoding: str | None = None
) -> FileReport:
    """Check one input; an unreadable one becomes a report with ``error`` or ``skipped``."""
    doc = open_target(target, encoding)
    if isinstance(doc, FileReport):
        return doc
    return check_text(doc.path, doc.text, table, options)
