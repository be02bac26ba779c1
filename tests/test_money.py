"""Money through pint: Decimal magnitudes, one context per day's rates, both directions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from figcheck import money

D = Decimal


def test_a_days_rates_are_one_context() -> None:
    day = dt.date(2025, 10, 28)
    name = money.rates_context(day, "JPY", (("USD", D(153)), ("EUR", D("177.11")), ("KRW", D("0.108"))))
    ureg = money.registry()
    with ureg.context(name):
        usd = ureg.Quantity(D("5500E8"), "USD").to("JPY")
        krw = ureg.Quantity(D("2E12"), "KRW").to("JPY")
        back = ureg.Quantity(D("6.8E12"), "JPY").to("EUR")
    assert (usd.magnitude, type(usd.magnitude)) == (D("84150000000000"), Decimal)
    assert krw.magnitude == D("216000000000")
    assert back.magnitude == D("6.8E12") / D("177.11")
    assert money.registry() is ureg  # built once


def test_convert_both_directions_exactly() -> None:
    assert money.convert(D("1E10"), "USD", "JPY", D(153)) == D("1530000000000")
    assert money.convert(D("6.8E12"), "JPY", "GBP", D(148)) == D("6.8E12") / D(148)


def test_currencies_have_their_own_dimensions() -> None:
    import pint

    ureg = money.registry()
    money.rates_context(None, "JPY", (("USD", D(153)),))
    with pytest.raises(pint.DimensionalityError):
        ureg.Quantity(D(1), "USD").to("JPY")  # no context: dollars are not yen


@pytest.mark.parametrize(
    ("amount", "source", "target", "rate"),
    [
        ("5500E8", "USD", "JPY", "153"),
        ("1.95", "HKD", "JPY", "19.6432"),
        ("2E12", "KRW", "JPY", "0.1066"),
        ("84E12", "JPY", "USD", "153"),
        ("6.8E12", "JPY", "EUR", "177.11"),  # a division that does not terminate
        ("1", "JPY", "GBP", "203.5"),
    ],
)
def test_convert_equals_a_full_pint_conversion(amount: str, source: str, target: str, rate: str) -> None:
    day = dt.date(2024, 1, 5)
    foreign = source if target == "JPY" else target
    name = money.rates_context(day, "JPY", ((foreign, D(rate)),))
    full = money.registry().Quantity(D(amount), source).to(target, name).magnitude
    assert money.convert(D(amount), source, target, D(rate), day) == full


def test_convert_same_currency_is_the_amount() -> None:
    assert money.convert(D("5"), "USD", "USD", D(153)) == D(5)


def test_a_conversion_gives_pint_objects_not_strings_to_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    """pint parses a unit string with the standard library's tokenize (5-7 ms of pattern compiling
    on a run's first conversion): the money path defines and names its units as objects."""
    from pint.util import ParserHelper

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"pint was given a string to parse: {args}")

    monkeypatch.setattr(ParserHelper, "from_string", refuse)
    day = dt.date(2019, 3, 4)  # a day, a rate and a currency (the rand) no other test converts
    assert money.convert(D("3E9"), "ZAR", "JPY", D("7.85"), day) == D("23550000000.00")
    assert money.convert(D("23550000000"), "JPY", "ZAR", D("7.85"), day) == D("3E9")
    assert money.convert(D("2E9"), "ZAR", "ISK", D("8.5"), day) == D("1.7E10")
