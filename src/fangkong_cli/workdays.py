"""China's statutory working days (holidays and 调休 make-up days), with a weekend fallback."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import NamedTuple


class WorkCalendar(NamedTuple):
    """A unit's own arrangement for years the built-in tables do not know (calendar.toml):
    for each year it lists, the days off that fall on weekdays and the weekend working days."""

    years: frozenset[int] = frozenset()
    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()


@lru_cache(maxsize=128)  # every year fangkong accepts (2000-2100, limits.py): never asked twice
def _covered(year: int) -> bool:
    """Whether the statutory calendar (the chinesecalendar package) covers `year`."""
    import chinese_calendar

    try:
        chinese_calendar.is_workday(date(year, 1, 1))  # its own word on whether it covers the year
    except NotImplementedError:
        return False
    return True


@lru_cache(maxsize=128)
def _year_table(year: int) -> tuple[frozenset[int], bool]:
    """Ordinals of the working days of `year`, and whether the statutory calendar covers it."""
    import chinese_calendar

    covered = _covered(year)
    first = date(year, 1, 1)
    start, end = first.toordinal(), date(year + 1, 1, 1).toordinal()
    weekdays = {o for o in range(start, end) if (first.weekday() + o - start) % 7 < 5}
    if not covered:
        return frozenset(weekdays), False
    # The package's tables of holidays and make-up days, read once; its is_workday() scans all
    # of its data on every call (25 ms a year).
    tables = getattr(chinese_calendar, "constants", None)
    holidays, make_up = getattr(tables, "holidays", None), getattr(tables, "workdays", None)
    if holidays is None or make_up is None:  # another layout of the package: ask it per day
        days = (date.fromordinal(o) for o in range(start, end))
        return frozenset(d.toordinal() for d in days if chinese_calendar.is_workday(d)), True
    off = {d.toordinal() for d in holidays if d.year == year}
    on = {d.toordinal() for d in make_up if d.year == year}
    return frozenset((weekdays - off) | on), True


def is_workday(day: date, own: WorkCalendar | None = None) -> bool:
    """A working day under the unit's own calendar where it covers the year, else the built-in one."""
    if own is not None and day.year in own.years:
        return day in own.workdays or (day.weekday() < 5 and day not in own.holidays)
    return day.toordinal() in _year_table(day.year)[0]


def calendar_covers(year: int, own: WorkCalendar | None = None) -> bool:
    """False when neither calendar has data for `year` (weekends-only is used then)."""
    return (own is not None and year in own.years) or _covered(year)


def last_covered_day(own: WorkCalendar | None = None, after: int = 2000) -> date:
    """The last day of the last year, from `after` on, that a calendar covers without a gap."""
    year = after
    while calendar_covers(year + 1, own) and year < 2200:
        year += 1
    return date(year, 12, 31)
