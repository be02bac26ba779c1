"""Every output format against its golden file, and the format registry."""

from __future__ import annotations

import json

from figcheck.model import RunReport, Span
from figcheck.report import FORMATTERS, OutputFormat, formatter_for
from figcheck.report.base import Locator
from tests.report.conftest import ARTICLE, assert_golden


def test_to_format_is_exhaustive() -> None:
    for fmt in OutputFormat:
        assert fmt in FORMATTERS
        assert hasattr(formatter_for(fmt), "render")


def test_text_golden(run_report: RunReport) -> None:
    assert_golden("report.txt", formatter_for(OutputFormat.TEXT, color=False, width=100).render(run_report))


def test_text_colour_has_ansi(run_report: RunReport) -> None:
    out = formatter_for(OutputFormat.TEXT, color=True, width=100).render(run_report)
    assert "\x1b[" in out
    plain = formatter_for(OutputFormat.TEXT, color=False, width=100).render(run_report)
    assert "\x1b[" not in plain


def test_json_golden(run_report: RunReport) -> None:
    assert_golden("report.json", formatter_for(OutputFormat.JSON).render(run_report))


def test_json_schema_fields(run_report: RunReport) -> None:
    doc = json.loads(formatter_for(OutputFormat.JSON).render(run_report))
    assert doc["version"] == 1
    assert doc["summary"] == {"files": 2, "conversions": 4, "ok": 2, "mismatch": 1, "unverifiable": 1, "warnings": 1}
    first = doc["files"][0]["findings"][0]
    assert first["rule"] == "conversion"
    assert (first["status"], first["severity"]) == ("mismatch", "error")
    assert (first["line"], first["column"], first["end_line"], first["end_column"]) == (2, 4, 2, 16)
    assert first["text"] == "5500億ドル約85兆円"
    assert first["source"] == {"text": "5500億ドル", "value": "550000000000", "currency": "USD"}
    assert first["stated"] == {"text": "約85兆円", "value": "85000000000000", "currency": "JPY", "qualifier": "approx"}
    assert first["rate"] == {
        "base": "USD", "quote": "JPY", "value": "153", "date": "2025-10-28", "origin": "table",
        "exact": True, "requested_date": None, "source": "desk",
    }
    assert first["expected"] == {"value": "84150000000000", "text": "84兆1500億円"}
    assert first["implied_rate"] == {"low": "153.63636363", "high": "156.36363636"}
    assert first["suggestion"] == "約84兆円"
    assert doc["files"][1]["error"].startswith("articles/broken.txt")


def test_locator_counts_characters_and_handles_crlf() -> None:
    loc = Locator(ARTICLE)
    start = ARTICLE.index("トヨタ")
    assert loc.point(start) == (3, 1)
    assert loc.position(Span(start, start + 3)).end_column == 4
    assert loc.line_text(2).endswith("約束した。")
