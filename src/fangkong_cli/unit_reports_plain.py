"""A unit's report as plain data (tuples, strings, numbers) for the derived cache, and back."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from .evaluation import Figures
from .report import Period
from .unit_reports import MeasureOverdue, SectionHead, UnitReport

_FIGURES = ("due", "answered", "done", "partial", "not_done", "na", "overdue", "late")


def _figures(f: Figures) -> tuple[int, ...]:
    return tuple(getattr(f, name) for name in _FIGURES)


def to_plain(u: UnitReport) -> tuple[Any, ...]:
    return (
        u.unit_id,
        u.unit_name,
        u.checklist,
        u.notice_title,
        u.doc_number,
        (u.period.first.isoformat(), u.period.last.isoformat(), u.period.label),
        u.as_of.isoformat(),
        u.source,
        u.mtime,
        _figures(u.figures),
        tuple((h.id, h.number, h.title, _figures(f)) for h, f in u.sections),
        tuple((m.section, m.id, m.title, m.overdue) for m in u.measures),
        u.issuer,
        u.submitted_at.isoformat() if u.submitted_at else None,
        u.submitted_from,
        u.nil,
        u.reported,
        u.via,
    )


def from_plain(data: Any) -> UnitReport:
    (
        unit_id,
        unit_name,
        checklist,
        title,
        doc_number,
        period,
        as_of,
        source,
        mtime,
        figures,
        sections,
        measures,
        issuer,
        submitted_at,
        submitted_from,
        nil,
        reported,
        via,
    ) = data
    return UnitReport(
        unit_id=unit_id,
        unit_name=unit_name,
        checklist=checklist,
        notice_title=title,
        doc_number=doc_number,
        period=Period(date.fromisoformat(period[0]), date.fromisoformat(period[1]), period[2]),
        as_of=date.fromisoformat(as_of),
        source=source,
        mtime=float(mtime),
        figures=Figures(*figures),
        sections=tuple((SectionHead(i, n, t), Figures(*f)) for i, n, t, f in sections),
        measures=tuple(MeasureOverdue(*m) for m in measures),
        issuer=issuer,
        submitted_at=datetime.fromisoformat(submitted_at) if submitted_at else None,
        submitted_from=submitted_from,
        nil=bool(nil),
        reported=bool(reported),
        via=via,
    )
