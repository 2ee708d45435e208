"""The roll-up on the terminal: who reported and when (per node), units × sections, top overdue, totals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..messages import Lang, t

if TYPE_CHECKING:
    from ..aggregate import Rollup
    from ..writers.labels import Listing


def _nodes(lang: Lang, rollup: Rollup, width: int) -> list[str]:
    from ..writers.tables import nodes_table
    from .plain import grid

    table = nodes_table(lang, rollup)
    if table is None:
        return []
    rows = [[str(c) for c in row] for row in table.rows]
    return ["", t(lang, "agg.nodes"), *grid(list(table.headers), rows, sorted(table.numeric), width)]


def _units(lang: Lang, rollup: Rollup, width: int) -> list[str]:
    from ..messages import percent
    from ..writers.labels import section_name
    from .plain import grid

    colon = "：" if lang == "zh" else ": "
    headers = [t(lang, "agg.col.unit"), *(h.number or h.id for h in rollup.sections), t(lang, "agg.col.total")]
    rows = []
    for u in rollup.units:
        cells = [f"{u.unit_name} ({u.unit_id})"]
        for head in rollup.sections:
            f = u.section_figures(head.id)
            cells.append("—" if f is None else t(lang, "agg.cell", coverage=percent(f.coverage), overdue=f.overdue))
        cells.append(t(lang, "agg.cell", coverage=percent(u.figures.coverage), overdue=u.figures.overdue))
        rows.append(cells)
    legend = (
        t(lang, "agg.sections_legend") + colon + "；".join(section_name(h.number, h.title) for h in rollup.sections)
    )
    return [t(lang, "agg.units"), *grid(headers, rows, range(1, len(headers)), width), legend]


def _lists(lang: Lang, listings: list[Listing]) -> list[str]:
    """Lists of units (run together on a line) or of sentences, each under its heading."""
    out = []
    for listing in listings:
        out += ["", listing.heading] if listing.heading else [""]
        if not listing.lines:
            out.append(listing.empty)
        elif listing.units:
            out.append(("、" if lang == "zh" else ", ").join(listing.lines))
        else:
            out += listing.lines
    return out


def rollup_text(lang: Lang, rollup: Rollup, width: int) -> str:
    from ..writers.labels import completeness_line, findings_listing, rollup_listings, rollup_title, totals_line
    from .plain import grid

    out = [rollup_title(lang, rollup.notice_title, rollup.checklist), ""]
    out.append(completeness_line(lang, rollup.completeness, rollup.timely_days))
    out += [*_nodes(lang, rollup, width), "", *_units(lang, rollup, width)]
    out += _lists(lang, rollup_listings(lang, rollup))
    out += ["", t(lang, "agg.top", count=len(rollup.top))]
    if rollup.top:
        headers = [t(lang, k) for k in ("rep.col.id", "rep.col.measure", "agg.col.units", "agg.col.slots")]
        rows = [[m.id, m.title, str(m.units), str(m.slots)] for m in rollup.top]
        out += grid(headers, rows, (2, 3), width, wide=1)
    else:
        out.append(t(lang, "agg.top_none"))
    findings = findings_listing(lang, rollup)
    out += _lists(lang, [findings] if findings else [])
    out += ["", totals_line(lang, rollup)]
    return "\n".join(out) + "\n"
