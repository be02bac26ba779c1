"""The JSON Schemas shipped in the package (#14): the configuration's and the JSON output's, held to
what figcheck accepts and writes."""

from __future__ import annotations

import json
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from figcheck import config as cfg
from figcheck.cli import app
from figcheck.errors import ConfigError
from tests.conftest import EXAMPLE


def schema(name: str) -> dict[str, Any]:
    text = (resources.files("figcheck") / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")
    doc: dict[str, Any] = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(doc)
    return doc


def test_the_configuration_schema_names_every_key() -> None:
    assert set(schema("config")["properties"]) == set(cfg._KEYS)


@pytest.mark.parametrize(
    ("toml", "valid"),
    [
        ('rates = "data/house-rates.csv"\n', True),
        ('date = "2025-10-28"\n', True),
        ("date = 2025-10-28\n", True),
        ('rate = {USD = "153", EUR = 178.5}\n', True),
        ("tolerance = 0.02\n", True),
        ("reference-window = 30\n", True),
        ('include = ["articles/**/*.md"]\nexclude = ["articles/{drafts,tmp}/**"]\n', True),
        ('severity = {conversion = "error", rate = "info"}\n', True),
        ('fail-on = "warning"\nformat = "concise"\nlang = "ja"\nmax-table-age = 10\n', True),
        ("colour = true\n", False),  # an unknown key
        ('fail-on = "sometimes"\n', False),
        ('lang = "fr"\n', False),
        ("reference-window = -1\n", False),
        ("max-table-age = 1000\n", False),
        ('severity = {nonsense = "error"}\n', False),
        ('include = "articles/*.md"\n', False),
    ],
)
def test_the_configuration_schema_agrees_with_figcheck(tmp_path: Path, toml: str, valid: bool) -> None:
    path = tmp_path / ".figcheck.toml"
    path.write_text(toml, encoding="utf-8")
    data = tomllib.loads(toml)
    for key, value in list(data.items()):  # TOML dates are dates; the schema sees them as JSON would
        if hasattr(value, "isoformat"):
            data[key] = value.isoformat()
    errors = list(jsonschema.Draft202012Validator(schema("config")).iter_errors(data))
    try:
        cfg.load(path)
        accepted = True
    except ConfigError:
        accepted = False
    assert accepted is valid
    assert (not errors) is valid, errors


def _validate_report(out: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(out)
    jsonschema.Draft202012Validator(schema("report"), format_checker=jsonschema.FormatChecker()).validate(doc)
    return doc


def test_the_json_output_follows_its_schema(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, [str(EXAMPLE), "-f", "json", "--no-config"])
    _validate_report(result.stdout)
    # every kind of finding and file entry: a mismatch, a rate warning, an unverifiable, an error, a skip
    (tmp_path / "a.txt").write_text(
        "2025年10月28日\n日本は5500億ドル（約90兆円）。英国は20億ポンド（約3600億円、1ポンド＝180円で換算）。"
        "韓国は2兆ウォン（約2100億円）。米国は100億ドル（約1兆5300億円）、別に10億ドル（約1400億円）。\n",
        encoding="utf-8",
    )
    (tmp_path / "b.bin").write_bytes(b"\x00\x01binary")
    (tmp_path / "c.txt").write_bytes(bytes(range(256)) * 8)
    result = runner.invoke(app, [str(tmp_path), str(tmp_path / "nothing.txt"), "-f", "json", "--no-config"])
    doc = _validate_report(result.stdout)
    statuses = {f["status"] for file in doc["files"] for f in file["findings"]}
    assert statuses >= {"mismatch", "ok"}
    assert any("error" in file for file in doc["files"])
    assert any("skipped" in file for file in doc["files"])


def test_the_schema_refuses_what_figcheck_never_writes() -> None:
    doc = json.loads(CliRunner().invoke(app, [str(EXAMPLE), "-f", "json", "--no-config"]).stdout)
    doc["files"][0]["findings"][0]["status"] = "maybe"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, schema("report"))
