"""Rendering for ``figcheck rates show``: a rich table or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from figcheck.i18n import _
from figcheck.numerals import plain
from figcheck.rates import MAX_AGE_DAYS, Shown
from figcheck.report.base import encodable, text_console
from figcheck.report.base import shown as safe

__all__ = ["render_json", "render_text"]


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


def render_json(table: str, shown: Sequence[Shown]) -> str:
    """``{"version": 1, "table": …, "rates": [{base, quote, requested_date, date, rate, kind, source, fallback}]}``."""
    doc = {"version": 1, "table": encodable(table), "rates": [_row(s) for s in shown]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def render_text(table: str, shown: Sequence[Shown], color: bool = False, width: int = 100) -> str:
    """A rich table: pair, date asked for, the row's date (and whether it is a fallback), rate, kind, source."""
    from rich.table import Table

    view = Table(title=safe(table), title_justify="left", box=None, header_style="bold", pad_edge=False)
    for name in (_("pair"), _("asked for"), _("row date"), _("rate"), _("kind"), _("source")):
        view.add_column(name)
    for s in shown:
        o = _row(s)
        if s.fallback:
            note = _("{date} (fallback)").format(date=o["date"])
        else:
            note = o["date"] or _("none within {days} days").format(days=MAX_AGE_DAYS)
        view.add_row(
            f"{s.base}/JPY", o["requested_date"], note, o["rate"] or "-", o["kind"] or "", safe(o["source"] or "")
        )
    console, out = text_console(color, width)
    console.print(view)
    return out.getvalue()
