"""The editor's terminal (#13): Japanese and English, the report at a glance, --fix and --diff,
and the conventions people type without thinking."""

from __future__ import annotations

import codecs
import importlib.util
import json
import os
import re
import subprocess
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from figcheck import fix, i18n
from figcheck.check import CheckOptions
from figcheck.cli import ExitCode, app, main
from figcheck.model import FileReport, Status
from figcheck.pipeline import check_text
from figcheck.report.terminal import TerminalFormatter, _wrapped
from tests.conftest import EXAMPLE, ROOT

runner = CliRunner()
WRONG = "2025年10月28日\n日本は5500億ドル（約90兆円）を投資する。英国は20億ポンド（約4000億円）を拠出する。\n"
RATES = ("--rate", "USD=153", "--rate", "GBP=180", "--no-config")


def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input, env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def figcheck(
    *args: str, env: dict[str, str] | None = None, input: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """The installed command line in a process of its own, with ``env`` on top of a clean locale."""
    base = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")}
    return subprocess.run(
        [sys.executable, "-m", "figcheck", *args],
        env={**base, **(env or {})},
        capture_output=True,
        input=input,
        timeout=60,
    )


# -- language ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "language"),
    [
        ({"LANG": "ja_JP.UTF-8"}, "ja"),
        ({"LANG": "ja_JP.eucJP"}, "ja"),
        ({"LANG": "ja"}, "ja"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
        ({"LANG": "ja_JP.UTF-8", "LC_MESSAGES": "C"}, "en"),  # LC_MESSAGES before LANG
        ({"LANG": "C", "LC_MESSAGES": "ja_JP.UTF-8"}, "ja"),
        ({"LC_ALL": "ja_JP.UTF-8", "LC_MESSAGES": "C", "LANG": "C"}, "ja"),  # LC_ALL before both
        ({"LC_ALL": "", "LANG": "ja_JP.UTF-8"}, "ja"),  # an empty variable is not set
    ],
)
def test_language_from_the_locale(env: dict[str, str], language: str) -> None:
    assert i18n.from_environment(env) == language


def _catalogue() -> object:
    spec = importlib.util.spec_from_file_location("figcheck_i18n_script", ROOT / "scripts" / "i18n.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_message_has_a_japanese_translation_with_the_same_placeholders() -> None:
    script = _catalogue()
    assert script.problems() == []  # type: ignore[attr-defined]


def test_the_shipped_catalogue_is_the_compiled_po() -> None:
    script = _catalogue()
    compiled = script.compile_mo(script.read_po())  # type: ignore[attr-defined]
    assert compiled == script.MO.read_bytes(), "run: python scripts/i18n.py compile"  # type: ignore[attr-defined]
    i18n.use("ja")
    for (msgid, plural), strings in script.read_po().items():  # type: ignore[attr-defined]
        if msgid and plural is None:
            assert i18n._(msgid) == strings[0]


def test_the_catalogue_checker_finds_a_missing_translation(tmp_path: Path) -> None:
    script = _catalogue()
    source = tmp_path / "src"
    source.mkdir()
    (source / "m.py").write_text('_("kept")\n_("new {x}")\n', encoding="utf-8")
    po = tmp_path / "ja.po"
    po.write_text('msgid "kept"\nmsgstr "残す"\n\nmsgid "gone"\nmsgstr "消えた"\n', encoding="utf-8")
    found = script.problems(source, po)  # type: ignore[attr-defined]
    assert any(p.startswith("untranslated: 'new {x}'") for p in found)
    assert any(p.startswith("obsolete: 'gone'") for p in found)
    po.write_text('msgid "kept"\nmsgstr "残す"\n\nmsgid "new {x}"\nmsgstr "新しい"\n', encoding="utf-8")
    assert any(p.startswith("placeholders differ") for p in script.problems(source, po))  # type: ignore[attr-defined]


def test_japanese_locale_gives_japanese_report() -> None:
    result = figcheck(str(EXAMPLE), env={"LANG": "ja_JP.UTF-8"})
    out = result.stdout.decode()
    assert result.returncode == 0
    assert "記事の表記" in out
    assert "一致" in out
    assert "換算2件" in out
    english = figcheck(str(EXAMPLE), "--lang", "en", env={"LANG": "ja_JP.UTF-8"})
    assert "claim as written" in english.stdout.decode()
    assert "記事の表記" not in english.stdout.decode()


def test_lang_ja_words_the_mismatch_as_a_fact_checker_does(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(WRONG, encoding="utf-8")
    code, out, _ = run(str(article), *RATES, "--lang", "ja", "-f", "json")
    assert code == ExitCode.FINDINGS
    (bad,) = [f for file in json.loads(out)["files"] for f in file["findings"] if f["status"] == "mismatch"]
    assert bad["rule"] == "conversion"
    assert bad["severity"] == "error"
    assert bad["message"] == (
        "約90兆円は合わない：5500億ドルを1ドル＝153円（--rate の指定、2025年10月28日）で換算すると84兆1500億円。"
        "「約84兆円」とするべき（この数字なら1ドル＝154.55〜181.82円）"
    )
    code_en, out_en, _ = run(str(article), *RATES, "--lang", "en", "-f", "json")
    (bad_en,) = [f for file in json.loads(out_en)["files"] for f in file["findings"] if f["status"] == "mismatch"]
    assert code_en == code
    assert set(bad_en) == set(bad)
    assert bad_en["suggestion"] == bad["suggestion"]
    assert bad_en["message"].startswith("約90兆円 does not hold: 5500億ドル at 1ドル=153円")


def test_lang_in_the_configuration_and_the_option_over_it(tmp_path: Path) -> None:
    (tmp_path / ".figcheck.toml").write_text('lang = "ja"\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text(WRONG, encoding="utf-8")
    _, out, _ = run(str(article), "--rate", "USD=153", "--rate", "GBP=180", env={"LANG": "C"})
    assert "不一致" in out
    _, out, _ = run(str(article), "--rate", "USD=153", "--rate", "GBP=180", "--lang", "en", env={"LANG": "ja_JP.UTF-8"})
    assert "MISMATCH" in out
    assert "不一致" not in out
    (tmp_path / ".figcheck.toml").write_text('lang = "fr"\n', encoding="utf-8")
    code, _, err = run(str(article))
    assert code == ExitCode.ERROR
    assert "key 'lang': want ja or en, got 'fr'" in err


def test_errors_and_help_in_japanese(tmp_path: Path) -> None:
    missing = figcheck(str(tmp_path / "nothing.txt"), env={"LANG": "ja_JP.UTF-8"})
    assert missing.returncode == 2
    assert missing.stderr.decode().strip() == f"figcheck: エラー: {tmp_path / 'nothing.txt'}: ファイルがない"
    helped = figcheck("check", "-h", "--lang", "ja")
    text = helped.stdout.decode()
    assert helped.returncode == 0
    assert text.startswith("使い方: figcheck check")
    assert "オプション:" in text
    assert "このヘルプを表示して終了する。" in text
    assert "--fix" in text
    assert figcheck("-h").stdout.decode().startswith("Usage: figcheck")


def test_the_summary_line_in_both_languages() -> None:
    report = check_text(
        WRONG, path="a.txt", rates={}, options=CheckOptions(rates={"USD": Decimal(153), "GBP": Decimal(180)})
    )
    from figcheck.report.base import summarize

    s = summarize([report])
    assert TerminalFormatter().end(s).strip() == "2 conversions: 1 ok, 1 mismatch, 0 unverifiable, 0 warnings in 1 file"
    i18n.use("ja")
    assert TerminalFormatter().end(s).strip() == "換算2件：一致1、不一致1、確認不能0、警告0件（1ファイル）"


# -- the report at a glance ----------------------------------------------------------------------


def _report(text: str = WRONG) -> FileReport:
    from decimal import Decimal

    return check_text(
        text, path="desk/a.txt", rates={}, options=CheckOptions(rates={"USD": Decimal(153), "GBP": Decimal(180)})
    )


@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize("width", [80, 120])
def test_the_claim_as_written_is_never_cut(language: str, width: int) -> None:
    from rich.cells import cell_len

    i18n.use(language)
    long_claim = "2025年10月28日\n同社は12億3456万7890ユーロ（約2170億6543万2100円）を投じる。\n"
    formatter = TerminalFormatter(width=width)
    formatter.file(_report(long_claim))
    table = formatter.end(_summary(long_claim))  # type: ignore[arg-type]
    row = [line for line in table.splitlines() if "ユーロ" in line]
    assert row
    # whole, or broken only before its bracket: each figure stays on one line
    assert "12億3456万7890ユーロ（約2170億6543万2100円）" in row[0] or (
        "12億3456万7890ユーロ" in row[0] and any("（約2170億6543万2100円）" in line for line in table.splitlines())
    )
    assert all(cell_len(line) <= width for line in table.splitlines()[:-1])


def _summary(text: str) -> object:
    from figcheck.report.base import summarize

    return summarize([_report(text)])


def test_the_table_claim_column_is_as_wide_as_the_widest_claim_at_80_columns() -> None:
    formatter = TerminalFormatter(width=80)
    formatter.file(_report())
    table = formatter.end(_summary(WRONG))  # type: ignore[arg-type]
    rows = [line for line in table.splitlines() if "億" in line]
    assert any("5500億ドル（約90兆円）" in r for r in rows)
    assert any("20億ポンド（約4000億円）" in r for r in rows)


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        # as written, to be found in the article with a search (it was 「100億ドル約1兆5300億円」)
        ("同社は100億ドル（約1兆5300億円）を投じる。", ["100億ドル（約1兆5300億円）"]),
        ("同社は100億ドル約1兆5300億円を投じる。", ["100億ドル約1兆5300億円"]),
        ("同社は100億ドル、日本円で約1兆5300億円を投じる。", ["100億ドル、日本円で約1兆5300億円"]),
        # a bracket that goes on past the figure is shown open
        ("英社は20億ポンド（約3600億円、1ポンド＝180円で換算）を投じる。", ["20億ポンド（約3600億円...）"]),
        # figures far apart: the two figures, in the text's order
        (
            "1ドル＝153円として、20億ドルは約3060億円、1ドル＝160円なら約3200億円になる。",
            ["20億ドルは約3060億円", "20億ドル ... 約3200億円"],
        ),
        ("約1兆5300億円（100億ドル）を投じる。", ["約1兆5300億円（100億ドル）"]),
    ],
)
def test_the_table_quotes_each_claim_as_the_article_writes_it(text: str, claims: list[str]) -> None:
    article = "2025年10月28日\n" + text + "\n"
    formatter = TerminalFormatter(width=120)
    formatter.file(_report(article))
    table = formatter.end(_summary(article))  # type: ignore[arg-type]
    rows = [m[1] for line in table.splitlines() if (m := re.match(r" +\d+  (.+?)  ", line))]
    assert rows == claims


def test_a_cell_is_never_cut_before_a_closing_bracket() -> None:
    assert _wrapped("（丸めて約1兆6000億円）", 22) == ["（丸めて約1兆6000億", "円）"]


@pytest.mark.parametrize("language", ["en", "ja"])
def test_no_ambiguous_width_character_in_what_figcheck_draws(language: str) -> None:
    """Outside the article's own text, the table and the figure lines draw no character a Japanese
    terminal may draw two cells wide (— ± … → ✓ ✗ and the like)."""
    i18n.use(language)
    formatter = TerminalFormatter(width=80, verbose=True, statistics=True)
    out = formatter.file(_report()) + formatter.end(_summary(WRONG))  # type: ignore[arg-type]
    drawn = [
        line
        for line in out.splitlines()
        if line.strip() and not line.startswith("    ") and " | " not in line  # not a message or an excerpt
    ]
    figures_lines = [
        line
        for line in out.splitlines()
        if line.strip().split(" ")[0] in ("written", "記事", "re-derived", "再計算", "suggested", "修正案")
    ]
    for line in drawn + figures_lines:
        assert not [ch for ch in line if unicodedata.east_asian_width(ch) == "A"], line


def test_the_caret_sits_under_the_figure_in_terminal_cells() -> None:
    from rich.cells import cell_len

    out = TerminalFormatter(width=80).piece(_report())
    lines = out.splitlines()
    for i, line in enumerate(lines):
        if " | " in line and "約90兆円" in line:
            caret = lines[i + 1]
            assert caret.index("^") == cell_len(line[: line.index("約90兆円")])
            assert caret.count("^") == cell_len("約90兆円")
            break
    else:
        pytest.fail("no excerpt")


def test_written_rederived_and_suggested_figures_are_aligned() -> None:
    out = TerminalFormatter(width=80).piece(_report())
    rows = {
        line.split()[0]: line
        for line in out.splitlines()
        if line.strip().split(" ")[0] in ("written", "re-derived", "suggested")
    }
    assert (
        rows["written"].index("約90兆円")
        == rows["re-derived"].index("84兆1500億円")
        == rows["suggested"].index("約84兆円")
    )


def test_the_rederived_figure_is_the_exact_product_and_the_rounding_is_shown() -> None:
    report = _report()
    mismatch, rounded = [f for f in report.findings if f.rule == "conversion"]
    assert mismatch.expected_text == "84兆1500億円"  # not 84兆2000億円, rounded finer than the written figure
    assert "is 84兆1500億円" in mismatch.message
    assert rounded.status is Status.OK
    assert rounded.expected_text == "3600億円"
    assert rounded.rounded_text == "約4000億円"
    formatter = TerminalFormatter(width=120)
    formatter.file(report)
    table = formatter.end(_summary(WRONG)).splitlines()  # type: ignore[arg-type]
    row = next(i for i, line in enumerate(table) if "20億ポンド（約4000億円）" in line)
    assert "3600億円" in table[row]
    assert table[row + 1].strip() == "(rounds to 約4000億円)"  # beside it, under the product
    from rich.cells import cell_len

    under = table[row + 1]
    assert cell_len(under[: under.index("(")]) == cell_len(table[row][: table[row].index("3600億円")])


def test_an_exact_figure_has_no_rounding_note() -> None:
    text = "2025年10月28日\n日本は5500億ドル（約84兆1500億円）を投資する。\n"
    (f,) = _report(text).findings
    assert f.status is Status.OK
    assert f.rounded_text is None


@pytest.mark.parametrize(
    ("text", "width"),
    [
        (
            "約90兆円は合わない：5500億ドルを1ドル＝153円（--rate の指定、2025年10月28日）で換算すると84兆1500億円。「約84兆円」とするべき（この数字なら1ドル＝154.55〜181.82円）",
            76,
        ),
        ("約90兆円 does not hold: 5500億ドル at 1ドル=153円 (--rate, 2025-10-28) is 84兆1500億円; write 約84兆円", 40),
        ("1ドル＝154.55〜181.82円、1ドル＝154.55〜181.82円、1ドル＝154.55〜181.82円", 30),
    ],
)
def test_messages_wrap_between_figures_not_inside_them(text: str, width: int) -> None:
    from rich.cells import cell_len

    lines = _wrapped(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(cell_len(line) <= width for line in lines)
    for figure in ("84兆1500億円", "154.55", "181.82円", "2025年10月28日", "5500億ドル"):
        if figure in text:
            assert any(figure in line for line in lines), (figure, lines)


def test_a_long_run_without_a_break_is_cut_where_it_must_be() -> None:
    lines = _wrapped("あ" * 50, 20)
    assert lines == ["あ" * 10] * 5


def test_unverifiable_shows_its_reason_in_the_text_report(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("日本は5500億ドル（約84兆円）を投資する。\n", encoding="utf-8")  # no date, no rate
    code, out, _ = run(str(article), "--no-config")
    assert code == 0
    assert "unverifiable" in out
    assert "no date to look up the USD rate for" in out


def test_verbose_says_where_each_rate_came_from(tmp_path: Path) -> None:
    code, out, _ = run(str(EXAMPLE), "--verbose", "--no-config")
    assert code == 0
    assert "stated in the article on line" in out
    assert "「" in out
    table = tmp_path / "rates.csv"
    table.write_text("date,base,quote,rate,kind,source\n2025-10-24,USD,JPY,152.9,reference,ECB\n", encoding="utf-8")
    article = tmp_path / "b.txt"
    article.write_text("2025年10月28日\n日本は5500億ドル（約84兆円）を投資する。\n", encoding="utf-8")
    _, out, _ = run(str(article), "--rates", str(table), "-v", "--no-config")
    assert "table row 2025-10-24 (ECB)" in out
    assert "looked up for 2025-10-28; article date: 2025-10-28 (line 1)" in out


def test_one_table_for_the_whole_run(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(WRONG, encoding="utf-8")
    _, out, _ = run(str(tmp_path), *RATES)
    headers = [line for line in out.splitlines() if "claim as written" in line]
    assert len(headers) == 1
    assert sum("MISMATCH" in line for line in out.splitlines()) == 3
    table = out[out.index("claim as written") :].splitlines()
    names = [line.strip() for line in table if line.strip().endswith(".txt")]
    assert [Path(n).name for n in names] == ["a.txt", "b.txt", "c.txt"]  # each file's name above its rows
    assert all(f"{name}:2" in out for name in ("a.txt", "b.txt", "c.txt"))


def test_quiet_prints_only_problems_and_statistics_counts(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(WRONG, encoding="utf-8")
    _, out, _ = run(str(article), *RATES, "--quiet")
    assert "claim as written" not in out
    assert "約90兆円" in out
    assert "2 conversions" in out
    _, out, _ = run(str(EXAMPLE), "-q", "--no-config")
    assert out.strip().splitlines() == ["2 conversions: 2 ok, 0 mismatch, 0 unverifiable, 0 warnings in 1 file"]
    _, out, _ = run(str(article), *RATES, "--statistics")
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.startswith("  ")}
    assert rows["conversion"] == ["1", "1", "0"]
    assert rows["USD"] == ["0", "1", "0"]
    assert rows["GBP"] == ["1", "0", "0"]


# -- --fix and --diff ----------------------------------------------------------------------------


def _fixable(tmp_path: Path, text: str, encoding: str, name: str = "a.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if encoding != "utf-8-sig" else codecs.BOM_UTF8 + text.encode("utf-8"))
    return path


@pytest.mark.parametrize(
    ("encoding", "newline"),
    [("utf-8", "\n"), ("utf-8", "\r\n"), ("utf-8-sig", "\n"), ("cp932", "\r\n"), ("euc_jp", "\n"), ("utf-16", "\r\n")],
)
def test_fix_round_trips_the_file_as_it_was(tmp_path: Path, encoding: str, newline: str) -> None:
    text = WRONG.replace("\n", newline)
    path = _fixable(tmp_path, text, encoding)
    before = path.read_bytes()
    code, _, err = run(str(path), *RATES, "--fix")
    assert code == 0, err  # what is left holds
    assert "1 figure fixed" in err
    after = path.read_bytes()
    expected = text.replace("約90兆円", "約84兆円")
    want = codecs.BOM_UTF8 + expected.encode("utf-8") if encoding == "utf-8-sig" else expected.encode(encoding)
    assert after == want
    assert after != before
    assert before[:2] == after[:2]  # the BOM (utf-16 writes one) is kept
    code, out, _ = run(str(path), *RATES, "-f", "json")
    assert code == 0
    assert all(f["status"] == "ok" for file in json.loads(out)["files"] for f in file["findings"])


def test_fix_keeps_the_files_permissions(tmp_path: Path) -> None:
    path = _fixable(tmp_path, WRONG, "utf-8")
    path.chmod(0o640)
    run(str(path), *RATES, "--fix")
    assert path.stat().st_mode & 0o777 == 0o640
    assert "約84兆円" in path.read_text(encoding="utf-8")


def test_fix_never_writes_a_file_that_changed_since_it_was_read(tmp_path: Path) -> None:
    path = _fixable(tmp_path, WRONG, "utf-8")
    report = check_text(
        WRONG, path=str(path), rates={}, options=CheckOptions(rates={"USD": Decimal(153), "GBP": Decimal(180)})
    )
    changes = fix.edits(report)
    path.write_text(WRONG + "追記。\n", encoding="utf-8")  # an editor saved in between
    with pytest.raises(Exception, match="changed since it was checked"):
        fix.write_back(report, fix.applied(report.text, changes))
    assert path.read_text(encoding="utf-8") == WRONG + "追記。\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no temporary file left


def test_fix_on_standard_input_writes_the_fixed_text_to_standard_output() -> None:
    result = figcheck("-", *RATES, "--fix", input=WRONG.encode())
    assert result.returncode == 0
    assert result.stdout.decode() == WRONG.replace("約90兆円", "約84兆円")
    assert "1 figure fixed" in result.stderr.decode()
    clean = figcheck("-", *RATES, "--fix", input=b"2025\n\xe6\x97\xa5\xe6\x9c\xac\n")
    assert clean.stdout == b"2025\n\xe6\x97\xa5\xe6\x9c\xac\n"  # nothing to fix: the text as it came


def test_diff_shows_the_fix_and_changes_nothing(tmp_path: Path) -> None:
    path = _fixable(tmp_path, WRONG, "utf-8")
    code, out, err = run(str(path), *RATES, "--diff")
    assert code == 1
    assert path.read_text(encoding="utf-8") == WRONG
    assert "-日本は5500億ドル（約90兆円）を投資する。" in out
    assert "+日本は5500億ドル（約84兆円）を投資する。" in out
    assert out.startswith("--- ")
    assert "would fix 1 figure in 1 file" in err
    relative = subprocess.run(
        ["patch", "--dry-run", "-p0", str(path)], input=out.encode(), capture_output=True, check=False
    )
    assert relative.returncode == 0 or b"not found" in relative.stderr  # `patch` reads it when installed
    assert run(str(EXAMPLE), "--diff", "--no-config")[0] == 0  # nothing to change: exit 0, no output


def test_overlapping_suggestions_are_not_fixed() -> None:
    from dataclasses import replace

    report = _report()
    (edit,) = fix.edits(report)
    assert (edit.old, edit.new) == ("約90兆円", "約84兆円")
    (wrong,) = [f for f in report.findings if f.suggestion]
    assert wrong.conversion is not None
    other = replace(wrong, suggestion="約85兆円")  # a second, different answer for the same figure
    assert fix.edits(replace(report, findings=(*report.findings, other))) == ()


def test_fix_and_diff_together_are_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run(str(EXAMPLE), "--fix", "--diff")
    assert code == ExitCode.ERROR
    assert "choose one" in err


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    dollars=st.integers(min_value=1, max_value=9999),
    written=st.integers(min_value=1, max_value=999),
    unit=st.sampled_from(["億", "兆"]),
    newline=st.sampled_from(["\n", "\r\n"]),
)
def test_property_fix_then_recheck_finds_no_error(dollars: int, written: int, unit: str, newline: str) -> None:
    from decimal import Decimal

    text = f"2025年10月28日{newline}同社は{dollars}億ドル（約{written}{unit}円）を投じる。{newline}"
    options = CheckOptions(rates={"USD": Decimal(153)})
    report = check_text(text, path="p.txt", rates={}, options=options)
    fixed = fix.applied(text, fix.edits(report))
    again = check_text(fixed, path="p.txt", rates={}, options=options)
    assert not [f for f in again.findings if f.status is Status.MISMATCH and f.suggestion]
    assert fixed.count(newline) == text.count(newline)


# -- conventions -----------------------------------------------------------------------------


def test_dash_h_is_help() -> None:
    code, out, _ = run("-h")
    assert code == 0
    assert "Usage:" in out
    code, out, _ = run("check", "-h")
    assert code == 0
    assert "--stdin-filename" in out


@pytest.mark.parametrize(
    ("args", "env", "colored"),
    [
        (("--color", "always"), {}, True),
        (("--color", "never"), {"FORCE_COLOR": "1"}, False),
        ((), {"FORCE_COLOR": "1"}, True),
        ((), {"CLICOLOR_FORCE": "1"}, True),
        ((), {"FORCE_COLOR": "0"}, False),
        ((), {"NO_COLOR": "1"}, False),
        ((), {}, False),  # not a terminal
    ],
)
def test_color_choice(args: tuple[str, ...], env: dict[str, str], colored: bool) -> None:
    clean = {"FORCE_COLOR": "", "CLICOLOR_FORCE": "", "NO_COLOR": None, **env}
    _, out, _ = run(str(EXAMPLE), "--no-config", *args, env=clean)  # type: ignore[arg-type]
    assert ("\x1b[" in out) is colored


def test_rules_explains_each_rule_from_the_registry() -> None:
    code, out, _ = run("rules", "conversion")
    assert code == 0
    assert out.startswith("conversion (default severity: error)")
    assert "Fails:" in out
    code, out, _ = run("rules")
    assert all(f"{rule} (default severity" in out for rule in ("conversion", "rate", "rate-consistency"))
    code, _, err = run("rules", "nonsense")
    assert code == ExitCode.ERROR
    assert "unknown rule 'nonsense'" in err
    code, out, _ = run("rules", "rate", "--lang", "ja")
    assert "記事の換算レートが、同じ日のレート表のレートから大きく離れている。" in out


def test_sarif_rules_carry_their_documentation(tmp_path: Path) -> None:
    _, out, _ = run(str(EXAMPLE), "-f", "sarif", "--no-config")
    rules = json.loads(out)["runs"][0]["tool"]["driver"]["rules"]
    conversion = next(r for r in rules if r["id"] == "conversion")
    assert conversion["helpUri"].endswith("#conversion")
    assert "Fails:" in conversion["fullDescription"]["text"]


def test_stdin_filename_reads_markdown_and_names_the_findings() -> None:
    text = "---\ndate: 2025-10-28\n---\n\n```\n5500億ドル（約90兆円）\n```\n\n本文は5500億ドル（約90兆円）。\n"
    code, out, _ = run(
        "-", "--stdin-filename", "desk/a.md", "--rate", "USD=153", "-f", "json", "--no-config", input=text
    )
    doc = json.loads(out)
    assert code == 1
    assert doc["files"][0]["path"] == "desk/a.md"
    assert [f["line"] for f in doc["files"][0]["findings"]] == [9]  # the code block is not checked
    code, _, err = run("-", "--stdin-filename", "", input=text)
    assert code == ExitCode.ERROR
    assert "--stdin-filename" in err


def test_shell_completion_is_offered() -> None:
    _code, out, _ = run("--help")
    assert "--install-completion" in out


def test_main_translates_before_parsing(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "--lang", "ja", "--no-such-option"])
    assert code == ExitCode.ERROR
    assert "figcheck: エラー:" in capsys.readouterr().err


def test_a_worker_speaks_its_parents_language(monkeypatch: pytest.MonkeyPatch) -> None:
    from figcheck import runner

    monkeypatch.setattr(runner, "_die_with_parent", lambda: None)
    import signal

    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        runner._init_worker([runner.Profile(None, CheckOptions())], None, None, "ja")
        assert i18n.current() == "ja"
        assert i18n._("ok") == "一致"
    finally:
        for s, h in handlers.items():
            signal.signal(s, h)


class _Terminal:
    """A stand-in standard error that says it is a terminal and records what is drawn on it."""

    def __init__(self) -> None:
        self.written: list[str] = []

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.written.append(text)
        return len(text)

    def flush(self) -> None:
        pass

    def fileno(self) -> int:
        raise OSError


def test_progress_only_on_a_terminal_outside_ci_after_two_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    from figcheck import cli

    monkeypatch.delenv("CI", raising=False)
    with cli._run_progress(10, report_elsewhere=True) as step:
        assert step is None  # standard error is not a terminal here
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setenv("CI", "true")
    with cli._run_progress(10, report_elsewhere=True) as step:
        assert step is None  # never in CI logs
    monkeypatch.delenv("CI")
    with cli._run_progress(1, report_elsewhere=True) as step:
        assert step is None  # one file: nothing to show
    clock = iter([0.0, 0.5, 3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0, 6.5, 7.0, 7.5])
    import time

    monkeypatch.setattr(time, "monotonic", lambda: next(clock, 9.0))
    with cli._run_progress(3, report_elsewhere=True) as step:
        assert step is not None
        step(FileReport("a.txt", "あ" * 1000))
        assert not "".join(terminal.written)  # under two seconds: nothing drawn
        step(FileReport("b.txt", "い" * 1000))
        step(FileReport("c.txt", ""))
    assert "checking" in "".join(terminal.written)
