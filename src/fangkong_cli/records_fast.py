"""A fast reading of the month files fangkong writes, without tomllib or pydantic.

The first `status` after a clone has no derived cache: every month file is parsed and every
record validated. Files as fangkong writes them use a small part of TOML (`format = 1`,
`[[record]]` and `[[record.evidence]]` tables, one `key = "text"` or `at = date-time` per
line), so they are read here line by line and checked with the same rules as
`schemas.RecordModel`. This reading only ever says "these records" or "not sure": anything
else (a comment, an odd escape, a wrong value, a line out of place) gives None, and the file
goes through tomllib and pydantic, which report the problem with its file and line. So what
is refused, and how, stays theirs; this module only makes the common case fast.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from .limits import CONTROL, ID_PATTERN, MAX_YEAR, MIN_YEAR
from .models import Evidence, Record, Status

_ID = re.compile(ID_PATTERN)
_SLOT = re.compile(r"^[0-9A-Za-z-]+$")
_SHA = re.compile(r"^[0-9a-f]{64}$")

_STRING = r'"((?:[^"\\\x00-\x08\x0a-\x1f\x7f]|\\(?:[\\"btnfr]|u[0-9A-Fa-f]{4}))*)"'
_TIME = r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))"
_LINE = re.compile(rf"([a-z0-9_]+) = (?:{_STRING}|{_TIME}|(\d))")
_KEY = re.compile(r"[a-z0-9_]+")
_PLAIN = re.compile(r'["\\\x00-\x08\x0a-\x1f\x7f]')  # what a string needs _LINE for (or cannot hold)
_TIME_ONLY = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{6})?[+-]\d{2}:\d{2}")
_ESCAPE = re.compile(r"\\(?:([\\\"btnfr])|u([0-9A-Fa-f]{4}))")
_SIMPLE = {"\\": "\\", '"': '"', "b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r"}
_RECORD_KEYS = frozenset({"measure", "slot", "status", "by", "at", "note", "reason", "hash"})
_EVIDENCE_KEYS = frozenset({"kind", "value", "sha256"})
_STATUSES = {s.value: s for s in Status}


class _Unsure(Exception):
    """Not certainly valid: leave the file to tomllib and pydantic."""


def _unescape(match: re.Match[str]) -> str:
    if match.group(1) is not None:
        return _SIMPLE[match.group(1)]
    code = int(match.group(2), 16)
    if 0xD800 <= code <= 0xDFFF:  # not a scalar value: tomllib refuses it
        raise _Unsure
    return chr(code)


def _value(match: re.Match[str]) -> Any:
    g = match.groups()
    if g[1] is not None:
        return _ESCAPE.sub(_unescape, g[1]) if "\\" in g[1] else g[1]
    if g[2] is not None:
        micro = int(g[8].ljust(6, "0")) if g[8] else 0
        if g[9] is not None:
            tz = UTC
        else:
            sign = 1 if g[10] == "+" else -1
            tz = timezone(timedelta(hours=sign * int(g[11]), minutes=sign * int(g[12])))
        y, mo, d, h, mi, s = (int(x) for x in g[2:8])
        return datetime(y, mo, d, h, mi, s, micro, tzinfo=tz)
    return int(g[13])


def _scalar(key: str, rest: str, line: str) -> Any:
    """The value after `key = `: the common cases directly, the rest through _LINE."""
    if len(rest) > 1 and rest[0] == '"' and rest[-1] == '"' and _PLAIN.search(rest, 1, len(rest) - 1) is None:
        return rest[1:-1]
    if key == "at" and _TIME_ONLY.fullmatch(rest):
        return datetime.fromisoformat(rest)
    match = _LINE.fullmatch(line)
    if match is None or match.group(1) != key:
        raise _Unsure
    return _value(match)


def _tables(text: str) -> list[dict[str, Any]]:
    """The [[record]] tables of `text` (its one top-level key is `format = 1`)."""
    root: dict[str, Any] = {}
    records: list[dict[str, Any]] = []
    current = root
    for line in text.split("\n"):
        if not line:
            continue
        if line == "[[record]]":
            current = {}
            records.append(current)
        elif line == "[[record.evidence]]":
            if not records or not isinstance(records[-1].setdefault("evidence", []), list):
                raise _Unsure
            current = {}
            records[-1]["evidence"].append(current)
        else:
            key, _, rest = line.partition(" = ")
            if key in current or not _KEY.fullmatch(key):
                raise _Unsure
            current[key] = _scalar(key, rest, line)
    if root != {"format": 1}:
        raise _Unsure
    return records


def _text(value: Any, low: int, high: int) -> str:
    if type(value) is not str or not low <= len(value) <= high or CONTROL.search(value):
        raise _Unsure
    return value


def _pattern(value: Any, pattern: re.Pattern[str], high: int) -> str:
    if type(value) is not str or not 1 <= len(value) <= high or "\n" in value or not pattern.match(value):
        raise _Unsure
    return value


def _evidence(table: Any) -> Evidence:
    if (
        type(table) is not dict
        or not table.keys() <= _EVIDENCE_KEYS
        or table.get("kind") not in ("note", "url", "file")
    ):
        raise _Unsure
    sha = table.get("sha256")
    if sha is not None:
        _pattern(sha, _SHA, 64)
    return Evidence(table["kind"], _text(table.get("value"), 0, 4000), sha)


def _record(table: dict[str, Any]) -> Record:
    evidence = table.pop("evidence", [])
    if not table.keys() <= _RECORD_KEYS or type(evidence) is not list:
        raise _Unsure
    at, status = table.get("at"), _STATUSES.get(table.get("status"))  # type: ignore[arg-type]
    if type(at) is not datetime or at.tzinfo is None or not MIN_YEAR <= at.year <= MAX_YEAR or status is None:
        raise _Unsure
    reason = _text(table.get("reason", ""), 0, 4000)
    if status is Status.NA and not reason.strip():
        raise _Unsure
    digest = table.get("hash")
    return Record(
        measure=_pattern(table.get("measure"), _ID, 32),
        slot=_pattern(table.get("slot"), _SLOT, 32),
        status=status,
        by=_text(table.get("by"), 1, 64),
        at=at,
        note=_text(table.get("note", ""), 0, 4000),
        reason=reason,
        evidence=tuple(_evidence(e) for e in evidence),
        hash="" if digest is None else _pattern(digest, _SHA, 64),
    )


def fast_records(text: str) -> list[Record] | None:
    """The records of a month file when it is certainly valid as fangkong writes it, else None."""
    try:
        return [_record(t) for t in _tables(text)]
    except (_Unsure, ValueError, OverflowError):
        return None
