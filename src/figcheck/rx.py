"""Compiled patterns, kept between runs.

``regex`` parses and compiles a pattern in Python: the scanner's patterns took some 90 ms to
compile, a sixth of checking one article. A compiled ``regex`` pattern pickles as its program (the
arguments of the engine's ``compile``), so unpickling it skips the parsing: the whole set loads in
about 3 ms. ``compile`` returns the pattern from that cache when it is there, and compiles it (and
keeps it, at exit) when it is not.

The cache is one file in the user's cache folder (platformdirs; ``$FIGCHECK_CACHE_DIR`` instead,
and none at all when that is empty), named for the versions of ``regex`` and Python that wrote it,
since a program is only meaningful to the engine that compiled it. It is only ever a cache: a file
that is missing, damaged (a CRC over its bytes), written by another version, or holding anything but
compiled patterns is ignored, and the patterns are compiled as if it were not there. It is written
atomically, so two runs at once leave one whole file or the other.
"""

from __future__ import annotations

import io
import os
import pickle
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import regex

__all__ = ["cache_file", "compile", "groups"]

_MAGIC = b"figcheck compiled patterns 1\n"
_patterns: dict[tuple[str, int], regex.Pattern[str]] | None = None
_unsaved = False


def compile(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """``regex.compile(pattern, flags)``, from the cache when it holds the pattern."""
    global _unsaved
    patterns = _patterns if _patterns is not None else _load()
    key = (pattern, int(flags))  # a plain int: the cache holds no enum (and unpickles none)
    found = patterns.get(key)
    if found is None:
        found = patterns[key] = regex.compile(pattern, flags)
        if not _unsaved:
            _unsaved = True
            import atexit

            atexit.register(save)
    return found


def groups(pattern: regex.Pattern[str]) -> SimpleNamespace:
    """The numbers of ``pattern``'s named groups as attributes (``groups(p).num``): ``m[g.num]`` and
    ``m.start(g.num)`` cost a tenth of ``m["num"]`` and ``m.start("num")``, which ``regex`` looks
    up by name on every call (some 0.3 µs each; the money scanner made 30 of them a mention)."""
    return SimpleNamespace(**pattern.groupindex)


def cache_file() -> Path | None:
    """Where the cache of this ``regex`` and this Python is; ``None`` when there is to be none."""
    folder = os.environ.get("FIGCHECK_CACHE_DIR")
    if folder is None:
        from platformdirs import user_cache_dir

        folder = user_cache_dir("figcheck", appauthor=False)
    if not folder:
        return None
    version = f"regex{regex.__version__}-py{sys.version_info.major}.{sys.version_info.minor}"
    return Path(folder) / f"patterns-{version}.pickle"


class _OnlyPatterns(pickle.Unpickler):
    """Unpickles compiled patterns and plain data, nothing else: a cache file is data, never code."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("regex._regex", "compile"):
            return super().find_class(module, name)
        raise ValueError(f"not a compiled pattern: {module}.{name}")


def _read(path: Path) -> dict[tuple[str, int], regex.Pattern[str]]:
    """The patterns in the cache file at ``path``; empty for a file that is missing or not a cache."""
    import zlib

    try:
        data = path.read_bytes()
        head = len(_MAGIC) + 4
        if not data.startswith(_MAGIC) or int.from_bytes(data[len(_MAGIC) : head], "big") != zlib.crc32(data[head:]):
            return {}
        loaded = _OnlyPatterns(io.BytesIO(data[head:])).load()
    except Exception:  # a cache, never an error: anything unreadable is compiled again
        return {}
    if not isinstance(loaded, dict):
        return {}
    return {
        key: value
        for key, value in loaded.items()
        if isinstance(value, regex.Pattern)
        and isinstance(key, tuple)
        and len(key) == 2
        and key[0] == value.pattern
        and type(key[1]) is int
    }


def _load() -> dict[tuple[str, int], regex.Pattern[str]]:
    global _patterns
    path = cache_file()
    _patterns = _read(path) if path is not None else {}
    return _patterns


def save() -> None:
    """Write the patterns compiled so far into the cache file, with those already in it; any error
    leaves the cache as it was (it is only a cache)."""
    global _unsaved
    path = cache_file()
    if not _unsaved or path is None or _patterns is None:
        return
    import zlib

    from figcheck import atomic

    try:
        merged = {**_read(path), **_patterns}
        payload = pickle.dumps(merged, protocol=pickle.HIGHEST_PROTOCOL)
        _OnlyPatterns(io.BytesIO(payload)).load()  # refuses a regex that pickles patterns otherwise
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_bytes(path, _MAGIC + zlib.crc32(payload).to_bytes(4, "big") + payload)
    except Exception:  # a cache that cannot be written is no cache, never an error
        return
    _unsaved = False
