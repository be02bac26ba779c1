"""Formatters: one module per output format, each rendering a ``RunReport`` to a string."""

from __future__ import annotations

from figcheck.report.base import FORMATTERS, Formatter, OutputFormat, formatter_for

__all__ = ["FORMATTERS", "Formatter", "OutputFormat", "formatter_for"]
