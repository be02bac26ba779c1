"""A converted figure as the writer wrote it: whether a re-derived value makes it hold, and the
figure to write instead, in the writer's own style (their numerals, their 約, their unit word).
Shared by the currency check (``check``) and the unit check (``unit_check``).

Semantics (DESIGN.md): the written figure holds when the exact value, rounded half-up or truncated
to the place of its last non-zero digit, equals it; after 弱/近く/足らず/未満, rounded up instead of
truncated. Magnitudes are compared: a sign is the caller's business. ``finest`` caps the place for
figures whose trailing zeros count (a temperature is given to the degree: 華氏100度 is not 1桁).
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_HALF_UP, Decimal

from figcheck import numerals
from figcheck.model import Money, Qualifier, Quantity

__all__ = ["given_to", "holds", "holds_between", "in_writing", "rounded_text", "suggestion"]

Written = Money | Quantity


def given_to(stated: Written, finest: Decimal | None = None) -> Decimal:
    """The place the written figure is given to: its last non-zero digit's, or ``finest`` if finer."""
    own = numerals.place_of(abs(stated.value))
    return own if finest is None else min(own, finest)


def _other_rounding(stated: Written) -> str:
    return ROUND_CEILING if stated.qualifier is Qualifier.UNDER else ROUND_DOWN


def holds(stated: Written, expected: Decimal, finest: Decimal | None = None) -> bool:
    """Whether ``expected`` (a magnitude) rounds or truncates to the written figure."""
    value = abs(stated.value)
    place = given_to(stated, finest)
    return value in (
        numerals.round_to(expected, place, ROUND_HALF_UP),
        numerals.round_to(expected, place, _other_rounding(stated)),
    )


def holds_between(stated: Written, low: Decimal, high: Decimal, finest: Decimal | None = None) -> bool:
    """Whether some magnitude in ``[low, high]`` rounds or truncates to the written figure (as
    ``holds`` says of one): the values that round half-up to it are ``[S - p/2, S + p/2)``, those
    that truncate to it ``[S, S + p)``, those rounded up to it (after 弱) ``(S - p, S]``."""
    value = abs(stated.value)
    place = given_to(stated, finest)
    if stated.qualifier is Qualifier.UNDER:
        first, last = value - place, value + place / 2
    else:
        first, last = value - place / 2, value + place
    return low < last and high >= first


def in_writing(stated: Written, figure: str) -> str:
    """The stated figure as written, with its numeral replaced by ``figure``."""
    start, end = stated.numeral.start - stated.span.start, stated.numeral.end - stated.span.start
    return stated.text[:start] + numerals.in_style_of(figure, stated.text[start:end]) + stated.text[end:]


def suggestion(stated: Written, expected: Decimal, finest: Decimal | None = None) -> str:
    """The figure the writer should have written: as many significant digits as they used (two at
    least; to ``finest`` at least), rounded up after 弱 and truncated after 超/強/余り: a bound
    written must hold (76億5000万円 is 76億円強, not 77億円強, and 77億円弱)."""
    digits = max(numerals.significant_digits(abs(stated.value)), 2)
    place = Decimal(1).scaleb(expected.adjusted() - digits + 1)
    if finest is not None:
        place = min(place, max(finest, given_to(stated, finest)))
    rounding = ROUND_HALF_UP
    if stated.qualifier is Qualifier.UNDER:
        rounding = ROUND_CEILING
    elif stated.qualifier is Qualifier.OVER:
        rounding = ROUND_DOWN
    return in_writing(stated, numerals.to_newspaper(expected, place, rounding))


def rounded_text(stated: Written, expected: Decimal, finest: Decimal | None = None) -> str | None:
    """``expected`` rounded as the writer rounded (to the place they gave the figure to), when that
    is what makes the written figure hold: 3600億円 written as 約4000億円."""
    value = abs(stated.value)
    place = given_to(stated, finest)
    if numerals.round_to(expected, place, ROUND_HALF_UP) == expected:
        return None
    for rounding in (ROUND_HALF_UP, _other_rounding(stated)):
        if numerals.round_to(expected, place, rounding) == value:
            return in_writing(stated, numerals.to_newspaper(value, place, rounding))
    return None
