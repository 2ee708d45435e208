"""The provincial roll-up: many units' reports, workspaces and lower roll-ups for some periods, summed.

Inputs are read (loading.py), matched to the periods, deduplicated (a unit counted through two
paths is counted once, with a note), judged against the union tree (completeness.py) and
summed at every node.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from zoneinfo import ZoneInfo

from .completeness import Completeness, NodeRollup, Standing, node_rollups, standings, tally_top
from .completeness import TopMeasure as TopMeasure  # part of Rollup: writers and tests name it here
from .errors import FangkongError, UsageProblem
from .evaluation import Figures
from .loading import agreed_periods, keep_periods, load_files, merge_unit
from .report import Period
from .tree import DEFAULT_TIMELY_DAYS, Graft, Tree, graft
from .unit_reports import Rejected, SectionHead, UnitReport
from .workspace_reports import PARALLEL_MIN, Job, workspace_reports

OFFICE_TZ = "Asia/Shanghai"  # the provincial office's day decides what was on time


@dataclass(frozen=True)
class Duplicate:
    unit_id: str
    kept: str
    kept_as_of: date
    dropped: tuple[str, ...]
    period: str = ""


@dataclass(frozen=True)
class Options:
    """How to roll up: the periods (None: the one the inputs share), the tree, the subtree."""

    fallback: Period
    now: datetime
    periods: tuple[Period, ...] | None = None
    tree: Tree | None = None
    timely_days: int | None = None  # overrides the tree's
    under: str | None = None
    level: int | None = None
    day: date | None = None  # workspaces: judge as of this day (else each one's today)
    ignore: tuple[Path, ...] = ()  # files among the inputs that are not reports
    allowed_signers: Path | None = None  # reports must be signed by their unit (signing.py)
    parallel_min: int = PARALLEL_MIN


@dataclass(frozen=True)
class Rollup:
    checklist: str
    notice_title: str | None
    doc_number: str | None
    period: Period  # the one period, or the span of all of them
    sections: tuple[SectionHead, ...]
    units: tuple[UnitReport, ...]  # one per unit, its periods summed
    expected: tuple[str, ...] | None
    missing: tuple[str, ...]
    unexpected: tuple[str, ...]
    top: tuple[TopMeasure, ...]
    figures: Figures
    rejected: tuple[Rejected, ...]
    duplicates: tuple[Duplicate, ...]
    issuer: str | None = None
    periods: tuple[Period, ...] = ()
    entries: tuple[UnitReport, ...] = ()  # one per unit and period
    standings: tuple[Standing, ...] = ()
    tree: Tree | None = None
    nodes: tuple[NodeRollup, ...] = ()
    level: int | None = None
    completeness: Completeness = field(default_factory=lambda: Completeness(known=False))
    late: tuple[str, ...] = ()
    timely_days: int = DEFAULT_TIMELY_DAYS
    timezone: str = OFFICE_TZ
    grafts: tuple[Graft, ...] = ()
    outside: int = 0  # reports of units outside --under
    inputs: tuple[Path, ...] = ()  # every file read: an output must never replace one

    @property
    def shown_nodes(self) -> tuple[NodeRollup, ...]:
        return tuple(n for n in self.nodes if self.level is None or n.depth <= self.level)

    @cached_property
    def _names(self) -> dict[str, str]:
        names = {u.unit_id: u.unit_name for u in self.units}
        if self.tree is not None:
            names.update({uid: u.name for uid, u in self.tree.units.items()})
        return names

    def name_of(self, unit_id: str) -> str:
        return self._names.get(unit_id, unit_id)


class NoReports(FangkongError):
    """Nothing valid to roll up (exit 3); the rejected inputs say why."""

    def __init__(self, rejected: tuple[Rejected, ...]) -> None:
        # with nothing skipped there is nothing "above" to point at: say that none was found
        super().__init__("agg.nothing" if rejected else "agg.none_found", count=len(rejected))
        self.rejected = rejected


class PeriodsDiffer(UsageProblem):
    """The reports cover different periods and none was chosen (exit 2)."""

    def __init__(self, periods: str, rejected: tuple[Rejected, ...]) -> None:
        super().__init__("agg.periods_differ", periods=periods)
        self.rejected = rejected


def aggregate(paths: Sequence[Path], options: Options) -> Rollup:
    """Roll up every report, workspace and roll-up found under `paths`."""
    from .discovery import discover

    found = discover(paths, options.ignore)
    rejected: list[Rejected] = list(found.problems)
    loaded = load_files(found.files, rejected, options.allowed_signers)
    periods = options.periods
    if periods is None:
        agreed, listed = agreed_periods(loaded)
        if agreed is None:
            raise PeriodsDiffer(listed, tuple(rejected))
        periods = agreed or (options.fallback,)
    loaded = keep_periods(loaded, periods, rejected)
    job = Job(tuple(periods), options.day, options.now)
    for outcome in workspace_reports(found.workspaces, job, options.parallel_min):
        if isinstance(outcome, Rejected):
            rejected.append(outcome)
        else:
            loaded.reports.extend(outcome)
    reports = loaded.all_reports()
    if not reports:
        raise NoReports(tuple(rejected))
    checklist = loaded.main_checklist()
    reports = [r for r in reports if r.checklist == checklist]
    rejected += loaded.other_checklists(checklist)
    tree, grafts = graft(
        options.tree, [r.tree for r in loaded.rollups if r.tree is not None and r.checklist == checklist]
    )
    entries, duplicates = _newest_per_unit(reports)
    outside = 0
    if options.under is not None:
        tree, entries, outside = _under(tree, entries, options.under)
    days = options.timely_days
    if days is None:
        days = (tree.timely_for(checklist) if tree is not None else None) or DEFAULT_TIMELY_DAYS
    rollup = _roll_up(
        checklist, tuple(periods), tree, entries, days, options.level, tuple(rejected), duplicates, grafts, outside
    )
    return replace(rollup, inputs=(*options.ignore, *found.files, *_workspace_files(found.workspaces)))


def _workspace_files(roots: Sequence[Path]) -> list[Path]:
    from .workspace_cache import workspace_sources

    return [path for root in roots for path in workspace_sources(root)]


def _under(tree: Tree | None, entries: list[UnitReport], under: str) -> tuple[Tree, list[UnitReport], int]:
    if tree is None or under not in tree.units:
        raise UsageProblem("agg.under_unknown", id=under)
    sub = tree.subtree(under)
    kept = [e for e in entries if e.unit_id in sub.units]
    return sub, kept, len(entries) - len(kept)


def _newest_per_unit(reports: Sequence[UnitReport]) -> tuple[list[UnitReport], tuple[Duplicate, ...]]:
    """One report per unit and period: the newest (as of, then submitted or received, then path)."""
    groups: dict[tuple[str, date, date], list[UnitReport]] = {}
    for r in reports:
        groups.setdefault((r.unit_id, r.period.first, r.period.last), []).append(r)
    kept = []
    duplicates = []
    for key in sorted(groups):
        group = groups[key]
        newest = max(group, key=lambda r: (r.reported, r.as_of, r.mtime, r.source))
        kept.append(newest)
        if len(group) > 1:
            dropped = tuple(sorted(r.source for r in group if r is not newest))
            duplicates.append(Duplicate(key[0], newest.source, newest.as_of, dropped, newest.period.label))
    return kept, tuple(duplicates)


def _span(periods: tuple[Period, ...]) -> Period:
    if len(periods) == 1:
        return periods[0]
    first, last = min(p.first for p in periods), max(p.last for p in periods)
    return Period(first, last, f"{periods[0].label}..{periods[-1].label}")


def _roll_up(
    checklist: str,
    periods: tuple[Period, ...],
    tree: Tree | None,
    entries: list[UnitReport],
    days: int,
    level: int | None,
    rejected: tuple[Rejected, ...],
    duplicates: tuple[Duplicate, ...],
    grafts: tuple[Graft, ...],
    outside: int,
) -> Rollup:
    found = standings(entries, periods, tree, days, ZoneInfo(OFFICE_TZ))
    ordered = [s.report for s in found if s.report is not None]
    sections: dict[str, SectionHead] = {}
    totals = Figures()
    for r in ordered:
        totals.merge(r.figures)
        for head, _ in r.sections:
            sections.setdefault(head.id, head)
    by_unit: dict[str, list[UnitReport]] = {}
    for r in ordered:
        by_unit.setdefault(r.unit_id, []).append(r)
    overall = Completeness(known=tree is not None)
    for s in found:
        overall.merge(Completeness(int(s.expected), int(s.state in ("on_time", "late")), int(s.state == "on_time")))
    missing = tuple(dict.fromkeys(s.unit for s in found if s.state == "missing"))
    late = tuple(dict.fromkeys(s.unit for s in found if s.state == "late"))
    unexpected = tuple(dict.fromkeys(s.unit for s in found if s.state == "not_expected"))  # none without a tree
    expected = None if tree is None else tuple(dict.fromkeys(s.unit for s in found if s.expected))
    first = ordered[0] if ordered else None
    return Rollup(
        checklist=checklist,
        notice_title=first.notice_title if first else None,
        doc_number=first.doc_number if first else None,
        period=_span(periods),
        sections=tuple(sections.values()),
        units=tuple(merge_unit(group) for group in by_unit.values()),
        expected=expected,
        missing=missing,
        unexpected=unexpected,
        top=tally_top(ordered),
        figures=totals,
        rejected=rejected,
        duplicates=duplicates,
        issuer=next((r.issuer for r in ordered if r.issuer), None),
        periods=periods,
        entries=tuple(ordered),
        standings=tuple(found),
        tree=tree,
        nodes=tuple(node_rollups(tree, found)) if tree is not None else (),
        level=level,
        completeness=overall,
        late=late,
        timely_days=days,
        grafts=grafts,
        outside=outside,
    )
