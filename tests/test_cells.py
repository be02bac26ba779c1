"""``figcheck.cells``: the Japanese help measured and wrapped in terminal columns."""

from __future__ import annotations

import pytest

from figcheck.cells import width, wrap

TEXTS = [
    "記事に換算レートがないときに使うレート: 通貨=値（円）。",
    "出力形式（既定: GitHub Actions では github、それ以外は text）。",
    "この重大度以上の問題があれば終了コード 1（never: 常に 0）。",
    "レート表のレートは、この日数前までのどのレートで換算した数字も認める（既定 30）。",
    "色: auto（端末、NO_COLOR、FORCE_COLOR に従う）、always、never。",
    "Check the conversions in PATHS, one file at a time, and write what was found.",
    "「約84兆円」と「5500億ドル」。",
]


@pytest.mark.parametrize("columns", [12, 20, 31, 46])
@pytest.mark.parametrize("text", TEXTS)
def test_lines_fit_the_columns_and_keep_every_character(text: str, columns: int) -> None:
    lines = wrap(text, columns)
    assert all(width(line) <= columns for line in lines), lines
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # nothing lost, nothing added
    assert all(" ".join(line.split()) in " ".join(text.split()) for line in lines)  # spaces as written


@pytest.mark.parametrize("columns", [14, 17, 20, 26, 33])  # wider than any one word
@pytest.mark.parametrize("text", TEXTS)
def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one(text: str, columns: int) -> None:
    lines = wrap(text, columns)
    assert not any(line[0] in "、。）」』：:=" for line in lines[1:]), lines
    assert not any(line[-1] in "（「『=" for line in lines[:-1]), lines


@pytest.mark.parametrize(
    ("text", "columns", "expected"),
    [
        ("あいうえおかきくけ、こ", 18, ["あいうえおかきく", "け、こ"]),  # 、 takes け along
        ("あいうえおか「きく」", 14, ["あいうえおか", "「きく」"]),  # 「 goes down with きく
        ("word another word", 12, ["word another", "word"]),  # English breaks at spaces only
        ("GitHub Actions では github", 16, ["GitHub Actions", "では github"]),
        ("supercalifragilistic", 8, ["supercalifragilistic"]),  # a word wider than the line: alone
        ("", 10, []),
    ],
)
def test_where_lines_break(text: str, columns: int, expected: list[str]) -> None:
    assert wrap(text, columns) == expected


def test_width_counts_wide_characters_twice() -> None:
    assert width("換算") == 4
    assert width("ＡＢ") == 4  # full-width Latin
    assert width("ｶﾀｶﾅ") == 4  # half-width katakana: one column each
    assert width("a b") == 3
