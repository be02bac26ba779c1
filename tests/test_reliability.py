"""Issue 12: safe in anyone's CI. Each reproduction of the red-team run
(../shared/docs/evidence/reliability.md, D1 …) as a regular test: exit code, one line, and the
user's files (the article, the table) byte for byte as they were."""

from __future__ import annotations

import gzip
import hashlib
import http.server
import json
import os
import socketserver
import stat
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from figcheck.cli import app
from figcheck.errors import InputError, RatesError
from figcheck.rates import HEADER
from figcheck.sources import Fetcher
from tests.common import serving

runner = CliRunner()
WRONG = "2025年10月28日\n日本は5500億ドル（約85兆円）の投資。\n※1ドル153円で換算。\n"
TABLE = f"{HEADER}\n2025-10-27,USD,JPY,152.5,reference,ECB\n2025-10-28,USD,JPY,153,reference,ECB\n"


def run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = runner.invoke(app, list(args))
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


def one_error_line(err: str, *parts: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("figcheck: error: "), err
    assert "Traceback" not in err
    for part in parts:
        assert part in lines[0], (part, lines[0])


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def article(tmp_path: Path) -> Path:
    a = tmp_path / "a.txt"
    a.write_text(WRONG, encoding="utf-8")
    return a


# -- D1: outputs never replace inputs or special files ------------------------------------------


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_an_output_that_is_an_input_is_refused(article: Path, option: str) -> None:
    before = sha(article)
    code, _, err = run(str(article), option, str(article))
    assert code == 2
    one_error_line(err, "is one of the inputs")
    assert sha(article) == before


def test_an_output_that_is_an_input_found_by_a_walk_is_refused(article: Path) -> None:
    before = sha(article)
    code, _, err = run(str(article.parent), "-o", str(article))
    assert code == 2
    one_error_line(err, "is one of the inputs")
    assert sha(article) == before


def test_an_output_symlinked_to_an_input_is_refused(article: Path) -> None:
    link = article.parent / "report.json"
    link.symlink_to(article)
    code, _, err = run(str(article), "-f", "json", "-o", str(link))
    assert code == 2
    one_error_line(err, "is one of the inputs")
    assert link.is_symlink()


@pytest.mark.parametrize("kind", ["directory", "fifo", "read-only"])
def test_special_outputs_are_refused(article: Path, kind: str) -> None:
    target = article.parent / "out"
    if kind == "directory":
        target.mkdir()
        message = "is a directory"
    elif kind == "fifo":
        os.mkfifo(target)
        message = "not a regular file"
    else:
        target.write_text("keep me", encoding="utf-8")
        target.chmod(0o444)
        message = "is read-only"
    code, _, err = run(str(article), "-o", str(target))
    assert code == 2
    one_error_line(err, message)
    if kind == "fifo":
        assert stat.S_ISFIFO(os.lstat(target).st_mode)  # still the FIFO
    if kind == "read-only":
        assert target.read_text(encoding="utf-8") == "keep me"


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
def test_a_device_is_never_replaced(article: Path) -> None:
    code, _, err = run(str(article), "-o", "/dev/null")
    assert code == 2
    one_error_line(err, "not a regular file")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("target", ["-", "/dev/stdout"])
def test_dash_and_dev_stdout_write_to_standard_output(article: Path, target: str) -> None:
    code, out, _ = run(str(article), "-f", "json", "-o", target)
    assert code == 1
    assert json.loads(out)["summary"]["mismatch"] == 1


def test_a_regular_file_is_replaced_atomically_keeping_its_mode(article: Path) -> None:
    report = article.parent / "report.json"
    report.write_text("old", encoding="utf-8")
    report.chmod(0o640)
    code, _, _ = run(str(article), "-f", "json", "-o", str(report))
    assert code == 1
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["mismatch"] == 1
    assert stat.S_IMODE(report.stat().st_mode) == 0o640
    assert not [p for p in article.parent.iterdir() if p.name.endswith(".tmp")]  # D25: no temp file left


def test_a_symlinked_output_is_written_through(article: Path) -> None:
    """D16 for reports: the link stays, its target gets the report."""
    real = article.parent / "real.json"
    real.write_text("old", encoding="utf-8")
    link = article.parent / "link.json"
    link.symlink_to(real)
    code, _, _ = run(str(article), "-f", "json", "-o", str(link))
    assert code == 1
    assert link.is_symlink()
    assert json.loads(real.read_text(encoding="utf-8"))["summary"]["mismatch"] == 1


# -- D2: rates update and import validate every row as the reader does ---------------------------


@pytest.fixture
def table(tmp_path: Path) -> Path:
    t = tmp_path / "T.csv"
    t.write_text(TABLE, encoding="utf-8")
    return t


BAD_ECB = [
    ("Date,USD,JPY,\n2026-11-02,Infinity,160.10,\n", "bad USD rate 'Infinity'"),
    ("Date,USD,JPY,\n2026-11-02,NaN,160.10,\n", "bad USD rate 'NaN'"),
    ("Date,USD,JPY,\n2026-11-02,1_0,160.10,\n", "bad USD rate '1_0'"),
    ("Date,USD,JPY,\n2026-11-02,-1.08,160.10,\n", "bad USD rate '-1.08'"),
    ("Date,USD,JPY,\n2026-11-02,0,160.10,\n", "bad USD rate '0'"),
    ("Date,USD,JPY,\n2026-11-02,1e308,160.10,\n", "bad USD rate '1e308'"),
    ("Date,usd,JPY,\n2026-11-02,1.08,160.10,\n", "bad currency code 'usd'"),
    ("Date,ABCDEFGH,JPY,\n2026-11-02,1.08,160.10,\n", "bad currency code 'ABCDEFGH'"),
    ("Date,USD,JPY,\n9999-12-31,1.08,160.10,\n", "outside 1950-01-01"),
    ("Date,USD,JPY,\n0001-01-01,1.08,160.10,\n", "outside 1950-01-01"),
    ("Date,USD,JPY,\n2026-11-02,0.000000001,160.10,\n", "outside any currency's range"),
    ("Date,USD,JPY,\n2026-11-02,1.08,160.10,\n2026-11-02,1.10,160.10,\n", "conflicts with another row"),
]


@pytest.mark.parametrize(("body", "message"), BAD_ECB)
def test_a_bad_row_is_one_line_and_the_table_stays(table: Path, tmp_path: Path, body: str, message: str) -> None:
    source = tmp_path / "in.csv"
    source.write_text(body, encoding="utf-8")
    before = sha(table)
    code, _, err = run("rates", "import", str(source), "--rates", str(table))
    assert code == 2
    one_error_line(err, message, "in.csv")
    assert sha(table) == before


def test_a_row_far_outside_the_pairs_range_is_refused(table: Path, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("Date,USD,JPY,\n2026-11-02,0.01,160.10,\n", encoding="utf-8")  # 1ドル = 16,010円
    code, _, err = run("rates", "import", str(source), "--rates", str(table))
    assert code == 2
    one_error_line(err, "a hundred times outside the table's 152.5–153")


FRANKFURTER_BAD = [
    ({"base": "EUR", "date": "2026-11-03", "rates": {"U,S\nD": 1.08, "JPY": 160.1}}, "bad currency code"),
    ({"base": "EUR", "date": "2026-11-03", "rates": {"USD": "1.08", "JPY": 160.1}}, "bad USD rate '1.08'"),
    ({"base": "EUR", "date": "2026-11-03", "rates": {"USD": True, "JPY": 160.1}}, "bad USD rate True"),
    ({"base": "EUR", "date": "2026-11-03", "rates": {"USD": -1, "JPY": 160.1}}, "bad USD rate -1"),
]


@pytest.mark.parametrize(("doc", "message"), FRANKFURTER_BAD)
def test_a_bad_frankfurter_answer_is_refused(doc: object, message: str) -> None:
    from figcheck.sources import read_frankfurter

    with pytest.raises(RatesError, match=message.replace("(", r"\(")):
        read_frankfurter(json.dumps(doc).encode(), "frankfurter")


def test_deeply_nested_json_is_one_error() -> None:
    from figcheck.sources import read_frankfurter

    with pytest.raises(RatesError, match="not a Frankfurter answer"):
        read_frankfurter(b"[" * 100_000 + b"]" * 100_000, "frankfurter")


# -- D5: downloads are bounded -------------------------------------------------------------------


def _zip_bomb(path: Path, megabytes: int) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z, z.open("e.csv", "w", force_zip64=True) as f:
        f.write(b"Date,USD,JPY,\n")
        row = b"2026-11-02,1.08,160.1,\n" * 45_000  # ~1 MB
        for _ in range(megabytes):
            f.write(row)


def test_a_zip_bomb_is_refused_in_bounded_memory(table: Path, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.zip"
    _zip_bomb(bomb, 80)  # 80 MB unzipped, 0.3 MB zipped
    before = sha(table)
    code, _, err = run("rates", "import", str(bomb), "--rates", str(table))
    assert code == 2
    one_error_line(err, "unzips to more than figcheck takes")
    assert sha(table) == before


def _mock(handler: Callable[[httpx.Request], httpx.Response], **kwargs: object) -> Fetcher:
    client = httpx.Client(transport=httpx.MockTransport(handler))
    return Fetcher(client, retries=kwargs.pop("retries", 0), backoff=0, sleep=lambda _: None, **kwargs)  # type: ignore[arg-type]


def test_an_endless_body_is_cut_at_the_cap() -> None:
    def endless() -> Iterator[bytes]:
        while True:
            yield b"x" * 65536

    f = _mock(lambda r: httpx.Response(200, content=endless()), limit=1_000_000)
    with pytest.raises(RatesError, match="more than the 0 MiB figcheck takes"):
        f.get("https://x.test/")


def test_a_gzip_bomb_is_cut_at_the_cap() -> None:
    bomb = gzip.compress(b"\0" * 50_000_000)  # 50 MB of NULs in 50 kB
    f = _mock(lambda r: httpx.Response(200, content=bomb, headers={"Content-Encoding": "gzip"}), limit=1_000_000)
    with pytest.raises(RatesError, match="more than"):
        f.get("https://x.test/")


def test_a_declared_length_over_the_cap_is_refused_before_reading() -> None:
    f = _mock(lambda r: httpx.Response(200, content=b"x", headers={"Content-Length": "99999999999"}))
    with pytest.raises(RatesError, match="99999999999 bytes"):
        f.get("https://x.test/")


def test_retry_after_is_honoured_for_429_and_503() -> None:
    answers = iter(
        [httpx.Response(429, headers={"Retry-After": "7"}), httpx.Response(503), httpx.Response(200, content=b"ok")]
    )
    pauses: list[float] = []
    client = httpx.Client(transport=httpx.MockTransport(lambda r: next(answers)))
    f = Fetcher(client, retries=3, backoff=0.5, sleep=pauses.append)
    assert f.get("https://x.test/") == b"ok"
    assert pauses[0] >= 7  # the server's Retry-After
    assert 1.0 <= pauses[1] <= 1.5  # exponential backoff (0.5 × 2) with up to 0.5 s of jitter


def test_an_overall_deadline_stops_a_dribbling_server() -> None:
    now = [0.0]

    def dribble() -> Iterator[bytes]:
        while True:
            now[0] += 1.0  # a byte a second
            yield b"x"

    f = _mock(lambda r: httpx.Response(200, content=dribble()), deadline=30, clock=lambda: now[0])
    with pytest.raises(RatesError, match="took longer than 30s"):
        f.get("https://x.test/")


class _Dribble(http.server.BaseHTTPRequestHandler):
    busy = 0

    def do_GET(self) -> None:
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
            return
        if self.path == "/file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
            return
        if self.path == "/endless":
            self.send_response(200)
            self.end_headers()
            try:
                while True:
                    self.wfile.write(b"2026-11-02,1.08,160.1,\n" * 4096)
            except OSError:
                return
        if self.path == "/gzip":
            body = gzip.compress(b"Date,USD,JPY,\n" + b"2026-11-02,1.08,160.1,\n" * 4_000_000)  # 92 MB in 0.2 MB
            self.send_response(200)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if self.path == "/busy":
            type(self).busy += 1
            if type(self).busy == 1:
                self.send_response(429)
                self.send_header("Retry-After", "1")
                self.end_headers()
                return
            body = b"Date,USD,JPY,\n2026-11-02,1.08,160.1,\n"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        self.send_response(200)
        self.send_header("Content-Length", "1000000")
        self.end_headers()
        try:
            for _ in range(20):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def slow_server() -> Iterator[str]:
    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Dribble)
    httpd.daemon_threads = True
    with serving(httpd) as base:
        yield base


def test_a_real_dribbling_server_meets_the_deadline(slow_server: str) -> None:
    f = Fetcher(retries=0, timeout=1.0, deadline=1.0)
    started = time.monotonic()
    with pytest.raises(RatesError, match="took longer than 1s"):
        f.get(slow_server + "/data")
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(("path", "message"), [("/loop", "too many redirects"), ("/file", "redirected to an address")])
def test_redirect_loops_and_other_schemes_are_one_error(slow_server: str, path: str, message: str) -> None:
    with pytest.raises(RatesError, match=message):
        Fetcher(retries=0, timeout=2.0).get(slow_server + path)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--url", ""], "--url '': want an address"),
        (["--url", "ftp://x.test/a.zip"], "not an http:// or https:// address"),
        (["--url", "http://[::1"], "http://[::1"),
        (["--timeout", "inf"], "--timeout inf"),
        (["--timeout", "nan"], "--timeout nan"),
        (["--timeout", "1e308"], "--timeout 1e+308"),
    ],
)
def test_bad_update_options_are_one_line(table: Path, args: list[str], message: str) -> None:
    before = sha(table)
    code, _, err = run("rates", "update", "--rates", str(table), "--retries", "0", *args)
    assert code == 2
    one_error_line(err, message)
    assert sha(table) == before


# -- D11, D17: special and huge inputs -----------------------------------------------------------


def test_a_fifo_input_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    code, _, err = run(str(fifo))
    assert code == 2
    assert "not a regular file" in err


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero_is_refused() -> None:
    code, _, err = run("/dev/zero")
    assert code == 2
    assert "not a regular file" in err


def test_a_huge_file_is_refused_by_its_size(tmp_path: Path) -> None:
    from figcheck.inputs import MAX_INPUT

    sparse = tmp_path / "sparse.txt"
    with sparse.open("wb") as f:
        f.truncate(MAX_INPUT + 1)  # sparse: no disk, no memory
    code, _, err = run(str(sparse))
    assert code == 2
    assert "more than the 512 MiB figcheck reads" in err


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="no procfs")
def test_a_file_longer_than_its_size_says_is_read_whole_and_bounded() -> None:
    """A regular file whose size reads 0 (procfs) is read past its size, and never past the limit."""
    from figcheck.files import read_regular

    data = read_regular(Path("/proc/self/status"), 1 << 20)
    assert b"Name:" in data
    assert len(data) > 1
    with pytest.raises(InputError, match="more than the 0 MiB figcheck reads"):
        read_regular(Path("/proc/self/status"), 10)


def test_a_file_read_exactly_to_the_limit(tmp_path: Path) -> None:
    from figcheck.files import read_regular

    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 100)
    assert read_regular(path, 100) == b"x" * 100
    with pytest.raises(InputError, match="100 bytes, more than"):
        read_regular(path, 99)


def test_a_file_that_grows_or_reads_short_is_read_whole_and_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the size fstat gave (a file written while it is read), in reads that come back short
    (a network file system may), and never past the limit; a string path as a walk gives it."""
    from figcheck import files

    path = tmp_path / "a.txt"
    body = "日本は5500億ドル（約84兆円）を投資する。\n".encode() * 10_000  # 590 kB
    path.write_bytes(body)
    real_read = os.read
    monkeypatch.setattr(files.os, "read", lambda fd, n: real_read(fd, min(n, 1000)))  # short reads
    assert files.read_regular(str(path), files.MAX_INPUT) == body
    real_fstat = os.fstat
    monkeypatch.setattr(files.os, "fstat", lambda fd: os.stat_result((*real_fstat(fd)[:6], 10, *real_fstat(fd)[7:])))
    assert files.read_regular(path, files.MAX_INPUT) == body  # fstat said 10 bytes: the rest is read
    fd = os.open(path, os.O_RDONLY)
    try:
        assert files._read_fd(fd, 10, len(body)) == body  # to the limit exactly: all of it
    finally:
        os.close(fd)
    with pytest.raises(InputError, match="more than the 0 MiB figcheck reads"):
        files.read_regular(path, len(body) - 1)  # grown past the limit: refused, not cut


def test_a_fifo_as_rates_import_is_refused(table: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "in.csv"
    os.mkfifo(fifo)
    code, _, err = run("rates", "import", str(fifo), "--rates", str(table))
    assert code == 2
    one_error_line(err, "not a regular file")


def test_a_merge_into_a_read_only_folder_is_one_line(table: Path, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes anywhere")
    source = tmp_path / "in.csv"
    source.write_text("Date,USD,JPY,\n2026-11-02,1.08,160.10,\n", encoding="utf-8")
    tmp_path.chmod(0o555)
    try:
        code, _, err = run("rates", "import", str(source), "--rates", str(table))
    finally:
        tmp_path.chmod(0o755)
    assert code == 2
    one_error_line(err, "cannot")


# -- D14, D16: concurrent merges lose nothing; a symlinked table is updated where it lives ---------


def test_concurrent_imports_lose_nothing(table: Path, tmp_path: Path) -> None:
    import subprocess

    sources = []
    for i, code in enumerate(["USD", "GBP", "AUD", "CHF"]):
        s = tmp_path / f"{code}.csv"
        s.write_text(f"Date,{code},JPY,\n2026-11-1{i},1.0{i},160.10,\n", encoding="utf-8")
        sources.append(s)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "figcheck", "rates", "import", str(s), "--rates", str(table)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for s in sources
    ]
    for p in procs:
        _, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
    rows = table.read_text(encoding="utf-8").splitlines()
    assert len([r for r in rows if r.startswith("2026-11-1")]) == 8  # 4 imports × (X/JPY and EUR/JPY)


def test_a_symlinked_table_is_updated_where_it_lives(table: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.csv"
    link.symlink_to(table)
    source = tmp_path / "in.csv"
    source.write_text("Date,USD,JPY,\n2026-11-02,1.08,160.10,\n", encoding="utf-8")
    code, _, err = run("rates", "import", str(source), "--rates", str(link))
    assert code == 0, err
    assert link.is_symlink()
    assert "2026-11-02,USD,JPY" in table.read_text(encoding="utf-8")


# -- D4: the pre-commit entry ends its options -----------------------------------------------------


def test_the_hook_entry_ends_options_so_a_file_name_is_never_an_option(tmp_path: Path) -> None:
    hooks = (Path(__file__).resolve().parent.parent / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    entry = next(line.split(":", 1)[1].strip() for line in hooks.splitlines() if line.strip().startswith("entry:"))
    assert entry.split()[-1] == "--"
    readme = tmp_path / "README.md"
    readme.write_text("# keep me\n", encoding="utf-8")
    (tmp_path / "--output=README.md").write_text(WRONG, encoding="utf-8")
    code, out, _ = run(*entry.split()[1:], "--output=README.md", cwd=tmp_path)  # what pre-commit runs
    assert code == 1  # the file was checked: its mismatch fails the hook
    assert "--output=README.md" in out
    assert readme.read_text(encoding="utf-8") == "# keep me\n"


# -- D3, D7, D8, D9, D23: nothing a file name or an article holds becomes a line, markup or bad JSON --

HOSTILE_NAMES = [
    "x\n::add-mask::figcheck\n::error file=README.md,line=1::forged\ny.txt",
    "a\r::error::INJECTED.txt",
    "esc\x1b[2Jclear.txt",
    "sep\u2028line.txt",
    "nel\x85line.txt",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
@pytest.mark.parametrize("fmt", ["text", "concise", "github"])
def test_a_file_name_never_starts_a_line(tmp_path: Path, name: str, fmt: str) -> None:
    (tmp_path / name).write_text(WRONG, encoding="utf-8")
    code, out, err = run("-f", fmt, "--", name, cwd=tmp_path)
    assert code == 1
    for stream in (out, err):
        for line in stream.splitlines():
            assert not line.startswith("::add-mask")
            assert not line.startswith("::error::INJECTED")
            assert not line.startswith("::error file=README.md")
        assert "\x1b" not in stream
        assert "\u2028" not in stream
        assert "\x85" not in stream


def test_an_unreadable_file_name_never_starts_a_line_on_stderr(tmp_path: Path) -> None:
    name = "x\n::add-mask::figcheck\ny.txt"
    (tmp_path / name).write_bytes(b"a\x00b")
    code, _, err = run("-f", "github", "--", name, cwd=tmp_path)
    assert code == 2
    assert all(line.startswith("figcheck: error: ") for line in err.splitlines())


def test_article_text_is_never_markup(tmp_path: Path) -> None:
    (tmp_path / "m.txt").write_text(
        "2025年10月28日\n日本は5500億ドル（約85兆円）の[/x][link=https://evil.test]投資[bold]。\n", encoding="utf-8"
    )
    code, out, err = run("m.txt", cwd=tmp_path)
    assert code == 1, err
    assert "Traceback" not in err
    assert "[/x]" in out  # shown as written


def test_terminal_escapes_in_article_text_are_shown_not_sent(tmp_path: Path) -> None:
    (tmp_path / "e.txt").write_text(
        "2025年10月28日\n日本は\x1b]8;;https://evil.test\x1b\\5500億ドル（約85兆円）\x1b[2Jの投資。\n", encoding="utf-8"
    )
    for fmt in ("text", "concise", "github"):
        _, out, _ = run("-f", fmt, "e.txt", cwd=tmp_path)
        assert "\x1b" not in out, fmt


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"])
def test_sarif_stays_valid_json_whatever_a_string_holds(tmp_path: Path, char: str) -> None:
    (tmp_path / f"a{char}b #1?.txt").write_text(WRONG, encoding="utf-8")
    code, out, _ = run("-f", "sarif", ".", cwd=tmp_path)
    assert code == 1
    doc = json.loads(out)
    (result,) = doc["runs"][0]["results"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert " " not in uri
    assert "#" not in uri
    assert "?" not in uri
    assert "%231%3F" in uri


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse names that are not UTF-8")
@pytest.mark.parametrize("fmt", ["text", "concise", "github", "json", "sarif", "rdjsonl"])
def test_a_file_name_that_is_not_utf8_works_in_every_format(tmp_path: Path, fmt: str) -> None:
    name = os.fsdecode(b"\xff-article.txt")
    (tmp_path / name).write_text(WRONG, encoding="utf-8")
    report = tmp_path / "report.out"
    code, _out, err = run("-f", fmt, "-o", str(report), name, cwd=tmp_path)
    assert code == 1, err
    data = report.read_bytes().decode("utf-8")  # valid UTF-8
    assert "\\xff-article.txt" in data or "%FF-article.txt" in data
    if fmt in ("json", "sarif"):
        json.loads(data)


# -- D10, D12: huge figures and crafted Markdown -----------------------------------------------------


@pytest.mark.parametrize("rate", ["1e400", "1e-30", "0"])
def test_an_absurd_rate_option_is_one_line(article: Path, rate: str) -> None:
    code, _, err = run(str(article), "--rate", f"USD={rate}")
    assert code == 2
    one_error_line(err, f"--rate 'USD={rate}'")


def test_a_huge_figure_never_aborts_the_other_files(article: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(
        "2025年10月28日\n1" + "0" * 120 + "ドル（約1円）\n六京億ドルおよそ4円\n※1ドル153円で換算。\n", encoding="utf-8"
    )
    code, out, err = run(str(article), str(big), "-f", "json", "--rate", "USD=153")
    assert code in (1, 2), err
    assert "Traceback" not in err
    files = json.loads(out)["files"]
    assert [Path(f["path"]).name for f in files] == ["a.txt", "big.txt"]
    assert files[0]["findings"][0]["status"] == "mismatch"  # the other file is still checked


@pytest.mark.parametrize("text", ["<!--" * 250_000, "`" * 500_001, "a`b``" * 200_000])
def test_crafted_markdown_is_masked_in_linear_time(tmp_path: Path, text: str) -> None:
    md = tmp_path / "c.md"
    md.write_text(text, encoding="utf-8")
    started = time.monotonic()
    code, _, err = run(str(md))
    assert code == 0, err
    assert time.monotonic() - started < 20  # was 161 s for the first


# -- D6: no worker outlives the parent -----------------------------------------------------------------


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.parametrize("sig", ["TERM", "KILL"])
def test_workers_die_with_the_parent(tmp_path: Path, sig: str) -> None:
    import select
    import signal
    import subprocess

    text = WRONG * 30_000  # about 2 MB a file: worth workers
    for i in range(6):
        (tmp_path / f"a{i}.txt").write_text(text, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "figcheck", str(tmp_path), "-f", "json", "-j", "2", "--no-config"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], 60)
    assert ready
    assert proc.stdout.read(1) == b"{"
    workers: list[int] = []
    deadline = time.monotonic() + 30
    while len(workers) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
        workers = [p for p in _children(proc.pid) if _alive(p)]
    assert workers
    proc.send_signal(getattr(signal, f"SIG{sig}"))
    proc.communicate(timeout=60)
    gone_by = time.monotonic() + 10
    while any(_alive(p) for p in workers) and time.monotonic() < gone_by:
        time.sleep(0.1)
    assert not any(_alive(p) for p in workers)
    if sig == "TERM":
        assert proc.returncode == 143


# -- D13: the configuration comes from the project only ------------------------------------------


def test_a_configuration_in_the_home_directory_is_not_a_project_s(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    (home / "proj").mkdir(parents=True)
    (home / ".figcheck.toml").write_text('exclude = ["**"]\nfail-on = "never"\n', encoding="utf-8")
    (home / "proj" / "a.txt").write_text(WRONG, encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    code, _, _ = run("a.txt", cwd=home / "proj")
    assert code == 1


def test_a_configuration_above_the_home_directory_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".figcheck.toml").write_text('exclude = ["**"]\nfail-on = "never"\n', encoding="utf-8")
    home = tmp_path / "home"
    (home / "proj").mkdir(parents=True)
    (home / "proj" / "a.txt").write_text(WRONG, encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    code, out, _ = run("a.txt", cwd=home / "proj")
    assert code == 1  # the parent's "exclude everything, never fail" is not the project's
    assert "configuration:" not in out


@pytest.mark.parametrize(
    "content",
    ['tool = "x"\n', "tool = 5\n", "[project\nname = broken", b"\xff\xfe not utf-8".decode("latin-1")],
)
def test_a_pyproject_that_is_not_figcheck_s_is_passed_over(tmp_path: Path, content: str) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text(content, encoding="latin-1")
    (tmp_path / "a.txt").write_text(WRONG, encoding="utf-8")
    code, _, err = run("a.txt", cwd=tmp_path)
    assert code == 1, err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[tool]\nfigcheck = 5\n", "[tool.figcheck] must be a table"),
        ("[tool.figcheck]\nfail-on = [1\n", "not valid TOML"),
    ],
)
def test_a_broken_figcheck_table_is_one_line(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text(content, encoding="utf-8")
    (tmp_path / "a.txt").write_text(WRONG, encoding="utf-8")
    code, _, err = run("a.txt", cwd=tmp_path)
    assert code == 2
    one_error_line(err, message)


def test_the_text_report_names_the_configuration_it_used(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".figcheck.toml").write_text('fail-on = "never"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(WRONG, encoding="utf-8")
    code, out, _ = run("a.txt", cwd=tmp_path)
    assert code == 0
    assert "(configuration: " in out
    assert ".figcheck.toml)" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "9999-12-31"], "want a date from 1900-01-01 to 2199-12-31"),
        (["--date", "0001-01-01"], "want a date from 1900-01-01"),
        (["--changed-since", ""], "--changed-since '': want a git ref"),
    ],
)
def test_dates_and_refs_out_of_range_are_one_line(article: Path, args: list[str], message: str) -> None:
    code, _, err = run(str(article), *args)
    assert code == 2
    one_error_line(err, message)


def test_rates_show_with_an_extreme_date_is_one_line() -> None:
    code, _, err = run("rates", "show", "USD", "--date", "0001-01-01")
    assert code == 2
    one_error_line(err, "want a date from 1900-01-01")


# -- D19: a broken pipe exits with the verdict so far --------------------------------------------


@pytest.mark.parametrize(("text", "code"), [(WRONG.replace("85", "84"), 0), (WRONG, 1)])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_broken_pipe_exits_with_the_verdict_so_far(tmp_path: Path, text: str, code: int, jobs: str) -> None:
    import subprocess

    for i in range(200):
        (tmp_path / f"a{i:03}.txt").write_text(text * 500, encoding="utf-8")
    cmd = f"{sys.executable} -m figcheck {tmp_path} -f concise --no-config -j {jobs} | head -c 1 >/dev/null; exit ${{PIPESTATUS[0]}}"
    if code == 0:
        cmd = cmd.replace("-f concise", "-f json")  # concise prints nothing when all hold
    proc = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, timeout=120)
    assert proc.returncode == code, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "Broken pipe" not in proc.stderr


# -- D15: nothing a walk finds is silently skipped; wide encodings are read -------------------------


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "iso2022_jp"])
def test_encodings_without_a_bom_are_read(tmp_path: Path, encoding: str) -> None:
    (tmp_path / "w").mkdir()
    (tmp_path / "w" / "a.txt").write_bytes(WRONG.encode(encoding))
    code, out, _ = run("-f", "github", str(tmp_path / "w"))
    assert code == 1  # checked: its mismatch is found
    assert "::error file=" in out


@pytest.mark.parametrize("fmt", ["concise", "github", "sarif", "rdjsonl", "json", "text"])
def test_a_skipped_file_is_said_in_every_format(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "w").mkdir()
    (tmp_path / "w" / "bin.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    _, out, _ = run("-f", fmt, str(tmp_path / "w"))
    assert "skipped" in out
    assert "bin.txt" in out


def test_an_unreadable_folder_is_an_error_not_a_silence(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads any folder")
    (tmp_path / "w" / "locked").mkdir(parents=True)
    (tmp_path / "w" / "locked" / "a.txt").write_text(WRONG, encoding="utf-8")
    (tmp_path / "w" / "locked").chmod(0)
    try:
        code, out, _ = run("-f", "concise", str(tmp_path / "w"))
    finally:
        (tmp_path / "w" / "locked").chmod(0o755)
    assert code == 2
    assert "cannot read folder" in out


def test_folders_nested_deep_are_walked(tmp_path: Path) -> None:
    deep = tmp_path / "w"
    deep.mkdir()
    folders = []
    for _ in range(1000):  # deeper than the recursion limit (a recursive walk fails at about 970)
        deep = deep / "d"
        os.mkdir(deep)
        folders.append(deep)
    (deep / "a.txt").write_text(WRONG, encoding="utf-8")
    try:
        code, out, err = run("-f", "json", str(tmp_path / "w"))
    finally:  # removed here: pytest's own clean-up of old temporary folders is recursive
        (deep / "a.txt").unlink()
        for folder in reversed(folders):
            folder.rmdir()
    assert code == 1, err[-300:]
    assert json.loads(out)["summary"]["mismatch"] == 1


def test_a_deeply_nested_baseline_is_one_line(article: Path, tmp_path: Path) -> None:
    base = tmp_path / "base.json"
    base.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    code, _, err = run(str(article), "--baseline", str(base))
    assert code == 2
    one_error_line(err, "not a figcheck baseline")


# -- D21, D27: a table changed or damaged under a run ----------------------------------------------


def test_a_table_truncated_during_a_run_is_no_fault(tmp_path: Path) -> None:
    from figcheck.rates import RateTable, default_table_path

    big = tmp_path / "big.csv"
    big.write_bytes(default_table_path().read_bytes())
    table = RateTable.open(big)
    with big.open("r+b") as f:
        f.truncate(100)  # as `cp new.csv rates.csv` does in place; a memory map would fault (SIGBUS)
    import datetime as dt

    assert table.lookup("USD", "JPY", dt.date(2025, 10, 28)) is not None


def test_a_zero_filled_region_is_a_table_error(tmp_path: Path) -> None:
    from figcheck.rates import RateTable, default_table_path

    big = tmp_path / "big.csv"
    data = bytearray(default_table_path().read_bytes())
    data[len(data) // 2 : len(data) // 2 + 4096] = b"\x00" * 4096
    big.write_bytes(bytes(data))
    with pytest.raises(RatesError, match="NUL bytes in the rate table"):
        RateTable.open(big)


# -- D22: baseline keys do not depend on how a path is spelled ---------------------------------------


@pytest.mark.parametrize("spelling", ["./articles/a.txt", "ABS", "a.txt"])
def test_a_baseline_matches_however_the_path_is_spelled(tmp_path: Path, spelling: str) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text(WRONG, encoding="utf-8")
    code, _, _ = run("--write-baseline", "base.json", "articles/", cwd=tmp_path)
    assert code == 0
    cwd = tmp_path / "articles" if spelling == "a.txt" else tmp_path
    path = str(tmp_path / "articles" / "a.txt") if spelling == "ABS" else spelling
    base = str(tmp_path / "base.json")
    code, out, _ = run(path, "--baseline", base, "-f", "json", cwd=cwd)
    assert code == 0  # the old finding stays baselined
    assert json.loads(out)["summary"]["mismatch"] == 0


# -- D24: --changed-since runs git in the checked path's repository -----------------------------------


def test_changed_since_from_outside_the_repository(tmp_path: Path) -> None:
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("no git")
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
    }
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    (repo / "old.txt").write_text(WRONG, encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    subprocess.run(["git", "commit", "-qm", "x"], cwd=repo, check=True, env=env)
    (repo / "new.txt").write_text(WRONG, encoding="utf-8")
    if sys.platform != "darwin":  # D9: a name that is not UTF-8 anywhere in the repository
        (repo / os.fsdecode(b"\xff-notes.bin")).write_bytes(b"x")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    code, out, err = run("--changed-since", "HEAD", "-f", "json", str(repo), cwd=outside)
    assert code == 1, err
    assert [Path(f["path"]).name for f in json.loads(out)["files"]] == ["new.txt"]


@pytest.mark.parametrize("option", ["--config", "--baseline"])
def test_a_fifo_as_config_or_baseline_is_refused(article: Path, tmp_path: Path, option: str) -> None:
    fifo = tmp_path / "x.toml"
    os.mkfifo(fifo)
    code, _, err = run(str(article), option, str(fifo))
    assert code == 2
    one_error_line(err, "not a regular file")


# -- D18: messages name the real cause ---------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_full_standard_output_is_named_as_such(article: Path) -> None:
    import subprocess

    proc = subprocess.run(
        f"{sys.executable} -m figcheck {article} -f json --no-config > /dev/full",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == ["figcheck: error: No space left on device"]


def test_a_bad_ref_says_what_git_said(article: Path) -> None:
    import shutil

    if shutil.which("git") is None:
        pytest.skip("no git")
    code, _, err = run("--changed-since", "no-such-ref-xyz", str(Path(__file__).resolve().parent))
    assert code == 2
    one_error_line(err, "--changed-since no-such-ref-xyz: no such commit in the repository at")


# -- D5 end to end: a misbehaving server, `figcheck rates update` in a process with a memory limit ------


def _limited(args: list[str], megabytes: int = 1024) -> tuple[int, str]:
    """Run figcheck in a subprocess whose address space is capped (a bomb would need gigabytes)."""
    import resource
    import subprocess

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (megabytes * 2**20, megabytes * 2**20))

    proc = subprocess.run(
        [sys.executable, "-m", "figcheck", *args], capture_output=True, text=True, timeout=120, preexec_fn=cap
    )
    return proc.returncode, proc.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is Linux's")
@pytest.mark.parametrize(("path", "message"), [("/endless", "more than the 64 MiB"), ("/gzip", "more than the 64 MiB")])
def test_a_bomb_from_a_server_is_refused_within_a_memory_limit(
    slow_server: str, table: Path, path: str, message: str
) -> None:
    before = sha(table)
    code, err = _limited(["rates", "update", "--url", slow_server + path, "--rates", str(table), "--retries", "0"])
    assert code == 2, err
    one_error_line(err, message)
    assert sha(table) == before


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is Linux's")
def test_a_zip_bomb_import_is_refused_within_a_memory_limit(table: Path, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.zip"
    _zip_bomb(bomb, 300)  # 300 MB unzipped
    before = sha(table)
    code, err = _limited(["rates", "import", str(bomb), "--rates", str(table)])
    assert code == 2, err
    one_error_line(err, "unzips to more than figcheck takes")
    assert sha(table) == before


def test_a_429_with_retry_after_is_waited_for_then_taken(slow_server: str, table: Path) -> None:
    _Dribble.busy = 0
    started = time.monotonic()
    code, _, err = run("rates", "update", "--url", slow_server + "/busy", "--rates", str(table), "--retries", "2")
    assert code == 0, err
    assert time.monotonic() - started >= 1.0  # the server's Retry-After: 1
    assert "2026-11-02,USD,JPY" in table.read_text(encoding="utf-8")
