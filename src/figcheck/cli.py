"""The command line: options, configuration, choosing the format, exit codes.

The only module that knows about argv, the environment and the terminal.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from decimal import Decimal, InvalidOperation
from enum import IntEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from figcheck import __version__
from figcheck.errors import ConfigError, FigcheckError
from figcheck.model import RunReport, Status
from figcheck.report.base import OutputFormat, formatter_for

__all__ = ["ExitCode", "app", "main"]


class ExitCode(IntEnum):
    """Process exit codes (DESIGN.md, "Output contract")."""

    OK = 0
    FINDINGS = 1
    ERROR = 2  # usage, input, configuration or rate-table error
    INTERRUPTED = 130


_CLICK_ERROR = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
_DEFAULT_COMMAND = "check"


class _Group(TyperGroup):
    """``figcheck PATH…`` means ``figcheck check PATH…``; every usage error is one line, exit 2."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = [_DEFAULT_COMMAND, *args]
        return super().parse_args(ctx, args)  # type: ignore[no-any-return]

    def main(self, args: Any = None, prog_name: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        try:
            code = super().main(args=args, prog_name=prog_name or "figcheck", standalone_mode=False, **extra)
        except KeyboardInterrupt:
            code = ExitCode.INTERRUPTED
        except typer.Abort:
            code = ExitCode.INTERRUPTED
        except _CLICK_ERROR as e:
            ctx = getattr(e, "ctx", None)
            hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
            print(f"figcheck: error: {e.format_message()}{hint}", file=sys.stderr)  # type: ignore[attr-defined]
            code = e.exit_code  # type: ignore[attr-defined]
        code = int(code or 0)
        if standalone_mode:
            sys.exit(code)
        return code


app = typer.Typer(
    cls=_Group,
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="Check the currency conversions in Japanese news text.",
)


def _version(value: bool) -> None:
    if value:
        print(f"figcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """figcheck re-derives every yen conversion of a foreign amount and reports those that do not hold."""


def _parse_rates(values: list[str]) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for raw in values:
        code, sep, number = raw.partition("=")
        code = code.strip().upper()
        try:
            value = Decimal(number.strip())
        except InvalidOperation:
            value = Decimal(0)
        if not sep or len(code) != 3 or not code.isalpha() or not value.is_finite() or value <= 0:
            raise ConfigError(f"--rate {raw!r}: want CUR=VALUE with a positive yen value, e.g. --rate USD=153")
        out[code] = value
    return out


def _parse_date(raw: str | None, what: str = "--date") -> dt.date | None:
    if raw is None:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ConfigError(f"{what} {raw!r}: want a date as YYYY-MM-DD") from None


def _use_color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def _exit_code(report: RunReport) -> ExitCode:
    if any(f.error for f in report.files):
        return ExitCode.ERROR
    if any(f.severity == "error" and f.status is not Status.OK for file in report.files for f in file.findings):
        return ExitCode.FINDINGS
    return ExitCode.OK


def _fail(message: str, code: ExitCode = ExitCode.ERROR) -> typer.Exit:
    print(f"figcheck: error: {message}", file=sys.stderr)
    return typer.Exit(code)


@app.command("check")
def check_command(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (*.txt, *.md) or - for standard input.")],
    rate: Annotated[
        list[str] | None, typer.Option("--rate", help="A rate to use when the article states none: CUR=VALUE (yen).")
    ] = None,
    date: Annotated[str | None, typer.Option("--date", help="The rate date, YYYY-MM-DD.")] = None,
    rates: Annotated[Path | None, typer.Option("--rates", help="Another rate table (CSV).")] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.TEXT,
    encoding: Annotated[str | None, typer.Option("--encoding", help="Force the input encoding.")] = None,
) -> None:
    """Check the conversions in PATHS."""
    from figcheck.check import CheckOptions
    from figcheck.rates import LazyRateTable, default_table_path
    from figcheck.runner import check_paths

    try:
        options = CheckOptions(rates=_parse_rates(rate or []), date=_parse_date(date))
        table = LazyRateTable(rates or default_table_path())
        report = check_paths(paths, table, options, encoding)
    except FigcheckError as e:
        raise _fail(str(e)) from None
    width = shutil.get_terminal_size((100, 24)).columns if sys.stdout.isatty() else 100
    text = formatter_for(fmt, color=_use_color(), width=width).render(report)
    sys.stdout.write(text)
    sys.stdout.flush()
    for file in report.files:
        if file.error:
            print(f"figcheck: error: {file.error}", file=sys.stderr)
    raise typer.Exit(_exit_code(report))


@app.command("figures")
def figures_command(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (*.txt, *.md) or - for standard input.")],
    kind: Annotated[str, typer.Option("--kind", help="all, money, percent or number.")] = "all",
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    encoding: Annotated[str | None, typer.Option("--encoding", help="Force the input encoding.")] = None,
) -> None:
    """List every figure figcheck reads in PATHS (money, percentages, numbers)."""
    from figcheck.errors import InputError
    from figcheck.inputs import expand, read
    from figcheck.report import figures as render
    from figcheck.scan import FIGURE_KINDS, figures

    if kind not in FIGURE_KINDS:
        raise _fail(f"--kind {kind!r}: want one of {', '.join(FIGURE_KINDS)}")
    if fmt not in ("text", "json"):
        raise _fail(f"--format {fmt!r}: want text or json")
    listing = []
    failed = False
    try:
        targets = list(expand(paths))
    except FigcheckError as e:
        raise _fail(str(e)) from None
    for target in targets:
        try:
            doc = read(target, encoding)
        except InputError as e:
            print(f"figcheck: error: {e}", file=sys.stderr)
            failed = True
            continue
        listing.append((doc.path, doc.text, figures(doc.text, kind)))
    if fmt == "json":
        sys.stdout.write(render.render_json(listing))
    else:
        width = shutil.get_terminal_size((100, 24)).columns if sys.stdout.isatty() else 100
        sys.stdout.write(render.render_text(listing, color=_use_color(), width=width))
    raise typer.Exit(ExitCode.ERROR if failed else ExitCode.OK)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``figcheck`` console script."""
    result = app(args=argv, prog_name="figcheck", standalone_mode=False)
    return int(result or 0)
