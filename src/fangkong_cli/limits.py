"""The range of years fangkong works in: dates outside it are refused where they come in.

Slots, calendars and reports are built day by day; a typo such as 9999-12-31 or 0001-01-01
would otherwise mean millions of days (or a date arithmetic overflow). The campaigns this
tool serves start this century; 2000-2100 leaves room on both sides.
"""

from __future__ import annotations

from datetime import date

MIN_YEAR = 2000
MAX_YEAR = 2100


def year_in_range(day: date) -> bool:
    return MIN_YEAR <= day.year <= MAX_YEAR
