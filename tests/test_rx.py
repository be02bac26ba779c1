"""The cache of compiled patterns (``figcheck.rx``): the same patterns, from a file that is only
ever a cache — a damaged, foreign or hostile file is ignored, never an error and never code."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
import regex

from figcheck import rx
from tests.conftest import EXAMPLE, ROOT

_SAMPLES = [
    "米国への5500億ドル（約84兆円）の投資",
    "1ドル＝153円で換算すると、100億ドルは約1兆5300億円になる。",
    "地元の元首相が円安を嘆いた。時速155マイル（約250キロ）",
]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty cache of the module's own, restored after the test."""
    monkeypatch.setenv("FIGCHECK_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(rx, "_patterns", None)
    monkeypatch.setattr(rx, "_unsaved", False)
    monkeypatch.setattr(rx, "_asked", set())
    return tmp_path


def _file(folder: Path) -> Path:
    path = rx.cache_file()
    assert path is not None
    assert path.parent == folder
    return path


def test_a_saved_pattern_comes_back_compiled_and_matching_alike(cache: Path) -> None:
    source = r"(?P<n>[0-9０-９]+)(?P<u>億?ドル)|約\p{Han}"
    fresh = rx.compile(source, regex.VERBOSE)
    rx.save()
    assert _file(cache).is_file()
    rx._patterns = None
    loaded = rx.compile(source, regex.VERBOSE)
    assert rx._unsaved is False  # read from the file, not compiled again
    assert loaded is not fresh
    assert (loaded.pattern, loaded.flags, loaded.groupindex) == (fresh.pattern, fresh.flags, fresh.groupindex)
    for text in _SAMPLES:
        assert [m.span() for m in loaded.finditer(text)] == [m.span() for m in fresh.finditer(text)]


def test_the_scanner_patterns_from_the_cache_find_what_compiled_ones_find(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every pattern figcheck compiles on import, through a cache file and back."""
    import figcheck.figures
    import figcheck.scan  # noqa: F401

    compiled = {key: regex.compile(*key) for key in rx._patterns or {}}
    assert len(compiled) > 30
    monkeypatch.setenv("FIGCHECK_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(rx, "_patterns", dict(compiled))
    monkeypatch.setattr(rx, "_unsaved", True)
    rx.save()
    rx._patterns = None
    back = rx._load()
    assert set(back) == set(compiled)
    for key, pattern in compiled.items():
        assert (back[key].flags, back[key].groupindex) == (pattern.flags, pattern.groupindex)
        for text in _SAMPLES:
            assert [m.group() for m in back[key].finditer(text)] == [m.group() for m in pattern.finditer(text)], key


def test_saving_keeps_what_the_file_already_had(cache: Path) -> None:
    rx.compile("ドル")
    rx.save()
    rx._patterns = None
    rx.compile("ユーロ")  # a miss: compiled, and saved with ドル
    rx.save()
    rx._patterns = None
    assert {("ドル", 0), ("ユーロ", 0)} <= set(rx._load())


def _run(*patterns: str) -> None:
    """A run that asks for ``patterns`` and saves (as a run that compiled one at least does)."""
    rx._patterns = None
    rx._asked = set()
    for pattern in patterns:
        rx.compile(pattern)
    rx._unsaved = True
    rx.save()


def test_a_pattern_no_run_asks_for_is_dropped_after_keep_for_saves(cache: Path) -> None:
    _run("旧いパターン", "ドル")
    for _ in range(rx.KEEP_FOR - 1):
        _run("ドル")
    assert ("旧いパターン", 0) in rx._read(_file(cache))  # asked for KEEP_FOR - 1 saves ago: kept
    _run("ドル")
    assert set(rx._read(_file(cache))) == {("ドル", 0)}


def test_a_pattern_loaded_but_not_asked_for_is_not_kept_fresh(cache: Path) -> None:
    _run("ポンド")
    for _ in range(rx.KEEP_FOR):
        rx._load()  # the file's patterns are all loaded; only ドル is asked for
        _run("ドル")
    assert ("ポンド", 0) not in rx._read(_file(cache))


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[:-10], id="truncated"),
        pytest.param(lambda data: data[:-5] + b"xxxxx", id="bytes changed (CRC)"),
        pytest.param(lambda data: b"not a cache at all\n" + data, id="no magic"),
        pytest.param(lambda data: b"", id="empty"),
    ],
)
def test_a_damaged_cache_is_compiled_again_and_replaced(cache: Path, damage) -> None:  # type: ignore[no-untyped-def]
    rx.compile("億ドル")
    rx.save()
    path = _file(cache)
    path.write_bytes(damage(path.read_bytes()))
    rx._patterns = None
    assert rx._load() == {}
    assert rx.compile("億ドル").match("億ドル")
    rx.save()
    rx._patterns = None
    assert ("億ドル", 0) in rx._load()


class _Boom:
    def __init__(self, mark: Path) -> None:
        self.mark = mark

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os.system, (f"touch '{self.mark}'",))


def test_a_cache_that_would_run_code_is_refused(cache: Path) -> None:
    mark = cache / "pwned"
    payload = pickle.dumps({("x", 0): _Boom(mark)})
    path = _file(cache)
    path.write_bytes(rx._MAGIC + zlib.crc32(payload).to_bytes(4, "big") + payload)
    rx._patterns = None
    assert rx._load() == {}
    assert not mark.exists()


def test_a_cache_holding_something_else_than_patterns_is_ignored(cache: Path) -> None:
    payload = pickle.dumps({("ドル", 0): "not a pattern", ("円", 0): regex.compile("ドル")})
    _file(cache).write_bytes(rx._MAGIC + zlib.crc32(payload).to_bytes(4, "big") + payload)
    rx._patterns = None
    assert rx._load() == {}  # a string, and a pattern filed under another pattern's source


@pytest.mark.parametrize("xdg", [None, "", "  ", "/srv/cache", "relative/cache"])
def test_the_xdg_rule_gives_the_folder_platformdirs_gives(xdg: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs.unix import Unix

    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert rx.xdg_cache_dir() == Unix("figcheck", appauthor=False).user_cache_dir


def test_no_cache_when_the_folder_is_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIGCHECK_CACHE_DIR", "")
    assert rx.cache_file() is None


def test_the_file_is_named_for_the_versions_that_wrote_it(cache: Path) -> None:
    name = _file(cache).name
    assert regex.__version__ in name
    assert f"py{sys.version_info.major}.{sys.version_info.minor}" in name


def test_an_unwritable_cache_folder_is_no_error(tmp_path: Path) -> None:
    """A run whose cache folder cannot be made checks as usual, exit code and report alike."""
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would be")
    env = {**os.environ, "FIGCHECK_CACHE_DIR": str(blocker / "cache")}
    cmd = [sys.executable, "-m", "figcheck", str(EXAMPLE), "--no-config", "--format", "json"]
    without = subprocess.run(cmd, capture_output=True, env=env, cwd=ROOT, timeout=60, check=False)
    env["FIGCHECK_CACHE_DIR"] = str(tmp_path / "ok")
    first = subprocess.run(cmd, capture_output=True, env=env, cwd=ROOT, timeout=60, check=False)
    again = subprocess.run(cmd, capture_output=True, env=env, cwd=ROOT, timeout=60, check=False)
    assert without.stderr == first.stderr == again.stderr == b""
    assert without.returncode == first.returncode == again.returncode
    assert without.stdout == first.stdout == again.stdout
    assert list((tmp_path / "ok").iterdir())  # the first run wrote the cache the second one read


def _every_literal_pattern() -> list[str]:
    """Every pattern the scanner gives ``rx.literals``, the lazily compiled ones too."""
    import importlib

    import figcheck.figures  # noqa: F401 (imports the whole scanner)

    importlib.import_module("figcheck.scan.quantities")._trigger()
    return sorted(rx._literals)


_LITERAL_SAMPLES = [
    *_SAMPLES,
    "ニュージーランドドルとニュージーランド・ドル、豪ドル、ドルトムント、＄5、US$ 10、€3、£7、¥100",
    "四川省の一部で四半期ごとに一・五兆ドル、百貨店の売上高が3%増、5割減、10パーセント",
    "時速155マイル、華氏104度、100ヤード、3フィート、ポンドとポーランド、エーカー、ガロン",
    "元首相の地元、身元、円安、円滑、ブランド、ロンドン、リラックス、ユーロ圏、ウォン、ルーブル、レアル",
]


def test_the_literal_patterns_find_in_re_what_regex_finds() -> None:
    # ``re`` and ``regex`` both take an alternation's first branch that matches: the same matches.
    patterns = _every_literal_pattern()
    assert len(patterns) >= 6  # the currency words (two), the symbols with them, 四川 and 一部, units, ％
    for pattern in patterns:
        fast, reference = rx.literals(pattern), regex.compile(pattern)
        for text in _LITERAL_SAMPLES:
            assert [m.span() for m in fast.finditer(text)] == [m.span() for m in reference.finditer(text)], pattern
