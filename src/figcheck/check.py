"""Claims + rate context -> findings: re-derive each conversion, compare it within the
precision the writer used, and explain. This module owns the rule identifiers.

Semantics (DESIGN.md): the written converted figure holds when the exact expected value,
rounded half-up *or* truncated to the place of the figure's last non-zero digit, equals it
(ceiling instead of truncation for 弱/近く/足らず/未満). A reference rate from the table is
what the market did that day, not what the writer used: the figure holds when some rate
within the tolerance of it makes the figure hold.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Protocol

from figcheck import currencies, numerals
from figcheck.model import (
    AppliedRate,
    Conversion,
    Finding,
    Interval,
    Qualifier,
    RateKind,
    RateOrigin,
    RateStatement,
    Rule,
    Scan,
    Severity,
    Status,
)

__all__ = ["DEFAULT_TOLERANCE", "CheckOptions", "RateSource", "check"]

DEFAULT_TOLERANCE = Decimal("0.02")


class _Row(Protocol):
    @property
    def on(self) -> dt.date: ...
    @property
    def value(self) -> Decimal: ...
    @property
    def kind(self) -> RateKind: ...
    @property
    def source(self) -> str: ...


class _Found(Protocol):
    @property
    def rate(self) -> _Row: ...
    @property
    def requested(self) -> dt.date: ...


class RateSource(Protocol):
    """Anything that gives the rate of a pair on a date (``rates.RateTable``)."""

    def lookup(self, base: str, quote: str, on: dt.date) -> _Found | None:
        """The row for ``base``/``quote`` on ``on`` or shortly before, or ``None``."""
        ...


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """What the user said on the command line or in the configuration."""

    rates: Mapping[str, Decimal] = field(default_factory=dict)  # --rate USD=153
    date: dt.date | None = None  # --date
    tolerance: Decimal = DEFAULT_TOLERANCE
    severity: Mapping[str, Severity] = field(default_factory=dict)  # rule -> severity of its problems

    def severity_of(self, rule: Rule, default: Severity) -> Severity:
        """The configured severity of a problem found by ``rule``."""
        return self.severity.get(str(rule), default)


def check(scan: Scan, table: RateSource | None = None, options: CheckOptions | None = None) -> tuple[Finding, ...]:
    """Check every conversion in ``scan``; findings come in text order."""
    options = options or CheckOptions()
    statements = _Statements(scan)
    findings = [_check_conversion(scan, statements, conv, table, options) for conv in scan.conversions]
    findings.extend(_rate_findings(scan, table, options))
    findings.extend(_consistency(scan, findings, options))
    return tuple(sorted(findings, key=lambda f: (f.span.start, f.span.end, f.rule)))


# -- rates --------------------------------------------------------------------------------


def _foreign(conv: Conversion) -> str:
    return conv.source.currency if conv.stated.currency == currencies.YEN else conv.stated.currency


_ATTACHED = 2  # characters between a conversion and a statement that belongs to it: "（"


class _Statements:
    """The article's rate statements by currency, in text order, for quick look-up per conversion."""

    def __init__(self, scan: Scan) -> None:
        self.by_code: dict[str, list[RateStatement]] = {}
        for r in scan.rates:
            self.by_code.setdefault(r.base, []).append(r)
        self.ends = {code: [r.span.end for r in rs] for code, rs in self.by_code.items()}
        self.footnotes = {code: next((r for r in rs if r.covers_article), None) for code, rs in self.by_code.items()}

    def for_conversion(self, conv: Conversion, code: str) -> RateStatement | None:
        """The statement for ``code`` that covers ``conv``: in its brackets or in the brackets right
        after it ("約84兆円（1ドル＝153円換算）"), else the nearest one before it, else a footnote
        anywhere, else the first one after it (papers often give the rate after the first conversion)."""
        candidates = self.by_code.get(code)
        if not candidates:
            return None
        ends = self.ends[code]
        following = bisect_right(ends, conv.span.end)
        if following < len(candidates) and candidates[following].span.start - conv.span.end <= _ATTACHED:
            return candidates[following]
        if conv.bracket is not None:
            i = bisect_left(ends, conv.bracket.start)
            if (
                i < len(candidates)
                and candidates[i].span.start >= conv.bracket.start
                and candidates[i].span.end <= conv.bracket.end
            ):
                return candidates[i]
        before = bisect_right(ends, conv.span.start)
        if before:
            return candidates[before - 1]
        return self.footnotes[code] or candidates[0]


def _rate_date(scan: Scan, options: CheckOptions, stated: dt.date | None = None) -> dt.date | None:
    return stated or options.date or scan.article_date


def _applied_rate(
    scan: Scan, statements: _Statements, conv: Conversion, table: RateSource | None, options: CheckOptions
) -> AppliedRate | None:
    code = _foreign(conv)
    statement = statements.for_conversion(conv, code)
    if statement is not None:
        return AppliedRate(
            base=code,
            quote=currencies.YEN,
            value=statement.value,
            origin=RateOrigin.ARTICLE,
            on=_rate_date(scan, options, statement.on),
            exact=not statement.approximate,
            statement=statement.span,
        )
    if code in options.rates:
        return AppliedRate(code, currencies.YEN, options.rates[code], RateOrigin.OPTION, _rate_date(scan, options))
    on = _rate_date(scan, options)
    if table is None or on is None:
        return None
    found = table.lookup(code, currencies.YEN, on)
    return _table_rate(code, found) if found is not None else None


def _table_rate(code: str, found: _Found) -> AppliedRate:
    """A table row as the rate a check applies (exact only for a house rate)."""
    row = found.rate
    return AppliedRate(
        base=code,
        quote=currencies.YEN,
        value=row.value,
        origin=RateOrigin.TABLE,
        on=row.on,
        exact=row.kind is RateKind.HOUSE,
        requested=found.requested if row.on != found.requested else None,
        source=row.source,
    )


# -- one conversion -------------------------------------------------------------------------


def _value_interval(value: Decimal, place: Decimal, qualifier: Qualifier | None) -> tuple[Decimal, Decimal]:
    """The exact values a written figure can stand for: rounded or truncated to ``place``
    (rounded or raised, for an upper bound such as 弱)."""
    if qualifier is Qualifier.UNDER:
        return value - place, value + place / 2
    return value - place / 2, value + place


def _implied(conv: Conversion) -> Interval | None:
    """The rates (yen per foreign unit) under which the written figure holds."""
    amount = abs(conv.source.value)
    stated = abs(conv.stated.value)
    if amount == 0 or stated == 0:
        return None
    low, high = _value_interval(stated, numerals.place_of(stated), conv.stated.qualifier)
    if conv.stated.currency == currencies.YEN:
        return Interval(low / amount, high / amount)
    return Interval(amount / high, amount / low if low > 0 else Decimal("Infinity"))


def _expected(conv: Conversion, rate: AppliedRate) -> Decimal:
    """The exact converted value, through the day's pint context (``money``)."""
    from figcheck import money

    return money.convert(abs(conv.source.value), conv.source.currency, conv.stated.currency, rate.value, rate.on)


def _holds_exactly(conv: Conversion, expected: Decimal) -> bool:
    stated = abs(conv.stated.value)
    place = numerals.place_of(stated)
    other = ROUND_CEILING if conv.stated.qualifier is Qualifier.UNDER else ROUND_DOWN
    return stated in (numerals.round_to(expected, place, ROUND_HALF_UP), numerals.round_to(expected, place, other))


def _tolerance_band(rate: AppliedRate, tolerance: Decimal) -> tuple[Decimal, Decimal]:
    if rate.origin is RateOrigin.ARTICLE:  # "1香港ドル＝約17円": anything that rounds to 17
        half = numerals.place_of(rate.value) / 2
        return rate.value - half, rate.value + half
    return rate.value * (1 - tolerance), rate.value * (1 + tolerance)


def _written(conv: Conversion, scan: Scan, figure: str) -> str:
    """The stated figure as written, with its numeral replaced by ``figure``."""
    stated = conv.stated
    numeral = scan.text[stated.numeral.start : stated.numeral.end]
    return (
        scan.text[stated.span.start : stated.numeral.start]
        + numerals.in_style_of(figure, numeral)
        + scan.text[stated.numeral.end : stated.span.end]
    )


def _suggestion(conv: Conversion, scan: Scan, expected: Decimal) -> str:
    """The figure the writer should have written: as many significant digits as they used."""
    stated = abs(conv.stated.value)
    digits = max(numerals.significant_digits(stated), 2)
    place = Decimal(1).scaleb(expected.adjusted() - digits + 1)
    rounding = ROUND_CEILING if conv.stated.qualifier is Qualifier.UNDER else ROUND_HALF_UP
    return _written(conv, scan, numerals.to_newspaper(expected, place, rounding))


def _expected_text(conv: Conversion, expected: Decimal) -> str:
    """The re-derived figure in newspaper notation, two digits finer than the written one."""
    place = numerals.place_of(abs(conv.stated.value)) / 100
    return numerals.to_newspaper(expected, place) + currencies.word_for(conv.stated.currency)


def _rate_text(rate: AppliedRate) -> str:
    per = f"1{currencies.word_for(rate.base)}={numerals.plain(rate.value)}円"
    if rate.origin is RateOrigin.TABLE:
        where = f"table row {rate.on}" + (f", the nearest before {rate.requested}" if rate.requested else "")
        kind = "" if rate.exact else ", reference ±tolerance"
        return f"{per} ({where}, {rate.source or 'no source'}{kind})"
    return f"{per} ({rate.origin}{f' {rate.on}' if rate.on else ''})"


def _check_conversion(
    scan: Scan, statements: _Statements, conv: Conversion, table: RateSource | None, options: CheckOptions
) -> Finding:
    implied = _implied(conv)
    rate = _applied_rate(scan, statements, conv, table, options)
    assumed = _assumption(conv)
    claim = f"{conv.source.text} → {conv.stated.text}{assumed}"
    if rate is None or implied is None:
        code = _foreign(conv)
        why = (
            "no amount to convert"
            if implied is None
            else f"no rate for {code}: the article states none; give --rate {code}=VALUE or --date YYYY-MM-DD"
        )
        return Finding(
            Rule.CONVERSION,
            Status.UNVERIFIABLE,
            Severity.INFO,
            conv.span,
            f"{claim}: unverifiable, {why}",
            conversion=conv,
            implied=implied,
        )
    expected = _expected(conv, rate)
    holds = _holds_exactly(conv, expected)
    within = ""
    if not holds and not rate.exact:
        low, high = _tolerance_band(rate, options.tolerance)
        holds = implied.low <= high and implied.high > low
        within = f" for a rate between {_plain_rate(low)} and {_plain_rate(high)}円 ({_interval_text(implied)} fits)"
    expected_text = _expected_text(conv, expected)
    if holds:
        status, severity = Status.OK, Severity.INFO
        message = f"{claim}: holds{within}; at {_rate_text(rate)} it is {expected_text}"
        suggestion = None
    else:
        status, severity = Status.MISMATCH, options.severity_of(Rule.CONVERSION, Severity.ERROR)
        suggestion = _suggestion(conv, scan, expected)
        message = (
            f"{conv.stated.text} does not hold: {conv.source.text}{assumed} "
            f"at {_rate_text(rate)} is {expected_text}; "
            f"write {suggestion} (the written figure implies {_interval_text(implied)})"
        )
    return Finding(
        Rule.CONVERSION,
        status,
        severity,
        conv.span,
        message,
        conversion=conv,
        rate=rate,
        expected=numerals.canonical(expected),
        expected_text=expected_text,
        suggestion=suggestion,
        implied=implied,
    )


def _assumption(conv: Conversion) -> str:
    """A note when a currency was not written but assumed: 「$」 is read as USD."""
    notes = [
        f"「{next((w for w in currencies.ASSUMED if w in m.text), m.text)}」 read as {m.currency}"
        for m in (conv.source, conv.stated)
        if m.assumed
    ]
    return f" ({', '.join(notes)})" if notes else ""


def _plain_rate(v: Decimal) -> str:
    """A rate for a message: two decimals, or four significant digits for a small rate (0.1066円)."""
    if not v.is_finite():
        return "∞"
    if v == 0:
        return "0"
    place = Decimal(1).scaleb(min(-2, v.adjusted() - 3))
    return numerals.plain(v.quantize(place, ROUND_HALF_UP))


def _interval_text(interval: Interval) -> str:
    return f"a rate of {_plain_rate(interval.low)}–{_plain_rate(interval.high)}円"


# -- whole-article findings --------------------------------------------------------------------


def _rate_findings(scan: Scan, table: RateSource | None, options: CheckOptions) -> Iterator[Finding]:
    """An article rate far from the table's rate for its date is worth a second look."""
    if table is None:
        return
    for statement in scan.rates:
        on = _rate_date(scan, options, statement.on)
        if on is None:
            continue
        found = table.lookup(statement.base, statement.quote, on)
        if found is None:
            continue
        reference = found.rate.value
        deviation = (statement.value - reference) / reference
        if abs(deviation) <= options.tolerance:
            continue
        pct = numerals.plain((deviation * 100).quantize(Decimal("0.1"), ROUND_HALF_UP))
        word = currencies.word_for(statement.base)
        yield Finding(
            Rule.RATE,
            Status.MISMATCH,
            options.severity_of(Rule.RATE, Severity.WARNING),
            statement.span,
            f"the article's rate 1{word}={numerals.plain(statement.value)}円 is {pct}% from the table's "
            f"{numerals.plain(reference)}円 ({found.rate.source or found.rate.kind}, {found.rate.on})",
            rate=_table_rate(statement.base, found),
        )


def _line_of(scan: Scan, offset: int) -> int:
    return scan.text.count("\n", 0, offset) + 1


def _consistency(scan: Scan, findings: list[Finding], options: CheckOptions) -> Iterator[Finding]:
    """With no rate, conversions of one currency whose implied rates cannot meet are not all right."""
    groups: dict[str, list[tuple[Finding, Conversion, Interval]]] = {}
    for f in findings:
        if f.status is Status.UNVERIFIABLE and f.implied is not None and f.conversion is not None:
            groups.setdefault(_foreign(f.conversion), []).append((f, f.conversion, f.implied))
    for code, group in groups.items():
        if len(group) < 2:
            continue
        highest_low = max(group, key=lambda g: g[2].low)
        lowest_high = min(group, key=lambda g: g[2].high)
        if highest_low[2].low < lowest_high[2].high:
            continue
        (first, first_conv, first_rates), (second, second_conv, second_rates) = sorted(
            (highest_low, lowest_high), key=lambda g: g[0].span.start
        )
        yield Finding(
            Rule.RATE_CONSISTENCY,
            Status.MISMATCH,
            options.severity_of(Rule.RATE_CONSISTENCY, Severity.WARNING),
            second.span,
            f"{first_conv.stated.text} (line {_line_of(scan, first.span.start)}) and "
            f"{second_conv.stated.text} (line {_line_of(scan, second.span.start)}) imply different "
            f"{currencies.word_for(code)} rates ({_interval_text(first_rates)} vs {_interval_text(second_rates)}); "
            "one of them is wrong",
            conversion=second_conv,
            implied=second_rates,
            related=(first.span,),
        )
