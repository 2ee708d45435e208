"""The duty list: which slots `fangkong check` offers the officer on a given day.

The daily walk is short. Today's daily and working-day slots and everything overdue are
always offered. The longer slots (weekly, monthly, quarterly, once, window) are spread: each
is first offered on one of the first working days of its period (measures take turns, so
the 34 monthly measures of the built-in notice come a few a day), offered again while
unanswered, and, if skipped, not again until the last working days of its period, when it
is offered every day until answered. A diligent officer who answers what is offered
therefore ends every period with nothing overdue, and no day is a wall of questions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from .evaluation import DUE, OVERDUE, Evaluation, MeasureStatus, SlotState, evaluate_workspace
from .models import Frequency, Measure
from .schedule import Slot
from .workdays import is_workday
from .workspace import Workspace

SPREAD = {Frequency.WEEKLY: 2}  # working days a period's first offers are spread over
DEFAULT_SPREAD = 5
FINAL_DAYS = 3  # the last working days of a period, when an open slot is offered every day
WALK_SIZE = 20  # early offers of long slots fill a day's walk up to this; the rest wait a day
LONG = frozenset({Frequency.WEEKLY, Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.ONCE, Frequency.WINDOW})


class DutyMode(StrEnum):
    WALK = "walk"  # the daily walk (default)
    ALL_DUE = "all_due"  # every open slot (due or overdue)
    ALL = "all"  # every open slot, and answered current ones (to correct them)


class DutyItem(NamedTuple):
    measure: MeasureStatus
    slot: SlotState


# A slot longer than this has no end of its own (a one-off duty of a campaign without an
# end): it is offered early, and never pressed as "final".
OPEN_ENDED = timedelta(days=3660)
EARLY_WINDOW = timedelta(days=31)


class Offer(NamedTuple):
    """When a long slot is offered: from `first` on, and every day from `final` on."""

    first: date
    final: date


def _working_days(start: date, end: date) -> list[date]:
    days = [date.fromordinal(o) for o in range(start.toordinal(), end.toordinal() + 1)]
    return [d for d in days if is_workday(d)] or days  # a period of holidays only: any day


def offer_days(slot: Slot, campaign_start: date, frequency: Frequency, turn: int) -> Offer:
    """The offer days of a long slot; `turn` spreads measures over the first working days."""
    first = max(slot.start, campaign_start)
    if slot.end >= first + OPEN_ENDED:  # a one-off duty of a campaign with no end: no final days
        days = _working_days(first, first + EARLY_WINDOW)
        spread = min(SPREAD.get(frequency, DEFAULT_SPREAD), len(days))
        return Offer(days[turn % spread], date.max)
    days = _working_days(first, slot.end)
    spread = min(SPREAD.get(frequency, DEFAULT_SPREAD), len(days))
    return Offer(days[turn % spread], days[max(0, len(days) - FINAL_DAYS)])


def offered(item: DutyItem, today: date, campaign_start: date, turn: int, skipped: date | None) -> str | None:
    """Whether the daily walk offers `item` today (`skipped`: the day it was last skipped):
    "must" (today's, overdue, in its final days), "early" (a long slot's early offer) or None."""
    state, slot = item.slot.state, item.slot.slot
    if state not in (DUE, OVERDUE) or skipped == today:
        return None
    if state == OVERDUE or item.measure.measure.frequency not in LONG:
        return "must"
    offer = offer_days(slot, campaign_start, item.measure.measure.frequency, turn)
    if today >= offer.final:
        return "must"
    return "early" if skipped is None and today >= offer.first else None  # a skip holds until the final days


def duty_items(
    workspace: Workspace,
    today: date,
    section: str | None,
    mode: DutyMode = DutyMode.WALK,
    skips: Mapping[tuple[str, str], date] | None = None,
) -> list[DutyItem]:
    """The slots to offer on `today`, section by section, in checklist order."""
    evaluation = evaluate_workspace(workspace, today, section_id=section)
    return select(evaluation, workspace.checklist.measures, workspace.campaign.start, today, mode, skips)


def select(
    evaluation: Evaluation,
    measures: Sequence[Measure],
    campaign_start: date,
    today: date,
    mode: DutyMode = DutyMode.WALK,
    skips: Mapping[tuple[str, str], date] | None = None,
) -> list[DutyItem]:
    """`duty_items` over an evaluation as of `today` (`measures`: the whole checklist, whose
    order gives the long measures their turns)."""
    turns = {m.id: i for i, m in enumerate(m for m in measures if m.frequency in LONG)}
    skips = skips or {}
    chosen: list[tuple[DutyItem, str]] = []
    for ms in evaluation.measures:
        for ss in ms.slots:
            item = DutyItem(ms, ss)
            if mode is DutyMode.WALK:
                skipped = skips.get((ms.measure.id, ss.slot.key))
                why = offered(item, today, campaign_start, turns.get(ms.measure.id, 0), skipped)
            else:
                current = ss.slot.contains(today)
                take = ss.state == OVERDUE or (current and ss.state == DUE)
                why = "must" if take or (mode is DutyMode.ALL and current and ss.tailored is None) else None
            if why is not None:
                chosen.append((item, why))
    # After a long holiday the overdue daily slots fill the day: early offers wait a day or two.
    room = max(0, WALK_SIZE - sum(why == "must" for _, why in chosen))
    items = []
    for item, why in chosen:
        if why == "early":
            if not room:
                continue
            room -= 1
        items.append(item)
    return items
