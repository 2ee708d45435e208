"""Slots: the periods in which a measure must be answered, from its frequency and the campaign.

A measure is active over the campaign, narrowed by its own dates: absolute (`start`, `end`,
`due`) or counted from the campaign's first day (`from_day`, `to_day`; day 1 is the start).
Nothing is due outside that range, so no slot falls before a measure begins or after the
campaign ends, and a campaign started in any year gets the notice's one-off duties inside it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from .models import Frequency, Measure
from .workdays import WorkCalendar, is_workday

ONE_DAY = timedelta(days=1)
PERIODIC = (Frequency.WEEKLY, Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.YEARLY)


class Campaign(NamedTuple):
    start: date
    end: date | None = None
    calendar: WorkCalendar | None = None  # the unit's calendar.toml, before the built-in tables

    def contains(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def day(self, number: int) -> date:
        """The campaign's day `number` (day 1 is its first day)."""
        return self.start + timedelta(days=number - 1)


class Slot(NamedTuple):
    """One period to answer: `key` names it in records (a day, 2021-W05, 2021-01, 2021-Q1,
    2021, or `once`/`window` for a measure's single slot)."""

    key: str
    start: date
    end: date  # inclusive

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def week_key(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _period(freq: Frequency, day: date) -> Slot:
    """The slot of a periodic frequency that contains `day`."""
    if freq in (Frequency.DAILY, Frequency.WORKDAY, Frequency.AS_NEEDED):
        return Slot(day.isoformat(), day, day)
    if freq is Frequency.WEEKLY:
        monday = day - timedelta(days=day.weekday())
        return Slot(week_key(day), monday, monday + timedelta(days=6))
    if freq is Frequency.MONTHLY:
        first = day.replace(day=1)
        return Slot(f"{day.year}-{day.month:02d}", first, _next_month(first) - ONE_DAY)
    if freq is Frequency.QUARTERLY:
        first = _quarter_start(day)
        end = _next_month(_next_month(_next_month(first))) - ONE_DAY
        return Slot(f"{day.year}-Q{(day.month - 1) // 3 + 1}", first, end)
    if freq is Frequency.YEARLY:
        return Slot(str(day.year), date(day.year, 1, 1), date(day.year, 12, 31))
    raise ValueError(freq)  # pragma: no cover - callers handle once/window


def active_range(measure: Measure, campaign: Campaign) -> tuple[date, date | None]:
    """The days over which `measure` is due: the campaign narrowed by the measure's own dates."""
    first = campaign.start
    if measure.start is not None:
        first = max(first, measure.start)
    if measure.from_day is not None:
        first = max(first, campaign.day(measure.from_day))
    ends = [d for d in (campaign.end, measure.end, measure.due) if d is not None]
    if measure.to_day is not None:
        ends.append(campaign.day(measure.to_day))
    return first, min(ends) if ends else None


def _clip(slot: Slot, last: date | None) -> Slot:
    """Nothing is due after the measure's last day: a period running past it closes with it."""
    if last is not None and slot.end > last:
        return Slot(slot.key, slot.start, last)
    return slot


def _single(measure: Measure, campaign: Campaign) -> Slot | None:
    """The one slot of a `once` or `window` measure, if its range is not empty.

    A one-off duty without a date of its own is due by the campaign's end (never overdue in a
    campaign without an end); a window without an end is refused when the checklist is read.
    """
    first, last = active_range(measure, campaign)
    end = last if last is not None else date.max
    if end < first:
        return None
    key = "window" if measure.frequency is Frequency.WINDOW else "once"
    return Slot(key, first, end)


def _is_due_day(measure: Measure, campaign: Campaign, day: date) -> bool:
    return measure.frequency is not Frequency.WORKDAY or is_workday(day, campaign.calendar)


def slots_between(measure: Measure, campaign: Campaign, first: date, last: date) -> list[Slot]:
    """Every slot of `measure` that starts on or before `last` and ends on or after `first`."""
    freq = measure.frequency
    if freq is Frequency.AS_NEEDED:
        return []
    if freq in (Frequency.ONCE, Frequency.WINDOW):
        single = _single(measure, campaign)
        if single is None or single.start > last or single.end < first:
            return []
        return [single]
    begin, end = active_range(measure, campaign)
    lo = max(first, begin)
    hi = last if end is None else min(last, end)
    if lo > hi:
        return []
    if freq in (Frequency.DAILY, Frequency.WORKDAY):
        out = []
        for ordinal in range(lo.toordinal(), hi.toordinal() + 1):
            day = date.fromordinal(ordinal)
            if _is_due_day(measure, campaign, day):
                out.append(Slot(day.isoformat(), day, day))
        return out
    slots = []
    day = lo
    while day <= hi:
        slot = _period(freq, day)
        slots.append(_clip(slot, end))
        day = slot.end + ONE_DAY
    return slots


def slot_for_date(measure: Measure, campaign: Campaign, day: date) -> Slot | None:
    """The slot a record made for `day` fulfils, or None when no slot of the campaign holds it."""
    if measure.frequency in (Frequency.ONCE, Frequency.WINDOW):
        single = _single(measure, campaign)
        return single if single is not None and single.contains(day) else None
    begin, end = active_range(measure, campaign)
    if day < begin or (end is not None and day > end):
        return None
    if measure.frequency is Frequency.AS_NEEDED:
        return Slot(day.isoformat(), day, day)
    if not _is_due_day(measure, campaign, day):
        return None
    return _clip(_period(measure.frequency, day), end)


def next_slot(measure: Measure, campaign: Campaign, after: date) -> Slot | None:
    """The first slot starting after `after`, if the campaign has one."""
    if measure.frequency is Frequency.AS_NEEDED:
        return None
    if measure.frequency in (Frequency.ONCE, Frequency.WINDOW):
        single = _single(measure, campaign)
        return single if single is not None and single.start > after else None
    begin, end = active_range(measure, campaign)
    day = max(after + ONE_DAY, begin)
    for _ in range(400):  # at most a year ahead, or a long holiday for workdays
        if end is not None and day > end:
            return None
        slot = slot_for_date(measure, campaign, day)
        if slot is not None and slot.start > after:
            return slot
        day = slot.end + ONE_DAY if slot is not None else day + ONE_DAY
    return None


def parse_slot_key(measure: Measure, key: str) -> Slot | None:
    """Rebuild a periodic slot from its key (for records); None if the key does not fit."""
    try:
        freq = measure.frequency
        if freq in (Frequency.DAILY, Frequency.WORKDAY, Frequency.AS_NEEDED):
            day = date.fromisoformat(key)
            return Slot(key, day, day) if day.isoformat() == key else None
        if freq is Frequency.WEEKLY:
            year, week = key.split("-W")
            slot = _period(freq, date.fromisocalendar(int(year), int(week), 1))
        elif freq is Frequency.MONTHLY:
            year, month = key.split("-")
            slot = _period(freq, date(int(year), int(month), 1))
        elif freq is Frequency.QUARTERLY:
            year, quarter = key.split("-Q")
            slot = _period(freq, date(int(year), 3 * (int(quarter) - 1) + 1, 1))
        elif freq is Frequency.YEARLY:
            slot = _period(freq, date(int(key), 1, 1))
        else:
            return None
    except ValueError:
        return None
    return slot if slot.key == key else None


def slot_by_key(measure: Measure, campaign: Campaign, key: str) -> Slot | None:
    """The slot a record's key names, if the measure has that slot in the campaign (a weekend
    day of a working-day measure, or a day before the campaign, is no slot)."""
    if measure.frequency in (Frequency.ONCE, Frequency.WINDOW):
        single = _single(measure, campaign)
        return single if single is not None and single.key == key else None
    slot = parse_slot_key(measure, key)
    if slot is None:
        return None
    begin, end = active_range(measure, campaign)
    if slot.end < begin or (end is not None and slot.start > end):
        return None
    if measure.frequency in (Frequency.DAILY, Frequency.WORKDAY, Frequency.AS_NEEDED):
        return slot if _is_due_day(measure, campaign, slot.start) else None
    return _clip(slot, end)
