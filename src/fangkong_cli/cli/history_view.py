"""`fangkong history` as a table: each record with its time, slot, result, officer, note and flags."""

from __future__ import annotations

from collections.abc import Sequence

from ..messages import Lang, t
from ..recording import HistoryEntry
from .labels import STATE_STYLE
from .screen import Column, Run, Table


def history_table(lang: Lang, entries: Sequence[HistoryEntry], tz_name: str) -> Table:
    """One row per record, the time as the unit's clock showed it; the note column takes the
    room left and folds."""
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(tz_name)
    keys = ("col.at", "col.id", "col.slot", "col.status", "col.by", "col.note", "col.flags")
    columns = [Column(t(lang, k), ratio=3, min_width=8) if k == "col.note" else Column(t(lang, k)) for k in keys]
    rows: list[list[Run]] = []
    for e in entries:
        r = e.record
        note = [p for p in (r.reason, r.note) if p]
        note += [f"{t(lang, 'evidence.' + ev.kind)}：{ev.value}" for ev in r.evidence]
        rows.append(
            [
                (r.at.astimezone(tz).strftime("%Y-%m-%d %H:%M"), ""),
                (r.measure, ""),
                (r.slot, ""),
                (t(lang, f"state.{r.status.value}"), STATE_STYLE.get(r.status.value, "")),
                (r.by, ""),
                ("；".join(note), ""),
                ("、".join(_flags(lang, e)), ""),
            ]
        )
    return Table("", columns, rows)


def _flags(lang: Lang, e: HistoryEntry) -> list[str]:
    flags = []
    if e.correction:
        flags.append(t(lang, "flag.correction"))
    if e.superseded:
        flags.append(t(lang, "flag.superseded"))
    if e.late:
        flags.append(t(lang, "flag.late"))
    flags += [t(lang, "flag.evidence_changed", path=p) for p in e.evidence_changed]
    if not e.known_measure:
        flags.append(t(lang, "flag.no_measure"))
    elif e.slot is None:
        flags.append(t(lang, "flag.orphan"))
    return flags
