"""Labels and small phrases every writer shares, so all formats say the same thing the same way."""

from __future__ import annotations

from collections.abc import Sequence

from ..aggregate import Rollup
from ..evaluation import Figures
from ..messages import Lang, slot_text, t
from ..models import Evidence
from ..report import MeasureLine, Period, Report, Run, SectionPart

FIGURE_KEYS = ("due", "answered", "coverage", "done", "partial", "not_done", "na", "overdue", "late")


def colon(lang: Lang) -> str:
    return "：" if lang == "zh" else ": "


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def state(lang: Lang, value: str) -> str:
    return t(lang, f"state.{value}")


def measure_state(lang: Lang, measure: MeasureLine) -> str:
    """The state now; a measure with nothing to answer says why (as needed, not started)."""
    if measure.detail == "not_started":  # no slot of it falls in the period
        return t(lang, "rep.nothing_due")
    if measure.detail:
        return t(lang, f"detail.{measure.detail}")
    return state(lang, measure.state)


def frequency(lang: Lang, value: str) -> str:
    return t(lang, f"freq.{value}")


def section_name(number: str, title: str) -> str:
    return f"{number}、{title}" if number else title


def section_line(lang: Lang, f: Figures) -> str:
    return t(lang, "rep.section_line", coverage=pct(f.coverage), answered=f.answered, due=f.due, overdue=f.overdue, late=f.late)


def figure_headers(lang: Lang) -> list[str]:
    return [t(lang, f"rep.col.{k}") for k in FIGURE_KEYS]


def figure_values(figures: Figures) -> list[str]:
    return [
        str(figures.due), str(figures.answered), pct(figures.coverage), str(figures.done),
        str(figures.partial), str(figures.not_done), str(figures.na), str(figures.overdue), str(figures.late),
    ]


def runs_text(lang: Lang, runs: Sequence[Run]) -> str:
    parts = []
    for run in runs:
        if run.count == 1:
            parts.append(slot_text(lang, run.first))
        else:
            parts.append(t(lang, "rep.run", first=run.first, last=run.last, count=run.count))
    return ("、" if lang == "zh" else ", ").join(parts)


def evidence_text(evidence: Evidence) -> str:
    if evidence.kind == "file" and evidence.sha256:
        return f"{evidence.value} (SHA-256 {evidence.sha256[:12]}…)"
    return evidence.value


def title(lang: Lang, notice_title: str | None, checklist: str) -> str:
    if notice_title:
        return t(lang, "rep.title", title=notice_title)
    return t(lang, "rep.title_plain", checklist=checklist)


def rollup_title(lang: Lang, notice_title: str | None, checklist: str) -> str:
    if notice_title:
        return t(lang, "agg.title", title=notice_title)
    return t(lang, "agg.title_plain", checklist=checklist)


def period_text(lang: Lang, period: Period) -> str:
    return t(lang, "rep.period_value", label=period.label, first=period.first.isoformat(), last=period.last.isoformat())


def head_lines(lang: Lang, report: Report) -> list[tuple[str, str]]:
    """The label/value pairs under a report's title."""
    lines = []
    if report.doc_number:
        lines.append((t(lang, "rep.doc_number"), report.doc_number))
    lines += [
        (t(lang, "rep.unit"), f"{report.unit_name}（{report.unit_id}）" if lang == "zh" else f"{report.unit_name} ({report.unit_id})"),
        (t(lang, "rep.period"), period_text(lang, report.period)),
        (t(lang, "rep.as_of"), report.as_of.isoformat()),
    ]
    if report.report_to:
        lines.append((t(lang, "rep.report_to"), report.report_to))
    if report.generated_at is not None:
        lines.append((t(lang, "rep.generated"), report.generated_at.isoformat()))
    return lines


def signoff_lines(lang: Lang, report: Report) -> list[tuple[str, str]]:
    s = report.signoff
    return [
        (t(lang, "rep.sign.preparer"), s.preparer),
        (t(lang, "rep.sign.phone"), s.phone),
        (t(lang, "rep.sign.reviewer"), s.reviewer),
        (t(lang, "rep.sign.date"), s.date),
    ]


MEASURE_KEYS = ("due", "answered", "done", "partial", "not_done", "na", "overdue", "late")


def measure_figure_headers(lang: Lang) -> list[str]:
    return [t(lang, f"rep.col.{k}") for k in MEASURE_KEYS]


def measure_figure_values(figures: Figures) -> list[int]:
    return [getattr(figures, k) for k in MEASURE_KEYS]


def one_line(text: str) -> str:
    return " ".join(text.split())


def totals_line(lang: Lang, rollup: Rollup) -> str:
    f = rollup.figures
    expected = ""
    if rollup.expected is not None:
        expected = t(lang, "agg.expected_part", expected=len(rollup.expected), missing=len(rollup.missing))
    return t(
        lang, "agg.totals_line", period=period_text(lang, rollup.period), units=len(rollup.units), expected=expected,
        due=f.due, answered=f.answered, coverage=pct(f.coverage), done=f.done, partial=f.partial,
        not_done=f.not_done, na=f.na, overdue=f.overdue, late=f.late,
    )


def compact(keys: Sequence[str]) -> str:
    """A short list of slot keys: all of them when few, else the first and the last."""
    if len(keys) <= 3:
        return "、".join(keys)
    return f"{keys[0]}～{keys[-1]}"


REMARK_COLUMNS = ("rep.col.id", "rep.col.slot", "rep.col.status", "rep.col.by", "rep.col.note", "rep.col.evidence")


def remark_headers(lang: Lang) -> list[str]:
    return [t(lang, k) for k in REMARK_COLUMNS]


def remark_rows(lang: Lang, section: SectionPart) -> list[list[str]]:
    """One row per note or evidence given in a section: measure, slot, status, by, note, evidence."""
    return [
        [m.id, slot_text(lang, s.key), state(lang, s.state), s.by, s.note, "；".join(evidence_text(e) for e in s.evidence)]
        for m in section.measures
        for s in m.remarks
    ]

