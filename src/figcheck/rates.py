"""The dated rate table (``rates.csv``): load, validate, look up, merge and save.

The file is UTF-8 CSV with the header ``date,base,quote,rate,kind,source``, one row per
(date, base, quote), sorted by date. The shipped table holds about two hundred thousand rows,
so a large table is not parsed whole: a look-up bisects the bytes by date and parses only the
rows of the window it needs (a week), validating each. A small table (a user's own) is read
whole, validated row by row, and may be in any order.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from figcheck import atomic, currencies
from figcheck.errors import RatesError
from figcheck.frozen import frozen
from figcheck.i18n import _
from figcheck.model import MAX_AGE_DAYS, Band, Coverage, Lookup, Rate, RateKind
from figcheck.numerals import plain

__all__ = [
    "HEADER",
    "MAX_AGE_DAYS",
    "Freshness",
    "LazyRateTable",
    "Lookup",
    "RateStack",
    "RateTable",
    "crosses",
    "default_table_path",
    "format_rows",
    "freshness",
    "layers",
    "merge",
    "merge_into",
    "show",
    "user_table_path",
    "write_table",
]

HEADER = "date,base,quote,rate,kind,source"
_SMALL = 256 * 1024  # bytes: below this a table is parsed whole (a larger one is bisected by date)
_HEADER_REACH = 4096  # bytes: where the header line must end
MAX_TABLE = 512 * 1024 * 1024  # bytes: the largest table read (the shipped one is 9 MB)


def default_table_path() -> Path:
    """The table shipped inside the package."""
    return Path(str(resources.files("figcheck") / "data" / "rates.csv"))


def _parse_row(line: str) -> Rate:
    """One CSV line -> ``Rate``; a ``ValueError`` says what is wrong (the caller adds file and line)."""
    fields = line.rstrip("\r\n").split(",", 5)
    if len(fields) != 6:
        raise ValueError(
            _("expected 6 fields (date,base,quote,rate,kind,source), got {value}").format(value=len(fields))
        )
    date_s, base, quote, rate_s, kind_s, source = fields
    try:
        on = dt.date.fromisoformat(date_s)
    except ValueError:
        raise ValueError(_("bad date {date_s!r} (want YYYY-MM-DD)").format(date_s=date_s)) from None
    for code in (base, quote):
        if code not in _CODES_SEEN:  # a table names a few dozen codes in thousands of rows
            if not currencies.is_code(code):
                raise ValueError(_("bad currency code {code!r} (want ISO 4217, e.g. USD)").format(code=code))
            _CODES_SEEN.add(code)
    try:
        value = Decimal(rate_s)
    except InvalidOperation:
        raise ValueError(_("bad rate {rate_s!r}").format(rate_s=rate_s)) from None
    if not value.is_finite() or value <= 0:
        raise ValueError(_("rate must be a positive number, got {rate_s!r}").format(rate_s=rate_s))
    kind = _KINDS.get(kind_s)  # a dict, not RateKind(kind_s): an enum call per row cost a sixth of parsing
    if kind is None:
        raise ValueError(_("bad kind {kind_s!r} (want house or reference)").format(kind_s=kind_s))
    return Rate(on, base, quote, value, kind, source)


_CODES_SEEN: set[str] = set()
_KINDS = {kind.value: kind for kind in RateKind}


def spreadsheet_csv(data: bytes, path: Path) -> bytes:
    """A table saved from Excel or Google Sheets, in figcheck's own form: fields in quotes, CP932
    (Excel's Japanese default) or UTF-8 with a BOM, CRLF line ends, blank trailing rows. Read with
    the standard ``csv`` module; a table already in figcheck's form is returned as it is (the fast
    path every large table takes)."""
    if len(data) > _SMALL:
        return data  # a large table is one figcheck wrote (rates update, import): its own form
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp932")
        except UnicodeDecodeError:
            raise RatesError(_("{path}: rate table is neither UTF-8 nor CP932 (Shift_JIS)").format(path=path)) from None
    else:
        if b'"' not in data:
            return data
    import csv
    import io

    lines = []
    for number, row in enumerate(csv.reader(io.StringIO(text, newline=""), skipinitialspace=True), start=1):
        fields = [f.strip() for f in row]
        if not any(fields):
            continue  # the blank rows a spreadsheet leaves at the end
        if any("\n" in f or "\r" in f for f in fields) or any("," in f for f in fields[:5]):
            raise RatesError(
                _("{path}:{line}: a field holds a line break or a comma where the table cannot have one").format(
                    path=path, line=number
                )
            )
        lines.append(",".join(fields))
    return ("\n".join(lines) + "\n").encode("utf-8")


_DAYS_KEPT = 512  # days of a large table's parsed rows kept (about 20,000 rows, a few MB)
_LOOKUPS_KEPT = 8192  # answers to look-ups and bands kept


_K = TypeVar("_K")
_V = TypeVar("_V")


class _Bounded(OrderedDict[_K, _V]):
    """A dict that forgets its least recently used entries beyond ``size``."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def __getitem__(self, key: _K) -> _V:
        value = super().__getitem__(key)
        self.move_to_end(key)
        return value

    def __setitem__(self, key: _K, value: _V) -> None:
        super().__setitem__(key, value)
        self.move_to_end(key)
        if len(self) > self.size:
            self.popitem(last=False)


# date, base, quote, rate of a row, read straight from the bytes (for a whole-table summary)
_SUMMARY_ROW = re.compile(rb"^(\d{4}-\d\d-\d\d),([A-Z]{3}),([A-Z]{3}),([0-9.]+),", re.M)


class RateTable:
    """A rate table read from one file."""

    def __init__(self, path: Path, data: bytes) -> None:
        """Wrap the bytes of a table; use :meth:`open` to read one from disk."""
        self.path = path
        self._data = data
        first = data.find(b"\n", 0, _HEADER_REACH)
        header = data[: first if first != -1 else min(len(data), _HEADER_REACH)].decode("utf-8-sig", "replace").strip()
        if header != HEADER:
            raise RatesError(
                _("{path}:1: bad header {value!r} (want {HEADER!r})").format(
                    path=path, value=header[:80], HEADER=HEADER
                )
            )
        zero = data.find(b"\x00")
        if zero != -1:  # a zero-filled region, as a crash leaves: no bisection could be trusted over it
            line = data.count(b"\n", 0, zero) + 1
            raise RatesError(
                _("{path}:{line}: NUL bytes in the rate table (a damaged file)").format(path=path, line=line)
            )
        self._body = first + 1 if first != -1 else len(data)
        self._rows: list[Rate] | None = None
        self._dates: list[dt.date] = []
        if len(data) <= _SMALL:
            self._rows = sorted(self._parse_range(self._body, len(data), check_order=False), key=lambda r: r.on)
            self._dates = [r.on for r in self._rows]
        # Bounded, so that a run over decades of articles holds a few years of days, not all of them.
        self._days: _Bounded[dt.date, list[Rate]] = _Bounded(_DAYS_KEPT)
        self._lookups: _Bounded[tuple[str, str, dt.date, int], Lookup | None] = _Bounded(_LOOKUPS_KEPT)
        self._coverage: dict[tuple[str, str], Coverage] | None = None
        self._bands: _Bounded[tuple[str, str, dt.date, int], Band | None] = _Bounded(_LOOKUPS_KEPT)
        self._pairs: _Bounded[tuple[dt.date, str, str], list[Rate]] = _Bounded(_LOOKUPS_KEPT)
        self._offsets: _Bounded[dt.date, int] = _Bounded(_LOOKUPS_KEPT)

    @classmethod
    def open(cls, path: Path) -> RateTable:
        """Open a table file; a missing, unreadable or damaged file is a ``RatesError``. The file is
        read into memory at once (the shipped table: 9 MB in a few milliseconds), so a table
        rewritten or truncated during a run can never fault a look-up (a memory map would: SIGBUS)."""
        from figcheck.errors import InputError
        from figcheck.files import read_regular

        try:
            return cls(path, spreadsheet_csv(read_regular(path, MAX_TABLE), path))
        except InputError as e:
            message = str(e)
            if message.endswith("no such file"):
                raise RatesError(_("{path}: rate table not found").format(path=path)) from None
            raise RatesError(_("{message} (rate table)").format(message=message)) from None

    def _lineno(self, offset: int) -> int:
        return bytes(self._data[:offset]).count(b"\n") + 1  # only ever on the way to an error

    def _parse_range(self, start: int, end: int, *, check_order: bool) -> Iterator[Rate]:
        pos = start
        skipped = 0  # lines read since ``start``; the absolute number is worked out only for an error
        previous: dt.date | None = None
        while pos < end:
            nl = self._data.find(b"\n", pos, end)
            stop = nl if nl != -1 else end
            raw = self._data[pos:stop]
            if raw.strip():
                try:
                    rate = _parse_row(raw.decode("utf-8"))
                    if check_order and previous is not None and rate.on < previous:
                        raise ValueError(
                            _("rows are not sorted by date (a large table must be; `figcheck rates import` sorts it)")
                        )
                except UnicodeDecodeError:
                    raise RatesError(
                        _("{path}:{value}: rate table is not UTF-8").format(
                            path=self.path, value=self._lineno(start) + skipped
                        )
                    ) from None
                except ValueError as e:
                    raise RatesError(
                        _("{path}:{value}: {e}").format(path=self.path, value=self._lineno(start) + skipped, e=e)
                    ) from None
                previous = rate.on
                yield rate
            pos = stop + 1
            skipped += 1

    def _offset_of(self, day: dt.date) -> int:
        """The byte offset of the first row dated ``day`` or later, bisecting the bytes (once a day:
        a look-up over a week asks for each day's end, the next day's start).

        ``lo`` is always the start of a line; every line before it is dated earlier.
        """
        found = self._offsets.get(day)
        if found is None:
            found = self._offsets[day] = self._bisect(day)
        return found

    def _bisect(self, day: dt.date) -> int:
        key = day.isoformat().encode()
        data = self._data
        lo, hi = self._body, len(data)
        while lo < hi:
            mid = (lo + hi) // 2
            start = data.rfind(b"\n", lo, mid) + 1 or lo
            if data[start : start + 10] < key:
                nl = data.find(b"\n", start)
                lo = len(data) if nl == -1 else nl + 1
            else:
                hi = start
        return lo

    def between(self, first: dt.date, last: dt.date) -> list[Rate]:
        """Every row dated ``first`` … ``last`` inclusive. A large table parses each day's rows
        once (look-ups for neighbouring dates share their days) and keeps the recent days only."""
        if self._rows is not None or (last - first).days > _DAYS_KEPT // 4:
            return self._between(first, last)
        out: list[Rate] = []
        day = first
        while day <= last:
            if day in self._days:
                rows = self._days[day]
            else:
                rows = self._days[day] = self._between(day, day)
            out += rows
            day += dt.timedelta(days=1)
        return out

    def _pair_rows(self, day: dt.date, base: str, quote: str) -> list[Rate]:
        """The rows of ``base``/``quote`` dated ``day``. In a large table only those lines are parsed:
        a look-up or a band reads one currency of each day, and a day has a row for each of forty.
        The day's lines are still held to the sort order (a bisection over an unsorted table would
        answer wrong), by their first ten bytes."""
        key = (day, base, quote)
        found = self._pairs.get(key)
        if found is not None:
            return found
        if self._rows is not None or day in self._days:
            rows = [r for r in self.between(day, day) if r.base == base and r.quote == quote]
        else:
            rows = list(self._pair_lines(day, base, quote))
        self._pairs[key] = rows
        return rows

    def _pair_lines(self, day: dt.date, base: str, quote: str) -> Iterator[Rate]:
        data = self._data
        start, end = self._offset_of(day), self._offset_of(day + dt.timedelta(days=1))
        stamp = day.isoformat().encode()
        # Every line of the day starts with its date (blank lines may end the table): else the table
        # is not sorted. Counted in bytes first; the lines are walked only to say which is wrong.
        block = data[start:end].rstrip()
        if not block or (block.startswith(stamp) and block.count(b"\n") == block.count(b"\n" + stamp)):
            pos = end
        else:
            pos = start
        while pos < end:
            if data[pos : pos + 10] != stamp and data[pos:end].strip():
                raise RatesError(
                    _("{path}:{value}: {e}").format(
                        path=self.path,
                        value=self._lineno(pos),
                        e=_("rows are not sorted by date (a large table must be; `figcheck rates import` sorts it)"),
                    )
                )
            nl = data.find(b"\n", pos, end)
            pos = end if nl == -1 else nl + 1
        needle = f",{base},{quote},".encode()
        at = data.find(needle, start, end)
        while at != -1:
            line_start = data.rfind(b"\n", start, at) + 1 or start
            nl = data.find(b"\n", at, end)
            line_end = end if nl == -1 else nl
            for rate in self._parse_range(line_start, line_end, check_order=False):
                if rate.base == base and rate.quote == quote:  # not the needle in a source column
                    yield rate
            at = data.find(needle, line_end, end)

    def _between(self, first: dt.date, last: dt.date) -> list[Rate]:
        if self._rows is not None:
            lo = bisect_right(self._dates, first - dt.timedelta(days=1))
            return self._rows[lo : bisect_right(self._dates, last)]
        start = self._offset_of(first)
        return list(self._parse_range(start, self._offset_of(last + dt.timedelta(days=1)), check_order=True))

    def rows(self) -> Iterator[Rate]:
        """Every row of the table, validated, in file order."""
        if self._rows is not None:
            yield from self._rows
        else:
            yield from self._parse_range(self._body, len(self._data), check_order=True)

    def last_date(self) -> dt.date | None:
        """The date of the newest row (the last line of a sorted table)."""
        if self._rows is not None:
            return self._rows[-1].on if self._rows else None
        end = len(self._data)
        while end and self._data[end - 1 : end] in (b"\n", b"\r"):
            end -= 1
        start = self._data.rfind(b"\n", 0, end) + 1
        try:
            return dt.date.fromisoformat(self._data[start : start + 10].decode())
        except ValueError:
            return None

    def coverage(self, base: str, quote: str) -> Coverage | None:
        """The first and last dates and the lowest and highest rates of ``base``/``quote``, or ``None``.

        Read from the whole table once (about 0.3 s for the shipped one), and only when a check
        needs it: a conversion with no rate to check it by.
        """
        if self._coverage is None:
            self._coverage = self._summarize()
        return self._coverage.get((base, quote))

    def _summarize(self) -> dict[tuple[str, str], Coverage]:
        found: dict[tuple[bytes, bytes], list[Any]] = {}
        months: dict[tuple[bytes, bytes, bytes], list[Any]] = {}
        for m in _SUMMARY_ROW.finditer(self._data):
            day, base, quote, value = m.groups()
            number = float(value)  # to compare; the extremes are kept as written, exactly
            entry = found.get((base, quote))
            if entry is None:
                found[(base, quote)] = [day, day]
            else:
                entry[0], entry[1] = min(entry[0], day), max(entry[1], day)
            month = months.get((base, quote, day[:7]))
            if month is None:
                months[(base, quote, day[:7])] = [number, value, number, value]
                continue
            if number < month[0]:
                month[0], month[1] = number, value
            if number > month[2]:
                month[2], month[3] = number, value
        by_pair: dict[tuple[bytes, bytes], list[tuple[str, Decimal, Decimal]]] = {}
        for (base, quote, month_key), (_first, low, _last, high) in sorted(months.items()):
            by_pair.setdefault((base, quote), []).append(
                (month_key.decode(), Decimal(low.decode()), Decimal(high.decode()))
            )
        return {
            (base.decode(), quote.decode()): Coverage(
                dt.date.fromisoformat(first.decode()),
                dt.date.fromisoformat(last.decode()),
                min(m[1] for m in by_pair[(base, quote)]),
                max(m[2] for m in by_pair[(base, quote)]),
                tuple(by_pair[(base, quote)]),
            )
            for (base, quote), (first, last) in found.items()
        }

    def _pair_range(self, base: str, quote: str, first: dt.date, last: dt.date) -> Iterator[Rate]:
        """The rows of ``base``/``quote`` dated ``first`` … ``last``, in date order (a long range, as
        a 当時 period's, through ``between`` at once)."""
        if self._rows is not None or (last - first).days > _DAYS_KEPT // 4:
            yield from (r for r in self._between(first, last) if r.base == base and r.quote == quote)
            return
        day = first
        while day <= last:
            yield from self._pair_rows(day, base, quote)
            day += dt.timedelta(days=1)

    def lookup(self, base: str, quote: str, on: dt.date, max_age: int = MAX_AGE_DAYS) -> Lookup | None:
        """The rate for ``base``/``quote`` on ``on``, else the most recent within ``max_age`` days."""
        key = (base, quote, on, max_age)
        if key not in self._lookups:  # an archive asks for the same few days again and again
            best: Rate | None = None
            for rate in self._pair_range(base, quote, on - dt.timedelta(days=max_age), on):
                if best is None or rate.on >= best.on:
                    best = rate
            self._lookups[key] = Lookup(best, on) if best is not None else None
        return self._lookups[key]

    def band(self, base: str, quote: str, on: dt.date, days: int) -> Band | None:
        """The lowest and highest ``reference`` rates of ``base``/``quote`` dated ``days`` days
        before ``on`` to ``on``, or ``None`` when there are none."""
        key = (base, quote, on, days)
        if key not in self._bands:
            low: Rate | None = None
            high: Rate | None = None
            first = last = on
            for rate in self._pair_range(base, quote, on - dt.timedelta(days=days), on):
                if rate.kind is not RateKind.REFERENCE:
                    continue
                if low is None or high is None:
                    low = high = rate
                    first = last = rate.on
                    continue
                low = rate if rate.value < low.value else low
                high = rate if rate.value > high.value else high
                first, last = min(first, rate.on), max(last, rate.on)
            self._bands[key] = Band(low.value, high.value, first, last) if low and high else None
        return self._bands[key]


# -- sources ---------------------------------------------------------------------------

ECB_SOURCE = "ECB"
_JPY_DIGITS = 7  # significant digits kept of a derived cross rate (the ECB quotes 5 or 6)


def crosses(on: dt.date, per_eur: dict[str, Decimal], source: str = ECB_SOURCE) -> Iterator[Rate]:
    """One day's euro reference rates (units per 1 EUR) -> JPY crosses: ``X/JPY = JPY ÷ X``,
    and EUR/JPY is the JPY rate itself. Nothing without a JPY rate."""
    from decimal import localcontext

    jpy = per_eur.get("JPY")
    if jpy is None or jpy <= 0:
        return
    yield Rate(on, "EUR", "JPY", jpy, RateKind.REFERENCE, source)
    for code, value in per_eur.items():
        if code == "JPY" or value <= 0:
            continue
        with localcontext() as ctx:
            ctx.prec = _JPY_DIGITS
            cross = jpy / value
        yield Rate(on, code, "JPY", cross, RateKind.REFERENCE, source)


_ECB_CELL = re.compile(r"[0-9]{1,9}(?:\.[0-9]{1,12})?")  # no sign, exponent, underscore, NaN or Infinity


def parse_ecb_csv(text: str, path: str = "<ecb>") -> Iterator[Rate]:
    """ECB historical reference rates (``eurofxref-hist.csv``) -> JPY crosses, kind ``reference``.

    ``N/A`` and empty cells are skipped; a malformed cell names the line.
    """
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or not lines[0].startswith("Date,"):
        raise RatesError(
            _("{path}:1: not an ECB reference-rate file (the header must start with 'Date,')").format(path=path)
        )
    columns = [c.strip() for c in lines[0].split(",")]
    if "JPY" not in columns:
        raise RatesError(_("{path}:1: the ECB file has no JPY column").format(path=path))
    for code in columns[1:]:
        if code and not currencies.is_code(code):
            raise RatesError(
                _("{path}:1: bad currency code {code!r} in the header (want ISO 4217, e.g. USD)").format(
                    path=path, code=code
                )
            )
    for lineno, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = [c.strip() for c in line.split(",")]
        try:
            on = dt.date.fromisoformat(cells[0])
        except ValueError:
            raise RatesError(
                _("{path}:{lineno}: bad date {value!r}").format(path=path, lineno=lineno, value=cells[0])
            ) from None
        per_eur = {}
        for code, cell in zip(columns[1:], cells[1:], strict=False):
            if code and cell not in ("", "N/A"):
                if not _ECB_CELL.fullmatch(cell) or Decimal(cell) <= 0:
                    raise RatesError(
                        _("{path}:{lineno}: bad {code} rate {cell!r} (want a positive decimal)").format(
                            path=path, lineno=lineno, code=code, cell=cell
                        )
                    )
                per_eur[code] = Decimal(cell)
        yield from crosses(on, per_eur)


# -- writing ---------------------------------------------------------------------------


def format_rows(rates: Iterable[Rate]) -> str:
    """The CSV text of ``rates``, header included, sorted by (date, base, quote)."""
    ordered = sorted(rates, key=lambda r: (r.on, r.base, r.quote))
    lines = [HEADER]
    lines.extend(f"{r.on.isoformat()},{r.base},{r.quote},{plain(r.value)},{r.kind},{r.source}" for r in ordered)
    return "\n".join(lines) + "\n"


def merge(existing: Iterable[Rate], new: Iterable[Rate], *, overwrite: bool = False) -> tuple[list[Rate], int]:
    """Add ``new`` rows for (date, pair) keys not yet present; return the rows and how many were added.

    With ``overwrite``, new rows replace existing reference rows; house rows always stay.
    """
    table = {(r.on, r.base, r.quote): r for r in existing}
    added = 0
    for rate in new:
        key = (rate.on, rate.base, rate.quote)
        old = table.get(key)
        if old is None or (overwrite and old.kind is not RateKind.HOUSE and old != rate):
            added += 1
            table[key] = rate
    return list(table.values()), added


def write_table(path: Path, rates: Iterable[Rate]) -> None:
    """Write a table atomically: a temporary file in the same folder, then a rename."""
    try:
        atomic.write_text(Path(path), format_rows(rates))
    except OSError as e:
        raise RatesError(
            _("{path}: cannot write the rate table: {value}").format(path=path, value=e.strerror or e)
        ) from None


#: What a row from a download or an import may hold: the dates a table can mean, and rates no
#: currency has against the yen outside (a rupiah is 0.009円; a bitcoin is not a currency here).
FIRST_DATE = dt.date(1950, 1, 1)
_LOWEST, _HIGHEST = Decimal("1E-6"), Decimal("1E6")
_LINE_BREAKS = "\r\n\x00\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_PAIR_FACTOR = 100  # how far outside a pair's range in the table a new rate may be (the lira: ÷18 in 20 years)


def validated(
    rows: Iterable[Rate], source: str, table: RateTable | None = None, today: dt.date | None = None
) -> list[Rate]:
    """``rows`` from ``source``, each checked exactly as the table reader checks a line, and more: no
    separator or line break in any field, a date from 1950 to a week from ``today``, a rate within a
    sane band for its pair (and within a factor of 100 of the rates ``table`` has for it), and no two
    rows for one date and pair that disagree. The first bad row is a ``RatesError`` naming it."""
    last = (today or dt.date.today()) + dt.timedelta(days=7)
    seen: dict[tuple[dt.date, str, str], Rate] = {}
    for n, rate in enumerate(rows, 1):
        where = f"{source}: row {n} ({rate.on} {rate.base}/{rate.quote})"
        if not rate.value.is_finite():
            raise RatesError(
                _("{where}: rate must be a finite number, got {value}").format(where=where, value=rate.value)
            )
        fields = f"{rate.base}{rate.quote}{rate.kind}"
        if any(ch in fields for ch in ",") or any(ch in fields + rate.source for ch in _LINE_BREAKS):
            raise RatesError(_("{where}: a field holds a separator or a line break").format(where=where))
        line = f"{rate.on.isoformat()},{rate.base},{rate.quote},{plain(rate.value)},{rate.kind},{rate.source}"
        try:
            _parse_row(line)
        except ValueError as e:
            raise RatesError(_("{where}: {e}").format(where=where, e=e)) from None
        if not FIRST_DATE <= rate.on <= last:
            raise RatesError(
                _("{where}: the date is outside {FIRST_DATE} to {last}").format(
                    where=where, FIRST_DATE=FIRST_DATE, last=last
                )
            )
        if not _LOWEST <= rate.value <= _HIGHEST:
            raise RatesError(
                _("{where}: rate {value} is outside any currency's range (1E-6 to 1E6)").format(
                    where=where, value=plain(rate.value)
                )
            )
        coverage = table.coverage(rate.base, rate.quote) if table is not None else None
        if coverage is not None and not coverage.low / _PAIR_FACTOR <= rate.value <= coverage.high * _PAIR_FACTOR:
            raise RatesError(
                _("{where}: rate {value} is a hundred times outside the table's {value2}–{value3} for the pair").format(
                    where=where, value=plain(rate.value), value2=plain(coverage.low), value3=plain(coverage.high)
                )
            )
        key = (rate.on, rate.base, rate.quote)
        other = seen.setdefault(key, rate)
        if other.value != rate.value:
            raise RatesError(
                _("{where}: conflicts with another row of the same date and pair ({value})").format(
                    where=where, value=plain(other.value)
                )
            )
    return list(seen.values())


def merge_into(path: Path, new: Iterable[Rate], *, overwrite: bool = False, source: str = "") -> tuple[int, int]:
    """Merge ``new`` rows (from ``source``) into the table at ``path`` and write it atomically; return
    (rows added or replaced, rows in all). A missing file starts a new table. Every new row is
    validated first (``validated``), and every existing one by the reader; nothing is written on any
    error. Concurrent merges into one table take turns (a lock file beside it), so none is lost."""
    real = atomic.target(path)  # a symlinked table is updated where it lives
    with _locked(real):
        table = RateTable.open(real) if real.exists() else None
        rows = validated(new, source or str(path), table)
        existing = list(table.rows()) if table is not None else []
        merged, added = merge(existing, rows, overwrite=overwrite)
        if added:
            write_table(real, merged)
    return added, len(merged)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock on ``.NAME.lock`` beside ``path`` (where ``fcntl`` exists)."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks here; merges are not serialised
        yield
        return
    lock = path.with_name(f".{path.name}.lock")
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as e:
        raise RatesError(
            _("{path}: cannot lock the rate table ({lock}): {value}").format(
                path=path, lock=lock, value=e.strerror or e
            )
        ) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


@frozen
class Shown:
    """One line of ``figcheck rates show``: the row a check would use for ``base`` on ``requested``."""

    base: str
    requested: dt.date
    rate: Rate | None  # None: no row within MAX_AGE_DAYS
    file: Path | None = None  # the table file the row is in

    @property
    def fallback(self) -> bool:
        """Whether the row is older than the date asked for."""
        return self.rate is not None and self.rate.on != self.requested


def show(
    table: RateStack,
    codes: Iterable[str] = (),
    day: dt.date | None = None,
    first: dt.date | None = None,
    last: dt.date | None = None,
) -> list[Shown]:
    """The rows a check would use: for each code on ``day`` (default: the table's newest date,
    every currency of that week by default), or every row from ``first`` to ``last``."""
    wanted = [c.upper() for c in codes]
    if first or last:
        start = first or dt.date(1999, 1, 1)
        end = last or table.last_date() or start
        return [Shown(r.base, r.on, r, f) for r, f in table.between(start, end) if not wanted or r.base in wanted]
    when = day or table.last_date()
    if when is None:
        raise RatesError(_("{path}: the table is empty").format(path=table.path))
    window = table.between(when - dt.timedelta(days=MAX_AGE_DAYS), when)
    out = []
    for code in wanted or sorted({r.base for r, _file in window}):
        found = table.lookup(code, "JPY", when)
        rate = found.rate if found else None
        out.append(Shown(code, when, rate, table.source_of(rate) if rate else None))
    return out


@frozen
class Freshness:
    """How old one table file is: its newest row's date and its age in days on ``today``."""

    path: Path
    last: dt.date | None
    age: int | None


def freshness(table: RateStack, today: dt.date) -> list[Freshness]:
    """The newest date and the age of each layer of ``table``."""
    out = []
    for layer in table.layers:
        last = layer.table.last_date()
        out.append(Freshness(layer.path, last, (today - last).days if last else None))
    return out


class LazyRateTable:
    """A table opened on its first look-up, so a run that never needs it never reads it."""

    def __init__(self, path: Path) -> None:
        """Remember ``path``; nothing is read yet."""
        self.path = path
        self._table: RateTable | None = None

    def __getstate__(self) -> dict[str, object]:
        """Sent to a worker process as the path alone: each process opens (maps) it itself."""
        return {"path": self.path, "_table": None}

    def __setstate__(self, state: dict[str, object]) -> None:
        """See ``__getstate__``."""
        self.__dict__.update(state)

    @property
    def table(self) -> RateTable:
        """The opened table (opened now if need be)."""
        if self._table is None:
            self._table = RateTable.open(self.path)
        return self._table

    def coverage(self, base: str, quote: str) -> Coverage | None:
        """See :meth:`RateTable.coverage`."""
        return self.table.coverage(base, quote)

    def lookup(self, base: str, quote: str, on: dt.date, max_age: int = MAX_AGE_DAYS) -> Lookup | None:
        """See :meth:`RateTable.lookup`."""
        return self.table.lookup(base, quote, on, max_age)

    def band(self, base: str, quote: str, on: dt.date, days: int) -> Band | None:
        """See :meth:`RateTable.band`."""
        return self.table.band(base, quote, on, days)


class ShippedRateTable(LazyRateTable):
    """A table that travels with its bytes (to a Dask worker that has no such file), opened again
    from them on its first look-up there."""

    def __init__(self, table: RateTable) -> None:
        """Carry ``table``'s path (for messages) and bytes."""
        super().__init__(table.path)
        self._table = table
        self._data = table._data

    def __getstate__(self) -> dict[str, object]:
        """The path and the bytes; the parsed rows are made again where it is unpickled."""
        return {"path": self.path, "_data": self._data, "_table": None}

    @property
    def table(self) -> RateTable:
        """The table, made from the bytes if need be."""
        if self._table is None:
            self._table = RateTable(self.path, self._data)
        return self._table


# -- the tables a check reads --------------------------------------------------------------------

DATA_DIR_VARIABLE = "FIGCHECK_DATA_DIR"  # where the user's table lives, instead of the platform's data folder


def user_table_path() -> Path:
    """The user's own table, which ``rates update`` and ``import`` write when the configuration names
    none: ``$FIGCHECK_DATA_DIR/rates.csv``, else the platform's user data folder (platformdirs:
    ``~/.local/share/figcheck/rates.csv`` on Linux). Never inside the installed package, where a
    reinstall would undo it."""
    import os

    chosen = os.environ.get(DATA_DIR_VARIABLE)
    if chosen:
        return Path(chosen) / "rates.csv"
    from platformdirs import user_data_dir

    return Path(user_data_dir("figcheck", appauthor=False)) / "rates.csv"


def layers(configured: Path | None) -> tuple[Path, ...]:
    """The tables a check reads, lowest first: the packaged one, the user's (if it exists), the
    configured one (``rates =``). On the same date a higher layer's row wins."""
    user = user_table_path()
    found = [default_table_path()]
    if user.is_file():
        found.append(user)
    if configured is not None:
        found.append(configured)
    return tuple(dict.fromkeys(found))  # a path named twice is read once


def tables(only: Path | None = None, configured: Path | None = None) -> RateStack:
    """The tables a check reads: ``only`` alone (``--rates FILE``), else the packaged table, the
    user's and ``configured`` (``rates =``), found on the first look-up (see :func:`layers`)."""
    from functools import partial

    return RateStack((only,) if only is not None else partial(layers, configured))


class RateStack:
    """Tables read as one: for a date, the newest row of any layer on or before it (a higher layer
    wins a tie: a newsroom's house row over the reference rate of the same day); coverage and bands
    over all of them. Each layer is opened on its first look-up."""

    def __init__(self, paths: Sequence[Path] | Callable[[], Sequence[Path]]) -> None:
        """``paths`` lowest first (see :func:`layers`), or what gives them when first needed (a
        ``functools.partial`` of ``layers``: a run that looks nothing up never looks for the
        user's table, nor imports platformdirs to find it)."""
        self._paths = paths
        self._layers: tuple[LazyRateTable, ...] | None = None

    @property
    def layers(self) -> tuple[LazyRateTable, ...]:
        """The tables, lowest first, each opened on its first look-up."""
        if self._layers is None:
            paths = self._paths() if callable(self._paths) else self._paths
            self._layers = tuple(LazyRateTable(p) for p in paths)
        return self._layers

    def shipped(self) -> RateStack:
        """This stack with every layer read now and carried as bytes when pickled (a missing or
        damaged table is a ``RatesError`` here, before any work is sent out)."""
        stack = RateStack(tuple(layer.path for layer in self.layers))
        stack._layers = tuple(ShippedRateTable(layer.table) for layer in self.layers)
        return stack

    @property
    def path(self) -> Path:
        """The top layer's file, for messages."""
        return self.layers[-1].path

    def lookup(self, base: str, quote: str, on: dt.date, max_age: int = MAX_AGE_DAYS) -> Lookup | None:
        """See :meth:`RateTable.lookup`."""
        best: Lookup | None = None
        for layer in self.layers:
            found = layer.lookup(base, quote, on, max_age)
            if found is not None and (best is None or found.rate.on >= best.rate.on):
                best = found
        return best

    def coverage(self, base: str, quote: str) -> Coverage | None:
        """See :meth:`RateTable.coverage`: over every layer."""
        found = [c for c in (layer.coverage(base, quote) for layer in self.layers) if c is not None]
        if len(found) <= 1:
            return found[0] if found else None
        months: dict[str, tuple[Decimal, Decimal]] = {}
        for c in found:
            for month, low, high in c.months:
                was = months.get(month)
                months[month] = (min(low, was[0]), max(high, was[1])) if was else (low, high)
        return Coverage(
            min(c.first for c in found),
            max(c.last for c in found),
            min(c.low for c in found),
            max(c.high for c in found),
            tuple((m, low, high) for m, (low, high) in sorted(months.items())),
        )

    def band(self, base: str, quote: str, on: dt.date, days: int) -> Band | None:
        """See :meth:`RateTable.band`: over every layer."""
        found = [b for b in (layer.band(base, quote, on, days) for layer in self.layers) if b is not None]
        if len(found) <= 1:
            return found[0] if found else None
        return Band(
            min(b.low for b in found),
            max(b.high for b in found),
            min(b.first for b in found),
            max(b.last for b in found),
        )

    def last_date(self) -> dt.date | None:
        """The newest date of any layer."""
        dates = [d for d in (layer.table.last_date() for layer in self.layers) if d is not None]
        return max(dates) if dates else None

    def between(self, first: dt.date, last: dt.date) -> list[tuple[Rate, Path]]:
        """Every row dated ``first`` … ``last`` of every layer, with the file it is in, in date order."""
        rows = [(r, layer.path) for layer in self.layers for r in layer.table.between(first, last)]
        return sorted(rows, key=lambda pair: pair[0].on)

    def source_of(self, rate: Rate) -> Path:
        """The file a row found by :meth:`lookup` came from (the highest layer that has it)."""
        for layer in reversed(self.layers):
            if rate in layer.table.between(rate.on, rate.on):
                return layer.path
        return self.path
