"""Rendering for ``figcheck rates show``: a rich table or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from figcheck.i18n import _, ngettext
from figcheck.numerals import plain
from figcheck.rates import MAX_AGE_DAYS, Freshness, Shown
from figcheck.report.base import encodable, text_console
from figcheck.report.base import shown as safe

__all__ = ["freshness_text", "render_json", "render_text"]


def _row(s: Shown) -> dict[str, Any]:
    r = s.rate
    return {
        "base": s.base,
        "quote": "JPY",
        "requested_date": s.requested.isoformat(),
        "date": r.on.isoformat() if r else None,
        "rate": plain(r.value) if r else None,
        "kind": str(r.kind) if r else None,
        "source": r.source if r else None,
        "fallback": s.fallback,
    }


def render_json(table: str, shown: Sequence[Shown], fresh: Sequence[Freshness] = ()) -> str:
    """``{"version": 1, "table": …, "tables": [{path, last_date, age_days}], "rates": [{base, quote,
    requested_date, date, rate, kind, source, fallback, file}]}``."""
    doc = {
        "version": 1,
        "table": encodable(table),
        "tables": [_fresh(f) for f in fresh],
        "rates": [{**_row(s), "file": encodable(str(s.file)) if s.file else None} for s in shown],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _fresh(f: Freshness) -> dict[str, Any]:
    return {"path": encodable(str(f.path)), "last_date": f.last.isoformat() if f.last else None, "age_days": f.age}


def freshness_text(fresh: Sequence[Freshness]) -> list[str]:
    """One line per table file, lowest layer first: its newest date and age."""
    lines = []
    for f in fresh:
        if f.last is None:
            lines.append(_("{path}: empty").format(path=safe(str(f.path))))
        else:
            lines.append(
                ngettext(
                    "{path}: newest row {last} ({age} day old)",
                    "{path}: newest row {last} ({age} days old)",
                    f.age or 0,
                ).format(path=safe(str(f.path)), last=f.last.isoformat(), age=f.age)
            )
    return lines


def render_text(
    table: str, shown: Sequence[Shown], color: bool = False, width: int = 100, fresh: Sequence[Freshness] = ()
) -> str:
    """A rich table: pair, date asked for, the row's date (and whether it is a fallback), rate, kind,
    source and the file it is in; under it, each table file's newest date and age."""
    from rich.table import Table
    from rich.text import Text

    view = Table(box=None, header_style="bold", pad_edge=False)
    files = {s.file for s in shown if s.file is not None}
    names = [_("pair"), _("asked for"), _("row date"), _("rate"), _("kind"), _("source")]
    for name in names:
        view.add_column(name)
    if len(files) > 1:
        view.add_column(_("file"), overflow="fold")
    for s in shown:
        o = _row(s)
        if s.fallback:
            note = _("{date} (fallback)").format(date=o["date"])
        else:
            note = o["date"] or _("none within {days} days").format(days=MAX_AGE_DAYS)
        cells = [f"{s.base}/JPY", o["requested_date"], note, o["rate"] or "-", o["kind"] or "", safe(o["source"] or "")]
        if len(files) > 1:
            cells.append(safe(s.file.name) if s.file else "")
        view.add_row(*cells)
    console, out = text_console(color, width)
    console.print(Text(safe(table), style="bold"), overflow="fold")
    console.print(view)
    for line in freshness_text(fresh):
        console.print(Text(line, style="dim"), overflow="fold")
    return out.getvalue()
