"""The rule registry: every rule is declared once, and everything that names rules reads it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from figcheck import config
from figcheck.model import Rule, RunReport, Severity
from figcheck.report.sarif import SarifFormatter
from figcheck.rules import RULES, default_severity, markdown
from tests.conftest import ROOT


@pytest.mark.parametrize("rule", list(Rule))
def test_every_rule_declares_everything(rule: Rule) -> None:
    info = RULES[rule]
    assert info.rule is rule
    assert isinstance(info.severity, Severity)
    assert info.summary.endswith(".")
    assert "\n" not in info.summary
    assert "Fails:" in info.doc  # an example of each
    assert "Passes:" in info.doc
    assert info.help_uri.endswith(f"#{rule}")


def test_registry_holds_no_unknown_rule() -> None:
    assert list(RULES) == list(Rule)


def test_docs_rules_md_is_generated_from_the_registry() -> None:
    """Run ``python -m figcheck.rules > docs/rules.md`` after changing a rule."""
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == markdown()


def test_sarif_rules_come_from_the_registry() -> None:
    log = json.loads(SarifFormatter().render(RunReport()))
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    for info in RULES.values():
        entry = rules[str(info.rule)]
        assert entry["shortDescription"]["text"] == info.summary
        assert entry["helpUri"] == info.help_uri
        level = {"error": "error", "warning": "warning", "info": "note"}[info.severity]
        assert entry["defaultConfiguration"]["level"] == level


def test_configuration_knows_every_rule(tmp_path: Path) -> None:
    path = tmp_path / ".figcheck.toml"
    path.write_text(
        "severity = {" + ", ".join(f'{r} = "info"' for r in RULES) + "}\n",
        encoding="utf-8",
    )
    assert config.load(path).severity == dict.fromkeys((str(r) for r in RULES), Severity.INFO)


def test_checker_defaults_come_from_the_registry() -> None:
    from figcheck.context import CheckOptions

    for rule in Rule:
        assert CheckOptions().severity_of(rule) is default_severity(rule)


@pytest.mark.parametrize("rule", list(Rule))
def test_a_rule_is_explained_in_japanese_under_ja(rule: Rule) -> None:
    """``figcheck rules RULE --lang ja``: the whole explanation in Japanese, examples and all."""
    from figcheck import i18n
    from figcheck.rules import explain

    info = RULES[rule]
    english = explain(info)
    i18n.use("ja")
    try:
        japanese = explain(info)
    finally:
        i18n.use("en")
    assert info.doc.splitlines()[0] in english
    assert info.doc.splitlines()[0] not in japanese  # the documentation itself, not the summary alone
    assert "検出される例：" in japanese
    assert "問題のない例：" in japanese
    assert "Fails:" not in japanese
    assert "Passes:" not in japanese
    assert info.help_uri in japanese
