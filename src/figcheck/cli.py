"""The command line: options, configuration, choosing the format, exit codes.

The only module that knows about argv, the environment and the terminal.
"""

import datetime as dt
import math
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from decimal import Decimal
from enum import IntEnum
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from typer.core import TyperGroup

from figcheck import __version__, atomic
from figcheck import config as cfg
from figcheck.errors import ConfigError, FigcheckError
from figcheck.escape import shown
from figcheck.i18n import N_, _, ngettext
from figcheck.model import (
    REFERENCE_WINDOW_DAYS,
    ArchiveFormat,
    ColorChoice,
    FailLevel,
    Feed,
    FigureKind,
    FileReport,
    Language,
    ListingFormat,
    OutputFormat,
)

__all__ = ["ExitCode", "app", "main"]


class ExitCode(IntEnum):
    """Process exit codes (DESIGN.md, "Output contract")."""

    OK = 0
    FINDINGS = 1
    ERROR = 2  # usage, input, configuration or rate-table error
    INTERRUPTED = 130


# typer vendors click; its base exception is found by name so as not to import a private module.
_CLICK_ERROR: type[typer.BadParameter] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
_DEFAULT_COMMAND = "check"
_ROOT_OPTIONS = ("--help", "-h", "--version", "--install-completion", "--show-completion")
_CONTEXT = {"help_option_names": ["-h", "--help"]}
# Columns the help may take in a terminal that wide or wider: click's own cap, 80, cut the commands'
# summaries short with "..." in a wide terminal (the Japanese help is wrapped in columns: _translate).
_HELP_WIDTH = 120


def _quiet_stdout() -> None:
    """After a broken pipe: standard output goes nowhere, so that Python's flush at exit neither
    fails nor prints."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _error(message: str) -> None:
    """One line on standard error: ``figcheck: error: …``, the message's controls and line breaks escaped."""
    print(_("figcheck: error: {message}").format(message=shown(message)), file=sys.stderr)


class _Group(TyperGroup):
    """``figcheck PATH…`` means ``figcheck check PATH…``; every usage error is one line, exit 2."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in _ROOT_OPTIONS:
            args = [_DEFAULT_COMMAND, *args]
        return super().parse_args(ctx, args)

    def main(  # type: ignore[override]
        self, args: Any = None, prog_name: str | None = None, standalone_mode: bool = True, **extra: Any
    ) -> Any:
        try:
            code = super().main(args=args, prog_name=prog_name or "figcheck", standalone_mode=False, **extra)
        except KeyboardInterrupt:
            code = ExitCode.INTERRUPTED
        except typer.Abort:
            code = ExitCode.INTERRUPTED
        except FigcheckError as e:
            _error(str(e))
            code = ExitCode.ERROR
        except OSError as e:  # one the commands did not word themselves (those are FigcheckErrors)
            if isinstance(e, BrokenPipeError):
                raise
            where = f"{e.filename}: " if e.filename else ""
            _error(f"{where}{e.strerror or e}")
            code = ExitCode.ERROR
        except _CLICK_ERROR as e:
            if type(e).__name__ == "NoArgsIsHelpError":  # bare `figcheck` or `figcheck rates`: the help
                print(e.format_message(), file=sys.stderr)
            else:
                ctx = getattr(e, "ctx", None)
                hint = _(" (see '{command} --help')").format(command=ctx.command_path) if ctx is not None else ""
                _error(f"{e.format_message()}{hint}")
            code = e.exit_code
        code = int(code or 0)
        if standalone_mode:
            sys.exit(code)
        return code


def _app() -> typer.Typer:
    return typer.Typer(
        cls=_Group,
        context_settings=_CONTEXT,
        no_args_is_help=True,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        help=N_("Check the currency conversions in Japanese news text."),
    )


app = _app()
#: ``figcheck PATH…``, the usual run: the same group with the check command alone, so that typer
#: builds one command's options rather than every command's (``main``).
_check_only = _app()


def _version(value: bool) -> None:
    if value:
        print(f"figcheck {__version__}")
        raise typer.Exit()


@_check_only.callback()
@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help=N_("Print the version and exit."))
    ] = False,
) -> None:
    """figcheck re-derives every yen conversion of a foreign amount and reports those that do not hold."""


def _parse_rates(values: list[str]) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for raw in values:
        code, sep, number = raw.partition("=")
        entry = cfg.rate_entry(code, number) if sep else None
        if entry is None:
            raise ConfigError(
                _("--rate {raw!r}: want CUR=VALUE with a positive yen value, e.g. --rate USD=153").format(raw=raw)
            )
        out[entry[0]] = entry[1]
    return out


def _parse_date(raw: str | None, what: str = "--date") -> dt.date | None:
    return None if raw is None else cfg.parse_day(raw, what)


def _width(stream: TextIO | None = None) -> int:
    """The terminal's width (``COLUMNS`` first), or 100 columns when output is not a terminal."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and 20 <= int(columns) <= 1000:
        return int(columns)
    return shutil.get_terminal_size((100, 24)).columns if (stream or sys.stdout).isatty() else 100


def _use_color(choice: ColorChoice = ColorChoice.AUTO, stream: TextIO | None = None) -> bool:
    """``--color always|never``; with ``auto``: ``FORCE_COLOR``/``CLICOLOR_FORCE`` (set, not 0) turn
    colour on, ``NO_COLOR`` off, else a terminal that is not ``TERM=dumb`` gets colour."""
    if choice is not ColorChoice.AUTO:
        return choice is ColorChoice.ALWAYS
    env = os.environ
    if any(env.get(name, "") not in ("", "0") for name in ("FORCE_COLOR", "CLICOLOR_FORCE")):
        return True
    if "NO_COLOR" in env:
        return False
    return (stream or sys.stdout).isatty() and env.get("TERM") != "dumb"


def _language(lang: Language | None, conf: cfg.Config | None = None) -> None:
    """Speak ``--lang``, else the configuration's ``lang``, else the locale's language."""
    from figcheck import i18n

    i18n.use(str(lang or (conf.lang if conf is not None else None) or i18n.from_environment()))


LangOption = Annotated[
    Language | None,
    typer.Option(
        "--lang", help=N_("Language of messages: ja or en (default: lang = in the configuration, else the locale).")
    ),
]
ColorOption = Annotated[
    ColorChoice, typer.Option("--color", help=N_("Colour: auto (a terminal, NO_COLOR, FORCE_COLOR), always or never."))
]


def _load_config(config: Path | None, no_config: bool, paths: list[str]) -> cfg.Config:
    if no_config:
        return cfg.Config()
    if config is not None:
        return cfg.load(config)
    first = next((p for p in paths if p != "-"), ".")
    found = cfg.find(Path(first))
    return cfg.load(found) if found else cfg.Config()


def _auto_format() -> OutputFormat:
    """GitHub annotations under GitHub Actions, the rich report everywhere else."""
    return OutputFormat.GITHUB if os.environ.get("GITHUB_ACTIONS") == "true" else OutputFormat.TEXT


RateOption = Annotated[
    list[str] | None,
    typer.Option(
        "--rate", metavar="CUR=VALUE", help=N_("A rate to use when the article states none: CUR=VALUE (yen).")
    ),
]
DateOption = Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD", help=N_("The rate date."))]
RatesOption = Annotated[Path | None, typer.Option("--rates", metavar="FILE", help=N_("Another rate table (CSV)."))]
FailOnOption = Annotated[
    FailLevel | None, typer.Option("--fail-on", help=N_("Exit 1 on problems at or above this level (never: exit 0)."))
]
ToleranceOption = Annotated[
    str | None,
    typer.Option("--tolerance", metavar="FRACTION", help=N_("Tolerance around a reference rate, e.g. 0.02.")),
]
WindowOption = Annotated[
    str | None,
    typer.Option(
        "--reference-window",
        metavar="DAYS",
        help=N_("A table rate holds a figure converted at any rate of this many days before (default 30)."),
    ),
]
ConfigOption = Annotated[
    Path | None, typer.Option("--config", metavar="FILE", help=N_("Read this configuration file."))
]
NoConfigOption = Annotated[bool, typer.Option("--no-config", help=N_("Ignore configuration files."))]


@_check_only.command(_DEFAULT_COMMAND, help=N_("Check the conversions in PATHS."))
@app.command(_DEFAULT_COMMAND, help=N_("Check the conversions in PATHS."))
def check_command(
    paths: Annotated[
        list[str] | None,
        typer.Argument(metavar="PATH", help=N_("Files, directories (*.txt, *.md) or - for standard input.")),
    ] = None,
    rate: RateOption = None,
    date: DateOption = None,
    rates: RatesOption = None,
    fmt: Annotated[
        OutputFormat | None,
        typer.Option("--format", "-f", help=N_("Output format (default: github under GitHub Actions, else text).")),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help=N_("Write the report to FILE (atomically)."))
    ] = None,
    fail_on: FailOnOption = None,
    tolerance: ToleranceOption = None,
    reference_window: WindowOption = None,
    config: ConfigOption = None,
    no_config: NoConfigOption = False,
    baseline: Annotated[
        Path | None, typer.Option("--baseline", metavar="FILE", help=N_("Report only findings not in FILE."))
    ] = None,
    write_baseline: Annotated[
        Path | None, typer.Option("--write-baseline", metavar="FILE", help=N_("Record the current findings in FILE."))
    ] = None,
    changed_since: Annotated[
        str | None,
        typer.Option("--changed-since", metavar="REF", help=N_("Check only files changed since this git ref.")),
    ] = None,
    encoding: Annotated[
        str | None, typer.Option("--encoding", metavar="NAME", help=N_("Force the input encoding."))
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", metavar="N", min=1, help=N_("Check files in N processes (default: the cores).")),
    ] = None,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix", help=N_("Write each suggested figure into the file (standard input: to standard output).")
        ),
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help=N_("Print the suggested figures as a unified diff; change nothing."))
    ] = False,
    stdin_filename: Annotated[
        str | None,
        typer.Option(
            "--stdin-filename", metavar="NAME", help=N_("The name standard input is reported (and read) as, e.g. a.md.")
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help=N_("Print only problems and the summary."))] = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose", "-v", help=N_("Show for every conversion which rate was used and where it came from.")
        ),
    ] = False,
    statistics: Annotated[
        bool, typer.Option("--statistics", help=N_("Count the findings per rule and per currency."))
    ] = False,
    lang: LangOption = None,
    color: ColorOption = ColorChoice.AUTO,
) -> None:
    """Check the conversions in PATHS."""
    from collections import Counter

    from figcheck import baseline as baselines
    from figcheck.inputs import Selection, expand
    from figcheck.inputs import changed_since as git_changed
    from figcheck.report.base import formatter_for
    from figcheck.runner import run

    paths = list(paths or [])
    if not paths and not changed_since:
        raise ConfigError(_("give at least one PATH (a file, a directory, or - for standard input)"))
    conf = _load_config(config, no_config, paths)
    _language(lang, conf)
    if fix and diff:
        raise ConfigError(_("--fix and --diff: choose one"))
    profile = _profiles(rate, date, rates, tolerance, reference_window, fail_on)

    chosen = fmt or conf.format or _auto_format()
    if changed_since is not None and not changed_since.strip():
        raise ConfigError(_("--changed-since '': want a git ref such as origin/main"))
    if changed_since:
        paths = git_changed(changed_since, paths)
    if config is not None or no_config:  # one configuration for every file
        selection = Selection(conf.root, conf.include, conf.exclude)
        targets = list(expand(paths, selection))
        selections: dict[Path, Any] = {conf.path: selection} if conf.path is not None else {}
        profiles, used = [profile(conf)], [conf]
    else:  # each file under its nearest configuration, as ruff and markdownlint-cli2 do
        walk = Selection(conf.root, conf.include, ())
        targets, used, selections = _nearest(list(expand(paths, walk)), conf)
        walk.seen.clear()
        profiles = [profile(c) for c in used]
    if any(os.path.isdir(p) for p in paths):  # a walk: a pattern that picks nothing is worth a word
        for where, chosen_files in selections.items():
            for pattern in chosen_files.unmatched():
                print(
                    _("figcheck: warning: {config}: the pattern {pattern!r} matches no file").format(
                        config=shown(str(where)), pattern=pattern
                    ),
                    file=sys.stderr,
                )
    if stdin_filename is not None:
        if not stdin_filename.strip():
            raise ConfigError(_("--stdin-filename '': want the name standard input stands for, e.g. article.md"))
        targets = [replace(t, name=stdin_filename) if t.path == "-" else t for t in targets]
    stdin_fix = fix and any(t.path == "-" for t in targets)
    if stdin_fix and len(targets) > 1:
        raise ConfigError(_("--fix with standard input: give - alone (the fixed text goes to standard output)"))
    if not targets:
        print(_("figcheck: note: no .txt or .md files to check"), file=sys.stderr)
    if output is not None and str(output) in _STDOUT:
        output = None  # -o - and -o /dev/stdout: standard output, never a file put in its place
    inputs = [t.path for t in targets if t.path != "-"]
    if write_baseline is not None:
        atomic.target(write_baseline, inputs)  # refused now, not after the run
    report_to = sys.stderr if stdin_fix or diff else sys.stdout  # the fixed text or the diff goes to stdout
    looks: dict[str, object] = {
        "color": _use_color(color, report_to) and output is None,
        "width": _width(report_to) if output is None else 100,
        "quiet": quiet,
        "verbose": verbose,
        "statistics": statistics,
    }
    named = [str(c.path) for c in used if c.path is not None]
    if named:
        looks["config"] = ", ".join(named)
    recorded: Counter[baselines.Key] | None = Counter() if write_baseline is not None else None
    fixes = None
    if fix or diff:
        from figcheck.fix import Fixes

        stdin_name = stdin_filename or "<stdin>"
        fixes = Fixes(write=fix, show=diff, encoding=encoding, stdin=stdin_name)
    progress = _run_progress(len(targets), output is not None or report_to is not sys.stdout)
    with _sink(output, inputs, report_to, discard=diff) as out, progress as step:
        verdict = run(
            targets,
            profiles[0].table,
            profiles[0].options,
            formatter_for(chosen, **looks),
            out,
            fail_on=profiles[0].fail_on,
            encoding=encoding,
            jobs=jobs or os.cpu_count() or 1,
            render=(chosen, looks),
            baseline=baselines.read(baseline) if baseline is not None else None,
            record=recorded,
            on_error=_error,
            collect=fixes.add if fixes is not None else None,
            progress=step,
            profiles=profiles,
        )
    if verdict.cut:  # the reader is gone: leave now, without waiting on anything at exit
        _quiet_stdout()
        sys.stderr.flush()
        os._exit(ExitCode.ERROR if verdict.unreadable else ExitCode.FINDINGS if verdict.failed else ExitCode.OK)
    if fixes is not None:
        fail_of = {t.name or t.path: profiles[t.profile].fail_on for t in targets}
        failed = fixes.finish(lambda path: fail_of.get(path, profiles[0].fail_on))
        raise typer.Exit(ExitCode.ERROR if verdict.unreadable or fixes.errors else failed)
    if write_baseline is not None and recorded is not None:
        baselines.write(write_baseline, recorded, inputs)
        raise typer.Exit(ExitCode.ERROR if verdict.unreadable else ExitCode.OK)
    if verdict.unreadable:
        raise typer.Exit(ExitCode.ERROR)
    raise typer.Exit(ExitCode.FINDINGS if verdict.failed else ExitCode.OK)


_STDOUT = ("-", "/dev/stdout")


def _profiles(
    rate: list[str] | None,
    date: str | None,
    rates: Path | None,
    tolerance: str | None,
    reference_window: str | None,
    fail_on: FailLevel | None,
) -> Callable[[cfg.Config], Any]:
    """What makes a configuration's ``runner.Profile`` with the command line's options over it
    (each given option is checked now, once)."""
    from figcheck.check import DEFAULT_TOLERANCE, CheckOptions
    from figcheck.rates import tables
    from figcheck.runner import Profile

    given_rates = _parse_rates(rate or [])
    given_date = _parse_date(date)
    given_tolerance = _parse_tolerance(tolerance) if tolerance is not None else None
    given_window = _parse_window(reference_window)

    def profile(c: cfg.Config) -> Profile:
        options = CheckOptions(
            rates={**c.rate, **given_rates},
            date=given_date or c.date,
            tolerance=given_tolerance or c.tolerance or DEFAULT_TOLERANCE,
            reference_window=_first(given_window, c.reference_window, REFERENCE_WINDOW_DAYS),
            severity=c.severity,
        )
        table = tables(rates, c.rates)
        return Profile(table, options, fail_on or c.fail_on or FailLevel.ERROR)

    return profile


def _nearest(targets: list[Any], run_conf: cfg.Config) -> tuple[list[Any], list[cfg.Config], dict[Path, Any]]:
    """Each target with the index of its nearest configuration (the nearest file whole, not merged
    with the ones above it), those its configuration excludes left out; the configurations; and
    the selection of each configuration that has patterns (what they matched)."""
    from figcheck.inputs import Selection

    # Keyed by the folder as the path spells it: a Path for each of thousands of walked files was
    # most of this loop (0.12 s over the realistic archive's 8,095 files, before a worker starts).
    by_folder: dict[str, Path | None] = {}
    searched: dict[Path, Path | None] = {}  # cfg.find's, for the folders the searches pass
    loaded: dict[Path | None, int] = {run_conf.path: 0}
    used = [run_conf]
    selections: dict[Path, Any] = {}
    kept = []
    for t in targets:
        folder = os.path.dirname(t.path) if t.path != "-" else "\0stdin"
        if folder not in by_folder:
            by_folder[folder] = cfg.find(Path(folder) if t.path != "-" else Path.cwd(), searched)
        found = by_folder[folder]
        if found not in loaded:
            loaded[found] = len(used)
            used.append(cfg.load(found) if found is not None else cfg.Config())
        index = loaded[found]
        c = used[index]
        selected = t.path == "-" or t.problem is not None or not (c.include or c.exclude) or c.path is None
        if not selected:
            assert c.path is not None
            chooser = selections.setdefault(c.path, Selection(c.root, c.include, c.exclude))
            if not chooser.wants(Path(t.path), t.explicit):
                continue
        kept.append(t if t.profile == index else replace(t, profile=index))
    return kept, used, selections


_PROGRESS_AFTER = 2.0  # seconds: a run shorter than this shows no progress bar


def _progress_wanted(report_elsewhere: bool) -> bool:
    """Whether to draw progress on standard error: a terminal, not in CI, and not the terminal the
    report streams to (it would be drawn over)."""
    if not sys.stderr.isatty() or os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    return report_elsewhere or not sys.stdout.isatty()


@contextmanager
def _archive_progress(report_elsewhere: bool) -> Iterator[Callable[[Any], None]]:
    """Records checked and their rate, on standard error, for an archive run (its length is not
    known before the end: archives are streamed)."""
    if not _progress_wanted(report_elsewhere):
        yield lambda done: None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    bar = Progress(
        SpinnerColumn(),
        TextColumn(_("checking")),
        TextColumn("{task.completed:,.0f}"),
        TextColumn("{task.fields[speed]}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = bar.add_task("", total=None, speed="")

    def step(done: Any) -> None:
        bar.advance(task, done.counts["files"] + done.bad)
        elapsed = bar.tasks[0].elapsed or 0
        bar.update(task, speed=f"{bar.tasks[0].completed / max(elapsed, 1e-6):,.0f}/s")

    with bar:
        yield step


@contextmanager
def _run_progress(files: int, report_elsewhere: bool) -> Iterator[Callable[[FileReport], None] | None]:
    """A progress bar on standard error (files done, MB/s, time left) for a run of many files that
    lasts more than two seconds, when standard error is a terminal, not in CI, and the report does
    not go to the same terminal as it streams (it would be drawn over); else nothing."""
    if files < 2 or not _progress_wanted(report_elsewhere):
        yield None
        return
    import time

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    started = time.monotonic()
    done_bytes = 0
    bar = Progress(
        TextColumn(_("checking")),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[speed]}"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
        auto_refresh=False,
    )
    task = bar.add_task("", total=files, speed="")
    shown_yet = False

    def step(report: FileReport) -> None:
        nonlocal done_bytes, shown_yet
        done_bytes += _bytes_of(report)
        elapsed = time.monotonic() - started
        if not shown_yet and elapsed >= _PROGRESS_AFTER:
            bar.start()
            shown_yet = True
        bar.update(task, advance=1, speed=f"{done_bytes / 2**20 / max(elapsed, 1e-6):.1f} MB/s")
        if shown_yet:
            bar.refresh()

    try:
        yield step
    finally:
        if shown_yet:
            bar.stop()


def _bytes_of(report: FileReport) -> int:
    """How much text a checked file was, for the progress bar's rate: its text when the report has
    it, else (rendered in a worker, which keeps the text) the file's size."""
    if report.text:
        return len(report.text.encode("utf-8", "surrogateescape"))
    try:
        return os.stat(report.path).st_size if report.path != "-" else 0
    except (OSError, ValueError):
        return 0


@contextmanager
def _sink(
    output: Path | None, inputs: list[str], stream: TextIO | None = None, discard: bool = False
) -> Iterator[TextIO]:
    """``stream``, or ``output`` written atomically (never one of ``inputs``, never a special file);
    nowhere with ``discard`` and no ``output`` (``--diff``: the diff is the output)."""
    if output is None:
        if discard:
            import io

            yield io.StringIO()
            return
        yield stream or sys.stdout  # the one of the moment (a test's capture), not the one at import
        return
    try:
        with atomic.open_text(output, inputs) as f:
            yield f
    except OSError as e:
        raise ConfigError(_("{output}: cannot write: {value}").format(output=output, value=e.strerror or e)) from None


def _parse_window(raw: str | None) -> int | None:
    if raw is None:
        return None
    value = cfg.window_days(raw)
    if value is None:
        raise ConfigError(
            _("--reference-window {raw!r}: want a whole number of days 0–{MAX_WINDOW}").format(
                raw=raw, MAX_WINDOW=cfg.MAX_WINDOW
            )
        )
    return value


def _first(*values: int | None) -> int:
    """The first of ``values`` that is given (0 is given)."""
    return next(v for v in values if v is not None)


def _parse_tolerance(raw: str) -> Decimal:
    value = cfg.tolerance_value(raw)
    if value is None:
        raise ConfigError(_("--tolerance {raw!r}: want a fraction such as 0.02").format(raw=raw))
    return value


@app.command("figures", help=N_("List every figure figcheck reads in PATHS (money, percentages, numbers)."))
def figures_command(
    paths: Annotated[
        list[str], typer.Argument(metavar="PATH", help=N_("Files, directories (*.txt, *.md) or - for standard input."))
    ],
    kind: Annotated[FigureKind, typer.Option("--kind", help=N_("Which figures to list."))] = FigureKind.ALL,
    fmt: Annotated[ListingFormat, typer.Option("--format", "-f", help=N_("Output format."))] = ListingFormat.TEXT,
    encoding: Annotated[
        str | None, typer.Option("--encoding", metavar="NAME", help=N_("Force the input encoding."))
    ] = None,
    lang: LangOption = None,
) -> None:
    """List every figure figcheck reads in PATHS (money, percentages, numbers)."""
    _language(lang)
    from figcheck.figures import figures
    from figcheck.inputs import expand
    from figcheck.model import FileReport
    from figcheck.pipeline import open_target
    from figcheck.report import figures as render

    failed = False

    def listing() -> Iterator[tuple[str, str, Any]]:
        """Each readable file's figures, read as the output goes (one file held at a time)."""
        nonlocal failed
        for target in list(expand(paths)):
            doc = open_target(target, encoding)  # as in a check: a binary file a directory walk found is skipped
            if isinstance(doc, FileReport):
                line = _("figcheck: note: skipped {why}") if doc.skipped else _("figcheck: error: {message}")
                why = shown(doc.skipped or doc.error or "")
                print(line.format(why=why, message=why), file=sys.stderr)
                failed |= doc.error is not None
                continue
            yield doc.path, doc.text, figures(doc.text, kind)

    if fmt is ListingFormat.JSON:
        pieces = render.iter_json(listing())
    else:
        pieces = render.iter_text(listing(), color=_use_color(), width=_width())
    for piece in pieces:
        sys.stdout.write(piece)
    raise typer.Exit(ExitCode.ERROR if failed else ExitCode.OK)


@app.command(
    "archive",
    help=N_(
        "Check every article of ARCHIVES (JSON Lines or Parquet exports, gzip or zstd, local or a URL): "
        "the findings as JSON Lines keyed by record id."
    ),
)
def archive_command(
    archives: Annotated[
        list[str],
        typer.Argument(metavar="ARCHIVE", help=N_("*.jsonl[.gz|.zst], *.parquet, an fsspec URL (s3://…), or -.")),
    ],
    text_field: Annotated[str, typer.Option("--text-field", metavar="NAME", help=N_("The article's text."))] = "text",
    id_field: Annotated[str, typer.Option("--id-field", metavar="NAME", help=N_("The record's id."))] = "id",
    date_field: Annotated[
        str, typer.Option("--date-field", metavar="NAME", help=N_("The article's date (YYYY-MM-DD or a timestamp)."))
    ] = "date",
    url_field: Annotated[str, typer.Option("--url-field", metavar="NAME", help=N_("The article's URL."))] = "url",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help=N_("Write the findings to FILE (atomically)."))
    ] = None,
    fmt: Annotated[
        ArchiveFormat | None,
        typer.Option("--format", "-f", help=N_("jsonl, or parquet (default: parquet for -o *.parquet).")),
    ] = None,
    all_records: Annotated[
        bool, typer.Option("--all-records", help=N_("A line for every record, not only those with findings."))
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", metavar="N", min=1, help=N_("Check in N processes (default: the cores).")),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            envvar="DASK_SCHEDULER_ADDRESS",
            help=N_("Run on this Dask scheduler (tcp://HOST:8786) instead of here."),
        ),
    ] = None,
    chunk_size: Annotated[
        int, typer.Option("--chunk-size", metavar="N", min=1, max=100_000, help=N_("Records per task."))
    ] = 1000,
    rate: RateOption = None,
    date: DateOption = None,
    rates: RatesOption = None,
    fail_on: FailOnOption = None,
    tolerance: ToleranceOption = None,
    reference_window: WindowOption = None,
    config: ConfigOption = None,
    no_config: NoConfigOption = False,
    lang: LangOption = None,
) -> None:
    """Audit a published archive: every record checked, the findings streamed out in input order."""
    from figcheck import archive, i18n

    conf = _load_config(config, no_config, [a for a in archives if "://" not in a])
    _language(lang, conf)
    settings = archive.Settings(
        _profiles(rate, date, rates, tolerance, reference_window, fail_on)(conf),
        archive.Fields(id_field, text_field, date_field, url_field),
        i18n.current(),
        every=all_records,
    )
    chosen = fmt or (
        ArchiveFormat.PARQUET if output is not None and output.suffix == ".parquet" else ArchiveFormat.JSONL
    )
    if chosen is ArchiveFormat.PARQUET and output is None:
        raise ConfigError(_("--format parquet: give the file to write with -o FILE.parquet"))
    inputs = [a for a in archives if "://" not in a and a != "-"]

    def note(message: str) -> None:
        print(_("figcheck: note: {message}").format(message=shown(message)), file=sys.stderr)

    with _archive_sink(output, inputs, chosen) as sink, _archive_progress(output is not None) as step:
        totals = archive.run(
            archives,
            settings,
            sink,
            jobs=jobs or os.cpu_count() or 1,
            scheduler=scheduler or None,
            size=chunk_size,
            on_note=note,
            on_error=_error,
            on_chunk=step,
        )
    print(archive.summary_line(totals), file=sys.stderr)
    if totals.unreadable:
        raise typer.Exit(ExitCode.ERROR)
    raise typer.Exit(ExitCode.FINDINGS if totals.failed else ExitCode.OK)


@contextmanager
def _archive_sink(output: Path | None, inputs: list[str], chosen: ArchiveFormat) -> Iterator[Any]:
    """The archive run's output: JSON Lines to standard output or a file, or a Parquet file,
    written atomically (nothing appears if the run fails)."""
    from figcheck import archive

    if chosen is ArchiveFormat.JSONL:
        with _sink(output, inputs) as out:
            yield archive.JsonLines(out)
        return
    assert output is not None
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise ConfigError(_("--format parquet needs pyarrow: pip install 'figcheck[parquet]'")) from None
    try:
        with atomic.open_binary(output, inputs) as f:
            yield archive.Parquet(f)
    except OSError as e:
        raise ConfigError(_("{output}: cannot write: {value}").format(output=output, value=e.strerror or e)) from None


@app.command("rules", help=N_("Explain figcheck's rules, with an example of each (all, or the RULE given)."))
def rules_command(
    rule: Annotated[str | None, typer.Argument(metavar="RULE", help=N_("A rule id, e.g. conversion."))] = None,
    lang: LangOption = None,
) -> None:
    """The rule registry, for a person: id, default severity, summary and documentation."""
    from figcheck.rules import RULES, explain

    _language(lang)
    chosen = [info for info in RULES.values() if rule is None or str(info.rule) == rule]
    if not chosen:
        known = ", ".join(str(r) for r in RULES)
        raise ConfigError(_("unknown rule {rule!r} (rules: {known})").format(rule=rule, known=known))
    sys.stdout.write("\n".join(explain(info) for info in chosen))


rates_app = typer.Typer(
    no_args_is_help=True,
    context_settings=_CONTEXT,
    rich_markup_mode=None,
    help=N_("Show, update and import the dated rate table."),
)
app.add_typer(rates_app, name="rates")


def _table_path(rates: Path | None) -> Path:
    """The table ``rates update`` and ``import`` write: --rates, else the configuration's table
    (found from the current folder), else the user's (never the installed package's)."""
    from figcheck.rates import user_table_path

    path = rates or _load_config(None, False, []).rates
    if path is not None:
        return path
    path = user_table_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ConfigError(
            _("{path}: cannot create the folder: {why}").format(path=path.parent, why=e.strerror or e)
        ) from None
    return path


def _stack(rates: Path | None) -> Any:
    """The tables a check reads: --rates alone, else the packaged, the user's and the configured one."""
    from figcheck.rates import tables

    return tables(rates, _load_config(None, False, []).rates)


@contextmanager
def _progress(description: str) -> Iterator[Any]:
    """A download's progress callback: a rich bar on standard error when it is a terminal, else nothing."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(description, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


@rates_app.command("show", help=N_("The rates that would be used, with their source and the actual date of the row."))
def rates_show(
    currencies: Annotated[
        list[str] | None, typer.Argument(metavar="CUR", help=N_("ISO codes (default: all on the date)."))
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", metavar="YYYY-MM-DD", help=N_("The date to look up (default: the newest)."))
    ] = None,
    since: Annotated[
        str | None, typer.Option("--from", metavar="YYYY-MM-DD", help=N_("First date of a range."))
    ] = None,
    until: Annotated[str | None, typer.Option("--to", metavar="YYYY-MM-DD", help=N_("Last date of a range."))] = None,
    rates: Annotated[Path | None, typer.Option("--rates", metavar="FILE", help=N_("The rate table (CSV)."))] = None,
    fmt: Annotated[ListingFormat, typer.Option("--format", "-f", help=N_("Output format."))] = ListingFormat.TEXT,
    lang: LangOption = None,
) -> None:
    """The rates that would be used, with their source and the actual date of the row."""
    _language(lang)
    from figcheck import rates as table_module
    from figcheck.report import rates as render

    table = _stack(rates)
    shown = table_module.show(
        table, currencies or [], _parse_date(date), _parse_date(since, "--from"), _parse_date(until, "--to")
    )
    fresh = table_module.freshness(table, dt.date.today())
    if fmt is ListingFormat.JSON:
        sys.stdout.write(render.render_json(str(table.path), shown, fresh))
    else:
        sys.stdout.write(render.render_text(str(table.path), shown, color=_use_color(), width=_width(), fresh=fresh))
    raise typer.Exit(ExitCode.FINDINGS if any(s.rate is None for s in shown) else ExitCode.OK)


@rates_app.command(
    "status", help=N_("Say how old the rate tables are; exit 1 when the newest row is older than max-table-age days.")
)
def rates_status(
    rates: Annotated[Path | None, typer.Option("--rates", metavar="FILE", help=N_("The rate table (CSV)."))] = None,
    max_age: Annotated[
        int | None,
        typer.Option(
            "--max-age",
            metavar="DAYS",
            min=0,
            help=N_("Fail when the newest row is older than this (default: max-table-age, else 7)."),
        ),
    ] = None,
    lang: LangOption = None,
) -> None:
    """For a CI step before the check: a table older than ``max-table-age`` days is exit 1."""
    from figcheck import rates as table_module
    from figcheck.report.rates import freshness_text

    conf = _load_config(None, False, [])
    _language(lang, conf)
    limit = _first(max_age, conf.max_table_age, DEFAULT_MAX_TABLE_AGE)
    table = _stack(rates)
    today = dt.date.today()
    for line in freshness_text(table_module.freshness(table, today)):
        print(line)
    newest = table.last_date()
    age = (today - newest).days if newest else None
    if age is None or age > limit:
        print(
            _("figcheck: the rate tables are {age} days old, more than {limit}: run `figcheck rates update`").format(
                age="?" if age is None else age, limit=limit
            ),
            file=sys.stderr,
        )
        raise typer.Exit(ExitCode.FINDINGS)
    print(_("figcheck: the rate tables are {age} days old (at most {limit})").format(age=age, limit=limit))
    raise typer.Exit(ExitCode.OK)


DEFAULT_MAX_TABLE_AGE = 7  # days: the ECB publishes every working day


def _merge(path: Path, new: Any, overwrite: bool, source: str) -> None:
    from figcheck.rates import merge_into

    added, total = merge_into(path, new, overwrite=overwrite, source=source)
    print(
        ngettext(
            "figcheck: {path}: {added} row added, {total} in all",
            "figcheck: {path}: {added} rows added, {total} in all",
            added,
        ).format(path=shown(str(path)), added=added, total=total),
        file=sys.stderr,
    )


_MAX_TIMEOUT = 600.0  # seconds: --timeout beyond this (inf, nan, 1e308) is a mistake


@rates_app.command(
    "update", help=N_("Fetch reference rates over HTTP and merge them into the table (existing rows are kept).")
)
def rates_update(
    source: Annotated[Feed, typer.Option("--source", help=N_("Where the rates come from."))] = Feed.ECB,
    url: Annotated[
        str | None, typer.Option("--url", metavar="URL", help=N_("Fetch from this address instead (a mirror)."))
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", metavar="YYYY-MM-DD", help=N_("Only rates from this date on."))
    ] = None,
    rates: Annotated[Path | None, typer.Option("--rates", metavar="FILE", help=N_("The rate table to update."))] = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help=N_("Replace existing reference rows."))] = False,
    retries: Annotated[
        int, typer.Option("--retries", metavar="N", min=0, max=10, help=N_("Retries on 5xx/connection errors."))
    ] = 3,
    timeout: Annotated[
        float, typer.Option("--timeout", metavar="SECONDS", min=0.1, help=N_("Seconds to wait for the server."))
    ] = 30.0,
    lang: LangOption = None,
) -> None:
    """Fetch reference rates over HTTP and merge them into the table (existing rows are kept)."""
    _language(lang)
    from figcheck import sources
    from figcheck.rates import RateTable

    start = _parse_date(since, "--since")
    if url is not None and not url.strip():
        raise ConfigError(_("--url '': want an address such as https://mirror.example/eurofxref-hist.zip"))
    if not math.isfinite(timeout) or timeout > _MAX_TIMEOUT:
        raise ConfigError(
            _("--timeout {timeout!r}: want seconds from 0.1 to {_MAX_TIMEOUT:g}").format(
                timeout=timeout, _MAX_TIMEOUT=_MAX_TIMEOUT
            )
        )
    path = _table_path(rates)
    table = RateTable.open(path) if path.exists() else None
    fetcher = sources.Fetcher(retries=retries, timeout=timeout)
    with _progress(f"downloading ({source})") as advance:
        new = sources.fetch(source, fetcher, url=url, since=start, table=table, progress=advance)
    _merge(path, new, overwrite, url or str(source))


@rates_app.command("import", help=N_("Merge a local file of rates into the table."))
def rates_import(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help=N_("An ECB CSV or zip, or a table in figcheck's format."))
    ],
    rates: Annotated[
        Path | None, typer.Option("--rates", metavar="FILE", help=N_("The rate table to merge into."))
    ] = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help=N_("Replace existing reference rows."))] = False,
    lang: LangOption = None,
) -> None:
    """Merge a local file of rates into the table."""
    _language(lang)
    from figcheck import sources
    from figcheck.files import read_bounded

    data = read_bounded(file, sources.MAX_DOWNLOAD, "rates file")
    _merge(_table_path(rates), list(sources.from_bytes(data, str(file))), overwrite, str(file))


def _asked_language(argv: list[str]) -> Language | None:
    """``--lang X`` or ``--lang=X`` among the options of ``argv`` (before ``--``), read before the
    command line is parsed so that its help and usage errors are in that language too."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else arg[7:] if arg.startswith("--lang=") else None
        if value in tuple(Language):
            return Language(value)
    return None


#: The help texts and headings typer and click write themselves, for the catalogue.
_FRAMEWORK = (
    N_("Show this message and exit."),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
    N_("Usage: "),
    N_("Options"),
    N_("Arguments"),
    N_("Commands"),
)


def _translate(command: Any) -> None:
    """Every help text of ``command`` and its subcommands in the language in use (they are marked
    with ``N_`` where they are declared, before the language is known), headings included, and
    wrapped in terminal columns (``figcheck.cells``): click counts characters, and a Japanese one
    takes two columns."""
    from figcheck import cells

    def usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        parent: Any = type(self).__mro__[1]
        parent.write_usage(self, prog, args, _("Usage: ") if prefix is None else prefix)

    def heading(self: Any, text: str) -> None:
        parent: Any = type(self).__mro__[1]
        parent.write_heading(self, _(text))

    def definitions(self: Any, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        """click's definition list (options, commands), measured and wrapped in columns."""
        rows = [(first, second) for first, second, *_ in ((*r, "") for r in rows)]
        first_col = min(max((cells.width(first) for first, _ in rows), default=0), col_max) + col_spacing
        indent = " " * self.current_indent
        for first, second in rows:
            self.write(f"{indent}{first}")
            if not second:
                self.write("\n")
                continue
            if cells.width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - cells.width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = cells.wrap(second, max(self.width - first_col - 2, 10)) or [""]
            self.write(f"{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")

    def text(self: Any, body: str) -> None:
        """click's re-indented paragraphs, wrapped in columns (a paragraph after a \\b line as it is)."""
        indent = " " * self.current_indent
        out = []
        for paragraph in body.split("\n\n"):
            if paragraph.lstrip(" ").startswith("\b"):
                out.append("\n".join(indent + line for line in paragraph.splitlines()[1:]))
            else:
                out.append("\n".join(indent + line for line in cells.wrap(paragraph, self.width - len(indent))))
        self.write("\n\n".join(out) + "\n")

    def walk(cmd: Any) -> None:
        base = cmd.context_class.formatter_class
        methods = {"write_usage": usage, "write_heading": heading, "write_dl": definitions, "write_text": text}
        formatter = type("Formatter", (base,), methods)
        context = type("Context", (cmd.context_class,), {"formatter_class": formatter})
        cmd.context_class = context
        if getattr(cmd, "help", None):
            cmd.help = _(cmd.help)
        helper = cmd.get_help_option(context(cmd, info_name=cmd.name, help_option_names=_CONTEXT["help_option_names"]))
        for param in [*getattr(cmd, "params", ()), *([helper] if helper is not None else [])]:
            if getattr(param, "help", None):
                param.help = _(param.help)
        for sub in getattr(cmd, "commands", {}).values():
            walk(sub)

    walk(command)


def _names_a_command(argv: list[str]) -> bool:
    """Whether ``argv`` needs the whole command line: no arguments, a root option, or a command
    other than check named first (anything else is ``figcheck check …``, as ``_Group`` reads it)."""
    if not argv or argv[0] in _ROOT_OPTIONS:
        return True
    named = {c.name for c in app.registered_commands} | {g.name for g in app.registered_groups}
    return argv[0] in named and argv[0] != _DEFAULT_COMMAND


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``figcheck`` console script."""
    argv = sys.argv[1:] if argv is None else argv
    _language(_asked_language(argv))
    command = typer.main.get_command(app if _names_a_command(argv) else _check_only)
    from figcheck import i18n

    if i18n.current() != "en":  # the help is written in English: nothing to do for it
        _translate(command)
    result = command.main(args=argv, prog_name="figcheck", standalone_mode=False, max_content_width=_HELP_WIDTH)
    return int(result or 0)
