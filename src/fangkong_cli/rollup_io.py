"""The roll-up's JSON read back as the input of another roll-up: what a city writes, the province reads.

A city's `aggregate --format json` carries, besides its tables, everything needed to roll it
up again with the same totals as rolling up its units directly: the tree it was judged
against, and every unit's report per period (figures per section, overdue slots per
measure, when it was submitted). The province grafts the city's tree under its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

from pydantic import AwareDatetime, Field, StrictBool, StrictInt, TypeAdapter, ValidationError

from .evaluation import Figures
from .report import ROLLUP_KIND, Period
from .report_docs import Count, FiguresDoc, Loose, NoticeDoc, PeriodDoc, Short
from .schemas import UnitId
from .tree import Tree, TreeUnit, find_cycle
from .unit_reports import MeasureOverdue, Rejected, SectionHead, UnitReport, diagnose

ROLLUP_SCHEMA_VERSION = 2
Path_ = Annotated[str, Field(max_length=8192)]


class _HeadDoc(Loose):
    id: Short
    number: Short = ""
    title: Short = ""


class _MeasureHeadDoc(Loose):
    section: Short
    title: Short


class _TreeUnitDoc(Loose):
    id: UnitId
    name: Short
    parent: UnitId | None = None
    joined: date | None = None
    left: date | None = None
    reports: StrictBool = True


class _TreeDoc(Loose):
    flat: StrictBool = False
    units: list[_TreeUnitDoc]


class _LightsDoc(Loose):
    red: Count = 0
    yellow: Count = 0
    green: Count = 0


class _EntryDoc(Loose):
    unit: UnitId
    name: Short
    period: PeriodDoc
    as_of: date
    source: Path_ = ""
    submitted_at: AwareDatetime | None = None
    submitted_from: Literal["stamp", "received", "records", "nothing"] = "received"
    nil: StrictBool = False
    reported: StrictBool = True
    summary: FiguresDoc
    sections: dict[Short, FiguresDoc]
    overdue: dict[Short, Count] = Field(default_factory=dict)
    findings: _LightsDoc = Field(default_factory=lambda: _LightsDoc())


class _RollupDoc(Loose):
    schema_version: StrictInt
    kind: Literal["fangkong-aggregate"]
    checklist: Short
    notice: NoticeDoc | None = None
    periods: list[PeriodDoc]
    sections: list[_HeadDoc]
    measures: dict[Short, _MeasureHeadDoc] = Field(default_factory=dict)
    tree: _TreeDoc | None = None
    reports: list[_EntryDoc]


_ROLLUP_DOC = TypeAdapter(_RollupDoc)


@dataclass(frozen=True)
class RollupInput:
    """A roll-up read back: its periods, the tree it carried and its units' reports."""

    source: str
    checklist: str
    periods: tuple[Period, ...]
    tree: Tree | None
    reports: tuple[UnitReport, ...]


def parse_rollup(raw: bytes, source: str) -> RollupInput | Rejected:
    try:
        doc = _ROLLUP_DOC.validate_json(raw)
    except ValidationError as exc:
        return diagnose(raw, exc, source, ROLLUP_KIND)
    if doc.schema_version > ROLLUP_SCHEMA_VERSION:
        return Rejected(source, "newer", {"found": doc.schema_version, "known": ROLLUP_SCHEMA_VERSION})
    if doc.schema_version < ROLLUP_SCHEMA_VERSION:
        return Rejected(source, "old_rollup")
    tree = None
    if doc.tree is not None:
        units = {u.id: TreeUnit(u.id, u.name, u.parent, u.joined, u.left, u.reports) for u in doc.tree.units}
        parents = {uid: u.parent for uid, u in units.items()}
        if (
            len(units) != len(doc.tree.units)
            or any(p is not None and p not in units for p in parents.values())
            or find_cycle(parents)
        ):
            return Rejected(source, "invalid", {"where": "tree", "detail": "duplicate, unknown or circular parent"})
        tree = Tree(units, source, flat=doc.tree.flat)
    heads = {h.id: SectionHead(h.id, h.number, h.title) for h in doc.sections}
    reports = []
    for index, entry in enumerate(doc.reports):
        report = _entry(entry, doc, heads, source)
        if report is None:
            return Rejected(source, "figures", {"where": f"reports.{index}"})
        reports.append(report)
    periods = tuple(p.period() for p in doc.periods)
    return RollupInput(source, doc.checklist, periods, tree, tuple(reports))


def _entry(e: _EntryDoc, doc: _RollupDoc, heads: dict[str, SectionHead], source: str) -> UnitReport | None:
    """One unit's report inside a roll-up; None when its figures contradict each other."""
    total = Figures()
    for figures in e.sections.values():
        total.merge(figures.figures())
    summary = e.summary.figures()
    if (e.sections and total != summary) or sum(e.overdue.values()) > summary.overdue:
        return None
    if any(sid not in heads for sid in e.sections) or any(mid not in doc.measures for mid in e.overdue):
        return None
    notice = doc.notice
    return UnitReport(
        unit_id=e.unit,
        unit_name=e.name,
        checklist=doc.checklist,
        notice_title=notice.title if notice else None,
        doc_number=notice.doc_number if notice else None,
        period=e.period.period(),
        as_of=e.as_of,
        source=f"{source} › {e.source}" if e.source else source,
        mtime=e.submitted_at.timestamp() if e.submitted_at else 0.0,
        figures=summary,
        sections=tuple((head, e.sections[sid].figures()) for sid, head in heads.items() if sid in e.sections),
        measures=tuple(
            MeasureOverdue(doc.measures[mid].section, mid, doc.measures[mid].title, n)
            for mid, n in e.overdue.items()
            if n
        ),
        issuer=notice.issuer if notice else None,
        submitted_at=e.submitted_at,
        submitted_from=e.submitted_from,
        nil=e.nil,
        reported=e.reported,
        via=source,
        lights=(e.findings.red, e.findings.yellow, e.findings.green),
    )
