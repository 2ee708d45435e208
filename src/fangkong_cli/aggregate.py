"""The provincial roll-up: many units' reports (or workspaces) for one period, summed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .errors import FangkongError, UsageProblem
from .evaluation import Figures
from .report import Period, Report
from .unit_reports import (
    Rejected,
    SectionHead,
    UnitReport,
    discover,
    load_report_file,
    unit_report,
    workspace_mtime,
)

TOP_MEASURES = 10


@dataclass(frozen=True)
class Duplicate:
    unit_id: str
    kept: str
    kept_as_of: date
    dropped: tuple[str, ...]


@dataclass(frozen=True)
class TopMeasure:
    section: str
    id: str
    title: str
    units: int
    slots: int


@dataclass(frozen=True)
class Rollup:
    checklist: str
    notice_title: str | None
    doc_number: str | None
    period: Period
    sections: tuple[SectionHead, ...]
    units: tuple[UnitReport, ...]
    expected: tuple[str, ...] | None
    missing: tuple[str, ...]
    unexpected: tuple[str, ...]
    top: tuple[TopMeasure, ...]
    figures: Figures
    rejected: tuple[Rejected, ...]
    duplicates: tuple[Duplicate, ...]


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


def _same_period(a: Period, b: Period) -> bool:
    return a.first == b.first and a.last == b.last


def agreed_period(reports: Sequence[UnitReport], rejected: Sequence[Rejected] = ()) -> Period | None:
    """The period every report covers; a usage problem when they disagree."""
    seen: dict[tuple[date, date], tuple[Period, int]] = {}
    for r in reports:
        key = (r.period.first, r.period.last)
        period, count = seen.get(key, (r.period, 0))
        seen[key] = (period, count + 1)
    if len(seen) > 1:
        listed = ", ".join(f"{p.label} ({n})" for p, n in sorted(seen.values(), key=lambda x: (x[0].first, x[0].last)))
        raise PeriodsDiffer(listed, tuple(rejected))
    return next(iter(seen.values()))[0] if seen else None


def aggregate(
    paths: Sequence[Path],
    period: Period | None,
    fallback: Period,
    build: Callable[[Path, Period], Report],
    expected: Sequence[str] | None = None,
) -> Rollup:
    """Roll up every report found under `paths` for one period.

    `period` None means: the period the JSON reports agree on (or `fallback` when there are
    none). `build` makes the report of a workspace folder for the period.
    """
    files, roots = discover(paths)
    rejected: list[Rejected] = []
    loaded: list[UnitReport] = []
    for path in files:
        result = load_report_file(path)
        if isinstance(result, Rejected):
            rejected.append(result)
        else:
            loaded.append(result)
    if period is None:
        period = agreed_period(loaded, rejected) or fallback
    reports: list[UnitReport] = []
    for r in loaded:
        if _same_period(r.period, period):
            reports.append(r)
        else:
            rejected.append(Rejected(r.source, "period", {"found": r.period.label, "expected": period.label}))
    for root in roots:
        try:
            reports.append(unit_report(build(root, period), str(root), workspace_mtime(root)))
        except FangkongError as exc:
            rejected.append(Rejected(str(root), "workspace", {}, exc))
    if not reports:
        raise NoReports(tuple(rejected))
    checklist = _main_checklist(reports)
    kept = []
    for r in reports:
        if r.checklist == checklist:
            kept.append(r)
        else:
            rejected.append(Rejected(r.source, "checklist", {"found": r.checklist, "expected": checklist}))
    units, duplicates = _newest_per_unit(kept)
    return _roll_up(checklist, period, units, expected, tuple(rejected), duplicates)


def _main_checklist(reports: Sequence[UnitReport]) -> str:
    counts = Counter(r.checklist for r in reports)
    return min(counts, key=lambda name: (-counts[name], name))


def _newest_per_unit(reports: Sequence[UnitReport]) -> tuple[list[UnitReport], tuple[Duplicate, ...]]:
    by_unit: dict[str, list[UnitReport]] = {}
    for r in reports:
        by_unit.setdefault(r.unit_id, []).append(r)
    units = []
    duplicates = []
    for unit_id in sorted(by_unit):
        group = by_unit[unit_id]
        newest = max(group, key=lambda r: (r.as_of, r.mtime, r.source))
        units.append(newest)
        if len(group) > 1:
            dropped = tuple(sorted(r.source for r in group if r is not newest))
            duplicates.append(Duplicate(unit_id, newest.source, newest.as_of, dropped))
    return units, tuple(duplicates)


def _roll_up(
    checklist: str,
    period: Period,
    units: Sequence[UnitReport],
    expected: Sequence[str] | None,
    rejected: tuple[Rejected, ...],
    duplicates: tuple[Duplicate, ...],
) -> Rollup:
    sections: dict[str, SectionHead] = {}
    totals = Figures()
    overdue: dict[str, list[Any]] = {}  # measure id -> [section, title, units, slots]
    for unit in units:
        totals.merge(unit.figures)
        for head, _ in unit.sections:
            sections.setdefault(head.id, head)
        for m in unit.measures:
            entry = overdue.setdefault(m.id, [m.section, m.title, 0, 0])
            if m.overdue:
                entry[2] += 1
                entry[3] += m.overdue
    order = {mid: i for i, mid in enumerate(overdue)}
    top = sorted(
        (TopMeasure(sec, mid, title, n, slots) for mid, (sec, title, n, slots) in overdue.items() if n),
        key=lambda t: (-t.units, -t.slots, order[t.id]),
    )[:TOP_MEASURES]
    reported = {u.unit_id for u in units}
    expected_ids = tuple(expected) if expected is not None else None
    missing = tuple(i for i in expected_ids if i not in reported) if expected_ids is not None else ()
    unexpected = tuple(u.unit_id for u in units if expected_ids is not None and u.unit_id not in expected_ids)
    first = units[0]
    return Rollup(
        checklist=checklist,
        notice_title=first.notice_title,
        doc_number=first.doc_number,
        period=period,
        sections=tuple(sections.values()),
        units=tuple(units),
        expected=expected_ids,
        missing=missing,
        unexpected=unexpected,
        top=tuple(top),
        figures=totals,
        rejected=rejected,
        duplicates=duplicates,
    )
