"""Units of measure as Japanese news writes them, and their conversion through pint.

The vocabulary maps what is written after a numeral (マイル, 平方キロ, 度) to the units it may stand
for. キロ is kilometres or kilograms, 度 is Celsius or Fahrenheit: the unit it converts to or from
decides (``figcheck.scan.quantities``). The units are defined in figcheck's one pint registry
(``money.registry``, where currencies are defined too), with the exact factors of the international
yard and pound (1959) and of US liquid measure, so that a conversion is an exact ``Decimal``.
Temperatures are offsets, not factors: pint converts 華氏100度 to 37.77… 度.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

__all__ = ["METRIC", "SPEED_OF", "WORDS", "convert", "dimension", "is_metric"]

#: pint definitions, in order (each may use the ones before it).
_DEFINITIONS = (
    "meter = [length]",
    "kilometer = 1000 * meter",
    "centimeter = meter / 100",
    "millimeter = meter / 1000",
    "inch = 0.0254 * meter",
    "foot = 0.3048 * meter",
    "yard = 0.9144 * meter",
    "mile = 1609.344 * meter",
    "nautical_mile = 1852 * meter",
    "second = [time]",
    "minute = 60 * second",
    "hour = 3600 * second",
    "kilometer_per_hour = kilometer / hour",
    "meter_per_second = meter / second",
    "meter_per_minute = meter / minute",
    "mile_per_hour = mile / hour",
    "knot = nautical_mile / hour",
    "gram = [mass]",
    "kilogram = 1000 * gram",
    "tonne = 1000 * kilogram",
    "pound = 453.59237 * gram",
    "ounce = pound / 16",
    "troy_ounce = 31.1034768 * gram",
    "short_ton = 2000 * pound",
    "long_ton = 2240 * pound",
    "square_meter = meter ** 2",
    "square_kilometer = kilometer ** 2",
    "hectare = 10000 * square_meter",
    "square_foot = foot ** 2",
    "square_yard = yard ** 2",
    "square_mile = mile ** 2",
    "acre = 4840 * square_yard",
    "cubic_meter = meter ** 3",
    "liter = cubic_meter / 1000",
    "milliliter = liter / 1000",
    "kiloliter = 1000 * liter",
    "cubic_foot = foot ** 3",
    "gallon = 231 * inch ** 3",
    "fluid_ounce = gallon / 128",
    "oil_barrel = 42 * gallon",
    "imperial_gallon = 4.54609 * liter",
    "kelvin = [temperature]",
    "degree_Celsius = kelvin; offset: 273.15",
    "degree_Fahrenheit = 5 / 9 * kelvin; offset: 233.15 + 200 / 9",
)

#: The units of the metric system; every other unit here is imperial or US customary. A checked
#: conversion goes from one side to the other (1000メートル（1キロ） converts nothing worth checking).
METRIC = frozenset(
    {
        "meter",
        "kilometer",
        "centimeter",
        "millimeter",
        "kilometer_per_hour",
        "meter_per_second",
        "meter_per_minute",
        "gram",
        "kilogram",
        "tonne",
        "square_meter",
        "square_kilometer",
        "hectare",
        "cubic_meter",
        "liter",
        "milliliter",
        "kiloliter",
        "degree_Celsius",
    }
)

#: What is written after the numeral -> the units it may be. Longest first is the pattern's business.
WORDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("マイル",), ("mile",)),
    **dict.fromkeys(("フィート",), ("foot",)),
    **dict.fromkeys(("インチ",), ("inch",)),
    **dict.fromkeys(("ヤード",), ("yard",)),
    **dict.fromkeys(("海里", "カイリ"), ("nautical_mile",)),
    **dict.fromkeys(("ノット",), ("knot",)),
    **dict.fromkeys(("キロメートル", "km", "ｋｍ", "㎞"), ("kilometer",)),
    **dict.fromkeys(("キロ",), ("kilometer", "kilogram")),
    **dict.fromkeys(("メートル",), ("meter",)),
    **dict.fromkeys(("センチメートル", "センチ", "cm", "ｃｍ", "㎝"), ("centimeter",)),
    **dict.fromkeys(("ミリメートル", "ミリ", "mm", "ｍｍ", "㎜"), ("millimeter",)),
    **dict.fromkeys(("ポンド",), ("pound",)),
    **dict.fromkeys(("オンス",), ("ounce",)),  # troy_ounce where gold or silver is named (scan.quantities)
    **dict.fromkeys(("トロイオンス",), ("troy_ounce",)),
    **dict.fromkeys(("トン",), ("tonne",)),
    **dict.fromkeys(("米トン", "ショートトン"), ("short_ton",)),
    **dict.fromkeys(("英トン", "ロングトン"), ("long_ton",)),
    **dict.fromkeys(("キログラム", "kg", "ｋｇ", "㎏"), ("kilogram",)),
    **dict.fromkeys(("グラム",), ("gram",)),
    **dict.fromkeys(("エーカー",), ("acre",)),
    **dict.fromkeys(("平方マイル",), ("square_mile",)),
    **dict.fromkeys(("平方フィート",), ("square_foot",)),
    **dict.fromkeys(("平方ヤード",), ("square_yard",)),
    **dict.fromkeys(("平方キロメートル", "平方キロ", "㎢", "km2", "km²"), ("square_kilometer",)),
    **dict.fromkeys(("平方メートル", "㎡", "m2", "m²"), ("square_meter",)),
    **dict.fromkeys(("ヘクタール",), ("hectare",)),
    **dict.fromkeys(("ガロン", "米ガロン"), ("gallon",)),
    **dict.fromkeys(("英ガロン",), ("imperial_gallon",)),
    **dict.fromkeys(("バレル",), ("oil_barrel",)),
    **dict.fromkeys(("液量オンス",), ("fluid_ounce",)),
    **dict.fromkeys(("リットル", "ℓ"), ("liter",)),
    **dict.fromkeys(("ミリリットル", "mL", "ml"), ("milliliter",)),
    **dict.fromkeys(("キロリットル",), ("kiloliter",)),
    **dict.fromkeys(("立方メートル", "㎥"), ("cubic_meter",)),
    **dict.fromkeys(("立方フィート",), ("cubic_foot",)),
    **dict.fromkeys(("度",), ("degree_Celsius", "degree_Fahrenheit")),
    **dict.fromkeys(("℃", "°C"), ("degree_Celsius",)),
    **dict.fromkeys(("℉", "°F"), ("degree_Fahrenheit",)),
}

#: The scale written before a temperature: 華氏 (カ氏) is Fahrenheit, 摂氏 (セ氏) Celsius.
SCALES = {"華氏": "degree_Fahrenheit", "カ氏": "degree_Fahrenheit", "摂氏": "degree_Celsius", "セ氏": "degree_Celsius"}
#: 時速, 分速, 秒速 before a length make it a speed.
PER = {"時速": "hour", "分速": "minute", "秒速": "second"}
#: A length over a time, when that speed is defined: (length, per) -> speed.
SPEED_OF = {
    ("kilometer", "hour"): "kilometer_per_hour",
    ("mile", "hour"): "mile_per_hour",
    ("meter", "second"): "meter_per_second",
    ("meter", "minute"): "meter_per_minute",
}


def is_metric(unit: str) -> bool:
    """Whether ``unit`` is a metric unit (else imperial or US customary)."""
    return unit in METRIC


@cache
def _registry() -> object:
    from figcheck import money

    ureg = money.registry()
    for line in _DEFINITIONS:
        ureg.define(line)
    return ureg


@cache
def dimension(unit: str) -> str:
    """What ``unit`` measures, as pint says it (``[length]``, ``[length] / [time]``)."""
    ureg: object = _registry()
    return str(ureg.Unit(unit).dimensionality)  # type: ignore[attr-defined]


def convert(value: Decimal, source: str, target: str) -> Decimal:
    """``value`` ``source`` units in ``target`` units, exactly (to the decimal context's precision).

    >>> str(convert(Decimal(155), "mile_per_hour", "kilometer_per_hour"))
    '249.448320'
    >>> str(convert(Decimal(100), "degree_Fahrenheit", "degree_Celsius").quantize(Decimal("0.01")))
    '37.78'
    """
    ureg: object = _registry()
    quantity = ureg.Quantity(value, source)  # type: ignore[attr-defined]
    magnitude = quantity.to(target).magnitude
    return magnitude if isinstance(magnitude, Decimal) else Decimal(str(magnitude))
