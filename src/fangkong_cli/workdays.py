"""China's statutory working days (holidays and 调休 make-up days), with a weekend fallback."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache


@lru_cache(maxsize=64)
def _year_table(year: int) -> tuple[frozenset[int], bool]:
    """Ordinals of the working days of `year`, and whether the statutory calendar covers it."""
    import chinese_calendar

    day = date(year, 1, 1)
    days = []
    covered = True
    while day.year == year:
        try:
            work = bool(chinese_calendar.is_workday(day))
        except NotImplementedError:
            covered = False
            work = day.weekday() < 5
        if work:
            days.append(day.toordinal())
        day += timedelta(days=1)
    return frozenset(days), covered


def is_workday(day: date) -> bool:
    return day.toordinal() in _year_table(day.year)[0]


def calendar_covers(year: int) -> bool:
    """False when the statutory calendar has no data for `year` (weekends-only is used then)."""
    return _year_table(year)[1]
