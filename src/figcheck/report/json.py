"""``--format json``: one JSON document, schema version 1 (DESIGN.md, "Output contract")."""

from __future__ import annotations

import json
from dataclasses import asdict
from decimal import ROUND_DOWN, Decimal
from typing import Any

from figcheck.model import AppliedRate, FileReport, Finding, Money, RunReport
from figcheck.numerals import plain
from figcheck.report.base import Locator, summarize

__all__ = ["SCHEMA_VERSION", "JsonFormatter", "document"]

SCHEMA_VERSION = 1
_RATE_DIGITS = Decimal("0.00000001")


def _rate_value(value: Decimal) -> str:
    return "Infinity" if not value.is_finite() else plain(value.quantize(_RATE_DIGITS, ROUND_DOWN))


def _money(m: Money, *, qualifier: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"text": m.text, "value": plain(m.value), "currency": m.currency}
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
    }


def _finding(f: Finding, locator: Locator) -> dict[str, Any]:
    pos = locator.position(f.span)
    out: dict[str, Any] = {
        "rule": str(f.rule),
        "status": str(f.status),
        "severity": str(f.severity),
        **asdict(pos),
        "text": locator.text[f.span.start : f.span.end],
        "source": _money(f.conversion.source) if f.conversion else None,
        "stated": _money(f.conversion.stated, qualifier=True) if f.conversion else None,
        "rate": _rate(f.rate) if f.rate else None,
        "expected": {"value": plain(f.expected), "text": f.expected_text} if f.expected is not None else None,
        "implied_rate": (
            {"low": _rate_value(f.implied.low), "high": _rate_value(f.implied.high)} if f.implied else None
        ),
        "suggestion": f.suggestion,
        "message": f.message,
    }
    if f.related:
        out["related"] = [asdict(locator.position(s)) for s in f.related]
    return out


def _file(file: FileReport) -> dict[str, Any]:
    locator = Locator(file.text)
    out: dict[str, Any] = {"path": file.path, "findings": [_finding(f, locator) for f in file.findings]}
    if file.error:
        out["error"] = file.error
    if file.skipped:
        out["skipped"] = file.skipped
    return out


def document(report: RunReport) -> dict[str, Any]:
    """The report as a JSON-ready dict."""
    return {
        "version": SCHEMA_VERSION,
        "files": [_file(f) for f in report.files],
        "summary": asdict(summarize(report)),
    }


class JsonFormatter:
    """Renders the schema-1 JSON document."""

    def __init__(self, **_: object) -> None:
        """Take no options (the terminal ones are ignored)."""

    def render(self, report: RunReport) -> str:
        """The JSON text, UTF-8 characters unescaped, ending with a newline."""
        return json.dumps(document(report), ensure_ascii=False, indent=2) + "\n"
