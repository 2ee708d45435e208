"""The 台账 both ways: a period's slots as a spreadsheet to fill in, and the filled sheet as records.

Export lists every open or answered slot of the period (answered ones with their answer);
import records each row whose answer differs from the one that counts now, through the
same `record_answers` that `mark` uses, after every row has passed the same checks. A sheet
with any bad row records nothing, and importing the same sheet twice records nothing new.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .errors import DataProblem, FileProblems, Problem, UsageProblem
from .evaluation import DUE, OVERDUE, evaluate_workspace
from .messages import LANGS, Lang, t
from .models import Record, Status
from .recording import Answer, build_record, record_answers
from .report import Period
from .schedule import Slot, slot_by_key
from .workspace import Workspace

KIND = "fangkong-sheet"
VERSION = 1
META_SHEET = "_fangkong"
COLUMNS = ("id", "measure", "slot", "status", "reason", "note", "by", "day", "slot_key")
EDITABLE = frozenset({"status", "reason", "note", "by", "day"})
STATUSES = (Status.DONE, Status.PARTIAL, Status.NOT_DONE, Status.NA)


@dataclass(frozen=True)
class SheetRow:
    """One slot of the period as the sheet shows it; the answer is empty for an open slot."""

    measure: str
    title: str
    slot: str
    status: Status | None = None
    reason: str = ""
    note: str = ""
    by: str = ""
    day: date | None = None


@dataclass(frozen=True)
class Ledger:
    """What `sheet export` writes: the workspace and period it belongs to, and its rows."""

    unit_id: str
    unit_name: str
    checklist: str
    period: Period
    fingerprint: str
    rows: tuple[SheetRow, ...]


def fingerprint(workspace: Workspace, period: Period) -> str:
    """Names the unit, its checklist and campaign, and the period; a sheet carries it hidden."""
    parts = (
        KIND,
        workspace.config.unit.id,
        workspace.checklist.name,
        workspace.campaign.start.isoformat(),
        period.first.isoformat(),
        period.last.isoformat(),
    )
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:32]


def _answers(
    workspace: Workspace, period: Period, as_of: date
) -> dict[tuple[str, str], tuple[str, Record | None, bool]]:
    """(measure, slot key) → (state, the record that counts, tailored) for the period's slots so far."""
    evaluation = evaluate_workspace(workspace, as_of, period.first, period.last)
    out = {}
    for m in evaluation.measures:
        for s in m.slots:
            if s.slot.start <= as_of:
                out[(m.measure.id, s.slot.key)] = (s.state, s.record, s.tailored is not None)
    return out


def ledger(workspace: Workspace, period: Period, as_of: date) -> Ledger:
    """Every open or answered slot of the period up to `as_of`, in checklist order.

    Slots the unit's tailoring marks n/a and as-needed measures (events, recorded with
    `mark`) have nothing to fill in and are left out.
    """
    by_measure: dict[str, list[SheetRow]] = {}
    titles = {m.id: m.title for m in workspace.checklist.measures}
    for (mid, key), (state, record, tailored) in _answers(workspace, period, as_of).items():
        if tailored or (record is None and state not in (DUE, OVERDUE)):
            continue
        if record is None:
            row = SheetRow(mid, titles[mid], key)
        else:
            day = record.at.astimezone(workspace.tz).date()
            row = SheetRow(mid, titles[mid], key, record.status, record.reason, record.note, record.by, day)
        by_measure.setdefault(mid, []).append(row)
    rows = [row for m in workspace.checklist.measures for row in by_measure.get(m.id, ())]
    unit = workspace.config.unit
    return Ledger(unit.id, unit.name, workspace.checklist.name, period, fingerprint(workspace, period), tuple(rows))


def status_from(value: str) -> Status | None:
    """已完成 / done / partial … in either language, or the keys; None when not one of them."""
    text = " ".join(value.split()).lower()
    for status in STATUSES:
        names = {status.value, *(t(lang, f"state.{status.value}").lower() for lang in LANGS)}
        if text in names:
            return status
    return None


@dataclass(frozen=True)
class FilledRow:
    """A row read back from a sheet, as text; `line` is its row number in the spreadsheet."""

    line: int
    measure: str
    slot: str
    status: str
    reason: str
    note: str
    by: str
    day: date | None
    day_text: str = ""  # what the 日期 cell held when it is no date


@dataclass(frozen=True)
class SheetFile:
    meta: dict[str, str]
    rows: tuple[FilledRow, ...]


@dataclass(frozen=True)
class Imported:
    period: Period
    recorded: tuple[tuple[Record, Slot], ...]
    unchanged: int  # rows whose answer is already the one that counts
    empty: int  # rows with no status: nothing to record


def check_sheet(workspace: Workspace, sheet: SheetFile, name: str, wanted: Period | None) -> Period:
    """The sheet's period, once the sheet is known to belong to this workspace (and period)."""
    meta = sheet.meta
    if meta.get("kind") != KIND:
        raise DataProblem("sheet.not_ours", path=name)
    version = meta.get("version", "")
    if not version.isdigit() or int(version) > VERSION:
        raise DataProblem("sheet.newer", path=name, found=version, known=VERSION)
    unit = workspace.config.unit
    if meta.get("unit_id") != unit.id:
        raise DataProblem(
            "sheet.other_unit",
            path=name,
            found=f"{meta.get('unit_name', '')}（{meta.get('unit_id', '')}）",
            expected=f"{unit.name}（{unit.id}）",
        )
    try:
        period = Period(date.fromisoformat(meta["from"]), date.fromisoformat(meta["to"]), meta["label"])
    except (KeyError, ValueError):
        raise DataProblem("sheet.not_ours", path=name) from None
    if meta.get("fingerprint") != fingerprint(workspace, period):
        raise DataProblem("sheet.other_workspace", path=name)
    if wanted is not None and (wanted.first, wanted.last) != (period.first, period.last):
        raise DataProblem("sheet.other_period", path=name, found=period.label, expected=wanted.label)
    return period


def _problem(name: str, line: int, exc: UsageProblem) -> Problem:
    return Problem(name, line, exc.key, exc.params)


def import_sheet(
    workspace: Workspace,
    sheet: SheetFile,
    name: str,
    default_by: str,
    now: datetime,
    cwd: Path,
    wanted: Period | None,
    lock_timeout: float,
) -> Imported:
    """Record the filled rows that change something; every row is checked first, and any
    problem (reported with its row number) leaves the records as they were."""
    period = check_sheet(workspace, sheet, name, wanted)
    today = workspace.today(now)
    current = _answers(workspace, period, today)
    problems: list[Problem] = []
    todo: list[tuple[str, Answer]] = []
    unchanged = empty = 0
    seen: dict[tuple[str, str], int] = {}
    for row in sheet.rows:
        if not row.status.strip():
            empty += 1
            continue
        first = seen.setdefault((row.measure, row.slot), row.line)
        if first != row.line:
            problems.append(Problem(name, row.line, "sheet.duplicate_row", {"first": first}))
            continue
        status = status_from(row.status)
        if status is None:
            problems.append(Problem(name, row.line, "sheet.bad_status", {"value": row.status}))
            continue
        if row.day_text:
            problems.append(Problem(name, row.line, "sheet.bad_date", {"value": row.day_text}))
            continue
        day = row.day or today
        by = row.by.strip() or default_by
        answer = Answer(row.measure, day, status, row.note, row.reason, (), row.slot)
        try:
            slot = _checked_slot(workspace, answer, by, today, now, cwd)
        except UsageProblem as exc:
            problems.append(_problem(name, row.line, exc))
            continue
        if slot.end < period.first or slot.start > period.last:
            problems.append(Problem(name, row.line, "sheet.outside_period", {"slot": row.slot, "period": period.label}))
            continue
        _, record, _ = current.get((row.measure, row.slot), ("", None, False))
        if record is not None and (record.status, record.reason, record.note) == (
            status,
            row.reason.strip(),
            row.note.strip(),
        ):
            unchanged += 1
            continue
        todo.append((by, answer))
    if problems:
        raise FileProblems([*problems, Problem(name, None, "sheet.rejected", {"count": len(problems)})])
    recorded: list[tuple[Record, Slot]] = []
    for by in dict.fromkeys(b for b, _ in todo):  # one call per officer named in the sheet
        recorded += record_answers(workspace, [a for b, a in todo if b == by], by, now, cwd, lock_timeout)
    return Imported(period, tuple(recorded), unchanged, empty)


def _checked_slot(workspace: Workspace, answer: Answer, by: str, today: date, now: datetime, cwd: Path) -> Slot:
    """The slot a sheet row answers, after the checks `mark` makes (nothing is stored)."""
    if answer.day > today:
        raise UsageProblem("future_date", date=answer.day.isoformat(), today=today.isoformat())
    if not by:
        raise UsageProblem("sheet.by_required")
    measure = workspace.checklist.measure(answer.measure_id)
    if measure is None:
        raise UsageProblem("unknown_measure", id=answer.measure_id)
    assert answer.slot_key is not None
    if slot_by_key(measure, workspace.campaign, answer.slot_key) is None:
        raise UsageProblem("sheet.no_slot", id=answer.measure_id, slot=answer.slot_key)
    if answer.status is Status.NA and not answer.reason.strip():
        raise UsageProblem("sheet.na_needs_reason")
    return build_record(workspace, answer, by, now, cwd)[1]


def headers(lang: Lang) -> list[str]:
    return [t(lang, f"sheet.col.{c}") for c in COLUMNS]


def known_headers() -> Sequence[list[str]]:
    return (headers("zh"), headers("en"))
