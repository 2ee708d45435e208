"""Markdown: readable as plain text and in any Markdown viewer; user text is escaped."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..aggregate import Rollup
from ..messages import Lang, t
from ..report import MeasureLine, Report, SectionPart
from . import text as tx

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
# What starts a block only at the start of a line: a heading, list item, quote or underline.
_LEADING = re.compile(r"^(?:[#+\-]+(?=\s|$)|>|=+\s*$)")
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


def esc(value: str) -> str:
    """Text shown literally: markup characters backslash-escaped, kept on one line."""
    escaped = _SPECIAL.sub(r"\\\1", tx.one_line(value))
    escaped = _LEADING.sub(lambda m: "\\" + m.group(0), escaped)
    return _ORDERED.sub(r"\1\\\2", escaped)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], numeric: Sequence[int] = ()) -> list[str]:
    """A pipe table; cells are escaped here, numbers right-aligned."""
    align = ["---:" if i in numeric else "---" for i in range(len(headers))]
    out = ["| " + " | ".join(esc(h) for h in headers) + " |", "| " + " | ".join(align) + " |"]
    for row in rows:
        out.append("| " + " | ".join(esc(str(c)) if str(c) else " " for c in row) + " |")
    return out


def _summary(lang: Lang, report: Report) -> list[str]:
    rows: list[list[object]] = [[tx.section_name(s.number, s.title), *tx.figure_values(s.figures)] for s in report.sections]
    rows.append([t(lang, "rep.total"), *tx.figure_values(report.figures)])
    return table([t(lang, "rep.col.section"), *tx.figure_headers(lang)], rows, range(1, 10))


def _measure_row(lang: Lang, m: MeasureLine) -> list[object]:
    state = tx.measure_state(lang, m)
    return [m.id, m.title, tx.frequency(lang, m.frequency), state, *tx.measure_figure_values(m.figures)]


def _section(lang: Lang, section: SectionPart) -> list[str]:
    out = [f"## {esc(tx.section_name(section.number, section.title))}", ""]
    out.append(esc(tx.section_line(lang, section.figures)))
    out.append("")
    headers = [t(lang, "rep.col.id"), t(lang, "rep.col.measure"), t(lang, "rep.col.frequency"), t(lang, "rep.col.state"), *tx.measure_figure_headers(lang)]
    out += table(headers, [_measure_row(lang, m) for m in section.measures], range(4, 12))
    out += ["", f"### {esc(t(lang, 'rep.overdue_slots'))}", ""]
    overdue = [m for m in section.measures if m.overdue]
    if overdue:
        out += [f"- {esc(m.id)} {esc(m.title)}{tx.colon(lang)}{esc(tx.runs_text(lang, m.overdue))}" for m in overdue]
    else:
        out.append(esc(t(lang, "rep.no_overdue")))
    out += ["", f"### {esc(t(lang, 'rep.notes'))}", ""]
    rows = tx.remark_rows(lang, section)
    if rows:
        out += table(tx.remark_headers(lang), rows)
    else:
        out.append(esc(t(lang, "rep.no_notes")))
    out.append("")
    return out


def _not_applicable(lang: Lang, report: Report) -> list[str]:
    out = [f"## {esc(t(lang, 'rep.na'))}", ""]
    if not report.not_applicable:
        return [*out, esc(t(lang, "rep.no_na")), ""]
    rows = [
        [
            n.measure, n.title, n.reason,
            t(lang, "rep.na.tailored" if n.tailored else "rep.na.record"),
            t(lang, "rep.na.slots", count=len(n.slots), slots=tx.compact(n.slots)),
        ]
        for n in report.not_applicable
    ]
    keys = ("rep.col.id", "rep.col.measure", "rep.col.reason", "rep.col.source", "rep.col.slots")
    return [*out, *table([t(lang, k) for k in keys], rows), ""]


def write_report(report: Report, lang: Lang) -> bytes:
    out = [f"# {esc(tx.title(lang, report.notice_title, report.checklist))}", ""]
    out += [f"- {esc(label)}{tx.colon(lang)}{esc(value)}" for label, value in tx.head_lines(lang, report)]
    out += ["", f"## {esc(t(lang, 'rep.summary'))}", "", *_summary(lang, report), "", esc(t(lang, "rep.explain")), ""]
    if report.calendar_fallback:
        out += [esc(t(lang, "rep.calendar", years="、".join(map(str, report.calendar_fallback)))), ""]
    for section in report.sections:
        out += _section(lang, section)
    out += _not_applicable(lang, report)
    out += _ledger(lang, report)
    out += [f"## {esc(t(lang, 'rep.signoff'))}", ""]
    for label, value in tx.signoff_lines(lang, report):
        out.append(f"- {esc(label)}{tx.colon(lang)}{esc(value) if value else '__________'}")
    return ("\n".join(out).rstrip("\n") + "\n").encode("utf-8")


def write_rollup(rollup: Rollup, lang: Lang) -> bytes:
    out = [f"# {esc(tx.rollup_title(lang, rollup.notice_title, rollup.checklist))}", ""]
    out += [esc(tx.totals_line(lang, rollup)), "", f"## {esc(t(lang, 'agg.units'))}", ""]
    headers = [t(lang, "agg.col.unit"), t(lang, "agg.col.as_of")]
    headers += [tx.section_name(s.number, s.title) for s in rollup.sections] + [t(lang, "agg.col.total")]
    rows = []
    for u in rollup.units:
        cells = []
        for head in rollup.sections:
            f = u.section_figures(head.id)
            cells.append("—" if f is None else t(lang, "agg.cell", coverage=tx.pct(f.coverage), overdue=f.overdue))
        total = t(lang, "agg.cell", coverage=tx.pct(u.figures.coverage), overdue=u.figures.overdue)
        rows.append([f"{u.unit_name} ({u.unit_id})", u.as_of.isoformat(), *cells, total])
    out += table(headers, rows, range(2, len(headers)))
    out += ["", f"## {esc(t(lang, 'agg.missing'))}", ""]
    if rollup.expected is None:
        out.append(esc(t(lang, "agg.no_expect")))
    elif rollup.missing:
        out += [f"- {esc(unit)}" for unit in rollup.missing]
    else:
        out.append(esc(t(lang, "agg.missing_none")))
    if rollup.unexpected:
        out += ["", esc(t(lang, "agg.unexpected", units="、".join(rollup.unexpected)))]
    out += ["", f"## {esc(t(lang, 'agg.top', count=len(rollup.top)))}", ""]
    if rollup.top:
        keys = ("rep.col.id", "rep.col.measure", "agg.col.units", "agg.col.slots")
        out += table([t(lang, k) for k in keys], [[m.id, m.title, m.units, m.slots] for m in rollup.top], (2, 3))
    else:
        out.append(esc(t(lang, "agg.top_none")))
    return ("\n".join(out).rstrip("\n") + "\n").encode("utf-8")


def _ledger(lang: Lang, report: Report) -> list[str]:
    """The 整改台账 of the period (rows from ledger.py)."""
    from . import ledger

    out = [f"## {esc(ledger.title(lang))}", "", esc(ledger.summary(lang, report.findings)), ""]
    if report.findings:
        out += [*table(ledger.headers(lang), ledger.rows(lang, report.findings)), ""]
    return out
