"""Every figcheck command in docs/ci.md runs, against a sample editorial repository."""

from __future__ import annotations

import json
import os
import shlex
from pathlib import Path

from typer.testing import CliRunner

from figcheck.cli import app

DOC = Path(__file__).resolve().parent.parent / "docs" / "ci.md"


def commands() -> list[str]:
    """The ``figcheck`` commands of the doc's ``sh`` blocks (the part before a pipe)."""
    out, in_sh = [], False
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            in_sh = line.strip() == "```sh"
            continue
        if in_sh and line.startswith("figcheck "):
            out.append(line.split(" | ")[0])
    return out


def test_doc_has_the_ci_commands() -> None:
    joined = "\n".join(commands())
    for needed in ("--format github", "--format sarif", "--format rdjsonl", "--write-baseline", "--baseline"):
        assert needed in joined
    assert "pre-commit try-repo" in DOC.read_text(encoding="utf-8")  # run by tests/test_ci.py


def test_doc_commands_run_in_order(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.md").write_text(
        "2025-10-28\n\n日本は5500億ドル（約85兆円）を投じる。\n", encoding="utf-8"
    )
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        for command in commands():  # in the doc's order: the baseline is written before it is read
            result = CliRunner().invoke(app, shlex.split(command)[1:])
            check(command, result.exit_code, result.stdout, result.stderr, tmp_path)
    finally:
        os.chdir(old)


def check(command: str, code: int, stdout: str, stderr: str, tmp_path: Path) -> None:
    """What each documented command must do."""
    assert code in (0, 1), (command, stderr)
    if "--fail-on never" in command or "-baseline" in command:
        assert code == 0, command
    if "--format sarif" in command:
        assert json.loads((tmp_path / "figcheck.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    if "--format github" in command:
        assert stdout.startswith("::error file=articles/a.md,line=3,col=4,")
    if "--format rdjsonl" in command:
        assert json.loads(stdout.splitlines()[0])["source"] == {"name": "figcheck"}
