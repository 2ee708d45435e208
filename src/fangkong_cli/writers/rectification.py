"""The 整改台账 (rectification ledger) every report format shows: one builder of its rows and
of its JSON, so each writer adds it with one call."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..findings import FindingLine
from ..findings_store import FindingEvent
from ..messages import Lang, slot_text, t
from .tables import Table

COLUMNS = (
    "id",
    "measure",
    "slot",
    "found",
    "rectification",
    "responsible",
    "deadline",
    "state",
    "light",
    "opened",
    "closed",
)


def headers(lang: Lang) -> list[str]:
    return [t(lang, f"ledger.col.{c}") for c in COLUMNS]


def title(lang: Lang) -> str:
    return t(lang, "ledger.title")


def empty(lang: Lang) -> str:
    return t(lang, "ledger.empty")


def found_text(lang: Lang, line: FindingLine) -> str:
    f = line.finding
    if f.found:
        return f.found
    return t(lang, f"state.{f.shortfall}") if f.shortfall else ""


def state_text(lang: Lang, line: FindingLine) -> str:
    text = t(lang, f"finding.state.{line.finding.state.value}")
    if line.finding.extensions:
        text += t(lang, "ledger.extended", count=len(line.finding.extensions))
    return text


def light_text(lang: Lang, line: FindingLine) -> str:
    if line.light is None:
        return "—"
    text = t(lang, f"light.{line.light.value}")
    return text + t(lang, "ledger.overdue") if line.overdue else text


def row(lang: Lang, line: FindingLine) -> list[str]:
    f = line.finding
    closed = f"{f.closed_at.date().isoformat()} {f.closed_by}" if f.closed_at else ""
    return [
        f.id,
        f"{f.measure} {line.title}".strip(),
        slot_text(lang, f.slot) if f.slot else "",
        found_text(lang, line),
        f.rectification,
        f.responsible,
        f.deadline.isoformat(),
        state_text(lang, line),
        light_text(lang, line),
        f"{f.opened_at.date().isoformat()} {f.opened_by}",
        closed,
    ]


def rows(lang: Lang, lines: tuple[FindingLine, ...]) -> list[list[str]]:
    return [row(lang, line) for line in lines]


def counts(lines: tuple[FindingLine, ...]) -> dict[str, int]:
    """Opened, closed and overdue findings, and open ones by light."""
    out = {"total": len(lines), "closed": 0, "overdue": 0, "red": 0, "yellow": 0, "green": 0}
    for line in lines:
        out["closed"] += not line.finding.is_open
        out["overdue"] += line.overdue
        if line.light is not None:
            out[line.light.value] += 1
    return out


def summary(lang: Lang, lines: tuple[FindingLine, ...]) -> str:
    return t(lang, "ledger.summary", **counts(lines))


def finding_dict(line: FindingLine) -> dict[str, Any]:
    """One finding in JSON (report `findings[]`, `finding list/show --format json`)."""
    f = line.finding
    return {
        "id": f.id,
        "measure": f.measure,
        "title": line.title,
        "slot": f.slot,
        "shortfall": f.shortfall,
        "found": f.found,
        "rectification": f.rectification,
        "responsible": f.responsible,
        "deadline": f.deadline.isoformat(),
        "state": f.state.value,
        "light": line.light.value if line.light is not None else None,
        "overdue": line.overdue,
        "opened_by": f.opened_by,
        "opened_at": f.opened_at.isoformat(),
        "closed_by": f.closed_by or None,
        "closed_at": f.closed_at.isoformat() if f.closed_at else None,
        "evidence": [e.to_dict() for e in f.evidence],
        "extensions": [{"deadline": d.isoformat(), "reason": r} for d, r in f.extensions],
        "history": [event_dict(e) for e in f.history],
    }


def event_dict(event: FindingEvent) -> dict[str, Any]:
    out: dict[str, Any] = {"action": event.action, "by": event.by, "at": event.at.isoformat()}
    for key, value in event.fields:
        if key == "evidence":
            out[key] = [e.to_dict() for e in value]
        elif isinstance(value, date):
            out[key] = value.isoformat()
        else:
            out[key] = value
    return out


def table(lang: Lang, lines: tuple[FindingLine, ...]) -> Table | None:
    """The ledger as a writers' table (None when the period has no finding)."""
    if not lines:
        return None
    keep = frozenset(
        i for i, c in enumerate(COLUMNS) if c in ("id", "slot", "deadline", "state", "light", "opened", "closed")
    )
    return Table(tuple(headers(lang)), tuple(tuple(r) for r in rows(lang, lines)), keep=keep)
