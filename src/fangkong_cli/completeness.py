"""Who reported and when: completeness and timeliness per unit and per node of the tree.

The definitions are DHIS2's. Expected reports: for every unit that reports, one per period
in which it was a member (joined on or before the period's last day, left on or after its
first). Actual reports: expected reports that arrived, nil reports (零报告) included. On
time: submitted no later than N days after the period's last day. Reporting rate = actual /
expected; on-time rate = on time / expected. A report from a unit not expected for the
period is kept in the figures and named, never counted as an actual report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta, tzinfo

from .evaluation import Figures
from .report import Period
from .tree import Tree
from .unit_reports import UnitReport

TOP_MEASURES = 10
TOP_PER_NODE = 3


@dataclass
class Completeness:
    expected: int = 0
    reported: int = 0
    on_time: int = 0
    known: bool = True  # False without a tree or list of expected units

    @property
    def late(self) -> int:
        return self.reported - self.on_time

    @property
    def missing(self) -> int:
        return self.expected - self.reported

    @property
    def reporting_rate(self) -> float | None:
        return self.reported / self.expected if self.known and self.expected else None

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.expected if self.known and self.expected else None

    def merge(self, other: Completeness) -> None:
        self.expected += other.expected
        self.reported += other.reported
        self.on_time += other.on_time


@dataclass(frozen=True)
class TopMeasure:
    section: str
    id: str
    title: str
    units: int
    slots: int


@dataclass(frozen=True)
class Standing:
    """One unit in one period: expected or not, its report (if any) and whether it was on time."""

    unit: str
    period: Period
    expected: bool
    report: UnitReport | None
    on_time: bool | None

    @property
    def state(self) -> str:
        if self.report is None or not self.report.reported:
            return "missing" if self.expected else "absent"
        if not self.expected:
            return "not_expected"
        return "on_time" if self.on_time else "late"


@dataclass
class NodeRollup:
    id: str
    name: str
    parent: str | None
    depth: int
    completeness: Completeness = field(default_factory=Completeness)
    figures: Figures = field(default_factory=Figures)
    missing: list[str] = field(default_factory=list)
    late: list[str] = field(default_factory=list)
    nil: list[str] = field(default_factory=list)
    top: tuple[TopMeasure, ...] = ()
    tally: dict[str, list[int]] = field(default_factory=dict)  # measure -> [units, slots]


# A level of the tree as every roll-up output shows it: these headings (message keys), and
# the values of node_cells in the same order.
NODE_KEYS = (
    "agg.col.node",
    "agg.col.expected",
    "agg.col.reported",
    "agg.col.on_time",
    "agg.col.rate",
    "agg.col.on_time_rate",
    "rep.col.coverage",
    "rep.col.overdue",
)
NodeCells = tuple[str, int, int, int, float | None, float | None, float | None, int]


def node_cells(n: NodeRollup) -> NodeCells:
    """A level's name indented by its depth (ideographic spaces, which Markdown, HTML, Word
    and spreadsheets keep), units expected, reported and on time, the two rates, coverage
    and overdue slots."""
    c = n.completeness
    indent = "\u3000" * (n.depth - 1)
    return (
        indent + n.name,
        c.expected,
        c.reported,
        c.on_time,
        c.reporting_rate,
        c.on_time_rate,
        n.figures.coverage,
        n.figures.overdue,
    )


def deadline(period: Period, days: int) -> date:
    return period.last + timedelta(days=days)


def on_time(report: UnitReport, period: Period, days: int, tz: tzinfo) -> bool:
    if report.submitted_at is None:  # a workspace with nothing due and nothing recorded
        return True
    return report.submitted_at.astimezone(tz).date() <= deadline(period, days)


def natural_key(measure_id: str) -> tuple[tuple[int, int | str], ...]:
    """2.9 before 2.10: a stable order for ties, whatever order the reports came in."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"[.]", measure_id))


def standings(
    entries: Sequence[UnitReport], periods: Sequence[Period], tree: Tree | None, days: int, tz: tzinfo
) -> list[Standing]:
    """Every (unit, period) the roll-up knows of: expected ones in tree order, then the rest."""
    by_key = {(e.unit_id, e.period.label): e for e in entries}
    out: list[Standing] = []
    placed: set[tuple[str, str]] = set()
    if tree is not None:
        for uid in tree.order:
            unit = tree.units[uid]
            for period in periods:
                report = by_key.get((uid, period.label))
                expected = unit.reports and unit.member_during(period.first, period.last)
                if report is None and not expected:
                    continue
                placed.add((uid, period.label))
                out.append(Standing(uid, period, expected, report, _timely(report, period, days, tz)))
    for e in sorted(entries, key=lambda e: (e.unit_id, e.period.first)):
        if (e.unit_id, e.period.label) not in placed:
            # without a tree every report is taken as expected: rates stay unknown (known=False)
            out.append(Standing(e.unit_id, e.period, tree is None, e, _timely(e, e.period, days, tz)))
    return out


def _timely(report: UnitReport | None, period: Period, days: int, tz: tzinfo) -> bool | None:
    if report is None or not report.reported:
        return None
    return on_time(report, period, days, tz)


def tally_top(reports: Iterable[UnitReport], limit: int = TOP_MEASURES) -> tuple[TopMeasure, ...]:
    """The measures most often overdue: by units concerned, then overdue slots, then id."""
    heads: dict[str, tuple[str, str]] = {}
    units: dict[str, set[str]] = {}
    slots: dict[str, int] = {}
    for r in reports:
        for m in r.measures:
            heads.setdefault(m.id, (m.section, m.title))
            units.setdefault(m.id, set()).add(r.unit_id)
            slots[m.id] = slots.get(m.id, 0) + m.overdue
    return _top({mid: [len(units[mid]), slots[mid]] for mid in units}, heads, limit)


def _top(tally: dict[str, list[int]], heads: dict[str, tuple[str, str]], limit: int) -> tuple[TopMeasure, ...]:
    ranked = sorted(tally.items(), key=lambda kv: (-kv[1][0], -kv[1][1], natural_key(kv[0]), kv[0]))
    return tuple(TopMeasure(heads[mid][0], mid, heads[mid][1], n, slots) for mid, (n, slots) in ranked[:limit] if n)


def node_rollups(tree: Tree, found: Sequence[Standing]) -> list[NodeRollup]:
    """Every node of the tree with the completeness, figures and overdue measures of its subtree."""
    nodes = {uid: NodeRollup(uid, tree.units[uid].name, tree.units[uid].parent, tree.depth[uid]) for uid in tree.order}
    heads: dict[str, tuple[str, str]] = {}
    own: dict[str, dict[str, int]] = {}  # unit -> measure -> overdue slots (all its periods)
    flags: dict[str, set[str]] = {}
    for s in found:
        if s.unit not in nodes:
            continue
        chain = tree.ancestors(s.unit)
        single = Completeness(
            int(s.expected), int(s.expected and s.state in ("on_time", "late")), int(s.state == "on_time")
        )
        for uid in chain:
            nodes[uid].completeness.merge(single)
            if s.report is not None:
                nodes[uid].figures.merge(s.report.figures)
        if s.report is not None:
            for m in s.report.measures:
                heads.setdefault(m.id, (m.section, m.title))
                mine = own.setdefault(s.unit, {})
                mine[m.id] = mine.get(m.id, 0) + m.overdue
            if s.report.nil and s.report.reported:
                flags.setdefault(s.unit, set()).add("nil")
        flags.setdefault(s.unit, set()).add(s.state)
    for uid, measures in own.items():
        for uid_up in tree.ancestors(uid):
            tally = nodes[uid_up].tally
            for mid, slots in measures.items():
                entry = tally.setdefault(mid, [0, 0])
                entry[0] += 1
                entry[1] += slots
    for uid in tree.order:
        states = flags.get(uid, set())
        for uid_up in tree.ancestors(uid):
            node = nodes[uid_up]
            if "missing" in states:
                node.missing.append(uid)
            if "late" in states:
                node.late.append(uid)
            if "nil" in states:
                node.nil.append(uid)
    for node in nodes.values():
        node.top = _top(node.tally, heads, TOP_PER_NODE)
    return [nodes[uid] for uid in tree.order]
