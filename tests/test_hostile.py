"""Odd and hostile input: encodings, binary and empty files, huge files and lines, CRLF, NUL bytes,
lone surrogates, text crafted against the patterns, Ctrl-C, broken pipes, parallel runs."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from figcheck import runner as runner_module
from figcheck.check import CheckOptions
from figcheck.cli import app
from figcheck.errors import InputError
from figcheck.figures import figures
from figcheck.inputs import Target, decode
from figcheck.pipeline import check_text
from figcheck.scan import scan
from figcheck.scan import spans as scan_spans

ARTICLE = "2025-10-28\n日本は5500億ドル（約85兆円）を投じる。\n"
runner = CliRunner()


def run_json(*args: str) -> tuple[int, dict[str, object], str]:
    result = runner.invoke(app, [*args, "-f", "json", "--no-config", "-j", "1"])
    return result.exit_code, json.loads(result.stdout) if result.stdout.strip() else {}, result.stderr


def findings(doc: dict[str, object]) -> list[dict[str, object]]:
    return [f for file in doc["files"] for f in file["findings"]]  # type: ignore[attr-defined, index]


@pytest.mark.parametrize(
    ("encoding", "data"),
    [
        ("utf-8", ARTICLE.encode("utf-8")),
        ("utf-8-sig", b"\xef\xbb\xbf" + ARTICLE.encode("utf-8")),
        ("utf-16", ARTICLE.encode("utf-16")),  # with BOM
        ("utf-16-be", b"\xfe\xff" + ARTICLE.encode("utf-16-be")),
        ("cp932", ARTICLE.encode("cp932")),
        ("euc_jp", ARTICLE.encode("euc_jp")),
    ],
)
def test_encodings_are_detected(encoding: str, data: bytes, tmp_path: Path) -> None:
    text, _ = decode(data, "a.txt")
    assert text == ARTICLE
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    code, doc, _ = run_json(str(path))
    assert code == 1
    (bad,) = findings(doc)
    assert (bad["line"], bad["column"], bad["suggestion"]) == (2, 4, "約84兆円")


def test_forced_encoding(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode("euc_jp"))
    assert run_json(str(path), "--encoding", "euc_jp")[0] == 1
    code, _, err = run_json(str(path), "--encoding", "utf-8")
    assert code == 2
    assert "cannot decode as utf-8" in err


def test_undecodable_file_is_an_error_others_still_checked(tmp_path: Path) -> None:
    bad = tmp_path / "a_bad.txt"
    bad.write_bytes(b"\x80\x81\xff\xfe\xfd" * 10 + "本文".encode())
    good = tmp_path / "b_good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    code, doc, err = run_json(str(bad), str(good))
    assert code == 2
    assert "a_bad.txt: not UTF-8, Shift_JIS or EUC-JP" in err
    assert doc["summary"]["mismatch"] == 1  # type: ignore[index]


def test_binary_files(tmp_path: Path) -> None:
    (tmp_path / "img.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    code, doc, _ = run_json(str(tmp_path))
    assert code == 1  # the binary file found by the walk is skipped with a note
    assert "binary" in doc["files"][0]["skipped"]  # type: ignore[index]
    code, _, err = run_json(str(tmp_path / "img.txt"))
    assert code == 2  # named explicitly, it is an error
    assert "binary file" in err


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    code, doc, _ = run_json(str(path))
    assert (code, doc["summary"]["files"], findings(doc)) == (0, 1, [])  # type: ignore[index]


def test_crlf_columns(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.replace("\n", "\r\n").encode())
    (bad,) = findings(run_json(str(path))[1])
    assert (bad["line"], bad["column"], bad["end_column"]) == (2, 4, 18)


def test_nul_bytes_after_the_sniffed_head(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(("2025-10-28\n" + "あ" * 5000 + "\n").encode() + b"\x00" + ARTICLE.encode())
    code, doc, _ = run_json(str(path))
    assert code == 1
    assert findings(doc)[0]["suggestion"] == "約84兆円"


def test_lone_surrogates() -> None:
    text = "日本は5500億ドル\ud800（約85兆円）\udfff"
    money = [(m.text, text[m.span.start : m.span.end]) for m in scan(text).money]
    assert money == [("5500億ドル", "5500億ドル"), ("約85兆円", "約85兆円")]
    assert [f.text for f in figures(text).figures] == ["5500億ドル", "85兆円"]
    with pytest.raises(InputError, match="UTF-16"):
        decode(b"\xff\xfe" + "あ".encode("utf-16-le") + b"\x00\xd8", "s.txt")


def test_single_ten_megabyte_line(tmp_path: Path) -> None:
    filler = "両国は重要鉱物の供給網について協議を続けると確認した、"
    body = (filler * 400 + "日本は5500億ドル（約85兆円）を投じ、") * 12
    line = (body * (10_000_000 // len(body.encode()) + 1))[: 10_000_000 // 3]
    path = tmp_path / "line.txt"
    path.write_text("2025-10-28\n" + line, encoding="utf-8")
    code, doc, _ = run_json(str(path))
    assert code == 1
    bad = findings(doc)
    assert all(f["line"] == 2 for f in bad)
    last = bad[-1]
    assert last["column"] == line.rindex("5500億ドル（約85兆円）") + 1


@pytest.mark.slow
def test_two_hundred_megabyte_file(tmp_path: Path) -> None:
    block = ("本文の段落が続く。" * 40 + "\n").encode()
    path = tmp_path / "huge.txt"
    target = 200 * 1024 * 1024
    with path.open("wb") as f:
        f.write(ARTICLE.encode())
        written = 0
        chunk = block * 1000
        while written < target:
            f.write(chunk)
            written += len(chunk)
        f.write("末尾で100億ドル（約1兆6000億円）。\n".encode())
    code, doc, _ = run_json(str(path))
    assert code == 1
    assert [f["suggestion"] for f in findings(doc)] == ["約84兆円", "約1兆5000億円"]


PATHOLOGICAL = {
    "digits": "1" * 1_000_000,
    "digits-then-dollar": ("9" * 60 + "ドル") * 5_000,
    "man-man-man": "万" * 300_000,
    "kanji-run": "一二三四五六七八九十百千" * 25_000,
    "brackets": "（" * 150_000 + "5500億ドル" + "）" * 150_000,
    "yaku": "約" * 1_000_000,
    "yaku-yen": "約" * 1_000_000 + "84兆円",
    "dollars": "ドル" * 150_000,
    "commas": "1," * 150_000,
    "dense-conversions": "5500億ドル（約84兆円）、" * 10_000,
    # A long line of currency words with no 円 (each rate match once read to the end of the text) and
    # countries of two currencies named (each figure once looked back to the start of the line).
    "pounds-no-yen": "エジプトと英国。" + "100ポンド、" * 60_000,
    "pipes": "|" * 1_000_000,
    "table-delimiters": "| 金額 | 円換算 |\n" + "|---|---|\n" * 100_000,
    "table-rows": "| 金額 | 円換算 |\n|---|---|\n" + "| 20億ドル | 約3060億円 |\n" * 20_000,
}


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_crafted_text_finishes(name: str) -> None:
    # 0.3 to 1 million characters each: linear work takes seconds; anything quadratic would not end.
    text = PATHOLOGICAL[name]
    started = time.perf_counter()
    report = check_text(text, path="x.txt", rates={}, options=CheckOptions())
    inventory = figures(text)
    assert time.perf_counter() - started < 20  # measured: 2.5 s at most, check and figures together
    # Linear, not cut short: the time guard never fired, on either path.
    assert not any("took too long" in f.message for f in report.findings)
    assert inventory.incomplete is None


def test_an_anchored_match_never_reads_past_a_sentence() -> None:
    """``regex`` looks for a literal the pattern needs to the end of the text it is given: the
    statements' anchored matches are given a sentence's reach, or a long line is read once a word."""
    seen: list[tuple[int, int]] = []

    class Recording:
        def match(self, text: str, pos: int, endpos: int, timeout: float) -> None:
            seen.append((pos, endpos))

    text = "100ポンド、" * 1000
    scan_spans.match_at(Recording(), text, 8, 32)  # type: ignore[arg-type]
    assert seen == [(8, 8 + scan_spans.SENTENCE_REACH)]


def test_time_guard_reports_unverifiable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scan_spans, "budget", lambda chars: 1e-9)
    report = check_text("5500億ドル（約84兆円）" * 20_000, path="x.txt", rates={}, options=CheckOptions())
    (finding,) = report.findings
    assert finding.status == "unverifiable"
    assert "took too long" in finding.message


def test_time_guard_in_figures_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """``figcheck figures`` on text that trips the guard says the list is incomplete (it used to end
    in a ScanTimeout traceback)."""
    monkeypatch.setattr(scan_spans, "budget", lambda chars: 1e-9)
    inventory = figures("5500億ドル（約84兆円）" * 20_000)
    assert inventory.figures == ()
    assert inventory.incomplete is not None
    assert "took too long" in inventory.incomplete
    article = tmp_path / "a.txt"
    article.write_text("5500億ドル（約84兆円）" * 2_000, encoding="utf-8")
    for fmt in ("json", "text"):
        result = CliRunner().invoke(app, ["figures", str(article), "--format", fmt])
        assert result.exit_code == 0
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "incomplete: " in result.stdout


def test_small_runs_stay_in_one_process(tmp_path: Path) -> None:
    targets = [Target(str(tmp_path / f"a{i}.txt")) for i in range(3)]
    for t in targets:
        Path(t.path).write_text(ARTICLE, encoding="utf-8")
    assert runner_module._small(targets)
    Path(targets[0].path).write_text(ARTICLE * 20_000, encoding="utf-8")
    assert not runner_module._small(targets)


@pytest.mark.parametrize(
    ("jobs", "files", "cores", "expected"), [(64, 12, 2, 2), (2, 1, 8, 1), (4, 100, 8, 4), (3, 5, None, 1)]
)
def test_no_more_workers_than_files_or_cores(
    monkeypatch: pytest.MonkeyPatch, jobs: int, files: int, cores: int | None, expected: int
) -> None:
    monkeypatch.setattr(runner_module.os, "cpu_count", lambda: cores)
    assert runner_module._workers(jobs, files) == expected


def test_jobs_keep_the_serial_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner_module, "_PARALLEL_FROM", 0)  # use the pool even for small files
    for i in range(12):
        wrong = "85" if i % 3 == 0 else "84"
        (tmp_path / f"a{i:02}.txt").write_text(ARTICLE.replace("85", wrong), encoding="utf-8")
    serial = runner.invoke(app, [str(tmp_path), "-f", "concise", "--no-config", "-j", "1"])
    parallel = runner.invoke(app, [str(tmp_path), "-f", "json", "--no-config", "-j", "2"])
    serial_json = runner.invoke(app, [str(tmp_path), "-f", "json", "--no-config", "-j", "1"])
    assert parallel.stdout == serial_json.stdout
    assert serial.exit_code == parallel.exit_code == 1
    assert [Path(f["path"]).name for f in json.loads(parallel.stdout)["files"]] == [f"a{i:02}.txt" for i in range(12)]


def test_a_progress_bar_leaves_the_rendering_to_the_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A progress callback gets each file's report as it comes: with workers that render, the
    report without its text (a progress bar on a terminal sent every text back to the parent and
    rendered it there, a third slower), and the output is the same."""
    import gc
    import io
    import threading

    from figcheck import cli
    from figcheck.model import OutputFormat
    from figcheck.report.base import formatter_for

    monkeypatch.setattr(runner_module, "_PARALLEL_FROM", 0)
    for i in range(6):
        (tmp_path / f"a{i}.txt").write_text(ARTICLE, encoding="utf-8")
    targets = [Target(str(p)) for p in sorted(tmp_path.iterdir())]
    options = CheckOptions(rates={"USD": Decimal(153)})
    outputs, seen = [], []
    threads = set(threading.enumerate())
    for jobs, progress in ((1, None), (2, seen.append)):
        out = io.StringIO()
        runner_module.run(
            targets, None, options, formatter_for(OutputFormat.JSON), out,
            jobs=jobs, render=(OutputFormat.JSON, {}), progress=progress,
        )  # fmt: skip
        outputs.append(out.getvalue())
    assert outputs[0] == outputs[1]
    assert gc.get_freeze_count() == 0  # the run finished its pool: shut down, the collector thawed
    assert set(threading.enumerate()) <= threads  # and its threads joined, none left running
    assert [r.path for r in seen] == [t.path for t in targets]
    assert all(r.text == "" for r in seen)  # rendered in a worker: no text came back
    assert cli._bytes_of(seen[0]) == len(ARTICLE.encode())  # the bar counts the file's size instead


def test_a_rendered_reports_stripped_form_is_the_report_less_its_text_and_findings() -> None:
    """What a worker sends back beside the rendered output: every field but the text and the
    findings (a field added to FileReport and not passed on would fail here)."""
    import dataclasses
    import datetime as dt

    from figcheck.model import Dated, DateOrigin, FileReport
    from figcheck.pipeline import check_text

    checked = check_text(ARTICLE, path="a.txt", options=CheckOptions(rates={"USD": Decimal(153)}))
    assert checked.findings
    full = dataclasses.replace(checked, error="e", skipped="s", dated=Dated(dt.date(2025, 10, 28), DateOrigin.TEXT, 1))
    assert all(getattr(full, f.name) not in (None, "", ()) for f in dataclasses.fields(FileReport))
    assert runner_module._stripped(full) == dataclasses.replace(full, text="", findings=())


def test_a_parallel_run_freezes_the_collector_only_while_its_workers_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parent's objects are frozen for the collector while workers fork from it, and thawed
    after, so that a long-lived process (the library) collects them again."""
    import gc

    monkeypatch.setattr(runner_module, "_PARALLEL_FROM", 0)
    for i in range(4):
        (tmp_path / f"a{i}.txt").write_text(ARTICLE, encoding="utf-8")
    targets = [Target(str(p)) for p in sorted(tmp_path.iterdir())]
    assert gc.get_freeze_count() == 0
    reports = runner_module.iter_reports(targets, None, CheckOptions(rates={"USD": Decimal(153)}), jobs=2)
    first = next(reports)
    assert gc.get_freeze_count() > 0
    rest = list(reports)
    assert gc.get_freeze_count() == 0
    assert [o.report.path for o in [first, *rest]] == [t.path for t in targets]
    assert all(o.report.error is None for o in [first, *rest])


def _big_dir(tmp_path: Path, repeat: int = 20_000) -> Path:
    text = ARTICLE * repeat
    for i in range(8):
        (tmp_path / f"a{i}.txt").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_exits_130_quietly(jobs: str, tmp_path: Path) -> None:
    folder = _big_dir(tmp_path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "figcheck", str(folder), "-f", "json", "-j", jobs, "--no-config"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    # Interrupt once the run is under way: its first output (the JSON head) is written before any file
    # is checked, and the files hold far more work than the time a signal takes. A fixed sleep raced
    # with start-up on a loaded machine: a signal before Python's own handler killed it outright (-2).
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], 60)
    assert ready
    assert proc.stdout.read(1) == b"{"
    time.sleep(0.3)  # into the checking of the first file
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert b"Traceback" not in err


def test_broken_pipe_is_quiet(tmp_path: Path) -> None:
    folder = _big_dir(tmp_path, repeat=2_000)
    cmd = f"{sys.executable} -m figcheck {folder} -f concise --no-config -j 1 | head -n 1"
    proc = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, timeout=120, env={**os.environ})
    assert proc.stdout.count("\n") == 1
    assert "Traceback" not in proc.stderr
    assert "Broken pipe" not in proc.stderr
