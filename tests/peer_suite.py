"""The peer test suite (Microsoft Recognizers-Text's Japanese specs, MIT) run through ``figures``.

Used by ``tests/test_peer.py`` and ``scripts/peer_score.py``. Only the trustworthy subset is run:
cases with no ``dotnet`` flag and no ``IgnoreResolution`` ("dotnet-validated", see the specs' README).
A case passes when the set of (span, value[, currency]) equals the expected set exactly; values are
compared as decimals to 14 significant digits: the peer writes .NET doubles, whose 15th digit carries
rounding error (it gives 1.1^23 as 8.95430243255239; exactly it is 8.954302432552372…).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation, localcontext
from pathlib import Path

from figcheck.figures import figures

SPECS = Path(__file__).resolve().parent.parent.parent / "shared" / "peer" / "recognizers-text" / "Specs"

#: (spec file, the ``figures`` kind it is measured with)
SUITES = {
    "number": ("Number/Japanese/NumberModel.json", "number"),
    "percent": ("Number/Japanese/PercentModel.json", "percent"),
    "currency": ("NumberWithUnit/Japanese/CurrencyModel.json", "money"),
}

Key = tuple[int, int, Decimal | None, str | None]


@dataclass(frozen=True)
class Case:
    """One peer case."""

    suite: str
    index: int
    input: str
    expected: frozenset[Key]


def _flags(case: dict[str, object], key: str) -> set[str]:
    raw = case.get(key) or ""
    return {p.strip().lower() for p in str(raw).split(",") if p.strip()}


def _norm(value: str | None) -> Decimal | None:
    if value is None:
        return None
    try:
        number = Decimal(value.rstrip("%"))
    except InvalidOperation:
        return None
    with localcontext() as ctx:
        ctx.prec = 14
        return (+number).normalize()


def load(suite: str) -> list[Case]:
    """The dotnet-validated cases of one suite (empty when the specs are absent)."""
    spec, _ = SUITES[suite]
    path = SPECS / spec
    if not path.is_file():
        return []
    cases = []
    for index, raw in enumerate(json.loads(path.read_text(encoding="utf-8-sig"))):
        if "dotnet" in _flags(raw, "NotSupported") | _flags(raw, "NotSupportedByDesign") or raw.get("IgnoreResolution"):
            continue
        expected = frozenset(
            (
                r["Start"],
                r["End"] + 1,
                _norm(r["Resolution"].get("value")),
                r["Resolution"].get("isoCurrency") if suite == "currency" else None,
            )
            for r in raw["Results"]
        )
        cases.append(Case(suite, index, raw["Input"], expected))
    return cases


def actual(case: Case) -> frozenset[Key]:
    """What figcheck reads in the case's input."""
    _, kind = SUITES[case.suite]
    return frozenset(
        (
            f.span.start,
            f.span.end,
            _norm(str(f.value)) if f.value is not None else None,
            f.unit if kind == "money" else None,
        )
        for f in figures(case.input, kind).figures
    )


def passes(case: Case) -> bool:
    """Whether figcheck reads exactly what the peer expects."""
    return actual(case) == case.expected
