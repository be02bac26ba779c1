"""Running in an editorial repository: configuration, Markdown, baselines, exit codes, git, pre-commit."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from figcheck.cli import app
from figcheck.config import load
from figcheck.errors import ConfigError
from tests.common import commit, git, repository

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent

WRONG = "2025-10-28\n日本は5500億ドル（約85兆円）を投じる。\n"
RIGHT = "2025-10-28\n日本は5500億ドル（約84兆円）を投じる。\n"


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    old = Path.cwd()
    if cwd:
        os.chdir(cwd)
    try:
        result = runner.invoke(app, list(args), env=env)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()  # the repository root, for the configuration search
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "wrong.txt").write_text(WRONG, encoding="utf-8")
    (tmp_path / "articles" / "right.txt").write_text(RIGHT, encoding="utf-8")
    return tmp_path


def test_config_file_is_found_upward_and_applied(repo: Path) -> None:
    (repo / ".figcheck.toml").write_text('rate = {USD = "100"}\nfail-on = "never"\n', encoding="utf-8")
    code, out, _ = run("articles/right.txt", "-f", "json", cwd=repo)
    assert code == 0  # fail-on never
    (finding,) = json.loads(out)["files"][0]["findings"]
    # The configured rate is used (an option: it beats the table, not the article's own rate).
    assert (finding["status"], finding["rate"]["origin"], finding["suggestion"]) == ("mismatch", "option", "約55兆円")


def test_pyproject_section(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[tool.figcheck]\nexclude = ["articles/wrong.txt"]\n', encoding="utf-8")
    code, out, _ = run("articles", "-f", "json", cwd=repo)
    assert code == 0
    assert [Path(f["path"]).name for f in json.loads(out)["files"]] == ["right.txt"]
    code, _, _ = run("articles", "--no-config", cwd=repo)
    assert code == 1


def test_the_search_for_each_folder_of_a_run_finds_what_a_search_alone_finds(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from figcheck import config

    (repo / "pyproject.toml").write_text('[project]\nname = "news"\n', encoding="utf-8")  # not figcheck's
    for folder in ("a/b/c", "a/d", "e/f", "g"):
        (repo / folder).mkdir(parents=True)
    (repo / "a" / ".figcheck.toml").write_text('fail-on = "never"\n', encoding="utf-8")
    (repo / "e" / "pyproject.toml").write_text("[tool.figcheck]\n", encoding="utf-8")
    (repo / "g" / ".git").mkdir()  # a repository of its own: its search stops there
    folders = [repo / f for f in ("a/b/c", "a/b", "a/d", "a", "e/f", "e", "g", "articles", ".")]
    alone = {f: config.find(f) for f in folders}
    assert alone[repo / "a/b/c"] == repo / "a" / ".figcheck.toml"
    assert alone[repo / "e/f"] == repo / "e" / "pyproject.toml"
    assert alone[repo / "g"] is None
    assert alone[repo / "articles"] is None
    parsed: list[Path] = []
    real = config._has_figcheck_table
    monkeypatch.setattr(config, "_has_figcheck_table", lambda p: parsed.append(p) or real(p))
    for order in (folders, folders[::-1]):
        memo: dict[Path, Path | None] = {}
        parsed.clear()
        assert {f: config.find(f, memo) for f in order} == alone
        assert len(parsed) == len(set(parsed))  # each pyproject.toml read once a run


def test_a_search_started_at_home_is_not_what_a_search_from_below_home_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from figcheck import config

    home = tmp_path / "home"
    (home / "desk").mkdir(parents=True)
    (home / ".figcheck.toml").write_text("", encoding="utf-8")
    monkeypatch.setattr(config, "_home", lambda: home.resolve())
    memo: dict[Path, Path | None] = {}
    assert config.find(home, memo) == home / ".figcheck.toml"  # checking in home reads its file
    assert config.find(home / "desk", memo) is None  # below home, home's file is no project's
    assert config.find(home, memo) == home / ".figcheck.toml"


def test_command_line_wins_over_config(repo: Path) -> None:
    (repo / ".figcheck.toml").write_text('fail-on = "never"\nformat = "json"\n', encoding="utf-8")
    code, out, _ = run("articles/wrong.txt", cwd=repo)
    assert code == 0
    assert json.loads(out)["summary"]["mismatch"] == 1
    code, out, _ = run("articles/wrong.txt", "--fail-on", "error", "-f", "concise", cwd=repo)
    assert code == 1
    assert out.startswith("articles/wrong.txt:2:4: error [conversion]")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("colour = 1\n", "key 'colour': unknown key"),
        ('fail-on = "sometimes"\n', "key 'fail-on': want one of error, warning, info, never"),
        ('rate = {USD = "lots"}\n', "key 'rate': USD = 'lots'"),
        ('rate = {"ドル円" = "153"}\n', "key 'rate': ドル円 = '153'"),  # not an ISO code (was taken as one)
        ("tolerance = 2\n", "key 'tolerance'"),
        ('reference-window = "30 days"\n', "key 'reference-window': want a whole number of days 0–366"),
        ("reference-window = 1.5\n", "key 'reference-window'"),
        ('severity = {typo = "error"}\n', "key 'severity': unknown rule 'typo'"),
        ('date = "yesterday"\n', "key 'date'"),
        ("rate = \n", "not valid TOML"),
    ],
)
def test_bad_config_is_one_line_exit_2(repo: Path, content: str, message: str) -> None:
    (repo / ".figcheck.toml").write_text(content, encoding="utf-8")
    code, _, err = run("articles", cwd=repo)
    assert code == 2
    assert err.count("\n") == 1
    assert ".figcheck.toml" in err
    assert message in err
    with pytest.raises(ConfigError):
        load(repo / ".figcheck.toml")


# The yen weakened from 147 to 153 in October 2025; the article converts at the 1st's rate.
EARLY_RATE = "2025-10-31\n同社は10億ドル（約1470億円）を投じる。\n"
OCTOBER = (
    "date,base,quote,rate,kind,source\n2025-10-01,USD,JPY,147,reference,ECB\n2025-10-31,USD,JPY,153,reference,ECB\n"
)


@pytest.mark.parametrize(
    ("config", "args", "status"),
    [
        ("", [], "ok"),  # the default window, 30 days, holds the 1st's rate
        ("reference-window = 0\n", [], "mismatch"),
        ("reference-window = 0\n", ["--reference-window", "30"], "ok"),  # the command line wins
        ("", ["--reference-window", "0"], "mismatch"),
    ],
)
def test_reference_window_setting(repo: Path, config: str, args: list[str], status: str) -> None:
    (repo / ".figcheck.toml").write_text(config, encoding="utf-8")
    (repo / "rates.csv").write_text(OCTOBER, encoding="utf-8")
    (repo / "articles" / "early.txt").write_text(EARLY_RATE, encoding="utf-8")
    _, out, _ = run("articles/early.txt", "--rates", "rates.csv", "-f", "json", *args, cwd=repo)
    (finding,) = json.loads(out)["files"][0]["findings"]
    assert finding["status"] == status


def test_severity_and_fail_on(repo: Path) -> None:
    (repo / ".figcheck.toml").write_text('severity = {conversion = "warning"}\n', encoding="utf-8")
    code, out, _ = run("articles/wrong.txt", "-f", "json", cwd=repo)
    assert code == 0  # a warning does not fail at the default level
    assert json.loads(out)["files"][0]["findings"][0]["severity"] == "warning"
    assert run("articles/wrong.txt", "--fail-on", "warning", cwd=repo)[0] == 1
    assert run("articles/wrong.txt", "--fail-on", "never", cwd=repo)[0] == 0
    assert run("articles/wrong.txt", "--fail-on", "often", cwd=repo)[0] == 2


def test_unverifiable_is_info(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("日本は5500億ドル（約85兆円）を投じる。", encoding="utf-8")
    assert run(str(article), "--no-config")[0] == 0
    assert run(str(article), "--no-config", "--fail-on", "info")[0] == 1


def test_output_file_is_written_and_exit_code_kept(repo: Path) -> None:
    out_file = repo / "report.sarif"
    code, out, _ = run("articles/wrong.txt", "-f", "sarif", "-o", str(out_file), cwd=repo)
    assert code == 1
    assert out == ""
    assert json.loads(out_file.read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_output_into_a_missing_folder_is_one_line(repo: Path) -> None:
    target = repo / "no-such-folder" / "report.sarif"
    code, out, err = run("articles/wrong.txt", "-f", "sarif", "-o", str(target), cwd=repo)
    assert code == 2
    assert out == ""
    assert err.strip().splitlines() == [f"figcheck: error: {target}: cannot write: No such file or directory"]
    assert not target.parent.exists()


def test_markdown_code_and_comments(tmp_path: Path) -> None:
    doc = tmp_path / "a.md"
    doc.write_text(
        "---\ndate: 2025-10-28\n---\n"
        "`5500億ドル（約85兆円）`\n\n"
        "```\n5500億ドル（約85兆円）\n```\n\n"
        "<!-- figcheck-disable-next-line -->\n日本は5500億ドル（約85兆円）。\n\n"
        "米国は100億ドル（約1兆6000億円）。\n",
        encoding="utf-8",
    )
    code, out, _ = run(str(doc), "-f", "json", "--no-config")
    assert code == 1
    findings = json.loads(out)["files"][0]["findings"]
    assert [(f["line"], f["status"], f["rate"]["date"]) for f in findings] == [(13, "mismatch", "2025-10-28")]


def test_baseline_reports_only_new_findings(repo: Path) -> None:
    base = repo / "baseline.json"
    code, _, _ = run("articles", "--write-baseline", str(base), cwd=repo)
    assert code == 0
    assert json.loads(base.read_text(encoding="utf-8"))["findings"][0]["rule"] == "conversion"
    assert run("articles", "--baseline", str(base), cwd=repo)[0] == 0
    # Edits elsewhere keep the old finding silenced; a new wrong figure is reported.
    (repo / "articles" / "wrong.txt").write_text(
        "前書き\n" + WRONG + "米国は100億ドル（約1兆6000億円）。\n", encoding="utf-8"
    )
    code, out, _ = run("articles", "--baseline", str(base), "-f", "json", cwd=repo)
    assert code == 1
    (new,) = [f for file in json.loads(out)["files"] for f in file["findings"] if f["status"] == "mismatch"]
    assert new["stated"]["text"] == "約1兆6000億円"
    base.write_text("{not json", encoding="utf-8")
    code, _, err = run("articles", "--baseline", str(base), cwd=repo)
    assert (code, "not a figcheck baseline" in err) == (2, True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_changed_since(tmp_path: Path) -> None:
    repo = repository(tmp_path / "r")
    (repo / "articles" / "old.txt").write_text(WRONG, encoding="utf-8")
    commit(repo, "old")
    (repo / "articles" / "new.txt").write_text(RIGHT, encoding="utf-8")
    code, out, _ = run("--changed-since", "HEAD", "articles", "-f", "json", cwd=repo)
    assert code == 0
    assert [Path(f["path"]).name for f in json.loads(out)["files"]] == ["new.txt"]
    code, _, err = run("--changed-since", "no-such-ref", "articles", cwd=repo)
    assert code == 2
    assert "--changed-since no-such-ref" in err
    code, _, err = run("--changed-since", "HEAD", ".", cwd=tmp_path)
    assert code == 2
    assert "not a git repository" in err.lower()


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.slow  # builds the hook's environment: half the suite's time
def test_pre_commit_hook(tmp_path: Path) -> None:
    if (
        shutil.which("pre-commit") is None
        and subprocess.run(
            [sys.executable, "-m", "pre_commit", "--version"], capture_output=True, check=False
        ).returncode
        != 0
    ):
        pytest.skip("pre-commit cannot be installed here")
    if not (ROOT / ".git").exists():
        pytest.skip("the figcheck checkout is not a git repository (try-repo needs one)")
    repo = tmp_path / "articles"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "wrong.txt").write_text(WRONG, encoding="utf-8")
    (repo / "notes.csv").write_text(WRONG, encoding="utf-8")
    git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    cmd = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "figcheck", "--all-files"]

    def try_repo() -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(cmd, cwd=repo, env=env, capture_output=True, text=True, check=False, timeout=600)
        if proc.returncode == 3:  # pre-commit's own failure: building the hook's venv from the registry
            pytest.skip("pre-commit could not set up the hook's environment: " + proc.stdout.strip()[-300:])
        return proc

    proc = try_repo()
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "wrong.txt:2:4: " in proc.stdout or "約85兆円 does not hold" in proc.stdout
    (repo / "wrong.txt").write_text(RIGHT, encoding="utf-8")
    proc = try_repo()
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_github_format_is_automatic_under_actions(repo: Path) -> None:
    code, out, _ = run("articles/wrong.txt", cwd=repo, env={"GITHUB_ACTIONS": "true"})
    assert code == 1
    assert out.startswith("::error file=articles/wrong.txt,line=2,col=4,")
    assert out.splitlines()[-1].startswith("figcheck: 1 file, 1 conversion: 0 ok, 1 mismatch")


def test_explicit_config_file(repo: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere.toml"
    other.write_text('fail-on = "never"\n', encoding="utf-8")
    assert run("articles/wrong.txt", "--config", str(other), cwd=repo)[0] == 0
    code, _, err = run("articles/wrong.txt", "--config", str(tmp_path / "none.toml"), cwd=repo)
    assert code == 2
    assert "none.toml: no such file (configuration)" in err
