"""Rich tables for checklists and campaigns (status, history and the walk are drawn by cli/screen.py)."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..checklist import Checklist, SectionEntry
from ..messages import Lang, t
from ..models import Measure
from ..workspace import Workspace
from .labels import frequency_label, section_title


def _table(title: str) -> Table:
    return Table(
        title=Text(title, style="bold"),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_lines=False,
        expand=True,
        pad_edge=False,
    )


def checklist_tables(lang: Lang, checklist: Checklist, sections: Sequence[SectionEntry]) -> RenderableType:
    parts: list[RenderableType] = []
    if checklist.notice is not None:
        head = Text(f"{checklist.notice.title}（{checklist.notice.doc_number}）", style="bold")
        parts.append(head)
    for entry in sections:
        table = _table(section_title(entry.section.number, entry.section.title))
        table.add_column(t(lang, "col.id"), overflow="fold")
        table.add_column(t(lang, "col.measure"), overflow="fold", ratio=3, min_width=8)
        table.add_column(t(lang, "col.frequency"), overflow="fold", ratio=1)
        table.add_column(t(lang, "col.evidence"), overflow="fold", ratio=2, min_width=8)
        for m in entry.measures:
            table.add_row(Text(m.id), Text(m.title), Text(frequency_label(lang, m)), Text(m.evidence))
        parts.append(table)
    return Group(*parts)


def measure_detail(lang: Lang, checklist: Checklist, measure: Measure) -> RenderableType:
    table = Table(box=box.SIMPLE, show_header=False, pad_edge=False)
    table.add_column(overflow="fold", style="bold")
    table.add_column(overflow="fold")
    section = checklist.section_of(measure.id)
    table.add_row(Text(t(lang, "col.id")), Text(measure.id))
    table.add_row(Text(t(lang, "col.measure")), Text(measure.title))
    if section is not None:
        table.add_row(Text(t(lang, "field.section")), Text(section_title(section.number, section.title)))
    table.add_row(Text(t(lang, "field.frequency")), Text(frequency_label(lang, measure)))
    table.add_row(Text(t(lang, "field.source")), Text(measure.source))
    table.add_row(Text(t(lang, "field.evidence")), Text(measure.evidence))
    if measure.role:
        table.add_row(Text(t(lang, "field.role")), Text(measure.role))
    if measure.guidance:
        table.add_row(Text(t(lang, "field.guidance")), Text(measure.guidance))
    return table


def checklist_list_table(lang: Lang, found: Sequence[tuple[str, Checklist]]) -> Table:
    """`checklist list`: each checklist by the name it is given, its notice and its size."""
    table = Table(box=None, pad_edge=False)
    for key, justify in (
        ("checklist", "left"),
        ("doc_number", "left"),
        ("sections", "right"),
        ("measures", "right"),
        ("title", "left"),
    ):
        table.add_column(t(lang, f"col.{key}"), justify=justify, overflow="fold")  # type: ignore[arg-type]
    for spec, checklist in found:
        notice = checklist.notice
        table.add_row(
            Text(spec),
            Text(notice.doc_number if notice else "—"),
            Text(str(len(checklist.sections))),
            Text(str(len(checklist.measures))),
            Text(notice.title if notice else "—"),
        )
    return table


def campaign_table(lang: Lang, rows: Sequence[tuple[Workspace, bool]]) -> Table:
    """`campaign list`: each campaign's id, notice, start, end and whether it runs today."""
    table = Table(box=None, pad_edge=False)
    for key in ("campaign", "checklist", "start", "end", "running", "measures"):
        table.add_column(t(lang, f"col.{key}"), overflow="fold")
    for view, running in rows:
        c = view.campaign_config
        notice = view.checklist.notice
        table.add_row(
            Text(view.campaign_id),
            Text(notice.title if notice else c.checklist),
            Text(c.start.isoformat()),
            Text(c.end.isoformat() if c.end else t(lang, "campaign.no_end")),
            Text(t(lang, "campaign.running" if running else "campaign.not_running")),
            Text(str(len(view.checklist.measures))),
        )
    return table
