"""The rate context of a check: which rate applies to a conversion — the article's own statement,
``--rate``, or the table on the rate date — and the options the user gave."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import field, replace
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Protocol

from figcheck import currencies
from figcheck.frozen import frozen
from figcheck.model import (
    MAX_AGE_DAYS,
    REFERENCE_WINDOW_DAYS,
    AppliedRate,
    Band,
    Conversion,
    Coverage,
    Lookup,
    RateKind,
    RateOrigin,
    RateStatement,
    RateTime,
    Rule,
    Severity,
    Span,
)
from figcheck.rules import default_severity

if TYPE_CHECKING:
    import regex

__all__ = [
    "DEFAULT_TOLERANCE",
    "CheckOptions",
    "RateSource",
    "Statements",
    "applied_rate",
    "foreign",
    "table_rate",
    "widened",
]

DEFAULT_TOLERANCE = Decimal("0.02")


class RateSource(Protocol):
    """Anything that gives the rate of a pair on a date (``rates.RateTable``)."""

    def lookup(self, base: str, quote: str, on: dt.date, max_age: int = MAX_AGE_DAYS) -> Lookup | None:
        """The row for ``base``/``quote`` on ``on`` or up to ``max_age`` days before, or ``None``."""
        ...

    def coverage(self, base: str, quote: str) -> Coverage | None:
        """The dates and the range of rates the table has for ``base``/``quote``, or ``None``."""
        ...

    def band(self, base: str, quote: str, on: dt.date, days: int) -> Band | None:
        """The lowest and highest reference rates of ``base``/``quote`` over ``days`` days before ``on``."""
        ...


@frozen
class CheckOptions:
    """What the user said on the command line or in the configuration."""

    rates: Mapping[str, Decimal] = field(default_factory=dict)  # --rate USD=153
    date: dt.date | None = None  # --date
    tolerance: Decimal = DEFAULT_TOLERANCE
    reference_window: int = REFERENCE_WINDOW_DAYS  # days before the rate date a writer's rate may be from
    severity: Mapping[str, Severity] = field(default_factory=dict)  # rule -> severity of its problems

    def __post_init__(self) -> None:
        """A library caller's ``{"USD": 153}`` or ``tolerance=0.02`` is taken as the decimal it says
        (a float through its shortest repr, never its binary value)."""
        if any(not isinstance(v, Decimal) for v in self.rates.values()):
            object.__setattr__(self, "rates", {k: Decimal(str(v)) for k, v in self.rates.items()})
        if not isinstance(self.tolerance, Decimal):
            object.__setattr__(self, "tolerance", Decimal(str(self.tolerance)))

    def severity_of(self, rule: Rule) -> Severity:
        """The severity of a problem found by ``rule``: the configured one, else the rule's default."""
        return self.severity.get(str(rule), default_severity(rule))

    def rate_date(self, article: dt.date | None, stated: dt.date | None = None) -> dt.date | None:
        """The date a rate is looked up for: the one stated with it, else ``--date``, else the article's."""
        return stated or self.date or article


def foreign(conv: Conversion) -> str:
    """The foreign currency of a conversion, whichever side it is on."""
    return conv.source.currency if conv.stated.currency == currencies.YEN else conv.stated.currency


_ATTACHED = 2  # characters between a conversion and a statement that belongs to it: "（"


@cache
def _lead() -> regex.Pattern[str]:
    """What may stand between a supposed rate and the conversion it leads (「なら、日本の投資額」),
    as the scanner pairs it; compiled on first use (the scanner's package is not imported before)."""
    from figcheck import rx
    from figcheck.scan.patterns import SUPPOSED_LEAD

    return rx.compile(SUPPOSED_LEAD)


class Statements:
    """The article's rate statements by currency, in text order, for quick look-up per conversion."""

    def __init__(
        self, rates: tuple[RateStatement, ...], text: str | None = None, conversions: tuple[Conversion, ...] = ()
    ) -> None:
        """Index ``rates`` (of ``text``) by currency; a local statement (「140円なら」, 「× 150円 ＝」)
        is only ever the rate of the conversion it sits in, or of the one it leads. A statement inside
        one of ``conversions`` (between its figures, in its brackets or right after them) is that
        conversion's: it is no earlier conversion's "first statement after"."""
        self.text = text
        self.owned = _owned(rates, conversions)
        self.by_code: dict[str, list[RateStatement]] = {}
        self.local: dict[str, list[RateStatement]] = {}
        self.crosses: list[RateStatement] = []  # 「1ユーロ＝1.16ドル」: between two foreign currencies
        for r in rates:
            if r.quote != currencies.YEN:
                self.crosses.append(r)
                continue
            (self.local if r.local else self.by_code).setdefault(r.base, []).append(r)
        self.ends = {code: [r.span.end for r in rs] for code, rs in self.by_code.items()}
        self.footnotes = {code: next((r for r in rs if r.covers_article), None) for code, rs in self.by_code.items()}

    def for_conversion(self, conv: Conversion, code: str) -> RateStatement | None:
        """The statement for ``code`` that covers ``conv``: between its figures, or a rate supposed
        right before it (「1ドル＝140円なら、…」), or in its brackets or in the brackets right
        after it ("約84兆円（1ドル＝153円換算）"), else the nearest one before it, else a footnote
        anywhere, else the first one after it that no other conversion owns (papers often give the
        rate after the first conversion)."""
        local = self.local.get(code, ())
        between = _last_between(local, conv) or _last_between(self.by_code.get(code, ()), conv)
        if between is not None:
            return between  # 「20億ドル × 150円 ＝ 3000億円」, 「…、160円なら約3200億円」
        leading = self._leading(local, conv)
        if leading is not None:
            return leading  # 「1ドル＝140円なら、20億ドルは約2800億円」: the rate supposed for it
        candidates = self.by_code.get(code)
        if not candidates or conv.rate_time is RateTime.THEN:
            return None  # none; or a rate of the time: no other statement of the article is it
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
        # The first one after, unless it is another conversion's own: 「…5500億ドル（約84兆円）。…3500億
        # ドルを拠出する。1ドル＝150円で換算すると、約52兆5000億円」 says nothing of the first one's rate.
        return self.footnotes[code] or next((r for r in candidates if r.span not in self.owned), None)

    def _leading(self, local: list[RateStatement] | tuple[()], conv: Conversion) -> RateStatement | None:
        """The rate supposed (「…なら」) last before ``conv`` in its sentence, with no figure between:
        「1ドル＝150円なら、日本の投資額5500億ドルは…」. Nothing when the text is unknown."""
        last = next((r for r in reversed(local) if r.span.end <= conv.span.start), None)
        if last is None or self.text is None:
            return None
        return last if _lead().fullmatch(self.text, last.span.end, conv.span.start) else None


def _owned(rates: tuple[RateStatement, ...], conversions: tuple[Conversion, ...]) -> frozenset[Span]:
    """The spans of the statements written inside a conversion: between its figures, in its
    brackets, or right after them (「約84兆円（1ドル＝153円換算）」)."""
    if not rates or not conversions:
        return frozenset()
    from figcheck.scan.spans import SpanSet

    inside = SpanSet(
        [(c.span.start, c.span.end) for c in conversions]
        + [(c.bracket.start, c.bracket.end) for c in conversions if c.bracket is not None]
    )
    right_after = SpanSet((c.span.end, c.span.end + _ATTACHED) for c in conversions)
    return frozenset(
        r.span for r in rates if inside.holds(r.span.start, r.span.end) or right_after.holds(r.span.start, r.span.start)
    )


def _last_between(statements: list[RateStatement] | tuple[()], conv: Conversion) -> RateStatement | None:
    """The last statement written between a conversion's two figures, if any."""
    end = max(conv.stated.span.start, conv.source.span.start)
    found = None
    for r in statements:
        if r.span.start >= conv.span.start and r.span.end <= end:
            found = r
    return found


def applied_rate(
    conv: Conversion,
    statements: Statements,
    article: dt.date | None,
    table: RateSource | None,
    options: CheckOptions,
) -> AppliedRate | None:
    """The rate that checks ``conv``: the article's statement, else ``--rate``, else the table's."""
    code = foreign(conv)
    statement = statements.for_conversion(conv, code)
    if statement is not None:
        return AppliedRate(
            base=code,
            quote=currencies.YEN,
            value=statement.value,
            origin=RateOrigin.ARTICLE,
            on=options.rate_date(article, statement.on),
            exact=not statement.approximate,
            statement=statement.span,
        )
    if conv.rate_time is RateTime.THEN:
        return rate_of_the_time(conv, code, table)
    on = options.rate_date(article)
    if code in options.rates:
        return AppliedRate(code, currencies.YEN, options.rates[code], RateOrigin.OPTION, on)
    if table is None or on is None:
        return None
    found = table.lookup(code, currencies.YEN, on)
    return table_rate(code, found) if found is not None else None


def rate_of_the_time(conv: Conversion, code: str, table: RateSource | None) -> AppliedRate | None:
    """For 「2016年に240億ポンド（当時のレートで約3兆3000億円）」: the table's last row of the event's
    period, with the band of all its reference rates over the period (the writer's day is not known)."""
    if conv.period is None or table is None:
        return None
    first, last = conv.period
    found = table.lookup(code, currencies.YEN, last, max_age=(last - first).days)
    if found is None or found.rate.kind is not RateKind.REFERENCE:
        return table_rate(code, found) if found is not None else None
    band = table.band(code, currencies.YEN, last, (last - first).days)
    return replace(table_rate(code, found), requested=last, window=band)


def table_rate(code: str, found: Lookup) -> AppliedRate:
    """A table row as the rate a check applies: exact for a house rate (the reference window's band
    is added by ``widened``, only when a figure does not hold at the day's rate)."""
    row = found.rate
    return AppliedRate(
        base=code,
        quote=currencies.YEN,
        value=row.value,
        origin=RateOrigin.TABLE,
        on=row.on,
        exact=row.kind is RateKind.HOUSE,
        requested=found.requested if found.fallback else None,
        source=row.source,
    )


def widened(rate: AppliedRate, table: RateSource | None, options: CheckOptions) -> AppliedRate:
    """``rate`` with the band of the table's reference rates over the reference window before the
    date asked for, when it is a table reference rate without one (looked up only when needed: a
    month of rows costs milliseconds)."""
    if rate.origin is not RateOrigin.TABLE or rate.exact or rate.window is not None or table is None:
        return rate
    if options.reference_window <= 0 or rate.on is None:
        return rate
    band = table.band(rate.base, rate.quote, rate.requested or rate.on, options.reference_window)
    return replace(rate, window=band) if band is not None else rate
