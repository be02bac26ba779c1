"""Running the pipeline over many inputs: one by one or in worker processes, streaming each file's
output as soon as it is ready, applying and recording baselines, and working out the verdict.

The per-text pipeline itself is ``figcheck.pipeline``; what the exit code is, is ``cli``'s.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TextIO

from figcheck import baseline as baselines
from figcheck import i18n
from figcheck.context import CheckOptions, RateSource
from figcheck.frozen import frozen
from figcheck.inputs import Target
from figcheck.model import SEVERITY_ORDER, FailLevel, FileReport, OutputFormat, Severity
from figcheck.pipeline import check_target
from figcheck.report.base import Formatter, Mark, Tally, formatter_for, marks_of

__all__ = ["Outcome", "Profile", "Verdict", "iter_reports", "run", "supervised", "worker_started"]


@dataclass
class Verdict:
    """What a run found, worked out as files go by: the counts, and whether anything at or above
    ``fail_on`` was found or an input could not be read."""

    fail_on: FailLevel = FailLevel.ERROR
    tally: Tally = field(default_factory=Tally)
    failed: bool = False
    unreadable: bool = False
    cut: bool = False  # the reader of the output went away (a broken pipe): the verdict is of what was written

    def add(self, file: FileReport, marks: Sequence[Mark] | None = None, fail_on: FailLevel | None = None) -> None:
        """Count one file (by ``marks`` when its findings stayed in a worker process), failing it
        at its own ``fail_on`` (its configuration's) when given, else the run's."""
        marks = marks_of(file) if marks is None else marks
        self.tally.add(file, marks)
        self.unreadable |= file.error is not None
        threshold = (fail_on or self.fail_on).threshold
        if threshold is not None:
            least = SEVERITY_ORDER[threshold]
            self.failed |= any(
                status != "ok" and SEVERITY_ORDER[Severity(severity)] >= least for _, status, severity in marks
            )


def run(
    targets: Sequence[Target],
    table: RateSource | None,
    options: CheckOptions,
    formatter: Formatter,
    out: TextIO,
    *,
    fail_on: FailLevel = FailLevel.ERROR,
    encoding: str | None = None,
    jobs: int = 1,
    render: RenderSpec | None = None,
    baseline: Counter[baselines.Key] | None = None,
    record: Counter[baselines.Key] | None = None,
    on_error: Callable[[str], None] = lambda message: None,
    collect: Callable[[FileReport], None] | None = None,
    profiles: Sequence[Profile] | None = None,
    progress: Callable[[FileReport], None] | None = None,
) -> Verdict:
    """Check ``targets`` and write the report to ``out`` file by file; return the verdict.

    Findings in ``baseline`` are left out (it is consumed as they match); the keys of what is
    reported are added to ``record``; ``on_error`` hears each unreadable input's message; ``collect``
    is given each file's whole report as reported (for ``--fix``); ``progress`` each file's report
    as it comes (without its text and findings when a worker rendered it). ``profiles``: the table, options
    and ``fail_on`` of each configuration, a target's ``profile`` its index (the nearest
    configuration of each file); without, every target is checked with ``table`` and ``options``.
    With ``render``, workers render each file's output themselves (not with a baseline or
    ``collect``: then the whole report is needed here).
    """
    verdict = Verdict(fail_on)
    if baseline is not None or record is not None or collect is not None or getattr(formatter, "whole_reports", False):
        render = None
    profiles = profiles or [Profile(table, options, fail_on)]
    reports = iter_reports(targets, table, options, encoding, jobs, render, profiles)
    try:
        out.write(formatter.begin())
        out.flush()  # a reader of the stream sees the run has started
        # strict: at the end zip asks ``reports`` once more, so that the generator finishes (its
        # pool shut down, the collector thawed) instead of waiting, suspended, to be collected
        for target, outcome in zip(targets, reports, strict=True):
            file = outcome.report
            if baseline is not None:
                file = baselines.apply(file, baseline)
            if record is not None:
                record.update(baselines.keys(file))
            verdict.add(file, outcome.marks, profiles[target.profile].fail_on)
            if collect is not None:
                collect(file)
            if progress is not None:
                progress(file)
            out.write(formatter.emit(outcome.piece) if outcome.piece is not None else formatter.file(file))
            out.flush()
            if file.error:
                on_error(file.error)
        out.write(formatter.end(verdict.tally.summary()))
        out.flush()
    except BrokenPipeError:  # `figcheck … | head`: stop checking; the verdict is of what was shown
        verdict.cut = True
        reports.close()  # stops the workers, if any
    return verdict


@frozen
class Outcome:
    """One checked file as the CLI gets it: the report, and the output already rendered by a
    worker process when it could be (then the report keeps no text and only what counts)."""

    report: FileReport
    piece: str | None = None
    marks: tuple[Mark, ...] | None = None  # the findings' marks, when ``report`` no longer has them


RenderSpec = tuple[OutputFormat, dict[str, object]]  # a formatter to build in each worker


@frozen
class Profile:
    """What one configuration checks with: its rate tables, its options, its ``fail-on``."""

    table: RateSource | None
    options: CheckOptions
    fail_on: FailLevel = FailLevel.ERROR


# Per-process state of a parallel run, set once by the pool's initializer.
_WORKER: tuple[Sequence[Profile], str | None, Formatter | None] | None = None


def _init_worker(profiles: Sequence[Profile], encoding: str | None, render: RenderSpec | None, language: str) -> None:
    i18n.use(language)  # the parent's, whatever the start method
    worker_started()
    global _WORKER
    formatter = formatter_for(render[0], **render[1]) if render else None
    _WORKER = (profiles, encoding, formatter)


def worker_started() -> None:
    """What every worker process of figcheck's pools does first. Ctrl-C reaches the whole process
    group: a worker leaves at once and without a traceback, and the parent reports the interruption.
    SIGTERM is not the parent's handler (inherited by fork), and a worker never outlives its parent."""
    import signal

    signal.signal(signal.SIGINT, lambda *_: os._exit(130))
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()


@contextmanager
def supervised(pool: Any) -> Iterator[None]:
    """Run a process pool's work: SIGTERM stops its workers and ends the run with 143; an
    interruption, or a consumer that fails or goes away, stops them at once (their work unfinished);
    a run that ends well shuts the pool down."""
    restore = _on_sigterm(lambda: _stop(pool))
    try:
        yield
    except BaseException:
        _stop(pool)
        raise
    finally:
        restore()
    pool.shutdown()


def _die_with_parent() -> None:
    """A worker never outlives the parent (killed with SIGKILL, or gone with SIGTERM): Linux sends it
    SIGKILL when the parent dies; elsewhere a thread notices the parent is gone within a second."""
    import sys
    import threading

    parent = os.getppid()
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
        if os.getppid() != parent:  # the parent died before the call
            os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, daemon=True, name="figcheck-parent-watch").start()


def _work(target: Target) -> Outcome:
    assert _WORKER is not None
    profiles, encoding, formatter = _WORKER
    profile = profiles[target.profile]
    report = check_target(target, profile.table, profile.options, encoding)
    if formatter is None:
        return Outcome(report)
    return Outcome(_stripped(report), formatter.piece(report), marks_of(report))


def _stripped(report: FileReport) -> FileReport:
    """What the parent needs of a report once its output is rendered: all but the text and the
    findings (their marks go beside). Built directly: ``dataclasses.replace`` looks the fields up
    for every file; a test holds the two to the same report."""
    return FileReport(report.path, "", (), report.error, report.skipped, report.dated)


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
    profiles: Sequence[Profile] | None = None,
) -> Generator[Outcome, None, None]:
    """Check ``targets`` one by one, or in ``jobs`` processes; outcomes come in input order either
    way. With ``render``, workers also render each file's output (the parent only joins it). A
    target is checked with ``profiles[target.profile]`` when ``profiles`` are given."""
    profiles = profiles or [Profile(table, options)]
    if jobs <= 1 or len(targets) < 2 or _small(targets):
        for target in targets:
            profile = profiles[target.profile]
            yield Outcome(check_target(target, profile.table, profile.options, encoding))
        return
    from concurrent.futures import ProcessPoolExecutor

    # Tasks of up to 128 files, at least 8 a worker: over the realistic archive's 8,095 small files,
    # tasks of 16 cost 5-8% more CPU than of 128 in the pool's round trips (medians of 5 rounds).
    chunk = max(1, min(128, len(targets) // (_workers(jobs, len(targets)) * 8)))
    workers = _workers(jobs, len(targets))
    pool = ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(profiles, encoding, render, i18n.current())
    )
    # The objects made so far go to the collector's permanent generation before the workers fork:
    # a worker's collections then leave the pages it shares with the parent alone (copy-on-write),
    # as the gc module's documentation advises for a fork without exec (3% less CPU on the archive).
    import gc

    gc.freeze()
    try:
        with supervised(pool):
            yield from pool.map(_work, targets, chunksize=chunk)
    finally:
        gc.unfreeze()


def _workers(jobs: int, files: int) -> int:
    """No more worker processes than the files, nor than the cores: ``--jobs 64`` on two cores
    forked 64 processes and ran four times slower."""
    return max(1, min(jobs, files, os.cpu_count() or 1))


def _stop(pool: Any) -> None:
    """Terminate a pool's workers at once, and keep its bookkeeping thread from printing about the
    workers it lost."""
    import threading

    threading.excepthook = lambda _: None
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)


def _on_sigterm(stop_workers: Callable[[], None]) -> Callable[[], None]:
    """While workers run, SIGTERM stops them (wherever the main thread is: in the check, or writing
    the output) and ends the run with 143; returns what puts the previous handler back."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def stop(signum: int, frame: object) -> None:
        stop_workers()
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)

    def restore() -> None:
        signal.signal(signal.SIGTERM, previous)

    return restore
