"""Where the chunks of an archive are checked: here, in a local process pool (``--jobs``), or on a
Dask distributed cluster (``--scheduler``). Either way the checked chunks come back in input order
and no more than a few are in flight, so memory stays bounded by the chunk size, not the archive.

Dask is imported only by ``on_cluster``: neither a check nor a local archive run ever loads it.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import chain, islice
from typing import Any

from figcheck.archive.records import Chunk
from figcheck.archive.work import Done, Settings, check_chunk
from figcheck.errors import FigcheckError
from figcheck.i18n import _

__all__ = ["locally", "on_cluster"]

_RETRIES = 2  # times Dask reruns a chunk whose worker died or whose task failed


def locally(chunks: Iterable[Chunk], settings: Settings, jobs: int = 1) -> Iterator[Done]:
    """Check ``chunks`` in this process (``jobs`` 1, or a single chunk), else in a pool of at most
    ``jobs`` worker processes (no more than the cores) started once a second chunk is read."""
    stream = iter(chunks)
    head = list(islice(stream, 2))
    workers = max(1, min(jobs, os.cpu_count() or 1))
    if workers == 1 or len(head) < 2:
        for chunk in chain(head, stream):
            yield check_chunk(chunk, settings)
        return
    from concurrent.futures import Future, ProcessPoolExecutor

    from figcheck import runner

    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(settings,))
    pending: deque[Future[Done]] = deque()
    with runner.supervised(pool):
        for chunk in chain(head, stream):
            pending.append(pool.submit(_work, chunk))
            while len(pending) > 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


_SETTINGS: Settings | None = None  # a local worker process's settings, set once by the initializer


def _init_worker(settings: Settings) -> None:
    from figcheck.runner import worker_started

    worker_started()
    global _SETTINGS
    _SETTINGS = settings


def _work(chunk: Chunk) -> Done:
    assert _SETTINGS is not None
    return check_chunk(chunk, _SETTINGS)


def on_cluster(
    chunks: Iterable[Chunk],
    settings: Settings,
    address: str,
    timeout: float = 30,
    work: Callable[[Chunk, Settings], Done] = check_chunk,
) -> Iterator[Done]:
    """Check ``chunks`` on the Dask cluster whose scheduler is at ``address``: the settings (rate
    tables included, as bytes: a worker need not have the files) are scattered to every worker once;
    each chunk is one task, retried by Dask if it fails; at most twice the cluster's threads are in
    flight. The output is the same as ``locally``'s, chunk for chunk. ``work`` is what a task runs
    (``check_chunk``; a test passes one that fails, to see Dask retry it)."""
    try:
        from distributed import Client
    except ImportError:
        raise FigcheckError(_("--scheduler needs Dask: pip install 'figcheck[dask]'")) from None
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as e:
        raise FigcheckError(
            _("{address}: cannot reach the Dask scheduler ({why})").format(address=address, why=e)
        ) from None
    try:
        yield from _submitted(client, chunks, shipped(settings), work)
    finally:
        client.close()


def shipped(settings: Settings) -> Settings:
    """``settings`` with its rate tables carried as bytes rather than as paths on this machine."""
    table = settings.profile.table
    ship = getattr(table, "shipped", None)
    return replace(settings, profile=replace(settings.profile, table=ship())) if ship is not None else settings


def _submitted(
    client: Any, chunks: Iterable[Chunk], settings: Settings, work: Callable[[Chunk, Settings], Done]
) -> Iterator[Done]:
    import uuid

    run = uuid.uuid4().hex[:12]
    threads = max(1, sum(client.nthreads().values()))
    everywhere = client.scatter(settings, broadcast=True, hash=False)
    pending: deque[tuple[Chunk, Any]] = deque()

    def result(chunk: Chunk, future: Any) -> Done:
        try:
            done: Done = future.result()
        except Exception as e:  # the task failed past its retries
            raise FigcheckError(
                _("{archive}:{line}: a chunk failed on the cluster after {n} retries ({why})").format(
                    archive=chunk.archive, line=chunk.first, n=_RETRIES, why=f"{type(e).__name__}: {e}"
                )
            ) from None
        future.release()
        return done

    for chunk in chunks:
        future = client.submit(
            work, chunk, everywhere, key=f"figcheck-{run}-{chunk.index}", retries=_RETRIES, pure=False
        )
        pending.append((chunk, future))
        while len(pending) > 2 * threads:
            yield result(*pending.popleft())
    while pending:
        yield result(*pending.popleft())
