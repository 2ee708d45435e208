"""Where a unit stands: the state of every slot and measure as of a day, and the three figures."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import NamedTuple

from .asof import first_answers, made_by
from .checklist import Checklist
from .models import Frequency, Measure, Record, Section, Status, Tailoring
from .schedule import Campaign, Slot, next_slot, slot_by_key, slots_between
from .workspace import Workspace

DUE = "due"
OVERDUE = "overdue"


class SlotState(NamedTuple):
    slot: Slot
    state: str
    record: Record | None = None
    late: bool = False
    tailored: str | None = None  # the tailoring reason when the unit marked the measure n/a
    corrected: bool = False  # the answer in force replaced an earlier answer of the slot


@dataclass
class Figures:
    """The three figures of a report: coverage, results and overdue slots (never one score)."""

    due: int = 0
    answered: int = 0
    done: int = 0
    partial: int = 0
    not_done: int = 0
    na: int = 0
    overdue: int = 0
    late: int = 0

    def add(self, slot: SlotState) -> None:
        self.due += 1
        state = slot.state
        if state == OVERDUE:
            self.overdue += 1
        elif state != DUE:
            self.answered += 1
            if state == "done":
                self.done += 1
            elif state == "partial":
                self.partial += 1
            elif state == "not_done":
                self.not_done += 1
            else:
                self.na += 1
        if slot.late:
            self.late += 1

    def merge(self, other: Figures) -> None:
        for name in ("due", "answered", "done", "partial", "not_done", "na", "overdue", "late"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def coverage(self) -> float | None:
        return self.answered / self.due if self.due else None

    def as_dict(self) -> dict[str, int | float | None]:
        return {
            "slots_due": self.due,
            "answered": self.answered,
            "coverage": None if self.coverage is None else round(self.coverage, 4),
            "done": self.done,
            "partial": self.partial,
            "not_done": self.not_done,
            "na": self.na,
            "overdue": self.overdue,
            "late": self.late,
        }


class MeasureStatus(NamedTuple):
    measure: Measure
    section: Section
    state: str
    detail: str | None  # why a measure with no current slot shows as it does
    slots: tuple[SlotState, ...]
    last_done: str | None
    next_due: date | None
    figures: Figures
    events: tuple[Record, ...] = ()  # as_needed measures: the events recorded in the period


class SectionStatus(NamedTuple):
    section: Section
    measures: tuple[MeasureStatus, ...]
    figures: Figures


class Evaluation(NamedTuple):
    as_of: date
    first: date
    last: date
    sections: tuple[SectionStatus, ...]
    figures: Figures
    years_without_calendar: tuple[int, ...] = ()
    unmatched: int = 0  # records naming a measure or slot the checklist and campaign do not have
    after_as_of: int = 0  # records made after the end of the as-of day: not counted

    @property
    def measures(self) -> tuple[MeasureStatus, ...]:
        return tuple(m for s in self.sections for m in s.measures)


def latest_records(records: Iterable[Record]) -> dict[tuple[str, str], Record]:
    """The record in force for each (measure, slot): the newest; on a tie, the later one.
    A withdrawal (`withdrawn`) in force means the slot is unanswered again."""
    latest: dict[tuple[str, str], Record] = {}
    for record in records:
        key = (record.measure, record.slot)
        held = latest.get(key)
        if held is None or record.at >= held.at:
            latest[key] = record
    return latest


def is_late(record: Record, slot: Slot, tz: tzinfo, first: datetime | None = None) -> bool:
    """Late when the slot's first answer (`first`, else this record) came after its period."""
    at = record.at if first is None else first
    return at.astimezone(tz).date() > slot.end


def _tailoring_reason(tailoring: Sequence[Tailoring], measure_id: str, slot: Slot) -> str | None:
    for t in tailoring:
        if t.measure == measure_id and (t.until is None or slot.start <= t.until):
            return t.reason
    return None


def _slot_state(
    slot: Slot, record: Record | None, as_of: date, tz: tzinfo, tailored: str | None, first: datetime | None
) -> SlotState:
    if record is not None and record.status is not Status.WITHDRAWN:
        late = is_late(record, slot, tz, first)
        return SlotState(slot, record.status.value, record, late, corrected=first is not None and first < record.at)
    if tailored is not None:
        return SlotState(slot, Status.NA.value, None, False, tailored)
    return SlotState(slot, OVERDUE if slot.end < as_of else DUE)


def evaluate(
    checklist: Checklist,
    campaign: Campaign,
    records: Sequence[Record],
    as_of: date,
    tz: tzinfo,
    tailoring: Sequence[Tailoring] = (),
    first: date | None = None,
    last: date | None = None,
    section_id: str | None = None,
) -> Evaluation:
    """Evaluate every measure as of `as_of` over the slots that touch [first, last]."""
    first = campaign.start if first is None else first
    last = as_of if last is None else min(last, as_of)
    records, after_as_of = made_by(records, as_of, tz)
    latest = latest_records(records)
    firsts = first_answers(records)
    by_measure: dict[str, list[Record]] = {}
    for record in records:
        by_measure.setdefault(record.measure, []).append(record)
    sections = []
    total = Figures()
    for entry in checklist.sections:
        if section_id is not None and entry.section.id != section_id:
            continue
        measures = []
        sec_figures = Figures()
        for measure in entry.measures:
            status = _evaluate_measure(
                measure,
                entry.section,
                campaign,
                (latest, firsts),
                by_measure.get(measure.id, []),
                as_of,
                tz,
                tailoring,
                first,
                last,
            )
            sec_figures.merge(status.figures)
            measures.append(status)
        total.merge(sec_figures)
        sections.append(SectionStatus(entry.section, tuple(measures), sec_figures))
    from .workdays import calendar_covers

    # Only the years the campaign has days in: a --date long after its end asks nothing more.
    span_first = max(first, campaign.start)
    span_last = last if campaign.end is None else min(last, campaign.end)
    has_workday = any(m.frequency is Frequency.WORKDAY for m in checklist.measures)
    uncovered = tuple(
        year
        for year in range(span_first.year, span_last.year + 1)
        if has_workday and not calendar_covers(year, campaign.calendar)
    )
    counted = {(ms.measure.id, s.slot.key) for sec in sections for ms in sec.measures for s in ms.slots}
    unmatched = _unmatched(checklist, campaign, records, counted)
    return Evaluation(as_of, first, last, tuple(sections), total, uncovered, unmatched, after_as_of)


def _unmatched(
    checklist: Checklist, campaign: Campaign, records: Sequence[Record], counted: set[tuple[str, str]]
) -> int:
    """Records no slot will ever count (an id renamed in the checklist, a hand-typed slot)."""
    measures = {m.id: m for m in checklist.measures}
    seen: dict[tuple[str, str], bool] = dict.fromkeys(counted, True)  # most records: no parsing
    count = 0
    for r in records:
        key = (r.measure, r.slot)
        if key not in seen:
            measure = measures.get(r.measure)
            seen[key] = measure is not None and slot_by_key(measure, campaign, r.slot) is not None
        count += not seen[key]
    return count


def _evaluate_measure(
    measure: Measure,
    section: Section,
    campaign: Campaign,
    answers: tuple[dict[tuple[str, str], Record], dict[tuple[str, str], datetime]],
    own_records: list[Record],
    as_of: date,
    tz: tzinfo,
    tailoring: Sequence[Tailoring],
    first: date,
    last: date,
) -> MeasureStatus:
    figures = Figures()
    latest, firsts = answers
    if measure.frequency is Frequency.AS_NEEDED:
        events = tuple(
            r
            for r in own_records
            if first.isoformat() <= r.slot <= last.isoformat()
            and r.status is not Status.WITHDRAWN
            and latest[(r.measure, r.slot)].status is not Status.WITHDRAWN
        )
        newest = max(events, key=lambda r: r.at) if events else None
        state = newest.status.value if newest is not None else Status.NA.value
        return MeasureStatus(measure, section, state, None if newest else "as_needed", (), None, None, figures, events)
    slots = slots_between(measure, campaign, first, last)
    own_tailoring = [t for t in tailoring if t.measure == measure.id]
    mid = measure.id
    found = [latest.get((mid, s.key)) for s in slots]
    states = tuple(
        _slot_state(
            s,
            r,
            as_of,
            tz,
            _tailoring_reason(own_tailoring, mid, s) if own_tailoring else None,
            firsts.get((mid, s.key)) if r is not None else None,
        )
        for s, r in zip(slots, found, strict=True)
    )
    for s in states:
        figures.add(s)
    current = next((s for s in reversed(states) if s.slot.contains(as_of)), None)
    detail = None
    if figures.overdue:
        state = OVERDUE
    elif current is not None:
        state = current.state
    elif states:
        state = states[-1].state
    else:
        # Nothing to answer in this range: not yet begun, or (in a report's period) none due.
        upcoming = next_slot(measure, campaign, as_of)
        begun = upcoming is None or upcoming.start <= last
        state, detail = Status.NA.value, ("no_slot" if begun and as_of >= campaign.start else "not_started")
    last_done = next((s.slot.key for s in reversed(states) if s.state == Status.DONE.value), None)
    if current is not None and current.state in (DUE, OVERDUE):
        next_due: date | None = current.slot.end
    else:
        upcoming = next_slot(measure, campaign, as_of)
        next_due = upcoming.end if upcoming is not None else None
    return MeasureStatus(measure, section, state, detail, states, last_done, next_due, figures)


def slot_of_record(checklist: Checklist, campaign: Campaign, record: Record) -> Slot | None:
    measure = checklist.measure(record.measure)
    if measure is None:
        return None
    return slot_by_key(measure, campaign, record.slot)


def evaluate_workspace(
    workspace: Workspace,
    as_of: date,
    first: date | None = None,
    last: date | None = None,
    section_id: str | None = None,
) -> Evaluation:
    """`evaluate` over a workspace's checklist, campaign, records and tailoring."""
    from .records import load_records

    return evaluate(
        workspace.checklist,
        workspace.campaign,
        load_records(workspace.records_dir, workspace.root),
        as_of,
        workspace.tz,
        workspace.tailoring,
        first=first,
        last=last,
        section_id=section_id,
    )
