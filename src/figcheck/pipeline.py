"""The pipeline for one text: (Markdown prepared) -> scan -> check -> a ``FileReport``.

No processes, signals or formatters: this is the function a library user, a test or a worker
calls. ``runner`` runs it over many inputs.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from functools import cache
from pathlib import Path

from figcheck import markup
from figcheck.check import check
from figcheck.config import parse_day, rate_entry
from figcheck.context import CheckOptions, RateSource
from figcheck.errors import ConfigError, InputError
from figcheck.i18n import _
from figcheck.inputs import Document, Target, read, skippable
from figcheck.model import Dated, DateOrigin, FileReport, Scan
from figcheck.scan import scan

__all__ = ["Rates", "check_target", "check_text", "open_target"]


def check_text(
    text: str,
    *,
    date: dt.date | str | None = None,
    rates: Rates = None,
    options: CheckOptions | None = None,
    path: str = "<text>",
) -> FileReport:
    """Check the conversions of one decoded text; the function every command and library user calls.

    ``date``: the article's date (a ``datetime.date`` or ``"YYYY-MM-DD"``), which the text's own
    dateline then does not override; ``options.date`` (``--date``) still does. ``rates``: ``None``
    for the tables a check reads by default (the packaged table, overlaid by the user's), a path
    to one table, a ``RateSource`` (a ``RateTable`` or ``RateStack``), or a mapping of fixed yen
    rates ``{"USD": "153"}`` with no table at all. ``path`` names the text in the report, and a
    ``.md`` name reads it as Markdown (code, front matter and comments masked, ``figcheck-disable``
    comments honoured). Positions always point into ``text``.

    Text crafted against the patterns is reported as unverifiable rather than left to hang, and
    figures beyond what decimal arithmetic can hold are this text's error, never an exception.
    A bad ``date`` or rate is a ``figcheck.errors.ConfigError``; an unreadable table a ``RatesError``.

    >>> report = check_text("5500億ドル（約85兆円）", rates={"USD": 153})
    >>> [(f.status.value, f.suggestion) for f in report.findings]
    [('mismatch', '約84兆円')]
    """
    options = options or CheckOptions()
    table, fixed = _rate_source(rates)
    if fixed:
        options = replace(options, rates={**fixed, **options.rates})
    given = _given_date(date)
    try:
        return _check_text(path, text, table, options, given)
    except ArithmeticError as e:  # decimal Overflow/InvalidOperation past the 100-digit context
        return FileReport(
            path,
            text,
            error=_("{path}: a figure too large to check ({why})").format(path=path, why=e.__class__.__name__),
        )


#: What ``check_text`` takes as ``rates``.
Rates = RateSource | str | os.PathLike[str] | Mapping[str, object] | None


@cache
def _default_tables() -> RateSource:
    """The default tables, one stack per process (each table read on its first look-up, then kept)."""
    from figcheck import rates

    return rates.tables()


def _rate_source(rates: Rates) -> tuple[RateSource | None, dict[str, Decimal]]:
    """The table and the fixed rates that ``rates`` stands for (see ``check_text``)."""
    from figcheck import rates as tables

    if rates is None:
        return _default_tables(), {}
    if isinstance(rates, str | os.PathLike):
        return tables.tables(Path(rates)), {}
    if isinstance(rates, Mapping):
        fixed: dict[str, Decimal] = {}
        for code, value in rates.items():
            entry = rate_entry(str(code), value)
            if entry is None:
                raise ConfigError(
                    _("{code} = {value!r}: want a currency code and a positive yen value").format(
                        code=code, value=value
                    )
                )
            fixed[entry[0]] = entry[1]
        return None, fixed
    return rates, {}


def _given_date(date: dt.date | str | None) -> Dated | None:
    if date is None:
        return None
    if isinstance(date, dt.datetime):
        date = date.date()
    return Dated(date if isinstance(date, dt.date) else parse_day(str(date), "date"), DateOrigin.GIVEN)


def _check_text(
    path: str, text: str, table: RateSource | None, options: CheckOptions, given: Dated | None
) -> FileReport:
    if not markup.is_markdown(path):
        plain = markup.prepare_plain(text)
        if plain is None:
            scanned = scan(text, date=given, for_check=True)
            return FileReport(path, text, check(scanned, table, options), dated=_dated(scanned, options))
        scanned = scan(plain.prose, date=given, for_check=True)
        findings = check(scanned, table, options)
        return FileReport(path, text, plain.kept(findings, text), dated=_dated(scanned, options))
    prepared = markup.prepare(text)
    scanned = scan(prepared.prose, date=given or prepared.date, for_check=True)
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
    return check_text(doc.text, path=doc.path, rates=table if table is not None else {}, options=options)
