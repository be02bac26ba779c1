"""In an editorial repository (#14): the rate tables' life in CI."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from figcheck.cli import ExitCode, app
from figcheck.rates import HEADER, RateStack, default_table_path, layers, user_table_path
from tests.common import commit, git, repository

runner = CliRunner()


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = runner.invoke(app, list(args), env=env)
    finally:
        os.chdir(old)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def table(path: Path, *rows: str) -> Path:
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_the_user_table_is_outside_the_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIGCHECK_DATA_DIR", str(tmp_path / "data"))
    assert user_table_path() == tmp_path / "data" / "rates.csv"
    monkeypatch.delenv("FIGCHECK_DATA_DIR")
    path = user_table_path()
    assert path.name == "rates.csv"
    assert default_table_path().parent not in path.parents


def test_import_writes_the_user_table_and_never_the_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIGCHECK_DATA_DIR", str(tmp_path / "data"))
    packaged = hashlib.sha256(default_table_path().read_bytes()).hexdigest()
    new = table(tmp_path / "new.csv", "2026-11-30,USD,JPY,155.5,reference,ECB")
    code, _, err = run("rates", "import", str(new), cwd=tmp_path)
    assert code == 0, err
    assert str(tmp_path / "data" / "rates.csv") in err
    assert "2026-11-30,USD,JPY,155.5" in (tmp_path / "data" / "rates.csv").read_text(encoding="utf-8")
    assert hashlib.sha256(default_table_path().read_bytes()).hexdigest() == packaged
    # ... and a check reads it, over the packaged table
    article = tmp_path / "a.txt"
    article.write_text("2026年11月30日\n日本は100億ドル（約1兆5550億円）を投じる。\n", encoding="utf-8")
    code, out, _ = run(str(article), "-f", "json", "--no-config", cwd=tmp_path)
    (f,) = json.loads(out)["files"][0]["findings"]
    assert f["status"] == "ok"
    assert f["rate"]["date"] == "2026-11-30"


def test_a_house_file_in_the_repository_overlays_the_reference_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FIGCHECK_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / ".git").mkdir()
    (tmp_path / "data").mkdir()
    table(tmp_path / "data" / "house-rates.csv", "2025-10-27,USD,JPY,150,house,desk")
    (tmp_path / ".figcheck.toml").write_text('rates = "data/house-rates.csv"\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    # on the house day the house rate holds, exactly; on another day the packaged ECB rates do
    article.write_text("2025年10月27日\n日本は100億ドル（約1兆5000億円）を投じる。\n", encoding="utf-8")
    code, out, _ = run(str(article), "-f", "json", cwd=tmp_path)
    assert code == 0
    (f,) = json.loads(out)["files"][0]["findings"]
    assert (f["status"], f["rate"]["value"], f["rate"]["source"]) == ("ok", "150", "desk")
    article.write_text("2025年10月20日\n日本は100億ドル（約1兆5000億円）を投じる。\n", encoding="utf-8")
    _code, out, _ = run(str(article), "-f", "json", cwd=tmp_path)
    (f,) = json.loads(out)["files"][0]["findings"]
    assert f["rate"]["source"] == "ECB"  # the house file has no row near that day: the packaged table does
    assert f["rate"]["date"] <= "2025-10-20"


def test_a_higher_layer_wins_the_same_day(tmp_path: Path) -> None:
    low = table(tmp_path / "low.csv", "2025-10-28,USD,JPY,152,reference,ECB", "2025-10-29,USD,JPY,151,reference,ECB")
    high = table(tmp_path / "high.csv", "2025-10-28,USD,JPY,153,house,desk")
    stack = RateStack((low, high))
    on28 = stack.lookup("USD", "JPY", dt.date(2025, 10, 28))
    on29 = stack.lookup("USD", "JPY", dt.date(2025, 10, 29))
    assert on28 is not None
    assert on29 is not None
    assert (on28.rate.value, on28.rate.source) == (153, "desk")
    assert on29.rate.value == 151  # the newest row of any layer
    assert stack.source_of(on28.rate) == high
    coverage = stack.coverage("USD", "JPY")
    assert coverage is not None
    assert (coverage.low, coverage.high, coverage.first, coverage.last) == (
        151,
        153,
        dt.date(2025, 10, 28),
        dt.date(2025, 10, 29),
    )
    band = stack.band("USD", "JPY", dt.date(2025, 10, 29), 30)
    assert band is not None
    assert (band.low, band.high) == (151, 152)  # reference rows only: the house row is exact, not a band


def test_layers_are_packaged_user_configured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIGCHECK_DATA_DIR", str(tmp_path))
    assert layers(None) == (default_table_path(),)  # no user table yet
    table(tmp_path / "rates.csv", "2026-11-30,USD,JPY,155,reference,ECB")
    house = table(tmp_path / "house.csv", "2026-11-30,USD,JPY,154,house,desk")
    assert layers(house) == (default_table_path(), tmp_path / "rates.csv", house)


def test_rates_show_names_the_file_of_each_row_and_the_tables_age(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FIGCHECK_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "data").mkdir()
    today = dt.date.today()
    table(tmp_path / "data" / "rates.csv", f"{today - dt.timedelta(days=2)},USD,JPY,155,reference,ECB")
    code, out, _ = run("rates", "show", "USD", "GBP", "-f", "json", "--date", str(today), cwd=tmp_path)
    assert code == 1  # no GBP row within the week: said so by the exit code
    doc = json.loads(out)
    usd = next(r for r in doc["rates"] if r["base"] == "USD")
    assert usd["file"] == str(tmp_path / "data" / "rates.csv")
    ages = {t["path"]: t["age_days"] for t in doc["tables"]}
    assert ages[str(tmp_path / "data" / "rates.csv")] == 2
    assert ages[str(default_table_path())] > 2  # the packaged table is older than the user's
    _code, out, _ = run("rates", "show", "--date", str(today), cwd=tmp_path)
    assert "newest row" in out
    assert "days old" in out


def test_rates_status_fails_on_an_old_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIGCHECK_DATA_DIR", str(tmp_path / "data"))
    today = dt.date.today()
    fresh = table(tmp_path / "fresh.csv", f"{today - dt.timedelta(days=1)},USD,JPY,155,reference,ECB")
    code, out, err = run("rates", "status", "--rates", str(fresh), cwd=tmp_path)
    assert code == 0, err
    assert "1 day old" in out
    old = table(tmp_path / "old.csv", f"{today - dt.timedelta(days=30)},USD,JPY,155,reference,ECB")
    code, _, err = run("rates", "status", "--rates", str(old), cwd=tmp_path)
    assert code == ExitCode.FINDINGS
    assert "30 days old, more than 7" in err
    assert "figcheck rates update" in err
    code, _, _ = run("rates", "status", "--rates", str(old), "--max-age", "31", cwd=tmp_path)
    assert code == 0
    (tmp_path / ".figcheck.toml").write_text("max-table-age = 40\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    code, _, _ = run("rates", "status", "--rates", str(old), cwd=tmp_path)
    assert code == 0
    (tmp_path / ".figcheck.toml").write_text('max-table-age = "x"\n', encoding="utf-8")
    code, _, err = run("rates", "status", "--rates", str(old), cwd=tmp_path)
    assert code == ExitCode.ERROR
    assert "max-table-age" in err


# -- the nearest configuration for each file -------------------------------------------------------


def monorepo(tmp_path: Path) -> Path:
    """A newsroom repository: a root configuration and a desk's own, stricter one."""
    root = tmp_path / "news"
    (root / ".git").mkdir(parents=True)
    (root / ".figcheck.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    econ = root / "desk-econ" / "articles"
    econ.mkdir(parents=True)
    (econ / "a.txt").write_text("2025年10月28日\n日本は5500億ドル（約84兆円）を投資する。\n", encoding="utf-8")
    intl = root / "desk-intl"
    (intl / "drafts").mkdir(parents=True)
    (intl / "articles").mkdir()
    (intl / ".figcheck.toml").write_text(
        'fail-on = "warning"\nexclude = ["drafts/**"]\nrate = {TWD = "4.8"}\n', encoding="utf-8"
    )
    # consistent at the desk's TWD rate; a stated USD rate far from the table's: a warning
    (intl / "articles" / "b.txt").write_text(
        "2025年10月28日\n台湾は10億台湾ドル（約48億円）を投じる。米国は100億ドル（約1兆8000億円、1ドル＝180円で換算）を拠出。\n",
        encoding="utf-8",
    )
    (intl / "drafts" / "draft.txt").write_text(
        "2025年10月28日\n日本は5500億ドル（約90兆円）を投資する。\n", encoding="utf-8"
    )
    return root


def test_each_file_is_checked_under_its_nearest_configuration_whatever_the_order(tmp_path: Path) -> None:
    root = monorepo(tmp_path)
    first, out_a, _ = run("desk-econ", "desk-intl", "-f", "json", cwd=root)
    second, out_b, _ = run("desk-intl", "desk-econ", "-f", "json", cwd=root)
    assert first == second == ExitCode.FINDINGS  # desk-intl fails on its warning, in either order
    summary = json.loads(out_a)["summary"]
    assert summary == json.loads(out_b)["summary"]
    every, out, _ = run(".", "-f", "json", cwd=root)
    assert every == ExitCode.FINDINGS
    paths = [f["path"] for f in json.loads(out)["files"]]
    assert not any("drafts" in p for p in paths)  # the desk's exclude holds in a walk from the root
    b = next(f for f in json.loads(out)["files"] if f["path"].endswith("b.txt"))
    twd = next(f for f in b["findings"] if f.get("source") and "台湾ドル" in f["source"]["text"])
    assert twd["status"] == "ok"  # at the desk's own TWD rate
    assert twd["rate"]["value"] == "4.8"


def test_a_desks_exclude_holds_for_files_named_one_by_one(tmp_path: Path) -> None:
    root = monorepo(tmp_path)
    code, out, _ = run("desk-econ/articles/a.txt", "desk-intl/drafts/draft.txt", "-f", "json", cwd=root)
    assert [f["path"] for f in json.loads(out)["files"]] == ["desk-econ/articles/a.txt"]
    assert code == 0


def test_the_root_configuration_does_not_reach_into_a_desk_with_its_own(tmp_path: Path) -> None:
    root = monorepo(tmp_path)
    (root / ".figcheck.toml").write_text('fail-on = "never"\nrate = {TWD = "9"}\n', encoding="utf-8")
    code, out, _ = run(".", "-f", "json", cwd=root)
    assert code == ExitCode.FINDINGS  # the desk's fail-on = "warning", not the root's "never"
    b = next(f for f in json.loads(out)["files"] if f["path"].endswith("b.txt"))
    assert all(f["rate"] is None or f["rate"]["value"] != "9" for f in b["findings"])  # nearest whole, not merged
    code, _, _ = run(".", "--config", ".figcheck.toml", cwd=root)
    assert code == 0  # --config: one configuration for every file


# -- --changed-since that CI can trust -------------------------------------------------------------

WRONG = "2025年10月28日\n日本は5500億ドル（約90兆円）を投資する。\n"
RIGHT = "2025年10月28日\n日本は5500億ドル（約84兆円）を投資する。\n"


needs_git = pytest.mark.skipif(__import__("shutil").which("git") is None, reason="git is not installed")


@needs_git
def test_changed_since_diffs_against_the_merge_base(tmp_path: Path) -> None:
    repo = repository(tmp_path / "r")
    (repo / "articles" / "others.txt").write_text(WRONG, encoding="utf-8")
    commit(repo, "base")
    git(repo, "checkout", "-qb", "feature")
    (repo / "articles" / "mine.txt").write_text(RIGHT, encoding="utf-8")
    commit(repo, "mine")
    git(repo, "checkout", "-q", "main")
    (repo / "articles" / "others.txt").write_text(RIGHT, encoding="utf-8")  # main fixes it after the branch point
    git(repo, "commit", "-qam", "fix others")
    git(repo, "checkout", "-q", "feature")
    code, out, _ = run("--changed-since", "main", "articles", "-f", "json", "--no-config", cwd=repo)
    assert [Path(f["path"]).name for f in json.loads(out)["files"]] == ["mine.txt"]  # REF...HEAD, as a PR shows
    assert code == 0


@needs_git
def test_changed_since_with_a_path_that_is_not_there_is_an_error(tmp_path: Path) -> None:
    repo = repository(tmp_path / "r")
    (repo / "articles" / "a.txt").write_text(RIGHT, encoding="utf-8")
    commit(repo, "a")
    code, _, err = run("--changed-since", "HEAD", "nowhere/", cwd=repo)
    assert code == ExitCode.ERROR
    assert "nowhere/: no such file" in err
    assert run("nowhere/", cwd=repo)[0] == ExitCode.ERROR  # the same without the flag


@needs_git
def test_changed_since_in_a_shallow_clone_says_how_to_fix_it(tmp_path: Path) -> None:
    origin = repository(tmp_path / "r")
    for i in range(3):
        (origin / "articles" / f"{i}.txt").write_text(RIGHT, encoding="utf-8")
        commit(origin, f"c{i}")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", str(clone))
    code, _, err = run("--changed-since", "origin/feature", "articles", cwd=clone)
    assert code == ExitCode.ERROR
    assert err.count("\n") == 1  # one line
    assert "shallow" in err
    assert "fetch-depth: 0" in err


# -- globs with gitignore's semantics, and ignore files --------------------------------------------


@pytest.mark.parametrize(
    ("path", "patterns", "matched"),
    [
        ("articles/drafts/a.md", ("articles/{drafts,tmp}/**",), True),  # braces
        ("articles/tmp/b.txt", ("articles/{drafts,tmp}/**",), True),
        ("articles/final/b.txt", ("articles/{drafts,tmp}/**",), False),
        ("_memo.txt", ("[_]*.txt",), True),  # a character class
        ("memo.txt", ("[_]*.txt",), False),
        ("desk/notes/x.md", ("*.md", "!desk/notes/*"), False),  # negation
        ("desk/a.md", ("*.md", "!desk/notes/*"), True),
        ("deep/er/a.md", ("*.md",), True),  # no slash: at any depth, as in .gitignore
        ("a/drafts/x.md", ("drafts/**",), False),  # a slash: anchored at the configuration's folder
    ],
)
def test_globs_read_as_gitignore_reads_them(path: str, patterns: tuple[str, ...], matched: bool) -> None:
    from figcheck.inputs import glob_matches

    assert glob_matches(path, patterns) is matched


IGNORE_RULES = [
    ("build/", "*.pyc", "!keep.pyc"),
    ("articles/tmp/", "old/", "d.txt"),
    ("*.md", "!desk/notes/*", "desk/notes/keep.md"),
    ("**/drafts/**", "!**/drafts/final.txt"),
    ("/top.txt", "[_]*.txt", "a?c.txt", "\\#hash.txt", "name\\ .txt"),
    ("logs/", "!logs/important.txt"),  # git cannot re-include in an excluded folder; pathspec decides
    ("# a comment", "", "!only-negation.txt"),
]
IGNORE_PATHS = [
    "./build/a.txt",  # pathspec normalizes these five before matching; so must the gate
    "/top.txt",
    "./top.txt",
    "//x.pyc",
    "./desk/notes/x.md",
    "a.txt",
    "build/a.txt",
    "src/build/x.md",
    "buildings/a.txt",
    "x.pyc",
    "keep.pyc",
    "deep/keep.pyc",
    "articles/tmp/b.txt",
    "articles/old/c.txt",
    "old/c.txt",
    "d.txt",
    "articles/d.txt",
    "dd.txt",
    "desk/notes/x.md",
    "desk/notes/keep.md",
    "desk/a.md",
    "a.md",
    "x/drafts/y.txt",
    "drafts/final.txt",
    "x/drafts/final.txt",
    "top.txt",
    "sub/top.txt",
    "_memo.txt",
    "memo.txt",
    "abc.txt",
    "abbc.txt",
    "#hash.txt",
    "name .txt",
    "logs/a.txt",
    "logs/important.txt",
    "only-negation.txt",
    "日本/記事.txt",
]


@pytest.mark.parametrize("rules", IGNORE_RULES)
def test_the_ignore_gate_answers_as_pathspec_does(rules: tuple[str, ...]) -> None:
    from figcheck.inputs import _Gated, _spec

    spec = _spec(rules)
    gated = _Gated(spec)
    if any(line and not line.startswith(("#", "!")) for line in rules):
        assert gated.gate is not None  # the fast path is taken for ordinary rules
    for path in IGNORE_PATHS:
        assert gated.match_file(path) is bool(spec.match_file(path)), path


def test_the_ignore_gate_stands_aside_for_a_spec_of_another_shape() -> None:
    from figcheck.inputs import _Gated

    class Other:  # no .patterns: every path is the spec's to answer
        def match_file(self, path: str) -> bool:
            return path.endswith(".tmp")

    gated = _Gated(Other())
    assert gated.gate is None
    assert gated.match_file("a.tmp") is True
    assert gated.match_file("a.txt") is False


def test_a_walk_honours_gitignore_and_figcheckignore(tmp_path: Path) -> None:
    root = tmp_path / "news"
    (root / ".git").mkdir(parents=True)
    (root / "articles" / "tmp").mkdir(parents=True)
    (root / "articles" / "old").mkdir()
    for name in ("articles/a.txt", "articles/tmp/b.txt", "articles/old/c.txt", "articles/d.txt"):
        (root / name).write_text(WRONG, encoding="utf-8")
    (root / ".gitignore").write_text("articles/tmp/\n", encoding="utf-8")
    (root / "articles" / ".figcheckignore").write_text("old/\nd.txt\n", encoding="utf-8")
    code, out, _ = run("articles", "-f", "json", "--no-config", "--rate", "USD=153", cwd=root)
    assert [f["path"] for f in json.loads(out)["files"]] == ["articles/a.txt"]
    assert code == 1
    code, out, _ = run("articles/d.txt", "-f", "json", "--no-config", "--rate", "USD=153", cwd=root)
    assert [f["path"] for f in json.loads(out)["files"]] == ["articles/d.txt"]  # named: checked


def test_a_pattern_that_matches_nothing_is_a_warning(tmp_path: Path) -> None:
    root = tmp_path / "news"
    (root / ".git").mkdir(parents=True)
    (root / "articles").mkdir()
    (root / "articles" / "a.txt").write_text(RIGHT, encoding="utf-8")
    (root / ".figcheck.toml").write_text('exclude = ["artcles/drafts/**", "articles/a.txt"]\n', encoding="utf-8")
    code, _, err = run(".", cwd=root)
    assert "the pattern 'artcles/drafts/**' matches no file" in err
    assert "'articles/a.txt' matches no file" not in err
    assert code == 0


# -- Markdown through markdown-it-py ---------------------------------------------------------------

MD_WRONG = "日本は5500億ドル（約90兆円）を投資する。"


@pytest.mark.parametrize(
    ("markdown", "checked"),
    [
        (f"- 見出しの項目\n\n    {MD_WRONG}\n", True),  # a paragraph indented inside a list item is prose
        (f"1. 項目\n   {MD_WRONG}\n", True),  # a list item's lazy continuation
        (f"> {MD_WRONG}\n", True),  # a block quote
        (f"## {MD_WRONG}\n", True),  # a heading
        (f"| 国 | 額 |\n| --- | --- |\n| 日本 | {MD_WRONG} |\n", True),  # a table cell
        (f"本文。\n\n    {MD_WRONG}\n", False),  # an indented code block
        (f"```\n{MD_WRONG}\n```\n", False),  # a fenced one
        (f"<pre>\n{MD_WRONG}\n</pre>\n", False),  # an HTML block
        (f"<div>\n{MD_WRONG}\n</div>\n", False),
        (f"本文は `{MD_WRONG}` のとおり。\n", False),  # a code span
        (f"<!-- {MD_WRONG} -->\n", False),  # a comment
    ],
)
def test_markdown_prose_is_what_commonmark_parses_as_prose(markdown: str, checked: bool) -> None:
    from decimal import Decimal

    from figcheck.check import CheckOptions
    from figcheck.pipeline import check_text

    text = "---\ndate: 2025-10-28\n---\n\n" + markdown
    report = check_text(text, path="a.md", rates={}, options=CheckOptions(rates={"USD": Decimal(153)}))
    assert bool([f for f in report.findings if f.status == "mismatch"]) is checked
    assert report.dated is not None
    assert report.dated.on == dt.date(2025, 10, 28)  # the front matter is still read


@pytest.mark.parametrize("name", ["a.markdown", "b.mdx", "c.MD"])
def test_markdown_suffixes_are_walked_and_read_as_markdown(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text(f"2025-10-28\n\n```\n{MD_WRONG}\n```\n\n{MD_WRONG}\n", encoding="utf-8")
    code, out, _ = run(str(tmp_path), "-f", "json", "--no-config", "--rate", "USD=153")
    (file,) = json.loads(out)["files"]
    assert [f["line"] for f in file["findings"]] == [7]  # the fenced one is not checked
    assert code == 1


def test_plain_text_takes_the_same_inline_disable(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        f"2025年10月28日\n<!-- figcheck-disable-next-line conversion -->\n{MD_WRONG}\n{MD_WRONG}\n", encoding="utf-8"
    )
    code, out, _ = run(str(article), "-f", "json", "--no-config", "--rate", "USD=153")
    assert [f["line"] for f in json.loads(out)["files"][0]["findings"]] == [4]
    assert code == 1


def test_a_folder_named_on_the_command_line_is_checked_even_if_ignored(tmp_path: Path) -> None:
    root = tmp_path / "news"
    (root / ".git").mkdir(parents=True)
    (root / "bench" / "archive" / "tmp").mkdir(parents=True)
    (root / "bench" / "archive" / "a.txt").write_text(WRONG, encoding="utf-8")
    (root / "bench" / "archive" / "tmp" / "b.txt").write_text(WRONG, encoding="utf-8")
    (root / ".gitignore").write_text("bench/archive/\nbench/archive/tmp/\n", encoding="utf-8")
    code, out, _ = run("bench/archive", "-f", "json", "--no-config", "--rate", "USD=153", cwd=root)
    assert [f["path"] for f in json.loads(out)["files"]] == ["bench/archive/a.txt"]  # tmp/ is still ignored
    assert code == 1
    _code, out, _ = run(".", "-f", "json", "--no-config", cwd=root)
    assert json.loads(out)["files"] == []  # from the root, the ignored folder is ignored
