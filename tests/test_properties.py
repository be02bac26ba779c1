"""Property-based tests: notation round-trips, the scanner never raises, spans slice back."""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from figcheck.check import CheckOptions, check
from figcheck.figures import figures
from figcheck.markup import mask
from figcheck.model import OutputFormat, RunReport
from figcheck.numerals import canonical, parse, to_newspaper
from figcheck.pipeline import check_text
from figcheck.rates import LazyRateTable, default_table_path
from figcheck.report.base import formatter_for
from figcheck.scan import scan
from tests.strategies import any_text, japanese_text, newspaper_values

SHIPPED = LazyRateTable(default_table_path())

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(newspaper_values)
def test_newspaper_notation_reads_back(value: Decimal) -> None:
    parsed = parse(to_newspaper(value))
    assert parsed is not None
    assert parsed.value == canonical(value)


@FAST
@given(any_text)
def test_scanner_never_raises_and_spans_slice_back(text: str) -> None:
    s = scan(text)
    for m in s.money:
        assert text[m.span.start : m.span.end] == m.text
        assert m.span.start <= m.amount.start <= m.numeral.start < m.numeral.end <= m.amount.end <= m.span.end
    for c in s.conversions:
        assert c.span.start <= c.stated.span.start
        assert c.stated.span.end <= c.span.end
    for r in s.rates:
        assert text[r.span.start : r.span.end] == r.text
    check(s, None, CheckOptions())


@FAST
@given(japanese_text)
def test_every_report_of_any_text_renders(text: str) -> None:
    """Whatever the text — huge figures, rates supposed, 当時 — a check with the shipped table and
    every formatter finish without raising (reports run outside the check's decimal context)."""
    report = check_text(text, path="a.txt", rates=SHIPPED, options=CheckOptions())
    for fmt in OutputFormat:
        formatter_for(fmt, color=False, width=80).render(RunReport((report,)))


@FAST
@given(any_text)
def test_figures_slice_back(text: str) -> None:
    for kind in ("all", "money", "percent", "number"):
        for f in figures(text, kind).figures:
            assert text[f.span.start : f.span.end] == f.text


@FAST
@given(any_text)
def test_markdown_mask_keeps_length_and_lines(text: str) -> None:
    masked = mask(text)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(text) if c == "\n"] == [i for i, c in enumerate(masked) if c == "\n"]


def _assert_windows_apart_and_cover_triggers(text: str) -> None:
    from figcheck.scan import mentions, spans, statements

    for trigger in (mentions.TRIGGER, statements.TRIGGER):
        windows = list(spans.windows(text, trigger))
        # Windows never touch: a mention across two adjacent windows would be cut in two.
        assert all(a_end < b_start for (_, a_end), (b_start, _) in pairwise(windows))
        for m in trigger.finditer(text):
            assert any(start <= m.start() and m.end() <= end for start, end in windows)


@given(any_text)
def test_windows_are_apart_and_cover_every_trigger(text: str) -> None:
    _assert_windows_apart_and_cover_triggers(text)


def test_a_window_widened_back_to_the_one_before_merges_with_it() -> None:
    # The second window widens over the digits exactly back to where the first one ends.
    _assert_windows_apart_and_cover_triggers("5ドル" + "あ" * 28 + "1" * 20 + "ドル")


@given(st.integers(min_value=1, max_value=10**24))  # past 京 (10**16) and its four digits
def test_a_suggestion_in_the_writers_style_reads_back(value: int) -> None:
    from figcheck.numerals import in_style_of

    figure = to_newspaper(Decimal(value))
    for written in ("八十", "二〇", "８５", "1,600"):
        styled = in_style_of(figure, written)
        parsed = parse(styled)
        assert parsed is not None, styled
        assert parsed.value == value, styled


@FAST
@given(any_text)
def test_the_literal_patterns_in_re_match_as_in_regex(text: str) -> None:
    import regex

    from figcheck import rx
    from tests.test_rx import _every_literal_pattern

    for pattern in _every_literal_pattern():
        assert [m.span() for m in rx.literals(pattern).finditer(text)] == [
            m.span() for m in regex.compile(pattern).finditer(text)
        ]
