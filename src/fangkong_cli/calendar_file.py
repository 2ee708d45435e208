"""calendar.toml: a unit's copy of the State Council's holiday arrangement for years the
built-in tables do not cover yet, read and checked line by line.

```toml
[[year]]
year = 2027
holidays = [2027-01-01]   # weekdays that are days off
workdays = [2027-02-20]   # weekend days that are working days (调休)
```

Each year it lists replaces the built-in tables for that year (workdays.is_workday).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from . import cache
from .errors import FileProblems, Problem
from .models import Frequency, Measure
from .schedule import Campaign
from .workdays import WorkCalendar, calendar_covers, last_covered_day

CALENDAR_NAME = "calendar.toml"
MAX_CALENDAR_BYTES = 256 * 1024  # a century of arrangements is about 30 KB
WARN_DAYS = 30  # status warns this many days before the known calendar runs out


def load_calendar(root: Path) -> WorkCalendar | None:
    """The workspace's calendar.toml, validated; None when there is none.

    Raises FileProblems (file and line for each problem) when it cannot be used.
    """
    path = root / CALENDAR_NAME
    raw = _read_bounded(path)
    if raw is None:
        return None
    key = cache.content_key(raw)
    stored = cache.read(root, "calendar.bin", key)
    if stored is not None:
        try:
            return _from_plain(stored)
        except (TypeError, ValueError):
            pass
    from .fileio import decode_text

    text, problem = decode_text(raw, str(path))
    if problem is not None:
        raise FileProblems([problem])
    assert text is not None
    calendar = parse_calendar(text, str(path))
    cache.write(root, "calendar.bin", key, _to_plain(calendar))
    return calendar


def _read_bounded(path: Path) -> bytes | None:
    """The file's bytes, never more than the limit; refuses folders, pipes and devices."""
    name = str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise FileProblems([Problem(name, None, "file_unreadable", {"reason": exc.strerror or str(exc)})]) from exc
    if stat.S_ISDIR(st.st_mode):
        raise FileProblems([Problem(name, None, "file_is_directory")])
    if not stat.S_ISREG(st.st_mode):  # a FIFO would block the read forever
        raise FileProblems([Problem(name, None, "file_not_regular")])
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_CALENDAR_BYTES + 1)
    except OSError as exc:
        raise FileProblems([Problem(name, None, "file_unreadable", {"reason": exc.strerror or str(exc)})]) from exc
    if len(raw) > MAX_CALENDAR_BYTES:
        raise FileProblems([Problem(name, None, "file_too_large", {"limit": MAX_CALENDAR_BYTES // 1024})])
    return raw


def parse_calendar(text: str, name: str) -> WorkCalendar:
    """Check the text of a calendar.toml; raise FileProblems listing every problem."""
    from .fileio import load_toml

    raw = load_toml(text, name)
    from pydantic import ValidationError

    from .calendar_schema import CalendarFileModel

    try:
        model = CalendarFileModel.model_validate(raw)
    except ValidationError as exc:
        raise FileProblems([_type_problem(text, name, err) for err in exc.errors(include_url=False)]) from exc
    years = [(y.year, tuple(y.holidays), tuple(y.workdays)) for y in model.year]
    problems = list(_meaning_problems(text, name, years))
    if problems:
        raise FileProblems(problems)
    return WorkCalendar(
        years=frozenset(y for y, _, _ in years),
        holidays=frozenset(d for _, hs, _ in years for d in hs),
        workdays=frozenset(d for _, _, ws in years for d in ws),
    )


def _type_problem(text: str, name: str, err: Any) -> Problem:
    from .fileio import format_loc

    loc = tuple(err["loc"])
    index = loc[1] if len(loc) > 1 and isinstance(loc[1], int) else None
    key = str(loc[2]) if len(loc) > 2 else (str(loc[0]) if len(loc) == 1 else None)
    item = loc[3] if len(loc) > 3 and isinstance(loc[3], int) else None
    value = err.get("input") if item is not None else None
    line = _line(text, index, key, _toml_text(value)) or 1  # a missing table: the file's top
    params = {
        "where": format_loc(loc),
        "type": err["type"],
        "detail": err["msg"],
        "ctx": {k: str(v) for k, v in (err.get("ctx") or {}).items()},
    }
    return Problem(name, line, "invalid_value", params)


def _toml_text(value: Any) -> str | None:
    """How a bad list item probably looks in the file, to find its line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float | date):
        return str(value)
    return None


def _meaning_problems(
    text: str, name: str, years: list[tuple[int, tuple[date, ...], tuple[date, ...]]]
) -> Iterable[Problem]:
    """Dates that cannot be right: outside their year, a weekend off, a weekday worked, twice."""
    first_line: dict[int, int | None] = {}
    for index, (year, holidays, workdays) in enumerate(years):
        line = _line(text, index, "year")
        if year in first_line:
            yield Problem(name, line, "cal_duplicate_year", {"year": year, "first": first_line[year] or "?"})
        else:
            first_line[year] = line
        for key, days, weekday_expected in (("holidays", holidays, True), ("workdays", workdays, False)):
            seen: set[date] = set()
            for day in days:
                where = _line(text, index, key, day.isoformat())
                if day.year != year:
                    yield Problem(name, where, "cal_wrong_year", {"date": day.isoformat(), "year": year, "key": key})
                elif (day.weekday() < 5) != weekday_expected:
                    problem = "cal_holiday_weekend" if weekday_expected else "cal_workday_weekday"
                    yield Problem(name, where, problem, {"date": day.isoformat()})
                elif day in seen:
                    yield Problem(name, where, "cal_duplicate_date", {"date": day.isoformat(), "key": key})
                seen.add(day)


def _is_year_header(body: str) -> bool:
    return "".join(body.split()) == "[[year]]"


def _line(text: str, index: int | None, key: str | None, value: str | None = None) -> int | None:
    """The line of `key` (and of `value` in its list) in the `index`-th [[year]] table."""
    lines = text.splitlines()
    table = -1
    header = None
    key_line = None
    for number, line in enumerate(lines, start=1):
        body = line.split("#", 1)[0]
        if body.strip().startswith("["):
            if key_line is not None:
                break  # the next table: the value was not found below its key
            table += 1 if _is_year_header(body) else 0
            if table == index and header is None:
                header = number
            continue
        if index is not None and table != index:
            continue
        if key_line is None:
            if key is not None and re.match(rf"^\s*{re.escape(key)}\s*=", body):
                key_line = number
                if value is None or value in body.split("=", 1)[1]:
                    return number
            continue
        if re.match(r"^\s*[A-Za-z_]+\s*=", body):
            break  # the next key: the value was not found in this list
        if value is not None and value in body:
            return number
    if key_line is None and header is None and index is not None:
        return _line(text, None, "year")  # [[year]] written some other way: the key itself
    return key_line if key_line is not None else header


def running_out(campaign: Campaign, measures: Iterable[Measure], as_of: date) -> date | None:
    """The last day the calendars cover, when that is within WARN_DAYS of `as_of`, the campaign
    goes on past it and a measure follows working days; else None (a year already uncovered
    has its own warning, `calendar_fallback`)."""
    if not any(m.frequency is Frequency.WORKDAY for m in measures):
        return None
    if not calendar_covers(as_of.year, campaign.calendar):
        return None
    last = last_covered_day(campaign.calendar, after=as_of.year)
    if last - as_of > timedelta(days=WARN_DAYS):
        return None
    if campaign.end is not None and campaign.end <= last:
        return None
    return last


def _to_plain(calendar: WorkCalendar) -> list[list[str] | list[int]]:
    return [
        sorted(calendar.years),
        sorted(d.isoformat() for d in calendar.holidays),
        sorted(d.isoformat() for d in calendar.workdays),
    ]


def _from_plain(data: Any) -> WorkCalendar:
    years, holidays, workdays = data
    return WorkCalendar(
        frozenset(int(y) for y in years),
        frozenset(date.fromisoformat(d) for d in holidays),
        frozenset(date.fromisoformat(d) for d in workdays),
    )
