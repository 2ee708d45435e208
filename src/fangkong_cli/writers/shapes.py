"""The public JSON shapes of `status`, `history` and `checklist show` (scripts depend on
them: keys are only ever added). Report and roll-up JSON are in json.py beside this file."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

from ..checklist import Checklist, SectionEntry
from ..evaluation import OVERDUE, Evaluation
from ..models import Measure
from ..recording import HistoryEntry


def dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def evaluation_dict(evaluation: Evaluation, unit: dict[str, str], checklist: str) -> dict[str, object]:
    """The public JSON shape of `fangkong status --format json`: scripts depend on it."""
    return {
        "as_of": evaluation.as_of.isoformat(),
        "unit": unit,
        "checklist": checklist,
        "summary": evaluation.figures.as_dict(),
        "unmatched_records": evaluation.unmatched,
        "sections": [
            {"id": s.section.id, "title": s.section.title, "summary": s.figures.as_dict()}
            for s in evaluation.sections
        ],
        "measures": [
            {
                "id": m.measure.id,
                "section": m.section.id,
                "title": m.measure.title,
                "frequency": m.measure.frequency.value,
                "state": m.state,
                "detail": m.detail,
                "last_done": m.last_done,
                "next_due": _iso(m.next_due),
                "overdue": m.figures.overdue,
                "overdue_slots": [s.slot.key for s in m.slots if s.state == OVERDUE],
                "slots_due": m.figures.due,
                "answered": m.figures.answered,
                "late": m.figures.late,
            }
            for m in evaluation.measures
        ],
    }


def status_json(evaluation: Evaluation, unit: dict[str, str], checklist: str) -> str:
    return dumps(evaluation_dict(evaluation, unit, checklist))


def history_json(entries: Sequence[HistoryEntry]) -> str:
    return dumps(
        {
            "records": [
                {
                    **e.record.to_json_dict(),
                    "late": e.late,
                    "correction": e.correction,
                    "superseded": e.superseded,
                    "evidence_changed": list(e.evidence_changed),
                }
                for e in entries
            ]
        }
    )


def checklist_json(checklist: Checklist, sections: Sequence[SectionEntry]) -> str:
    """The public JSON shape of `checklist show --format json`: one object with `sections`."""
    notice = checklist.notice
    return dumps(
        {
            "checklist": checklist.name,
            "notice": notice.to_dict() if notice else None,
            "sections": [
                {
                    "id": entry.section.id,
                    "number": entry.section.number,
                    "title": entry.section.title,
                    "measures": [m.to_dict() for m in entry.measures],
                }
                for entry in sections
            ],
        }
    )


def measure_json(measure: Measure) -> str:
    return dumps(measure.to_dict())
