"""Fresh rates over HTTP (httpx): the ECB's historical zip and the Frankfurter API.

Kept apart from ``rates`` so that checking an article never imports httpx. Every failure — DNS,
timeout, HTTP 4xx/5xx, a body that is not what the source promises, an empty download — is one
``RatesError``; 5xx answers and connection errors are retried a bounded number of times with
exponential backoff.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import time
import zipfile
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from figcheck import __version__
from figcheck.errors import RatesError
from figcheck.model import Feed, Rate
from figcheck.rates import HEADER, RateTable, crosses, parse_ecb_csv

if TYPE_CHECKING:
    import httpx

__all__ = [
    "ECB_URL",
    "FRANKFURTER_URL",
    "USER_AGENT",
    "Fetcher",
    "fetch",
    "from_bytes",
    "read_ecb",
    "read_frankfurter",
]

ECB_URL = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip"
FRANKFURTER_URL = "https://api.frankfurter.dev"
USER_AGENT = f"figcheck/{__version__} (rates update; +https://pypi.org/project/figcheck/)"

Progress = Callable[[int, int | None], None]  # (bytes so far, total or None)


class _Retry(Exception):
    """A failure worth another try (5xx, connection)."""


class Fetcher:
    """GET with timeouts, a User-Agent, and a bounded retry with backoff."""

    def __init__(
        self,
        client: httpx.Client | None = None,
        retries: int = 3,
        backoff: float = 0.5,
        timeout: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        """``client`` may carry a ``MockTransport`` (tests); otherwise one is made per fetch."""
        self.client = client
        self.retries = retries
        self.backoff = backoff
        self.timeout = timeout
        self.sleep = sleep

    def _client(self) -> httpx.Client:
        import httpx

        if self.client is not None:
            return self.client
        return httpx.Client(
            timeout=httpx.Timeout(self.timeout, connect=min(10.0, self.timeout)),
            headers={"User-Agent": USER_AGENT},
            follow_redirects=True,
        )

    def get(self, url: str, progress: Progress | None = None) -> bytes:
        """The body of ``url``; a ``RatesError`` when it cannot be had."""
        import httpx

        client = self._client()
        last = "no attempt"
        try:
            for attempt in range(self.retries + 1):
                if attempt:
                    self.sleep(self.backoff * 2 ** (attempt - 1))
                try:
                    return self._once(client, url, progress)
                except _Retry as e:
                    last = str(e)
                except httpx.TimeoutException:
                    last = f"timed out after {self.timeout:g}s"
                except httpx.TransportError as e:
                    last = f"cannot connect ({e.__class__.__name__}: {e})"
        finally:
            if client is not self.client:
                client.close()
        tries = self.retries + 1
        raise RatesError(f"{url}: {last} (gave up after {tries} attempt{'s' if tries != 1 else ''})")

    def _once(self, client: httpx.Client, url: str, progress: Progress | None) -> bytes:
        with client.stream("GET", url, headers={"User-Agent": USER_AGENT}) as response:
            if response.status_code >= 500:
                raise _Retry(f"HTTP {response.status_code} {response.reason_phrase}")
            if response.status_code >= 400:
                raise RatesError(f"{url}: HTTP {response.status_code} {response.reason_phrase}")
            total = int(response.headers.get("content-length") or 0) or None
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                chunks.append(chunk)
                size += len(chunk)
                if progress:
                    progress(size, total)
        data = b"".join(chunks)
        if not data:
            raise RatesError(f"{url}: empty response")
        return data


def _ecb_text(data: bytes, name: str) -> str:
    """The CSV text inside an ECB zip (or the CSV itself)."""
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                members = [n for n in archive.namelist() if n.lower().endswith(".csv")]
                if not members:
                    raise RatesError(f"{name}: the zip holds no CSV file")
                data = archive.read(members[0])
        except zipfile.BadZipFile:
            raise RatesError(f"{name}: a damaged zip file") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RatesError(f"{name}: not UTF-8 text") from None


def read_ecb(data: bytes, name: str, since: dt.date | None = None) -> list[Rate]:
    """ECB historical reference rates (zip or CSV) -> JPY crosses dated ``since`` or later."""
    rates = [r for r in parse_ecb_csv(_ecb_text(data, name), name) if since is None or r.on >= since]
    if not rates:
        raise RatesError(f"{name}: no rates{f' since {since}' if since else ''} in the download")
    return rates


def frankfurter_url(base: str, since: dt.date | None, until: dt.date | None) -> str:
    """The v1 single-date or time-series endpoint (rates per 1 EUR)."""
    base = base.rstrip("/")
    if since is None:
        return f"{base}/v1/latest"
    if until is None or until == since:
        return f"{base}/v1/{since.isoformat()}"
    return f"{base}/v1/{since.isoformat()}..{until.isoformat()}"


def read_frankfurter(data: bytes, name: str) -> list[Rate]:
    """A Frankfurter v1 answer (single date or time series, base EUR) -> JPY crosses."""
    try:
        doc: Any = json.loads(data)
        if doc.get("base") != "EUR":
            raise RatesError(f"{name}: want rates against EUR, got base {doc.get('base')!r}")
        days = {doc["date"]: doc["rates"]} if "date" in doc else doc["rates"]
        rates: list[Rate] = []
        for day, values in days.items():
            per_eur = {code: Decimal(str(v)) for code, v in values.items()}
            rates.extend(crosses(dt.date.fromisoformat(day), per_eur, "ECB via Frankfurter"))
    except RatesError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, InvalidOperation) as e:
        raise RatesError(f"{name}: not a Frankfurter answer ({e.__class__.__name__})") from None
    if not rates:
        raise RatesError(f"{name}: no JPY rates in the answer")
    return rates


def from_bytes(data: bytes, name: str) -> Iterator[Rate]:
    """A local file for ``rates import``: an ECB zip/CSV or a table in figcheck's own format."""
    head = data[:64].lstrip(b"\xef\xbb\xbf")
    if head.startswith(HEADER.encode()):
        yield from RateTable(Path(name), data.lstrip(b"\xef\xbb\xbf")).rows()
    else:
        yield from read_ecb(data, name)


def fetch(
    source: Feed,
    fetcher: Fetcher,
    *,
    url: str | None = None,
    since: dt.date | None = None,
    table: RateTable | None = None,
    progress: Progress | None = None,
    today: dt.date | None = None,
) -> list[Rate]:
    """The rows ``source`` offers (from ``url``, a mirror, when given): the ECB's from ``since`` on;
    Frankfurter's from ``since``, else from the last date of ``table``, to ``today``, else its latest."""
    if source is Feed.ECB:
        address = url or ECB_URL
        return read_ecb(fetcher.get(address, progress), address, since)
    first = since or (table.last_date() if table else None)
    address = frankfurter_url(url or FRANKFURTER_URL, first, (today or dt.date.today()) if first else None)
    return read_frankfurter(fetcher.get(address, progress), address)
