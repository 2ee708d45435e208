"""Recording answers (mark and check share this) and reading them back as history."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .asof import made_by
from .errors import FileProblems, UsageProblem
from .evaluation import is_late, latest_records, slot_of_record
from .fileio import inside, option_problem, sha256_of
from .fsutil import workspace_lock
from .models import Evidence, Record, Status
from .records import append_records, load_records
from .schedule import Slot, slot_for_date
from .workspace import Workspace

if TYPE_CHECKING:
    from .findings_store import FindingEvent

STATUS_WORDS = {
    "done": Status.DONE,
    "已完成": Status.DONE,
    "完成": Status.DONE,
    "partial": Status.PARTIAL,
    "部分完成": Status.PARTIAL,
    "not_done": Status.NOT_DONE,
    "not-done": Status.NOT_DONE,
    "未完成": Status.NOT_DONE,
    "na": Status.NA,
    "n/a": Status.NA,
    "不适用": Status.NA,
}


def parse_status(value: str) -> Status:
    """An answer's status from its key or its Chinese word (full-width input accepted).
    `withdrawn` is no answer: only `fangkong undo` records it."""
    import unicodedata

    word = unicodedata.normalize("NFKC", value).strip().lower()
    if word not in STATUS_WORDS:
        raise UsageProblem("bad_status", value=value)
    return STATUS_WORDS[word]


def _changed_evidence(root: Path, record: Record, seen: dict[str, str | None]) -> tuple[str, ...]:
    """Evidence files of `record` whose bytes are no longer what was recorded (or are gone).

    A path in a records file is data, maybe hand-edited: one leading out of the workspace, or
    to anything but a regular file (a FIFO, /dev/zero), is never opened and counts as changed."""
    changed = []
    for e in record.evidence:
        if e.kind != "file" or e.sha256 is None:
            continue
        if e.value not in seen:
            real = inside(Path(e.value), root)
            try:
                seen[e.value] = sha256_of(real) if real is not None else None
            except FileProblems:
                seen[e.value] = None
        if seen[e.value] != e.sha256:
            changed.append(e.value)
    return tuple(changed)


_QUOTES = (('"', '"'), ("'", "'"), ("“", "”"), ("‘", "’"))


def _looks_like_path(text: str) -> bool:
    """One word with a folder separator or a file suffix (报告.pdf, evidence/会议纪要.docx)."""
    if any(ch.isspace() for ch in text):
        return False
    return "/" in text or "\\" in text or bool(re.fullmatch(r".+\.[A-Za-z0-9]{1,5}", text))


def evidence_from(workspace: Workspace, spec: str, cwd: Path) -> Evidence:
    """A URL, a file inside the workspace (its SHA-256 kept), or else a note. A value that
    names a file which does not exist is refused (a typo must not become a note); quoted
    text is always a note."""
    text = spec.strip()
    for left, right in _QUOTES:
        if len(text) >= 2 and text.startswith(left) and text.endswith(right):
            return Evidence(kind="note", value=text[1:-1].strip())
    if text.lower().startswith(("http://", "https://")):
        return Evidence(kind="url", value=text)
    candidate = Path(text)
    if not candidate.is_absolute():
        candidate = cwd / candidate
    try:
        exists = candidate.exists()
    except (OSError, ValueError):  # a long note is no file name (ENAMETOOLONG), nor one with NUL
        return Evidence(kind="note", value=text)
    if exists or (_looks_like_path(text) and ".." in Path(text).parts):
        root = workspace.root.resolve()
        real = candidate.resolve()
        if not real.is_relative_to(root) or not candidate.exists():
            raise UsageProblem("evidence_outside", path=text)
        if not real.is_file():
            raise UsageProblem("evidence_unreadable", path=text, reason="not a file")
        try:
            digest = sha256_of(real)  # opens regular files only, even if one was swapped in
        except FileProblems as exc:
            problem = exc.problems[0]
            reason = str(problem.params.get("reason", problem.key))
            raise UsageProblem("evidence_unreadable", path=text, reason=reason) from exc
        return Evidence(kind="file", value=real.relative_to(root).as_posix(), sha256=digest)
    if _looks_like_path(text):
        raise UsageProblem("evidence_missing", path=text)
    return Evidence(kind="note", value=text)


# Bounds on what one answer may carry, so that a month's records file stays far below the size
# every reader accepts (records.MAX_RECORDS_BYTES).
MAX_EVIDENCE = 20
MAX_EVIDENCE_CHARS = 1000

# The option of `mark` each field of a record comes from (`check` asks for the same things).
_OPTION_OF = {"note": "--note", "reason": "--reason", "by": "--by", "evidence": "--evidence"}


class Answer(NamedTuple):
    measure_id: str
    day: date
    status: Status
    note: str = ""
    reason: str = ""
    evidence: tuple[str, ...] = ()
    slot_key: str | None = None  # answer this slot (check) instead of the one holding `day`


def build_record(workspace: Workspace, answer: Answer, by: str, now: datetime, cwd: Path) -> tuple[Record, Slot]:
    """Check an answer against the checklist and campaign and turn it into a record."""
    checklist = workspace.checklist
    measure = checklist.measure(answer.measure_id)
    if measure is None:
        raise UsageProblem("unknown_measure", id=answer.measure_id)
    slot = slot_for_date(measure, workspace.campaign, answer.day)
    if answer.slot_key is not None:
        from .schedule import slot_by_key

        slot = slot_by_key(measure, workspace.campaign, answer.slot_key)
    if slot is None:
        raise UsageProblem("no_slot", id=measure.id, frequency=measure.frequency.value, date=answer.day.isoformat())
    if answer.status is Status.NA and not answer.reason.strip():
        raise UsageProblem("na_needs_reason")
    if len(answer.evidence) > MAX_EVIDENCE or any(len(e) > MAX_EVIDENCE_CHARS for e in answer.evidence):
        raise UsageProblem("evidence_too_much", count=MAX_EVIDENCE, chars=MAX_EVIDENCE_CHARS)
    from pydantic import ValidationError

    from .schemas import RecordModel

    evidence = tuple(evidence_from(workspace, spec, cwd) for spec in answer.evidence if spec.strip())
    try:
        record = RecordModel(
            measure=measure.id,
            slot=slot.key,
            status=answer.status,
            by=by,
            at=now.astimezone(workspace.tz).replace(microsecond=0),
            note=answer.note.strip(),
            reason=answer.reason.strip(),
            evidence=tuple(e.to_dict() for e in evidence),
        ).to_domain()
    except ValidationError as exc:
        raise option_problem(exc, _OPTION_OF) from exc
    return record, slot


def record_answers(
    workspace: Workspace,
    answers: Sequence[Answer],
    by: str,
    now: datetime,
    cwd: Path,
    lock_timeout: float,
) -> list[tuple[Record, Slot]]:
    """Validate every answer first, then store them all under the workspace lock (or none);
    wait up to `lock_timeout` seconds for another fangkong process to finish. A 未完成 or
    部分完成 answer opens a finding unless one is open for its slot."""
    today = workspace.today(now)
    for answer in answers:
        if answer.day > today:
            raise UsageProblem("future_date", date=answer.day.isoformat(), today=today.isoformat())
    built = [build_record(workspace, a, by, now, cwd) for a in answers]
    with workspace_lock(workspace.root, lock_timeout):
        writer = workspace.writer_id()
        opened = _shortfall_findings(workspace, [r for r, _ in built])  # a damaged findings file stops all here
        append_records(workspace.records_dir, [r for r, _ in built], workspace.tz, writer, workspace.root)
        _store_findings(workspace, writer, opened)
    workspace.remember_officer(by)
    return built


def _shortfall_findings(workspace: Workspace, records: Sequence[Record]) -> list[FindingEvent]:
    """The loop from shortfall to rectification starts here (see findings.py)."""
    from .findings import shortfall_events

    return shortfall_events(workspace, records, workspace.config.lights)


def _store_findings(workspace: Workspace, writer: str, events: list[FindingEvent]) -> None:
    if events:
        from .findings_store import append_events

        append_events(workspace.root, writer, events)


class HistoryEntry(NamedTuple):
    record: Record
    slot: Slot | None
    late: bool
    correction: bool  # an earlier record exists for the same slot
    superseded: bool  # a newer record for the same slot wins
    known_measure: bool = True  # False when the checklist no longer has the record's measure
    evidence_changed: tuple[str, ...] = ()  # evidence files changed or gone since recorded


def history(
    workspace: Workspace,
    measure_id: str | None = None,
    first: date | None = None,
    last: date | None = None,
    as_of: date | None = None,
) -> list[HistoryEntry]:
    """Every record, oldest first, with corrections, superseded and late ones flagged.

    `first`/`last` keep the records whose slot touches those days (the day answered for, not
    the day recorded); `as_of` leaves out what was recorded after the end of that day."""
    checklist = workspace.checklist
    if measure_id is not None and checklist.measure(measure_id) is None:
        raise UsageProblem("unknown_measure", id=measure_id)
    records: Sequence[Record] = load_records(workspace.records_dir, workspace.root)
    if as_of is not None:
        records, _ = made_by(records, as_of, workspace.tz)
    winners = latest_records(records)
    answered_at: dict[tuple[str, str], datetime] = {}  # the first answer since the last withdrawal
    hashes: dict[str, str | None] = {}
    entries = []
    for record in sorted(records, key=lambda r: r.at):
        key = (record.measure, record.slot)
        correction = key in answered_at
        if record.status is Status.WITHDRAWN:
            answered_at.pop(key, None)
        else:
            answered_at.setdefault(key, record.at)
        if measure_id is not None and record.measure != measure_id:
            continue
        slot = slot_of_record(checklist, workspace.campaign, record)
        if not _touches(slot, record, first, last):
            continue
        late = (
            slot is not None
            and record.status is not Status.WITHDRAWN
            and is_late(record, slot, workspace.tz, answered_at[key])
        )
        entries.append(
            HistoryEntry(
                record,
                slot,
                late,
                correction,
                winners.get(key) is not record,
                checklist.measure(record.measure) is not None,
                _changed_evidence(workspace.root, record, hashes),
            )
        )
    return entries


def _touches(slot: Slot | None, record: Record, first: date | None, last: date | None) -> bool:
    """Whether the slot a record answers touches [first, last] (its key's day when the
    checklist no longer knows the slot)."""
    if first is None and last is None:
        return True
    if slot is not None:
        lo, hi = slot.start, slot.end
    else:
        try:
            lo = hi = date.fromisoformat(record.slot)
        except ValueError:
            return False
    return (first is None or hi >= first) and (last is None or lo <= last)


def late_answers(workspace: Workspace, stored: Sequence[tuple[Record, Slot]]) -> list[bool]:
    """Whether each stored answer counts as late: judged by its slot's first answer, so a
    correction of an on-time answer is not late."""
    from .asof import first_answers

    firsts = first_answers(load_records(workspace.records_dir, workspace.root))
    return [is_late(r, s, workspace.tz, firsts.get((r.measure, r.slot))) for r, s in stored]


def answers_by_campaign(views: Sequence[Workspace], answers: Sequence[Answer]) -> list[tuple[Workspace, list[Answer]]]:
    """Each answer to the campaign whose checklist has its measure (`ID` or `CAMPAIGN:ID`;
    an id two running checklists share must be qualified), with the bare id."""
    from .campaigns import resolve_measure

    groups: dict[int, tuple[Workspace, list[Answer]]] = {}
    for answer in answers:
        view, measure = resolve_measure(list(views), answer.measure_id)
        groups.setdefault(view.campaign_index, (view, []))[1].append(answer._replace(measure_id=measure.id))
    return [groups[i] for i in sorted(groups)]


def record_in_campaigns(
    groups: Sequence[tuple[Workspace, list[Answer]]], by: str, now: datetime, cwd: Path, lock_timeout: float
) -> list[tuple[Workspace, Record, Slot]]:
    """Every answer checked first, in every campaign; then each campaign's stored."""
    for view, answers in groups:
        for answer in answers:
            build_record(view, answer, by, now, cwd)
    stored = []
    for view, answers in groups:
        stored += [(view, r, s) for r, s in record_answers(view, answers, by, now, cwd, lock_timeout)]
    return stored
