"""Dates: the article's own (its first lines), and the date a rate statement is given for."""

from __future__ import annotations

import datetime as dt
from contextlib import suppress

import regex

from figcheck import numerals, rx
from figcheck.model import MAX_AGE_DAYS, Dated, DateOrigin

# The words after a date that make it a rate's: 時点, 現在, 付, 換算, の…終値/レート/為替/市場 …
_RATE_DATE_WORDS = (
    r"(?:時点|現在|付|に?換算|の[^。、\n]{0,6}?(?:終値|始値|レート|為替|相場|基準|仲値|TTM|TTS|TTB|市場|取引))"
)
_DATE = rx.compile(
    rf"""
    (?P<y>(?:19|20)\d\d)\s*[-/年.]\s*(?P<m>1[0-2]|0?[1-9])\s*[-/月.]\s*(?P<d>3[01]|[12]\d|0?[1-9])日?  # 2025年10月28日
  | (?P<m2>1[0-2]|0?[1-9])月(?P<d2>3[01]|[12]\d|0?[1-9])日                                           # 10月28日
    # the day alone, only where it dates a rate: 「28日時点の」, 「28日現在」, 「28日の終値」
  | (?:(?<=今月)|(?<![月\d]))(?P<d3>3[01]|[12]\d|0?[1-9])日(?={_RATE_DATE_WORDS})
    """,
    regex.VERBOSE,
)
_DATELINE = 40  # characters: a line this short holding a date is the article's dateline
_HEAD_LINES = 6  # the article's date is looked for in this many first non-empty lines …
_OPENING_LINES = 3  # a line opening with a date is the article's only this near the top (a lede may open so)
_FOOT_LINES = 4  # … and in this many last ones (a footer 「（2017年7月27日付）」, a source line)
# A wire dateline's credit opening a line, its 【 already stripped: 「ワシントン＝共同】」, 「北京時事】」.
_CREDIT = rx.compile(r"[^【】\s]{1,20}】[ \u3000]*")
_HEAD_CHARS = 2000
# A metadata line: 配信日時：…, 更新日 2016.07.26, 公開 …, 投稿日：…, 掲載 …, Published: …
_META = rx.compile(
    r"^(?:配信|更新|公開|投稿|掲載|発行|発売|作成|記事)(?:日時|日付|日)?|^(?:日付|日時)"
    r"|^(?:published|updated|posted|date)\b",
    regex.IGNORECASE,
)
_TIME_AFTER = rx.compile(r"[T\s　]*\(?[0-2]?\d[:：時][0-5]\d")  # a timestamp: the date of a byline
_KANJI_DATE_PART = rx.compile(r"[〇一二三四五六七八九十]+(?=[年月日])")
_ERA = rx.compile(r"(?P<era>令和|平成|昭和)\s*(?P<n>元|\d{1,2})\s*年")
_ERA_START = {"令和": 2018, "平成": 1988, "昭和": 1925}  # the year before the era's first
# A year written twice, the era's and the western (once both are western): the same year, once.
_BOTH_YEARS = rx.compile(r"((?:19|20)\d\d)\s*年\s*[（(]\s*\1\s*年?\s*[）)]")
_DATE_SLACK_YEAR = dt.timedelta(days=31)  # 「12月30日」 in a January article is last year's
_DATE_SLACK_DAYS = 2
_HAS_FULLWIDTH_DIGIT = rx.compile("[０-９]")
_FULLWIDTH_DIGITS = str.maketrans(numerals.FULLWIDTH_DIGITS)


# What makes a date in a rate's sentence the rate's own: a word after it that dates a rate
# (「10月28日時点の」, 「28日現在」, 「28日の東京外国為替市場で」, 「10月28日の終値」), or nothing but
# a particle or bracket between it and the statement (「10月28日の1ドル＝153円」, 「1ドル＝150円
# （2024年3月1日）」). Any other date in the sentence is an event's (「2019年公開の映画」).
_RATE_DATE_MARK = rx.compile(rf"[ \u3000]*{_RATE_DATE_WORDS}")
_NEXT_TO = rx.compile(r"[ \u3000]*[のは（(）)]?[ \u3000]*")


def date_near(
    text: str, bounds: tuple[int, int, int, int], year: int | None, article: dt.date | None
) -> dt.date | None:
    """The date of a rate statement: the last date before it in its sentence that dates a rate
    (「10月28日時点の…1ドル153円」), else the first such date after it (「1ドル＝152円換算（10月28日
    時点）」). A date that does not date a rate (a film's release day) is no rate's."""
    sentence_start, start, end, sentence_end = bounds
    found = None
    for m in _DATE.finditer(text, sentence_start, start):
        if _RATE_DATE_MARK.match(text, m.end()) or _NEXT_TO.fullmatch(text, m.end(), start):
            found = m
    if found is None:
        found = next(
            (
                m
                for m in _DATE.finditer(text, end, sentence_end)
                if _RATE_DATE_MARK.match(text, m.end()) or _NEXT_TO.fullmatch(text, end, m.start())
            ),
            None,
        )
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
    """The article's own date (see :func:`dated`), if any."""
    found = dated(text)
    return found.on if found else None


def dated(text: str) -> Dated | None:
    """The article's own date, from where real copies carry it, if anywhere.

    Looked for in the first six and the last four non-empty lines: one of the first three that starts
    with a full date (after any ``#``, ``*`` or opening bracket), a metadata line (配信日時：…, 更新日 …, 投稿日：…),
    a timestamp (a date with a time, as on a byline), or a short line that holds one (a dateline,
    a footer 「（2017年7月27日付）」, a source line 「(聯合ニュース 2017/7/27)」). Era dates (令和2年4月17日,
    元年) and kanji dates (二〇二三年五月二十三日) are read. A date inside a sentence of prose is an
    event's, never the article's.

    >>> dated("2025-10-28 コメント\\n本文")
    Dated(on=datetime.date(2025, 10, 28), origin=<DateOrigin.TEXT: 'text'>, line=1)
    >>> dated("見出し\\n（2025年10月28日 18時05分）\\n本文").line
    2
    >>> dated("見出し\\n本文。\\n（令和5年5月23日付）").on
    datetime.date(2023, 5, 23)
    >>> dated("政府は2025年10月28日に開かれた会合で、対米投資の実行について詳しく説明した。") is None
    True
    """
    head = _lines(text[:_HEAD_CHARS].lstrip("\ufeff"), first=_HEAD_LINES)
    for n, line in head[:_OPENING_LINES]:  # a line that opens with the date: the first of all
        credit = _CREDIT.match(line)  # or with the date after a wire credit, in copy run on one line
        m = _DATE.match(line, credit.end() if credit else 0)
        if m and m["y"]:
            return _found(m, n)
    tail_start = max(0, len(text) - _HEAD_CHARS)  # the foot only now: most articles open with their date
    lines_before_tail = text.count("\n", 0, tail_start)
    foot = [(n + lines_before_tail, line) for n, line in _lines(text[tail_start:], last=_FOOT_LINES)]
    foot = [entry for entry in foot if entry not in head]
    for n, line in head + foot[::-1]:
        for m in _DATE.finditer(line):
            short = len(line) <= _DATELINE and not line.endswith(("。", "た", "る"))  # not a sentence
            if m["y"] and (short or _META.match(line) or _TIME_AFTER.match(line, m.end())):
                return _found(m, n)
    return None


def _found(m: regex.Match[str], line: int) -> Dated | None:
    on = _to_date(m)
    return Dated(on, DateOrigin.TEXT, line) if on else None


def _lines(text: str, first: int | None = None, last: int | None = None) -> list[tuple[int, str]]:
    """The non-empty lines of ``text`` with their 1-based numbers, stripped of brackets and marks,
    dates in Arabic digits: the ``first`` so many, or the ``last`` so many (in text order), or all.
    Only the lines returned are worked on: a date is looked for in ten lines, not in every line of
    the head and foot of the text."""
    if _HAS_FULLWIDTH_DIGIT.search(text):  # translate() maps char by char: only when it changes something
        text = text.translate(_FULLWIDTH_DIGITS)
    raws = text.split("\n")  # "\n" alone: as the reports count lines
    wanted = first if first is not None else last
    order = range(len(raws) - 1, -1, -1) if last is not None else range(len(raws))
    out = []
    for i in order:
        line = raws[i].strip(" \u3000\t\r#*（(【[「<")
        if line:
            out.append((i + 1, line))
            if wanted is not None and len(out) >= wanted:
                break
    # One search over the lines taken for kanji and era dates (a hit in their join may span two
    # lines; then each line is looked at alone): most articles have neither.
    joined = "\n".join(line for _, line in out)
    kanji = _KANJI_DATE_PART.search(joined) is not None
    era = kanji or ("年" in joined and _ERA.search(joined) is not None)  # 令和五年: an era year once in digits
    if kanji or era:
        out = [(n, _western(line, kanji, era)) for n, line in out]
    return out[::-1] if last is not None else out


def _western(line: str, kanji: bool, era: bool) -> str:
    """``line`` with its kanji numerals before 年/月/日 and its era years in Arabic digits."""
    if kanji and _KANJI_DATE_PART.search(line):
        line = _KANJI_DATE_PART.sub(_kanji_number, line)
    if era and "年" in line and _ERA.search(line):
        line = _ERA.sub(_western_year, line)
        line = _BOTH_YEARS.sub(r"\1年", line)  # 令和7年（2025年）10月28日, 2025年（令和7年）10月28日
    return line


def _kanji_number(m: regex.Match[str]) -> str:
    """二〇二三 -> 2023, 二十三 -> 23 (before 年, 月 or 日)."""
    parsed = numerals.parse(m[0])
    return m[0] if parsed is None else str(parsed.value)


def _western_year(m: regex.Match[str]) -> str:
    """令和5年 -> 2023年, 平成元年 -> 1989年."""
    n = 1 if m["n"] == "元" else int(m["n"])
    return f"{_ERA_START[m['era']] + n}年"


# An event's date in prose, for a conversion at the rate of the time (当時): 「2016年に」, 「2016年度」,
# 「2016年3月」, 「2016年3月1日」, 「平成28年」.
_EVENT = rx.compile(
    r"(?:(?P<era>令和|平成|昭和)(?P<n>元|\d{1,2})|(?P<y>(?:19|20)\d\d))年(?P<fy>度)?"
    r"(?:(?P<m>1[0-2]|0?[1-9])月(?:(?P<d>3[01]|[12]\d|0?[1-9])日)?)?"
)
_DAY_BEFORE = dt.timedelta(days=MAX_AGE_DAYS)  # a day's rate may be a week's last row (a weekend)


def period_near(text: str, bounds: tuple[int, int, int, int]) -> tuple[dt.date, dt.date] | None:
    """The dates of the event a sentence names around a conversion: the last date before it in its
    sentence, else the first after it. 「2016年に買収」 is the whole of 2016, 「2016年度」 April 2016
    to March 2017, 「2016年3月」 the month, 「2016年3月1日」 that day (and the week before it)."""
    sentence_start, start, end, sentence_end = bounds
    piece = text[sentence_start:sentence_end]
    if _HAS_FULLWIDTH_DIGIT.search(piece):
        piece = piece.translate(_FULLWIDTH_DIGITS)  # char by char: positions are kept
    found = None
    for m in _EVENT.finditer(piece, 0, start - sentence_start):
        found = m
    if found is None:
        found = _EVENT.search(piece, end - sentence_start)
    return _period(found) if found else None


def _period(m: regex.Match[str]) -> tuple[dt.date, dt.date] | None:
    year = int(m["y"]) if m["y"] else _ERA_START[m["era"]] + (1 if m["n"] == "元" else int(m["n"]))
    try:
        if m["m"] and m["d"]:
            day = dt.date(year, int(m["m"]), int(m["d"]))
            return day - _DAY_BEFORE, day
        if m["m"]:
            first = dt.date(year, int(m["m"]), 1)
            return first, (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
        if m["fy"]:
            return dt.date(year, 4, 1), dt.date(year + 1, 3, 31)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None
