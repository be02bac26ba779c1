"""The language of every message a person reads: English (the message ids) or Japanese.

Standard ``gettext``: the catalogue is ``locale/ja/LC_MESSAGES/figcheck.po`` in the package, shipped
compiled as ``figcheck.mo`` beside it (``scripts/msgfmt.sh`` rebuilds it; a test fails when the two
differ or a message lacks a translation). Source strings are marked with ``_()`` where they are used
and with ``N_()`` where they are defined before the language is known (command help).

The language is one per process: ``use(lang)`` sets it, and a worker process is given its parent's
(``runner``). It is chosen, in order, by ``--lang``, ``lang =`` in the configuration and the locale
(``LC_ALL``, ``LC_MESSAGES``, ``LANG``, the first that is set, as POSIX reads them): ``ja…`` is
Japanese, anything else English.
"""

from __future__ import annotations

import datetime as dt
import gettext as _gettext
import os
from collections.abc import Mapping
from pathlib import Path

__all__ = ["LANGUAGES", "N_", "_", "current", "day", "from_environment", "month", "ngettext", "use"]

LANGUAGES = ("en", "ja")
DOMAIN = "figcheck"
LOCALE_DIR = Path(__file__).parent / "locale"

_catalog: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "en"


def from_environment(env: Mapping[str, str] | None = None) -> str:
    """The language the locale asks for: the first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is
    set and not empty decides (``ja_JP.UTF-8`` → ``ja``; ``C``, ``en_US`` … → ``en``)."""
    env = os.environ if env is None else env
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"


def use(language: str) -> None:
    """Speak ``language`` (``en`` or ``ja``) from now on, in this process."""
    global _catalog, _language
    if language not in LANGUAGES:
        raise ValueError(language)
    _language = language
    if language == "en":
        _catalog = _gettext.NullTranslations()
    else:
        _catalog = _gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def current() -> str:
    """The language in use."""
    return _language


def _(message: str) -> str:
    """``message`` in the language in use."""
    return _catalog.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, in the language in use."""
    return _catalog.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks ``message`` for the catalogue; it is translated later, where it is shown."""
    return message


def day(value: object) -> str:
    """A date as the language writes it: ``2025-10-28``, 「2025年10月28日」."""
    if _language == "ja" and isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value)


def month(value: str) -> str:
    """A month ``YYYY-MM`` as the language writes it: ``2024-05``, 「2024年5月」."""
    if _language == "ja" and len(value) == 7 and value[4] == "-":
        return f"{value[:4]}年{int(value[5:])}月"
    return value
