"""figcheck as a library: what a CMS hook, a notebook or a batch job calls.

Everything here is also importable from ``figcheck`` itself (``figcheck.check_text``), loaded on
first use so that ``import figcheck`` stays as light as the command line needs it::

    >>> import figcheck
    >>> report = figcheck.check_text("5500億ドル（約85兆円）", rates={"USD": 153})
    >>> [(f.status.value, f.suggestion) for f in report.findings]
    [('mismatch', '約84兆円')]
    >>> figcheck.report_dict(report)["findings"][0]["expected"]["text"]
    '84兆1500億円'

The results are the frozen dataclasses of ``figcheck.model`` (``FileReport``, ``Finding``,
``Inventory``); ``report_dict`` and ``figures_dict`` turn them into the plain dicts of the JSON
output (``figcheck/schemas/report.schema.json``: one entry of ``files``). Errors a caller can fix
(a bad date, a bad rate, an unreadable table) are ``figcheck.errors.FigcheckError``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from figcheck.context import CheckOptions, RateSource
from figcheck.model import FigureKind, FileReport, Finding, Inventory
from figcheck.pipeline import Rates, check_text

__all__ = [
    "CheckOptions",
    "FileReport",
    "Finding",
    "Inventory",
    "RateSource",
    "Rates",
    "check_text",
    "figures_dict",
    "find_figures",
    "open_rates",
    "report_dict",
]


def find_figures(text: str, *, kind: FigureKind | str = FigureKind.ALL) -> Inventory:
    """Every figure of ``kind`` (``all``, ``money``, ``percent``, ``number``) that figcheck reads in
    ``text``, in text order: what ``figcheck figures`` lists.

    >>> [(f.text, f.unit) for f in find_figures("5500億ドル（約84兆円）", kind="money").figures]
    [('5500億ドル', 'USD'), ('84兆円', 'JPY')]
    """
    from figcheck.figures import figures

    return figures(text, kind)


def report_dict(report: FileReport) -> dict[str, Any]:
    """``report`` as one entry of ``files`` in the JSON output (``report.schema.json``): plain
    ``str``/``int``/``bool``/``None``, lists and dicts, figures as decimal strings."""
    from figcheck.report.json import file_dict

    return file_dict(report)


def figures_dict(inventory: Inventory, text: str, *, path: str = "<text>") -> dict[str, Any]:
    """``inventory`` (of ``text``) as one entry of ``files`` in ``figcheck figures --format json``."""
    from figcheck.report.figures import file_dict

    return file_dict(path, text, inventory)


def open_rates(path: str | Path | None = None) -> RateSource:
    """A rate table to pass as ``rates=`` to many calls: the file at ``path``, or (``None``) the
    tables a check reads by default, the packaged one overlaid by the user's (``figcheck rates
    update``). Each file is read on its first look-up and kept."""
    from figcheck.rates import tables

    return tables(Path(path) if path is not None else None)
