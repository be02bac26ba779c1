"""``--format json``: one JSON document, schema version 1 (DESIGN.md, "Output contract")."""

from __future__ import annotations

import json
from dataclasses import asdict
from decimal import ROUND_DOWN, Decimal
from typing import Any

from figcheck.model import AppliedRate, FileReport, Finding, Money, Quantity, Summary
from figcheck.numerals import EXACT, plain
from figcheck.report.base import Locator, Position, StreamFormatter, encodable

__all__ = ["SCHEMA_VERSION", "JsonFormatter", "file_dict"]

SCHEMA_VERSION = 1
_RATE_DIGITS = Decimal("0.00000001")


def _rate_value(value: Decimal) -> str:
    return "Infinity" if not value.is_finite() else plain(value.quantize(_RATE_DIGITS, ROUND_DOWN, EXACT))


def _money(m: Money | Quantity, *, qualifier: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"text": m.text, "value": plain(m.value)}
    if isinstance(m, Money):
        out["currency"] = m.currency
    else:
        out["unit"] = m.unit
    if qualifier:
        out["qualifier"] = str(m.qualifier) if m.qualifier else None
    return out


def _rate(r: AppliedRate) -> dict[str, Any]:
    return {
        "base": r.base,
        "quote": r.quote,
        "value": plain(r.value),
        "date": r.on.isoformat() if r.on else None,
        "origin": str(r.origin),
        "exact": r.exact,
        "requested_date": r.requested.isoformat() if r.requested else None,
        "source": r.source or None,
        "window": (
            {"low": plain(w.low), "high": plain(w.high), "first": w.first.isoformat(), "last": w.last.isoformat()}
            if (w := r.window)
            else None
        ),
    }


def _position(p: Position) -> dict[str, int]:
    # dataclasses.asdict deep-copies field by field: a tenth of the JSON time on an archive.
    return {"line": p.line, "column": p.column, "end_line": p.end_line, "end_column": p.end_column}


def _finding(f: Finding, locator: Locator) -> dict[str, Any]:
    pos = locator.position(f.span)
    out: dict[str, Any] = {
        "rule": str(f.rule),
        "status": str(f.status),
        "severity": str(f.severity),
        **_position(pos),
        "text": locator.text[f.span.start : f.span.end],
        "source": _money(f.conversion.source) if f.conversion else None,
        "stated": _money(f.conversion.stated, qualifier=True) if f.conversion else None,
        "rate": _rate(f.rate) if f.rate else None,
        "expected": {"value": plain(f.expected), "text": f.expected_text, "rounded": f.rounded_text}
        if f.expected is not None
        else None,
        "implied_rate": (
            {"low": _rate_value(f.implied.low), "high": _rate_value(f.implied.high)} if f.implied else None
        ),
        "suggestion": f.suggestion,
        "reason": str(f.reason) if f.reason else None,
        "message": f.message,
    }
    if f.related:
        out["related"] = [_position(locator.position(s)) for s in f.related]
    return out


def file_dict(file: FileReport) -> dict[str, Any]:
    # Most files of an archive have no findings: their lines are never counted (a tenth of the
    # JSON time over the realistic archive went on indexing the lines of texts that needed none).
    findings: list[dict[str, Any]] = []
    if file.findings:
        locator = Locator(file.text)
        findings = [_finding(f, locator) for f in file.findings]
    out: dict[str, Any] = {"path": encodable(file.path), "findings": findings}
    if file.dated is not None:
        d = file.dated
        out["date"] = {"value": d.on.isoformat(), "origin": str(d.origin), "line": d.line}
    if file.error:
        out["error"] = encodable(file.error)
    if file.skipped:
        out["skipped"] = encodable(file.skipped)
    return out


class JsonFormatter(StreamFormatter):
    """The schema-1 JSON document, written file by file (the same text ``json.dumps`` would give:
    compact, because the indenting encoder is pure Python and slow on an archive)."""

    def __init__(self, **_: object) -> None:
        """Take no options."""
        self._files = 0

    def begin(self) -> str:
        """The document's head."""
        self._files = 0
        return '{"version": 1, "files": ['

    def piece(self, report: FileReport) -> str:
        """One entry of ``files``."""
        return json.dumps(file_dict(report), ensure_ascii=False)

    def emit(self, piece: str) -> str:
        """The entry, after a comma unless it is the first."""
        self._files += 1
        return (", " if self._files > 1 else "") + piece

    def end(self, summary: Summary) -> str:
        """``summary`` and the document's tail."""
        return f'], "summary": {json.dumps(asdict(summary))}}}\n'
