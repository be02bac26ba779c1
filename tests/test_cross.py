"""Conversions between two foreign currencies (#16): 「50億ユーロ（約58億ドル）」 at the article's cross
rate, at the cross of two --rate yen rates, or at the table's cross (EUR/JPY ÷ USD/JPY)."""

from __future__ import annotations

from decimal import Decimal

import pytest

import figcheck
from figcheck.context import CheckOptions
from figcheck.model import RateOrigin
from tests.conftest import make_table

TABLE = make_table(
    "2025-10-27,EUR,JPY,176,reference,ECB",
    "2025-10-27,USD,JPY,151,reference,ECB",
    "2025-10-28,EUR,JPY,177,reference,ECB",
    "2025-10-28,USD,JPY,152,reference,ECB",
)
DATE = "2025年10月28日\n"


def verdict(text: str, **kwargs: object) -> list[tuple[str, str | None, str | None]]:
    report = figcheck.check_text(text, rates=kwargs.pop("rates", TABLE), **kwargs)  # type: ignore[arg-type]
    return [(str(f.status), f.suggestion, f.rate.origin.value if f.rate else None) for f in report.findings]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (DATE + "独社は50億ユーロ（約58億ドル）を投じる。", [("ok", None, "table")]),
        (DATE + "独社は50億ユーロ（約68億ドル）を投じる。", [("mismatch", "約58億ドル", "table")]),
        (DATE + "米社は20億ドル（約17億ユーロ）で買収する。", [("ok", None, "table")]),
        ("1ユーロ＝1.16ドルで換算。独社は50億ユーロ（約58億ドル）を投じる。", [("ok", None, "article")]),
        ("1ユーロ＝1.16ドルで換算。米社は58億ドル（約50億ユーロ）を投じる。", [("ok", None, "article")]),
        ("1ユーロ＝1.16ドルで換算。独社は50億ユーロ（約43億ドル）を投じる。", [("mismatch", "約58億ドル", "article")]),
        ("1ユーロ＝約1.2ドルで換算。独社は50億ユーロ（約57億ドル）を投じる。", [("ok", None, "article")]),
        ("独社は50億ユーロ（約58億ドル）を投じる。", [("unverifiable", None, None)]),
        # distractors: an aside in brackets, a market quote, a rate-only bracket
        (DATE + "総額30億ドル（うち10億ユーロは欧州向け）となる。", []),
        ("ユーロ相場は1ユーロ＝1.16ドル台で推移した。", []),
        (DATE + "中国は100億元（1元は約21円）を拠出する。", []),
    ],
)
def test_cross_conversions(text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert verdict(text) == expected


def test_two_yen_rates_given_make_a_cross() -> None:
    options = CheckOptions(rates={"EUR": 174, "USD": 150})
    report = figcheck.check_text("独社は50億ユーロ（約58億ドル）を投じる。", rates={}, options=options)
    (finding,) = report.findings
    assert finding.rate is not None
    assert finding.rate.origin is RateOrigin.OPTION
    assert str(finding.rate.value) == "1.16"
    assert str(finding.status) == "ok"


def test_the_table_cross_is_a_reference_with_its_window() -> None:
    report = figcheck.check_text(DATE + "独社は50億ユーロ（約57億ドル）を投じる。", rates=TABLE)
    (finding,) = report.findings
    assert finding.rate is not None
    assert finding.rate.exact is False
    assert finding.rate.window is not None
    tenth = Decimal("1E-10")
    low, high = finding.rate.window.low.quantize(tenth), finding.rate.window.high.quantize(tenth)
    assert (low, high) == (
        (Decimal(176) / 152).quantize(tenth),
        (Decimal(177) / 151).quantize(tenth),
    )  # lowest over highest
    assert str(finding.status) == "ok"  # 57億: 1.14 a euro, within the window's band ±2%


@pytest.mark.parametrize(
    ("statement", "warned"),
    [
        ("1ユーロ＝1.16ドル", False),  # the table's cross is 1.1645
        ("1ユーロ＝1.30ドル", True),  # 12% off: a typo or another year's rate
        ("1ドル＝0.86ユーロ", False),  # the other way round
    ],
)
def test_an_article_cross_rate_far_from_the_table_is_a_rate_warning(statement: str, warned: bool) -> None:
    report = figcheck.check_text(f"{DATE}{statement}で換算した。", rates=TABLE)
    assert [str(f.rule) for f in report.findings] == (["rate"] if warned else [])
