"""Reading an archive of articles: JSON Lines or Parquet, local or behind an fsspec URL, gzip or
zstd compressed, cut into chunks of records that a worker checks on its own.

The reading is sequential (a compressed stream cannot be cut without reading it) and light: the
client reads raw lines or Parquet rows, and the worker that checks a chunk parses its records. A
record that cannot be used (a line that is not JSON, no text field, a wrong type, text that is not
UTF-8) is a ``BadRecord``, never the end of the run.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any, cast

from figcheck.errors import ConfigError, InputError
from figcheck.frozen import frozen
from figcheck.i18n import _

__all__ = [
    "MAX_RECORD",
    "BadRecord",
    "Chunk",
    "Fields",
    "Record",
    "chunks",
    "is_parquet",
    "records",
]

#: The longest record line read (bytes): a longer line is a bad record, skipped without holding it.
MAX_RECORD = 16 << 20
#: How a chunk is cut: at most this many records, or this many bytes of raw records.
CHUNK_RECORDS = 1000
CHUNK_BYTES = 4 << 20  # under distributed's warning for a large task (and a worker's fair share)

_GZIP, _ZSTD, _PARQUET = b"\x1f\x8b", b"\x28\xb5\x2f\xfd", b"PAR1"


@frozen
class Fields:
    """The names of a record's fields (``--id-field``, ``--text-field`` …)."""

    id: str = "id"
    text: str = "text"
    date: str = "date"
    url: str = "url"


@frozen
class Record:
    """One article of an archive: ``line`` is its line in a JSON Lines file, its row (from 1) in Parquet."""

    id: str | int
    text: str
    archive: str
    line: int
    date: dt.date | None = None
    url: str | None = None


@frozen
class BadRecord:
    """A record that could not be checked, and why."""

    archive: str
    line: int
    id: str | int | None
    problem: str


@frozen
class Chunk:
    """Consecutive records of one archive, as read: raw JSON lines (bytes) or Parquet rows (dicts);
    the first is on line ``first``. ``index`` orders chunks across the whole run."""

    index: int
    archive: str
    first: int
    rows: tuple[bytes | dict[str, Any], ...]


def is_parquet(name: str) -> bool:
    """Whether ``name`` is read as Parquet (by its suffix; JSON Lines otherwise)."""
    return name.lower().endswith((".parquet", ".pq"))


def chunks(source: str, fields: Fields, size: int = CHUNK_RECORDS) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """One archive's records in chunks of at most ``size``, in order, each with its first line: raw
    JSON lines (bytes), or Parquet rows (dicts). An archive that cannot be read, or that breaks off,
    is an ``InputError`` (after the chunks read before the damage)."""
    with _opened(source) as stream:
        if is_parquet(source):
            yield from _parquet_chunks(stream, source, fields, size)
        else:
            yield from _line_chunks(_decompressed(stream, source), source, size)


@contextmanager
def _opened(source: str) -> Iterator[IO[bytes]]:
    """The archive's bytes: a local file, standard input (``-``), or an fsspec URL (``s3://…``)."""
    import sys

    if source == "-":
        yield sys.stdin.buffer
        return
    if "://" in source and not source.startswith("file://"):
        try:
            import fsspec
        except ImportError:
            raise ConfigError(
                _("{source}: reading a URL needs fsspec: pip install 'figcheck[s3]'").format(source=source)
            ) from None
        try:
            opened = fsspec.open(source, "rb")
        except ImportError as e:  # the protocol's own package (s3fs, gcsfs …) is not installed
            raise ConfigError(
                _("{source}: {why} (pip install 'figcheck[s3]' for s3://)").format(source=source, why=e)
            ) from None
        except ValueError as e:
            raise InputError(_("{name}: cannot read: {value}").format(name=source, value=e)) from None
        try:
            with opened as f:
                yield f
        except OSError as e:
            raise InputError(_("{name}: cannot read: {value}").format(name=source, value=e)) from None
        return
    path = source.removeprefix("file://")
    try:
        f = open(path, "rb")  # noqa: SIM115 (closed below; a generator context manager)
    except OSError as e:
        raise InputError(_("{name}: cannot read: {value}").format(name=source, value=e.strerror or e)) from None
    with f:
        yield f


def _decompressed(stream: IO[bytes], source: str) -> IO[bytes]:
    """``stream``, decompressed when it starts with gzip's or zstd's magic (whatever its name)."""
    import io

    buffered: Any = stream if isinstance(stream, io.BufferedReader) else io.BufferedReader(stream)
    head = buffered.peek(4)[:4]
    if head[:2] == _GZIP:
        import gzip

        return cast(IO[bytes], gzip.GzipFile(fileobj=buffered, mode="rb"))
    if head == _ZSTD:
        try:
            import zstandard
        except ImportError:
            raise ConfigError(
                _("{source}: a zstd archive needs zstandard: pip install 'figcheck[zstd]'").format(source=source)
            ) from None
        reader = zstandard.ZstdDecompressor().stream_reader(buffered, read_across_frames=True)
        lines: IO[bytes] = io.BufferedReader(reader, 1 << 20)  # the reader itself has no readline
        return lines
    if head == _PARQUET:
        raise ConfigError(_("{source}: a Parquet file; name it *.parquet to read it as one").format(source=source))
    plain: IO[bytes] = buffered
    return plain


def _line_chunks(stream: IO[bytes], source: str, size: int) -> Iterator[tuple[int, tuple[bytes, ...]]]:
    """Raw lines in chunks of ``size`` records or ``CHUNK_BYTES``; a line past ``MAX_RECORD`` is
    replaced by an empty marker (``b"\\x00"``) after being skipped to its end, never held whole."""
    import io
    import zlib

    rows: list[bytes] = []
    held = 0
    first = line = 1
    try:
        while True:
            raw = stream.readline(MAX_RECORD + 1)
            if not raw:
                break
            if len(raw) > MAX_RECORD and not raw.endswith(b"\n"):
                while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass
                raw = _TOO_LONG
            rows.append(raw)
            held += len(raw)
            line += 1
            if len(rows) >= size or held >= CHUNK_BYTES:
                yield first, tuple(rows)
                rows, held, first = [], 0, line
    except (OSError, EOFError, zlib.error, io.UnsupportedOperation) as e:
        where = _("{source}:{line}: the archive is damaged ({why}); the records before it were read").format(
            source=source, line=line, why=str(e) or type(e).__name__
        )
        if rows:
            yield first, tuple(rows)
        raise InputError(where) from None
    if rows:
        yield first, tuple(rows)


_TOO_LONG = b"\x00"  # in place of a line longer than MAX_RECORD


def _parquet_chunks(
    stream: IO[bytes], source: str, fields: Fields, size: int
) -> Iterator[tuple[int, tuple[dict[str, Any], ...]]]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise ConfigError(
            _("{source}: reading Parquet needs pyarrow: pip install 'figcheck[parquet]'").format(source=source)
        ) from None
    try:
        parquet = pq.ParquetFile(stream)
    except Exception as e:  # pyarrow's ArrowInvalid and friends: a file that is not Parquet
        raise InputError(_("{source}: not a Parquet file ({why})").format(source=source, why=e)) from None
    have = set(parquet.schema_arrow.names)
    wanted = [name for name in dict.fromkeys((fields.id, fields.text, fields.date, fields.url)) if name in have]
    first = 1
    for batch in parquet.iter_batches(batch_size=size, columns=wanted):
        rows = tuple(batch.to_pylist())
        yield first, rows
        first += len(rows)


def records(chunk: Chunk, fields: Fields) -> Iterator[Record | BadRecord]:
    """The records of ``chunk``, each usable or bad; blank lines are no records."""
    for offset, row in enumerate(chunk.rows):
        line = chunk.first + offset
        fieldset: dict[str, Any]
        if isinstance(row, bytes):
            if not row.strip():
                continue
            parsed = _parsed(row, chunk.archive, line)
            if isinstance(parsed, BadRecord):
                yield parsed
                continue
            fieldset = parsed
        else:
            fieldset = row
        yield _record(fieldset, fields, chunk.archive, line)


def _parsed(raw: bytes, archive: str, line: int) -> dict[str, Any] | BadRecord:
    if raw == _TOO_LONG:
        return BadRecord(archive, line, None, _("a record longer than {n} MiB").format(n=MAX_RECORD >> 20))
    try:
        text = raw.decode("utf-8-sig" if line == 1 else "utf-8")
    except UnicodeDecodeError as e:
        return BadRecord(archive, line, None, _("not UTF-8 (byte {at})").format(at=e.start + 1))
    try:
        value = json.loads(text)
    except ValueError as e:  # JSONDecodeError, and a number too long to convert
        return BadRecord(archive, line, None, _("not a JSON record ({why})").format(why=str(e).split(":")[0]))
    if not isinstance(value, dict):
        return BadRecord(archive, line, None, _("not a JSON object"))
    return value


def _record(row: dict[str, Any], fields: Fields, archive: str, line: int) -> Record | BadRecord:
    rid = row.get(fields.id)
    if isinstance(rid, bool) or not isinstance(rid, str | int) or rid == "":
        why = _("no {field!r} field") if rid is None else _("{field!r} is not a string or an integer")
        return BadRecord(archive, line, None, why.format(field=fields.id))
    text = row.get(fields.text)
    if not isinstance(text, str):
        why = _("no {field!r} field") if text is None else _("{field!r} is not a string")
        return BadRecord(archive, line, rid, why.format(field=fields.text))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate escaped in the JSON ("\ud800")
        return BadRecord(archive, line, rid, _("{field!r} is not valid Unicode").format(field=fields.text))
    date = _date(row.get(fields.date))
    if date is _BAD:
        return BadRecord(archive, line, rid, _("{field!r} is not a date (YYYY-MM-DD)").format(field=fields.date))
    url = row.get(fields.url)
    return Record(rid, text, archive, line, date, url if isinstance(url, str) else None)  # type: ignore[arg-type]


_BAD = object()


def _date(value: object) -> dt.date | object | None:
    """A record's date: a ``date``, a ``datetime`` (its date as written), an ISO date or timestamp
    string (its first ten characters); ``None`` when absent; ``_BAD`` otherwise."""
    from figcheck.config import FIRST_DAY, LAST_DAY

    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    elif isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return _BAD
    if not isinstance(value, dt.date) or not FIRST_DAY <= value <= LAST_DAY:
        return _BAD
    return value
