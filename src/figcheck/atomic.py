"""Writing a file the user owns so that it is never half-written: a temporary file in the same
folder, flushed to disk, then a rename. Only a regular file (or nothing) is ever replaced: a
directory, a device, a FIFO, a socket, a read-only file or one of the run's inputs is refused, and a
symlink is written through to the file it names."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TextIO

from figcheck.errors import ConfigError
from figcheck.i18n import _

__all__ = ["Changed", "open_binary", "open_text", "target", "write_bytes", "write_text"]


def _mode_for(st: os.stat_result | None) -> int:
    """Keep an existing file's permissions; a new file gets 0666 less the umask."""
    if st is not None:
        return st.st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def target(path: Path, inputs: Iterable[str] = ()) -> Path:
    """The file to replace for ``path``: the file a symlink names; a ``ConfigError`` (one line,
    exit 2) for anything but a regular file or a new name, for a read-only file, and for a file that
    is one of ``inputs``."""
    path = Path(path)
    real = Path(os.path.realpath(path))
    try:
        st = os.stat(real)
    except FileNotFoundError:
        if not real.parent.is_dir():
            raise ConfigError(_("{path}: cannot write: No such file or directory").format(path=path)) from None
        return real
    except OSError as e:
        raise ConfigError(_("{path}: cannot write: {value}").format(path=path, value=e.strerror or e)) from None
    if stat.S_ISDIR(st.st_mode):
        raise ConfigError(_("{path}: is a directory, not a file to write").format(path=path))
    if not stat.S_ISREG(st.st_mode):
        raise ConfigError(
            _("{path}: not a regular file (a device, FIFO or socket); refusing to replace it").format(path=path)
        )
    if not st.st_mode & 0o222:
        raise ConfigError(_("{path}: is read-only; refusing to replace it").format(path=path))
    for name in inputs:
        try:
            if os.path.samefile(name, real):
                raise ConfigError(_("{path}: is one of the inputs; refusing to overwrite it").format(path=path))
        except OSError:
            continue
    return real


class Changed(Exception):
    """The file to replace changed while its replacement was being written: nothing was replaced."""


@contextmanager
def _replacing(path: Path, inputs: Iterable[str], unless: Callable[[], bool] | None = None) -> Iterator[int]:
    """A file descriptor to write ``path`` through; the file appears, complete and on disk, only
    when the block succeeds (and ``unless``, asked just before the rename, is false)."""
    real = target(path, inputs)
    try:
        st: os.stat_result | None = os.stat(real)
    except OSError:
        st = None
    import tempfile  # only where a file is written: 3 ms (random, hashlib) off every check's start-up

    fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
    try:
        try:
            yield fd
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, _mode_for(st))
        if unless is not None and unless():
            raise Changed(str(path))
        os.replace(tmp, real)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def open_text(path: Path, inputs: Iterable[str] = ()) -> Iterator[TextIO]:
    """A file to write ``path`` through: it appears, complete and on disk, only when the block succeeds."""
    with _replacing(path, inputs) as fd, os.fdopen(os.dup(fd), "w", encoding="utf-8", newline="\n") as f:
        yield f
        f.flush()


@contextmanager
def open_binary(path: Path, inputs: Iterable[str] = ()) -> Iterator[BinaryIO]:
    """``open_text``, for bytes."""
    with _replacing(path, inputs) as fd, os.fdopen(os.dup(fd), "wb") as f:
        yield f
        f.flush()


def write_text(path: Path, text: str, inputs: Iterable[str] = ()) -> None:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``path`` atomically."""
    with open_text(path, inputs) as f:
        f.write(text)


def write_bytes(path: Path, data: bytes, *, unless: Callable[[], bool] | None = None) -> None:
    """Replace ``path`` with ``data`` atomically, keeping its permissions; nothing is replaced (and
    ``Changed`` is raised) when ``unless()`` is true just before the rename."""
    with _replacing(path, (), unless) as fd:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
