"""``figcheck archive``: audit a whole archive of published articles (JSON Lines or Parquet exports
of a CMS), here or on a Dask cluster, with the findings as JSON Lines (or Parquet) keyed by record id.

``records`` reads the archives into chunks, ``work`` checks one chunk, ``engines`` runs the chunks
locally or on Dask, and this module puts the checked chunks, in input order, into the output.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from typing import IO, Any, Protocol, TextIO

from figcheck.archive.records import CHUNK_RECORDS, Chunk, Fields, chunks
from figcheck.archive.work import Done, Settings
from figcheck.errors import InputError
from figcheck.i18n import _, ngettext
from figcheck.model import Summary
from figcheck.report.base import counted

__all__ = ["Fields", "JsonLines", "Parquet", "Settings", "Sink", "Totals", "run", "summary_line"]


@dataclass
class Totals:
    """What an archive run found: the counts of a check (records counted as files), bad records,
    unreadable archives, and whether anything reached ``fail-on``."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys((f.name for f in fields(Summary)), 0))
    bad: int = 0
    unreadable: int = 0
    failed: bool = False

    def add(self, done: Done) -> None:
        """Count one checked chunk."""
        for key, value in done.counts.items():
            self.counts[key] += value
        self.bad += done.bad
        self.failed |= done.failed


class Sink(Protocol):
    """Where the checked chunks go, in order."""

    def write(self, done: Done) -> None:
        """One chunk's records."""
        ...

    def close(self) -> None:
        """After the last chunk."""
        ...


class JsonLines:
    """One JSON object a line per record with findings (or a problem): ``id``, ``archive``,
    ``line``, ``url``, then the fields of a file in the JSON report (``findings``, ``date``, ``error``)."""

    def __init__(self, out: TextIO) -> None:
        """Write to ``out``."""
        self._out = out

    def write(self, done: Done) -> None:
        """See ``Sink``."""
        self._out.write(done.lines)
        self._out.flush()

    def close(self) -> None:
        """See ``Sink``."""


#: The columns of the Parquet output, one row per finding (a record without findings but with an
#: error, or with ``--all-records``, is one row with the finding's columns empty).
PARQUET_COLUMNS = (
    ("id", "string"),
    ("archive", "string"),
    ("record_line", "int64"),
    ("url", "string"),
    ("date", "string"),
    ("error", "string"),
    ("rule", "string"),
    ("status", "string"),
    ("severity", "string"),
    ("line", "int64"),
    ("column", "int64"),
    ("text", "string"),
    ("expected", "string"),
    ("suggestion", "string"),
    ("message", "string"),
    ("finding", "string"),  # the whole finding as in the JSON report
)


class Parquet:
    """The same records as ``JsonLines``, flattened to a row per finding, a row group per chunk."""

    def __init__(self, out: IO[bytes]) -> None:
        """Write to the binary file ``out``; pyarrow is needed (``figcheck[parquet]``)."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        self._pa = pa
        self._schema = pa.schema([(name, getattr(pa, kind)()) for name, kind in PARQUET_COLUMNS])
        self._writer = pq.ParquetWriter(out, self._schema)

    def write(self, done: Done) -> None:
        """See ``Sink``."""
        rows = [row for line in done.lines.splitlines() for row in _flat(json.loads(line))]
        if rows:
            columns = {name: [row.get(name) for row in rows] for name, _kind in PARQUET_COLUMNS}
            self._writer.write_table(self._pa.table(columns, schema=self._schema))

    def close(self) -> None:
        """See ``Sink``."""
        self._writer.close()


def _flat(entry: dict[str, Any]) -> Iterable[dict[str, Any]]:
    base = {
        "id": str(entry["id"]) if entry.get("id") is not None else None,
        "archive": entry["archive"],
        "record_line": entry["line"],
        "url": entry.get("url"),
        "date": (entry.get("date") or {}).get("value"),
        "error": entry.get("error"),
    }
    findings = entry.get("findings") or []
    if not findings:
        yield base
    for f in findings:
        expected = f.get("expected") or {}
        yield {
            **base,
            "rule": f["rule"],
            "status": f["status"],
            "severity": f["severity"],
            "line": f["line"],
            "column": f["column"],
            "text": f["text"],
            "expected": expected.get("text"),
            "suggestion": f["suggestion"],
            "message": f["message"],
            "finding": json.dumps(f, ensure_ascii=False),
        }


def run(
    sources: Sequence[str],
    settings: Settings,
    sink: Sink,
    *,
    jobs: int = 1,
    scheduler: str | None = None,
    size: int = CHUNK_RECORDS,
    on_note: Callable[[str], None] = lambda message: None,
    on_error: Callable[[str], None] = lambda message: None,
    on_chunk: Callable[[Done], None] = lambda done: None,
) -> Totals:
    """Check every record of ``sources`` and write them to ``sink`` in input order (archive by
    archive, record by record), whichever engine checks them; return the totals. ``on_note`` hears
    each bad record, ``on_error`` each archive that cannot be read (the run goes on with the next)."""
    from figcheck.archive import engines

    totals = Totals()

    def numbered() -> Iterator[Chunk]:
        index = 0
        for source in sources:
            try:
                for first, rows in chunks(source, settings.fields, size):
                    yield Chunk(index, source, first, rows)
                    index += 1
            except InputError as e:
                totals.unreadable += 1
                on_error(str(e))

    checked = (
        engines.on_cluster(numbered(), settings, scheduler)
        if scheduler
        else engines.locally(numbered(), settings, jobs)
    )
    for done in checked:
        totals.add(done)
        for note in done.notes:
            on_note(note)
        sink.write(done)
        on_chunk(done)
    sink.close()
    return totals


def summary_line(totals: Totals) -> str:
    """One line for a person: records, conversions and what they came to, bad records."""
    s = Summary(**totals.counts)
    words = counted(s)
    line = _(
        "figcheck: {records}, {conversions}: {ok} ok, {mismatch} mismatch, {unverifiable} unverifiable, {warnings}"
    )
    line = line.format(**{**words, "records": ngettext("{n} record", "{n} records", s.files).format(n=s.files)})
    if totals.bad:
        line += ngettext(", {n} bad record", ", {n} bad records", totals.bad).format(n=totals.bad)
    if totals.unreadable:
        line += ngettext(", {n} unreadable archive", ", {n} unreadable archives", totals.unreadable).format(
            n=totals.unreadable
        )
    return line
