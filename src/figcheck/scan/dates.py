"""Dates: the article's own (its first lines), and the date a rate statement is given for."""

from __future__ import annotations

import datetime as dt
from contextlib import suppress

import regex

from figcheck import numerals

_DATE = regex.compile(
    r"""
    (?P<y>(?:19|20)\d\d)\s*[-/年.]\s*(?P<m>1[0-2]|0?[1-9])\s*[-/月.]\s*(?P<d>3[01]|[12]\d|0?[1-9])日?  # 2025年10月28日
  | (?P<m2>1[0-2]|0?[1-9])月(?P<d2>3[01]|[12]\d|0?[1-9])日                                           # 10月28日
    # the day alone, only where it dates a rate: 「28日時点の」, 「28日現在」, 「28日の終値」
  | (?<![月\d])(?P<d3>3[01]|[12]\d|0?[1-9])日(?=時点|現在|付|の(?:終値|レート|為替|相場|基準|仲値|TTM))
    """,
    regex.VERBOSE,
)
_DATELINE = 40  # characters: a line this short holding a date is the article's dateline
_HEAD_LINES = 3  # the article's date is looked for in this many first non-empty lines
_HEAD_CHARS = 2000
_DATE_SLACK_YEAR = dt.timedelta(days=31)  # 「12月30日」 in a January article is last year's
_DATE_SLACK_DAYS = 2
_HAS_FULLWIDTH_DIGIT = regex.compile("[０-９]")
_FULLWIDTH_DIGITS = str.maketrans(numerals.FULLWIDTH_DIGITS)


def date_near(
    text: str, bounds: tuple[int, int, int, int], year: int | None, article: dt.date | None
) -> dt.date | None:
    """The date of a rate statement: the last date before it in its sentence
    (「10月28日時点の…1ドル153円」), else the first after it (「1ドル＝152円換算（10月28日時点）」)."""
    sentence_start, start, end, sentence_end = bounds
    found = None
    for m in _DATE.finditer(text, sentence_start, start):
        found = m
    if found is None:
        found = _DATE.search(text, end, sentence_end)
    return _to_date(found, year, article) if found else None


def _to_date(m: regex.Match[str], year: int | None = None, article: dt.date | None = None) -> dt.date | None:
    """The date ``m`` writes. One without a year (「10月28日」) takes ``year``, else the article's year
    — the year before when that would put it after the article (「12月30日」 in a January article).
    One with the day only (「28日時点」) takes the article's month, or the month before. An article's
    own date may be a day or two off the rate's (time zones, a late edition): that is never a year or
    a month back."""
    try:
        if m["y"]:
            return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
        if m["m2"]:
            if year is not None:
                return dt.date(year, int(m["m2"]), int(m["d2"]))
            if article is not None:
                on = dt.date(article.year, int(m["m2"]), int(m["d2"]))
                return on if on <= article + _DATE_SLACK_YEAR else dt.date(article.year - 1, on.month, on.day)
            return None
        if article is not None:
            day = int(m["d3"])
            if day <= article.day + _DATE_SLACK_DAYS:  # an article dated a day early is no month off
                with suppress(ValueError):
                    return article.replace(day=day)
            before = article.replace(day=1) - dt.timedelta(days=1)
            return before.replace(day=day)
    except ValueError:
        return None
    return None


def article_date(text: str) -> dt.date | None:
    """The date an article opens with (``2025-10-28``, ``2025年10月28日``), if any.

    Only the first three non-empty lines are looked at: a line that starts with a full date (after
    any ``#``, ``*`` or opening bracket), or else a short line (a dateline) that holds one.

    >>> article_date("2025-10-28 コメント\\n本文")
    datetime.date(2025, 10, 28)
    >>> article_date("見出し\\n（2025年10月28日 18時05分）\\n本文")
    datetime.date(2025, 10, 28)
    >>> article_date("政府は2025年10月28日に開かれた会合で、対米投資の実行について詳しく説明した。") is None
    True
    """
    head = text[:_HEAD_CHARS].lstrip("\ufeff")
    if _HAS_FULLWIDTH_DIGIT.search(head):  # translate() maps char by char: only when it changes something
        head = head.translate(_FULLWIDTH_DIGITS)
    lines = [line.strip(" \u3000\t#*（(【[「") for line in head.splitlines()]
    lines = [line for line in lines if line][:_HEAD_LINES]
    for line in lines:
        m = _DATE.match(line)
        if m and m["y"]:
            return _to_date(m)
    for line in lines:
        if len(line) <= _DATELINE:
            for m in _DATE.finditer(line):
                if m["y"]:
                    return _to_date(m)
    return None
