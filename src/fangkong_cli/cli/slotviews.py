"""Small views: one measure slot by slot (`status ID...`), one day across the workspace
(`today`). Plain aligned text that fits the width, for terminals and pipes alike."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from zoneinfo import ZoneInfo

from ..evaluation import MeasureStatus, SlotState
from ..messages import Lang, t
from .labels import frequency_label
from .plain import fold, grid


def _flags(lang: Lang, s: SlotState) -> str:
    flags = []
    if s.late:
        flags.append(t(lang, "flag.late"))
    if s.corrected:
        flags.append(t(lang, "flag.correction"))
    if s.tailored:
        flags.append(s.tailored)
    return "、".join(flags)


def _answer_cells(lang: Lang, s: SlotState, tz: ZoneInfo) -> list[str]:
    r = s.record
    return [
        t(lang, f"state.{s.state}"),
        r.by if r else "",
        r.at.astimezone(tz).strftime("%Y-%m-%d %H:%M") if r else "",
        _flags(lang, s),
    ]


ANSWER_COLUMNS = ("col.state", "col.by", "col.at", "col.flags")


def measure_slots(lang: Lang, measures: Sequence[MeasureStatus], tz: ZoneInfo, width: int) -> str:
    out: list[str] = []
    headers = [t(lang, k) for k in ("col.slot", *ANSWER_COLUMNS)]
    for ms in measures:
        m = ms.measure
        out += fold(t(lang, "status_slots_head", id=m.id, title=m.title, frequency=frequency_label(lang, m)), width)
        rows = [[s.slot.key, *_answer_cells(lang, s, tz)] for s in ms.slots]
        out += grid(headers, rows, (), width, wide=4) if rows else [t(lang, "today_none")]
        out.append("")
    return "\n".join(out)


def day_table(lang: Lang, measures: Sequence[MeasureStatus], day: date, tz: ZoneInfo, width: int) -> str:
    headers = [t(lang, k) for k in ("col.id", "col.measure", "col.slot", *ANSWER_COLUMNS)]
    rows = []
    for ms in measures:
        for s in ms.slots:
            if s.slot.contains(day):
                rows.append([ms.measure.id, ms.measure.title, s.slot.key, *_answer_cells(lang, s, tz)])
    out = fold(t(lang, "today_head", date=day.isoformat()), width)
    out += grid(headers, rows, (), width, wide=1) if rows else [t(lang, "today_none")]
    return "\n".join(out) + "\n"


def measures_json(as_of: date, chosen: Sequence[MeasureStatus]) -> str:
    """`status ID... --format json`: each measure's slots with their answers."""
    import json

    data = [
        {
            "id": ms.measure.id,
            "state": ms.state,
            "slots": [
                {"key": s.slot.key, "state": s.state, "late": s.late, "corrected": s.corrected}
                | ({"by": s.record.by, "recorded_at": s.record.at.isoformat()} if s.record else {})
                for s in ms.slots
            ],
        }
        for ms in chosen
    ]
    return json.dumps({"date": as_of.isoformat(), "measures": data}, ensure_ascii=False, indent=2) + "\n"


def measures_tsv(chosen: Sequence[MeasureStatus]) -> str:
    lines = ["id\tslot\tstate\tlate\tcorrected"]
    lines += [f"{ms.measure.id}\t{s.slot.key}\t{s.state}\t{s.late}\t{s.corrected}" for ms in chosen for s in ms.slots]
    return "\n".join(lines) + "\n"
