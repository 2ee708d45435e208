"""Dates and periods the way a Chinese office writes them: 2021年1月29日, 2021年第3周（1月18日—1月24日）.

Every human-readable report format uses these; machine formats (JSON, slot keys in records)
stay ISO 8601.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

DASH = "—"  # the range dash of Chinese documents (一字线)
QUARTERS = ("一", "二", "三", "四")

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_SINGLE = {"once": "一次性", "window": "时段内"}


def cn_date(day: date) -> str:
    """2021年1月29日"""
    return f"{day.year}年{day.month}月{day.day}日"


def cn_month_day(day: date) -> str:
    """1月29日, for a date whose year is already said."""
    return f"{day.month}月{day.day}日"


def cn_datetime(moment: datetime) -> str:
    """2021年1月18日 09:12 (the time as recorded, in its own offset)."""
    return f"{cn_date(moment.date())} {moment:%H:%M}"


def cn_month(year: int, month: int) -> str:
    """2021年1月"""
    return f"{year}年{month}月"


def cn_span(first: date, last: date) -> str:
    """2021年1月15日—3月31日; the year is repeated only when it changes; one day is one date."""
    if first == last:
        return cn_date(first)
    tail = cn_month_day(last) if first.year == last.year else cn_date(last)
    return f"{cn_date(first)}{DASH}{tail}"


def cn_week(year: int, week: int) -> str:
    """2021年第3周（1月18日—1月24日）: the ISO week with its Monday and Sunday."""
    monday = date.fromisocalendar(year, week, 1)
    sunday = monday + timedelta(days=6)
    if monday.year == sunday.year == year:
        days = f"{cn_month_day(monday)}{DASH}{cn_month_day(sunday)}"
    else:  # a week across the new year: both dates in full
        days = f"{cn_date(monday)}{DASH}{cn_date(sunday)}"
    return f"{year}年第{week}周（{days}）"


def cn_quarter(year: int, quarter: int) -> str:
    """2021年第一季度"""
    return f"{year}年第{QUARTERS[quarter - 1]}季度"


def cn_slot(key: str) -> str:
    """A slot key (2021-01-18, 2021-W03, 2021-01, 2021-Q1, once, window) as an office writes it.

    Anything else (a key from a newer fangkong) is returned as it is.
    """
    if key in _SINGLE:
        return _SINGLE[key]
    try:
        if m := _DAY.match(key):
            return cn_date(date(int(m[1]), int(m[2]), int(m[3])))
        if m := _WEEK.match(key):
            return cn_week(int(m[1]), int(m[2]))
        if (m := _MONTH.match(key)) and 1 <= int(m[2]) <= 12:
            return cn_month(int(m[1]), int(m[2]))
        if m := _QUARTER.match(key):
            return cn_quarter(int(m[1]), int(m[2]))
    except ValueError:  # 2021-02-30, 2021-W60: not a real day or week
        return key
    return key


def cn_run(first: str, last: str) -> str:
    """Adjacent slots from `first` to `last`: 2021年1月4日—1月8日, 2021年第1周—第3周, 2021年1月—3月."""
    a, b = _DAY.match(first), _DAY.match(last)
    if a and b:
        return cn_span(date.fromisoformat(first), date.fromisoformat(last))
    a, b = _WEEK.match(first), _WEEK.match(last)
    if a and b and a[1] == b[1]:
        return f"{a[1]}年第{int(a[2])}周{DASH}第{int(b[2])}周"
    a, b = _MONTH.match(first), _MONTH.match(last)
    if a and b and a[1] == b[1]:
        return f"{a[1]}年{int(a[2])}月{DASH}{int(b[2])}月"
    return f"{cn_slot(first)}{DASH}{cn_slot(last)}"


def cn_period(first: date, last: date, label: str) -> str:
    """A report's period: 2021年1月, 2021年第3周（1月18日—1月24日）, or 2021年1月15日—3月31日."""
    if (m := _MONTH.match(label)) and first.day == 1 and (first.year, first.month) == (int(m[1]), int(m[2])):
        return cn_month(first.year, first.month)
    if _WEEK.match(label):
        year, week, _ = first.isocalendar()
        return cn_week(year, week)
    return cn_span(first, last)


def cn_bar(label: str, first: date, last: date) -> str:
    """A chart bar's label: 1月4日 for a day, 第3周 for a week, 2021年1月 for a month."""
    if (m := _WEEK.match(label)) or (m := re.match(r"^W(\d{2})$", label)):
        return f"第{int(m[m.lastindex or 1])}周"
    if first == last:
        return cn_month_day(first)
    if (m := _MONTH.match(label)) and 1 <= int(m[2]) <= 12:
        return cn_month(int(m[1]), int(m[2]))
    return cn_span(first, last)
