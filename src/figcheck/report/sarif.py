"""``--format sarif``: SARIF 2.1.0 for code-scanning upload."""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any

from figcheck import __version__
from figcheck.model import FileReport, Summary
from figcheck.report.base import Position, StreamFormatter, encodable, file_problems
from figcheck.rules import RULES

__all__ = ["SarifFormatter"]

_INPUT = "input"  # the id of results for inputs that could not be read: no rule of the checker's
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
#: The driver's rules, in order (a result's ``ruleIndex`` points into it): the registry's, then input.
_RULES: list[dict[str, Any]] = [
    {
        "id": str(info.rule),
        "name": str(info.rule),
        "shortDescription": {"text": info.summary},
        "fullDescription": {"text": info.doc},
        "help": {"text": info.doc, "markdown": info.doc},
        "helpUri": info.help_uri,
        "defaultConfiguration": {"level": _LEVEL[info.severity]},
    }
    for info in RULES.values()
] + [
    {
        "id": _INPUT,
        "name": _INPUT,
        "shortDescription": {"text": "An input file could not be read."},
        "defaultConfiguration": {"level": "error"},
    }
]
_INDEX = {rule["id"]: i for i, rule in enumerate(_RULES)}


def _region(pos: Position) -> dict[str, int]:
    return {"startLine": pos.line, "startColumn": pos.column, "endLine": pos.end_line, "endColumn": pos.end_column}


_PLACEHOLDER = "\u0000results\u0000"


def _skeleton() -> tuple[str, str, str]:
    """The log around its results: (head, indentation of a result, tail)."""
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "figcheck",
                        "version": __version__,
                        "rules": _RULES,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_PLACEHOLDER],
            }
        ],
    }
    text = json.dumps(log, ensure_ascii=False, indent=2)
    marker = json.dumps(_PLACEHOLDER)
    at = text.index(marker)
    line_start = text.rindex("\n", 0, at) + 1
    head = text[: line_start - 1]  # up to "results": [
    tail = text[at + len(marker) :]
    return head, text[line_start:at], tail


def uri(path: str) -> str:
    """A path as a SARIF ``uri-reference``: ``/``-separated and percent-encoded (spaces, ``#``, ``?``,
    ``%``, non-ASCII characters; an undecodable byte of a file name as that byte).

    >>> uri("articles/日本 #1.md"), uri("a\\udcff.txt")
    ('articles/%E6%97%A5%E6%9C%AC%20%231.md', 'a%FF.txt')
    """
    from urllib.parse import quote

    raw = os.fsencode(path).replace(b"\\", b"/") if os.sep == "\\" else os.fsencode(path)
    return quote(raw, safe="/")


class SarifFormatter(StreamFormatter):
    """One run, one result per problem, the corrected figure as a fix."""

    def __init__(self, **_: object) -> None:
        """Take no options."""
        self._head, self._pad, self._tail = _skeleton()
        self._count = 0

    def begin(self) -> str:
        """The log up to its results."""
        self._count = 0
        return self._head

    def _result(self, result: dict[str, Any]) -> str:
        # split("\n"), not splitlines(): U+2028, U+2029 and U+0085 inside a string stay in it
        return "\n" + "\n".join(
            self._pad + line for line in json.dumps(result, ensure_ascii=False, indent=2).split("\n")
        )

    def emit(self, piece: str) -> str:
        """A file's results, after a comma unless they are the first."""
        if not piece:
            return ""
        self._count += 1
        return ("," if self._count > 1 else "") + piece

    def piece(self, report: FileReport) -> str:
        """The results of one file."""
        out = []
        if report.error or report.skipped:
            out.append(
                self._result(
                    {
                        "ruleId": _INPUT,
                        "ruleIndex": _INDEX[_INPUT],
                        "level": "error" if report.error else "note",
                        "message": {"text": encodable(report.error or f"skipped: {report.skipped}")},
                        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(report.path)}}}],
                    }
                )
            )
        for p in file_problems(report):
            f = p.finding
            text = p.locator.text[f.span.start : f.span.end]
            address = uri(p.path)
            result: dict[str, Any] = {
                "ruleId": str(f.rule),
                "ruleIndex": _INDEX[f.rule],
                "level": _LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [
                    {"physicalLocation": {"artifactLocation": {"uri": address}, "region": _region(p.position)}}
                ],
                "partialFingerprints": {
                    "figcheck/v1": hashlib.sha256(f"{address}\0{f.rule}\0{text}".encode()).hexdigest()[:32]
                },
            }
            if f.suggestion and p.fix is not None:
                result["fixes"] = [
                    {
                        "description": {"text": f"write {f.suggestion}"},
                        "artifactChanges": [
                            {
                                "artifactLocation": {"uri": address},
                                "replacements": [
                                    {"deletedRegion": _region(p.fix), "insertedContent": {"text": f.suggestion}}
                                ],
                            }
                        ],
                    }
                ]
            out.append(self._result(result))
        return ",".join(out)

    def end(self, summary: Summary) -> str:
        """The rest of the log."""
        tail = self._tail if self._count else self._tail.lstrip("\n ")  # "results": [] when empty
        return tail + "\n"
