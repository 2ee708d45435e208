"""JSON: the machine-readable report (the input of `fangkong aggregate`) and the roll-up."""

from __future__ import annotations

from typing import Any

from pydantic_core import to_json

from .. import __version__
from ..aggregate import Rollup
from ..messages import Lang
from ..models import Evidence
from ..report import REPORT_KIND, ROLLUP_KIND, SCHEMA_VERSION, MeasureLine, Period, Report, SlotLine


def _sorted(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _sorted(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [_sorted(v) for v in value]
    return value


def dumps(data: Any) -> bytes:
    """Stable text: sorted keys, two-space indent, UTF-8 unescaped, one final newline.

    The same bytes as json.dumps(sort_keys=True, indent=2, ensure_ascii=False), written by
    pydantic-core's encoder, which is many times faster on a province-wide roll-up.
    """
    out = to_json(_sorted(data), indent=2) + b"\n"
    # U+FFFE and U+FFFF are valid JSON but not valid XML: escaped, so the same bytes can be
    # embedded in xlsx and docx reports.
    if b"\xef\xbf\xbe" in out or b"\xef\xbf\xbf" in out:
        out = out.replace(b"\xef\xbf\xbe", b"\\ufffe").replace(b"\xef\xbf\xbf", b"\\uffff")
    return out


def period_dict(period: Period) -> dict[str, str]:
    return {"from": period.first.isoformat(), "to": period.last.isoformat(), "label": period.label}


def _evidence(e: Evidence) -> dict[str, str]:
    out = {"kind": e.kind, "value": e.value}
    if e.sha256:
        out["sha256"] = e.sha256
    return out


def slot_dict(s: SlotLine) -> dict[str, Any]:
    out: dict[str, Any] = {
        "key": s.key,
        "start": s.start.isoformat(),
        "end": s.end.isoformat(),
        "state": s.state,
        "late": s.late,
    }
    if s.at is not None:
        out["recorded_at"] = s.at.isoformat()
        out["by"] = s.by
    if s.note:
        out["note"] = s.note
    if s.reason:
        out["reason"] = s.reason
    if s.tailored:
        out["tailored"] = True
    if s.corrected:
        out["corrected"] = True
    if s.evidence:
        out["evidence"] = [_evidence(e) for e in s.evidence]
    return out


def _measure(m: MeasureLine) -> dict[str, Any]:
    return {
        "id": m.id,
        "title": m.title,
        "frequency": m.frequency,
        "state": m.state,
        "detail": m.detail,
        "summary": m.figures.as_dict(),
        "overdue_slots": list(m.overdue_keys),
        "slots": [slot_dict(s) for s in m.slots],
        "events": [slot_dict(s) for s in m.events],
    }


def report_dict(report: Report) -> dict[str, Any]:
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "kind": REPORT_KIND,
        "generator": f"fangkong {__version__}",
        "checklist": report.checklist,
        "notice": None
        if report.notice_title is None
        else {
            "title": report.notice_title,
            "doc_number": report.doc_number,
            "issuer": report.issuer,
            "report_to": report.report_to,
        },
        "unit": {"id": report.unit_id, "name": report.unit_name},
        "period": period_dict(report.period),
        "as_of": report.as_of.isoformat(),
        "summary": report.figures.as_dict(),
        "sections": [
            {
                "id": s.id,
                "number": s.number,
                "title": s.title,
                "summary": s.figures.as_dict(),
                "measures": [_measure(m) for m in s.measures],
            }
            for s in report.sections
        ],
        "not_applicable": [
            {"measure": n.measure, "title": n.title, "reason": n.reason, "tailored": n.tailored, "slots": list(n.slots)}
            for n in report.not_applicable
        ],
        "signoff": {
            "preparer": report.signoff.preparer,
            "phone": report.signoff.phone,
            "reviewer": report.signoff.reviewer,
            "date": report.signoff.date,
        },
    }
    if report.generated_at is not None:
        data["generated_at"] = report.generated_at.isoformat()
    if report.calendar_fallback:
        data["calendar_fallback"] = list(report.calendar_fallback)
    data["findings"] = _findings(report)
    if report.submitted_at is not None:
        data["submitted_at"] = report.submitted_at.isoformat()
    if report.nil:
        data["nil"] = True
    if report.source is not None:  # proof of what the figures came from
        data["source"] = {
            "sha256": report.source.sha256,
            "files": report.source.files,
            "git_commit": report.source.git_commit,
            "chains": [head._asdict() for head in report.source.chains],
        }
    return data


def write_report(report: Report, lang: Lang) -> bytes:
    return dumps(report_dict(report))


def rollup_dict(rollup: Rollup) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": ROLLUP_KIND,
        "generator": f"fangkong {__version__}",
        "checklist": rollup.checklist,
        "period": period_dict(rollup.period),
        "sections": [{"id": s.id, "number": s.number, "title": s.title} for s in rollup.sections],
        "units": [
            {
                "id": u.unit_id,
                "name": u.unit_name,
                "as_of": u.as_of.isoformat(),
                "source": u.source,
                "summary": u.figures.as_dict(),
                "sections": {head.id: f.as_dict() for head, f in u.sections},
                "findings": dict(zip(("red", "yellow", "green"), u.lights, strict=True)),
            }
            for u in rollup.units
        ],
        "expected": None if rollup.expected is None else list(rollup.expected),
        "missing": list(rollup.missing),
        "not_expected": list(rollup.unexpected),
        "top_overdue": [
            {"section": m.section, "id": m.id, "title": m.title, "units": m.units, "overdue_slots": m.slots}
            for m in rollup.top
        ],
        "summary": {**rollup.figures.as_dict(), "units": len(rollup.units)},
        "skipped": [{"source": r.source, "reason": r.reason} for r in rollup.rejected],
        "duplicates": [
            {"unit": d.unit_id, "kept": d.kept, "as_of": d.kept_as_of.isoformat(), "dropped": list(d.dropped)}
            for d in rollup.duplicates
        ],
    }


def write_rollup(rollup: Rollup, lang: Lang) -> bytes:
    from ..rollup_json import rollup_extra

    return dumps({**rollup_dict(rollup), **rollup_extra(rollup)})


def _findings(report: Report) -> list[dict[str, Any]]:
    """The 整改台账 as `findings[]` (shape in ledger.py; aggregate counts their lights)."""
    from .rectification import finding_dict

    return [finding_dict(line) for line in report.findings]
