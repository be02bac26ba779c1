"""Text from articles, file names and table fields is data: printed, it never starts a line, a
terminal escape or a workflow command, and it can always be written as UTF-8."""

from __future__ import annotations

import re

__all__ = ["encodable", "shown"]

# Characters that must never reach a terminal or a log line as they are: C0 and C1 controls (ESC
# starts terminal escapes; CR, LF and the Unicode line separators start a new line, which a CI log
# reads as a new workflow command), DEL, and the lone surrogates of an undecodable file name.
_UNSAFE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _escape(m: re.Match[str]) -> str:
    ch = m[0]
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: str) -> str:
    """``text`` (a file name, article text, a table field) safe to print on one line: controls,
    line breaks and undecodable bytes written as escapes (``\\x0a``, ``\\x1b``, ``\\xff``).

    >>> shown("a\\n::error::x.txt"), shown("\\x1b[2J"), shown("\\udcff.txt"), shown("日本\\tです")
    ('a\\\\x0a::error::x.txt', '\\\\x1b[2J', '\\\\xff.txt', '日本\\tです')
    """
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def encodable(text: str) -> str:
    """``text`` with the lone surrogates of an undecodable file name written as escapes, so that it
    can be written as UTF-8 (JSON, SARIF); other characters are the format's to escape."""
    return _SURROGATE.sub(_escape, text) if _SURROGATE.search(text) else text


_SURROGATE = re.compile(r"[\ud800-\udfff]")
