"""Checklists and campaigns as terminal tables: `checklist show` (a measure alone as a card),
`checklist list` and `campaign list`."""

from __future__ import annotations

from collections.abc import Sequence

from ..checklist import Checklist, SectionEntry
from ..messages import Lang, t
from ..models import Measure
from ..workspace import Workspace
from .labels import frequency_label, section_title
from .screen import Column, Run, Table


def checklist_head(checklist: Checklist) -> str:
    """The notice the checklist comes from, with its document number ("" when it has none)."""
    notice = checklist.notice
    return f"{notice.title}（{notice.doc_number}）" if notice is not None else ""


def checklist_tables(lang: Lang, sections: Sequence[SectionEntry]) -> list[Table]:
    """A table per section: id, measure, frequency and the evidence asked for."""
    columns = [
        Column(t(lang, "col.id")),
        Column(t(lang, "col.measure"), ratio=3, min_width=8),
        Column(t(lang, "col.frequency"), ratio=1),
        Column(t(lang, "col.evidence"), ratio=2, min_width=8),
    ]
    return [
        Table(
            section_title(entry.section.number, entry.section.title),
            columns,
            [[(m.id, ""), (m.title, ""), (frequency_label(lang, m), ""), (m.evidence, "")] for m in entry.measures],
        )
        for entry in sections
    ]


def measure_card(lang: Lang, checklist: Checklist, measure: Measure) -> Table:
    """One measure, a field a line: the names in bold, the values folded beside them."""
    section = checklist.section_of(measure.id)
    fields = [("col.id", measure.id), ("col.measure", measure.title)]
    if section is not None:
        fields.append(("field.section", section_title(section.number, section.title)))
    fields += [
        ("field.frequency", frequency_label(lang, measure)),
        ("field.source", measure.source),
        ("field.evidence", measure.evidence),
    ]
    fields += [
        (key, value) for key, value in (("field.role", measure.role), ("field.guidance", measure.guidance)) if value
    ]
    rows: list[list[Run]] = [[(t(lang, key), ""), (value, "")] for key, value in fields]
    return Table("", [Column("", style="bold"), Column("")], rows, expand=False, header=False)


def checklist_list_table(lang: Lang, found: Sequence[tuple[str, Checklist]]) -> Table:
    """`checklist list`: each checklist by the name it is given, its notice and its size."""
    columns = [
        Column(t(lang, "col.checklist")),
        Column(t(lang, "col.doc_number")),
        Column(t(lang, "col.sections"), justify="right"),
        Column(t(lang, "col.measures"), justify="right"),
        Column(t(lang, "col.title")),
    ]
    rows: list[list[Run]] = []
    for spec, checklist in found:
        notice = checklist.notice
        sizes = [str(len(checklist.sections)), str(len(checklist.measures))]
        cells = [spec, notice.doc_number if notice else "—", *sizes, notice.title if notice else "—"]
        rows.append([(c, "") for c in cells])
    return Table("", columns, rows, expand=False, boxed=False)


def campaign_table(lang: Lang, rows: Sequence[tuple[Workspace, bool]]) -> Table:
    """`campaign list`: each campaign's id, notice, start, end and whether it runs today."""
    columns = [
        Column(t(lang, f"col.{key}")) for key in ("campaign", "checklist", "start", "end", "running", "measures")
    ]
    out: list[list[Run]] = []
    for view, running in rows:
        c = view.campaign_config
        notice = view.checklist.notice
        cells = (
            view.campaign_id,
            notice.title if notice else c.checklist,
            c.start.isoformat(),
            c.end.isoformat() if c.end else t(lang, "campaign.no_end"),
            t(lang, "campaign.running" if running else "campaign.not_running"),
            str(len(view.checklist.measures)),
        )
        out.append([(cell, "") for cell in cells])
    return Table("", columns, out, expand=False, boxed=False)
