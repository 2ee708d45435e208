"""The public JSON shapes of `status`, `history` and `checklist show` (scripts depend on
them: keys are only ever added). Report and roll-up JSON are in json.py beside this file."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from ..checklist import Checklist, SectionEntry
from ..evaluation import OVERDUE, Evaluation, Figures
from ..models import Measure
from ..recording import HistoryEntry


def dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _sections(evaluation: Evaluation) -> list[dict[str, object]]:
    return [{"id": s.section.id, "title": s.section.title, "summary": s.figures.as_dict()} for s in evaluation.sections]


def _measures(evaluation: Evaluation) -> list[dict[str, object]]:
    return [
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
    ]


def evaluation_dict(evaluation: Evaluation, unit: dict[str, str], checklist: str) -> dict[str, object]:
    """The public JSON shape of `fangkong status --format json`: scripts depend on it."""
    return {
        "as_of": evaluation.as_of.isoformat(),
        "unit": unit,
        "checklist": checklist,
        "summary": evaluation.figures.as_dict(),
        "unmatched_records": evaluation.unmatched,
        "sections": _sections(evaluation),
        "measures": _measures(evaluation),
    }


class StatusPart(NamedTuple):
    """One campaign's evaluation in `status`: its id, its checklist's name, the light of each
    measure with a deadline."""

    campaign: str
    checklist: str
    evaluation: Evaluation
    lights: dict[str, str]


def status_dict(parts: Sequence[StatusPart], unit: dict[str, str], findings: dict[str, int]) -> dict[str, object]:
    """`status --format json` over one or several campaigns: the first campaign's shape, each
    section and measure naming its `checklist` (the campaign id), figures summed."""
    data = evaluation_dict(parts[0].evaluation, unit, parts[0].checklist)
    total = Figures()
    sections: list[object] = []
    measures: list[dict[str, object]] = []
    for part in parts:
        total.merge(part.evaluation.figures)
        sections += [{**s, "checklist": part.campaign} for s in _sections(part.evaluation)]
        measures += [
            {**m, "checklist": part.campaign, "light": part.lights.get(str(m["id"]))}
            for m in _measures(part.evaluation)
        ]
    data.update(
        summary=total.as_dict(),
        unmatched_records=sum(p.evaluation.unmatched for p in parts),
        sections=sections,
        measures=measures,
        campaigns=[{"id": p.campaign, "checklist": p.checklist, "from": p.evaluation.first.isoformat()} for p in parts],
        findings=findings,
    )
    return data


def history_json(entries: Sequence[tuple[str, HistoryEntry]]) -> str:
    """`history --format json`: every record with its campaign's id (`checklist`)."""
    return dumps(
        {
            "records": [
                {
                    **e.record.to_json_dict(),
                    "checklist": campaign,
                    "late": e.late,
                    "correction": e.correction,
                    "superseded": e.superseded,
                    "evidence_changed": list(e.evidence_changed),
                }
                for campaign, e in entries
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
