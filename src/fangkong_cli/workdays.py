"""China's statutory working days (holidays and 调休 make-up days), with a weekend fallback."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache


@lru_cache(maxsize=128)  # every year fangkong accepts (2000-2100, limits.py): never rebuilt
def _year_table(year: int) -> tuple[frozenset[int], bool]:
    """Ordinals of the working days of `year`, and whether the statutory calendar covers it."""
    import chinese_calendar

    try:
        chinese_calendar.is_workday(date(year, 1, 1))  # its own word on whether it covers the year
        covered = True
    except NotImplementedError:
        covered = False
    # The package's tables of holidays and make-up days, read once; its is_workday() scans all
    # of its data on every call (25 ms a year).
    tables = getattr(chinese_calendar, "constants", None)
    holidays = getattr(tables, "holidays", None) if covered else {}
    make_up = getattr(tables, "workdays", None) if covered else {}
    days = []
    day = date(year, 1, 1)
    while day.year == year:
        if holidays is None or make_up is None:  # another layout of the package: ask it per day
            work = bool(chinese_calendar.is_workday(day))
        else:
            work = day in make_up or (day.weekday() < 5 and day not in holidays)
        if work:
            days.append(day.toordinal())
        day += timedelta(days=1)
    return frozenset(days), covered


def is_workday(day: date) -> bool:
    return day.toordinal() in _year_table(day.year)[0]


def calendar_covers(year: int) -> bool:
    """False when the statutory calendar has no data for `year` (weekends-only is used then)."""
    return _year_table(year)[1]
