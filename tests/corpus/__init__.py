"""figcheck's real-pattern corpus (issue 11): passages in the style of Japanese news copy, each with
the conversions and verdicts it should give. ``load`` reads it, ``run`` checks one passage, ``score``
counts per class (``scripts/corpus_score.py`` prints the counts; ``tests/test_corpus.py`` asserts)."""

from __future__ import annotations

import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from figcheck.context import CheckOptions
from figcheck.model import CONVERTING, Status
from figcheck.pipeline import check_text
from figcheck.rates import RateTable

HERE = Path(__file__).resolve().parent
PASSAGES = HERE / "passages.toml"
UNITS = HERE / "units.toml"  # issue 16: unit conversions, in the same form
RATES = HERE / "rates.csv"

Verdict = tuple[str, str, str]  # (source as written, converted figure as written, status)


@dataclass(frozen=True)
class Passage:
    """One passage of the corpus and what it should give."""

    number: int
    cls: str
    kind: str  # consistent, wrong or distractor
    text: str
    expect: tuple[Verdict, ...]
    others: tuple[str, ...] = ()  # rules other than conversion that fire (as mismatches)
    xfail: str = ""


@dataclass(frozen=True)
class Result:
    """What figcheck gave for one passage."""

    verdicts: tuple[Verdict, ...]
    others: tuple[str, ...]


@dataclass
class Tally:
    """The counts of one class."""

    passages: int = 0
    pairs: int = 0  # expected conversions
    found: int = 0  # expected conversions figcheck paired
    right: int = 0  # … with the expected verdict
    false_alarms: int = 0  # a mismatch or warning not expected, or a pairing that is not a conversion
    misses: int = 0  # an expected mismatch or warning not reported as one, or a conversion not paired
    kinds: Counter[str] = field(default_factory=Counter)


def load(*paths: Path) -> list[Passage]:
    """Every passage of the corpus (``paths``, else both files), numbered from 1 in file order."""
    entries = [
        p for path in paths or (PASSAGES, UNITS) for p in tomllib.loads(path.read_text(encoding="utf-8"))["passage"]
    ]
    return [
        Passage(
            number=i,
            cls=p["class"],
            kind=p["kind"],
            text=p["text"],
            expect=tuple((s, t, v) for s, t, v in p["expect"]),
            others=tuple(p.get("others", ())),
            xfail=p.get("xfail", ""),
        )
        for i, p in enumerate(entries, 1)
    ]


def table() -> RateTable:
    """The corpus's own rate table."""
    return RateTable.open(RATES)


def run(passage: Passage, rates: RateTable) -> Result:
    """Check ``passage`` as ``figcheck`` would a .txt file."""
    report = check_text(passage.text, path="passage.txt", rates=rates, options=CheckOptions())
    verdicts = tuple(
        (f.conversion.source.text, f.conversion.stated.text, str(f.status))
        for f in report.findings
        if f.rule in CONVERTING and f.conversion is not None
    )
    others = tuple(str(f.rule) for f in report.findings if f.rule not in CONVERTING and f.status is Status.MISMATCH)
    return Result(verdicts, others)


def score(passages: list[Passage], rates: RateTable) -> dict[str, Tally]:
    """Per class: pairs expected and found, verdicts right, false alarms and misses."""
    tallies: dict[str, Tally] = {}
    for p in passages:
        t = tallies.setdefault(p.cls, Tally())
        got = run(p, rates)
        t.passages += 1
        t.kinds[p.kind] += 1
        t.pairs += len(p.expect)
        found = {(s, c): v for s, c, v in got.verdicts}
        wanted = {(s, c): v for s, c, v in p.expect}
        for key, verdict in wanted.items():
            if key not in found:
                t.misses += 1
                continue
            t.found += 1
            if found[key] == verdict:
                t.right += 1
            elif verdict == "mismatch":
                t.misses += 1
            elif found[key] == "mismatch":
                t.false_alarms += 1
        t.false_alarms += sum(1 for key in found if key not in wanted)
        extra, lacking = Counter(got.others) - Counter(p.others), Counter(p.others) - Counter(got.others)
        t.false_alarms += sum(extra.values())
        t.misses += sum(lacking.values())
    return tallies
