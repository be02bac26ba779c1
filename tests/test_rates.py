"""The rate table: validation with file and line, dated look-up, merge, atomic writes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from figcheck.errors import RatesError
from figcheck.model import Rate, RateKind
from figcheck.rates import HEADER, RateTable, default_table_path, format_rows, merge, parse_ecb_csv, write_table
from tests.conftest import make_table

D = Decimal

BAD_ROWS = [
    ("2025-10-28,USD,JPY,153,house", "expected 6 fields"),
    ("2025-13-28,USD,JPY,153,house,x", "bad date"),
    ("2025-10-28,usd,JPY,153,house,x", "bad currency code"),
    ("2025-10-28,USD,JPY,abc,house,x", "bad rate"),
    ("2025-10-28,USD,JPY,-1,house,x", "positive"),
    ("2025-10-28,USD,JPY,0,house,x", "positive"),
    ("2025-10-28,USD,JPY,NaN,house,x", "positive"),
    ("2025-10-28,USD,JPY,153,guess,x", "bad kind"),
]


@pytest.mark.parametrize(("row", "message"), BAD_ROWS, ids=[r for r, _ in BAD_ROWS])
def test_malformed_row_names_file_and_line(row: str, message: str) -> None:
    with pytest.raises(RatesError, match=rf"^mine\.csv:3: .*{message}"):
        make_table("2025-10-27,USD,JPY,152,reference,ECB", row, name="mine.csv")


def test_bad_header() -> None:
    with pytest.raises(RatesError, match=r"^t\.csv:1: bad header"):
        RateTable(Path("t.csv"), b"day,from,to,rate\n")


def test_missing_and_non_utf8_file(tmp_path: Path) -> None:
    with pytest.raises(RatesError, match="not found"):
        RateTable.open(tmp_path / "none.csv")
    cp932 = tmp_path / "cp932.csv"
    cp932.write_bytes((HEADER + "\n2025-10-28,USD,JPY,153,house,").encode() + "社内".encode("cp932") + b"\n")
    (row,) = RateTable.open(cp932).rows()  # Excel's Japanese default is read, not refused
    assert row.source == "社内"
    bad = tmp_path / "bad.csv"
    bad.write_bytes((HEADER + "\n2025-10-28,USD,JPY,153,house,").encode() + b"\x81\x7f\n")
    with pytest.raises(RatesError, match=r"bad\.csv: rate table is neither UTF-8 nor CP932"):
        RateTable.open(bad)


@pytest.mark.parametrize(
    ("data", "source"),
    [
        # Excel, "CSV UTF-8": a BOM, every field quoted, CRLF, blank rows at the end
        (
            '\ufeff"date","base","quote","rate","kind","source"\r\n"2025-10-28","USD","JPY","153","house","社内レート"\r\n,,,,,\r\n'.encode(),
            "社内レート",
        ),
        # Excel, "CSV (comma delimited)" on a Japanese Windows: CP932, quotes where a field has a comma
        (
            'date,base,quote,rate,kind,source\r\n2025-10-28,USD,JPY,153,house,"編集局, 経済部"\r\n'.encode("cp932"),
            "編集局, 経済部",
        ),
        # Google Sheets: quoted, LF, a space the editor typed after a comma
        (b'date,base,quote,rate,kind,source\n"2025-10-28", "USD","JPY","153","house","desk"\n', "desk"),
    ],
)
def test_a_table_saved_from_a_spreadsheet_is_read(tmp_path: Path, data: bytes, source: str) -> None:
    path = tmp_path / "house.csv"
    path.write_bytes(data)
    (row,) = RateTable.open(path).rows()
    assert (row.on.isoformat(), row.base, row.value, row.source) == ("2025-10-28", "USD", 153, source)


def test_a_spreadsheet_field_with_a_line_break_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "house.csv"
    path.write_bytes(b'date,base,quote,rate,kind,source\n"2025-10-28","USD","JPY","153","house","two\nlines"\n')
    with pytest.raises(RatesError, match=r"house\.csv:2: a field holds a line break"):
        RateTable.open(path)


def test_lookup_exact_and_fallback() -> None:
    table = make_table(
        "2025-10-20,USD,JPY,150,reference,ECB",
        "2025-10-24,USD,JPY,152,reference,ECB",
        "2025-10-24,EUR,JPY,177,reference,ECB",
    )
    hit = table.lookup("USD", "JPY", dt.date(2025, 10, 24))
    assert hit is not None
    assert (hit.rate.value, hit.fallback) == (D(152), False)
    back = table.lookup("USD", "JPY", dt.date(2025, 10, 31))
    assert back is not None
    assert (back.rate.on, back.fallback) == (dt.date(2025, 10, 24), True)
    assert table.lookup("USD", "JPY", dt.date(2025, 11, 1)) is None  # eight days: too old
    assert table.lookup("GBP", "JPY", dt.date(2025, 10, 24)) is None
    assert table.lookup("USD", "JPY", dt.date(2025, 10, 19)) is None  # nothing earlier


def _big_table(tmp_path: Path) -> Path:
    rows = []
    day = dt.date(2000, 1, 3)
    while day < dt.date(2026, 1, 1):
        if day.weekday() < 5:
            for code, value in (("EUR", "160"), ("GBP", "190"), ("USD", "150")):
                rows.append(Rate(day, code, "JPY", D(value) + D(day.toordinal() % 7), RateKind.REFERENCE, "ECB"))
        day += dt.timedelta(days=1)
    path = tmp_path / "big.csv"
    write_table(path, rows)
    return path


def test_large_table_is_bisected_not_parsed_whole(tmp_path: Path) -> None:
    path = _big_table(tmp_path)
    table = RateTable.open(path)
    assert table._rows is None  # read lazily
    for day in (dt.date(2000, 1, 3), dt.date(2013, 6, 12), dt.date(2025, 12, 31), dt.date(2025, 12, 27)):
        hit = table.lookup("USD", "JPY", day)
        assert hit is not None
        expected = max(d for d in (day - dt.timedelta(days=i) for i in range(8)) if d.weekday() < 5)
        assert hit.rate.on == expected
        assert hit.rate.value == D(150) + D(expected.toordinal() % 7)
    assert table.lookup("USD", "JPY", dt.date(1999, 12, 31)) is None
    assert table.lookup("USD", "JPY", dt.date(2026, 3, 1)) is None


def test_large_table_reports_a_bad_row_it_reads(tmp_path: Path) -> None:
    path = _big_table(tmp_path)
    lines = path.read_text().splitlines()
    target = next(i for i, line in enumerate(lines) if line.startswith("2013-06-12,USD"))
    lines[target] = "2013-06-12,USD,JPY,oops,reference,ECB"
    path.write_text("\n".join(lines) + "\n")
    table = RateTable.open(path)
    with pytest.raises(RatesError, match=rf"big\.csv:{target + 1}: bad rate"):
        table.lookup("USD", "JPY", dt.date(2013, 6, 12))


def test_merge_keeps_existing_and_house_rows() -> None:
    day = dt.date(2025, 10, 28)
    house = Rate(day, "USD", "JPY", D(153), RateKind.HOUSE, "desk")
    ref = Rate(day, "EUR", "JPY", D(177), RateKind.REFERENCE, "ECB")
    new = [Rate(day, "USD", "JPY", D("152.29"), RateKind.REFERENCE, "ECB"), Rate(day, "EUR", "JPY", D(178))]
    rows, added = merge([house, ref], new)
    assert added == 0
    assert set(rows) == {house, ref}
    rows, added = merge([house], [ref])
    assert (added, set(rows)) == (1, {house, ref})
    rows, added = merge([house, ref], new, overwrite=True)
    assert added == 1  # EUR replaced, USD house row kept
    assert house in rows


def test_write_is_atomic_and_sorted(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("old")
    rows = [Rate(dt.date(2025, 10, 28), "USD", "JPY", D(153)), Rate(dt.date(2025, 10, 27), "EUR", "JPY", D(177))]
    write_table(path, rows)
    assert path.read_text().splitlines() == [
        HEADER,
        "2025-10-27,EUR,JPY,177,reference,",
        "2025-10-28,USD,JPY,153,reference,",
    ]
    assert [p.name for p in tmp_path.iterdir()] == ["r.csv"]  # no temporary file left behind
    assert format_rows([]) == HEADER + "\n"


def test_parse_ecb_csv_crosses() -> None:
    text = "Date,USD,JPY,GBP,CYP,\n2025-10-28,1.1630,177.11,0.8794,N/A,\n"
    rows = {r.base: r.value for r in parse_ecb_csv(text)}
    assert rows == {"EUR": D("177.11"), "USD": D("152.2872"), "GBP": D("201.3987")}
    with pytest.raises(RatesError, match="not an ECB"):
        list(parse_ecb_csv("hello"))


def test_shipped_table_is_in_the_package() -> None:
    path = default_table_path()
    assert path.is_file()
    table = RateTable.open(path)
    hit = table.lookup("USD", "JPY", dt.date(2025, 10, 28))
    assert hit is not None
    assert (hit.rate.value, hit.rate.kind) == (D(153), RateKind.HOUSE)


def _large_table(*extra: str, unsorted: bool = False) -> RateTable:
    """A table past the size read whole (so bisected by date): 40 currencies over 300 days."""
    from figcheck.rates import _SMALL

    codes = [f"{a}{b}X" for a in "ABCDEFGH" for b in "ABCDE"]
    lines = []
    for n in range(300):
        day = (dt.date(2025, 1, 1) + dt.timedelta(days=n)).isoformat()
        lines += [f"{day},{code},JPY,{100 + n % 7}.5,reference,ECB" for code in codes]
        lines.append(f"{day},USD,JPY,{150 + n % 5},reference,ECB")
    lines += extra
    if unsorted:
        lines[5000], lines[5001] = lines[5001], lines[5000].replace("2025-", "2024-", 1)
    body = lines if unsorted else sorted(lines, key=lambda line: line[:10])
    data = ("\n".join([HEADER, *body]) + "\n").encode()
    assert len(data) > _SMALL
    return RateTable(Path("large.csv"), data)


def test_a_large_table_reads_one_pair_of_each_day_as_the_whole_day_would() -> None:
    """Look-ups and bands parse only their currency's lines of a day; the answers are the whole day's."""
    table = _large_table()
    for n in (0, 3, 99, 200, 299):
        on = dt.date(2025, 1, 1) + dt.timedelta(days=n)
        found = table.lookup("USD", "JPY", on)
        whole = [r for r in table.between(on - dt.timedelta(days=7), on) if r.base == "USD"]
        assert found is not None
        assert found.rate == max(whole, key=lambda r: r.on)
        band = table.band("USD", "JPY", on, 30)
        values = [r.value for r in table.between(on - dt.timedelta(days=30), on) if r.base == "USD"]
        assert band is not None
        assert (band.low, band.high) == (min(values), max(values))


def test_a_pair_named_in_another_rows_source_is_not_that_pair() -> None:
    table = _large_table("2025-06-01,EUR,JPY,170,house,note: not the ,USD,JPY, row")
    found = table.lookup("USD", "JPY", dt.date(2025, 6, 1))
    assert found is not None
    assert found.rate.base == "USD"
    assert found.rate.value != 170


def test_an_unsorted_large_table_is_an_error_not_a_wrong_rate() -> None:
    table = _large_table(unsorted=True)

    def every_day() -> None:
        for n in range(300):
            table.lookup("AAX", "JPY", dt.date(2025, 1, 1) + dt.timedelta(days=n))

    with pytest.raises(RatesError, match="not sorted"):
        every_day()


def _forty_a_day() -> list[str]:
    """The header and 300 days of 40 currencies: a table past the size read whole."""
    lines = [HEADER]
    for n in range(300):
        day = (dt.date(2025, 1, 1) + dt.timedelta(days=n)).isoformat()
        lines += [f"{day},{a}{b}X,JPY,100.5,reference,ECB" for a in "ABCDEFGH" for b in "ABCDE"]
    return lines


@pytest.mark.parametrize(
    "stray",
    [
        pytest.param("2025-03-01,USD,JPY,150,reference,ECB", id="a later day's row"),
        pytest.param("", id="a blank line"),
        pytest.param("2025-01-1,USD,JPY,150,reference,ECB", id="a date cut short"),
    ],
)
def test_a_stray_line_inside_a_day_is_named_as_unsorted(stray: str) -> None:
    """A day's lines are checked in bytes, and walked only to name the line that breaks the order."""
    from figcheck.rates import _SMALL

    lines = _forty_a_day()
    at = lines.index("2025-01-10,CAX,JPY,100.5,reference,ECB")
    lines.insert(at, stray)
    data = ("\n".join(lines) + "\n").encode()
    assert len(data) > _SMALL
    table = RateTable(Path("large.csv"), data)
    assert table.lookup("AAX", "JPY", dt.date(2025, 1, 8), max_age=0) is not None  # the days before are sound
    with pytest.raises(RatesError, match=rf"large.csv:{at + 1}: .*not sorted"):
        table.lookup("AAX", "JPY", dt.date(2025, 1, 10), max_age=0)


def test_blank_lines_may_end_a_large_table() -> None:
    from figcheck.rates import _SMALL

    data = ("\n".join(_forty_a_day()) + "\n\n  \n\n").encode()
    assert len(data) > _SMALL
    found = RateTable(Path("large.csv"), data).lookup("HEX", "JPY", dt.date(2025, 10, 27), max_age=0)
    assert found is not None
    assert found.rate.on == dt.date(2025, 10, 27)
