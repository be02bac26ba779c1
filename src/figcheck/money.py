"""Money modelled with pint: every currency is a unit with a dimension of its own, and a day's
rates are a pint context that converts between them. Magnitudes stay ``Decimal``.

The registry is built once, from our own definitions (not pint's default file, which knows
nothing of money and costs a lot to load), and only when a conversion is first checked.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pint

__all__ = ["convert", "rates_context", "registry"]


def _pint() -> Any:
    """pint, imported without Dask. pint loads ``dask.base`` whenever Dask is installed (120 ms,
    for Dask arrays figcheck never makes), so with ``figcheck[dask]`` every check paid for it. A
    ``None`` in ``sys.modules`` is the import system's own "no such module": pint sees no Dask,
    and the entry is taken out again at once, so that the archive engine can still import Dask.
    In a process that already has Dask (a Dask worker) nothing is hidden."""
    import sys

    if "pint" in sys.modules or "dask" in sys.modules:
        import pint

        return pint
    sys.modules["dask"] = None  # type: ignore[assignment]
    try:
        import pint
    finally:
        if sys.modules.get("dask", ...) is None:
            del sys.modules["dask"]
    return pint


@cache
def registry() -> pint.UnitRegistry[Any]:
    """The one registry: empty but for the currencies defined on demand, Decimal magnitudes."""
    ureg: pint.UnitRegistry[Any] = _pint().UnitRegistry(None, non_int_type=Decimal, cache_folder=None)
    return ureg


def _container(name: str) -> Any:
    """``name`` to the first power, as pint keeps units and dimensions (a ``UnitsContainer``)."""
    from pint.util import UnitsContainer

    return UnitsContainer({name: 1}, non_int_type=Decimal)


@cache
def _unit(code: str) -> Any:
    """The unit of a currency, defined on first use as a base unit of a dimension of its own
    (what ``ureg.define(f"{code} = [currency_{code}]")`` defines). Definitions, units and the keys
    of a context are given to pint as objects, not strings: pint parses a string with the standard
    library's ``tokenize``, whose patterns take 5-7 ms to compile on a run's first conversion (so
    is ``code in ureg``: the cache makes this the one definition of ``code``, and the registry has
    no other money)."""
    from pint.facets.plain import ScaleConverter, UnitDefinition

    ureg = registry()
    # pint's ``define`` takes "str or Definition" (its docstring; the annotation says ``type``), and a
    # scale is any magnitude (``Decimal`` in this registry, as its own parser would give).
    scale = ScaleConverter(Decimal(1))  # type: ignore[arg-type]
    ureg.define(UnitDefinition(code, None, (), scale, _container(_dimension(code))))  # type: ignore[arg-type]
    return ureg.Unit(_container(code))


def _dimension(code: str) -> str:
    return f"[currency_{code}]"


def _linear(rate: Decimal, invert: bool, ratio: Any) -> Any:
    """A pint transformation: multiply (or divide) by ``rate`` and change the unit by ``ratio``."""

    def transform(_: Any, x: Any, **__: Any) -> Any:
        return (x / rate if invert else x * rate) * ratio

    return transform


@cache
def rates_context(on: dt.date | None, quote: str, rates: tuple[tuple[str, Decimal], ...]) -> str:
    """Register the context of one day's rates (``base -> value quote units``); return its name."""
    pint = _pint()
    ureg = registry()
    name = f"fx:{on}:{quote}:" + ",".join(f"{code}={value}" for code, value in rates)
    ctx = pint.Context(name)
    to_unit = _unit(quote)
    for code, value in rates:
        from_unit = _unit(code)
        source, target = _container(_dimension(code)), _container(_dimension(quote))
        ctx.add_transformation(source, target, _linear(value, False, to_unit / from_unit))
        ctx.add_transformation(target, source, _linear(value, True, from_unit / to_unit))
    ureg.add_context(ctx)
    return name


@cache
def _factor(on: dt.date | None, foreign: str, rate: Decimal, quote: str = "JPY") -> Decimal:
    """``quote`` units per one ``foreign`` unit, converted by pint in the context of that day's rate."""
    name = rates_context(on, quote, ((foreign, rate),))
    return Decimal(registry().Quantity(Decimal(1), _unit(foreign)).to(_unit(quote), name).magnitude)


def convert(amount: Decimal, source: str, target: str, rate: Decimal, on: dt.date | None = None) -> Decimal:
    """``amount`` of ``source`` in ``target`` at ``rate``: one foreign unit in yen, or, between two
    foreign currencies, one ``source`` unit in ``target`` units (1 EUR = 1.16 USD).

    pint converts one unit in the day's context once per (day, currency, rate); amounts are then
    multiplied (or divided) by that factor, which is exactly what the context's transformation does
    (``x * rate``, ``x / rate``) without its ~400 µs of unit bookkeeping per call.

    >>> convert(Decimal("550000000000"), "USD", "JPY", Decimal("153"))
    Decimal('84150000000000')
    >>> convert(Decimal("84150000000000"), "JPY", "USD", Decimal("153"))
    Decimal('550000000000')
    >>> convert(Decimal("5000000000"), "EUR", "USD", Decimal("1.16"))
    Decimal('5800000000.00')
    """
    if source == target:
        return amount
    if "JPY" not in (source, target):
        return amount * _factor(on, source, rate, target)
    foreign = source if target == "JPY" else target
    factor = _factor(on, foreign, rate)
    return amount * factor if source == foreign else amount / factor
