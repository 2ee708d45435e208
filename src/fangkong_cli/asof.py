"""Judging as of a day: which records count (those made by the end of the day) and when each
slot was first answered (lateness is judged by that time, so correcting an on-time answer is
not late). Kept apart from status.py, which applies these rules slot by slot."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta, tzinfo

from .models import Record, Status


def first_answers(records: Iterable[Record]) -> dict[tuple[str, str], datetime]:
    """When each (measure, slot) was first answered, counting from its last withdrawal: the
    time its lateness is judged by (a later correction of an on-time answer is not late)."""
    records = list(records)
    first: dict[tuple[str, str], datetime] = {}
    if not any(r.status is Status.WITHDRAWN for r in records):  # the usual case: one pass, no sort
        for record in records:
            key = (record.measure, record.slot)
            held = first.get(key)
            if held is None or record.at < held:
                first[key] = record.at
        return first
    for record in sorted(records, key=lambda r: r.at):
        key = (record.measure, record.slot)
        if record.status is Status.WITHDRAWN:
            first.pop(key, None)
        elif key not in first:
            first[key] = record.at
    return first


def end_of_day(day: date, tz: tzinfo) -> datetime:
    """The first moment after `day` in the workspace's time zone."""
    return datetime.combine(day + timedelta(days=1), time(), tzinfo=tz)


def made_by(records: Sequence[Record], as_of: date, tz: tzinfo) -> tuple[Sequence[Record], int]:
    """The records made by the end of `as_of` (judged as of that day only they count), and
    how many were left out."""
    limit = end_of_day(as_of, tz)
    if all(r.at < limit for r in records):  # the usual case: no copy
        return records, 0
    kept = [r for r in records if r.at < limit]
    return kept, len(records) - len(kept)
