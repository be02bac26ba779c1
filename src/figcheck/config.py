"""Configuration in the repository: ``.figcheck.toml`` or ``[tool.figcheck]`` in ``pyproject.toml``.

Found by searching upward from the checked path to the repository root (the folder holding
``.git``); ``--config FILE`` names one, ``--no-config`` ignores them. The keys are the same in both
places; an unknown key or a bad value is a ``ConfigError`` naming the file and the key.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from figcheck import currencies
from figcheck.errors import ConfigError
from figcheck.frozen import frozen
from figcheck.i18n import _
from figcheck.model import FailLevel, Language, OutputFormat, Severity
from figcheck.rules import RULES

__all__ = [
    "FAIL_LEVELS",
    "FIRST_DAY",
    "LAST_DAY",
    "MAX_WINDOW",
    "Config",
    "find",
    "load",
    "rate_entry",
    "tolerance_value",
    "window_days",
]

FAIL_LEVELS = tuple(str(level) for level in FailLevel)  # error first
_LEVELS = tuple(str(level.threshold) for level in FailLevel if level.threshold is not None)
_FORMATS = tuple(str(f) for f in OutputFormat)
_RULES = tuple(str(r) for r in RULES)
_KEYS = (
    "rates",
    "date",
    "rate",
    "tolerance",
    "reference-window",
    "include",
    "exclude",
    "severity",
    "fail-on",
    "format",
    "lang",
    "max-table-age",
)


@frozen
class Config:
    """Settings from a configuration file (every field optional)."""

    path: Path | None = None  # the file they came from
    rates: Path | None = None
    date: dt.date | None = None
    rate: dict[str, Decimal] = field(default_factory=dict)
    tolerance: Decimal | None = None
    reference_window: int | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    fail_on: FailLevel | None = None
    format: OutputFormat | None = None
    lang: Language | None = None
    max_table_age: int | None = None

    @property
    def root(self) -> Path:
        """The folder that relative paths and globs in the file are relative to."""
        return self.path.parent if self.path else Path.cwd()


def find(start: Path, memo: dict[Path, Path | None] | None = None) -> Path | None:
    """The nearest configuration file at or above ``start``: ``.figcheck.toml``, or a
    ``pyproject.toml`` with a ``[tool.figcheck]`` table. The search stops at the repository root
    (``.git``), at the home directory and where another file system begins, so that a file outside
    the project (a shared workspace, a parent of a tarball) never changes a check. A
    ``pyproject.toml`` that is not figcheck's (no ``[tool.figcheck]``) is passed over, even broken.

    ``memo``, shared between the searches of one run, keeps what the search found from each folder
    it passed: the folders of an archive share their parents, and each search parsed the same
    ``pyproject.toml`` again (3.5 ms a folder, over a year of daily folders more than a second)."""
    here = start.resolve()
    if not here.is_dir():
        here = here.parent
    home = _home()
    try:
        device = here.stat().st_dev
    except OSError:
        return None
    passed: list[Path] = []
    found = _search(here, home, device, memo if memo is not None else {}, passed)
    if memo is not None:
        # What the search found from a folder is what it finds from any folder below that reaches
        # it: the device is the same, and a search from below stops at home before the memo.
        memo.update(dict.fromkeys(passed, found))
    return found


def _search(
    here: Path, home: Path | None, device: int, memo: dict[Path, Path | None], passed: list[Path]
) -> Path | None:
    for folder in (here, *here.parents):
        if folder == home and folder != here:
            return None  # a home directory's own file is no project's (unless checking in it)
        try:
            if folder.stat().st_dev != device:
                return None  # another file system: a mount point is a boundary
        except OSError:
            return None
        if folder in memo:
            return memo[folder]
        passed.append(folder)
        candidate = folder / ".figcheck.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_figcheck_table(pyproject):
            return pyproject
        if (folder / ".git").exists():
            return None
    return None


def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except (RuntimeError, KeyError, OSError):
        return None


def _has_figcheck_table(pyproject: Path) -> bool:
    """Whether ``pyproject`` has ``[tool.figcheck]``; an unreadable or broken one is not figcheck's
    (unless its text names the table: then its errors are reported)."""
    from figcheck.errors import InputError
    from figcheck.files import read_regular

    try:
        raw = read_regular(pyproject, _MAX_CONFIG)  # bounded, never a FIFO: like the file load reads
    except InputError:
        return False
    if b"figcheck" not in raw:
        return False
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        if b"tool.figcheck" in raw:
            raise ConfigError(
                _("{pyproject}: not valid TOML (it has a [tool.figcheck] table)").format(pyproject=pyproject)
            ) from None
        return False
    tool = data.get("tool")
    return isinstance(tool, dict) and "figcheck" in tool


_MAX_CONFIG = 1024 * 1024  # bytes: a configuration file is a few lines


def _read(path: Path) -> dict[str, Any]:
    from figcheck.files import read_bounded

    try:
        return tomllib.loads(read_bounded(path, _MAX_CONFIG, "configuration").decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(_("{path}: not UTF-8 text").format(path=path)) from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(_("{path}: not valid TOML: {e}").format(path=path, e=e)) from None
    except RecursionError:
        raise ConfigError(_("{path}: nested too deeply to read").format(path=path)) from None


def load(path: Path) -> Config:
    """Read and validate one configuration file."""
    data = _read(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise ConfigError(_("{path}: [tool] must be a table").format(path=path))
        data = tool.get("figcheck", {})
    if not isinstance(data, dict):
        raise ConfigError(_("{path}: [tool.figcheck] must be a table").format(path=path))

    def bad(key: str, why: str) -> ConfigError:
        return ConfigError(_("{path}: key '{key}': {why}").format(path=path, key=key, why=why))

    for key in data:
        if key not in _KEYS:
            raise bad(key, _("unknown key (known: {value})").format(value=", ".join(_KEYS)))
    out: dict[str, Any] = {"path": path}
    if "rates" in data:
        if not isinstance(data["rates"], str):
            raise bad("rates", _("want a path to a rate table"))
        out["rates"] = path.parent / data["rates"]
    if "date" in data:
        value = data["date"]
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            out["date"] = value
        else:
            try:
                out["date"] = dt.date.fromisoformat(str(value))
            except ValueError:
                raise bad("date", _("want a date as YYYY-MM-DD, got {value!r}").format(value=value)) from None
        if not FIRST_DAY <= out["date"] <= LAST_DAY:
            raise bad(
                "date",
                _("want a date from {FIRST_DAY} to {LAST_DAY}, got {value!r}").format(
                    FIRST_DAY=FIRST_DAY, LAST_DAY=LAST_DAY, value=value
                ),
            )
    if "rate" in data:
        table = data["rate"]
        if not isinstance(table, dict):
            raise bad("rate", _('want a table such as {USD = "153"}'))
        rates = {}
        for code, value in table.items():
            entry = rate_entry(code, value)
            if entry is None:
                raise bad(
                    "rate",
                    _("{code} = {value!r}: want a currency code and a positive yen value").format(
                        code=code, value=value
                    ),
                )
            rates[entry[0]] = entry[1]
        out["rate"] = rates
    if "tolerance" in data:
        tolerance = tolerance_value(data["tolerance"])
        if tolerance is None:
            raise bad("tolerance", _("want a fraction such as 0.02, got {value!r}").format(value=data["tolerance"]))
        out["tolerance"] = tolerance
    if "reference-window" in data:
        window = window_days(data["reference-window"])
        if window is None:
            got = data["reference-window"]
            raise bad(
                "reference-window",
                _("want a whole number of days 0–{MAX_WINDOW}, got {got!r}").format(MAX_WINDOW=MAX_WINDOW, got=got),
            )
        out["reference_window"] = window
    for key in ("include", "exclude"):
        if key in data:
            value = data[key]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise bad(key, _('want a list of glob patterns such as ["articles/**/*.md"]'))
            out[key] = tuple(value)
    if "severity" in data:
        table = data["severity"]
        if not isinstance(table, dict):
            raise bad("severity", _('want a table such as {conversion = "error", rate = "warning"}'))
        severities = {}
        for rule, level in table.items():
            if rule not in _RULES:
                raise bad(
                    "severity", _("unknown rule {rule!r} (rules: {value})").format(rule=rule, value=", ".join(_RULES))
                )
            if level not in _LEVELS:
                raise bad(
                    "severity",
                    _("{rule} = {level!r}: want {value} or {value2}").format(
                        rule=rule, level=level, value=", ".join(_LEVELS[:-1]), value2=_LEVELS[-1]
                    ),
                )
            severities[rule] = Severity(level)
        out["severity"] = severities
    if "fail-on" in data:
        if data["fail-on"] not in FAIL_LEVELS:
            raise bad(
                "fail-on",
                _("want one of {value}, got {value2!r}").format(value=", ".join(FAIL_LEVELS), value2=data["fail-on"]),
            )
        out["fail_on"] = FailLevel(data["fail-on"])
    if "format" in data:
        if data["format"] not in _FORMATS:
            raise bad(
                "format",
                _("want one of {value}, got {value2!r}").format(value=", ".join(_FORMATS), value2=data["format"]),
            )
        out["format"] = OutputFormat(data["format"])
    if "lang" in data:
        if data["lang"] not in tuple(Language):
            raise bad("lang", _("want ja or en, got {value!r}").format(value=data["lang"]))
        out["lang"] = Language(data["lang"])
    if "max-table-age" in data:
        value = data["max-table-age"]
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_WINDOW:
            raise bad(
                "max-table-age",
                _("want a whole number of days 0–{most}, got {value!r}").format(most=MAX_WINDOW, value=value),
            )
        out["max_table_age"] = value
    return Config(**out)


def rate_entry(code: str, value: object) -> tuple[str, Decimal] | None:
    """A rate given by the user (``--rate usd=153``, ``rate = {USD = "153"}``) as (ISO code, positive
    yen value), or ``None`` when it is not one.

    >>> rate_entry("usd", "153"), rate_entry("ドル円", 153), rate_entry("USD", "-3")
    (('USD', Decimal('153')), None, None)
    """
    code = code.strip().upper()
    number = _decimal(value.strip() if isinstance(value, str) else value)
    sane = number is not None and _LOWEST_RATE <= number <= _HIGHEST_RATE  # 1e400 is a typo, not a rate
    return (code, number) if currencies.is_code(code) and number is not None and sane else None


_LOWEST_RATE, _HIGHEST_RATE = Decimal("1E-6"), Decimal("1E6")  # yen per unit, as the rate table allows


def tolerance_value(value: object) -> Decimal | None:
    """A tolerance given by the user: a fraction in [0, 1), or ``None``."""
    number = _decimal(value)
    return number if number is not None and 0 <= number < 1 else None


#: The dates a user may give (``--date``, ``date =``, ``rates show``): arithmetic on them never leaves
#: the calendar (9999-12-31 plus a day is an OverflowError).
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2199, 12, 31)


def parse_day(raw: str, what: str) -> dt.date:
    """A date the user gave as ``YYYY-MM-DD``, within ``FIRST_DAY`` … ``LAST_DAY``; else a
    ``ConfigError`` naming ``what`` (``--date``, ``date``)."""
    try:
        day = dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise ConfigError(_("{what} {raw!r}: want a date as YYYY-MM-DD").format(what=what, raw=raw)) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ConfigError(
            _("{what} {raw!r}: want a date from {FIRST_DAY} to {LAST_DAY}").format(
                what=what, raw=raw, FIRST_DAY=FIRST_DAY, LAST_DAY=LAST_DAY
            )
        )
    return day


#: The longest reference window accepted, in days: a writer's rate from more than a year back is
#: a historical rate (当時), not a stale one.
MAX_WINDOW = 366


def window_days(value: object) -> int | None:
    """A reference window given by the user: a whole number of days in [0, MAX_WINDOW], or ``None``.

    >>> window_days(30), window_days("14"), window_days(-1), window_days(1.5), window_days(True)
    (30, 14, None, None, None)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value.strip())
    return value if isinstance(value, int) and 0 <= value <= MAX_WINDOW else None


def _decimal(value: object) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal)):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None
