"""The public Python API (#17): ``figcheck.check_text`` and friends, as a CMS hook or a notebook
calls them, held to what the command line writes for the same text."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

import figcheck
from figcheck.cli import app
from figcheck.context import CheckOptions
from figcheck.errors import ConfigError, RatesError
from figcheck.model import DateOrigin, FileReport, RateOrigin, Status
from tests.conftest import make_table

# The seed article's figures, in a passage of our own: 1ドル＝153円 (the house rate of 2025-10-28).
RIGHT = "日米両政府は、日本が5500億ドル（約84兆円）を投じることで合意した。"
WRONG = "日米両政府は、日本が5500億ドル（約85兆円）を投じることで合意した。"
DATELINE = "【ワシントン＝2025年10月28日】"


def statuses(report: FileReport) -> list[tuple[str, str | None]]:
    return [(str(f.status), f.suggestion) for f in report.findings]


def test_the_package_exports_the_library_without_loading_it() -> None:
    code = "import sys, figcheck; print('figcheck.pipeline' in sys.modules, callable(figcheck.check_text))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "True"]
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = figcheck.nope  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "rates", "expected"),
    [
        (RIGHT, {"USD": 153}, [("ok", None)]),
        (WRONG, {"USD": 153}, [("mismatch", "約84兆円")]),
        (WRONG, {"usd": "153"}, [("mismatch", "約84兆円")]),
        (WRONG, {"USD": Decimal("153")}, [("mismatch", "約84兆円")]),
        # a distractor: a yen figure with no foreign amount converts nothing
        ("政府は84兆円の予算案を閣議決定した。", {"USD": 153}, []),
        # no table and no rate for the currency: unverifiable, never a guess
        (WRONG, {}, [("unverifiable", None)]),
    ],
)
def test_check_text_with_fixed_rates(
    text: str, rates: dict[str, object], expected: list[tuple[str, str | None]]
) -> None:
    assert statuses(figcheck.check_text(text, rates=rates)) == expected


def test_without_rates_the_default_tables_are_read() -> None:
    report = figcheck.check_text(f"{DATELINE}\n{WRONG}")
    (finding,) = report.findings
    assert finding.status is Status.MISMATCH
    assert finding.rate is not None
    assert finding.rate.origin is RateOrigin.TABLE
    assert finding.rate.on == dt.date(2025, 10, 28)
    assert finding.suggestion == "約84兆円"


def test_a_given_date_is_the_article_date_over_the_dateline() -> None:
    text = f"【ワシントン＝2019年1月4日】\n{RIGHT}"
    table = make_table("2019-01-04,USD,JPY,108,house,", "2025-10-28,USD,JPY,153,house,")
    by_text = figcheck.check_text(text, rates=table)
    assert by_text.dated is not None
    assert by_text.dated.on == dt.date(2019, 1, 4)
    assert statuses(by_text) == [("mismatch", "約59兆円")]
    given = figcheck.check_text(text, rates=table, date="2025-10-28")
    assert given.dated is not None
    assert (given.dated.on, given.dated.origin) == (dt.date(2025, 10, 28), DateOrigin.GIVEN)
    assert statuses(given) == [("ok", None)]
    assert figcheck.check_text(text, rates=table, date=dt.datetime(2025, 10, 28, 9, 30)).dated == given.dated
    # --date (options.date) is still the rate date over either
    forced = figcheck.check_text(text, rates=table, date="2025-10-28", options=CheckOptions(date=dt.date(2019, 1, 4)))
    assert statuses(forced) == [("mismatch", "約59兆円")]


def test_a_table_file_by_path(tmp_path: Path) -> None:
    table = tmp_path / "house.csv"
    table.write_text("date,base,quote,rate,kind,source\n2025-10-28,USD,JPY,160,house,desk\n", encoding="utf-8")
    assert statuses(figcheck.check_text(RIGHT, rates=table, date="2025-10-28")) == [("mismatch", "約88兆円")]
    assert statuses(figcheck.check_text(RIGHT, rates=str(table), date="2025-10-28")) == [("mismatch", "約88兆円")]
    opened = figcheck.open_rates(table)
    assert statuses(figcheck.check_text(RIGHT, rates=opened, date="2025-10-28")) == [("mismatch", "約88兆円")]
    with pytest.raises(RatesError, match="rate table not found"):
        figcheck.check_text(RIGHT, rates=tmp_path / "missing.csv", date="2025-10-28")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"date": "2025/10/28"}, "want a date as YYYY-MM-DD"),
        ({"date": "0999-01-01"}, "want a date from 1900-01-01"),
        ({"rates": {"USD": -3}}, "want a currency code and a positive yen value"),
        ({"rates": {"ドル": 153}}, "want a currency code and a positive yen value"),
    ],
)
def test_bad_arguments_are_one_config_error(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        figcheck.check_text(RIGHT, **kwargs)  # type: ignore[arg-type]


def test_a_markdown_path_reads_markdown() -> None:
    text = f"`{WRONG}`\n\n{RIGHT}\n"
    assert statuses(figcheck.check_text(text, rates={"USD": 153}, path="a.md")) == [("ok", None)]
    assert [s for s, _ in statuses(figcheck.check_text(text, rates={"USD": 153}, path="a.txt"))] == ["mismatch", "ok"]


def test_report_dict_is_the_cli_json_entry(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(f"{DATELINE}\n{WRONG}\n{RIGHT}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--format", "json", "--no-config", str(article)])
    assert result.exit_code == 1, result.output
    document = json.loads(result.stdout)
    report = figcheck.check_text(article.read_text(encoding="utf-8"), path=str(article))
    assert figcheck.report_dict(report) == document["files"][0]
    schema = json.loads((resources.files("figcheck") / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate({**document, "files": [figcheck.report_dict(report)]}, schema)


def test_find_figures_and_figures_dict() -> None:
    text = "原油は1バレル70ドル、前年比12％上昇した。"
    inventory = figcheck.find_figures(text)
    assert [(f.text, f.unit) for f in inventory.figures] == [
        ("1バレル", "oil_barrel"),
        ("70ドル", "USD"),
        ("12％", "%"),
    ]
    money = figcheck.find_figures(text, kind="money")
    assert [f.text for f in money.figures] == ["70ドル"]
    entry = figcheck.figures_dict(money, text, path="oil.txt")
    assert entry["path"] == "oil.txt"
    assert [(f["text"], f["value"], f["line"], f["column"]) for f in entry["figures"]] == [("70ドル", "70", 1, 8)]


def test_the_readme_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("### As a library", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    exec(compile(block, "README.md", "exec"), {})
    assert capsys.readouterr().out == "mismatch 約84兆円\n"
