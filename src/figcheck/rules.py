"""The rule registry: every rule declares, once, its id, default severity, summary and documentation.

``check`` takes default severities from here, the configuration its list of rule ids, SARIF its
``rules`` (descriptions, ``helpUri``, default level), and ``docs/rules.md`` is generated from it
(``python -m figcheck.rules > docs/rules.md``; a test keeps the file in step). A new rule is one
entry here plus the function in ``check`` that finds it.
"""

from __future__ import annotations

from figcheck.frozen import frozen
from figcheck.i18n import N_
from figcheck.model import Rule, Severity

__all__ = ["DOCS_URL", "RULES", "RuleInfo", "default_severity", "explain", "markdown"]

#: Where ``docs/rules.md`` is published; each rule's ``helpUri`` is this plus ``#`` and its id.
DOCS_URL = "https://github.com/figcheck/figcheck/blob/main/docs/rules.md"


@frozen
class RuleInfo:
    """What a rule is, for the checker, the configuration, SARIF and the documentation."""

    rule: Rule
    severity: Severity  # of its problems, unless the configuration says otherwise
    summary: str  # one line
    doc: str  # what it finds, why it matters, an example that fails and one that passes (translated)

    @property
    def help_uri(self) -> str:
        """The rule's documentation on the web."""
        return f"{DOCS_URL}#{self.rule}"


RULES: dict[Rule, RuleInfo] = {
    info.rule: info
    for info in (
        RuleInfo(
            Rule.CONVERSION,
            Severity.ERROR,
            N_("A foreign amount's yen conversion (or the reverse) does not hold at the rate used."),
            N_(
                """\
The converted figure is re-derived from the rate: the article's own (in the conversion's brackets,
the nearest statement before it, a footnote, or the first one after it), `--rate`, or the rate
table on the rate date. The written figure holds when the exact value, rounded half-up or
truncated to the place of its last non-zero digit, equals it (after 弱/近く/未満, rounded up). A
`reference` rate from the table holds a figure that some rate within the tolerance (2%) of the
table's rates over the reference window (the 30 days before the rate date; `reference-window`,
`--reference-window`) makes hold: writers convert at a rate from days or weeks before. The
finding names the band used. A unit or digit slip is far outside any month's band.

A 当時 bracket (「2016年に…（当時のレートで約…円）」) is judged by the table's rates over the period its
sentence names, with no suggestion. Without 当時, a figure that fails at the article's date but holds
at the table's rates of an earlier year or date its sentence names (「2017年、約3兆円（約270億ドル）」)
is `unverifiable` (reason `event-rate`): the message gives both readings, as it does for a bare ドル
that holds only as the other dollar the article names (「100億豪ドル…うち30億ドル」, `other-dollar`).
A "conversion" into the same currency (「121億ドル（1兆8300億ドル）」) is a mismatch.

Fails: 「5500億ドル（約85兆円）」 at 1ドル＝153円 is 84兆1500億円; write 約84兆円.

Passes: 「5500億ドル（約84兆円）」 at 1ドル＝153円.

A conversion with no rate to check it by is `unverifiable` (severity info), and says why."""
            ),
        ),
        RuleInfo(
            Rule.UNIT_CONVERSION,
            Severity.ERROR,
            N_("A quantity's conversion into the other system of units does not hold."),
            N_(
                """\
Translated news converts imperial and US units for its readers: 「時速155マイル（約250キロ）」,
「体重300ポンド（約136キロ）」, 「華氏104度（摂氏40度）」, 「約1万エーカー（約40平方キロ）」,
「日量100万バレル（約1億6000万リットル）」, and the metric figure first, 「約250キロ（155マイル）」. The
converted figure is re-derived through pint with the exact factors (1 mile = 1.609344 km, 1 pound =
0.45359237 kg, 1 US gallon = 231 cubic inches, a barrel 42 gallons, °C = (°F − 32) × 5/9) and
judged as a currency conversion is: it holds when the exact value, rounded half-up or truncated to
the place of its last non-zero digit, equals it (after 弱, rounded up).

キロ is kilometres after a length and kilograms after a weight; 度 is Celsius after 華氏 and
Fahrenheit after 摂氏; 「約250キロ」 after 「時速155マイル」 is a speed; トン is the metric ton unless 米トン
(short) or 英トン (long) is written; ポンド converted into キロ is a weight, into 円 money. A conversion
within one system (「1000メートル（1キロ）」), a unit with no conversion (「100メートル走」,
「3ポンドのハンバーガー」) and what is no unit (「東京ドーム5個分」) are not checked.

Fails: 「摂氏40度（華氏100度）」: 40度 is 華氏104度.

Passes: 「時速155マイル（約250キロ）」: 155 mph is 249.4 km/h."""
            ),
        ),
        RuleInfo(
            Rule.RATE,
            Severity.WARNING,
            N_("The article's stated rate is far from the rate table's for the same date."),
            N_(
                """\
An article's rate statement (「1ドル＝153円」) more than the tolerance (2% by default) away from every
`reference` rate the table has over the reference window before its date (30 days; a `house` rate:
from that rate alone): a typo in the rate, or a rate from another time.

Fails: 「1ポンド＝180円で換算」 in an article of 2025-10-28, when the table's rate is 203.5円.

Passes: 「1ドル＝153円で換算」 when the table has 152.8円."""
            ),
        ),
        RuleInfo(
            Rule.RATE_CONSISTENCY,
            Severity.WARNING,
            N_("Conversions of one currency imply rates that cannot all be right."),
            N_(
                """\
With no rate to check them by, the conversions of one currency in one article must at least agree:
each written figure allows a band of rates, and when two bands are further apart than the tolerance
(2%), one figure is wrong. Bands a little apart are rounding, or two days' rates, and pass.

Fails: 「100億ドル（約1兆5000億円）」 and, later, 「20億ドル（約4000億円）」 (150円 against 200円).

Passes: 「100億ドル（約1兆5000億円）」 and 「20億ドル（約3000億円）」."""
            ),
        ),
    )
}


def default_severity(rule: Rule) -> Severity:
    """The severity of ``rule``'s problems when the configuration does not set one."""
    return RULES[rule].severity


def explain(info: RuleInfo) -> str:
    """``figcheck rules RULE``: one rule for a person at a terminal, summary in the language in use."""
    from figcheck.i18n import _

    head = _("{rule} (default severity: {severity})").format(rule=info.rule, severity=info.severity)
    return f"{head}\n  {_(info.summary)}\n\n{_(info.doc)}\n  {info.help_uri}\n"


def markdown() -> str:
    """``docs/rules.md``: every rule with its id, default severity, summary and documentation."""
    out = [
        "# Rules",
        "",
        "<!-- Generated by `python -m figcheck.rules > docs/rules.md`; edit src/figcheck/rules.py instead. -->",
        "",
        'Severities can be changed per rule with `severity = {rule = "level"}` in the configuration.',
        "",
        "| rule | default severity | what it finds |",
        "| --- | --- | --- |",
    ]
    out += [f"| [`{i.rule}`](#{i.rule}) | {i.severity} | {i.summary} |" for i in RULES.values()]
    for info in RULES.values():
        out += ["", f"## {info.rule}", "", f"Default severity: **{info.severity}**. {info.summary}", "", info.doc]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
