"""The roll-up's JSON beyond its tables: the tree, each node, each unit's report per period.

Everything another roll-up needs to roll this one up again with the same totals (read back
by rollup_io.py); merged into the JSON writer's dict.
"""

from __future__ import annotations

from typing import Any

from .aggregate import Rollup
from .rollup_io import ROLLUP_SCHEMA_VERSION
from .tree import Tree
from .unit_reports import UnitReport


def _rate(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def completeness_dict(c: Any) -> dict[str, Any]:
    return {
        "expected": c.expected if c.known else None,
        "reported": c.reported,
        "on_time": c.on_time,
        "late": c.late,
        "missing": c.missing if c.known else None,
        "reporting_rate": _rate(c.reporting_rate),
        "on_time_rate": _rate(c.on_time_rate),
    }


def _top(top: Any) -> list[dict[str, Any]]:
    return [
        {"section": m.section, "id": m.id, "title": m.title, "units": m.units, "overdue_slots": m.slots} for m in top
    ]


def _entry_dict(s: Any) -> dict[str, Any]:
    r: UnitReport = s.report
    return {
        "unit": r.unit_id,
        "name": r.unit_name,
        "period": {"from": r.period.first.isoformat(), "to": r.period.last.isoformat(), "label": r.period.label},
        "as_of": r.as_of.isoformat(),
        "source": r.source,
        "submitted_at": r.submitted_at.isoformat() if r.submitted_at else None,
        "submitted_from": r.submitted_from,
        "state": s.state,
        "nil": r.nil,
        "reported": r.reported,
        "summary": r.figures.as_dict(),
        "sections": {head.id: f.as_dict() for head, f in r.sections},
        "overdue": {m.id: m.overdue for m in r.measures},
        "findings": dict(zip(("red", "yellow", "green"), r.lights, strict=True)),
    }


def _tree_dict(tree: Tree | None) -> dict[str, Any] | None:
    if tree is None:
        return None
    units = []
    for uid in tree.order:
        u = tree.units[uid]
        units.append(
            {
                "id": u.id,
                "name": u.name,
                "parent": u.parent,
                "reports": u.reports,
                "joined": u.joined.isoformat() if u.joined else None,
                "left": u.left.isoformat() if u.left else None,
            }
        )
    return {"flat": tree.flat, "units": units}


def rollup_extra(rollup: Rollup) -> dict[str, Any]:
    """What the roll-up's JSON carries beyond its tables (merged into the JSON writer's dict)."""
    measures = {m.id: {"section": m.section, "title": m.title} for r in rollup.entries for m in r.measures}
    return {
        "schema_version": ROLLUP_SCHEMA_VERSION,
        "notice": {"title": rollup.notice_title, "doc_number": rollup.doc_number, "issuer": rollup.issuer},
        "periods": [{"from": p.first.isoformat(), "to": p.last.isoformat(), "label": p.label} for p in rollup.periods],
        "timeliness": {"days_after_period": rollup.timely_days, "timezone": rollup.timezone},
        "completeness": completeness_dict(rollup.completeness),
        "late": list(rollup.late),
        "tree": _tree_dict(rollup.tree),
        "nodes": [
            {
                "id": n.id,
                "name": n.name,
                "parent": n.parent,
                "depth": n.depth,
                "completeness": completeness_dict(n.completeness),
                "summary": n.figures.as_dict(),
                "missing": list(n.missing),
                "late": list(n.late),
                "nil": list(n.nil),
                "top_overdue": _top(n.top),
            }
            for n in rollup.shown_nodes
        ],
        "reports": [_entry_dict(s) for s in rollup.standings if s.report is not None],
        "measures": measures,
        "placed_twice": [
            {
                "unit": g.unit,
                "kept_parent": g.kept_parent,
                "kept_from": g.kept_from,
                "other_parent": g.other_parent,
                "other_from": g.other_from,
            }
            for g in rollup.grafts
        ],
    }
