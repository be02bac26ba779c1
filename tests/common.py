"""Helpers for table-driven tests, after price-parser's tables and yamllint's ``check(problem=…)``.

A table is a list of small ``Case`` records of real newspaper Japanese; ``cases`` turns tables into
pytest parameters, with the known gaps of an ``XFAIL`` table run as strict xfails (a fix gets
noticed) and each ``BUGS_CAUGHT`` case naming the bug it pins. ``expect`` checks a text end to end
and compares its problems compactly, as ``(line, column, rule, status)``.
"""

from __future__ import annotations

import socketserver
import subprocess
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from figcheck.check import check
from figcheck.context import CheckOptions, RateSource
from figcheck.model import Finding, Rule, Status
from figcheck.pipeline import check_text
from figcheck.positions import Locator
from figcheck.scan import scan


class Case(NamedTuple):
    """One row of a table: the input, what it should give, and why (a gap's reason, a bug's name)."""

    text: str
    expected: Any
    why: str = ""


def cases(table: Iterable[Case], xfail: Iterable[Case] = ()) -> list[Any]:
    """``table`` and the strict xfails of ``xfail`` as pytest parameters ``(text, expected)``, each
    shown by its text."""

    def show(case: Case) -> str:
        return case.text.replace("\n", "⏎") or "<empty>"

    params = [pytest.param(c.text, c.expected, id=show(c)) for c in table]
    params += [
        pytest.param(c.text, c.expected, id=show(c), marks=pytest.mark.xfail(strict=True, reason=c.why)) for c in xfail
    ]
    return params


Problem = tuple[int, int, str, str]  # (line, column, rule, status), 1-based


def problems(
    text: str, table: RateSource | None = None, options: CheckOptions | None = None, path: str = "article.txt"
) -> list[Problem]:
    """Every finding of ``text`` that is not ``ok``, as ``(line, column, rule, status)``."""
    report = check_text(text, path=path, rates=table if table is not None else {}, options=options or CheckOptions())
    lines = Locator(text)
    return [
        (*lines.point(f.span.start), str(f.rule), str(f.status)) for f in report.findings if f.status is not Status.OK
    ]


def expect(text: str, *expected: Problem, table: RateSource | None = None, options: CheckOptions | None = None) -> None:
    """Assert that ``text`` has exactly the ``expected`` problems (none: every conversion holds)."""
    assert problems(text, table, options) == list(expected)


def conversions(text: str, table: RateSource | None = None, **options: Any) -> list[Finding]:
    """The ``conversion`` findings of ``text`` checked with ``table`` and ``CheckOptions(**options)``."""
    return [f for f in check(scan(text), table, CheckOptions(**options)) if f.rule is Rule.CONVERSION]


@contextmanager
def serving(server: socketserver.BaseServer) -> Iterator[str]:
    """``server`` (bound to 127.0.0.1) answering in a thread; its base URL; stopped on exit."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def git(cwd: Path, *args: str) -> str:
    """Run git in ``cwd``; its standard output."""
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def repository(at: Path) -> Path:
    """A new git repository at ``at`` with an ``articles/`` folder and a committer."""
    (at / "articles").mkdir(parents=True)
    git(at, "init", "-q", "-b", "main")
    git(at, "config", "user.email", "t@example.com")
    git(at, "config", "user.name", "t")
    git(at, "config", "commit.gpgsign", "false")
    return at


def commit(repo: Path, message: str) -> None:
    """Stage everything in ``repo`` and commit it."""
    git(repo, "add", ".")
    git(repo, "commit", "-qm", message)
