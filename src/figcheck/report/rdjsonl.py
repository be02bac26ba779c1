"""``--format rdjsonl``: reviewdog's diagnostic format, one JSON object per line.

reviewdog counts columns in UTF-8 bytes, so here (and only here) columns are bytes, 1-based.
"""

from __future__ import annotations

import json
from typing import Any

from figcheck.model import FileReport, Span
from figcheck.report.base import Locator, StreamFormatter, encodable, file_problems
from figcheck.rules import RULES

__all__ = ["RdjsonlFormatter"]

_SEVERITY = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def _byte_point(locator: Locator, offset: int) -> dict[str, int]:
    line, column = locator.point(offset)
    line_start = offset - (column - 1)
    return {"line": line, "column": len(locator.text[line_start:offset].encode("utf-8")) + 1}


def _range(locator: Locator, span: Span) -> dict[str, Any]:
    return {"start": _byte_point(locator, span.start), "end": _byte_point(locator, span.end)}


class RdjsonlFormatter(StreamFormatter):
    """One diagnostic per problem, the corrected figure as a suggestion."""

    def piece(self, report: FileReport) -> str:
        """The JSON lines of one file."""
        diags: list[dict[str, Any]] = []
        if report.error or report.skipped:
            diags.append(
                {
                    "message": encodable(report.error or f"skipped: {report.skipped}"),
                    "location": {"path": encodable(report.path)},
                    "severity": "ERROR" if report.error else "INFO",
                    "source": {"name": "figcheck"},
                    "code": {"value": "input"},
                }
            )
        for p in file_problems(report):
            f = p.finding
            diag: dict[str, Any] = {
                "message": f.message,
                "location": {"path": encodable(p.path), "range": _range(p.locator, f.span)},
                "severity": _SEVERITY[f.severity],
                "source": {"name": "figcheck"},
                "code": {"value": str(f.rule), "url": RULES[f.rule].help_uri},
            }
            if f.suggestion and f.conversion is not None:
                diag["suggestions"] = [{"range": _range(p.locator, f.conversion.stated.span), "text": f.suggestion}]
            diags.append(diag)
        return "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in diags)
