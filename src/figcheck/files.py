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


def read_regular(path: str | Path, limit: int) -> bytes:
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
    try:
        st = os.fstat(fd)
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
            data = _read_fd(fd, st.st_size, limit)
        except OSError as e:
            raise InputError(_("{name}: cannot read: {value}").format(name=name, value=e.strerror or e)) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise InputError(_("{name}: more than the {value} MiB figcheck reads").format(name=name, value=limit // 2**20))
    return data


def _read_fd(fd: int, size: int, limit: int) -> bytes:
    """Up to ``limit + 1`` bytes of ``fd``: as much as fstat said, and one byte more to see whether
    the file grew (then on to the limit). ``os.read`` on the descriptor itself: a buffered file
    object for each of thousands of small files was a third of the reading (and asking it for the
    limit made ``io`` allocate that much every time)."""
    parts: list[bytes] = []
    total = 0
    ask = size + 1
    while total <= limit:
        chunk = os.read(fd, min(ask, limit + 1 - total))
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
        ask = max(ask - len(chunk), 1 << 16)  # the file grew, or a read came back short
    return parts[0] if len(parts) == 1 else b"".join(parts)
