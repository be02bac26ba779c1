"""Every figcheck command in docs/ci.md runs, against a sample editorial repository."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shlex
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from figcheck.cli import app
from tests.common import serving

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


def test_doc_installs_from_the_repository_and_names_a_real_hook_repository() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert "pip install figcheck\n" not in text  # not on PyPI
    assert 'pip install "figcheck @ git+https://github.com/figcheck/figcheck@v0.1.0"' in text
    assert "example.org" not in text
    assert "repo: https://github.com/figcheck/figcheck" in text
    for needed in ("GitLab CI", "Any shell", "actions/cache", "FIGCHECK_DATA_DIR", "fetch-depth: 0"):
        assert needed in text
    joined = "\n".join(commands())
    assert "figcheck rates update" in joined
    assert "figcheck rates status" in joined


@contextmanager
def ecb_server(days: int = 3) -> Iterator[str]:
    """A rate server on 127.0.0.1 with the ECB's zip of the last ``days`` days; stopped on exit."""
    today = dt.date.today()
    rows = [f"{today - dt.timedelta(days=i)},1.1600,178.50," for i in range(1, days + 1)]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("eurofxref-hist.csv", "Date,USD,JPY,\n" + "\n".join(rows) + "\n")
    body = buffer.getvalue()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/zip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    with serving(ThreadingHTTPServer(("127.0.0.1", 0), Handler)) as base:
        yield f"{base}/eurofxref-hist.zip"


def test_doc_commands_run_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIGCHECK_DATA_DIR", str(tmp_path / ".figcheck-data"))
    (tmp_path / ".git").mkdir()
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.md").write_text(
        "2025-10-28\n\n日本は5500億ドル（約85兆円）を投じる。\n", encoding="utf-8"
    )
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        with ecb_server() as url:
            for command in commands():  # in the doc's order: the baseline is written before it is read
                args = shlex.split(command)[1:]
                if args[:2] == ["rates", "update"]:
                    args += ["--url", url, "--retries", "0", "--timeout", "5"]  # the local server, not the ECB
                result = CliRunner().invoke(app, args)
                check(command, result.exit_code, result.stdout, result.stderr, tmp_path)
        assert (tmp_path / ".figcheck-data" / "rates.csv").is_file()  # updated there, not in the package
    finally:
        os.chdir(old)


def check(command: str, code: int, stdout: str, stderr: str, tmp_path: Path) -> None:
    """What each documented command must do."""
    assert code in (0, 1), (command, stderr)
    if command.startswith(("figcheck rates update", "figcheck rates status")):
        assert code == 0, (command, stderr)  # fresh rates fetched, so the status passes
        return
    if "--fail-on never" in command or "-baseline" in command:
        assert code == 0, command
    if "--format sarif" in command:
        assert json.loads((tmp_path / "figcheck.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    if "--format github" in command:
        assert stdout.startswith("::error file=articles/a.md,line=3,col=4,")
    if "--format rdjsonl" in command:
        assert json.loads(stdout.splitlines()[0])["source"] == {"name": "figcheck"}
