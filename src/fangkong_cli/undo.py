"""Withdrawing an answer (`fangkong undo`): a `withdrawn` record is appended for the slot of
the newest answer in force; nothing is deleted, history shows both. The slot is then
unanswered again (due, or overdue once its period has passed) until it is answered anew;
the lateness of that new answer is judged by its own time."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from .errors import UsageProblem
from .evaluation import latest_records
from .models import Record, Status
from .recording import Answer, record_answers
from .records import load_records
from .workspace import Workspace


def newest_answer(workspace: Workspace, measure_id: str | None) -> Record | None:
    """The newest answer still in force (of `measure_id`), or None."""
    if measure_id is not None and workspace.checklist.measure(measure_id) is None:
        raise UsageProblem("unknown_measure", id=measure_id)
    in_force = [
        r
        for r in latest_records(load_records(workspace.records_dir, workspace.root)).values()
        if r.status is not Status.WITHDRAWN and (measure_id is None or r.measure == measure_id)
    ]
    return max(in_force, key=lambda r: r.at, default=None)


def withdraw(
    workspace: Workspace, measure_id: str | None, by: str, now: datetime, cwd: Path, lock_timeout: float
) -> Record:
    """Withdraw the newest answer (of `measure_id`); the withdrawn record is returned."""
    target = newest_answer(workspace, measure_id)
    if target is None:
        raise UsageProblem("undo_nothing")
    answer = Answer(target.measure, workspace.today(now), Status.WITHDRAWN, slot_key=target.slot)
    record_answers(workspace, [answer], by, now, cwd, lock_timeout)
    return target
