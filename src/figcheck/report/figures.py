"""Rendering for ``figcheck figures``: every figure read, as a rich table or as JSON."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from json.encoder import encode_basestring
from typing import Any

from figcheck.i18n import N_, _, ngettext
from figcheck.model import Figure, Inventory
from figcheck.numerals import plain
from figcheck.positions import Locator
from figcheck.report.base import encodable, shown, text_console

__all__ = ["file_dict", "iter_json", "iter_text", "render_json", "render_text"]

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


def file_dict(path: str, text: str, inventory: Inventory) -> dict[str, Any]:
    locator = Locator(text)
    file: dict[str, Any] = {"path": encodable(path), "figures": [_figure(f, locator) for f in inventory.figures]}
    if inventory.incomplete:
        file["incomplete"] = _(_INCOMPLETE).format(reason=inventory.incomplete)
    return file


def _string(value: str | None) -> str:
    """A string (a ``StrEnum`` too) or ``None`` as JSON."""
    return "null" if value is None else encode_basestring(value)


def _figure_json(f: Figure, locator: Locator) -> str:
    """``_figure``'s dict as ``json.dumps(..., indent=2)`` writes it at a file's depth, in one
    template: the keys are fixed, and only the strings need encoding."""
    line, column = locator.point(f.span.start)
    end_line, end_column = locator.point(f.span.end)
    value = _string(plain(f.value) if f.value is not None else None)
    return (
        f'    {{\n      "kind": {encode_basestring(f.kind)},\n      "text": {encode_basestring(f.text)},\n'
        f'      "value": {value},\n      "unit": {_string(f.unit)},\n'
        f'      "assumed_unit": {_string(f.assumed_unit)},\n'
        f'      "start": {f.span.start},\n      "end": {f.span.end},\n'
        f'      "line": {line},\n      "column": {column},\n'
        f'      "end_line": {end_line},\n      "end_column": {end_column}\n    }}'
    )


def _file_json(path: str, text: str, inventory: Inventory) -> str:
    """``json.dumps(file_dict(...), ensure_ascii=False, indent=2)``, written out: with ``indent``,
    ``json`` encodes in Python, a fifth of ``figcheck figures`` on dense text. A figure is a flat
    record of strings, ints and ``None`` with fixed keys, so each is one template (``_figure_json``)
    and only strings are encoded (by ``json``'s own C function); a test holds the two to the same text."""
    fields = [f'  "path": {encode_basestring(encodable(path))}']
    if inventory.figures:
        locator = Locator(text)
        figures = ",\n".join(_figure_json(f, locator) for f in inventory.figures)
        fields.append(f'  "figures": [\n{figures}\n  ]')
    else:
        fields.append('  "figures": []')
    if inventory.incomplete:
        fields.append(f'  "incomplete": {encode_basestring(_(_INCOMPLETE).format(reason=inventory.incomplete))}')
    return "{\n" + ",\n".join(fields) + "\n}"


def iter_json(listing: Iterable[tuple[str, str, Inventory]]) -> Iterator[str]:
    """``render_json``'s text piece by piece, a file at a time, so that a run over an archive holds
    one file's figures at a time (the text is the same as ``json.dumps(..., indent=2)`` gives)."""
    yield '{\n  "version": 1,\n  "files": ['
    first = True
    for path, text, inventory in listing:
        body = _file_json(path, text, inventory).replace("\n", "\n    ")
        yield ("\n    " if first else ",\n    ") + body
        first = False
    yield "]\n}\n" if first else "\n  ]\n}\n"


def render_json(listing: Listing) -> str:
    """``{"version": 1, "files": [{"path", "figures": [...]}]}``, and ``incomplete`` for a file whose
    list may be short."""
    return "".join(iter_json(listing))


def iter_text(listing: Iterable[tuple[str, str, Inventory]], color: bool = False, width: int = 100) -> Iterator[str]:
    """One rich table per file, a row per figure, a file at a time."""
    from rich.table import Table

    for path, text, inventory in listing:
        console, out = text_console(color, width)
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
        yield out.getvalue()


def render_text(listing: Listing, color: bool = False, width: int = 100) -> str:
    """One rich table per file, a row per figure."""
    return "".join(iter_text(listing, color, width))
