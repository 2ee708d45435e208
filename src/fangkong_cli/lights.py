"""红黄绿 lights: how close a deadline is, counted in working days, worked out when read."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from .models import LightRules
from .workdays import is_workday

if TYPE_CHECKING:
    from .evaluation import MeasureStatus


class Light(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


LIGHT_ORDER = (Light.RED, Light.YELLOW, Light.GREEN)  # the most urgent first


def workdays_left(today: date, deadline: date, stop: int | None = None) -> int:
    """Working days after `today` up to and including `deadline` (0 when it is today or past);
    counting ends once it passes `stop` (a far deadline is green however far it is)."""
    count = 0
    day = today + timedelta(days=1)
    while day <= deadline and (stop is None or count <= stop):
        count += is_workday(day)
        day += timedelta(days=1)
    return count


def light_of(deadline: date, today: date, rules: LightRules = LightRules()) -> Light:
    """Red once the deadline has passed; yellow when it is at most `yellow_workdays` working
    days away (a deadline today is yellow); green before that."""
    if today > deadline:
        return Light.RED
    if workdays_left(today, deadline, rules.yellow_workdays) <= rules.yellow_workdays:
        return Light.YELLOW
    return Light.GREEN


def add_workdays(start: date, count: int) -> date:
    """The `count`-th working day after `start` (`start` itself when count is 0)."""
    day = start
    while count > 0:
        day += timedelta(days=1)
        count -= is_workday(day)
    return day


def measure_lights(measures: Iterable[MeasureStatus], as_of: date, rules: LightRules) -> dict[str, Light]:
    """The light of each measure with an open slot: red when overdue, else from the current
    slot's deadline (its last day). Measures with nothing open have none."""
    out: dict[str, Light] = {}
    for ms in measures:
        if ms.state == "overdue":
            out[ms.measure.id] = Light.RED
        elif ms.state == "due" and ms.next_due is not None:
            out[ms.measure.id] = light_of(ms.next_due, as_of, rules)
    return out
