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
import math
import random
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from figcheck import __version__, currencies
from figcheck.errors import RatesError
from figcheck.i18n import _, ngettext
from figcheck.model import Feed, Rate
from figcheck.rates import HEADER, RateTable, crosses, parse_ecb_csv, spreadsheet_csv

if TYPE_CHECKING:
    import httpx

__all__ = [
    "ECB_URL",
    "FRANKFURTER_URL",
    "MAX_DOWNLOAD",
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


#: The largest body or zip member figcheck takes: the ECB's whole history is 0.6 MB zipped and
#: 7 MB unzipped; a bomb is gigabytes.
MAX_DOWNLOAD = 64 * 1024 * 1024
_MAX_RETRY_AFTER = 60.0  # seconds: a longer Retry-After is capped (the deadline still holds)


class _Retry(Exception):
    """A failure worth another try (5xx, 429, connection); ``wait`` is the server's Retry-After."""

    def __init__(self, message: str, wait: float | None = None) -> None:
        super().__init__(message)
        self.wait = wait


class Fetcher:
    """GET with a per-read timeout, an overall deadline, a size cap, a User-Agent, and a bounded retry
    with backoff and jitter (the server's Retry-After for 429 and 503)."""

    def __init__(
        self,
        client: httpx.Client | None = None,
        retries: int = 3,
        backoff: float = 0.5,
        timeout: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
        deadline: float | None = None,
        limit: int = MAX_DOWNLOAD,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """``client`` may carry a ``MockTransport`` (tests); otherwise one is made per fetch. The
        deadline (default: ten timeouts, at least two minutes) bounds the whole fetch, retries included."""
        self.client = client
        self.retries = retries
        self.backoff = backoff
        self.timeout = timeout
        self.sleep = sleep
        self.deadline = deadline if deadline is not None else max(120.0, 10 * timeout)
        self.limit = limit
        self.clock = clock

    def _client(self) -> httpx.Client:
        import httpx

        if self.client is not None:
            return self.client
        return httpx.Client(
            timeout=httpx.Timeout(self.timeout, connect=min(10.0, self.timeout)),
            headers={"User-Agent": USER_AGENT},
            follow_redirects=True,
            max_redirects=5,
        )

    def get(self, url: str, progress: Progress | None = None) -> bytes:
        """The body of ``url``; a ``RatesError`` when it cannot be had."""
        import httpx

        if not url.lower().startswith(("http://", "https://")):
            raise RatesError(_("{url}: not an http:// or https:// address").format(url=url))
        end = self.clock() + self.deadline
        client = self._client()
        last = "no attempt"
        wait: float | None = None  # the server's Retry-After of the last answer
        try:
            for attempt in range(self.retries + 1):
                if attempt:
                    pause = self.backoff * 2 ** (attempt - 1) + random.uniform(0, self.backoff)
                    if wait is not None:
                        pause = max(pause, min(wait, _MAX_RETRY_AFTER))
                    if self.clock() + pause > end:
                        break
                    self.sleep(pause)
                try:
                    return self._once(client, url, progress, end)
                except _Retry as e:
                    last, wait = str(e), e.wait
                except httpx.TimeoutException:
                    last, wait = f"timed out after {self.timeout:g}s", None
                except httpx.TooManyRedirects:
                    raise RatesError(_("{url}: too many redirects").format(url=url)) from None
                except httpx.UnsupportedProtocol as e:
                    raise RatesError(
                        _("{url}: redirected to an address figcheck does not fetch ({e})").format(url=url, e=e)
                    ) from None
                except httpx.DecodingError:
                    raise RatesError(
                        _("{url}: the body cannot be decoded as the server says it is encoded").format(url=url)
                    ) from None
                except httpx.TransportError as e:
                    last, wait = f"cannot connect ({e.__class__.__name__}: {e})", None
                except (httpx.HTTPError, httpx.InvalidURL, ValueError) as e:
                    raise RatesError(
                        _("{url}: {__name__}: {e}").format(url=url, __name__=e.__class__.__name__, e=e)
                    ) from None
        finally:
            if client is not self.client:
                client.close()
        tries = self.retries + 1
        raise RatesError(
            ngettext(
                "{url}: {last} (gave up after {tries} attempt)", "{url}: {last} (gave up after {tries} attempts)", tries
            ).format(url=url, last=last, tries=tries)
        )

    def _once(self, client: httpx.Client, url: str, progress: Progress | None, end: float) -> bytes:
        headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
        with client.stream("GET", url, headers=headers) as response:
            status = response.status_code
            if status >= 500 or status == 429:
                after = _retry_after(response.headers.get("retry-after"))
                raise _Retry(f"HTTP {status} {response.reason_phrase}", after)
            if status >= 400:
                raise RatesError(
                    _("{url}: HTTP {status} {reason_phrase}").format(
                        url=url, status=status, reason_phrase=response.reason_phrase
                    )
                )
            total = int(response.headers.get("content-length") or 0) or None
            if total is not None and total > self.limit:
                raise RatesError(
                    _("{url}: {total} bytes, more than the {value} MiB figcheck takes").format(
                        url=url, total=total, value=self.limit // 2**20
                    )
                )
            chunks: list[bytes] = []
            size = 0
            # iter_bytes decodes a Content-Encoding the server sent anyway (gzip …) one network read
            # at a time (64 KiB), so the cap below holds the decoded body too.
            for chunk in response.iter_bytes():
                chunks.append(chunk)
                size += len(chunk)
                if size > self.limit:
                    raise RatesError(
                        _("{url}: more than the {value} MiB figcheck takes").format(url=url, value=self.limit // 2**20)
                    )
                if self.clock() > end:
                    raise RatesError(
                        _("{url}: the download took longer than {deadline:g}s").format(url=url, deadline=self.deadline)
                    )
                if progress:
                    progress(size, total)
        data = b"".join(chunks)
        if not data:
            raise RatesError(_("{url}: empty response").format(url=url))
        return data


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (seconds or an HTTP date), or ``None``."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


def _ecb_text(data: bytes, name: str) -> str:
    """The CSV text inside an ECB zip (or the CSV itself), read no further than ``MAX_DOWNLOAD``."""
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                members = [i for i in archive.infolist() if i.filename.lower().endswith(".csv")]
                if not members:
                    raise RatesError(_("{name}: the zip holds no CSV file").format(name=name))
                if members[0].file_size > MAX_DOWNLOAD:
                    raise RatesError(
                        _("{name}: {filename} unzips to more than figcheck takes").format(
                            name=name, filename=members[0].filename
                        )
                    )
                with archive.open(members[0]) as member:
                    data = member.read(MAX_DOWNLOAD + 1)
                if len(data) > MAX_DOWNLOAD:
                    raise RatesError(
                        _("{name}: {filename} unzips to more than figcheck takes").format(
                            name=name, filename=members[0].filename
                        )
                    )
        except (zipfile.BadZipFile, EOFError, zlib.error):
            raise RatesError(_("{name}: a damaged zip file").format(name=name)) from None
        except (RuntimeError, NotImplementedError) as e:  # encrypted, or a compression zipfile lacks
            raise RatesError(_("{name}: a zip figcheck cannot read ({e})").format(name=name, e=e)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RatesError(_("{name}: not UTF-8 text").format(name=name)) from None


def read_ecb(data: bytes, name: str, since: dt.date | None = None) -> list[Rate]:
    """ECB historical reference rates (zip or CSV) -> JPY crosses dated ``since`` or later."""
    rates = [r for r in parse_ecb_csv(_ecb_text(data, name), name) if since is None or r.on >= since]
    if not rates:
        raise RatesError(
            _("{name}: no rates since {since} in the download").format(name=name, since=since)
            if since
            else _("{name}: no rates in the download").format(name=name)
        )
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
            raise RatesError(
                _("{name}: want rates against EUR, got base {value!r}").format(name=name, value=doc.get("base"))
            )
        days = {doc["date"]: doc["rates"]} if "date" in doc else doc["rates"]
        rates: list[Rate] = []
        for day, values in days.items():
            per_eur = {}
            for code, v in values.items():
                if not currencies.is_code(code):
                    raise RatesError(
                        _("{name}: bad currency code {code!r} for {day} (want ISO 4217)").format(
                            name=name, code=code, day=day
                        )
                    )
                if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or v <= 0:
                    raise RatesError(
                        _("{name}: bad {code} rate {v!r} for {day} (want a positive number)").format(
                            name=name, code=code, v=v, day=day
                        )
                    )
                per_eur[code] = Decimal(str(v))
            rates.extend(crosses(dt.date.fromisoformat(day), per_eur, "ECB via Frankfurter"))
    except RatesError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, InvalidOperation, RecursionError) as e:
        raise RatesError(
            _("{name}: not a Frankfurter answer ({__name__})").format(name=name, __name__=e.__class__.__name__)
        ) from None
    if not rates:
        raise RatesError(_("{name}: no JPY rates in the answer").format(name=name))
    return rates


def from_bytes(data: bytes, name: str) -> Iterator[Rate]:
    """A local file for ``rates import``: an ECB zip/CSV or a table in figcheck's own format."""
    head = data[:64].lstrip(b"\xef\xbb\xbf").replace(b'"', b"")
    if head.startswith(HEADER.encode()):
        yield from RateTable(Path(name), spreadsheet_csv(data, Path(name)).lstrip(b"\xef\xbb\xbf")).rows()
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
