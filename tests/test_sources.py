"""Fetching rates over HTTP: httpx.MockTransport for each source, and a real server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import http.server
import io
import json
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from figcheck.cli import app
from figcheck.errors import RatesError
from figcheck.rates import HEADER, RateTable
from figcheck.sources import USER_AGENT, Fetcher, frankfurter_url, from_bytes, read_ecb, read_frankfurter
from tests.conftest import EXAMPLE, SHARED

ECB_CSV = "Date,USD,JPY,GBP,CYP,\n2025-10-29,1.1630,177.11,0.8794,N/A,\n2025-10-28,1.1650,176.50,0.8800,N/A,\n"


def ecb_zip(text: str = ECB_CSV) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("eurofxref-hist.csv", text)
    return buf.getvalue()


def fetcher(handler: object, retries: int = 2) -> tuple[Fetcher, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def wrapped(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return handler(request)  # type: ignore[operator]

    client = httpx.Client(transport=httpx.MockTransport(wrapped))
    return Fetcher(client, retries=retries, backoff=0, sleep=lambda _: None), seen


def test_ecb_happy_path() -> None:
    f, seen = fetcher(lambda r: httpx.Response(200, content=ecb_zip()))
    rates = read_ecb(f.get("https://ecb.test/eurofxref-hist.zip"), "ecb")
    assert {(r.on, r.base): r.value for r in rates}[(dt.date(2025, 10, 29), "USD")] == Decimal("152.2872")
    assert seen[0].headers["User-Agent"] == USER_AGENT
    since = read_ecb(ecb_zip(), "ecb", since=dt.date(2025, 10, 29))
    assert {r.on for r in since} == {dt.date(2025, 10, 29)}


def test_retry_on_5xx_then_success() -> None:
    answers = iter([httpx.Response(503), httpx.Response(502), httpx.Response(200, content=b"ok")])
    f, seen = fetcher(lambda r: next(answers))
    assert f.get("https://x.test/") == b"ok"
    assert len(seen) == 3


@pytest.mark.parametrize(
    ("handler", "message"),
    [
        (lambda r: httpx.Response(500), r"HTTP 500 Internal Server Error \(gave up after 3 attempts\)"),
        (lambda r: httpx.Response(404), "HTTP 404 Not Found"),
        (lambda r: httpx.Response(200, content=b""), "empty response"),
        (lambda r: (_ for _ in ()).throw(httpx.ConnectError("Name or service not known")), "cannot connect"),
        (lambda r: (_ for _ in ()).throw(httpx.ReadTimeout("slow")), "timed out"),
    ],
)
def test_fetch_failures_are_one_error(handler: object, message: str) -> None:
    f, seen = fetcher(handler)
    with pytest.raises(RatesError, match=message):
        f.get("https://x.test/")
    assert len(seen) == (1 if "404" in message or "empty" in message else 3), message


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<html>maintenance</html>", "not an ECB reference-rate file"),
        (b"PK\x03\x04garbage", "damaged zip"),
        (ecb_zip("Date,USD,\n2025-10-29,1.1,\n"), "no JPY column"),
    ],
)
def test_ecb_body_not_what_was_promised(body: bytes, message: str) -> None:
    with pytest.raises(RatesError, match=message):
        read_ecb(body, "ecb")


def test_frankfurter_single_and_series() -> None:
    single = {"amount": 1.0, "base": "EUR", "date": "2025-10-28", "rates": {"USD": 1.165, "JPY": 176.5}}
    f, _ = fetcher(lambda r: httpx.Response(200, json=single))
    url = frankfurter_url("https://fx.test", dt.date(2025, 10, 28), None)
    assert url == "https://fx.test/v1/2025-10-28"
    rates = read_frankfurter(f.get(url), url)
    assert {r.base: r.value for r in rates} == {"EUR": Decimal("176.5"), "USD": Decimal("151.5021")}
    series = {
        "amount": 1.0,
        "base": "EUR",
        "start_date": "2025-10-27",
        "end_date": "2025-10-28",
        "rates": {"2025-10-27": {"JPY": 176.0, "USD": 1.16}, "2025-10-28": {"JPY": 176.5, "USD": 1.165}},
    }
    url = frankfurter_url("https://fx.test/", dt.date(2025, 10, 27), dt.date(2025, 10, 28))
    assert url == "https://fx.test/v1/2025-10-27..2025-10-28"
    f, _ = fetcher(lambda r: httpx.Response(200, json=series))
    assert {r.on for r in read_frankfurter(f.get(url), url)} == {dt.date(2025, 10, 27), dt.date(2025, 10, 28)}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"not json", "not a Frankfurter answer"),
        (json.dumps({"base": "USD", "date": "2025-10-28", "rates": {}}).encode(), "want rates against EUR"),
        (json.dumps({"base": "EUR", "date": "2025-10-28", "rates": {"USD": 1.1}}).encode(), "no JPY rates"),
        (json.dumps({"base": "EUR", "date": "soon", "rates": {"JPY": 1}}).encode(), "not a Frankfurter answer"),
    ],
)
def test_frankfurter_bad_bodies(body: bytes, message: str) -> None:
    with pytest.raises(RatesError, match=message):
        read_frankfurter(body, "fx")


def test_import_own_format_and_ecb(tmp_path: Path) -> None:
    own = f"{HEADER}\n2025-10-28,USD,JPY,150,house,desk\n".encode()
    assert [r.value for r in from_bytes(own, "own.csv")] == [Decimal(150)]
    assert len(list(from_bytes(ECB_CSV.encode(), "ecb.csv"))) == 6


def _table(tmp_path: Path) -> Path:
    path = tmp_path / "rates.csv"
    path.write_text(f"{HEADER}\n2025-10-28,USD,JPY,153,house,desk\n", encoding="utf-8")
    return path


def test_import_command_merges_and_keeps_house_rows(tmp_path: Path) -> None:
    table = _table(tmp_path)
    src = tmp_path / "eurofxref-hist.zip"
    src.write_bytes(ecb_zip())
    result = CliRunner().invoke(app, ["rates", "import", str(src), "--rates", str(table)])
    assert result.exit_code == 0, result.stderr
    assert "5 rows added, 6 in all" in result.stderr
    rows = {(r.on, r.base): r for r in RateTable.open(table).rows()}
    assert rows[(dt.date(2025, 10, 28), "USD")].value == Decimal(153)  # the house row stays
    result = CliRunner().invoke(app, ["rates", "import", str(src), "--rates", str(table), "--overwrite"])
    assert result.exit_code == 0
    assert RateTable.open(table).lookup("USD", "JPY", dt.date(2025, 10, 28)).rate.value == Decimal(153)  # type: ignore[union-attr]


def test_import_bad_file_leaves_table_unchanged(tmp_path: Path) -> None:
    table = _table(tmp_path)
    before = table.read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_text("Date,USD,JPY\n2025-10-29,x,177\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["rates", "import", str(bad), "--rates", str(table)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"figcheck: error: {bad}:2: bad USD rate 'x' (want a positive decimal)"
    assert table.read_bytes() == before


def test_show_command(tmp_path: Path) -> None:
    table = _table(tmp_path)
    runner = CliRunner()
    result = runner.invoke(app, ["rates", "show", "usd", "--date", "2025-10-30", "--rates", str(table), "-f", "json"])
    assert result.exit_code == 0
    (row,) = json.loads(result.stdout)["rates"]
    assert row == {
        "base": "USD",
        "quote": "JPY",
        "requested_date": "2025-10-30",
        "date": "2025-10-28",
        "rate": "153",
        "kind": "house",
        "source": "desk",
        "fallback": True,
        "file": str(table),
    }
    result = runner.invoke(app, ["rates", "show", "USD", "--date", "2025-10-30", "--rates", str(table)])
    assert "2025-10-28 (fallback)" in result.stdout
    result = runner.invoke(app, ["rates", "show", "GBP", "--date", "2025-10-30", "--rates", str(table)])
    assert result.exit_code == 1  # no rate: said so, and the exit code tells a script


# -- a real HTTP server on 127.0.0.1 --------------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    body = b""
    status = 200
    agents: list[str] = []  # noqa: RUF012

    def do_GET(self) -> None:
        type(self).agents.append(self.headers.get("User-Agent", ""))
        self.send_response(self.status)
        self.send_header("Content-Length", str(len(self.body) if self.status == 200 else 0))
        self.end_headers()
        if self.status == 200:
            self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, type[_Handler]]]:
    handler = type("Handler", (_Handler,), {"agents": []})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/eurofxref-hist.zip", handler
    finally:
        httpd.shutdown()
        httpd.server_close()


def _small_ecb_text() -> str:
    """Two weeks of the shared ECB file when it is here, else the synthetic sample."""
    shared = SHARED / "data" / "ecb" / "eurofxref-hist.csv"
    if not shared.is_file():
        return ECB_CSV
    lines = shared.read_text(encoding="utf-8").splitlines()
    return "\n".join(lines[:11]) + "\n"


def test_update_end_to_end_against_a_local_server(server: tuple[str, type[_Handler]], tmp_path: Path) -> None:
    url, handler = server
    table = _table(tmp_path)
    before = table.read_bytes()
    served = _small_ecb_text()
    handler.body = ecb_zip(served)
    runner = CliRunner()
    result = runner.invoke(app, ["rates", "update", "--url", url, "--rates", str(table)])
    assert result.exit_code == 0, result.stderr
    assert "rows added" in result.stderr
    assert handler.agents[0].startswith("figcheck/")
    after = table.read_bytes()
    expected = {(r.on, r.base) for r in from_bytes(served.encode(), "served")} | {(dt.date(2025, 10, 28), "USD")}
    assert {(r.on, r.base) for r in RateTable.open(table).rows()} == expected
    assert after != before
    # The server fails: one line, exit 2, the table byte-for-byte unchanged.
    handler.status = 500
    result = runner.invoke(app, ["rates", "update", "--url", url, "--rates", str(table), "--retries", "1"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "HTTP 500" in result.stderr
    assert table.read_bytes() == after
    # Nothing listens there any more after shutdown of another server: a connection error.
    result = runner.invoke(
        app, ["rates", "update", "--url", "http://127.0.0.1:9/x.zip", "--rates", str(table), "--retries", "0"]
    )
    assert result.exit_code == 2
    assert "cannot connect" in result.stderr
    assert table.read_bytes() == after


@pytest.mark.parametrize(
    "module",
    [
        "httpx",  # only `rates update` fetches
        "pydantic",  # typer 0.29 coerces every option through pydantic: ~100 ms a run (pyproject pins <0.29)
        "figcheck.figures",  # the inventory of every figure is off the check path by structure
        "figcheck.expressions",
    ],
)
def test_checking_an_article_does_not_import(module: str) -> None:
    code = (
        "import sys\n"
        "from figcheck.cli import main\n"
        f"rc = main([{str(EXAMPLE)!r}, '-f', 'json'])\n"
        f"print(rc, {module!r} in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip().splitlines()[-1] == "0 False"


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_an_article_with_no_foreign_money_does_not_import_pint(tmp_path: Path, fmt: str) -> None:
    """Issue 15: pint is for conversions; an article of yen, percentages and ordinary words that
    hold a currency word (地元, ロンドン) never loads it."""
    article = tmp_path / "a.txt"
    article.write_text(
        "2025年10月28日\n地元の元首相はロンドンで、売上高は前年比5%増の300億円だったと述べた。\n", encoding="utf-8"
    )
    code = (
        "import sys\n"
        "from figcheck.cli import main\n"
        f"rc = main([{str(article)!r}, '-f', {fmt!r}, '--no-config'])\n"
        "print(rc, 'pint' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip().splitlines()[-1] == "0 False"
