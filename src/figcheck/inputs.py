"""Input: paths -> documents. Walks directories, reads standard input, decodes bytes.

Japanese text arrives as UTF-8 (with or without BOM), UTF-16 with a BOM, Shift_JIS/CP932 or
EUC-JP; the encoding is detected unless forced. Undecodable or binary input is an
``InputError`` for that one file.
"""

from __future__ import annotations

import codecs
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import regex

from figcheck.errors import InputError

__all__ = ["STDIN", "Document", "decode", "expand", "read"]

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


def expand(paths: Iterable[str]) -> Iterator[Target]:
    """Files as given, directories walked for ``*.txt`` and ``*.md`` (sorted), ``-`` for stdin."""
    for raw in paths:
        if raw == STDIN:
            yield Target(STDIN)
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.suffix.lower() in SUFFIXES and p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            for p in found:
                yield Target(str(p), explicit=False)
        else:
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
        raise InputError(f"{name}: binary file (NUL bytes), not text")
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
