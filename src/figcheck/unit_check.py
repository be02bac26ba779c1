"""Unit conversions -> findings (rule ``unit-conversion``): re-derive each converted quantity through
pint (``units``) and judge the written figure as a currency conversion is judged (``written``): it
holds when the exact value, rounded half-up or truncated to the place of its last non-zero digit,
equals it. No rate is involved: a unit's factor is exact, so there is no tolerance either."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from figcheck import numerals, rx, units, written
from figcheck.context import CheckOptions
from figcheck.currencies import alternation
from figcheck.i18n import _
from figcheck.model import Finding, Quantity, Reason, Rule, Scan, Severity, Status, UnitConversion

__all__ = ["check_units"]

_LEAD = rx.compile(alternation([*units.PER, *units.SCALES]))  # 時速, 華氏 … as written before the figure
_PER_WORD = {f"_per_{per}": word for word, per in units.PER.items()}  # kilometer_per_hour -> 時速
#: Exact factors give terminating decimals; only °F ↔ °C (5/9) does not: the value to this place.
_EXACT = Decimal("1E-30")
#: A temperature is given to the degree (or finer): 華氏100度 is not a figure to the hundred.
_DEGREE = Decimal(1)


def _finest(stated: Quantity) -> Decimal | None:
    return _DEGREE if stated.unit.startswith("degree_") else None


def check_units(scan: Scan, options: CheckOptions) -> Iterator[Finding]:
    """One finding for each unit conversion of ``scan``."""
    for conv in scan.unit_conversions:
        yield _check(conv, options)


def _expected_text(stated: Quantity, expected: Decimal) -> str:
    """The re-derived quantity as the writer would write it, finer than their figure: 時速249.4キロ."""
    # finer than the written figure, and four significant digits at least (0.6096メートル, not 0.61)
    place = min(Decimal(1), written.given_to(stated, _finest(stated)) / 100, Decimal(1).scaleb(expected.adjusted() - 3))
    lead = "".join(_LEAD.findall(stated.text, 0, stated.numeral.start - stated.span.start))
    if not lead:  # 「時速155マイル（約250キロ）」: the speed is the source's, say so
        lead = next((w for end, w in _PER_WORD.items() if stated.unit.endswith(end)), "")
    sign = "マイナス" if expected < 0 else ""
    return f"{lead}{sign}{numerals.to_newspaper(abs(expected), place)}{stated.word}"


def _as_given(conv: UnitConversion, finest: Decimal | None) -> str | None:
    """Where the written figure holds only within the source's own rounding, the range that makes it
    hold (as text), else ``None``. 「26.2マイル（約42.195キロ）」: 26.2 miles is 42.165 km, but the
    marathon's 42.195 km is 26.219 miles, which the writer gave to a tenth; a figure given to more
    significant digits than its source is a known equivalence, not a product to re-derive. Only a
    source with a decimal fraction: 「1万エーカー」 is no figure to the ten thousand, and a whole
    number is taken as written."""
    source, stated = conv.source, conv.stated
    place = numerals.place_of(abs(source.value))
    if place >= 1 or numerals.significant_digits(abs(stated.value)) <= numerals.significant_digits(abs(source.value)):
        return None
    ends = sorted(abs(units.convert(source.value + d, source.unit, stated.unit)) for d in (-place / 2, place / 2))
    if not written.holds_between(stated, ends[0], ends[1], finest):
        return None
    digits = Decimal(1).scaleb(ends[0].adjusted() - numerals.significant_digits(abs(stated.value)) + 1)
    low, high = (numerals.to_newspaper(v, digits) for v in ends)
    first, last = (numerals.plain(abs(source.value) + d) for d in (-place / 2, place / 2))
    return _("{first}–{last}{source_word} is {low}–{high}{word}").format(
        first=first, last=last, source_word=source.word, low=low, high=high, word=stated.word
    )


def _check(conv: UnitConversion, options: CheckOptions) -> Finding:
    source, stated = conv.source, conv.stated
    claim = _("{source} → {stated}").format(source=source.text, stated=stated.text)
    if source.uncertain or stated.uncertain:
        return Finding(
            Rule.UNIT_CONVERSION,
            Status.UNVERIFIABLE,
            Severity.INFO,
            conv.span,
            _("{claim}: unverifiable: a figure may be read another way (「・」 after digits); check it by hand").format(
                claim=claim
            ),
            conversion=conv,
            reason=Reason.UNCERTAIN,
        )
    expected = units.convert(source.value, source.unit, stated.unit).quantize(_EXACT)
    finest = _finest(stated)
    expected_text = _expected_text(stated, expected)
    same_sign = expected == 0 or stated.value == 0 or (expected < 0) == (stated.value < 0)
    exact = same_sign and written.holds(stated, abs(expected), finest)
    given = _as_given(conv, finest) if same_sign and not exact else None  # only where the product fails
    if exact or given:
        rounded = written.rounded_text(stated, abs(expected), finest)
        if given:
            message = _("{claim}: holds within the rounding of {source}: {given}; as written it is {expected}").format(
                claim=claim, source=source.text, given=given, expected=expected_text
            )
        elif rounded:
            message = _("{claim}: holds; it is {expected}, {rounded} as rounded").format(
                claim=claim, expected=expected_text, rounded=rounded
            )
        else:
            message = _("{claim}: holds; it is {expected}").format(claim=claim, expected=expected_text)
        return Finding(
            Rule.UNIT_CONVERSION,
            Status.OK,
            Severity.INFO,
            conv.span,
            message,
            conversion=conv,
            expected=numerals.canonical(expected),
            expected_text=expected_text,
            rounded_text=rounded,
        )
    suggestion = written.suggestion(stated, abs(expected), finest) if same_sign and expected != 0 else None
    fix = _("write {suggestion}").format(suggestion=suggestion) if suggestion else _("check the figure and its sign")
    return Finding(
        Rule.UNIT_CONVERSION,
        Status.MISMATCH,
        options.severity_of(Rule.UNIT_CONVERSION),
        conv.span,
        _("{stated} does not hold: {source} is {expected}; {fix}").format(
            stated=stated.text, source=source.text, expected=expected_text, fix=fix
        ),
        conversion=conv,
        expected=numerals.canonical(expected),
        expected_text=expected_text,
        suggestion=suggestion,
    )
