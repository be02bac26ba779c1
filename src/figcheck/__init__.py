"""figcheck: a fact-checker for currency-converted figures in Japanese news text.

The library's functions (``check_text``, ``find_figures``, ``report_dict``, ``figures_dict``,
``open_rates``) are documented in ``figcheck.api``; they load on first use, so that importing the
package for the command line costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from figcheck.api import (
        CheckOptions,
        FileReport,
        Finding,
        Inventory,
        RateSource,
        check_text,
        figures_dict,
        find_figures,
        open_rates,
        report_dict,
    )

__all__ = [
    "CheckOptions",
    "FileReport",
    "Finding",
    "Inventory",
    "RateSource",
    "__version__",
    "check_text",
    "figures_dict",
    "find_figures",
    "open_rates",
    "report_dict",
]


def __getattr__(name: str) -> Any:
    """The library's names, imported from ``figcheck.api`` when first asked for."""
    if name in __all__ and name != "__version__":
        from figcheck import api

        return getattr(api, name)
    raise AttributeError(f"module 'figcheck' has no attribute {name!r}")
