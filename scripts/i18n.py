"""The message catalogue: ``python scripts/i18n.py extract`` lists every message the source marks
(``_()``, ``N_()``, ``ngettext()``) as a ``.pot`` template; ``check`` says which lack a Japanese
translation or have placeholders that differ; ``compile`` writes ``figcheck.mo`` from
``figcheck.po`` (standard GNU ``.mo`` format, as ``msgfmt`` writes it, without needing gettext's tools).
"""

from __future__ import annotations

import ast
import re
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "figcheck"
PO = SOURCE / "locale" / "ja" / "LC_MESSAGES" / "figcheck.po"
MO = PO.with_suffix(".mo")

Message = tuple[str, str | None]  # msgid, msgid_plural


def extract(source: Path = SOURCE) -> dict[Message, list[str]]:
    """Every marked message, with where it is used."""
    found: dict[Message, list[str]] = {}
    for path in sorted(source.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            name = node.func.id
            if name not in ("_", "N_", "ngettext") or not node.args:
                continue
            args = node.args[:2] if name == "ngettext" else node.args[:1]
            if not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
                continue
            values = [a.value for a in args if isinstance(a, ast.Constant)]
            key = (values[0], values[1] if len(values) > 1 else None)
            found.setdefault(key, []).append(f"{path.relative_to(source.parent)}:{node.lineno}")
    return found


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def _unquote(literal: str) -> str:
    return ast.literal_eval(literal)


def read_po(path: Path = PO) -> dict[Message, list[str]]:
    """``(msgid, msgid_plural) -> [msgstr…]`` of a ``.po`` file (fuzzy entries left out)."""
    entries: dict[Message, list[str]] = {}
    fields: dict[str, str] = {}
    last: str | None = None
    fuzzy = False

    def flush() -> None:
        nonlocal fuzzy
        if "msgid" in fields and not fuzzy:
            plural = fields.get("msgid_plural")
            strings = [fields[k] for k in sorted(k for k in fields if k.startswith("msgstr"))]
            entries[(fields["msgid"], plural)] = strings
        fields.clear()
        fuzzy = False

    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line:
            flush()
            last = None
            continue
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        if line.startswith("#"):
            continue
        m = re.match(r"(msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(\".*\")$", line)
        if m:
            if m.group(1) == "msgid" and "msgid" in fields:
                flush()
            last = m.group(1)
            fields[last] = _unquote(m.group(2))
        elif line.startswith('"') and last is not None:
            fields[last] += _unquote(line)
    return entries


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of a format string."""
    return {m.group(1) for m in re.finditer(r"(?<!\{)\{([a-zA-Z_0-9]*)[!:}]", text)}


def problems(source: Path = SOURCE, po: Path = PO) -> list[str]:
    """Messages without a translation, translations of nothing, placeholders that differ."""
    marked = extract(source)
    translated = read_po(po)
    out = []
    for key, where in marked.items():
        strings = translated.get(key)
        if not strings or not all(strings):
            out.append(f"untranslated: {key[0]!r} ({where[0]})")
            continue
        for s in strings:
            want = placeholders(key[0]) | (placeholders(key[1]) if key[1] else set())
            if placeholders(s) != want:
                out.append(f"placeholders differ: {key[0]!r} -> {s!r}")
    for key in translated:
        if key[0] and key not in marked:
            out.append(f"obsolete: {key[0]!r}")
    return out


def compile_mo(entries: dict[Message, list[str]]) -> bytes:
    """A GNU ``.mo`` file of ``entries`` (the empty msgid carries the header)."""
    pairs = []
    for (msgid, plural), strings in entries.items():
        key = msgid if plural is None else msgid + "\0" + plural
        pairs.append((key.encode(), "\0".join(strings).encode()))
    pairs.sort()
    ids = b"".join(k + b"\0" for k, _ in pairs)
    strs = b"".join(v + b"\0" for _, v in pairs)
    n = len(pairs)
    start = 7 * 4 + 16 * n
    offsets, at = [], 0
    for k, _ in pairs:
        offsets += [len(k), start + at]
        at += len(k) + 1
    at = 0
    values = []
    for _, v in pairs:
        values += [len(v), start + len(ids) + at]
        at += len(v) + 1
    header = struct.pack("Iiiiiii", 0x950412DE, 0, n, 7 * 4, 7 * 4 + 8 * n, 0, 0)
    return header + struct.pack(f"{2 * n}i", *offsets) + struct.pack(f"{2 * n}i", *values) + ids + strs


def template() -> str:
    out = []
    for (msgid, plural), where in sorted(extract().items()):
        out.append("#: " + " ".join(where[:3]))
        out.append(f"msgid {_quote(msgid)}")
        if plural is not None:
            out += [f"msgid_plural {_quote(plural)}", 'msgstr[0] ""']
        else:
            out.append('msgstr ""')
        out.append("")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "extract":
        sys.stdout.write(template())
        return 0
    if command == "compile":
        MO.write_bytes(compile_mo(read_po()))
        return 0
    found = problems()
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
