"""Markdown masking keeps positions and hides code; comments silence findings."""

from __future__ import annotations

import datetime as dt

import pytest

from figcheck.markup import Suppressions, front_matter_date, mask
from figcheck.model import Status
from figcheck.pipeline import check_text

DOC = """---
title: 投資
date: 2025-10-28
---
本文は5500億ドル（約85兆円）。

```
コードの5500億ドル（約85兆円）
```

    インデントの5500億ドル（約85兆円）

`5500億ドル（約85兆円）` と <!-- 5500億ドル（約85兆円） --> の後。
"""


def test_mask_keeps_positions_and_prose() -> None:
    masked = mask(DOC)
    assert len(masked) == len(DOC)
    assert [i for i, c in enumerate(DOC) if c == "\n"] == [i for i, c in enumerate(masked) if c == "\n"]
    assert masked.count("5500億ドル") == 1  # only the prose sentence is left
    assert masked.index("5500億ドル") == DOC.index("5500億ドル")
    assert "title" not in masked
    assert "コード" not in masked
    assert "インデント" not in masked
    assert masked.rstrip().endswith("の後。")


TABLE = """---
date: 2025-10-28
---
| 分野 | 金額 | 円換算 |
| --- | ---: | ---: |
| 半導体 | 1000億ドル | 約15兆3000億円 |
| 電力 | `2000億ドル` | 約31兆円 |
| 造船 | 500億ドル | 約9兆円 |
"""


def test_a_markdown_table_keeps_its_delimiter_row_and_its_rows_pair() -> None:
    masked = mask(TABLE)
    assert "| --- | ---: | ---: |" in masked
    report = check_text(TABLE, path="t.md")
    found = [(f.conversion.source.text, f.status) for f in report.findings if f.conversion]
    # the code span's row has no amount left to pair; the wrong one is a mismatch
    assert found == [("1000億ドル", Status.OK), ("500億ドル", Status.MISMATCH)]


def test_front_matter_date() -> None:
    assert front_matter_date(DOC) == dt.date(2025, 10, 28)
    assert front_matter_date("本文") is None


@pytest.mark.parametrize(
    ("text", "line", "rule", "silenced"),
    [
        ("<!-- figcheck-disable-next-line -->\nA\nB", 2, "conversion", True),
        ("<!-- figcheck-disable-next-line -->\nA\nB", 3, "conversion", False),
        ("<!-- figcheck-disable-next-line rate -->\nA", 2, "conversion", False),
        ("<!-- figcheck-disable-next-line rate -->\nA", 2, "rate", True),
        ("A\n<!-- figcheck-disable -->\nB\nC\n<!-- figcheck-enable -->\nD", 4, "conversion", True),
        ("A\n<!-- figcheck-disable -->\nB\nC\n<!-- figcheck-enable -->\nD", 6, "conversion", False),
        ("<!-- figcheck-disable conversion -->\nB", 2, "rate", False),
        ("<!-- figcheck-disable conversion -->\nB", 2, "conversion", True),
        # Several directives: each one's line is counted right.
        (
            "A\n<!-- figcheck-disable -->\nB\n<!-- figcheck-enable -->\nC\n<!--\nfigcheck-disable-next-line\n-->\nD",
            9,
            "conversion",
            True,
        ),
        (
            "A\n<!-- figcheck-disable -->\nB\n<!-- figcheck-enable -->\nC\n<!--\nfigcheck-disable-next-line\n-->\nD",
            5,
            "conversion",
            False,
        ),
    ],
)
def test_suppressions(text: str, line: int, rule: str, silenced: bool) -> None:
    assert Suppressions.read(text).silenced(line, rule) is silenced
