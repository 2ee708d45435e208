"""The findings' event log: append-only TOML files, one per writer and month, never rewritten.

Every change to a finding is one `[[event]]` table (finding id, action, who, when, the fields
it sets). State is never stored: it is worked out by replaying the events (findings.py).
Each event carries `hash`, chaining it to its writer's previous event as records are chained
(`event_hash`), so `fangkong verify` finds an event that was edited, removed or moved.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from .errors import DataProblem, FileProblems, Problem
from .fileio import load_toml
from .findings_fields import FIELD_ORDER
from .fsutil import atomic_write
from .models import Evidence, is_safe_unit_id

EVENTS_FORMAT = 1
MAX_EVENTS_BYTES = 8 * 1024 * 1024
MONTH_FILE = re.compile(r"^(\d{4})-(\d{2})\.toml$")


def make_fields(**values: Any) -> tuple[tuple[str, Any], ...]:
    """An event's fields in the order a parsed file gives them (None left out)."""
    out = [(k, values[k]) for k in FIELD_ORDER if values.get(k) is not None]
    if values.get("evidence"):
        out.append(("evidence", tuple(values["evidence"])))
    return tuple(out)


class FindingEvent(NamedTuple):
    """One change to one finding, as written: `fields` holds only what the action sets."""

    finding: str
    action: str  # open, update, submit, extend, reject, close
    by: str
    at: datetime
    fields: tuple[tuple[str, Any], ...] = ()
    hash: str = ""  # SHA-256 over the writer's previous event's hash and this event ("" before chains)

    def get(self, key: str, default: Any = None) -> Any:
        return dict(self.fields).get(key, default)


def findings_dir(root: Path) -> Path:
    return root / "findings"


def findings_file(root: Path, writer: str, at: datetime) -> Path:
    """The one place that decides where an event goes: findings/<writer>/<YYYY-MM>.toml."""
    if not is_safe_unit_id(writer):
        raise DataProblem("write_failed", path=writer, reason="unsafe writer id")
    return findings_dir(root) / writer / f"{at.year:04d}-{at.month:02d}.toml"


def event_files(root: Path) -> list[Path]:
    """Every writer's month files, in a stable order (writer, then month)."""
    folder = findings_dir(root)
    if not folder.exists() and not folder.is_symlink():
        return []
    if not folder.is_dir():
        raise FileProblems([Problem(str(folder), None, "findings_not_folder")])
    found = sorted(p for w in folder.iterdir() if w.is_dir() for p in w.iterdir() if MONTH_FILE.match(p.name))
    odd = [Problem(str(p), None, "records_not_file") for p in found if not p.is_file()]
    if odd:
        raise FileProblems(odd)
    return found


def _line_of_event(text: str, index: int) -> int | None:
    count = -1
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() == "[[event]]":
            count += 1
            if count == index:
                return number
    return None


def _problem(name: str, line: int | None, err: Any, where: str) -> Problem:
    ctx = {k: str(v) for k, v in (err.get("ctx") or {}).items()}
    return Problem(name, line, "invalid_value", {"where": where, "type": err["type"], "detail": err["msg"], "ctx": ctx})


def parse_events(text: str, name: str) -> list[FindingEvent]:
    """Parse one event file; raise FileProblems (file and line) when it is damaged."""
    raw = load_toml(text, name)
    version = raw.get("format")
    if isinstance(version, int) and not isinstance(version, bool) and version > EVENTS_FORMAT:
        raise FileProblems([Problem(name, 1, "records_newer", {"found": version, "known": EVENTS_FORMAT})])
    from pydantic import ValidationError

    from .findings_schema import EVENT_LIST, EventsFileModel

    try:
        shell = EventsFileModel.model_validate(raw)
        models = EVENT_LIST.validate_python(shell.event)
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            loc = err["loc"]
            if loc and isinstance(loc[0], int):
                where = f"event[{loc[0] + 1}]" + "".join(f".{k}" for k in loc[1:])
                problems.append(_problem(name, _line_of_event(text, loc[0]), err, where))
            else:
                problems.append(_problem(name, 1, err, ".".join(map(str, loc)) or "file"))
        raise FileProblems(problems) from exc
    return [FindingEvent(m.finding, m.action, m.by, m.at, tuple(m.fields().items()), m.hash or "") for m in models]


def read_events_file(path: Path) -> list[FindingEvent]:
    from .fileio import read_text as read_text_file

    text, problem = read_text_file(path, MAX_EVENTS_BYTES)
    if problem is not None:
        raise FileProblems([problem])
    assert text is not None
    return parse_events(text, str(path))


def _to_row(e: FindingEvent) -> tuple[Any, ...]:
    fields = tuple(
        (k, tuple(tuple(x) for x in v) if k == "evidence" else v.isoformat() if k == "deadline" else v)
        for k, v in e.fields
    )
    return (e.finding, e.action, e.by, e.at.isoformat(), fields, e.hash)


def _from_row(row: tuple[Any, ...]) -> FindingEvent:
    finding, action, by, at, fields, chain = row
    values = tuple(
        (k, tuple(Evidence(*x) for x in v) if k == "evidence" else date.fromisoformat(v) if k == "deadline" else v)
        for k, v in fields
    )
    return FindingEvent(finding, action, by, datetime.fromisoformat(at), values, chain)


def event_hash(previous: str, event: FindingEvent) -> str:
    """The hash that chains `event` to its writer's previous event: SHA-256 over the previous
    hash and the event's content (its row form as JSON, without the hash itself)."""
    import hashlib
    import json

    canonical = json.dumps(_to_row(event._replace(hash="")), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{previous}\n{canonical}".encode()).hexdigest()


def writer_files(root: Path) -> dict[str, list[Path]]:
    """Each writer's month files, oldest month first: the order its chain runs in."""
    out: dict[str, list[Path]] = {}
    for path in event_files(root):
        out.setdefault(path.parent.name, []).append(path)
    return out


def read_events(root: Path, path: Path) -> list[FindingEvent]:
    """One file's events, through the derived cache when it matches the file's bytes (so
    `status` need not load pydantic to count open findings)."""
    from . import cache

    try:
        raw = path.read_bytes() if path.stat().st_size <= MAX_EVENTS_BYTES else b""
    except OSError:
        raw = b""
    key = cache.content_key(raw)
    name = cache.entry_name("findings", path)
    rows = cache.read(root, name, key) if raw else None
    if rows is not None:
        try:
            return [_from_row(r) for r in rows]
        except (TypeError, ValueError):
            pass
    events = read_events_file(path)
    if raw:
        cache.write(root, name, key, [_to_row(e) for e in events])
    return events


def load_events(root: Path) -> list[FindingEvent]:
    """Every event of every writer, oldest first (file order kept for equal times)."""
    events: list[FindingEvent] = []
    problems: list[Problem] = []
    for path in event_files(root):
        try:
            events.extend(read_events(root, path))
        except FileProblems as exc:
            problems.extend(exc.problems)
    if problems:
        raise FileProblems(problems)
    return sorted(events, key=lambda e: e.at)


def _pairs(data: dict[str, Any]) -> str:
    import tomli_w

    return "".join(tomli_w.dumps({key: value}) for key, value in data.items())


def render_event(event: FindingEvent) -> str:
    fields = dict(event.fields)
    data: dict[str, Any] = {"finding": event.finding, "action": event.action, "by": event.by, "at": event.at}
    for key in FIELD_ORDER:
        value = fields.get(key)
        if value is not None:
            data[key] = value
    if event.hash:
        data["hash"] = event.hash
    text = "[[event]]\n" + _pairs(data)
    for item in fields.get("evidence", ()):
        assert isinstance(item, Evidence)
        text += "\n[[event.evidence]]\n" + _pairs(item.to_dict())
    return text


def append_events(root: Path, writer: str, events: Sequence[FindingEvent]) -> Path:
    """Add events to their writer's newest month file (a new month starts a new file), each
    chained to the one before. The caller holds the workspace lock.

    A file's earlier bytes are kept as they are; what is written must read back as exactly
    the old events plus the new ones, and a damaged file is reported, never rewritten. As with
    records, a clock set back never appends to an older month than the newest file's.
    """
    newest = findings_file(root, writer, max(e.at for e in events))
    own = writer_files(root).get(writer, [])
    target = own[-1] if own and own[-1].name >= newest.name else newest
    previous = read_events_file(own[-1]) if own else []
    old = previous if own and target == own[-1] else []
    last = previous[-1].hash if previous else ""
    batch = []
    for event in events:
        last = event_hash(last, event)
        batch.append(event._replace(hash=last))
    if target.exists():
        from .fileio import read_text as read_text_file

        text = read_text_file(target, MAX_EVENTS_BYTES)[0] or ""
        if text and not text.endswith("\n"):
            text += "\n"
    else:
        text = f"format = {EVENTS_FORMAT}\n"
    new_text = text + "".join("\n" + render_event(e) for e in batch)
    if parse_events(new_text, str(target)) != [*old, *batch]:
        raise DataProblem("write_failed", path=str(target), reason="round trip mismatch")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataProblem("write_failed", path=str(target.parent), reason=exc.strerror or str(exc)) from exc
    atomic_write(target, new_text.encode("utf-8"))
    return target
