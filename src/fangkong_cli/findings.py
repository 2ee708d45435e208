"""Findings (问题): a shortfall rectified, checked and struck off (整改 → 验收 → 销号).

A finding's state is never stored: it is the replay of its events (findings_store.py), so
clones that each append their own events merge without conflicts. Overdue and the light are
worked out from the deadline and the day asked about.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, tzinfo
from enum import StrEnum
from typing import Any

from .errors import UsageProblem
from .fileio import option_problem
from .findings_store import FindingEvent, append_events, load_events, make_fields
from .fsutil import workspace_lock
from .lights import Light, add_workdays, light_of
from .models import Evidence, LightRules, Record, Status
from .schedule import slot_by_key
from .workspace import Workspace

# The option of `finding` each field of an event comes from.
_OPTION_OF = {
    "found": "--found",
    "rectification": "--rectification",
    "responsible": "--responsible",
    "reason": "--reason",
    "note": "--note",
    "by": "--by",
    "evidence": "--evidence",
    "deadline": "--deadline",
    "measure": "ID",
    "slot": "--slot",
}


class FindingState(StrEnum):
    OPEN = "open"  # 待整改
    RECTIFYING = "rectifying"  # 整改中
    VERIFYING = "verifying"  # 待验收
    CLOSED = "closed"  # 已销号


STATE_ORDER = (FindingState.OPEN, FindingState.RECTIFYING, FindingState.VERIFYING, FindingState.CLOSED)
SHORTFALLS = (Status.PARTIAL, Status.NOT_DONE)
# Where each action may start, and where it leaves the finding (None: where it was).
ALLOWED: dict[str, tuple[tuple[FindingState, ...], FindingState | None]] = {
    "update": ((FindingState.OPEN, FindingState.RECTIFYING, FindingState.VERIFYING), None),
    "submit": ((FindingState.OPEN, FindingState.RECTIFYING), FindingState.VERIFYING),
    "extend": ((FindingState.OPEN, FindingState.RECTIFYING, FindingState.VERIFYING), None),
    "reject": ((FindingState.VERIFYING,), FindingState.RECTIFYING),
    "close": ((FindingState.VERIFYING,), FindingState.CLOSED),
}


@dataclass(frozen=True)
class Finding:
    id: str
    measure: str
    slot: str
    found: str
    shortfall: str | None  # partial / not_done when opened from an answer; None by hand
    opened_by: str
    opened_at: datetime
    responsible: str
    deadline: date
    state: FindingState = FindingState.OPEN
    rectification: str = ""
    evidence: tuple[Evidence, ...] = ()
    closed_by: str = ""
    closed_at: datetime | None = None
    extensions: tuple[tuple[date, str], ...] = ()  # (new deadline, reason) in order
    history: tuple[FindingEvent, ...] = field(default=(), compare=False)

    @property
    def is_open(self) -> bool:
        return self.state is not FindingState.CLOSED

    def overdue(self, today: date) -> bool:
        return self.is_open and today > self.deadline

    def light(self, today: date, rules: LightRules = LightRules()) -> Light | None:
        return light_of(self.deadline, today, rules) if self.is_open else None


def _apply(finding: Finding, event: FindingEvent) -> Finding:
    """The finding after one event (the event was checked when it was written)."""
    f = dict(event.fields)
    changes: dict[str, Any] = {"history": (*finding.history, event)}
    for key in ("rectification", "responsible"):
        if f.get(key):
            changes[key] = f[key]
    if f.get("evidence"):
        changes["evidence"] = (*finding.evidence, *f["evidence"])
    target = ALLOWED.get(event.action, ((), None))[1]
    if event.action == "update" and finding.state is FindingState.OPEN and f.get("rectification"):
        target = FindingState.RECTIFYING  # a rectification written down: work has begun
    if target is not None:
        changes["state"] = target
    if event.action == "extend" and f.get("deadline") is not None:
        changes["deadline"] = f["deadline"]
        changes["extensions"] = (*finding.extensions, (f["deadline"], f.get("reason", "")))
    if event.action == "close":
        changes["closed_by"], changes["closed_at"] = event.by, event.at
    return replace(finding, **changes)


def replay(events: Iterable[FindingEvent]) -> list[Finding]:
    """Findings from their events (oldest first). Events of a finding whose opening has not
    arrived yet (another clone's file not pulled) wait until it does."""
    found: dict[str, Finding] = {}
    for event in sorted(events, key=lambda e: e.at):
        if event.action == "open":
            if event.finding in found:
                continue
            f = dict(event.fields)
            found[event.finding] = Finding(
                event.finding,
                f["measure"],
                f.get("slot", ""),
                f.get("found", ""),
                f.get("shortfall"),
                event.by,
                event.at,
                f.get("responsible", event.by),
                f["deadline"],
                rectification=f.get("rectification", ""),
                evidence=tuple(f.get("evidence", ())),
                history=(event,),
            )
        elif event.finding in found:
            found[event.finding] = _apply(found[event.finding], event)
    return sorted(found.values(), key=lambda x: (x.opened_at, x.id))


def load_findings(workspace: Workspace, as_of: date | None = None) -> list[Finding]:
    """Every finding, as it stood at the end of `as_of` (every event when None)."""
    events = load_events(workspace.root)
    if as_of is not None:
        events = [e for e in events if e.at.astimezone(workspace.tz).date() <= as_of]
    return replay(events)


def new_finding_id(at: datetime, taken: Iterable[str] = ()) -> str:
    """F-<day>-<6 random hex>: unique across clones without asking anyone."""
    used = set(taken)
    while True:
        candidate = f"F-{at:%Y%m%d}-{secrets.token_hex(3)}"
        if candidate not in used:
            return candidate


def _checked(event: FindingEvent) -> FindingEvent:
    """Refuse text that would not read back (control characters, too long) before writing."""
    from pydantic import ValidationError

    from .findings_schema import EventModel

    data: dict[str, Any] = dict(event.fields)
    data["evidence"] = tuple(e.to_dict() for e in data.get("evidence", ()))
    try:
        EventModel(finding=event.finding, action=event.action, by=event.by, at=event.at, **data)
    except ValidationError as exc:
        raise option_problem(exc, _OPTION_OF) from exc
    return event


def _local(now: datetime, tz: tzinfo) -> datetime:
    return now.astimezone(tz).replace(microsecond=0)


def open_finding(
    workspace: Workspace,
    writer: str,
    by: str,
    now: datetime,
    lock_timeout: float,
    *,
    measure: str,
    slot: str,
    found: str,
    responsible: str,
    deadline: date,
    rectification: str = "",
) -> Finding:
    """Open a finding by hand (from an inspection, 督查)."""
    known = workspace.checklist.measure(measure)
    if known is None:
        raise UsageProblem("unknown_measure", id=measure)
    if slot and slot_by_key(known, workspace.campaign, slot) is None:
        raise UsageProblem("finding_bad_slot", id=measure, slot=slot)
    if not found.strip():
        raise UsageProblem("finding_needs_text")
    at = _local(now, workspace.tz)
    if deadline < at.date():
        raise UsageProblem("finding_deadline_past", deadline=deadline.isoformat(), today=at.date().isoformat())
    with workspace_lock(workspace.root, lock_timeout):
        taken = {f.id for f in load_findings(workspace)}
        fields = make_fields(
            measure=measure,
            slot=slot or None,
            found=found.strip(),
            responsible=responsible.strip() or by,
            deadline=deadline,
            rectification=rectification.strip() or None,
        )
        event = _checked(FindingEvent(new_finding_id(at, taken), "open", by, at, fields))
        append_events(workspace.root, writer, [event])
    return replay([event])[0]


def find(findings: Sequence[Finding], finding_id: str) -> Finding:
    wanted = finding_id.strip()
    for f in findings:
        if f.id == wanted:
            return f
    matches = [f for f in findings if f.id.endswith(wanted) and len(wanted) >= 4]
    if len(matches) == 1:  # the 6 hex digits are enough to name one
        return matches[0]
    raise UsageProblem("unknown_finding", id=finding_id)


def _check_change(finding: Finding, action: str, by: str, fields: dict[str, Any]) -> None:
    starts, _ = ALLOWED[action]
    if finding.state not in starts:
        raise UsageProblem(f"finding_cannot_{action}", id=finding.id)
    if action in ("extend", "reject") and not str(fields.get("reason") or "").strip():
        raise UsageProblem("finding_needs_reason")
    if action == "extend" and (fields.get("deadline") is None or fields["deadline"] <= finding.deadline):
        raise UsageProblem("finding_extend_later", deadline=finding.deadline.isoformat())
    if action == "submit" and not (finding.rectification or fields.get("rectification")):
        raise UsageProblem("finding_needs_rectification", id=finding.id)
    if action == "close":
        if not (finding.evidence or fields.get("evidence")):
            raise UsageProblem("finding_close_needs_evidence", id=finding.id)
        responsible = str(fields.get("responsible") or finding.responsible)
        if by.strip() == responsible.strip():
            raise UsageProblem("finding_close_same_person", name=by)


def change_finding(
    workspace: Workspace,
    writer: str,
    finding_id: str,
    action: str,
    by: str,
    now: datetime,
    lock_timeout: float,
    **values: Any,
) -> Finding:
    """Append one change (update, submit, extend, reject, close) after checking it is allowed."""
    if action not in ALLOWED:
        raise ValueError(action)
    at = _local(now, workspace.tz)
    values = {k: (v.strip() if isinstance(v, str) else v) or None for k, v in values.items()}
    with workspace_lock(workspace.root, lock_timeout):
        events = load_events(workspace.root)
        finding = find(replay(events), finding_id)
        _check_change(finding, action, by, values)
        event = _checked(FindingEvent(finding.id, action, by, max(at, finding.history[-1].at), make_fields(**values)))
        append_events(workspace.root, writer, [event])
    return _apply(finding, event)


def shortfall_events(workspace: Workspace, records: Sequence[Record], rules: LightRules) -> list[FindingEvent]:
    """The opening events for each 未完成 / 部分完成 answer whose measure and slot has no open
    finding. The caller holds the workspace lock and appends them (record_answers does)."""
    wanted = [r for r in records if r.status in SHORTFALLS]
    if not wanted:
        return []
    existing = load_findings(workspace)
    open_keys = {(f.measure, f.slot) for f in existing if f.is_open}
    taken = {f.id for f in existing}
    events = []
    for record in wanted:
        if (record.measure, record.slot) in open_keys:
            continue
        open_keys.add((record.measure, record.slot))
        at = _local(record.at, workspace.tz)
        fid = new_finding_id(at, taken)
        taken.add(fid)
        fields = make_fields(
            measure=record.measure,
            slot=record.slot,
            shortfall=record.status.value,
            found=record.note or None,
            responsible=record.by,
            deadline=add_workdays(at.date(), rules.deadline_workdays),
        )
        events.append(FindingEvent(fid, "open", record.by, at, fields))
    return events


@dataclass(frozen=True)
class FindingLine:
    """A finding as shown on a given day: with its measure's title, its light and whether it
    is overdue (both worked out for that day, never stored)."""

    finding: Finding
    title: str
    light: Light | None
    overdue: bool


def lines_for(workspace: Workspace, findings: Iterable[Finding], today: date) -> tuple[FindingLine, ...]:
    rules = workspace.config.lights
    out = []
    for f in findings:
        measure = workspace.checklist.measure(f.measure)
        out.append(FindingLine(f, measure.title if measure else "", f.light(today, rules), f.overdue(today)))
    return tuple(out)


def ledger(workspace: Workspace, first: date, last: date, as_of: date) -> tuple[FindingLine, ...]:
    """The 整改台账 of a period: findings opened by its end and not struck off before it began,
    as they stood on `as_of`."""
    kept = [
        f
        for f in load_findings(workspace, as_of)
        if f.opened_at.astimezone(workspace.tz).date() <= last
        and (f.closed_at is None or f.closed_at.astimezone(workspace.tz).date() >= first)
    ]
    return lines_for(workspace, kept, as_of)
