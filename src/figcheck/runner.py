"""The pipeline for a set of paths: read -> (mask Markdown) -> scan -> check, one report per input."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from figcheck import markup
from figcheck.check import CheckOptions, RateSource, check
from figcheck.errors import InputError
from figcheck.inputs import Target, read, skippable
from figcheck.model import FileReport, Finding, Rule, Severity, Span, Status
from figcheck.report.base import Formatter, Locator, Mark, OutputFormat, formatter_for, marks_of
from figcheck.scan import ScanTimeout, scan

__all__ = ["Outcome", "check_target", "check_text", "iter_reports"]


def check_text(path: str, text: str, table: RateSource | None, options: CheckOptions) -> FileReport:
    """Check one decoded text. Markdown is masked (code, front matter, comments) and its
    ``figcheck-disable`` comments are honoured; positions always point into ``text``. Text crafted
    against the patterns is reported as unverifiable rather than left to hang."""
    try:
        return _check_text(path, text, table, options)
    except ScanTimeout as e:
        finding = Finding(
            Rule.CONVERSION,
            Status.UNVERIFIABLE,
            Severity.INFO,
            Span(0, 0),
            f"not checked: {e}; the text defeats figcheck's patterns, so check its figures by hand",
        )
        return FileReport(path, text, (finding,))


def _check_text(path: str, text: str, table: RateSource | None, options: CheckOptions) -> FileReport:
    if not markup.is_markdown(path):
        return FileReport(path, text, check(scan(text), table, options))
    findings = check(scan(markup.mask(text), date=markup.front_matter_date(text)), table, options)
    quiet = markup.Suppressions.read(text)
    lines = Locator(text)  # one index of line starts, not a count from the top per finding
    kept = tuple(f for f in findings if not quiet.silenced(lines.point(f.span.start)[0], str(f.rule)))
    return FileReport(path, text, kept)


def check_target(
    target: Target, table: RateSource | None, options: CheckOptions, encoding: str | None = None
) -> FileReport:
    """Check one input; an unreadable one becomes a report with ``error`` (or ``skipped`` when a
    directory walk found a binary file)."""
    try:
        doc = read(target, encoding)
    except InputError as e:
        if skippable(target, e):
            return FileReport(target.path, "", skipped=str(e))
        return FileReport(target.path, "", error=str(e))
    return check_text(doc.path, doc.text, table, options)


@dataclass(frozen=True, slots=True)
class Outcome:
    """One checked file as the CLI gets it: the report, and the output already rendered by a
    worker process when it could be (then the report keeps no text and only what counts)."""

    report: FileReport
    piece: str | None = None
    marks: tuple[Mark, ...] | None = None  # the findings' marks, when ``report`` no longer has them


RenderSpec = tuple[OutputFormat, dict[str, object]]  # a formatter to build in each worker

# Per-process state of a parallel run, set once by the pool's initializer.
_WORKER: tuple[RateSource | None, CheckOptions, str | None, Formatter | None] | None = None


def _init_worker(
    table: RateSource | None, options: CheckOptions, encoding: str | None, render: RenderSpec | None
) -> None:
    import signal

    # Ctrl-C reaches the whole process group: a worker leaves at once and without a traceback;
    # the parent reports the interruption.
    signal.signal(signal.SIGINT, lambda *_: os._exit(130))
    global _WORKER
    formatter = formatter_for(render[0], **render[1]) if render else None
    _WORKER = (table, options, encoding, formatter)


def _work(target: Target) -> Outcome:
    assert _WORKER is not None
    table, options, encoding, formatter = _WORKER
    report = check_target(target, table, options, encoding)
    if formatter is None:
        return Outcome(report)
    # What the parent needs once the output is rendered: path, error and how each finding counts.
    return Outcome(replace(report, text="", findings=()), formatter.piece(report), marks_of(report))


_PARALLEL_FROM = 1 << 20  # bytes: below this, starting worker processes costs more than it saves


def _small(targets: Sequence[Target]) -> bool:
    """Whether the inputs are too small to be worth worker processes (a pre-commit run, say)."""
    total = 0
    for t in targets:
        try:
            total += os.stat(t.path).st_size if t.path != "-" else _PARALLEL_FROM
        except OSError:
            continue
        if total >= _PARALLEL_FROM:
            return False
    return True


def iter_reports(
    targets: Sequence[Target],
    table: RateSource | None,
    options: CheckOptions,
    encoding: str | None = None,
    jobs: int = 1,
    render: RenderSpec | None = None,
) -> Iterator[Outcome]:
    """Check ``targets`` one by one, or in ``jobs`` processes; outcomes come in input order either
    way. With ``render``, workers also render each file's output (the parent only joins it)."""
    if jobs <= 1 or len(targets) < 2 or _small(targets):
        for target in targets:
            yield Outcome(check_target(target, table, options, encoding))
        return
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(16, len(targets) // (jobs * 8)))
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(table, options, encoding, render))
    try:
        yield from pool.map(_work, targets, chunksize=chunk)
    except BaseException:
        # Interrupted (or the consumer failed): stop the workers now rather than finish their files,
        # and keep the pool's bookkeeping thread from printing about the workers it lost.
        import threading

        threading.excepthook = lambda _: None
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
