"""``--fix`` and ``--diff``: a checked file's suggested replacements, shown as a unified diff or
written back in place.

Only a conversion that does not hold and has one suggestion is fixed: the written figure (its span
in the text) becomes the figure figcheck worked out, in the writer's notation. Two suggestions for
overlapping text are both left alone. A file is written back only if its bytes still decode to the
text that was checked (it did not change since it was read), in the encoding it came in, with its
BOM and line endings, atomically; one that cannot be written back byte for byte is left alone.
"""

from __future__ import annotations

import codecs
import difflib
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from figcheck import atomic
from figcheck.errors import FigcheckError, InputError
from figcheck.escape import shown
from figcheck.files import read_regular
from figcheck.frozen import frozen
from figcheck.i18n import _, ngettext
from figcheck.inputs import MAX_INPUT, decode
from figcheck.model import CONVERTING, FailLevel, FileReport, Span, Status

__all__ = ["Edit", "Fixes", "applied", "diff", "edits", "write_back"]


@frozen
class Edit:
    """Replace the text at ``span`` (``old``) with ``new``."""

    span: Span
    old: str
    new: str


def edits(report: FileReport) -> tuple[Edit, ...]:
    """The unambiguous replacements for ``report``'s findings, in text order."""
    found: list[Edit] = []
    for f in report.findings:
        if f.rule not in CONVERTING or f.status is not Status.MISMATCH or not f.suggestion:
            continue
        if f.conversion is None:
            continue
        span = f.conversion.stated.span
        old = report.text[span.start : span.end]
        if old != f.conversion.stated.text or old == f.suggestion:
            continue
        found.append(Edit(span, old, f.suggestion))
    found.sort(key=lambda e: (e.span.start, e.span.end))
    clashing: set[int] = set()
    for i in range(1, len(found)):
        if found[i].span.start < found[i - 1].span.end:  # overlapping text: neither is sure
            clashing.update((i - 1, i))
    return tuple(e for i, e in enumerate(found) if i not in clashing)


def applied(text: str, changes: tuple[Edit, ...]) -> str:
    """``text`` with ``changes`` (in text order, not overlapping) made."""
    parts: list[str] = []
    at = 0
    for e in changes:
        parts.append(text[at : e.span.start])
        parts.append(e.new)
        at = e.span.end
    parts.append(text[at:])
    return "".join(parts)


def diff(path: str, old: str, new: str) -> str:
    """A unified diff from ``old`` to ``new``, as ``git diff`` and ``patch -p1`` read it."""
    name = shown(path)
    before, after = (name, name) if os.path.isabs(path) else (f"a/{name}", f"b/{name}")
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), before, after, n=1)
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


_BOMS = {
    "utf-16": ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")),
    "utf-32": ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")),
    "utf-8-sig": ((codecs.BOM_UTF8, "utf-8"),),
}


def _encoded(text: str, encoding: str, like: bytes) -> bytes:
    """``text`` in ``encoding``, with the BOM of ``like`` (the file as it was) if it had one."""
    for bom, codec in _BOMS.get(codecs.lookup(encoding).name, ()):
        if like.startswith(bom):
            return bom + text.encode(codec)
    return text.encode(encoding)


def write_back(report: FileReport, new: str, encoding: str | None = None) -> None:
    """Write ``new`` over ``report``'s file, which must still hold the text that was checked.
    A ``FigcheckError`` (nothing written) when it changed or cannot keep its bytes as they were."""
    path = Path(report.path)
    try:
        before = os.stat(path)
        data = read_regular(path, MAX_INPUT)
        text, used = decode(data, report.path, encoding)
    except InputError as e:
        raise FigcheckError(_("{path}: not fixed: {why}").format(path=report.path, why=e)) from None
    if text != report.text:
        raise FigcheckError(_("{path}: not fixed: it changed since it was checked").format(path=report.path))
    try:
        if _encoded(text, used, data) != data:
            raise UnicodeError
        out = _encoded(new, used, data)
    except UnicodeError:
        raise FigcheckError(
            _("{path}: not fixed: its bytes cannot be written back as they were ({encoding})").format(
                path=report.path, encoding=used
            )
        ) from None

    def unchanged() -> bool:
        now = os.stat(path)
        return (now.st_mtime_ns, now.st_size, now.st_ino) == (before.st_mtime_ns, before.st_size, before.st_ino)

    try:
        atomic.write_bytes(path, out, unless=lambda: not unchanged())
    except atomic.Changed:
        raise FigcheckError(_("{path}: not fixed: it changed since it was checked").format(path=report.path)) from None


class Fixes:
    """What ``--fix`` and ``--diff`` do with each report as a run goes by: ``add`` it, then ``finish``.

    ``--diff`` writes the diff of every file to ``out``; ``--fix`` writes each file back (standard
    input's fixed text to ``out``) and says on ``err`` what it changed. The exit status is then that
    of what was left unfixed."""

    def __init__(
        self,
        *,
        write: bool,
        show: bool,
        encoding: str | None = None,
        stdin: str | None = None,
        out: TextIO | None = None,
        err: TextIO | None = None,
    ) -> None:
        """``write`` for ``--fix``, ``show`` for ``--diff``; ``encoding`` as ``--encoding`` forced it;
        ``stdin`` the name standard input's report has (its fixed text goes to ``out``)."""
        import sys

        self.write, self.show, self.encoding, self.stdin = write, show, encoding, stdin
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.fixed = 0
        self.files = 0
        self.errors = 0
        self.left: list[FileReport] = []  # what is still wrong after the fixes, for the verdict

    def add(self, report: FileReport) -> None:
        """Fix (or show) one checked file."""
        changes = edits(report)
        from_stdin = report.path == self.stdin
        if not changes:
            self.left.append(replace(report, text=""))
            if self.write and from_stdin:
                self.out.write(report.text)  # the text as it came: standard output is the fixed text
            return
        new = applied(report.text, changes)
        done = {e.span for e in changes}
        remaining = tuple(f for f in report.findings if f.conversion is None or f.conversion.stated.span not in done)
        if self.show:
            self.out.write(diff(report.path, report.text, new))
        elif from_stdin:
            self.out.write(new)
        else:
            try:
                write_back(report, new, self.encoding)
            except FigcheckError as e:
                self.err.write(_("figcheck: error: {message}").format(message=shown(str(e))) + "\n")
                self.errors += 1
                self.left.append(replace(report, text=""))
                return
        self.left.append(replace(report, text="", findings=remaining))
        self.fixed += len(changes)
        self.files += 1
        if self.write:
            message = ngettext(
                "figcheck: {path}: {n} figure fixed", "figcheck: {path}: {n} figures fixed", len(changes)
            )
            self.err.write(message.format(path=shown(report.path), n=len(changes)) + "\n")

    def finish(self, fail_on: Callable[[str], FailLevel]) -> int:
        """The summary line on ``err``; the exit status of what is left (``--diff``: 1 if it would change anything)."""
        from figcheck.runner import Verdict

        what = _("would fix") if self.show else _("fixed")
        self.err.write(
            _("figcheck: {what} {figures} in {files}").format(
                what=what,
                figures=ngettext("{n} figure", "{n} figures", self.fixed).format(n=self.fixed),
                files=ngettext("{n} file", "{n} files", self.files).format(n=self.files),
            )
            + "\n"
        )
        if self.show:
            return 1 if self.fixed else 0
        verdict = Verdict()
        for report in self.left:
            verdict.add(report, fail_on=fail_on(report.path))
        return 1 if verdict.failed else 0
