"""Text measured and wrapped in terminal columns, for the Japanese help: click counts characters,
and a Japanese character takes two columns, so its lines ran past the terminal's edge.

A line may break between any two Japanese characters, and at the spaces between other words; never
before a closing mark or 、。 (the mark takes the character before it to the next line), never after
an opening bracket: the line-breaking rules of Japanese text (禁則処理), in their simplest form.
"""

from __future__ import annotations

from unicodedata import east_asian_width

__all__ = ["width", "wrap"]

# Marks a line may not start with, and marks it may not end with (an = between words binds both).
_NO_START = frozenset("、。，．,.)）」』】〕〉》］]！？!?ー・：:；;%％=＝")
_NO_END = frozenset("（(「『【〔〈《［[=＝")


def _wide(ch: str) -> bool:
    return east_asian_width(ch) in ("W", "F")


def width(text: str) -> int:
    """The columns ``text`` takes in a terminal: two for each wide character, one for the others.

    >>> width("PATHS の換算"), width("abc")
    (12, 3)
    """
    return sum(2 if _wide(ch) else 1 for ch in text)


def _units(text: str) -> list[tuple[str, bool]]:
    """``text`` as the pieces a line may break between: each wide character alone, each run of
    other characters; with whether a space came before the piece."""
    units: list[tuple[str, bool]] = []
    word: list[str] = []
    spaced = False

    def end_word() -> None:
        nonlocal spaced
        if word:
            units.append(("".join(word), spaced))
            word.clear()
            spaced = False

    for ch in text:
        if ch.isspace():
            end_word()
            spaced = bool(units)
        elif _wide(ch):
            end_word()
            units.append((ch, spaced))
            spaced = False
        else:
            word.append(ch)
    end_word()
    return units


def _line_width(units: list[tuple[str, bool]]) -> int:
    return sum(width(piece) + (1 if spaced and i else 0) for i, (piece, spaced) in enumerate(units))


def wrap(text: str, columns: int) -> list[str]:
    """``text`` (one paragraph: runs of whitespace are one space) in lines of at most ``columns``
    columns where it can be; a single piece wider than that has a line of its own.

    >>> wrap("記事に換算レートがないときに使うレート: CUR=VALUE（円）。", 20)
    ['記事に換算レートがな', 'いときに使うレート:', 'CUR=VALUE（円）。']
    >>> wrap("あいうえおかきくけ、こ", 18)  # 、 takes け with it to the next line
    ['あいうえおかきく', 'け、こ']
    """
    lines: list[list[tuple[str, bool]]] = [[]]
    for unit in _units(text):
        piece = unit[0]
        line = lines[-1]
        if line and _line_width([*line, unit]) > columns:
            carried: list[tuple[str, bool]] = []
            if piece[0] in _NO_START:  # the mark takes the piece before it along (and a run of marks)
                while len(line) > 1:
                    carried.insert(0, line.pop())
                    if carried[0][0][0] not in _NO_START:
                        break
            while len(line) > 1 and line[-1][0][-1] in _NO_END:  # an opening bracket goes down too
                carried.insert(0, line.pop())
            lines.append(carried)
        lines[-1].append(unit)
    return ["".join((" " if spaced and i else "") + p for i, (p, spaced) in enumerate(line)) for line in lines if line]
