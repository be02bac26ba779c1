"""Conversions between two foreign currencies (「50億ユーロ（約58億ドル）」) -> findings, rule
``conversion``: re-derived at the article's cross rate (「1ユーロ＝1.16ドル」), at the cross of two
``--rate`` yen rates, or at the table's cross on the rate date. The table holds yen rates, so its
EUR/USD is EUR/JPY ÷ USD/JPY of the same day (for ECB rows, the ECB's own cross: both legs are its
euro rates). A table cross is a reference rate: the figure holds at any rate of the reference
window's band (the lowest leg over the highest, and the reverse) within the tolerance, as a yen
conversion does.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from figcheck import currencies, numerals, written
from figcheck.check import (
    implied_rates,
    judged_finding,
    plain_rate,
    tolerance_band,
    unverifiable_finding,
)
from figcheck.context import CheckOptions, RateSource, Statements
from figcheck.i18n import _, day
from figcheck.model import (
    AppliedRate,
    Band,
    Conversion,
    Finding,
    RateKind,
    RateOrigin,
    RateStatement,
    Reason,
    Rule,
    Status,
)

__all__ = ["check_cross"]


def _statement(conv: Conversion, statements: Statements) -> tuple[RateStatement, Decimal] | None:
    """The article's cross rate for ``conv`` (either way round), the nearest before it, else the first."""
    base, quote = conv.source.currency, conv.stated.currency
    fitting = [(r, r.value) for r in statements.crosses if (r.base, r.quote) == (base, quote)]
    fitting += [(r, 1 / r.value) for r in statements.crosses if (r.base, r.quote) == (quote, base)]
    fitting.sort(key=lambda pair: pair[0].span.start)
    before = [pair for pair in fitting if pair[0].span.start <= conv.span.start]
    return before[-1] if before else (fitting[0] if fitting else None)


def _rate(
    conv: Conversion, statements: Statements, article: dt.date | None, table: RateSource | None, options: CheckOptions
) -> AppliedRate | None:
    base, quote = conv.source.currency, conv.stated.currency
    found = _statement(conv, statements)
    if found is not None:
        statement, value = found
        return AppliedRate(
            base,
            quote,
            value,
            RateOrigin.ARTICLE,
            options.rate_date(article, statement.on),
            exact=not statement.approximate,
            statement=statement.span,
        )
    on = options.rate_date(article)
    if base in options.rates and quote in options.rates:
        return AppliedRate(base, quote, _cross(options.rates[base], options.rates[quote]), RateOrigin.OPTION, on)
    if table is None or on is None:
        return None
    return table_cross(base, quote, on, table, options)


def table_cross(base: str, quote: str, on: dt.date, table: RateSource, options: CheckOptions) -> AppliedRate | None:
    """The table's ``base``/``quote`` on ``on``: its two yen rates' ratio, with the band of the
    reference window (the lowest leg over the highest, and the reverse) unless both are house rates."""
    legs = table.lookup(base, currencies.YEN, on), table.lookup(quote, currencies.YEN, on)
    if legs[0] is None or legs[1] is None:
        return None
    b, q = legs[0].rate, legs[1].rate
    exact = b.kind is RateKind.HOUSE and q.kind is RateKind.HOUSE
    window = None
    if not exact and options.reference_window > 0:
        bb = table.band(base, currencies.YEN, on, options.reference_window)
        qb = table.band(quote, currencies.YEN, on, options.reference_window)
        if bb is not None and qb is not None:
            window = Band(bb.low / qb.high, bb.high / qb.low, max(bb.first, qb.first), min(bb.last, qb.last))
    source = b.source if b.source == q.source else f"{b.source} / {q.source}"
    return AppliedRate(
        base,
        quote,
        _cross(b.value, q.value),
        RateOrigin.TABLE,
        min(b.on, q.on),
        exact=exact,
        source=source,
        window=window,
    )


def rate_finding(statement: RateStatement, on: dt.date, table: RateSource, options: CheckOptions) -> Finding | None:
    """Rule ``rate`` for an article's cross rate (「1ユーロ＝1.30ドル」): a finding when it is further
    than the tolerance from every rate of the table's cross over the reference window."""
    rate = table_cross(statement.base, statement.quote, on, table, options)
    if rate is None:
        return None
    low, high = tolerance_band(rate, options.tolerance)
    if low <= statement.value <= high:
        return None
    pct = numerals.plain(((statement.value - rate.value) / rate.value * 100).quantize(Decimal("0.1")))
    return Finding(
        Rule.RATE,
        Status.MISMATCH,
        options.severity_of(Rule.RATE),
        statement.span,
        _(
            "the article's rate {per} is {pct}% from the table's {reference} ({where}); it is outside {low}–{high}"
        ).format(
            per=_per(statement.value, statement.base, statement.quote),
            pct=pct,
            reference=_per(rate.value, statement.base, statement.quote),
            where=_("the table's yen rates of {on}, {source}").format(on=day(rate.on or on), source=rate.source),
            low=plain_rate(low),
            high=plain_rate(high),
        ),
        rate=rate,
    )


#: Significant digits of a cross rate made from two yen rates (the legs have six or seven): the rate
#: as printed and in JSON, and the one the figure is re-derived at.
_CROSS_DIGITS = 10


def _cross(base_yen: Decimal, quote_yen: Decimal) -> Decimal:
    """One base unit in quote units, from their yen rates, to ``_CROSS_DIGITS`` significant digits."""
    ratio = base_yen / quote_yen
    return numerals.canonical(ratio.quantize(Decimal(1).scaleb(ratio.adjusted() - _CROSS_DIGITS + 1)))


def _per(rate: Decimal | str, base: str, quote: str) -> str:
    value = plain_rate(rate) if isinstance(rate, Decimal) else rate
    return _("1{word}={value}{quote}").format(
        word=currencies.word_for(base), value=value, quote=currencies.word_for(quote)
    )


def _rate_text(rate: AppliedRate) -> str:
    per = _per(rate.value, rate.base, rate.quote)
    if rate.origin is RateOrigin.TABLE:
        where = _("the table's yen rates of {on}, {source}").format(
            on=day(rate.on) if rate.on else "", source=rate.source
        )
        return _("{per} ({where})").format(per=per, where=where)
    origin = {RateOrigin.ARTICLE: _("the article's rate"), RateOrigin.OPTION: _("--rate")}[rate.origin]
    return _("{per} ({origin})").format(per=per, origin=origin)


def check_cross(
    conv: Conversion, statements: Statements, article: dt.date | None, table: RateSource | None, options: CheckOptions
) -> Finding:
    """The finding for one conversion between two foreign currencies."""
    base, quote = conv.source.currency, conv.stated.currency
    claim = _("{source} → {stated}").format(source=conv.source.text, stated=conv.stated.text)
    implied = implied_rates(conv)
    rate = _rate(conv, statements, article, table, options)
    if implied is None or rate is None or conv.source.uncertain or conv.stated.uncertain:
        why = (
            _("no amount to convert")
            if implied is None
            else _("the figure can be read more than one way (digits and 「・」 before it); check it by hand")
            if rate is not None
            else _(
                "no {base}/{quote} rate: the article states none, and there is no date or table row to take the "
                "table's cross from; give --rate {base}=VALUE and --rate {quote}=VALUE"
            ).format(base=base, quote=quote)
        )
        reason = Reason.NO_AMOUNT if implied is None else Reason.UNCERTAIN if rate is not None else Reason.NO_ROW
        return unverifiable_finding(conv, claim, why, reason, implied, rate)
    from figcheck import money

    expected = money.convert(abs(conv.source.value), base, quote, rate.value, rate.on)
    expected_text = numerals.to_newspaper(
        expected, min(Decimal(1), numerals.place_of(abs(conv.stated.value)) / 100)
    ) + currencies.word_for(quote)
    implied_text = _("a rate of {per}").format(
        per=_per(f"{plain_rate(implied.low)}–{plain_rate(implied.high)}", base, quote)
    )
    holds = written.holds(conv.stated, expected)
    band = None if holds or rate.exact else tolerance_band(rate, options.tolerance)
    band_text = ""
    if band is not None:
        holds = implied.low <= band[1] and implied.high > band[0]
        band_text = _("{low}–{high}{quote} (the rate ±{pct}%, over the reference window)").format(
            low=plain_rate(band[0]),
            high=plain_rate(band[1]),
            quote=currencies.word_for(quote),
            pct=numerals.plain((options.tolerance * 100).normalize()),
        )
    return judged_finding(
        conv,
        holds,
        rate,
        expected,
        implied,
        options,
        claim=claim,
        rate_text=_rate_text(rate),
        expected_text=expected_text,
        implied_text=implied_text,
        band=band_text,
    )
