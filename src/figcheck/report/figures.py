"""Rendering for ``figcheck figures``: every figure read, as a rich table or as JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from figcheck.i18n import N_, _, ngettext
from figcheck.model import Figure, Inventory
from figcheck.numerals import plain
from figcheck.positions import Locator
from figcheck.report.base import encodable, shown, text_console

__all__ = ["render_json", "render_text"]

Listing = Sequence[tuple[str, str, Inventory]]  # (path, text, figures)
_INCOMPLETE = N_("incomplete: {reason}; the text defeats figcheck's patterns, so read its figures by hand")


def _figure(f: Figure, locator: Locator) -> dict[str, Any]:
    pos = locator.position(f.span)
    return {
        "kind": f.kind,
        "text": f.text,
        "value": plain(f.value) if f.value is not None else None,
        "unit": f.unit,
        "assumed_unit": f.assumed_unit,
        "start": f.span.start,
        "end": f.span.end,
        "line": pos.line,
        "column": pos.column,
        "end_line": pos.end_line,
        "end_column": pos.end_column,
    }


def render_json(listing: Listing) -> str:
    """``{"version": 1, "files": [{"path", "figures": [...]}]}``, and ``incomplete`` for a file whose
    list may be short."""
    files = []
    for path, text, inventory in listing:
        locator = Locator(text)
        file: dict[str, Any] = {"path": encodable(path), "figures": [_figure(f, locator) for f in inventory.figures]}
        if inventory.incomplete:
            file["incomplete"] = _(_INCOMPLETE).format(reason=inventory.incomplete)
        files.append(file)
    return json.dumps({"version": 1, "files": files}, ensure_ascii=False, indent=2) + "\n"


def render_text(listing: Listing, color: bool = False, width: int = 100) -> str:
    """One rich table per file, a row per figure."""
    from rich.table import Table

    console, out = text_console(color, width)
    for path, text, inventory in listing:
        figs = inventory.figures
        locator = Locator(text)
        table = Table(
            title=ngettext("{path}: {n} figure", "{path}: {n} figures", len(figs)).format(
                path=shown(path), n=len(figs)
            ),
            title_justify="left",
            box=None,
            header_style="bold",
            pad_edge=False,
        )
        for name, justify in (
            (_("line:col"), "right"),
            (_("kind"), "left"),
            (_("as written"), "left"),
            (_("value"), "right"),
            (_("unit"), "left"),
        ):
            table.add_column(name, justify=justify)  # type: ignore[arg-type]
        for f in figs:
            line, column = locator.point(f.span.start)
            table.add_row(
                f"{line}:{column}",
                f.kind,
                shown(f.text),
                plain(f.value) if f.value is not None else "-",
                f.unit or (f"{f.assumed_unit}?" if f.assumed_unit else ""),
            )
        console.print(table)
        if inventory.incomplete:
            console.print(_(_INCOMPLETE).format(reason=inventory.incomplete), markup=False)
    return out.getvalue()
