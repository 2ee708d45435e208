"""Reading the roll-up's input files (reports and lower roll-ups) and matching them to periods."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .evaluation import Figures
from .report import ROLLUP_KIND, Period
from .rollup_io import RollupInput, parse_rollup
from .unit_reports import (
    MeasureOverdue,
    Rejected,
    SectionHead,
    UnitReport,
    parse_report,
    read_input,
)

_ROLLUP_MARK = f'"{ROLLUP_KIND}"'.encode()


@dataclass
class Loaded:
    reports: list[UnitReport] = field(default_factory=list)
    rollups: list[RollupInput] = field(default_factory=list)

    def all_reports(self) -> list[UnitReport]:
        return [*self.reports, *(r for rollup in self.rollups for r in rollup.reports)]

    def main_checklist(self) -> str:
        counts = Counter(r.checklist for r in self.all_reports())
        return min(counts, key=lambda name: (-counts[name], name))

    def other_checklists(self, checklist: str) -> list[Rejected]:
        out = [
            Rejected(r.source, "checklist", {"found": r.checklist, "expected": checklist})
            for r in self.reports
            if r.checklist != checklist
        ]
        out += [
            Rejected(r.source, "checklist", {"found": r.checklist, "expected": checklist})
            for r in self.rollups
            if r.checklist != checklist
        ]
        return out


def load_files(files: Sequence[Path], rejected: list[Rejected], allowed_signers: Path | None = None) -> Loaded:
    """Every file read and validated: a report, a roll-up, or a Rejected saying why not.
    With `allowed_signers`, a unit's report counts only with a good signature by that unit
    (FILE.sig beside it, `ssh-keygen -Y verify`, namespace fangkong-report)."""
    loaded = Loaded()
    for path in files:
        read = read_input(path)
        if isinstance(read, Rejected):
            rejected.append(read)
            continue
        raw, mtime = read
        result: UnitReport | RollupInput | Rejected
        # a guess from the first bytes, checked by the parse: a unit's report is the usual case
        if _ROLLUP_MARK in raw[:4096]:
            result = parse_rollup(raw, str(path))
            if isinstance(result, Rejected) and result.reason == "not_report":
                result = parse_report(raw, str(path), mtime)
        else:
            result = parse_report(raw, str(path), mtime)
            if isinstance(result, Rejected) and result.reason == "not_report":
                result = parse_rollup(raw, str(path))
        if isinstance(result, UnitReport) and allowed_signers is not None:
            from .signing import signature_problem

            problem = signature_problem(path, result.unit_id, allowed_signers)
            if problem is not None:
                result = Rejected(str(path), problem, {"unit": result.unit_id})
        if isinstance(result, Rejected):
            rejected.append(result)
        elif isinstance(result, RollupInput):
            loaded.rollups.append(result)
        else:
            loaded.reports.append(result)
    return loaded


def _key(p: Period) -> tuple[str, str]:
    return p.first.isoformat(), p.last.isoformat()


def agreed_periods(loaded: Loaded) -> tuple[tuple[Period, ...] | None, str]:
    """The one period the inputs share: () when there are none, None (and a listing of what
    was found) when they differ."""
    seen: dict[tuple[str, str], tuple[Period, int]] = {}
    for period in [r.period for r in loaded.reports] + [p for r in loaded.rollups for p in r.periods]:
        held, count = seen.get(_key(period), (period, 0))
        seen[_key(period)] = (held, count + 1)
    if len(seen) > 1:
        ordered = sorted(seen.values(), key=lambda x: (x[0].first, x[0].last))
        return None, ", ".join(f"{p.label} ({n})" for p, n in ordered)
    return tuple(p for p, _ in seen.values()), ""


def keep_periods(loaded: Loaded, periods: Sequence[Period], rejected: list[Rejected]) -> Loaded:
    """Only what covers the chosen periods; the rest is named with its own period."""
    wanted = {_key(p) for p in periods}
    label = ", ".join(p.label for p in periods)
    out = Loaded()
    for r in loaded.reports:
        if _key(r.period) in wanted:
            out.reports.append(r)
        else:
            rejected.append(Rejected(r.source, "period", {"found": r.period.label, "expected": label}))
    for rollup in loaded.rollups:
        if not any(_key(p) in wanted for p in rollup.periods):
            found = ", ".join(p.label for p in rollup.periods)
            rejected.append(Rejected(rollup.source, "period", {"found": found, "expected": label}))
            continue
        reports = tuple(r for r in rollup.reports if _key(r.period) in wanted)
        out.rollups.append(RollupInput(rollup.source, rollup.checklist, rollup.periods, rollup.tree, reports))
    return out


def merge_unit(reports: Sequence[UnitReport]) -> UnitReport:
    """One unit's reports of several periods as one line of the units table (figures summed)."""
    if len(reports) == 1:
        return reports[0]
    figures = Figures()
    sections: dict[str, tuple[SectionHead, Figures]] = {}
    measures: dict[str, MeasureOverdue] = {}
    for r in reports:
        figures.merge(r.figures)
        for head, f in r.sections:
            sections.setdefault(head.id, (head, Figures()))[1].merge(f)
        for m in r.measures:
            held = measures.get(m.id)
            measures[m.id] = m if held is None else replace(held, overdue=held.overdue + m.overdue)
    newest = max(reports, key=lambda r: (r.as_of, r.mtime))
    return replace(newest, figures=figures, sections=tuple(sections.values()), measures=tuple(measures.values()))
