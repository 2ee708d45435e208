"""The duty list: which slots `fangkong check` offers the officer on a given day."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from .evaluation import DUE, OVERDUE, MeasureStatus, SlotState, evaluate_workspace
from .workspace import Workspace


class DutyItem(NamedTuple):
    measure: MeasureStatus
    slot: SlotState


def duty_items(workspace: Workspace, today: date, section: str | None, all_slots: bool) -> list[DutyItem]:
    """The slots to offer: overdue ones and the current due ones (answered ones too with --all)."""
    evaluation = evaluate_workspace(workspace, today, section_id=section)
    items = []
    for ms in evaluation.measures:
        for ss in ms.slots:
            current = ss.slot.contains(today)
            if ss.state == OVERDUE or (current and ss.state == DUE) or (all_slots and current and ss.tailored is None):
                items.append(DutyItem(ms, ss))
    return items
