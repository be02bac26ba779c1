"""Input: paths -> documents. Walks directories, reads standard input, decodes bytes.

Japanese text arrives as UTF-8 (with or without BOM), UTF-16 with a BOM, Shift_JIS/CP932 or
EUC-JP; the encoding is detected unless forced. Undecodable or binary input is an
``InputError`` for that one file.
"""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex

from figcheck.errors import BinaryInputError, InputError

__all__ = ["STDIN", "Document", "Selection", "Target", "decode", "expand", "glob_matches", "read", "skippable"]

STDIN = "-"
SUFFIXES = (".txt", ".md")
_JAPANESE = regex.compile(r"[\p{Hiragana}\p{Katakana}\p{Han}ー、。]")


@dataclass(frozen=True, slots=True)
class Document:
    """A decoded input: the name to report it under and its text."""

    path: str
    text: str
    encoding: str = "utf-8"


@dataclass(frozen=True, slots=True)
class Target:
    """A path to check; ``explicit`` when the user named it rather than a directory walk found it."""

    path: str
    explicit: bool = True


@dataclass(frozen=True, slots=True)
class Selection:
    """Which files to check: globs relative to ``root`` (from the configuration)."""

    root: Path | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def wants(self, path: Path, explicit: bool) -> bool:
        """Whether ``path`` is checked. Excludes apply to every file (pre-commit names files one
        by one); includes replace the ``*.txt``/``*.md`` default of a directory walk."""
        if not (self.include or self.exclude):
            return True
        try:
            rel = path.resolve().relative_to((self.root or Path.cwd()).resolve()).as_posix()
        except ValueError:
            rel = path.as_posix()
        if self.exclude and glob_matches(rel, self.exclude):
            return False
        return explicit or not self.include or glob_matches(rel, self.include)


@cache  # a directory walk asks for every file
def _glob_regex(pattern: str) -> regex.Pattern[str]:
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(regex.escape(pattern[i]))
            i += 1
    return regex.compile("".join(out) + r"\Z")


def glob_matches(path: str, patterns: tuple[str, ...]) -> bool:
    """Whether a ``/``-separated relative path matches any glob (``**`` spans folders).

    >>> glob_matches("articles/2025/a.md", ("articles/**/*.md",)), glob_matches("a.txt", ("*.md",))
    (True, False)
    """
    return any(_glob_regex(p).match(path) for p in patterns)


def expand(paths: Iterable[str], selection: Selection | None = None) -> Iterator[Target]:
    """Files as given, directories walked for ``*.txt`` and ``*.md`` (sorted), ``-`` for stdin."""
    selection = selection or Selection()
    for raw in paths:
        if raw == STDIN:
            yield Target(STDIN)
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if (p.suffix.lower() in SUFFIXES or selection.include)
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            for p in found:
                if selection.wants(p, explicit=False):
                    yield Target(str(p), explicit=False)
        elif selection.wants(path, explicit=True):
            yield Target(raw)


def _score(text: str) -> int:
    return len(_JAPANESE.findall(text[:20000]))


def decode(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Bytes -> (text, encoding name). BOMs win; then UTF-8; then the better of CP932/EUC-JP."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as e:
            raise InputError(f"{name}: cannot decode as {encoding}: {e}") from None
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as e:
            raise InputError(f"{name}: invalid UTF-8 at byte {e.start + 3}") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as e:
            raise InputError(f"{name}: invalid UTF-16 at byte {e.start}") from None
    if b"\x00" in data[:8192]:
        raise BinaryInputError(f"{name}: binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        candidates = []
        for enc in ("cp932", "euc_jp"):
            try:
                candidates.append((_score(text := data.decode(enc)), enc, text))
            except UnicodeDecodeError:
                continue
        if not candidates:
            raise InputError(
                f"{name}: not UTF-8, Shift_JIS or EUC-JP (invalid byte at {utf8_error.start}); "
                "use --encoding to name the encoding"
            ) from None
        _, enc, text = max(candidates)
        return text, enc


def read(target: Target, encoding: str | None = None) -> Document:
    """Read and decode one target."""
    name = "<stdin>" if target.path == STDIN else target.path
    try:
        data = sys.stdin.buffer.read() if target.path == STDIN else Path(target.path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory") from None
    except OSError as e:
        raise InputError(f"{name}: cannot read: {e.strerror or e}") from None
    text, enc = decode(data, name, encoding)
    return Document(name, text, enc)


def skippable(target: Target, error: InputError) -> bool:
    """Whether an unreadable input is skipped with a note rather than an error: a binary file that a
    directory walk found (named explicitly, it is an error)."""
    return isinstance(error, BinaryInputError) and not target.explicit


def changed_since(ref: str, paths: Iterable[str]) -> list[str]:
    """The ``*.txt``/``*.md`` files under ``paths`` that differ from git ``ref`` (committed or not,
    untracked included), for checking only what a pull request touches."""
    import subprocess

    def git(*args: str) -> str:
        try:
            proc = subprocess.run(["git", *args], capture_output=True, text=True, encoding="utf-8", check=False)
        except FileNotFoundError:
            raise InputError("--changed-since needs git, which is not installed") from None
        if proc.returncode != 0:
            message = (proc.stderr.strip().splitlines() or ["git failed"])[-1]
            raise InputError(f"--changed-since {ref}: {message}")
        return proc.stdout

    top = Path(git("rev-parse", "--show-toplevel").strip())
    git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    names = git("diff", "--name-only", "-z", "--diff-filter=ACMR", ref, "--").split("\0")
    names += git("ls-files", "--others", "--exclude-standard", "-z", "--full-name", ":/").split("\0")
    roots = [Path(p).resolve() for p in paths] or [Path.cwd().resolve()]
    out = []
    for name in sorted(set(filter(None, names))):
        full = top / name
        if full.suffix.lower() not in SUFFIXES or not full.is_file():
            continue
        if any(full == r or r in full.parents for r in roots):
            out.append(os.path.relpath(full))
    return out
