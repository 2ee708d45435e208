"""The report for the provincial office: one unit, one period, as plain data for the writers."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from .evaluation import (
    DUE,
    OVERDUE,
    Evaluation,
    Figures,
    MeasureStatus,
    SectionStatus,
    SlotState,
    evaluate_workspace,
)
from .findings import FindingLine, ledger
from .models import Evidence, Record
from .workspace import Workspace

if TYPE_CHECKING:
    from .provenance import Source

SCHEMA_VERSION = 1
REPORT_KIND = "fangkong-report"
ROLLUP_KIND = "fangkong-aggregate"


@dataclass(frozen=True)
class Period:
    first: date
    last: date  # inclusive
    label: str  # 2021-01, 2021-W05 or 2021-01-01_2021-01-15


@dataclass(frozen=True)
class SlotLine:
    """One slot (or, for an as-needed measure, one event) and the answer that counts for it."""

    key: str
    start: date
    end: date
    state: str  # done, partial, not_done, na, due, overdue
    late: bool = False
    by: str = ""
    at: datetime | None = None
    note: str = ""
    reason: str = ""  # the record's reason, or the tailoring reason
    tailored: bool = False  # n/a because fangkong.toml says so, not because of a record
    evidence: tuple[Evidence, ...] = ()
    corrected: bool = False  # the answer shown replaced an earlier one (kept in history)


@dataclass(frozen=True)
class Run:
    """Adjacent slots of one measure, e.g. the overdue days 2021-01-04 to 2021-01-08."""

    first: str
    last: str
    count: int


@dataclass(frozen=True)
class MeasureLine:
    id: str
    title: str
    frequency: str
    state: str
    detail: str | None
    figures: Figures
    slots: tuple[SlotLine, ...]
    events: tuple[SlotLine, ...]  # as-needed measures: what was recorded in the period
    overdue: tuple[Run, ...]

    @property
    def overdue_keys(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.slots if s.state == OVERDUE)

    @property
    def remarks(self) -> tuple[SlotLine, ...]:
        """Slots and events that carry a note or evidence."""
        return tuple(s for s in (*self.slots, *self.events) if s.note or s.evidence)


@dataclass(frozen=True)
class Bar:
    """Coverage in one stretch of the period (a day, week or month): slots due and answered."""

    label: str
    start: date
    end: date
    due: int
    answered: int


@dataclass(frozen=True)
class SectionPart:
    id: str
    number: str
    title: str
    figures: Figures
    measures: tuple[MeasureLine, ...]
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class NotApplicable:
    measure: str
    title: str
    reason: str
    tailored: bool
    slots: tuple[str, ...]


@dataclass(frozen=True)
class SignOff:
    preparer: str
    phone: str
    reviewer: str
    date: str


@dataclass(frozen=True)
class Report:
    checklist: str
    notice_title: str | None
    doc_number: str | None
    issuer: str | None
    report_to: str | None
    unit_id: str
    unit_name: str
    period: Period
    as_of: date
    figures: Figures
    sections: tuple[SectionPart, ...]
    not_applicable: tuple[NotApplicable, ...]
    signoff: SignOff
    generated_at: datetime | None = None
    calendar_fallback: tuple[int, ...] = ()
    findings: tuple[FindingLine, ...] = ()  # the 整改台账 of the period (findings.ledger)
    submitted_at: datetime | None = None  # `report --submit` (submission.py)
    nil: bool = False  # 零报告: nothing to report for the period (submission.py)
    source: Source | None = None  # what it was computed from (`report`; provenance.py)

    @property
    def measures(self) -> tuple[MeasureLine, ...]:
        return tuple(m for s in self.sections for m in s.measures)


def build_report(workspace: Workspace, period: Period, as_of: date, generated_at: datetime | None = None) -> Report:
    """Evaluate the workspace over the period as of a day and gather what the report shows."""
    evaluation = evaluate_workspace(workspace, as_of, period.first, period.last)
    report = report_from_evaluation(workspace, evaluation, period, generated_at)
    return replace(report, findings=ledger(workspace, period.first, period.last, evaluation.as_of))


def report_from_evaluation(
    workspace: Workspace, evaluation: Evaluation, period: Period, generated_at: datetime | None = None
) -> Report:
    notice = workspace.checklist.notice
    sign = workspace.config.signoff
    signed = generated_at.date() if generated_at is not None else evaluation.as_of
    sections = tuple(_section(s, period, evaluation) for s in evaluation.sections)
    return Report(
        checklist=workspace.checklist.name,
        notice_title=notice.title if notice else None,
        doc_number=notice.doc_number if notice else None,
        issuer=notice.issuer if notice else None,
        report_to=notice.reporting.to if notice and notice.reporting else None,
        unit_id=workspace.config.unit.id,
        unit_name=workspace.config.unit.name,
        period=period,
        as_of=evaluation.as_of,
        figures=evaluation.figures,
        sections=sections,
        not_applicable=_not_applicable(sections),
        signoff=SignOff(sign.preparer, sign.phone, sign.reviewer, signed.isoformat()),
        generated_at=generated_at,
        calendar_fallback=evaluation.years_without_calendar,
    )


def _slot_line(state: SlotState) -> SlotLine:
    record = state.record
    if record is None:
        return SlotLine(
            state.slot.key,
            state.slot.start,
            state.slot.end,
            state.state,
            reason=state.tailored or "",
            tailored=state.tailored is not None,
        )
    return SlotLine(
        state.slot.key,
        state.slot.start,
        state.slot.end,
        state.state,
        state.late,
        record.by,
        record.at,
        record.note,
        record.reason,
        False,
        record.evidence,
        state.corrected,
    )


def _event_line(record: Record) -> SlotLine:
    day = date.fromisoformat(record.slot) if len(record.slot) == 10 else record.at.date()
    return SlotLine(
        record.slot,
        day,
        day,
        record.status.value,
        False,
        record.by,
        record.at,
        record.note,
        record.reason,
        False,
        record.evidence,
    )


def runs(states: Sequence[SlotState], wanted: str) -> tuple[Run, ...]:
    """Group the slots in `wanted` state that follow each other in the measure's schedule."""
    out: list[Run] = []
    start: int | None = None
    for i, s in enumerate((*states, None)):
        hit = s is not None and s.state == wanted
        if hit and start is None:
            start = i
        elif not hit and start is not None:
            out.append(Run(states[start].slot.key, states[i - 1].slot.key, i - start))
            start = None
    return tuple(out)


def _measure(status: MeasureStatus) -> MeasureLine:
    return MeasureLine(
        id=status.measure.id,
        title=status.measure.title,
        frequency=status.measure.frequency.value,
        state=status.state,
        detail=status.detail,
        figures=status.figures,
        slots=tuple(_slot_line(s) for s in status.slots),
        events=tuple(_event_line(r) for r in sorted(status.events, key=lambda r: (r.slot, r.at))),
        overdue=runs(status.slots, OVERDUE),
    )


def _section(status: SectionStatus, period: Period, evaluation: Evaluation) -> SectionPart:
    return SectionPart(
        id=status.section.id,
        number=status.section.number,
        title=status.section.title,
        figures=status.figures,
        measures=tuple(_measure(m) for m in status.measures),
        bars=bars(status.measures, period, evaluation.first, evaluation.last),
    )


def _buckets(period: Period) -> list[tuple[str, date, date]]:
    """Days for a period up to a month, ISO weeks up to half a year, months beyond."""
    span = (period.last - period.first).days + 1
    out: list[tuple[str, date, date]] = []
    day = period.first
    while day <= period.last:
        if span <= 31:
            end = day
            label = day.strftime("%m-%d")
        elif span <= 186:
            end = min(day + timedelta(days=6 - day.weekday()), period.last)
            year, week, _ = day.isocalendar()
            label = f"W{week:02d}"
        else:
            nxt = date(day.year + day.month // 12, day.month % 12 + 1, 1)
            end = min(nxt - timedelta(days=1), period.last)
            label = f"{day.year}-{day.month:02d}"
        out.append((label, day, end))
        day = end + timedelta(days=1)
    return out


def bars(measures: Sequence[MeasureStatus], period: Period, first: date, last: date) -> tuple[Bar, ...]:
    """Slots due and answered per stretch; a slot counts where it ends (or on the last day seen)."""
    buckets = _buckets(period)
    if not buckets:
        return ()
    starts = [b[1].toordinal() for b in buckets]
    due = [0] * len(buckets)
    answered = [0] * len(buckets)
    for m in measures:
        for s in m.slots:
            day = min(max(s.slot.end, first, period.first), last, period.last)
            i = max(0, bisect.bisect_right(starts, day.toordinal()) - 1)
            due[i] += 1
            if s.state not in (DUE, OVERDUE):
                answered[i] += 1
    return tuple(Bar(label, lo, hi, d, a) for (label, lo, hi), d, a in zip(buckets, due, answered, strict=True))


def _not_applicable(sections: Sequence[SectionPart]) -> tuple[NotApplicable, ...]:
    """Every n/a answer with its reason, one line per measure and reason."""
    grouped: dict[tuple[str, str, bool], list[str]] = {}
    titles: dict[str, str] = {}
    for section in sections:
        for m in section.measures:
            titles[m.id] = m.title
            for s in (*m.slots, *m.events):
                if s.state == "na":
                    grouped.setdefault((m.id, s.reason, s.tailored), []).append(s.key)
    return tuple(
        NotApplicable(measure, titles[measure], reason, tailored, tuple(keys))
        for (measure, reason, tailored), keys in grouped.items()
    )
