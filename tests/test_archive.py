"""``figcheck archive`` (#17): archives of articles in, findings out as JSON Lines or Parquet, checked
here or on a Dask cluster, with the same bytes either way; bad records are notes, never the end."""

from __future__ import annotations

import gzip
import io
import json
import os
import pickle
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from figcheck import archive
from figcheck.archive import engines, records
from figcheck.archive.records import BadRecord, Chunk, Fields, Record
from figcheck.archive.work import Done, Settings, check_chunk
from figcheck.cli import app
from figcheck.context import CheckOptions
from figcheck.rates import RateStack
from figcheck.runner import Profile
from tests.conftest import EXAMPLE

HOUSE = "date,base,quote,rate,kind,source\n2025-10-28,USD,JPY,153,house,desk\n2025-10-28,EUR,JPY,178,house,desk\n"


def jsonl(*rows: object) -> bytes:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows).encode()


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, ["archive", "--no-config", *args])


def lines(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines()]


# -- reading records -----------------------------------------------------------------------------


def read_one(raw: bytes, line: int = 2, fields: Fields | None = None) -> Record | BadRecord:
    (got,) = records.records(Chunk(0, "a.jsonl", line, (raw,)), fields or Fields())
    return got


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            b'{"id": "a1", "text": "\xe6\x9c\xac\xe6\x96\x87", "date": "2025-10-28", "url": "https://example.jp/1"}',
            ("a1", "本文", "2025-10-28", "https://example.jp/1"),
        ),
        (b'{"id": 17, "text": "x"}', (17, "x", None, None)),
        (b'{"id": "a", "text": "x", "date": "2025-10-28T09:30:00+09:00"}', ("a", "x", "2025-10-28", None)),
        (b'{"id": "a", "text": "x", "date": null, "url": 5}', ("a", "x", None, None)),
        (b'{"id": "a", "text": ""}', ("a", "", None, None)),
    ],
)
def test_good_records(raw: bytes, expected: tuple[object, ...]) -> None:
    got = read_one(raw)
    assert isinstance(got, Record)
    assert (got.id, got.text, got.date.isoformat() if got.date else None, got.url) == expected
    assert (got.archive, got.line) == ("a.jsonl", 2)


@pytest.mark.parametrize(
    ("raw", "rid", "problem"),
    [
        (b"not json", None, "not a JSON record"),
        (b"[1, 2]", None, "not a JSON object"),
        (b'{"text": "x"}', None, "no 'id' field"),
        (b'{"id": true, "text": "x"}', None, "'id' is not a string or an integer"),
        (b'{"id": 1.5, "text": "x"}', None, "'id' is not a string or an integer"),
        (b'{"id": "", "text": "x"}', None, "'id' is not a string or an integer"),
        (b'{"id": "a", "body": "x"}', "a", "no 'text' field"),
        (b'{"id": "a", "text": ["x"]}', "a", "'text' is not a string"),
        (b'{"id": "a", "text": "\\ud800"}', "a", "'text' is not valid Unicode"),
        (b'{"id": "a", "text": "x", "date": "yesterday"}', "a", "'date' is not a date"),
        (b'{"id": "a", "text": "x", "date": "0001-01-01"}', "a", "'date' is not a date"),
        (b'{"id": "a", "text": "x", "date": 20251028}', "a", "'date' is not a date"),
        (b'{"id": "a", "text": "\xff\xfe"}', None, "not UTF-8 (byte 22)"),
        (b'{"id": "a", "text": "x", "n": 1' + b"0" * 5000 + b"}", None, "not a JSON record"),
    ],
)
def test_bad_records_say_why(raw: bytes, rid: object, problem: str) -> None:
    got = read_one(raw)
    assert isinstance(got, BadRecord)
    assert (got.id, got.line) == (rid, 2)
    assert got.problem.startswith(problem)


def test_field_names_are_configurable_and_blank_lines_are_no_records() -> None:
    fields = Fields(id="article_id", text="body", date="published_at", url="link")
    raw = b'{"article_id": "x9", "body": "b", "published_at": "2024-01-05", "link": "u"}'
    chunk = Chunk(0, "a.jsonl", 1, (b"\n", raw, b"   \n"))
    (got,) = records.records(chunk, fields)
    assert isinstance(got, Record)
    assert (got.id, got.text, str(got.date), got.url, got.line) == ("x9", "b", "2024-01-05", "u", 2)


def test_a_bom_on_the_first_line_only() -> None:
    assert isinstance(read_one(b'\xef\xbb\xbf{"id": "a", "text": "x"}', line=1), Record)
    assert isinstance(read_one(b'\xef\xbb\xbf{"id": "a", "text": "x"}', line=2), BadRecord)


def test_a_record_past_the_limit_is_skipped_without_holding_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(records, "MAX_RECORD", 64)
    data = jsonl({"id": "a", "text": "x" * 500}, {"id": "b", "text": "y"})
    got = [r for _, rows in records._line_chunks(io.BytesIO(data), "a.jsonl", 10) for r in rows]
    assert got[0] == records._TOO_LONG
    parsed = list(records.records(Chunk(0, "a.jsonl", 1, tuple(got)), Fields()))
    assert isinstance(parsed[0], BadRecord)
    assert "longer than" in parsed[0].problem
    assert isinstance(parsed[1], Record)
    assert (parsed[1].id, parsed[1].line) == ("b", 2)


def test_chunks_are_cut_by_records_and_keep_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(jsonl(*({"id": i, "text": "x"} for i in range(25))))
    cut = list(records.chunks(str(path), Fields(), 10))
    assert [(first, len(rows)) for first, rows in cut] == [(1, 10), (11, 10), (21, 5)]


# -- the command ---------------------------------------------------------------------------------

# Passages of our own in the style of wire copy; the house rate of 2025-10-28 is 1ドル＝153円.
CONSISTENT = "【ワシントン＝共同】日米両政府は、日本が5500億ドル（約84兆円）を投じることで合意した。"
WRONG = "【ワシントン＝共同】日本が米国に5500億ドル（約85兆円）を投じる。"
DISTRACTOR = "地元の元首相は、円安が進むロンドンでブランドの話をした。予算は84兆円にのぼる。"


@pytest.fixture
def house(tmp_path: Path) -> Path:
    path = tmp_path / "house.csv"
    path.write_text(HOUSE, encoding="utf-8")
    return path


def test_findings_come_out_keyed_by_record_id(tmp_path: Path, house: Path) -> None:
    data = tmp_path / "export.jsonl"
    data.write_bytes(
        jsonl(
            {"id": "c", "text": CONSISTENT, "date": "2025-10-28", "url": "https://example.jp/c"},
            {"id": "w", "text": WRONG, "date": "2025-10-28"},
            {"id": "d", "text": DISTRACTOR, "date": "2025-10-28"},
            "{broken",
            {"id": "n", "body": WRONG},
        )
    )
    result = invoke(str(data), "--rates", str(house))
    assert result.exit_code == 1, result.output
    out = lines(result.stdout)
    assert [(o["id"], o["line"]) for o in out] == [("c", 1), ("w", 2), (None, 4), ("n", 5)]
    assert out[0]["url"] == "https://example.jp/c"
    assert [f["status"] for f in out[0]["findings"]] == ["ok"]
    assert [(f["status"], f["suggestion"]) for f in out[1]["findings"]] == [("mismatch", "約84兆円")]
    assert out[1]["date"] == {"value": "2025-10-28", "origin": "given", "line": None}
    assert out[2]["error"].startswith("not a JSON record")
    assert out[3] == {"id": "n", "archive": str(data), "line": 5, "error": "no 'text' field"}
    assert f"{data}:4: record: not a JSON record" in result.stderr
    assert f"{data}:5: record \"n\": no 'text' field" in result.stderr
    assert "3 records, 2 conversions: 1 ok, 1 mismatch, 0 unverifiable, 0 warnings, 2 bad records" in result.stderr


def test_the_record_date_is_the_article_date(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text(HOUSE + "2019-01-04,USD,JPY,108,house,desk\n", encoding="utf-8")
    data = tmp_path / "a.jsonl"
    text = "2019年1月4日 10時30分\n" + CONSISTENT
    data.write_bytes(jsonl({"id": 1, "text": text, "date": "2025-10-28"}, {"id": 2, "text": text}))
    out = lines(invoke(str(data), "--rates", str(table), "--all-records").stdout)
    assert [f["status"] for f in out[0]["findings"]] == ["ok"]  # at 153, the record's date
    assert [f["suggestion"] for f in out[1]["findings"]] == ["約59兆円"]  # at 108, the dateline's


def test_every_record_or_only_those_with_findings(tmp_path: Path, house: Path) -> None:
    data = tmp_path / "a.jsonl"
    data.write_bytes(jsonl({"id": "d", "text": DISTRACTOR}, {"id": "c", "text": CONSISTENT, "date": "2025-10-28"}))
    assert [o["id"] for o in lines(invoke(str(data), "--rates", str(house)).stdout)] == ["c"]
    every = lines(invoke(str(data), "--rates", str(house), "--all-records").stdout)
    assert [(o["id"], len(o["findings"])) for o in every] == [("d", 0), ("c", 1)]


@pytest.mark.parametrize("fail_on", ["never", "error"])
def test_exit_codes(tmp_path: Path, house: Path, fail_on: str) -> None:
    data = tmp_path / "a.jsonl"
    data.write_bytes(jsonl({"id": "w", "text": WRONG, "date": "2025-10-28"}))
    assert invoke(str(data), "--rates", str(house), "--fail-on", fail_on).exit_code == (0 if fail_on == "never" else 1)
    data.write_bytes(jsonl({"id": "c", "text": CONSISTENT, "date": "2025-10-28"}, "oops"))
    assert invoke(str(data), "--rates", str(house)).exit_code == 0  # a bad record is a note, not a failure


def archive_of(n: int, seed: int = 7) -> bytes:
    """``n`` records in the proportions of a real archive: a few converting, right or wrong, a
    few bad, most plain prose."""
    rnd = random.Random(seed)
    rows: list[object] = []
    for i in range(n):
        roll = rnd.random()
        usd = rnd.choice([5500, 1200, 100, 20, 3.5])
        if roll < 0.06:
            yen = round(usd * 153 / 10000 * rnd.choice([1, 1, 1.1]), 1)
            text = (
                f"日本は{usd}億ドル（約{yen}兆円）を投じる。"
                if usd >= 1000
                else f"同社は{usd}億ドル（約{int(usd * 153)}億円）を調達した。"
            )
        elif roll < 0.35:
            text = f"政府は{i}億円の予算を計上した。前年比{rnd.randint(1, 30)}％増。"
        else:
            text = DISTRACTOR
        rows.append({"id": f"r{i:06d}", "text": text, "date": f"2025-10-{rnd.randint(1, 28):02d}"})
        if rnd.random() < 0.004:
            rows.append("garbage")
    return jsonl(*rows)


def run_local(path: Path, jobs: int, size: int = 100, **kwargs: Any) -> tuple[str, archive.Totals]:
    out = io.StringIO()
    settings = Settings(Profile(RateStack(()), CheckOptions(rates={"USD": 153})), Fields(), "en")
    totals = archive.run([str(path)], settings, archive.JsonLines(out), jobs=jobs, size=size, **kwargs)
    return out.getvalue(), totals


def test_compressed_archives_read_as_plain(tmp_path: Path) -> None:
    import zstandard

    data = archive_of(600)
    plain, gz, zst = tmp_path / "a.jsonl", tmp_path / "a.jsonl.gz", tmp_path / "a.jsonl.zst"
    plain.write_bytes(data)
    gz.write_bytes(gzip.compress(data))
    zst.write_bytes(zstandard.ZstdCompressor().compress(data))
    want, totals = run_local(plain, 1)
    assert totals.counts["files"] > 590
    for other in (gz, zst):
        got, _ = run_local(other, 1)
        assert got.replace(str(other), str(plain)) == want


def test_a_damaged_archive_keeps_what_was_read_and_the_run_goes_on(tmp_path: Path) -> None:
    data = archive_of(3000)
    cut = tmp_path / "cut.jsonl.gz"
    whole = gzip.compress(data)
    cut.write_bytes(whole[: len(whole) // 2])
    good = tmp_path / "good.jsonl"
    good.write_bytes(jsonl({"id": "g", "text": WRONG}))
    result = invoke(str(cut), str(good), "--rate", "USD=153")
    assert result.exit_code == 2
    out = lines(result.stdout)
    assert out[-1]["id"] == "g"
    assert any(o["archive"] == str(cut) for o in out)
    assert f"{cut}:" in result.stderr
    assert "the archive is damaged" in result.stderr
    assert "1 unreadable archive" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.jsonl"], "missing.jsonl: cannot read: No such file or directory"),
        (["a.jsonl", "--format", "parquet"], "give the file to write with -o FILE.parquet"),
        (["a.jsonl", "--rate", "USD=-1"], "--rate 'USD=-1'"),
        (["a.jsonl", "--date", "2025/10/28"], "--date '2025/10/28': want a date as YYYY-MM-DD"),
    ],
)
def test_user_errors_are_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.jsonl").write_bytes(jsonl({"id": 1, "text": "x"}))
    result = invoke(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_the_output_never_replaces_an_input(tmp_path: Path) -> None:
    data = tmp_path / "a.jsonl"
    data.write_bytes(jsonl({"id": "w", "text": WRONG}))
    before = data.read_bytes()
    result = invoke(str(data), "-o", str(data), "--rate", "USD=153")
    assert result.exit_code == 2
    assert "is one of the inputs" in result.stderr
    assert data.read_bytes() == before


def test_parquet_in_and_out(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    source = [json.loads(line) for line in archive_of(400).splitlines() if line.startswith(b"{")]
    table = pa.table({k: [r[k] for r in source] for k in ("id", "text", "date")})
    parquet_in = tmp_path / "export.parquet"
    pq.write_table(table, parquet_in, row_group_size=150)
    as_jsonl = tmp_path / "export.jsonl"
    as_jsonl.write_bytes(jsonl(*source))
    from_parquet, _ = run_local(parquet_in, 1)
    from_jsonl, _ = run_local(as_jsonl, 1)
    assert from_parquet.replace(str(parquet_in), str(as_jsonl)) == from_jsonl

    out = tmp_path / "findings.parquet"
    result = invoke(str(as_jsonl), "--rate", "USD=153", "-o", str(out))
    assert result.exit_code == 1, result.output
    rows = pq.read_table(out).to_pylist()
    expected = [(o["id"], f["status"]) for o in lines(from_jsonl) for f in o["findings"]]
    assert [(r["id"], r["status"]) for r in rows] == expected
    assert {r["rule"] for r in rows} == {"conversion"}
    wrong = next(r for r in rows if r["status"] == "mismatch")
    assert json.loads(wrong["finding"])["suggestion"] == wrong["suggestion"]


def test_an_fsspec_url(tmp_path: Path) -> None:
    import fsspec

    fs = fsspec.filesystem("memory")
    with fs.open("/desk/export.jsonl.gz", "wb") as f:
        f.write(gzip.compress(jsonl({"id": "w", "text": WRONG})))
    try:
        result = invoke("memory://desk/export.jsonl.gz", "--rate", "USD=153")
    finally:
        fs.rm("/desk", recursive=True)
    assert result.exit_code == 1, result.output
    assert [(o["id"], o["archive"]) for o in lines(result.stdout)] == [("w", "memory://desk/export.jsonl.gz")]


def test_the_local_pool_gives_the_same_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(archive_of(3000))
    serial, totals = run_local(path, 1, size=128)
    parallel, again = run_local(path, 2, size=128)
    assert parallel == serial
    assert again == totals
    assert totals.counts["mismatch"] > 0
    assert totals.bad > 0


def test_shipped_tables_need_no_file(tmp_path: Path) -> None:
    table = tmp_path / "house.csv"
    table.write_text(HOUSE, encoding="utf-8")
    shipped = pickle.dumps(RateStack((table,)).shipped())
    table.unlink()
    stack = pickle.loads(shipped)
    import datetime as dt

    found = stack.lookup("USD", "JPY", dt.date(2025, 10, 28))
    assert found is not None
    assert str(found.rate.value) == "153"


def test_the_check_path_never_imports_the_archive_engines() -> None:
    code = (
        "import sys; from figcheck.cli import main; main(['check', sys.argv[1]]) if False else None\n"
        "try:\n    main(['check', '--format', 'json', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('dask', 'distributed', 'pyarrow', 'fsspec', 'zstandard', 'figcheck.archive') if m in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(EXAMPLE)], capture_output=True, text=True, check=True)
    assert proc.stdout.strip().splitlines()[-1] == "[]"


# -- on a Dask cluster ---------------------------------------------------------------------------


def flaky(chunk: Chunk, settings: Settings) -> Done:
    """``check_chunk``, failing the first time it meets each chunk (a marker file says it did)."""
    marker = Path(os.environ["FIGCHECK_FLAKY_DIR"]) / f"{chunk.index}"
    if not marker.exists():
        marker.touch()
        raise RuntimeError("a worker fell over")
    return check_chunk(chunk, settings)


@pytest.fixture(scope="module")
def cluster() -> Any:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None, processes=True
    ) as running:
        yield running


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::ResourceWarning")
def test_a_dask_cluster_gives_the_bytes_of_a_local_run(tmp_path: Path, cluster: Any) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(archive_of(4000))
    local, totals = run_local(path, 1, size=150)
    remote, on_dask = run_local(path, 1, size=150, scheduler=cluster.scheduler_address)
    assert remote == local
    assert on_dask == totals
    assert local.count("\n") > 200


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::ResourceWarning")
def test_dask_retries_a_failed_chunk(tmp_path: Path, cluster: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(archive_of(500))
    marks = tmp_path / "marks"
    marks.mkdir()
    cluster_env = {"FIGCHECK_FLAKY_DIR": str(marks)}
    monkeypatch.setenv("FIGCHECK_FLAKY_DIR", str(marks))
    from distributed import Client

    with Client(cluster.scheduler_address) as client:
        client.run(lambda: os.environ.update(cluster_env))
    settings = Settings(Profile(RateStack(()), CheckOptions(rates={"USD": 153})), Fields(), "en")
    pieces = [
        Chunk(i, str(path), first, rows) for i, (first, rows) in enumerate(records.chunks(str(path), Fields(), 100))
    ]
    done = list(engines.on_cluster(pieces, settings, cluster.scheduler_address, work=flaky))
    assert [d.index for d in done] == list(range(len(pieces)))
    assert len(list(marks.iterdir())) == len(pieces)  # every chunk failed once and was run again
    assert "".join(d.lines for d in done) == "".join(check_chunk(c, settings).lines for c in pieces)


@pytest.mark.slow
def test_an_unreachable_scheduler_is_one_line() -> None:
    settings = Settings(Profile(RateStack(()), CheckOptions()), Fields(), "en")
    from figcheck.errors import FigcheckError

    with pytest.raises(FigcheckError, match="cannot reach the Dask scheduler"):
        list(engines.on_cluster([Chunk(0, "a", 1, (b"{}",))], settings, "tcp://127.0.0.1:9", timeout=1))
