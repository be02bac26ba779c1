"""Claims + rate context -> findings: re-derive each conversion, compare it within the
precision the writer used, and explain. The rules it applies are declared in ``figcheck.rules``;
which rate applies is ``figcheck.context``.

Semantics (DESIGN.md): the written converted figure holds when the exact expected value,
rounded half-up *or* truncated to the place of the figure's last non-zero digit, equals it
(ceiling instead of truncation for 弱/近く/足らず/未満). A reference rate from the table is
what the market did that day, not what the writer used: the figure holds when some rate
within the tolerance of it makes the figure hold.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from figcheck import currencies, numerals, written
from figcheck.context import (
    DEFAULT_TOLERANCE,
    CheckOptions,
    RateSource,
    Statements,
    applied_rate,
    foreign,
    rate_of_the_time,
    table_rate,
    widened,
)
from figcheck.i18n import _, day, month, ngettext
from figcheck.model import (
    MAX_AGE_DAYS,
    AppliedRate,
    Conversion,
    Coverage,
    Finding,
    Interval,
    Qualifier,
    RateOrigin,
    RateTime,
    Reason,
    Rule,
    Scan,
    Severity,
    Span,
    Status,
)
from figcheck.positions import Locator

__all__ = ["DEFAULT_TOLERANCE", "CheckOptions", "RateSource", "check"]  # the options re-exported for callers


@numerals.exact
def check(scan: Scan, table: RateSource | None = None, options: CheckOptions | None = None) -> tuple[Finding, ...]:
    """Check every conversion in ``scan``; findings come in text order."""
    options = options or CheckOptions()
    if scan.incomplete is not None:
        return (_not_checked(scan.incomplete),)
    statements = Statements(scan.rates, scan.text, scan.conversions)
    findings = [_check_conversion(conv, statements, scan.article_date, table, options) for conv in scan.conversions]
    if (dollar := _other_dollar(scan)) is not None:
        findings = [
            _as_other_dollar(f, conv, dollar, statements, scan.article_date, table, options)
            for f, conv in zip(findings, scan.conversions, strict=True)
        ]
    if scan.unit_conversions:
        from figcheck.unit_check import check_units

        findings.extend(check_units(scan, options))
    findings.extend(_rate_findings(scan, table, options))
    findings.extend(_consistency(scan, findings, options))
    return tuple(sorted(findings, key=lambda f: (f.span.start, f.span.end, f.rule)))


def _other_dollar(scan: Scan) -> str | None:
    """The one other dollar the text's money is written in (豪ドル, カナダドル …), where no money is
    written in US dollars by name (米ドル, US$ …): a bare ドル there may be either. 「100億豪ドル（約1兆円）
    …うち30億ドル（約3000億円）」 is 30億 Australian dollars."""
    others = {m.currency for m in scan.money if m.currency in currencies.OTHER_DOLLARS}
    named_us = any(w in m.text for m in scan.money if m.currency == "USD" for w in currencies.US_DOLLAR_NAMES)
    return others.pop() if len(others) == 1 and not named_us else None


def _as_other_dollar(
    finding: Finding,
    conv: Conversion,
    dollar: str,
    statements: Statements,
    article: dt.date | None,
    table: RateSource | None,
    options: CheckOptions,
) -> Finding:
    """A bare ドル that does not hold as US dollars, in an article that names another dollar, holds
    as that one: unverifiable (reason ``other-dollar``), with both readings and no suggestion. Not
    where the article or ``--rate`` states the dollar's rate: that says which dollar it is."""
    if finding.status is not Status.MISMATCH or finding.rate is None or finding.rate.origin is not RateOrigin.TABLE:
        return finding
    money = conv.source if conv.source.currency != currencies.YEN else conv.stated
    if money.currency != "USD" or any(w in money.text for w in currencies.US_DOLLAR_NAMES) or money.assumed:
        return finding
    other = replace(money, currency=dollar)
    alt = replace(conv, source=other) if money is conv.source else replace(conv, stated=other)
    held = _check_conversion(alt, statements, article, table, options)
    if held.status is not Status.OK or held.rate is None:
        return finding
    word = currencies.word_for(dollar)
    why = _(
        "as US dollars it does not hold (at {rate} it is {expected}), but as {word}, the other dollar the "
        "article names, it does (at {other_rate}); write 米ドル or {word} to say which"
    ).format(rate=_rate_text(finding.rate), expected=finding.expected_text, word=word, other_rate=_rate_text(held.rate))
    claim = _("{source} → {stated}").format(source=conv.source.text, stated=conv.stated.text)
    return unverifiable_finding(conv, claim, why, Reason.OTHER_DOLLAR, finding.implied, finding.rate)


def _not_checked(reason: str) -> Finding:
    """The one finding for a text the scanner could not finish (the time guard tripped)."""
    return Finding(
        Rule.CONVERSION,
        Status.UNVERIFIABLE,
        Severity.INFO,
        Span(0, 0),
        _("not checked: {reason}; the text defeats figcheck's patterns, so check its figures by hand").format(
            reason=reason
        ),
        reason=Reason.INCOMPLETE,
    )


# -- one conversion -------------------------------------------------------------------------


def _value_interval(value: Decimal, place: Decimal, qualifier: Qualifier | None) -> tuple[Decimal, Decimal]:
    """The exact values a written figure can stand for: rounded or truncated to ``place``
    (rounded or raised, for an upper bound such as 弱)."""
    if qualifier is Qualifier.UNDER:
        return value - place, value + place / 2
    return value - place / 2, value + place


def implied_rates(conv: Conversion) -> Interval | None:
    """The rates under which the written figure holds: yen per foreign unit, or, between two foreign
    currencies, stated units per source unit (the rate is always of the figure converted from,
    unless that is yen)."""
    amount = abs(conv.source.value)
    stated = abs(conv.stated.value)
    if amount == 0 or stated == 0:
        return None
    low, high = _value_interval(stated, numerals.place_of(stated), conv.stated.qualifier)
    if conv.source.currency != currencies.YEN:
        return Interval(low / amount, high / amount)
    return Interval(amount / high, amount / low if low > 0 else Decimal("Infinity"))


def _expected(conv: Conversion, rate: AppliedRate) -> Decimal:
    """The exact converted value, through the day's pint context (``money``)."""
    from figcheck import money

    return money.convert(abs(conv.source.value), conv.source.currency, conv.stated.currency, rate.value, rate.on)


def tolerance_band(rate: AppliedRate, tolerance: Decimal) -> tuple[Decimal, Decimal]:
    """The rates a figure may have been converted at: for an approximate article rate, anything
    that rounds to it; for a table reference rate, the table's rates over the reference window
    (else the day's alone), widened by the tolerance."""
    if rate.origin is RateOrigin.ARTICLE:  # "1香港ドル＝約17円": anything that rounds to 17
        half = numerals.place_of(rate.value) / 2
        return rate.value - half, rate.value + half
    low, high = (rate.window.low, rate.window.high) if rate.window else (rate.value, rate.value)
    return low * (1 - tolerance), high * (1 + tolerance)


def _band_text(rate: AppliedRate, band: tuple[Decimal, Decimal], tolerance: Decimal) -> str:
    """Where the rates of ``tolerance_band`` came from, for a message."""
    low, high = (plain_rate(v) for v in band)
    if rate.origin is RateOrigin.ARTICLE:
        return _("{low}–{high}円 (the article's rate as rounded)").format(low=low, high=high)
    pct = numerals.plain((tolerance * 100).normalize())
    w = rate.window
    if w is None or w.first == w.last:
        return _("{low}–{high}円 (the table's rate ±{pct}%)").format(low=low, high=high, pct=pct)
    return _("{low}–{high}円 (the table's {first_rate}–{last_rate}円 from {first} to {last}, ±{pct}%)").format(
        low=low,
        high=high,
        first_rate=plain_rate(w.low),
        last_rate=plain_rate(w.high),
        first=day(w.first),
        last=day(w.last),
        pct=pct,
    )


#: The finest place the re-derived figure is printed to: the yen (or the unit) for any figure of a
#: hundred units or more, so that the product shown is the product (84兆1500億円), not a rounding of it.
_EXACT_PLACE = Decimal(1)


def _expected_text(conv: Conversion, expected: Decimal) -> str:
    """The re-derived figure in newspaper notation: the exact product, to the unit (or, for a
    figure under a hundred, two digits finer than the written one)."""
    place = min(_EXACT_PLACE, numerals.place_of(abs(conv.stated.value)) / 100)
    return numerals.to_newspaper(expected, place) + currencies.word_for(conv.stated.currency)


def _rate_text(rate: AppliedRate) -> str:
    per = _("1{word}={value}円").format(word=currencies.word_for(rate.base), value=numerals.plain(rate.value))
    on = day(rate.on) if rate.on else ""
    if rate.origin is RateOrigin.TABLE:
        where = _("table row {on}").format(on=on)
        if rate.requested:
            where = _("{where}, the nearest before {requested}").format(where=where, requested=day(rate.requested))
        source = rate.source or _("no source")
        if rate.exact:
            return _("{per} ({where}, {source})").format(per=per, where=where, source=source)
        return _("{per} ({where}, {source}, reference ±tolerance)").format(per=per, where=where, source=source)
    origin = {RateOrigin.ARTICLE: _("the article's rate"), RateOrigin.OPTION: _("--rate")}[rate.origin]
    if on:
        return _("{per} ({origin}, {on})").format(per=per, origin=origin, on=on)
    return _("{per} ({origin})").format(per=per, origin=origin)


def _check_conversion(
    conv: Conversion, statements: Statements, article: dt.date | None, table: RateSource | None, options: CheckOptions
) -> Finding:
    if conv.source.currency == conv.stated.currency:
        return _same_currency(conv, options)
    if currencies.YEN not in (conv.source.currency, conv.stated.currency):  # 「50億ユーロ（約58億ドル）」
        from figcheck.cross_check import check_cross

        return check_cross(conv, statements, article, table, options)
    implied = implied_rates(conv)
    rate = applied_rate(conv, statements, article, table, options)
    assumed = _assumption(conv)
    claim = _("{source} → {stated}{assumed}").format(source=conv.source.text, stated=conv.stated.text, assumed=assumed)
    if rate is None or implied is None or _uncertain(conv):
        return _unverifiable(conv, implied, claim, article, table, options)
    expected = _expected(conv, rate)
    holds = written.holds(conv.stated, expected)
    band = ""
    if not holds and not rate.exact:
        rate = widened(rate, table, options)
        low, high = tolerance_band(rate, options.tolerance)
        holds = implied.low <= high and implied.high > low
        band = _band_text(rate, (low, high), options.tolerance)
    word = currencies.word_for(foreign(conv))
    if not holds and conv.loose and (conv.attributive or _far_off(abs(conv.stated.value), expected)):
        return _loose_pair(conv, claim, rate, implied, _interval_text(implied, word), expected)
    if not holds and (then := _at_the_event(conv, rate, implied, table, options)) is not None:
        return _then_or_now(conv, claim, rate, implied, then, _expected_text(conv, expected), expected)
    return judged_finding(
        conv,
        holds,
        rate,
        expected,
        implied,
        options,
        claim=claim,
        rate_text=_rate_text(rate),
        expected_text=_expected_text(conv, expected),
        implied_text=_interval_text(implied, word),
        band=band,
        assumed=assumed,
        # At a rate of the time (当時) the writer's day is not known: no figure is sure enough to suggest.
        suggest=conv.rate_time is not RateTime.THEN,
    )


def _at_the_event(
    conv: Conversion, rate: AppliedRate, implied: Interval, table: RateSource | None, options: CheckOptions
) -> str | None:
    """The rates of the earlier event its sentence names, when a figure that does not hold at the
    table's rate of the article's date holds at them (as a message's text), else ``None``.

    「ソフトバンクは2017年、約3兆円（約270億ドル）の基金を設けた」: written in 2025 at 153円 it "should" be
    約200億ドル, but 270億ドル is 2017's 111円, and real copy often keeps the figure of the time without
    saying 当時. Which rate the writer meant is not in the text: telling them to write 約200億ドル may
    be a confident wrong fix. Only for the table's rate (a rate the article states, or ``--rate``, is
    the writer's or the editor's word) and only for an event that ends before the reference window
    of the article's date (「2025年に」 in a 2025 article is no earlier event)."""
    if conv.rate_time is not None or conv.period is None or rate.origin is not RateOrigin.TABLE:
        return None
    asked = rate.requested or rate.on
    if asked is None or conv.period[1] >= asked - dt.timedelta(days=max(options.reference_window, 0)):
        return None
    then = rate_of_the_time(conv, rate.base, table)
    if then is None:
        return None
    if then.exact:  # a house rate of the time
        return _rate_text(then) if written.holds(conv.stated, _expected(conv, then)) else None
    band = tolerance_band(then, options.tolerance)  # the period's reference rates: the writer's day is not known
    return _band_text(then, band, options.tolerance) if implied.low <= band[1] and implied.high > band[0] else None


def _then_or_now(
    conv: Conversion, claim: str, rate: AppliedRate, implied: Interval, then: str, expected_text: str, expected: Decimal
) -> Finding:
    """A figure that holds at the rates of the event its sentence names, not at the article's date's:
    unverifiable, with both readings and no suggestion (the fix depends on which rate was meant)."""
    fix = written.suggestion(conv.stated, expected)
    assert conv.period is not None  # as _at_the_event found
    why = _(
        "it holds at the rates of {first} to {last}, the date its sentence names ({then}), but not at {rate}, "
        "where it is {expected}; if it was converted at that time's rate, say so (「当時のレートで」){otherwise}"
    ).format(
        first=day(conv.period[0]),
        last=day(conv.period[1]),
        then=then,
        rate=_rate_text(rate),
        expected=expected_text,
        otherwise=_("; if not, write {suggestion}").format(suggestion=fix) if fix else "",
    )
    return unverifiable_finding(
        conv, claim, why, Reason.EVENT_RATE, implied, rate, (numerals.canonical(expected), expected_text)
    )


#: 「A、約B」 whose written figure is under half or over twice the re-derived one is more likely two
#: figures side by side (「対米輸出は500億ドル、約3兆円の輸入額を上回った」) than a conversion so wrong.
_LOOSE_FACTOR = Decimal(2)


def _far_off(written_value: Decimal, expected: Decimal) -> bool:
    return written_value * _LOOSE_FACTOR < expected or written_value > expected * _LOOSE_FACTOR


def _loose_pair(
    conv: Conversion, claim: str, rate: AppliedRate, implied: Interval, implied_text: str, expected: Decimal
) -> Finding:
    """A comma-joined pair far off the rate, or whose converted figure names a thing of its own: no
    verdict and no suggestion, since it may be no conversion at all; the message gives what a
    conversion would be, for the editor to judge."""
    expected_text = _expected_text(conv, expected)
    if _far_off(abs(conv.stated.value), expected):
        why = _(
            "the two figures are joined by a comma alone and imply {implied}, far from {rate}: perhaps two "
            "figures, not a conversion; if it is one, it is {expected}"
        )
    else:  # 「米国向けは20億ドル、約4000億円の国内向けを上回った」
        why = _(
            "the two figures are joined by a comma alone, and the second names a thing of its own (「…の」): "
            "perhaps two figures, not a conversion; if it is one, at {rate} it is {expected} (it implies {implied})"
        )
    why = why.format(implied=implied_text, rate=_rate_text(rate), expected=expected_text)
    return unverifiable_finding(conv, claim, why, Reason.LOOSE, implied, rate)


def judged_finding(
    conv: Conversion,
    holds: bool,
    rate: AppliedRate,
    expected: Decimal,
    implied: Interval,
    options: CheckOptions,
    *,
    claim: str,
    rate_text: str,
    expected_text: str,
    implied_text: str,
    band: str,
    assumed: str = "",
    suggest: bool = True,
) -> Finding:
    """The finding of a conversion whose figure was re-derived (between yen and a foreign currency,
    or two foreign ones): it holds, as rounded or within ``band``; or it does not, with the figure to
    write (when ``suggest``). The texts say it in the conversion's own terms."""
    rounded = suggestion = None
    if holds:
        status, severity = Status.OK, Severity.INFO
        rounded = written.rounded_text(conv.stated, expected) if not band else None
        facts = {"claim": claim, "rate": rate_text, "expected": expected_text}
        message = holds_message(facts, implied_text, band, rounded)
    else:
        status, severity = Status.MISMATCH, options.severity_of(Rule.CONVERSION)
        suggestion = written.suggestion(conv.stated, expected) if suggest else None
        if suggestion:
            fix = _("write {suggestion}").format(suggestion=suggestion)
        else:
            fix = _("check it against the rate of the day it was converted")
        message = mismatch_message(conv, assumed, rate_text, expected_text, fix, implied_text, band)
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
        rounded_text=rounded,
        suggestion=suggestion,
        implied=implied,
    )


def holds_message(facts: dict[str, str], implied: str, band: str, rounded: str | None) -> str:
    """Why a conversion holds: within the band of rates it may have been converted at, as rounded,
    or exactly. ``facts`` has the ``claim``, the ``rate`` and the ``expected`` figure, as text."""
    if band:
        return _(
            "{claim}: holds: the written figure implies {implied}, within {band}; at {rate} it is {expected}"
        ).format(implied=implied, band=band, **facts)
    if rounded:
        return _("{claim}: holds; at {rate} it is {expected}, {rounded} as rounded").format(rounded=rounded, **facts)
    return _("{claim}: holds; at {rate} it is {expected}").format(**facts)


def mismatch_message(
    conv: Conversion, assumed: str, rate: str, expected: str, fix: str, implied: str, band: str
) -> str:
    """Why a conversion does not hold, what to write, and the rates the written figure implies."""
    if band:
        implies = _("the written figure implies {implied}, outside {band}").format(implied=implied, band=band)
    else:
        implies = _("the written figure implies {implied}").format(implied=implied)
    return _("{stated} does not hold: {source}{assumed} at {rate} is {expected}; {fix} ({implies})").format(
        stated=conv.stated.text,
        source=conv.source.text,
        assumed=assumed,
        rate=rate,
        expected=expected,
        fix=fix,
        implies=implies,
    )


def _same_currency(conv: Conversion, options: CheckOptions) -> Finding:
    """「121億ドル（1兆8300億ドル）」: a conversion into the currency it converts from cannot hold."""
    word = currencies.word_for(conv.stated.currency)
    return Finding(
        Rule.CONVERSION,
        Status.MISMATCH,
        options.severity_of(Rule.CONVERSION),
        conv.span,
        _(
            "{stated} converts {source} into {word} again: a conversion into the same currency cannot hold; "
            "check the converted figure's currency (円 typed as {word}?) and its digits"
        ).format(stated=conv.stated.text, source=conv.source.text, word=word),
        conversion=conv,
    )


#: How far outside every rate the table has ever had a figure's implied rate must be to be wrong
#: on any date: a factor of three (USD/JPY: 76–164 since 1999, so 25–492). Unit and digit slips
#: (万 for 億, a dropped zero) are factors of ten and more; a rate from before the table (360円 until
#: 1971) is why the margin is this wide. A figure inside it holds or not by its date.
_HISTORY_MARGIN = Decimal(3)


def _uncertain(conv: Conversion) -> bool:
    """Whether either figure of ``conv`` may be read another way: then no verdict and no suggestion."""
    return conv.source.uncertain or conv.stated.uncertain


def _unverifiable(
    conv: Conversion,
    implied: Interval | None,
    claim: str,
    article: dt.date | None,
    table: RateSource | None,
    options: CheckOptions,
) -> Finding:
    """A conversion with no rate to check it by: why, and the one thing that would let it be
    checked. A figure whose implied rate is nowhere near any rate the table has ever had for its
    currency is wrong on any date: a mismatch (with no suggestion, for no rate is known)."""
    code = foreign(conv)
    on = options.rate_date(article)
    coverage = table.coverage(code, currencies.YEN) if table is not None and implied is not None else None
    if coverage is not None and implied is not None and not _uncertain(conv):
        lowest, highest = coverage.low / _HISTORY_MARGIN, coverage.high * _HISTORY_MARGIN
        if implied.high <= lowest or implied.low > highest:
            return Finding(
                Rule.CONVERSION,
                Status.MISMATCH,
                options.severity_of(Rule.CONVERSION),
                conv.span,
                _(
                    "{stated} cannot hold on any date: it implies {implied}, and the table's {code} rates were "
                    "{low}–{high}円 from {first} to {last}; check the figure's unit and digits"
                ).format(
                    stated=conv.stated.text,
                    implied=_interval_text(implied, currencies.word_for(code)),
                    code=code,
                    low=plain_rate(coverage.low),
                    high=plain_rate(coverage.high),
                    first=day(coverage.first),
                    last=day(coverage.last),
                ),
                conversion=conv,
                implied=implied,
            )
    reason, why = _why(conv, implied, code, on, coverage, table, options.tolerance)
    return unverifiable_finding(conv, claim, why, reason, implied)


def unverifiable_finding(
    conv: Conversion,
    claim: str,
    why: str,
    reason: Reason,
    implied: Interval | None,
    rate: AppliedRate | None = None,
    expected: tuple[Decimal, str] | None = None,
) -> Finding:
    """A conversion that could not be checked: its claim, why (the words that say what to do) and the
    reason; with the rate it was tried at, and what it is there, when it was."""
    return Finding(
        Rule.CONVERSION,
        Status.UNVERIFIABLE,
        Severity.INFO,
        conv.span,
        _("{claim}: unverifiable, {why}").format(claim=claim, why=why),
        conversion=conv,
        rate=rate,
        expected=expected[0] if expected else None,
        expected_text=expected[1] if expected else None,
        implied=implied,
        reason=reason,
    )


def _why(
    conv: Conversion,
    implied: Interval | None,
    code: str,
    on: dt.date | None,
    coverage: Coverage | None,
    table: RateSource | None,
    tolerance: Decimal,
) -> tuple[Reason, str]:
    """The reason a conversion could not be checked, in words that say what to do."""
    rate = f"--rate {code}=VALUE"
    if implied is None:
        return Reason.NO_AMOUNT, _("no amount to convert")
    if conv.rate_time is RateTime.THEN and conv.period is None:
        return Reason.HISTORICAL, _(
            "converted at the rate of the time (当時), and its sentence names no year or date to look that rate "
            "up for; name the event's date in the sentence (「2016年に」), or check it by hand{periods}"
        ).format(periods=_periods(implied, coverage, tolerance))
    if conv.source.uncertain or conv.stated.uncertain:
        return (
            Reason.UNCERTAIN,
            _("the figure can be read more than one way (digits and 「・」 before it); check it by hand"),
        )
    if table is None:
        return Reason.NO_TABLE, _(
            "no rate for {code}: the article states none and no table was given; give {rate}"
        ).format(code=code, rate=rate)
    if on is None:
        return Reason.NO_DATE, _(
            "no date to look up the {code} rate for: the article states no rate and figcheck found no date in "
            "it; pass --date YYYY-MM-DD or {rate}, or put the date on the first line (or in front matter){periods}"
        ).format(code=code, rate=rate, periods=_periods(implied, coverage, tolerance))
    if coverage is None:
        return Reason.NO_CURRENCY, _(
            "the rate table has no {code} rate; give {rate}, or add a house row with `figcheck rates import`"
        ).format(code=code, rate=rate)
    if on > coverage.last:
        return Reason.AFTER_TABLE, _(
            "the rate table's {code} rates end on {last}, before the rate date {on}; "
            "run `figcheck rates update`, or give {rate}"
        ).format(code=code, last=day(coverage.last), on=day(on), rate=rate)
    return Reason.NO_ROW, _(
        "the rate table has no {code} rate within {days} days before {on} (it has {first} to {last}); give {rate}"
    ).format(code=code, days=MAX_AGE_DAYS, on=day(on), first=day(coverage.first), last=day(coverage.last), rate=rate)


_PERIODS_SHOWN = 3  # the most recent periods named; the rest are counted


def _periods(implied: Interval, coverage: Coverage | None, tolerance: Decimal) -> str:
    """For a conversion with no date: the months of the table whose rates (within the tolerance)
    make the figure hold, as runs — 「; at the table's rates it holds in 2024-05 to 2024-08」."""
    if coverage is None or not coverage.months:
        return ""
    runs: list[list[str]] = []  # [first, last] months of each run of months that give the figure
    for each, low, high in coverage.months:
        if implied.low <= high * (1 + tolerance) and implied.high > low * (1 - tolerance):
            if runs and _next_month(runs[-1][1]) == each:
                runs[-1][1] = each
            else:
                runs.append([each, each])
    if not runs:
        return _("; no month of the table ({first} to {last}) has rates that give it").format(
            first=month(coverage.months[0][0]), last=month(coverage.months[-1][0])
        )
    shown = [
        month(a) if a == b else _("{first} to {last}").format(first=month(a), last=month(b))
        for a, b in runs[-_PERIODS_SHOWN:]
    ]
    earlier = len(runs) - len(shown)
    more = ngettext(" (and {n} earlier period)", " (and {n} earlier periods)", earlier).format(n=earlier)
    return _("; at the table's rates it holds in {periods}{more}").format(
        periods=_(", ").join(shown), more=more if earlier else ""
    )


def _next_month(month: str) -> str:
    year, m = int(month[:4]), int(month[5:7])
    return f"{year + m // 12}-{m % 12 + 1:02d}"


def _assumption(conv: Conversion) -> str:
    """A note when a currency was not written but assumed: 「$」 is read as USD."""
    notes = [
        _("「{sign}」 read as {code}").format(
            sign=next((w for w in currencies.ASSUMED if w in m.text), m.text), code=m.currency
        )
        for m in (conv.source, conv.stated)
        if m.assumed
    ]
    return _(" ({notes})").format(notes=_(", ").join(notes)) if notes else ""


def plain_rate(v: Decimal) -> str:
    """A rate for a message: two decimals, or four significant digits for a small rate (0.1066円)."""
    if not v.is_finite():
        return "∞"
    if v == 0:
        return "0"
    place = Decimal(1).scaleb(min(-2, v.adjusted() - 3))
    return numerals.plain(v.quantize(place, ROUND_HALF_UP))


def _interval_text(interval: Interval, word: str) -> str:
    """The rates a written figure implies: 「a rate of 153.64–156.36円」, 「1ドル＝153.64〜156.36円」."""
    return _("a rate of 1{word}={low}–{high}円").format(
        word=word, low=plain_rate(interval.low), high=plain_rate(interval.high)
    )


# -- whole-article findings --------------------------------------------------------------------


def _rate_findings(scan: Scan, table: RateSource | None, options: CheckOptions) -> Iterator[Finding]:
    """An article rate far from the table's rate for its date is worth a second look."""
    if table is None:
        return
    for statement in scan.rates:
        if statement.hypothetical:
            continue  # 「1ドル＝140円なら」: a rate supposed, not the market's
        on = options.rate_date(scan.article_date, statement.on)
        if on is None:
            continue
        if statement.quote != currencies.YEN:  # 「1ユーロ＝1.16ドル」: against the table's cross
            from figcheck.cross_check import rate_finding

            cross = rate_finding(statement, on, table, options)
            if cross is not None:
                yield cross
            continue
        found = table.lookup(statement.base, statement.quote, on)
        if found is None:
            continue
        rate = table_rate(statement.base, found)
        low, high = tolerance_band(rate, options.tolerance)
        if not low <= statement.value <= high:
            rate = widened(rate, table, options)
            low, high = tolerance_band(rate, options.tolerance)
        if low <= statement.value <= high:  # a writer's rate from within the window is no warning
            continue
        reference = found.rate.value
        deviation = (statement.value - reference) / reference
        pct = numerals.plain((deviation * 100).quantize(Decimal("0.1"), ROUND_HALF_UP))
        word = currencies.word_for(statement.base)
        window = rate.window
        band = ""
        if window is not None and window.first != window.last:
            band = _("; it is outside {band}").format(band=_band_text(rate, (low, high), options.tolerance))
        yield Finding(
            Rule.RATE,
            Status.MISMATCH,
            options.severity_of(Rule.RATE),
            statement.span,
            _(
                "the article's rate 1{word}={value}円 is {pct}% from the table's {reference}円 ({source}, {on}){band}"
            ).format(
                word=word,
                value=numerals.plain(statement.value),
                pct=pct,
                reference=numerals.plain(reference),
                source=found.rate.source or found.rate.kind,
                on=day(found.rate.on),
                band=band,
            ),
            rate=rate,
        )


def _consistency(scan: Scan, findings: list[Finding], options: CheckOptions) -> Iterator[Finding]:
    """With no rate, conversions of one currency whose implied rates are further apart than the
    tolerance are not all right, when their sentences name the same time (or none): 「2017年、約3兆円
    （約270億ドル）」 beside today's 「20億ドル（約3060億円）」 is two rates, each perhaps right."""
    groups: dict[tuple[str, tuple[dt.date, dt.date] | None], list[tuple[Finding, Conversion, Interval]]] = {}
    for f in findings:
        if (
            f.status is Status.UNVERIFIABLE
            and f.implied is not None
            and isinstance(f.conversion, Conversion)
            and currencies.YEN in (f.conversion.source.currency, f.conversion.stated.currency)
        ):
            key = (foreign(f.conversion), f.conversion.period)
            groups.setdefault(key, []).append((f, f.conversion, f.implied))
    lines: Locator | None = None
    for (code, _period), group in groups.items():
        if len(group) < 2:
            continue
        highest_low = max(group, key=lambda g: g[2].low)
        lowest_high = min(group, key=lambda g: g[2].high)
        # Rates that cannot meet, by more than the tolerance: two figures 0.04% apart are rounding
        # or a rate of another day, not an error.
        if highest_low[2].low <= lowest_high[2].high * (1 + options.tolerance):
            continue
        (first, first_conv, first_rates), (second, second_conv, second_rates) = sorted(
            (highest_low, lowest_high), key=lambda g: g[0].span.start
        )
        lines = lines or Locator(scan.text)
        yield Finding(
            Rule.RATE_CONSISTENCY,
            Status.MISMATCH,
            options.severity_of(Rule.RATE_CONSISTENCY),
            second.span,
            _(
                "{first} (line {first_line}) and {second} (line {second_line}) imply different {word} rates "
                "({first_rates} vs {second_rates}); one of them is wrong"
            ).format(
                first=first_conv.stated.text,
                first_line=lines.point(first.span.start)[0],
                second=second_conv.stated.text,
                second_line=lines.point(second.span.start)[0],
                word=currencies.word_for(code),
                first_rates=_interval_text(first_rates, currencies.word_for(code)),
                second_rates=_interval_text(second_rates, currencies.word_for(code)),
            ),
            conversion=second_conv,
            implied=second_rates,
            related=(first.span,),
        )
