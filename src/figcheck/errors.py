"""One base class for every error a user can cause or fix; the CLI turns them into exit code 2."""

from __future__ import annotations


class FigcheckError(Exception):
    """An error reported to the user as one line, never as a traceback."""


class InputError(FigcheckError):
    """An input file that is missing, unreadable or not text."""


class BinaryInputError(InputError):
    """An input that is binary, not text: skipped with a note when a directory walk found it."""


class RatesError(FigcheckError):
    """A rate table that is missing or malformed, or rates that could not be fetched."""


class ConfigError(FigcheckError):
    """A bad option or configuration value."""
