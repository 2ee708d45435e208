"""The roll-up on a terminal or in cron mail: plain aligned text."""

from __future__ import annotations

from ..aggregate import Rollup
from ..messages import Lang


def rollup_text(lang: Lang, rollup: Rollup, width: int) -> str:
    """The roll-up on the terminal: units x sections, who is missing, top overdue, totals."""
    from ..messages import t
    from ..writers.text import pct, rollup_title, section_name, totals_line
    from .plain import grid

    colon = "：" if lang == "zh" else ": "
    out = [rollup_title(lang, rollup.notice_title, rollup.checklist), "", t(lang, "agg.units")]
    headers = [t(lang, "agg.col.unit"), *(h.number or h.id for h in rollup.sections), t(lang, "agg.col.total")]
    rows = []
    for u in rollup.units:
        cells = [f"{u.unit_name} ({u.unit_id})"]
        for head in rollup.sections:
            f = u.section_figures(head.id)
            cells.append("—" if f is None else t(lang, "agg.cell", coverage=pct(f.coverage), overdue=f.overdue))
        cells.append(t(lang, "agg.cell", coverage=pct(u.figures.coverage), overdue=u.figures.overdue))
        rows.append(cells)
    out += grid(headers, rows, range(1, len(headers)), width)
    out.append(t(lang, "agg.sections_legend") + colon + "；".join(section_name(h.number, h.title) for h in rollup.sections))
    out += ["", t(lang, "agg.missing")]
    if rollup.expected is None:
        out.append(t(lang, "agg.no_expect"))
    else:
        out.append("、".join(rollup.missing) if rollup.missing else t(lang, "agg.missing_none"))
    if rollup.unexpected:
        out.append(t(lang, "agg.unexpected", units="、".join(rollup.unexpected)))
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
        out += [t(lang, "agg.findings_unit", unit=f"{u.unit_name} ({u.unit_id})", red=u.lights[0], yellow=u.lights[1], green=u.lights[2]) for u in lit]
    out += ["", totals_line(lang, rollup)]
    return "\n".join(out) + "\n"
