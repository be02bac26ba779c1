#!/usr/bin/env python3
"""Fuzzing figcheck's readers of files it does not control, for a fixed budget per target:

    python bench/fuzz_readers.py TARGET [SECONDS]     # TARGET: table, import, config, baseline

- ``table``: a rate table's bytes through ``RateTable`` (rows, look-ups, bands, coverage);
- ``import``: a file for ``rates import`` (an ECB CSV or zip, or figcheck's format) through
  ``sources.from_bytes`` and the validation every merged row passes;
- ``config``: a ``.figcheck.toml`` or ``pyproject.toml`` through ``config.load`` and ``config.find``;
- ``baseline``: a baseline file through ``baseline.read``.

A reader may refuse its input only with a ``FigcheckError`` (one line, exit 2 on the command line);
any other exception is a crash: it is shrunk, printed, and the run exits 1. Make each crash a test
in ``tests/test_reliability.py``. Inputs tried and crashes found are recorded in docs/reliability.md.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from figcheck import baseline, config  # noqa: E402
from figcheck.errors import FigcheckError  # noqa: E402
from figcheck.rates import HEADER, RateTable, validated  # noqa: E402
from figcheck.sources import from_bytes  # noqa: E402

_CELLS = st.sampled_from(
    [
        "2025-10-28",
        "9999-12-31",
        "0001-01-01",
        "USD",
        "JPY",
        "usd",
        "U,S",
        "153",
        "1e308",
        "Infinity",
        "NaN",
        "-1",
        "0",
        "1_0",
        "0.0000001",
        "house",
        "reference",
        "ECB",
        "",
        "N/A",
        "\x00",
        "\u2028",
        "日本",
        "\r",
    ]
)
_LINE = st.lists(_CELLS, min_size=1, max_size=8).map(",".join)
_TABLE = st.lists(_LINE, max_size=30).map(lambda lines: "\n".join([HEADER, *lines]) + "\n")
_ECB = st.lists(_LINE, max_size=30).map(lambda lines: "\n".join(["Date,USD,JPY,GBP,", *lines]) + "\n")
_TOML_PIECES = st.sampled_from(
    [
        "[tool.figcheck]\n",
        "[tool]\n",
        "figcheck = 5\n",
        'rates = "x.csv"\n',
        "date = 2025-10-28\n",
        'date = "9999-12-31"\n',
        'rate = {USD = "153"}\n',
        "rate = {USD = 1e400}\n",
        "tolerance = 0.02\n",
        "tolerance = nan\n",
        "reference-window = 30\n",
        "reference-window = -1\n",
        'include = ["**/*.md"]\n',
        "exclude = [1]\n",
        'severity = {conversion = "error"}\n',
        'severity = {x = "y"}\n',
        'fail-on = "never"\n',
        'format = "json"\n',
        "[[tool.figcheck]]\n",
        "a = [" * 5,
        "\xff",
        "\x00",
        "tool = 'x'\n",
    ]
)
_TOML = st.lists(_TOML_PIECES, max_size=12).map("".join)
_JSON_PIECES = st.sampled_from(
    [
        '{"version": 1, "findings": [',
        '{"path": "a.txt", "rule": "conversion", "text": "x"}',
        ",",
        "]}",
        '{"version": 2}',
        "[",
        "]",
        "{",
        "}",
        "null",
        '"',
        "1e999",
        "\x00",
        '{"path": 1}',
    ]
)
_JSON = st.lists(_JSON_PIECES, max_size=20).map("".join)


def _zipped(text: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("eurofxref-hist.csv", text)
    return buf.getvalue()


def _table(text: str) -> None:
    t = RateTable(Path("fuzz.csv"), text.encode("utf-8", "surrogatepass"))
    list(t.rows())
    for on in (dt.date(2025, 10, 28), dt.date(1999, 1, 4)):
        t.lookup("USD", "JPY", on)
        t.band("USD", "JPY", on, 30)
    t.coverage("USD", "JPY")
    t.last_date()


def _import(text: str, zipped: bool) -> None:
    data = _zipped(text) if zipped else text.encode("utf-8", "surrogatepass")
    validated(list(from_bytes(data, "fuzz")), "fuzz")


def _config(text: str, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(text.encode("utf-8", "surrogateescape"))
        (Path(tmp) / ".git").mkdir()
        config.load(path)
        config.find(Path(tmp))


def _baseline(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "base.json"
        path.write_bytes(text.encode("utf-8", "surrogateescape"))
        baseline.read(path)


def _refused_only(work: object, *args: object) -> None:
    """``work`` either succeeds or refuses with figcheck's own error (one line, exit 2); anything
    else is a crash the fuzzer reports."""
    with contextlib.suppress(FigcheckError):
        work(*args)  # type: ignore[operator]


SETTINGS = settings(max_examples=300, deadline=None, database=None, suppress_health_check=list(HealthCheck))
TARGETS = {
    "table": given(st.one_of(_TABLE, st.text(max_size=300)))(lambda t: _refused_only(_table, t)),
    "import": given(st.one_of(_ECB, _TABLE), st.booleans())(lambda t, z: _refused_only(_import, t, z)),
    "config": given(_TOML, st.sampled_from([".figcheck.toml", "pyproject.toml"]))(
        lambda t, n: _refused_only(_config, t, n)
    ),
    "baseline": given(st.one_of(_JSON, st.text(max_size=200)))(lambda t: _refused_only(_baseline, t)),
}


def main(argv: list[str]) -> int:
    """Run the target in batches until its budget is spent; a crash is shrunk, printed, exit 1."""
    if not argv or argv[0] not in TARGETS:
        print(__doc__)
        return 2
    name, budget = argv[0], float(argv[1]) if len(argv) > 1 else 120.0
    target = SETTINGS(TARGETS[name])
    deadline = time.monotonic() + budget
    batches = 0
    while time.monotonic() < deadline:
        target()
        batches += 1
    print(f"fuzz {name}: {batches * 300} inputs in {budget:g}s, no crash")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
