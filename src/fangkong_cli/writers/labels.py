"""Words and figures the human report formats share: titles, labels, percentages, dates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, NamedTuple

from .. import cn_dates as cn
from ..evaluation import Figures
from ..messages import Lang, percent, slot_text, t
from ..models import Evidence
from ..report import MeasureLine, Period, Report, Run

if TYPE_CHECKING:  # importing the roll-up loads pydantic
    from ..aggregate import Rollup
    from ..completeness import Completeness


def colon(lang: Lang) -> str:
    return "：" if lang == "zh" else ": "


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
    return t(
        lang,
        "rep.section_line",
        coverage=percent(f.coverage),
        answered=f.answered,
        due=f.due,
        overdue=f.overdue,
        late=f.late,
    )


def date_text(lang: Lang, day: date) -> str:
    """2021年1月29日 in Chinese, ISO 2021-01-29 in English."""
    return cn.cn_date(day) if lang == "zh" else day.isoformat()


def date_key_text(lang: Lang, value: str) -> str:
    """An ISO date kept as text (the sign-off date) written for people; other text as it is."""
    try:
        return date_text(lang, date.fromisoformat(value))
    except ValueError:
        return value


def moment_text(lang: Lang, moment: datetime | None) -> str:
    """When a record was made, to the minute, in the offset it was recorded with."""
    if moment is None:
        return ""
    return cn.cn_datetime(moment) if lang == "zh" else f"{moment:%Y-%m-%d %H:%M}"


def slot_label(lang: Lang, key: str) -> str:
    """A slot for people: 2021年1月18日, 2021年第3周（1月18日—1月24日）, 一次性; English keeps the key."""
    return cn.cn_slot(key) if lang == "zh" else slot_text(lang, key)


def runs_text(lang: Lang, runs: Sequence[Run]) -> str:
    parts = []
    for run in runs:
        if run.count == 1:
            parts.append(slot_label(lang, run.first))
        elif lang == "zh":
            parts.append(t(lang, "rep.run", span=cn.cn_run(run.first, run.last), count=run.count))
        else:
            parts.append(t(lang, "rep.run", span=f"{run.first} to {run.last}", count=run.count))
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
    """2021年1月 / 2021年第3周（1月18日—1月24日） in Chinese; the label and its dates in English."""
    if lang == "zh":
        return cn.cn_period(period.first, period.last, period.label)
    return t(lang, "rep.period_value", label=period.label, first=period.first.isoformat(), last=period.last.isoformat())


def head_lines(lang: Lang, report: Report) -> list[tuple[str, str]]:
    """The label/value pairs under a report's title."""
    lines = []
    if report.doc_number:
        lines.append((t(lang, "rep.doc_number"), report.doc_number))
    lines += [
        (
            t(lang, "rep.unit"),
            f"{report.unit_name}（{report.unit_id}）" if lang == "zh" else f"{report.unit_name} ({report.unit_id})",
        ),
        (t(lang, "rep.period"), period_text(lang, report.period)),
        (t(lang, "rep.as_of"), date_text(lang, report.as_of)),
    ]
    if report.report_to:
        lines.append((t(lang, "rep.report_to"), report.report_to))
    if report.generated_at is not None:
        lines.append((t(lang, "rep.generated"), moment_text(lang, report.generated_at)))
    return lines


def signoff_lines(lang: Lang, report: Report) -> list[tuple[str, str]]:
    s = report.signoff
    return [
        (t(lang, "rep.sign.preparer"), s.preparer),
        (t(lang, "rep.sign.phone"), s.phone),
        (t(lang, "rep.sign.reviewer"), s.reviewer),
        (t(lang, "rep.sign.date"), date_key_text(lang, s.date)),
    ]


def one_line(text: str) -> str:
    return " ".join(text.split())


def totals_line(lang: Lang, rollup: Rollup) -> str:
    f = rollup.figures
    expected = ""
    if rollup.expected is not None:
        expected = t(lang, "agg.expected_part", expected=len(rollup.expected), missing=len(rollup.missing))
    return t(
        lang,
        "agg.totals_line",
        period=period_text(lang, rollup.period),
        units=len(rollup.units),
        expected=expected,
        due=f.due,
        answered=f.answered,
        coverage=percent(f.coverage),
        done=f.done,
        partial=f.partial,
        not_done=f.not_done,
        na=f.na,
        overdue=f.overdue,
        late=f.late,
    )


def completeness_line(lang: Lang, c: Completeness, days: int) -> str:
    """Who reported, and in time: 应报 12 个单位，已报 10 个（83.3%），按时 8 个（66.7%）…"""
    if not c.known:
        return t(lang, "agg.completeness_unknown", reported=c.reported, on_time=c.on_time, late=c.late, days=days)
    return t(
        lang,
        "agg.completeness_line",
        expected=c.expected,
        reported=c.reported,
        rate=percent(c.reporting_rate),
        on_time=c.on_time,
        on_time_rate=percent(c.on_time_rate),
        missing=c.missing,
        late=c.late,
        days=days,
    )


def unit_label(lang: Lang, rollup: Rollup, unit_id: str) -> str:
    """A unit by name and id: 乐都区总工会（ledu）; the id alone when no report names it."""
    name = rollup.name_of(unit_id)
    if name == unit_id:
        return unit_id
    return f"{name}（{unit_id}）" if lang == "zh" else f"{name} ({unit_id})"


class Listing(NamedTuple):
    """One list under the roll-up's tables: its heading (none for a lone sentence), its lines
    (units or sentences), what to say when it is empty; `units` when the lines are units (a
    terminal runs them together on one line)."""

    heading: str
    lines: tuple[str, ...]
    empty: str = ""
    units: bool = True


def rollup_listings(lang: Lang, rollup: Rollup) -> list[Listing]:
    """Who has not reported, who reported late, who sent a nil report, reports from units not
    expected: the same lists in every format."""

    def labels(ids: Sequence[str]) -> tuple[str, ...]:
        return tuple(unit_label(lang, rollup, i) for i in ids)

    no_list = not rollup.completeness.known and not rollup.missing
    missing_empty = t(lang, "agg.no_expect" if no_list else "agg.missing_none")
    out = [
        Listing(t(lang, "agg.missing"), labels(rollup.missing), missing_empty),
        Listing(t(lang, "agg.late_units", days=rollup.timely_days), labels(rollup.late), t(lang, "agg.late_none")),
    ]
    reported_nil = (s.unit for s in rollup.standings if s.report is not None and s.report.nil and s.report.reported)
    nil = tuple(dict.fromkeys(reported_nil))
    joined = "、" if lang == "zh" else ", "
    if nil:
        out.append(Listing("", (t(lang, "agg.nil_units", units=joined.join(labels(nil))),), units=False))
    if rollup.unexpected:  # by id: a unit outside the tree may have no name
        out.append(Listing("", (t(lang, "agg.unexpected", units="、".join(rollup.unexpected)),), units=False))
    return out


def findings_listing(lang: Lang, rollup: Rollup) -> Listing | None:
    """Open findings per unit, by light (from the reports' 整改台账); None when there are none."""
    lit = [u for u in rollup.units if any(u.lights)]
    if not lit:
        return None
    lines = tuple(
        t(
            lang,
            "agg.findings_unit",
            unit=unit_label(lang, rollup, u.unit_id),
            red=u.lights[0],
            yellow=u.lights[1],
            green=u.lights[2],
        )
        for u in lit
    )
    return Listing(t(lang, "agg.findings").rstrip("：:"), lines, units=False)
