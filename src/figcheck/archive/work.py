"""Checking one chunk of an archive: the unit of work both engines ship, a pure function of the
chunk, the check's settings and the language, so that a local pool and a Dask cluster give the
same bytes for it."""

from __future__ import annotations

import json

from figcheck import i18n
from figcheck.archive.records import BadRecord, Chunk, Fields, records
from figcheck.frozen import frozen
from figcheck.i18n import _
from figcheck.pipeline import check_text
from figcheck.report.base import marks_of
from figcheck.report.json import file_dict
from figcheck.runner import Profile, Verdict

__all__ = ["Done", "Settings", "check_chunk"]


@frozen
class Settings:
    """What every chunk of a run is checked with: shipped to each worker once."""

    profile: Profile
    fields: Fields
    language: str
    every: bool = False  # write a line for every record, not only those with findings or a problem


@frozen
class Done:
    """A checked chunk: its output lines (JSON Lines, ``\\n``-ended, in record order), its counts
    (``Summary``'s fields, records counted as files), how many records were bad, whether anything
    reached ``fail-on``, and one note per bad record."""

    index: int
    lines: str
    counts: dict[str, int]
    bad: int
    failed: bool
    notes: tuple[str, ...]


def check_chunk(chunk: Chunk, settings: Settings) -> Done:
    """Check every record of ``chunk``: each record's report as one JSON line keyed by its id."""
    i18n.use(settings.language)  # a worker process or a Dask worker: whatever its own locale is
    profile = settings.profile
    verdict = Verdict(profile.fail_on)
    out: list[str] = []
    notes: list[str] = []
    bad = 0
    for record in records(chunk, settings.fields):
        if isinstance(record, BadRecord):
            bad += 1
            where = f"{record.archive}:{record.line}"
            named = f" {json.dumps(record.id, ensure_ascii=False)}" if record.id is not None else ""
            notes.append(
                _("{where}: record{named}: {problem}").format(where=where, named=named, problem=record.problem)
            )
            entry = {"id": record.id, "archive": record.archive, "line": record.line, "error": record.problem}
            out.append(json.dumps(entry, ensure_ascii=False))
            continue
        report = check_text(
            record.text, date=record.date, rates=profile.table or {}, options=profile.options, path=str(record.id)
        )
        verdict.add(report, marks_of(report))
        if not (report.findings or report.error or settings.every):
            continue
        entry = file_dict(report)
        del entry["path"]
        out.append(
            json.dumps(
                {"id": record.id, "archive": record.archive, "line": record.line, "url": record.url, **entry},
                ensure_ascii=False,
            )
        )
    lines = "".join(line + "\n" for line in out)
    return Done(chunk.index, lines, verdict.tally.counts, bad, verdict.failed, tuple(notes))
