"""Parsing the dates and periods users type, with messages they can act on."""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, timedelta, tzinfo

from ..errors import UsageProblem
from ..limits import MAX_YEAR, MIN_YEAR


def _in_range(year: int, value: str) -> None:
    """Years 2000-2100 only (limits.py): a typo such as 9999 never reaches the calendars."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise UsageProblem("date_out_of_range", value=value, min=MIN_YEAR, max=MAX_YEAR)


_DAY = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{4})(\d{2})(\d{2})")
_RELATIVE = {"今天": 0, "today": 0, "昨天": 1, "yesterday": 1, "前天": 2}


def parse_date(value: str, today: date | None = None) -> date:
    """A day as people type it: 2021-01-08, 2021-1-8, 2021/1/8, 20210108, 2021年1月8日,
    今天, 昨天 (relative to `today`, the workspace's day; full-width digits accepted)."""
    import unicodedata

    text = unicodedata.normalize("NFKC", value).strip().lower()
    if text in _RELATIVE:
        base = today if today is not None else now().astimezone(_default_zone()).date()
        return _in_range_day(base - timedelta(days=_RELATIVE[text]), value)
    match = _DAY.fullmatch(text)
    if match:
        year, month, day = (int(g) for g in match.groups() if g is not None)
        try:
            found = date(year, month, day)
        except ValueError:
            pass
        else:
            return _in_range_day(found, value)
    raise UsageProblem("bad_date", value=value)


def _in_range_day(day: date, value: str) -> date:
    _in_range(day.year, value)
    return day


def day(value: str | None, today: date) -> date:
    """--date as given, else `today` (the workspace's day)."""
    return today if value is None else parse_date(value, today)


def _default_zone() -> tzinfo:
    from zoneinfo import ZoneInfo

    from ..models import DEFAULT_TIMEZONE

    return ZoneInfo(DEFAULT_TIMEZONE)


def now() -> datetime:
    """The current time; FANGKONG_NOW (ISO time with offset) fixes it for demos and tests."""
    fixed = os.environ.get("FANGKONG_NOW")
    if fixed:
        try:
            value = datetime.fromisoformat(fixed.strip())
        except ValueError:
            raise UsageProblem("bad_now", value=fixed) from None
        if value.tzinfo is None:
            raise UsageProblem("bad_now", value=fixed)
        _in_range(value.year, fixed)  # before any time zone arithmetic: year 1 or 9999 overflows
        return value
    return datetime.now(UTC)


def month_range(value: str) -> tuple[date, date]:
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", value.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise UsageProblem("bad_month", value=value)
    year, month = int(match.group(1)), int(match.group(2))
    _in_range(year, value)
    first = date(year, month, 1)
    nxt = date(year + month // 12, month % 12 + 1, 1)
    return first, nxt - timedelta(days=1)


def week_range(value: str) -> tuple[date, date]:
    match = re.fullmatch(r"(\d{4})-?W(\d{1,2})", value.strip(), flags=re.IGNORECASE)
    if not match:
        raise UsageProblem("bad_week", value=value)
    _in_range(int(match.group(1)), value)
    try:
        monday = date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
    except ValueError:
        raise UsageProblem("bad_week", value=value) from None
    return monday, monday + timedelta(days=6)


def period(
    month: str | None, week: str | None, first: str | None, last: str | None, today: date
) -> tuple[date, date, str]:
    """The period a report covers and its label; the current month by default."""
    chosen = sum(x is not None for x in (month, week)) + (1 if (first or last) else 0)
    if chosen > 1:
        raise UsageProblem("period_conflict")
    if month is not None:
        lo, hi = month_range(month)
        return lo, hi, f"{lo.year:04d}-{lo.month:02d}"
    if week is not None:
        lo, hi = week_range(week)
        year, number, _ = lo.isocalendar()
        return lo, hi, f"{year}-W{number:02d}"
    if first or last:
        hi = parse_date(last, today) if last else today
        # --to alone: from the first of that month (not of this month, which may lie after it)
        lo = parse_date(first, today) if first else date(hi.year, hi.month, 1)
        if lo > hi:
            raise UsageProblem("period_order" if last else "period_from_future", value=first, today=today.isoformat())
        return lo, hi, f"{lo.isoformat()}_{hi.isoformat()}"
    lo, hi = month_range(f"{today.year}-{today.month:02d}")
    return lo, hi, f"{lo.year:04d}-{lo.month:02d}"
