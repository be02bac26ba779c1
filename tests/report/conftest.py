"""One shared report for every formatter: an ok, a mismatch, an unverifiable and a warning."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from figcheck.check import CheckOptions
from figcheck.model import FileReport, RunReport
from figcheck.pipeline import check_text
from tests.conftest import make_table

GOLDEN = Path(__file__).resolve().parent.parent / "golden"

ARTICLE = (
    "2025年10月28日\n"
    "日本は5500億ドル約85兆円の対米投資を約束した。\r\n"
    "トヨタは100億ドル（約1兆5300億円）を投じる。\n"
    "英国は20億ポンド（約3600億円、1ポンド＝180円で換算）を拠出する。\n"
    "韓国は2兆ウォン（約2100億円）を投じる。\n"
)


@pytest.fixture
def run_report() -> RunReport:
    """Two files: a checked article and an unreadable one."""
    table = make_table("2025-10-28,GBP,JPY,203.5,reference,ECB", "2025-10-28,USD,JPY,153,house,desk")
    return RunReport(
        (
            check_text(ARTICLE, path="articles/summit.txt", rates=table, options=CheckOptions()),
            FileReport("articles/broken.txt", "", error="articles/broken.txt: binary file (NUL bytes), not text"),
        )
    )


def assert_golden(name: str, actual: str) -> None:
    """Compare with ``tests/golden/NAME``; FIGCHECK_UPDATE_GOLDEN=1 rewrites the file."""
    path = GOLDEN / name
    if os.environ.get("FIGCHECK_UPDATE_GOLDEN") == "1":
        with path.open("w", encoding="utf-8", newline="") as f:
            f.write(actual)
    with path.open(encoding="utf-8", newline="") as f:
        assert actual == f.read()
