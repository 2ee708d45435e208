"""Slots: the periods in which a measure must be answered, from its frequency and the campaign."""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from .models import Frequency, Measure
from .workdays import is_workday

ONE_DAY = timedelta(days=1)


class Campaign(NamedTuple):
    start: date
    end: date | None = None

    def contains(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


class Slot(NamedTuple):
    """One period to answer: `key` names it in records (a day, 2021-W05, 2021-01, 2021-Q1, …)."""

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
    raise ValueError(freq)  # pragma: no cover - callers handle once/window


def _clip(slot: Slot, campaign: Campaign) -> Slot:
    """Nothing is due after the campaign ends: a period running past its end closes with it."""
    if campaign.end is not None and slot.end > campaign.end:
        return Slot(slot.key, slot.start, campaign.end)
    return slot


def _single(measure: Measure, campaign: Campaign) -> Slot | None:
    """The one slot of a `once` or `window` measure, if it touches the campaign."""
    if measure.frequency is Frequency.WINDOW:
        assert measure.start is not None and measure.end is not None
        slot = Slot("window", measure.start, measure.end)
    else:
        end = measure.due or campaign.end or date.max
        slot = Slot("once", min(campaign.start, end), end)
    if slot.end < campaign.start or (campaign.end is not None and slot.start > campaign.end):
        return None
    return _clip(slot, campaign)


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
    lo = max(first, campaign.start)
    hi = last if campaign.end is None else min(last, campaign.end)
    if lo > hi:
        return []
    if freq in (Frequency.DAILY, Frequency.WORKDAY):
        out = []
        for ordinal in range(lo.toordinal(), hi.toordinal() + 1):
            day = date.fromordinal(ordinal)
            if freq is Frequency.DAILY or is_workday(day):
                key = day.isoformat()
                out.append(Slot(key, day, day))
        return out
    slots = []
    day = lo
    while day <= hi:
        slot = _period(freq, day)
        slots.append(_clip(slot, campaign))
        day = slot.end + ONE_DAY
    return slots


def slot_for_date(measure: Measure, campaign: Campaign, day: date) -> Slot | None:
    """The slot a record made for `day` fulfils, or None when no slot of the campaign holds it."""
    if measure.frequency is Frequency.AS_NEEDED:
        return Slot(day.isoformat(), day, day) if campaign.contains(day) else None
    if measure.frequency in (Frequency.ONCE, Frequency.WINDOW):
        single = _single(measure, campaign)
        return single if single is not None and single.contains(day) else None
    if not campaign.contains(day):
        return None
    if measure.frequency is Frequency.WORKDAY and not is_workday(day):
        return None
    return _clip(_period(measure.frequency, day), campaign)


def next_slot(measure: Measure, campaign: Campaign, after: date) -> Slot | None:
    """The first slot starting after `after`, if the campaign has one."""
    if measure.frequency is Frequency.AS_NEEDED:
        return None
    if measure.frequency in (Frequency.ONCE, Frequency.WINDOW):
        single = _single(measure, campaign)
        return single if single is not None and single.start > after else None
    day = max(after + ONE_DAY, campaign.start)
    for _ in range(400):  # at most a quarter ahead, or a long holiday for workdays
        if campaign.end is not None and day > campaign.end:
            return None
        slot = slot_for_date(measure, campaign, day)
        if slot is not None and slot.start > after:
            return slot
        day = slot.end + ONE_DAY if slot is not None else day + ONE_DAY
    return None


def parse_slot_key(measure: Measure, key: str) -> Slot | None:
    """Rebuild a slot from its key (for records); None if the key does not fit the frequency."""
    try:
        freq = measure.frequency
        if freq in (Frequency.DAILY, Frequency.WORKDAY, Frequency.AS_NEEDED):
            day = date.fromisoformat(key)
            return Slot(key, day, day) if day.isoformat() == key else None
        if freq is Frequency.WEEKLY:
            year, week = key.split("-W")
            monday = date.fromisocalendar(int(year), int(week), 1)
            slot = _period(freq, monday)
        elif freq is Frequency.MONTHLY:
            year, month = key.split("-")
            slot = _period(freq, date(int(year), int(month), 1))
        elif freq is Frequency.QUARTERLY:
            year, quarter = key.split("-Q")
            slot = _period(freq, date(int(year), 3 * (int(quarter) - 1) + 1, 1))
        else:
            return None
    except ValueError:
        return None
    return slot if slot.key == key else None


def slot_by_key(measure: Measure, campaign: Campaign, key: str) -> Slot | None:
    """The slot a record's key names, once/window included."""
    if measure.frequency in (Frequency.ONCE, Frequency.WINDOW):
        single = _single(measure, campaign)
        return single if single is not None and single.key == key else None
    slot = parse_slot_key(measure, key)
    return _clip(slot, campaign) if slot is not None else None
