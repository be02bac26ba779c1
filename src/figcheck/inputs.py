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
from dataclasses import field
from functools import cache
from pathlib import Path
from typing import Any

from figcheck import rx
from figcheck.errors import BinaryInputError, InputError
from figcheck.files import MAX_INPUT, read_bounded, read_regular
from figcheck.frozen import frozen
from figcheck.i18n import _

__all__ = [
    "MAX_INPUT",
    "STDIN",
    "Document",
    "Selection",
    "Target",
    "decode",
    "expand",
    "glob_matches",
    "read",
    "read_bounded",
    "skippable",
]

STDIN = "-"
SUFFIXES = (".txt", ".md", ".markdown", ".mdx")  # what a directory walk checks
_JAPANESE = rx.compile(r"[\p{Hiragana}\p{Katakana}\p{Han}ー、。]")


@frozen
class Document:
    """A decoded input: the name to report it under and its text."""

    path: str
    text: str
    encoding: str = "utf-8"


@frozen
class Target:
    """A path to check; ``explicit`` when the user named it rather than a directory walk found it."""

    path: str
    explicit: bool = True
    problem: str | None = None  # why a folder a walk met could not be read: reported as that path's error
    name: str | None = None  # what standard input is reported (and read) as: --stdin-filename
    profile: int = 0  # which configuration checks it (runner.Profile): the file's nearest


@frozen
class Selection:
    """Which files to check: globs relative to ``root`` (from the configuration)."""

    root: Path | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    seen: list[str] = field(default_factory=list, compare=False)  # the paths asked about, for unmatched()

    def wants(self, path: Path | str, explicit: bool) -> bool:
        """Whether ``path`` is checked. Excludes apply to every file (pre-commit names files one
        by one); includes replace the ``*.txt``/``*.md`` default of a directory walk."""
        if not (self.include or self.exclude):
            return True
        path = Path(path)
        try:
            rel = path.resolve().relative_to((self.root or Path.cwd()).resolve()).as_posix()
        except ValueError:
            rel = path.as_posix()
        self.seen.append(rel)
        if self.exclude and glob_matches(rel, self.exclude):
            return False
        return explicit or not self.include or glob_matches(rel, self.include)

    def unmatched(self) -> list[str]:
        """The patterns that matched none of the files asked about (a typo, or a folder renamed)."""
        return [
            p
            for p in (*self.include, *self.exclude)
            if not p.startswith("!") and not any(glob_matches(rel, (p,)) for rel in self.seen)
        ]


def braces(pattern: str) -> list[str]:
    """``articles/{drafts,tmp}/**`` as the patterns it stands for (gitignore has no braces; shells
    and editors do, and people write them).

    >>> braces("a/{x,y}/*.{md,txt}")
    ['a/x/*.md', 'a/x/*.txt', 'a/y/*.md', 'a/y/*.txt']
    """
    depth = 0
    start = -1
    for i, ch in enumerate(pattern):
        if ch == "{":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "}" and depth:
            depth -= 1
            if depth == 0:
                inner, parts, level, last = pattern[start + 1 : i], [], 0, 0
                for j, c in enumerate(inner):
                    level += (c == "{") - (c == "}")
                    if c == "," and level == 0:
                        parts.append(inner[last:j])
                        last = j + 1
                parts.append(inner[last:])
                if len(parts) == 1:
                    continue
                return [out for part in parts for out in braces(pattern[:start] + part + pattern[i + 1 :])]
    return [pattern]


@cache  # a directory walk asks for every file
def _spec(patterns: tuple[str, ...]) -> Any:
    """``patterns`` with gitignore's semantics (pathspec): ``*``, ``**``, ``?``, ``[abc]``, ``!negation``,
    a pattern without a slash matching at any depth, one with a slash anchored; braces expanded."""
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines([out for p in patterns for out in braces(p)])


def glob_matches(path: str, patterns: tuple[str, ...]) -> bool:
    """Whether a ``/``-separated relative path matches the patterns, read as a ``.gitignore`` reads them.

    >>> glob_matches("articles/2025/a.md", ("articles/**/*.md",)), glob_matches("a.txt", ("*.md",))
    (True, False)
    >>> glob_matches("x/drafts/a.md", ("*.md", "!x/drafts/*")), glob_matches("_a.txt", ("[_]*.txt",))
    (False, True)
    """
    return bool(_spec(patterns).match_file(path))


IGNORE_FILES = (".gitignore", ".figcheckignore")


def _ignore_lines(folder: Path) -> list[str]:
    """The rules of a folder's own ``.gitignore`` and ``.figcheckignore`` (at most 1 MiB each)."""
    lines: list[str] = []
    for name in IGNORE_FILES:
        try:
            with open(folder / name, encoding="utf-8", errors="replace") as f:
                lines += f.read(1 << 20).splitlines()
        except OSError:
            continue
    return [line for line in lines if line.strip() and not line.startswith("#")]


def _ignored_by(folder: Path, top: Path, cache: dict[Path, Any]) -> Any:
    """The ignore rules ``folder`` gives for a walk of ``top`` (``None``: none). In a folder at or
    above ``top``, a rule that ignores ``top`` itself is dropped: naming a folder asks for it."""
    if folder not in cache:
        lines = _ignore_lines(folder)
        if lines and folder != top and folder in top.parents:
            here = top.relative_to(folder).as_posix() + "/"
            lines = [line for line in lines if line.startswith("!") or not _spec((line,)).match_file(here)]
        cache[folder] = _Gated(_spec(tuple(lines))) if lines else None
    return cache[folder]


class _Gated:
    """A gitignore spec with one search in front that tells whether any of its patterns matches a
    path at all: a path none matches is not ignored, whatever the negations, and that is the answer
    for nearly every file of a walk (pathspec tries the patterns one by one in Python, 0.1 s over
    the realistic archive's 8,095 files and a dozen rules). A path the gate lets through gets the
    spec's own answer, so the result is pathspec's either way."""

    __slots__ = ("gate", "normalize", "spec")

    def __init__(self, spec: Any) -> None:
        import re

        from pathspec.util import normalize_file

        self.spec = spec
        self.normalize = normalize_file  # what the spec does to a path before its patterns see it
        self.gate: re.Pattern[str] | None = None
        try:
            patterns = [p.regex for p in spec.patterns if p.include is not None and p.regex is not None]
            plain = all(isinstance(r.pattern, str) and r.flags == re.UNICODE for r in patterns)
            # pathspec marks a directory match with a named group; a name may not repeat in one pattern
            joined = "|".join(f"(?:{r.pattern})".replace("(?P<ps_d>", "(?:") for r in patterns) if plain else ""
            self.gate = re.compile(joined) if joined and "(?P<" not in joined and "(?P=" not in joined else None
        except (AttributeError, TypeError, re.error):
            self.gate = None  # not pathspec's shape: ask the spec every time

    def match_file(self, path: str) -> bool:
        if self.gate is not None and self.gate.search(self.normalize(path)) is None:
            return False
        return bool(self.spec.match_file(path))


def _ignore_root(top: Path) -> Path:
    """Where the ignore files that apply to a walk of ``top`` start: its repository's root (the
    nearest folder above with ``.git``), else ``top`` itself."""
    return next((f for f in (top, *top.parents) if (f / ".git").exists()), top)


def _ignored(path: str, top: Path, root: Path, cache: dict[Path, Any], chains: dict[str, Any]) -> bool:
    """Whether an ignore file in a folder from ``root`` down to ``path``'s folder ignores ``path``
    (each folder's rules read relative to that folder, as git reads nested ``.gitignore`` files).
    ``chains`` keeps, per folder, the rules that apply in it with where their relative paths start:
    a walk of thousands of files asks about a few folders, and string slicing is what is left."""
    name_at = path.rfind(os.sep)
    chain = chains.get(path[:name_at])
    if chain is None:
        folder = Path(path).parent
        chain = chains[path[:name_at]] = []
        for above in (folder, *folder.parents):
            spec = _ignored_by(above, top, cache)
            if spec is not None:
                chain.append((len(above.as_posix().rstrip("/")) + 1, spec))
            if above == root:
                break
    if not chain:
        return False
    posix = path if os.sep == "/" else Path(path).as_posix()
    return any(spec.match_file(posix[cut:]) for cut, spec in chain)


def expand(paths: Iterable[str], selection: Selection | None = None) -> Iterator[Target]:
    """Files as given, directories walked for ``*.txt`` and ``*.md`` (sorted), ``-`` for stdin."""
    selection = selection or Selection()
    for raw in paths:
        if raw == STDIN:
            yield Target(STDIN)
            continue
        path = Path(raw)
        if path.is_dir():
            files, problems = _walk(path, selection)
            ignores: dict[Path, Any] = {}
            chains: dict[str, Any] = {}
            top = path.resolve()
            root = _ignore_root(top)
            given, real = str(path), str(top)
            for p in sorted(files, key=_order):  # in the order of Paths, part by part (a-b/ after a/)
                # the path in the worktree, as git matches it (the walk follows no symlinked folder)
                where = real + p[len(given) :]
                if selection.wants(p, explicit=False) and not _ignored(where, top, root, ignores, chains):
                    yield Target(p, explicit=False)
            yield from problems
        elif selection.wants(path, explicit=True):
            yield Target(raw)


def _order(path: str) -> str:
    """A key that sorts paths part by part, as ``Path`` objects sort: with NUL, which no name can
    hold, for the separator, one string comparison is a comparison of the parts (``a/x`` before
    ``a-b/x``, ``a/x`` before ``a/x/y``); a list of parts per path was five times slower."""
    return path.replace(os.sep, "\0")


def _walk(top: Path, selection: Selection) -> tuple[list[str], list[Target]]:
    """The files under ``top`` a check reads (not hidden, not through a symlinked folder), and a
    target with its problem for each folder that cannot be read. Iterative: a folder nested a
    thousand deep is no RecursionError. Paths are strings as ``os.scandir`` joins them (``str(top)``
    and the names): a ``Path`` for each of thousands of files was a tenth of a walk."""
    files: list[str] = []
    problems: list[Target] = []
    stack = [str(top)]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as entries:
                listing = list(entries)
        except OSError as e:
            problems.append(
                Target(
                    str(folder),
                    explicit=False,
                    problem=_("{folder}: cannot read folder: {why}").format(folder=folder, why=e.strerror or e),
                )
            )
            continue
        for entry in listing:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                elif (selection.include or entry.name.lower().endswith(SUFFIXES)) and entry.is_file():
                    files.append(entry.path)
            except OSError:
                continue
    return files, problems


def _score(text: str) -> int:
    return len(_JAPANESE.findall(text[:20000]))


def _wide_text(data: bytes) -> tuple[str, str] | None:
    """UTF-32 or UTF-16 without a BOM, told by where the NUL bytes of its ASCII characters fall and
    by decoding to text (Japanese, or printable ASCII); ``None`` for binary data."""
    head = data[:8192]
    candidates = []
    if len(data) % 4 == 0:
        candidates += ["utf-32-le", "utf-32-be"]
    if len(data) % 2 == 0:
        candidates += ["utf-16-le", "utf-16-be"]
    for enc in candidates:
        try:
            sample = head[: len(head) - len(head) % 4].decode(enc)
        except UnicodeDecodeError:
            continue
        if sample and "\x00" not in sample and _looks_like_text(sample):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                continue
    return None


def _looks_like_text(sample: str) -> bool:
    """Mostly Japanese or printable characters (binary data decodes to control and rare characters)."""
    good = sum(1 for ch in sample if ch.isprintable() or ch in "\r\n\t")
    return good >= 0.95 * len(sample) and (_score(sample) > 0 or sample.isascii())


def decode(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Bytes -> (text, encoding name). BOMs win; then UTF-32/UTF-16 told by their NUL bytes; then
    UTF-8; then ISO-2022-JP (its escape sequences); then the better of CP932/EUC-JP."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as e:
            raise InputError(
                _("{name}: cannot decode as {encoding}: {e}").format(name=name, encoding=encoding, e=e)
            ) from None
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as e:
            raise InputError(_("{name}: invalid UTF-8 at byte {value}").format(name=name, value=e.start + 3)) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as e:
            raise InputError(_("{name}: invalid UTF-16 at byte {start}").format(name=name, start=e.start)) from None
    if b"\x00" in data[:8192]:
        wide = _wide_text(data)
        if wide is None:
            raise BinaryInputError(_("{name}: binary file (NUL bytes), not text").format(name=name))
        return wide
    if b"\x1b$B" in data[:8192] or b"\x1b$@" in data[:8192]:  # ISO-2022-JP is 7-bit: it would pass as ASCII
        try:
            return data.decode("iso2022_jp"), "iso2022_jp"
        except UnicodeDecodeError:
            pass
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
                _(
                    "{name}: not UTF-8, Shift_JIS or EUC-JP (invalid byte at {start}); "
                    "use --encoding to name the encoding"
                ).format(name=name, start=utf8_error.start)
            ) from None
        _best, enc, text = max(candidates)
        return text, enc


def read(target: Target, encoding: str | None = None) -> Document:
    """Read and decode one target."""
    name = (target.name or "<stdin>") if target.path == STDIN else target.path
    if target.path == STDIN:
        try:
            data = sys.stdin.buffer.read(MAX_INPUT + 1)
        except OSError as e:
            raise InputError(_("{name}: cannot read: {value}").format(name=name, value=e.strerror or e)) from None
        if len(data) > MAX_INPUT:
            raise InputError(
                _("{name}: more than the {value} MiB figcheck reads").format(name=name, value=MAX_INPUT // 2**20)
            )
    else:
        data = read_regular(target.path, MAX_INPUT)
    text, enc = decode(data, name, encoding)
    return Document(name, text, enc)


def skippable(target: Target, error: InputError) -> bool:
    """Whether an unreadable input is skipped with a note rather than an error: a binary file that a
    directory walk found (named explicitly, it is an error)."""
    return isinstance(error, BinaryInputError) and not target.explicit


def changed_since(ref: str, paths: Iterable[str]) -> list[str]:
    """The ``*.txt``/``*.md`` files under ``paths`` that differ from git ``ref`` (committed or not,
    untracked included), for checking only what a pull request touches. git runs in the repository
    of the first path (not the current folder), and file names that are not UTF-8 are kept as bytes
    (surrogate escapes), as the rest of figcheck keeps them."""
    import subprocess

    if not ref.strip() or ref.startswith("-"):
        raise InputError(_("--changed-since {ref!r}: want a git ref such as origin/main").format(ref=ref))
    given = [p for p in paths if p != STDIN]
    for p in given:  # as without the flag: a path that is not there is an error, not "0 files"
        if not os.path.lexists(p):
            raise InputError(_("{name}: no such file").format(name=p))
    roots = [Path(p).resolve() for p in given] or [Path.cwd().resolve()]
    where = roots[0] if roots[0].is_dir() else roots[0].parent

    def git(*args: str) -> str:
        try:
            proc = subprocess.run(["git", *args], capture_output=True, cwd=where, check=False)
        except FileNotFoundError:
            raise InputError(_("--changed-since needs git, which is not installed")) from None
        except OSError as e:
            raise InputError(
                _("--changed-since: cannot run git in {where}: {value}").format(where=where, value=e.strerror or e)
            ) from None
        if proc.returncode != 0:
            lines = os.fsdecode(proc.stderr).strip().splitlines()
            message = lines[-1] if lines else f"git {args[0]} failed (exit {proc.returncode})"
            raise InputError(_("--changed-since {ref}: {message}").format(ref=ref, message=message))
        return os.fsdecode(proc.stdout)

    top = Path(git("rev-parse", "--show-toplevel").strip())
    shallow = git("rev-parse", "--is-shallow-repository").strip() == "true"
    hint = (
        _(
            "; this clone is shallow: fetch the history (actions/checkout with fetch-depth: 0, "
            "or `git fetch --unshallow`)"
        )
        if shallow
        else ""
    )
    try:
        git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except InputError:
        raise InputError(
            _(
                "--changed-since {ref}: no such commit in the repository at {top} (fetch it: git fetch origin){hint}"
            ).format(ref=ref, top=top, hint=hint)
        ) from None
    # What this branch changed since it left REF (REF...HEAD, as a pull request shows it), not what
    # REF changed since: a fix landed on main after the branch point is not this branch's file.
    try:
        base = git("merge-base", ref, "HEAD").strip()
    except InputError:
        raise InputError(
            _("--changed-since {ref}: no common history with HEAD{hint}").format(ref=ref, hint=hint)
        ) from None
    names = git("diff", "--name-only", "-z", "--diff-filter=ACMR", base, "--").split("\0")
    names += git("ls-files", "--others", "--exclude-standard", "-z", "--full-name", ":/").split("\0")
    out = []
    for name in sorted(set(filter(None, names))):
        full = top / name
        if full.suffix.lower() not in SUFFIXES or not full.is_file():
            continue
        if any(full == r or r in full.parents for r in roots):
            out.append(os.path.relpath(full))
    return out
