"""The command line through typer's CliRunner: exit codes, streams, options, formats."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from figcheck.cli import ExitCode, app
from figcheck.rates import HEADER
from tests.conftest import EXAMPLE

runner = CliRunner()


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def findings(stdout: str) -> list[dict[str, object]]:
    doc = json.loads(stdout)
    return [f for file in doc["files"] for f in file["findings"]]


def test_exit_codes_are_pinned() -> None:
    assert [int(c) for c in ExitCode] == [0, 1, 2, 130]


def test_shipped_example_holds() -> None:
    code, out, err = run(str(EXAMPLE))
    assert code == 0, err
    assert "2 conversions: 2 ok, 0 mismatch" in out
    assert "84兆1500億円" in out
    assert "\x1b[" not in out  # not a terminal: no colour


def test_shipped_example_json() -> None:
    code, out, _ = run(str(EXAMPLE), "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["summary"] == {
        "files": 1,
        "conversions": 2,
        "ok": 2,
        "mismatch": 0,
        "unverifiable": 0,
        "warnings": 0,
        "unreadable": 0,
    }
    first, second = doc["files"][0]["findings"]
    assert first["text"] == "5500億ドル約84兆円"
    assert first["rate"]["origin"] == "article"
    assert first["rate"]["date"] == "2025-10-28"
    assert second["stated"]["text"] == "約1兆5300億円"


def test_wrong_figure_is_a_mismatch_at_its_place(tmp_path: Path) -> None:
    article = tmp_path / "bad.txt"
    article.write_text(EXAMPLE.read_text(encoding="utf-8").replace("約84兆円", "約85兆円"), encoding="utf-8")
    code, out, _ = run(str(article), "-f", "json")
    assert code == ExitCode.FINDINGS
    (bad,) = [f for f in findings(out) if f["status"] == "mismatch"]
    lines = article.read_text(encoding="utf-8").splitlines()
    line_no = next(i for i, line in enumerate(lines, 1) if "約85兆円" in line)
    column = lines[line_no - 1].index("5500億ドル") + 1
    assert (bad["line"], bad["column"]) == (line_no, column)
    assert bad["suggestion"] == "約84兆円"
    code, out, _ = run(str(article))
    assert code == 1
    lines = out.splitlines()
    shown = next(i for i, line in enumerate(lines) if "約85兆円" in line and " | " in line)
    sentence, caret = lines[shown], lines[shown + 1]
    # the caret sits under the written figure, measured in terminal cells (Japanese is two wide)
    from rich.cells import cell_len

    before = sentence[: sentence.index("約85兆円")]
    assert caret.index("^") == cell_len(before)
    assert caret.count("^") == cell_len("約85兆円")
    assert any(line.split() == ["suggested", "約84兆円"] for line in lines)


def test_without_footnote_checked_against_table(tmp_path: Path) -> None:
    text = "\n".join(line for line in EXAMPLE.read_text(encoding="utf-8").splitlines()[1:] if not line.startswith("※"))
    article = tmp_path / "nofoot.txt"
    article.write_text(text, encoding="utf-8")
    code, out, _ = run(str(article), "-f", "json")
    assert code == 0
    assert [f["status"] for f in findings(out)] == ["unverifiable", "unverifiable"]
    code, out, _ = run(str(article), "-f", "json", "--date", "2025-10-28")
    assert code == 0
    assert [(f["status"], f["rate"]["origin"], f["rate"]["value"]) for f in findings(out)] == [
        ("ok", "table", "153"),
        ("ok", "table", "153"),
    ]
    code, out, _ = run(str(article), "-f", "json", "--rate", "USD=120")
    assert code == 1
    assert {f["rate"]["origin"] for f in findings(out)} == {"option"}


def test_stdin() -> None:
    code, out, _ = run("-", "--rate", "usd=153", "-f", "json", input="日本は5500億ドル（約84兆円）を投じる。\n")
    assert code == 0
    doc = json.loads(out)
    assert doc["files"][0]["path"] == "<stdin>"
    assert doc["summary"]["ok"] == 1


def test_directory_is_walked_for_txt_and_md(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("5500億ドル（約84兆円）", encoding="utf-8")
    (tmp_path / "two.md").write_text("100億ドル（約1兆5300億円）", encoding="utf-8")
    (tmp_path / "skip.csv").write_text("5500億ドル（約99兆円）", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02")
    code, out, _ = run(str(tmp_path), "--rate", "USD=153", "-f", "json")
    assert code == 0
    doc = json.loads(out)
    paths = [Path(f["path"]).name for f in doc["files"]]
    assert paths == ["one.txt", "bin.txt", "two.md"]
    assert "skipped" in doc["files"][1]
    assert doc["summary"]["ok"] == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.txt"], "missing.txt: no such file"),
        (["--bogus", "x.txt"], "No such option: --bogus"),
        ([str(EXAMPLE), "--rate", "USD"], "--rate 'USD': want CUR=VALUE"),
        ([str(EXAMPLE), "--rate", "USD=-3"], "--rate 'USD=-3'"),
        ([str(EXAMPLE), "--rate", "ドル円=153"], "--rate 'ドル円=153'"),  # not an ISO code (was taken as one)
        ([str(EXAMPLE), "--tolerance", "1.5"], "--tolerance '1.5'"),
        ([str(EXAMPLE), "--reference-window", "-3"], "--reference-window '-3': want a whole number of days"),
        ([str(EXAMPLE), "--reference-window", "a month"], "--reference-window 'a month'"),
        ([str(EXAMPLE), "--reference-window", "400"], "--reference-window '400'"),
        ([str(EXAMPLE), "--date", "28/10/2025"], "--date '28/10/2025': want a date as YYYY-MM-DD"),
        ([str(EXAMPLE), "--format", "xml"], "Invalid value for '--format'"),
        ([str(EXAMPLE), "--encoding", "klingon"], "cannot decode as klingon"),
    ],
)
def test_user_errors_are_one_line_exit_2(args: list[str], message: str) -> None:
    code, _, err = run(*args)
    assert code == ExitCode.ERROR
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("figcheck: error: ")
    assert message in lines[0]
    assert "Traceback" not in err


def test_bad_rate_table_names_file_and_line(tmp_path: Path) -> None:
    table = tmp_path / "mine.csv"
    table.write_text(f"{HEADER}\n2025-10-28,USD,JPY,lots,house,desk\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("2025-10-28\n5500億ドル（約84兆円）", encoding="utf-8")
    code, _, err = run(str(article), "--rates", str(table))
    assert code == 2
    assert err.strip() == f"figcheck: error: {table}:2: bad rate 'lots'"


def test_other_rate_table(tmp_path: Path) -> None:
    table = tmp_path / "mine.csv"
    table.write_text(f"{HEADER}\n2025-10-28,USD,JPY,100,house,desk\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("2025-10-28\n5500億ドル（約84兆円）", encoding="utf-8")
    code, out, _ = run(str(article), "--rates", str(table), "-f", "json")
    assert code == 1
    assert findings(out)[0]["suggestion"] == "約55兆円"


def test_missing_file_among_others_still_checks_the_rest() -> None:
    code, out, err = run(str(EXAMPLE), "missing.txt", "-f", "json")
    assert code == 2
    doc = json.loads(out)
    assert doc["summary"]["ok"] == 2
    assert doc["files"][1]["error"] == "missing.txt: no such file"
    assert "missing.txt: no such file" in err


def test_version_and_help() -> None:
    code, out, _ = run("--version")
    assert code == 0
    assert out.startswith("figcheck ")
    code, out, _ = run("--help")
    assert code == 0
    assert "check" in out


@pytest.mark.parametrize("lang", ["C", "ja_JP.UTF-8"])
@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("command", [[], ["check"], ["rates"], ["archive"]])
def test_the_help_fills_the_terminal_up_to_120_columns_and_never_runs_past_it(
    lang: str, columns: int, command: list[str]
) -> None:
    """Measured in columns, not characters: a Japanese character takes two (click counted
    characters, so the Japanese help ran past an 80-column terminal), and click's own cap of 80 cut
    the English summaries short with "..." in a wide terminal."""
    from figcheck.cells import width

    env = {**os.environ, "LC_ALL": lang, "COLUMNS": str(columns)}
    out = subprocess.run(
        [sys.executable, "-m", "figcheck", *command, "--help"], capture_output=True, text=True, env=env, check=True
    ).stdout
    widest = max(width(line) for line in out.splitlines())
    assert widest <= columns, out
    if command == ["check"]:
        assert widest > columns - 12  # its long option descriptions fill the width


def test_python_dash_m() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "figcheck", str(EXAMPLE), "-f", "json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["summary"]["ok"] == 2


def test_no_arguments_prints_the_help() -> None:
    code, _, err = run()
    assert code == 2
    assert err.startswith("Usage: ")
    assert "Commands:" in err
    assert "figcheck: error" not in err


def test_nothing_to_check_is_said(tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")
    code, out, err = run(str(tmp_path), "-f", "json", "--no-config")
    assert code == 0
    assert json.loads(out)["summary"]["files"] == 0
    assert err.strip() == "figcheck: note: no .txt or .md files to check"


@pytest.mark.parametrize(
    ("argv", "whole"),
    [
        ([], True),
        (["--help"], True),
        (["--version"], True),
        (["rules"], True),
        (["rates", "status"], True),
        (["figures", "a.txt"], True),
        (["archive", "a.jsonl"], True),
        (["check", "a.txt"], False),
        (["a.txt"], False),
        (["-f", "json", "a.txt"], False),
        (["rules.txt"], False),
        (["-"], False),
    ],
)
def test_only_a_command_other_than_check_builds_the_whole_command_line(argv: list[str], whole: bool) -> None:
    from figcheck.cli import _names_a_command

    assert _names_a_command(argv) is whole


@pytest.mark.parametrize(
    "rest",
    [
        [str(EXAMPLE), "--no-config", "-f", "json"],
        [str(EXAMPLE), "--no-config"],
        [str(EXAMPLE), "--bogus"],
        ["--help"],
        ["missing.txt", "--no-config"],
        [str(EXAMPLE), "--lang", "ja", "--no-config"],
        [str(EXAMPLE), "--lang", "ja", "--help"],
        [str(EXAMPLE), "--jobs", "0"],
    ],
)
def test_the_check_only_command_line_answers_as_the_whole_one(
    rest: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """``figcheck PATH…`` is served by a command line of the check alone (typer builds less): its
    output, errors, help and exit code are those of ``figcheck check PATH…``."""
    from figcheck.cli import main

    answers = []
    for argv in (rest if rest[0] != "--help" else [str(EXAMPLE), "--help"], ["check", *rest]):
        code = main(list(argv))
        out, err = capsys.readouterr()
        answers.append((code, out, err))
    assert answers[0] == answers[1]


def test_a_walk_lists_files_in_the_order_of_their_paths_part_by_part(tmp_path: Path) -> None:
    """Files of a walk come sorted as paths (folder by folder: ``a/`` before ``a-b/``, though
    ``-`` sorts before ``/`` in a string), with ``.TXT`` and ``.Md`` read, other suffixes not."""
    from figcheck.inputs import expand

    names = [
        "a-b/x.txt",
        "a/x.txt",
        "a/x/y.txt",
        "a/x-y.md",
        "a/b/y.md",
        "a.txt",
        "a b/z.TXT",
        "A/w.Md",
        "a/c.csv",
        "a/.hidden.txt",
        "a/d.",
    ]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("本文", encoding="utf-8")
    found = [t.path for t in expand([str(tmp_path)])]
    wanted = sorted(tmp_path / n for n in names if n.lower().endswith((".txt", ".md")) and "/." not in n)
    assert found == [str(p) for p in wanted]
    assert found.index(str(tmp_path / "a" / "x.txt")) < found.index(str(tmp_path / "a-b" / "x.txt"))
