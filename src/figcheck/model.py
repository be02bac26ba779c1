"""Data passed between the stages of figcheck: frozen dataclasses and enums, no logic.

Numbers are always :class:`decimal.Decimal`; positions are character offsets into the
decoded text (``Span``), turned into 1-based lines and columns only by the reports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field
from decimal import Decimal
from enum import StrEnum

from figcheck.frozen import frozen


@frozen
class Span:
    """Half-open character range ``[start, end)`` in the decoded text."""

    start: int
    end: int


class Qualifier(StrEnum):
    """What the words around a figure claim about it."""

    APPROX = "approx"  # 約, およそ, ほぼ …
    OVER = "over"  # 超, 強, 余り, 以上 …
    UNDER = "under"  # 弱, 近く, 足らず, 未満 … (an upper bound: checked with ceiling)


@frozen
class Money:
    """A money amount as written: ``約84兆円`` -> 84000000000000 JPY, approx."""

    value: Decimal
    currency: str  # ISO 4217
    text: str  # the written mention, qualifiers included
    span: Span
    amount: Span  # the amount without qualifiers: sign, symbol, numeral, currency word, sub-units
    numeral: Span  # the digits only: what a correction replaces
    qualifier: Qualifier | None = None
    assumed: bool = False  # the currency is a convention, not written: "$" (currencies.ASSUMED)
    uncertain: bool = False  # the numeral may be read another way (「1・5億」 after digits and 「・」)


@frozen
class Quantity:
    """A measured quantity as written, its unit resolved by what it converts to or from:
    ``時速155マイル`` -> 155 ``mile_per_hour``; ``約136キロ`` after pounds -> 136 ``kilogram``."""

    value: Decimal
    unit: str  # the unit's name in figcheck's pint registry (``figcheck.units``)
    text: str  # the written mention, qualifiers and 時速/摂氏 included
    span: Span
    numeral: Span  # the digits only: what a correction replaces
    word: str  # the unit as written after the numeral: キロ, 平方キロ, 度
    qualifier: Qualifier | None = None
    uncertain: bool = False  # the numeral may be read another way (「1・5」 after digits and 「・」)


@frozen
class UnitConversion:
    """A quantity paired with its conversion into the other system: ``source`` converted from,
    ``stated`` the converted figure as written (「時速155マイル（約250キロ）」, or metric first)."""

    source: Quantity
    stated: Quantity
    span: Span
    bracket: Span | None = None


class FigureKind(StrEnum):
    """What ``figcheck figures --kind`` lists."""

    ALL = "all"  # money and percentages, and the numbers outside them
    MONEY = "money"
    PERCENT = "percent"
    QUANTITY = "quantity"  # a measure with its unit: 時速155マイル, 約136キロ, 華氏104度
    NUMBER = "number"  # every numeral expression, those inside money and percentages included


@frozen
class Figure:
    """Any figure the scanner reads, for ``figcheck figures``: money, a percentage or a number."""

    kind: FigureKind  # MONEY, PERCENT or NUMBER
    text: str
    value: Decimal | None
    unit: str | None  # ISO 4217 code for money, "%" for a percentage, the pint unit of a quantity, None for a number
    span: Span
    assumed_unit: str | None = None  # money whose currency is not written ("$"): the code checks use


@frozen
class Inventory:
    """The figures of one text, in text order; ``incomplete`` says why the list may be short (text
    that defeats the patterns)."""

    figures: tuple[Figure, ...] = ()
    incomplete: str | None = None


@frozen
class RateStatement:
    """A rate the article states: ``1ドル＝153円`` -> 1 USD = 153 JPY."""

    base: str
    quote: str
    value: Decimal  # quote units per one base unit
    text: str
    span: Span
    on: dt.date | None = None  # the date stated with it ("2025年10月28日時点")
    covers_article: bool = False  # a footnote or heading: applies to the whole text
    approximate: bool = False
    hypothetical: bool = False  # 「1ドル＝140円なら」, 「…とすると」: a rate supposed, no claim about the market
    local: bool = False  # 「140円なら…」, 「× 150円 ＝」: the rate of the conversion it sits in, no other


@frozen
class Conversion:
    """A foreign amount paired with its yen conversion (or the reverse).

    ``source`` is the figure converted from and ``stated`` the converted figure as written.
    """

    source: Money
    stated: Money
    span: Span
    bracket: Span | None = None  # the brackets that hold the converted figure, if any
    rate_time: RateTime | None = None  # 当時 or 現レートで before the converted figure
    period: tuple[dt.date, dt.date] | None = None  # the dates of the event its sentence names (当時's date)
    loose: bool = False  # 「A、約B」: paired by a comma alone, so it may be two facts side by side
    attributive: bool = False  # 「A、約Bの…」: loose, and the converted figure qualifies a noun of its own


class RateTime(StrEnum):
    """When the writer says a conversion's rate is from."""

    THEN = "then"  # 当時, 当時のレートで, 執筆当時のレートで: the event's date, never the article's
    NOW = "now"  # 現レートで, 現在のレートで: the article's date


class DateOrigin(StrEnum):
    """Where the date a file's rates are looked up for came from."""

    TEXT = "text"  # read in the text: a dateline, a metadata line, a byline, a footer
    FRONT_MATTER = "front-matter"  # the ``date:`` of Markdown front matter
    OPTION = "option"  # ``--date`` or ``date =`` in the configuration
    GIVEN = "given"  # passed by the caller of the library


@frozen
class Dated:
    """An article's date and where it was found (``line``: 1-based, for one found in the text)."""

    on: dt.date
    origin: DateOrigin
    line: int | None = None


@frozen
class Scan:
    """Everything the scanner found in one text."""

    text: str
    money: tuple[Money, ...] = ()
    rates: tuple[RateStatement, ...] = ()
    conversions: tuple[Conversion, ...] = ()
    dated: Dated | None = None  # the article's own date, and where it is
    unit_conversions: tuple[UnitConversion, ...] = ()
    incomplete: str | None = None  # why nothing was found: the text defeats the patterns (time guard)

    @property
    def article_date(self) -> dt.date | None:
        """The article's own date, if it has one."""
        return self.dated.on if self.dated else None


#: How many days before the date asked for a table row may be (weekends, holidays).
MAX_AGE_DAYS = 7

#: How many days before the rate date a writer's rate may be from: a ``reference`` rate holds a
#: figure that some table rate of this window (within the tolerance) makes hold.
REFERENCE_WINDOW_DAYS = 30


class RateKind(StrEnum):
    """How far a table rate is to be trusted."""

    HOUSE = "house"  # the editors' own rate: exact
    REFERENCE = "reference"  # a central bank's rate: checked with a tolerance


@frozen
class Lookup:
    """A table row found for a requested date (``rate.on`` may be earlier: a fallback)."""

    rate: Rate
    requested: dt.date

    @property
    def fallback(self) -> bool:
        """Whether the row is from an earlier date than the one asked for."""
        return self.rate.on != self.requested


class RateOrigin(StrEnum):
    """Where the rate used for a check came from."""

    ARTICLE = "article"
    OPTION = "option"
    TABLE = "table"


@frozen
class Rate:
    """One row of the rate table: one ``base`` buys ``value`` ``quote`` on ``on``."""

    on: dt.date
    base: str
    quote: str
    value: Decimal
    kind: RateKind = RateKind.REFERENCE
    source: str = ""


@frozen
class AppliedRate:
    """The rate a check used, and how it was found."""

    base: str
    quote: str
    value: Decimal
    origin: RateOrigin
    on: dt.date | None = None  # the date of the rate (the row's date for the table)
    exact: bool = True  # False for a reference rate checked within a tolerance
    requested: dt.date | None = None  # the date asked for, when a table fallback applied
    statement: Span | None = None  # the article's statement, for origin == article
    source: str = ""  # the table row's source column, for origin == table
    window: Band | None = None  # the table's rates over the reference window, for a reference rate


@frozen
class Band:
    """The lowest and highest of a table's reference rates for one currency over a window of days
    (``first`` … ``last``): writers convert at a rate from days or weeks before the article."""

    low: Decimal
    high: Decimal
    first: dt.date
    last: dt.date


@frozen
class Coverage:
    """What a rate table has for one currency: its first and last dates, its lowest and highest rates."""

    first: dt.date
    last: dt.date
    low: Decimal
    high: Decimal
    months: tuple[tuple[str, Decimal, Decimal], ...] = ()  # ("2024-07", lowest, highest), in order


class Reason(StrEnum):
    """Why a conversion could not be verified: each with its own message and the one thing to do."""

    NO_AMOUNT = "no-amount"  # a zero figure: nothing to convert
    UNCERTAIN = "uncertain-reading"  # the figure may be read another way (「1・5億」 after digits)
    NO_DATE = "no-date"  # no rate in the article or options, and no date to look one up
    NO_CURRENCY = "no-currency"  # the table has no rate for the currency at all
    AFTER_TABLE = "after-table"  # the rate date is after the table's last row for the currency
    NO_ROW = "no-row"  # no row within the fallback window (before the table starts, or a gap)
    NO_TABLE = "no-table"  # checked without a table (the library, without one)
    HISTORICAL = "historical"  # converted at the rate of the time (当時), and no date says when that was
    EVENT_RATE = "event-rate"  # holds at the rates of the earlier date its sentence names, not the article's
    OTHER_DOLLAR = "other-dollar"  # a bare ドル that holds as the other dollar the article names, not as US dollars
    INCOMPLETE = "incomplete"  # the text defeats the patterns (time guard)
    LOOSE = "loose-pair"  # 「A、約B」 far off any rate: perhaps two figures, not a conversion


class Status(StrEnum):
    """The verdict on one conversion."""

    OK = "ok"
    MISMATCH = "mismatch"
    UNVERIFIABLE = "unverifiable"


class Severity(StrEnum):
    """How much a finding matters, lowest first in ``SEVERITY_ORDER``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


SEVERITY_ORDER = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class FailLevel(StrEnum):
    """The values of ``--fail-on``: the lowest severity that fails a run, or never."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    NEVER = "never"

    @property
    def threshold(self) -> Severity | None:
        """The severity at and above which a problem fails the run (``None``: nothing does)."""
        return None if self is FailLevel.NEVER else Severity(self.value)


class ListingFormat(StrEnum):
    """The values of ``--format`` for ``figures`` and ``rates show``."""

    TEXT = "text"
    JSON = "json"


class Language(StrEnum):
    """The values of ``--lang`` and ``lang =``: the language of every message (``figcheck.i18n``)."""

    EN = "en"
    JA = "ja"


class ColorChoice(StrEnum):
    """The values of ``--color``."""

    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


class Feed(StrEnum):
    """The values of ``rates update --source``: where fresh rates come from (``figcheck.sources``)."""

    ECB = "ecb"  # the ECB's whole history, one zip
    FRANKFURTER = "frankfurter"  # the Frankfurter API, from a date on


class ArchiveFormat(StrEnum):
    """The values of ``figcheck archive --format``."""

    JSONL = "jsonl"
    PARQUET = "parquet"


class OutputFormat(StrEnum):
    """The values of ``--format`` for a check (formatters are in ``figcheck.report``)."""

    TEXT = "text"
    CONCISE = "concise"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"
    RDJSONL = "rdjsonl"


class Rule(StrEnum):
    """Rule identifiers, stable across versions."""

    CONVERSION = "conversion"
    UNIT_CONVERSION = "unit-conversion"
    RATE = "rate"
    RATE_CONSISTENCY = "rate-consistency"


#: The rules whose findings are conversions, counted as such (ok, mismatch, unverifiable).
CONVERTING = frozenset({Rule.CONVERSION, Rule.UNIT_CONVERSION})


@frozen
class Interval:
    """A closed-open interval ``[low, high)`` of rates."""

    low: Decimal
    high: Decimal


@frozen
class Finding:
    """One result of the check, for one place in the text."""

    rule: Rule
    status: Status
    severity: Severity
    span: Span
    message: str
    conversion: Conversion | UnitConversion | None = None  # the currency or unit conversion found
    rate: AppliedRate | None = None
    expected: Decimal | None = None
    expected_text: str | None = None  # the exact product in newspaper notation with unit: 84兆1500億円
    rounded_text: str | None = None  # when the written figure holds by rounding: 3600億円 as 約4000億円
    suggestion: str | None = None  # the figure that would hold, as it should be written
    implied: Interval | None = None
    related: tuple[Span, ...] = ()  # other places the finding names
    reason: Reason | None = None  # why an unverifiable conversion could not be checked


@frozen
class FileReport:
    """The findings for one input."""

    path: str
    text: str
    findings: tuple[Finding, ...] = ()
    error: str | None = None  # the input could not be read
    skipped: str | None = None  # a note why the input was not checked
    dated: Dated | None = None  # the date its rates were looked up for, and where it came from


@frozen
class Summary:
    """Counts over all files."""

    files: int = 0
    conversions: int = 0
    ok: int = 0
    mismatch: int = 0
    unverifiable: int = 0
    warnings: int = 0
    unreadable: int = 0


@frozen
class RunReport:
    """All files of one run, in input order."""

    files: tuple[FileReport, ...] = field(default_factory=tuple)
