"""A diligent officer, simulated: answers exactly what `fangkong check` offers on each day
it is run. Measures the daily walk's promise (see duty.py) for the tests and the benchmark."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta, tzinfo
from typing import NamedTuple

from .checklist import Checklist
from .duty import select
from .evaluation import evaluate
from .models import Record, Status
from .schedule import Campaign
from .workdays import is_workday


class WalkDay(NamedTuple):
    day: date
    offered: int


class WalkResult(NamedTuple):
    days: tuple[WalkDay, ...]
    overdue_at_end: int  # slots overdue as of the last day, after that day's walk

    @property
    def most(self) -> int:
        return max((d.offered for d in self.days), default=0)


def simulate(
    checklist: Checklist,
    campaign: Campaign,
    first: date,
    last: date,
    tz: tzinfo,
    runs_on: Callable[[date], bool] = is_workday,
) -> WalkResult:
    """Walk every day from `first` to `last` on which `runs_on` says check is run."""
    records: list[Record] = []
    days = []
    day = first
    while day <= last:
        if runs_on(day):
            evaluation = evaluate(checklist, campaign, records, day, tz)
            items = select(evaluation, checklist.measures, campaign.start, day)
            at = datetime.combine(day, time(10), tzinfo=tz)
            records += [Record(i.measure.measure.id, i.slot.slot.key, Status.DONE, "值班员", at) for i in items]
            days.append(WalkDay(day, len(items)))
        day += timedelta(days=1)
    final = evaluate(checklist, campaign, records, last, tz)
    return WalkResult(tuple(days), final.figures.overdue)
