"""Reading a file figcheck does not control: only a regular file, never more than a limit, never
a hang on a FIFO or a device (kept apart from ``inputs`` so that the rate table reads without regex)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from figcheck.errors import InputError

__all__ = ["MAX_INPUT", "read_bounded", "read_regular"]

#: The largest input read: far above any article (a 200 MB archive file still reads), far below
#: what a stray /dev/zero or a sparse file would cost.
MAX_INPUT = 512 * 1024 * 1024


def read_bounded(path: Path, limit: int, what: str = "file") -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them: a FIFO, a device, a
    directory or a larger file is a ``ConfigError`` (one line, exit 2), never a hang."""
    from figcheck.errors import ConfigError

    try:
        return read_regular(path, limit)
    except InputError as e:
        raise ConfigError(f"{e} ({what})") from None


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit``; an ``InputError`` otherwise."""
    name = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO must not block the open
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory") from None
    except OSError as e:
        raise InputError(f"{name}: cannot read: {e.strerror or e}") from None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{name}: is a directory")
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{name}: not a regular file (a device, FIFO or socket)")
        if st.st_size > limit:
            raise InputError(f"{name}: {st.st_size} bytes, more than the {limit // 2**20} MiB figcheck reads")
        try:
            data = f.read(limit + 1)
        except OSError as e:
            raise InputError(f"{name}: cannot read: {e.strerror or e}") from None
    if len(data) > limit:
        raise InputError(f"{name}: more than the {limit // 2**20} MiB figcheck reads")
    return data
