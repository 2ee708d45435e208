"""The roll-up on the terminal: who reported and when (per node), units × sections, top overdue, totals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..messages import Lang, t

if TYPE_CHECKING:
    from ..aggregate import Rollup
    from ..completeness import Completeness


def rate(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def completeness_line(lang: Lang, c: Completeness, days: int) -> str:
    if not c.known:
        return t(lang, "agg.completeness_unknown", reported=c.reported, on_time=c.on_time, late=c.late, days=days)
    return t(
        lang,
        "agg.completeness_line",
        expected=c.expected,
        reported=c.reported,
        rate=rate(c.reporting_rate),
        on_time=c.on_time,
        on_time_rate=rate(c.on_time_rate),
        missing=c.missing,
        late=c.late,
        days=days,
    )


def names(lang: Lang, rollup: Rollup, ids: tuple[str, ...] | list[str]) -> str:
    """Units by name and id: 乐都区总工会（ledu）、城东区总工会（chengdong）."""
    left, right, sep = ("（", "）", "、") if lang == "zh" else (" (", ")", ", ")
    return sep.join(i if rollup.name_of(i) == i else f"{rollup.name_of(i)}{left}{i}{right}" for i in ids)


def _nodes(lang: Lang, rollup: Rollup, width: int) -> list[str]:
    from ..writers.labels import pct
    from .plain import grid

    keys = (
        "agg.col.node",
        "agg.col.expected",
        "agg.col.reported",
        "agg.col.on_time",
        "agg.col.rate",
        "agg.col.on_time_rate",
        "rep.col.coverage",
        "rep.col.overdue",
    )
    rows = []
    for n in rollup.shown_nodes:
        c = n.completeness
        rows.append(
            [
                "  " * (n.depth - 1) + n.name,
                str(c.expected),
                str(c.reported),
                str(c.on_time),
                rate(c.reporting_rate),
                rate(c.on_time_rate),
                pct(n.figures.coverage),
                str(n.figures.overdue),
            ]
        )
    return [t(lang, "agg.nodes"), *grid([t(lang, k) for k in keys], rows, range(1, 8), width)]


def _units(lang: Lang, rollup: Rollup, width: int) -> list[str]:
    from ..writers.labels import pct, section_name
    from .plain import grid

    colon = "：" if lang == "zh" else ": "
    headers = [t(lang, "agg.col.unit"), *(h.number or h.id for h in rollup.sections), t(lang, "agg.col.total")]
    rows = []
    for u in rollup.units:
        cells = [f"{u.unit_name} ({u.unit_id})"]
        for head in rollup.sections:
            f = u.section_figures(head.id)
            cells.append("—" if f is None else t(lang, "agg.cell", coverage=pct(f.coverage), overdue=f.overdue))
        cells.append(t(lang, "agg.cell", coverage=pct(u.figures.coverage), overdue=u.figures.overdue))
        rows.append(cells)
    legend = (
        t(lang, "agg.sections_legend") + colon + "；".join(section_name(h.number, h.title) for h in rollup.sections)
    )
    return [t(lang, "agg.units"), *grid(headers, rows, range(1, len(headers)), width), legend]


def _who(lang: Lang, rollup: Rollup) -> list[str]:
    out = ["", t(lang, "agg.missing")]
    if not rollup.completeness.known and not rollup.missing:
        out.append(t(lang, "agg.no_expect"))
    else:
        out.append(names(lang, rollup, rollup.missing) if rollup.missing else t(lang, "agg.missing_none"))
    out += ["", t(lang, "agg.late_units", days=rollup.timely_days)]
    out.append(names(lang, rollup, rollup.late) if rollup.late else t(lang, "agg.late_none"))
    nil = tuple(
        dict.fromkeys(s.unit for s in rollup.standings if s.report is not None and s.report.nil and s.report.reported)
    )
    if nil:
        out += ["", t(lang, "agg.nil_units", units=names(lang, rollup, nil))]
    if rollup.unexpected:
        out += ["", t(lang, "agg.unexpected", units="、".join(rollup.unexpected))]
    return out


def rollup_text(lang: Lang, rollup: Rollup, width: int) -> str:
    from ..writers.labels import rollup_title, totals_line
    from .plain import grid

    out = [rollup_title(lang, rollup.notice_title, rollup.checklist), ""]
    out.append(completeness_line(lang, rollup.completeness, rollup.timely_days))
    if rollup.nodes:
        out += ["", *_nodes(lang, rollup, width)]
    out += ["", *_units(lang, rollup, width), *_who(lang, rollup)]
    out += ["", t(lang, "agg.top", count=len(rollup.top))]
    if rollup.top:
        headers = [t(lang, k) for k in ("rep.col.id", "rep.col.measure", "agg.col.units", "agg.col.slots")]
        rows = [[m.id, m.title, str(m.units), str(m.slots)] for m in rollup.top]
        out += grid(headers, rows, (2, 3), width, wide=1)
    else:
        out.append(t(lang, "agg.top_none"))
    lit = [u for u in rollup.units if any(u.lights)]
    if lit:  # open findings per unit, by light (from the reports' 整改台账)
        out += ["", t(lang, "agg.findings")]
        out += [
            t(
                lang,
                "agg.findings_unit",
                unit=f"{u.unit_name} ({u.unit_id})",
                red=u.lights[0],
                yellow=u.lights[1],
                green=u.lights[2],
            )
            for u in lit
        ]
    out += ["", totals_line(lang, rollup)]
    return "\n".join(out) + "\n"
