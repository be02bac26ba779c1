"""Baselines: record today's findings so that only new ones are reported.

A finding is keyed by file, rule and the text it matched, not its line, so the baseline survives
edits elsewhere in the file. Files are recorded relative to the baseline's own folder and compared
by their real place, so ``./articles/x.txt``, an absolute path or a run from a subfolder all match.
The file is JSON: ``{"version": 1, "findings": [{"path", "rule", "text"}]}``.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from figcheck import atomic
from figcheck.errors import ConfigError, InputError
from figcheck.i18n import _
from figcheck.model import FileReport, Finding, Status

__all__ = ["Key", "apply", "keys", "read", "write"]

Key = tuple[str, str, str]  # (path, rule, matched text)
_MAX_BASELINE = 64 * 1024 * 1024  # bytes


def _where(path: str) -> str:
    """A file's place, however its path was spelled (``./a.txt``, ``a.txt``, absolute, from another
    folder): its real absolute path. Standard input stays ``<stdin>``."""
    return path if path.startswith("<") else os.path.realpath(path)


def _key(file: FileReport, f: Finding) -> Key:
    return _where(file.path), str(f.rule), file.text[f.span.start : f.span.end]


def keys(file: FileReport) -> Counter[Key]:
    """The keys of a file's findings that are not ``ok`` (a multiset: the same claim may recur)."""
    return Counter(_key(file, f) for f in file.findings if f.status is not Status.OK)


def write(path: Path, recorded: Counter[Key], inputs: Iterable[str] = ()) -> None:
    """Record ``recorded`` in ``path`` (atomically; never over one of ``inputs``)."""
    folder = os.path.realpath(Path(path).parent)
    entries = [
        {"path": _relative(p, folder), "rule": r, "text": t}
        for (p, r, t), n in sorted(recorded.items())
        for _ in range(n)
    ]
    text = json.dumps({"version": 1, "findings": entries}, ensure_ascii=False, indent=2) + "\n"
    try:
        atomic.write_text(path, text, inputs)
    except OSError as e:
        raise ConfigError(_("{path}: cannot write: {value}").format(path=path, value=e.strerror or e)) from None


def read(path: Path) -> Counter[Key]:
    """The keys recorded in a baseline file."""
    from figcheck.files import read_regular

    try:
        data = json.loads(read_regular(Path(path), _MAX_BASELINE).decode("utf-8"))
        entries = data["findings"]
        if data.get("version") != 1:
            raise ConfigError(
                _("{path}: unsupported baseline version {value!r}").format(path=path, value=data.get("version"))
            )
        folder = os.path.realpath(Path(path).parent)
        return Counter((_absolute(e["path"], folder), e["rule"], e["text"]) for e in entries)
    except InputError as e:
        if str(e).endswith("no such file"):
            raise ConfigError(_("{path}: baseline not found").format(path=path)) from None
        raise ConfigError(_("{e} (baseline)").format(e=e)) from None
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as e:
        raise ConfigError(
            _("{path}: not a figcheck baseline ({__name__})").format(path=path, __name__=e.__class__.__name__)
        ) from None


def _relative(where: str, folder: str) -> str:
    """A place as the baseline file records it: relative to the baseline's folder, ``/``-separated."""
    if where.startswith("<"):
        return where
    return Path(os.path.relpath(where, folder)).as_posix()


def _absolute(recorded: str, folder: str) -> str:
    if not isinstance(recorded, str):
        raise TypeError("path")
    return recorded if recorded.startswith("<") else os.path.realpath(os.path.join(folder, recorded))


def apply(file: FileReport, remaining: Counter[Key]) -> FileReport:
    """``file`` without the findings the baseline still has (``remaining`` is used up as they match)."""
    kept = []
    for f in file.findings:
        key = _key(file, f)
        if f.status is not Status.OK and remaining[key] > 0:
            remaining[key] -= 1
            continue
        kept.append(f)
    return replace(file, findings=tuple(kept))
