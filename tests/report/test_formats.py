"""Every output format against its golden file, and the format registry."""

from __future__ import annotations

import json

import pytest

from figcheck.model import RunReport, Span
from figcheck.report import FORMATTERS, OutputFormat, formatter_for
from figcheck.report.base import Locator, StreamFormatter
from tests.report.conftest import ARTICLE, assert_golden


def test_to_format_is_exhaustive() -> None:
    for fmt in OutputFormat:
        assert fmt in FORMATTERS
        formatter = formatter_for(fmt)  # a formatter without its own ``piece`` cannot be built
        assert isinstance(formatter, StreamFormatter)
        assert type(formatter).piece is not StreamFormatter.piece


def test_a_formatter_must_render_a_piece() -> None:
    class Forgetful(StreamFormatter):
        pass

    with pytest.raises(TypeError, match="piece"):
        Forgetful()  # type: ignore[abstract]


GOLDEN_NAMES = {
    OutputFormat.TEXT: "report.txt",
    OutputFormat.CONCISE: "report.concise",
    OutputFormat.JSON: "report.json",
    OutputFormat.GITHUB: "report.github",
    OutputFormat.SARIF: "report.sarif",
    OutputFormat.RDJSONL: "report.rdjsonl",
}


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_golden(fmt: OutputFormat, run_report: RunReport) -> None:
    assert_golden(GOLDEN_NAMES[fmt], formatter_for(fmt, color=False, width=100).render(run_report))


@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize("width", [80, 120])
def test_golden_text_report_by_width_and_language(language: str, width: int, request: pytest.FixtureRequest) -> None:
    """The text report as an editor reads it, at 80 and 120 columns, in English and Japanese (the
    findings are worded when the check runs, so the report is made in the language)."""
    from figcheck import i18n

    i18n.use(language)
    report = request.getfixturevalue("run_report")
    text = formatter_for(OutputFormat.TEXT, color=False, width=width, verbose=True).render(report)
    assert_golden(f"report-{language}-{width}.txt", text)


def test_text_colour_has_ansi(run_report: RunReport) -> None:
    out = formatter_for(OutputFormat.TEXT, color=True, width=100).render(run_report)
    assert "\x1b[" in out
    plain = formatter_for(OutputFormat.TEXT, color=False, width=100).render(run_report)
    assert "\x1b[" not in plain


def test_json_schema_fields(run_report: RunReport) -> None:
    doc = json.loads(formatter_for(OutputFormat.JSON).render(run_report))
    assert doc["version"] == 1
    assert doc["summary"] == {
        "files": 2,
        "conversions": 4,
        "ok": 2,
        "mismatch": 1,
        "unverifiable": 1,
        "warnings": 1,
        "unreadable": 1,
    }
    first = doc["files"][0]["findings"][0]
    assert first["rule"] == "conversion"
    assert (first["status"], first["severity"]) == ("mismatch", "error")
    assert (first["line"], first["column"], first["end_line"], first["end_column"]) == (2, 4, 2, 16)
    assert first["text"] == "5500億ドル約85兆円"
    assert first["source"] == {"text": "5500億ドル", "value": "550000000000", "currency": "USD"}
    assert first["stated"] == {"text": "約85兆円", "value": "85000000000000", "currency": "JPY", "qualifier": "approx"}
    assert first["rate"] == {
        "base": "USD",
        "quote": "JPY",
        "value": "153",
        "date": "2025-10-28",
        "origin": "table",
        "exact": True,
        "requested_date": None,
        "source": "desk",
        "window": None,  # a house rate: exact, no window
    }
    assert first["expected"] == {"value": "84150000000000", "text": "84兆1500億円", "rounded": None}
    assert first["implied_rate"] == {"low": "153.63636363", "high": "156.36363636"}
    assert first["suggestion"] == "約84兆円"
    assert doc["files"][1]["error"].startswith("articles/broken.txt")


def test_locator_counts_characters_and_handles_crlf() -> None:
    loc = Locator(ARTICLE)
    start = ARTICLE.index("トヨタ")
    assert loc.point(start) == (3, 1)
    assert loc.position(Span(start, start + 3)).end_column == 4
    assert loc.line_text(2).endswith("約束した。")


def test_concise_lines(run_report: RunReport) -> None:
    lines = formatter_for(OutputFormat.CONCISE).render(run_report).splitlines()
    assert lines[0].startswith("articles/summit.txt:2:4: error [conversion] 約85兆円 does not hold")
    assert lines[1].startswith("articles/summit.txt:4:19: warning [rate] ")
    assert lines[-1] == "articles/broken.txt:1:1: error [input] articles/broken.txt: binary file (NUL bytes), not text"
    assert len(lines) == 4  # mismatch, rate warning, unverifiable (info), unreadable file; no ok lines


def test_github_escaping() -> None:
    from figcheck.report.github import escape_data, escape_property

    assert escape_data("50% off\r\nnext") == "50%25 off%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_commands(run_report: RunReport) -> None:
    lines = formatter_for(OutputFormat.GITHUB).render(run_report).splitlines()
    assert lines[0].startswith(
        "::error file=articles/summit.txt,line=2,col=4,endLine=2,endColumn=16,title=figcheck conversion::"
    )
    assert lines[1].startswith("::warning file=articles/summit.txt,line=4,col=19,")
    assert lines[2].startswith("::notice ")
    assert lines[-1].startswith("figcheck: 2 files, 4 conversions: 2 ok, 1 mismatch")


def test_sarif_structure(run_report: RunReport) -> None:
    log = json.loads(formatter_for(OutputFormat.SARIF).render(run_report))
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert rules == ["conversion", "unit-conversion", "rate", "rate-consistency", "input"]
    first = run["results"][0]
    assert (first["ruleId"], first["level"]) == ("conversion", "error")
    assert first["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 2,
        "startColumn": 4,
        "endLine": 2,
        "endColumn": 16,
    }
    (fix,) = first["fixes"]
    replacement = fix["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"]["text"] == "約84兆円"
    assert replacement["deletedRegion"] == {"startLine": 2, "startColumn": 11, "endLine": 2, "endColumn": 16}
    assert [r["level"] for r in run["results"]] == ["error", "warning", "note", "error"]


def test_rdjsonl_counts_bytes(run_report: RunReport) -> None:
    first = json.loads(formatter_for(OutputFormat.RDJSONL).render(run_report).splitlines()[0])
    # "日本は" is 3 characters but 9 UTF-8 bytes: the claim starts at byte column 10.
    assert first["location"]["range"]["start"] == {"line": 2, "column": 10}
    assert first["location"]["range"]["end"] == {"line": 2, "column": 10 + len("5500億ドル約85兆円".encode())}
    assert first["severity"] == "ERROR"
    assert first["suggestions"][0]["text"] == "約84兆円"


def test_json_positions_carry_every_field_of_position() -> None:
    from dataclasses import asdict

    from figcheck.report.base import Position
    from figcheck.report.json import _position

    pos = Position(1, 2, 3, 4)
    assert _position(pos) == asdict(pos)


def test_a_tally_from_marks_equals_one_from_findings(run_report: RunReport) -> None:
    from dataclasses import replace

    from figcheck.report.base import Tally, marks_of

    whole, marked = Tally(), Tally()
    for file in run_report.files:
        whole.add(file)
        marked.add(replace(file, text="", findings=()), marks_of(file))
    assert whole.summary() == marked.summary()
    assert whole.summary().conversions > 0
