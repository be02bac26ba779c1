"""``--format sarif``: SARIF 2.1.0 for code-scanning upload."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from figcheck import __version__
from figcheck.model import Rule, RunReport
from figcheck.report.base import Position, problems, unreadable

__all__ = ["RULES", "SarifFormatter"]

#: Stable rule ids and their descriptions.
RULES: dict[str, str] = {
    Rule.CONVERSION: "A foreign amount's yen conversion (or the reverse) does not hold at the rate used.",
    Rule.RATE: "The article's stated rate is far from the rate table's for the same date.",
    Rule.RATE_CONSISTENCY: "Conversions of one currency imply rates that cannot all be right.",
    "input": "An input file could not be read.",
}
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _region(pos: Position) -> dict[str, int]:
    return {"startLine": pos.line, "startColumn": pos.column, "endLine": pos.end_line, "endColumn": pos.end_column}


class SarifFormatter:
    """One run, one result per problem, the corrected figure as a fix."""

    def __init__(self, **_: object) -> None:
        """Take no options."""

    def render(self, report: RunReport) -> str:
        """The SARIF log as JSON text."""
        ids = list(RULES)
        results: list[dict[str, Any]] = []
        for p in problems(report):
            f = p.finding
            text = p.locator.text[f.span.start : f.span.end]
            result: dict[str, Any] = {
                "ruleId": str(f.rule),
                "ruleIndex": ids.index(f.rule),
                "level": _LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [
                    {"physicalLocation": {"artifactLocation": {"uri": p.path}, "region": _region(p.position)}}
                ],
                "partialFingerprints": {
                    "figcheck/v1": hashlib.sha256(f"{p.path}\0{f.rule}\0{text}".encode()).hexdigest()[:32]
                },
            }
            if f.suggestion and p.fix is not None:
                result["fixes"] = [
                    {
                        "description": {"text": f"write {f.suggestion}"},
                        "artifactChanges": [
                            {
                                "artifactLocation": {"uri": p.path},
                                "replacements": [
                                    {"deletedRegion": _region(p.fix), "insertedContent": {"text": f.suggestion}}
                                ],
                            }
                        ],
                    }
                ]
            results.append(result)
        for file in unreadable(report):
            results.append(
                {
                    "ruleId": "input",
                    "ruleIndex": ids.index("input"),
                    "level": "error",
                    "message": {"text": file.error},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": file.path}}}],
                }
            )
        log = {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "figcheck",
                            "version": __version__,
                            "rules": [
                                {
                                    "id": rule,
                                    "name": rule,
                                    "shortDescription": {"text": desc},
                                    "defaultConfiguration": {
                                        "level": "warning" if rule.startswith("rate") else "error"
                                    },
                                }
                                for rule, desc in RULES.items()
                            ],
                        }
                    },
                    "columnKind": "unicodeCodePoints",
                    "results": results,
                }
            ],
        }
        return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
