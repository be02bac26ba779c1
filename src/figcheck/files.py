"""Reading a file figcheck does not control: only a regular file, never more than a limit, never
a hang on a FIFO or a device (kept apart from ``inputs`` so that the rate table reads without regex)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from figcheck.errors import InputError
from figcheck.i18n import _

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
        raise InputError(_("{name}: no such file").format(name=name)) from None
    except IsADirectoryError:
        raise InputError(_("{name}: is a directory").format(name=name)) from None
    except OSError as e:
        raise InputError(_("{name}: cannot read: {value}").format(name=name, value=e.strerror or e)) from None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if stat.S_ISDIR(st.st_mode):
            raise InputError(_("{name}: is a directory").format(name=name))
        if not stat.S_ISREG(st.st_mode):
            raise InputError(_("{name}: not a regular file (a device, FIFO or socket)").format(name=name))
        if st.st_size > limit:
            raise InputError(
                _("{name}: {st_size} bytes, more than the {value} MiB figcheck reads").format(
                    name=name, st_size=st.st_size, value=limit // 2**20
                )
            )
        try:
            # As much as fstat says, and one byte more to see whether it grew: asking for the
            # limit itself makes io allocate that much for every file (86 µs a small file).
            data = f.read(st.st_size + 1)
            if len(data) > st.st_size:
                data += f.read(limit + 1 - len(data))
        except OSError as e:
            raise InputError(_("{name}: cannot read: {value}").format(name=name, value=e.strerror or e)) from None
    if len(data) > limit:
        raise InputError(_("{name}: more than the {value} MiB figcheck reads").format(name=name, value=limit // 2**20))
    return data
