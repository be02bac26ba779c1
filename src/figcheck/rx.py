"""Compiled patterns, kept between runs.

``regex`` parses and compiles a pattern in Python: the scanner's patterns took some 90 ms to
compile, a sixth of checking one article. A compiled ``regex`` pattern pickles as its program (the
arguments of the engine's ``compile``), so unpickling it skips the parsing: the whole set loads in
about 3 ms. ``compile`` returns the pattern from that cache when it is there, and compiles it (and
keeps it, at exit) when it is not.

The cache is one file in the user's cache folder (platformdirs, or its XDG rule on Linux;
``$FIGCHECK_CACHE_DIR`` instead, and none at all when that is empty), named for the versions of
``regex`` and Python that wrote it, since a program is only meaningful to the engine that compiled
it, and pruned: a pattern no run that saved asked for in ``KEEP_FOR`` saves is dropped (an older
figcheck's). It is only ever a cache: a file
that is missing, damaged (a CRC over its bytes), written by another version, or holding anything but
compiled patterns is ignored, and the patterns are compiled as if it were not there. It is written
atomically, so two runs at once leave one whole file or the other.
"""

from __future__ import annotations

import io
import os
import pickle
import re
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import regex

__all__ = ["cache_file", "compile", "groups", "literals"]

_MAGIC = b"figcheck compiled patterns 2\n"
#: Saves after which a pattern that no saving run asked for is dropped: the patterns of an older
#: figcheck (or of a source tree being edited) went on being loaded on every start-up, and a cache of
#: 120 patterns, half of them no longer asked for, took 10 ms to unpickle against 2 ms.
KEEP_FOR = 20
_Key = tuple[str, int]
_patterns: dict[_Key, regex.Pattern[str]] | None = None
_asked: set[_Key] = set()  # the patterns this process asked for: kept by the next save
_unsaved = False
_literals: set[str] = set()  # the patterns given to ``literals``, for the test that holds them to regex


def compile(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """``regex.compile(pattern, flags)``, from the cache when it holds the pattern."""
    global _unsaved
    patterns = _patterns if _patterns is not None else _load()
    key = (pattern, int(flags))  # a plain int: the cache holds no enum (and unpickles none)
    _asked.add(key)
    found = patterns.get(key)
    if found is None:
        found = patterns[key] = regex.compile(pattern, flags)
        if not _unsaved:
            _unsaved = True
            import atexit

            atexit.register(save)
    return found


def literals(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled by the standard library's ``re``, for an alternation of literals or a
    character class (currency words, unit words, 四川 and 一部): ``re`` finds such a pattern's
    matches four to five times as fast as ``regex`` (the money windows' currency words in a dense
    megabyte: 9 against 41 ms), with the same leftmost-first alternation and so the same matches (a
    test holds every such pattern of the scanner to ``regex``'s). It compiles in about a
    millisecond and is kept by ``re``'s own cache for the process, not in this module's file."""
    _literals.add(pattern)
    return re.compile(pattern)


def groups(pattern: regex.Pattern[str]) -> SimpleNamespace:
    """The numbers of ``pattern``'s named groups as attributes (``groups(p).num``): ``m[g.num]`` and
    ``m.start(g.num)`` cost a tenth of ``m["num"]`` and ``m.start("num")``, which ``regex`` looks
    up by name on every call (some 0.3 µs each; the money scanner made 30 of them a mention)."""
    return SimpleNamespace(**pattern.groupindex)


def cache_file() -> Path | None:
    """Where the cache of this ``regex`` and this Python is; ``None`` when there is to be none."""
    folder = os.environ.get("FIGCHECK_CACHE_DIR")
    if folder is None and sys.platform == "linux":
        folder = xdg_cache_dir()
    if folder is None:
        from platformdirs import user_cache_dir

        folder = user_cache_dir("figcheck", appauthor=False)
    if not folder:
        return None
    version = f"regex{regex.__version__}-py{sys.version_info.major}.{sys.version_info.minor}"
    return Path(folder) / f"patterns-{version}.pickle"


def xdg_cache_dir() -> str:
    """figcheck's cache folder by the XDG rule, as ``platformdirs.user_cache_dir`` gives it on Linux
    (a test holds the two together): importing platformdirs imports ``tempfile`` and ``random``, 3 ms
    of every run's start-up for a path this rule gives."""
    base = os.environ.get("XDG_CACHE_HOME", "")  # the spec: an absolute path, else ignored
    return os.path.join(base if os.path.isabs(base) else os.path.expanduser("~/.cache"), "figcheck")


class _OnlyPatterns(pickle.Unpickler):
    """Unpickles compiled patterns and plain data, nothing else: a cache file is data, never code."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("regex._regex", "compile"):
            return super().find_class(module, name)
        raise ValueError(f"not a compiled pattern: {module}.{name}")


def _entries(path: Path) -> tuple[int, dict[_Key, tuple[regex.Pattern[str], int]]]:
    """How many saves the cache file at ``path`` has had, and its patterns with the save each was
    last asked for in; nothing for a file that is missing or not a cache."""
    import zlib

    try:
        data = path.read_bytes()
        head = len(_MAGIC) + 4
        if not data.startswith(_MAGIC) or int.from_bytes(data[len(_MAGIC) : head], "big") != zlib.crc32(data[head:]):
            return 0, {}
        loaded = _OnlyPatterns(io.BytesIO(data[head:])).load()
    except Exception:  # a cache, never an error: anything unreadable is compiled again
        return 0, {}
    if not isinstance(loaded, tuple) or len(loaded) != 2 or type(loaded[0]) is not int:
        return 0, {}
    saves, entries = loaded
    if not isinstance(entries, dict):
        return 0, {}
    return saves, {
        key: value
        for key, value in entries.items()
        if isinstance(key, tuple)
        and len(key) == 2
        and type(key[1]) is int
        and isinstance(value, tuple)
        and len(value) == 2
        and isinstance(value[0], regex.Pattern)
        and key[0] == value[0].pattern
        and type(value[1]) is int
    }


def _read(path: Path) -> dict[_Key, regex.Pattern[str]]:
    """The patterns in the cache file at ``path``; empty for a file that is missing or not a cache."""
    return {key: pattern for key, (pattern, _) in _entries(path)[1].items()}


def _load() -> dict[_Key, regex.Pattern[str]]:
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
        saves, entries = _entries(path)
        saves += 1
        kept = {key: entry for key, entry in entries.items() if entry[1] > saves - KEEP_FOR}
        kept.update((key, (pattern, saves)) for key, pattern in _patterns.items() if key in _asked)
        payload = pickle.dumps((saves, kept), protocol=pickle.HIGHEST_PROTOCOL)
        _OnlyPatterns(io.BytesIO(payload)).load()  # refuses a regex that pickles patterns otherwise
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_bytes(path, _MAGIC + zlib.crc32(payload).to_bytes(4, "big") + payload)
    except Exception:  # a cache that cannot be written is no cache, never an error
        return
    _unsaved = False
