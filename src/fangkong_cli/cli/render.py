"""Rich tables and plain text for checklists, status and history."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..checklist import Checklist, SectionEntry
from ..messages import Lang, slot_text, t
from ..models import Frequency, Measure
from ..status import Evaluation, Figures, MeasureStatus
from ..tracking import HistoryEntry

STATE_STYLE = {
    "done": "green",
    "partial": "yellow",
    "not_done": "red",
    "na": "dim",
    "due": "cyan",
    "overdue": "bold red",
}


def frequency_label(lang: Lang, measure: Measure) -> str:
    label = t(lang, f"freq.{measure.frequency.value}")
    if measure.frequency is Frequency.ONCE and measure.due is not None:
        label += f"（≤{measure.due.isoformat()}）" if lang == "zh" else f" (by {measure.due.isoformat()})"
    if measure.frequency is Frequency.WINDOW and measure.start and measure.end:
        label += f" {measure.start.isoformat()}~{measure.end.isoformat()}"
    return label


def _table(title: str) -> Table:
    return Table(
        title=Text(title, style="bold"),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_lines=False,
        expand=True,
        pad_edge=False,
    )


def _section_title(entry_number: str, title: str) -> str:
    return f"{entry_number}、{title}"


def checklist_tables(lang: Lang, checklist: Checklist, sections: Sequence[SectionEntry]) -> RenderableType:
    parts: list[RenderableType] = []
    if checklist.notice is not None:
        head = Text(f"{checklist.notice.title}（{checklist.notice.doc_number}）", style="bold")
        parts.append(head)
    for entry in sections:
        table = _table(_section_title(entry.section.number, entry.section.title))
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
        table.add_row(Text(t(lang, "field.section")), Text(_section_title(section.number, section.title)))
    table.add_row(Text(t(lang, "field.frequency")), Text(frequency_label(lang, measure)))
    table.add_row(Text(t(lang, "field.source")), Text(measure.source))
    table.add_row(Text(t(lang, "field.evidence")), Text(measure.evidence))
    if measure.role:
        table.add_row(Text(t(lang, "field.role")), Text(measure.role))
    if measure.guidance:
        table.add_row(Text(t(lang, "field.guidance")), Text(measure.guidance))
    return table


def state_text(lang: Lang, status: MeasureStatus) -> Text:
    if status.detail in ("as_needed", "no_slot"):
        # nothing was asked: saying 不适用 here would read as "does not apply to us"
        return Text(t(lang, f"detail.{status.detail}"), style="dim")
    label = t(lang, f"state.{status.state}")
    if status.detail:
        label += f"（{t(lang, f'detail.{status.detail}')}）" if lang == "zh" else f" ({t(lang, f'detail.{status.detail}')})"
    return Text(label, style=STATE_STYLE.get(status.state, ""))


def _date(value: date | None) -> str:
    return value.isoformat() if value is not None else "—"


STATUS_COLUMNS = ("col.id", "col.measure", "col.frequency", "col.state", "col.last_done", "col.next_due", "col.overdue")


def slot_label(lang: Lang, key: str | None) -> str:
    """A slot as people say it: the day, week or month, or 一次性 / 时段内 for single slots."""
    return "—" if key is None else slot_text(lang, key)


def _last_done(lang: Lang, ms: MeasureStatus) -> str:
    """The slot last done; for a single slot (once, window), the day it was recorded."""
    if ms.last_done in ("once", "window"):
        done = next((s.record for s in ms.slots if s.slot.key == ms.last_done and s.record), None)
        if done is not None:
            return done.at.date().isoformat()
    return slot_label(lang, ms.last_done)


def _status_cells(lang: Lang, ms: MeasureStatus) -> list[str]:
    return [
        ms.measure.id,
        ms.measure.title,
        t(lang, f"freq.{ms.measure.frequency.value}"),
        state_text(lang, ms).plain,
        _last_done(lang, ms),
        _date(ms.next_due),
        str(ms.figures.overdue),
    ]


def status_tables(lang: Lang, evaluation: Evaluation) -> RenderableType:
    """The status for a terminal: a Rich table per section, states in colour."""
    parts: list[RenderableType] = []
    for sec in evaluation.sections:
        table = _table(_section_title(sec.section.number, sec.section.title))
        for key in STATUS_COLUMNS:
            if key == "col.measure":
                table.add_column(t(lang, key), overflow="fold", ratio=3, min_width=8)
            else:
                table.add_column(t(lang, key), overflow="fold", justify="right" if key == "col.overdue" else "left")
        for ms in sec.measures:
            cells = [Text(c) for c in _status_cells(lang, ms)]
            cells[3] = state_text(lang, ms)
            if ms.figures.overdue:
                cells[6].stylize("bold red")
            table.add_row(*cells)
        parts.append(table)
    parts.append(Text(summary_line(lang, evaluation.as_of, evaluation.figures)))
    return Group(*parts)


def status_plain(lang: Lang, evaluation: Evaluation, width: int) -> str:
    """The same status as plain aligned text, for cron mail and pipes (and fast to draw)."""
    from .plain import fold, grid

    headers = [t(lang, key) for key in STATUS_COLUMNS]
    out: list[str] = []
    for sec in evaluation.sections:
        out += fold(_section_title(sec.section.number, sec.section.title), width)
        rows = [_status_cells(lang, ms) for ms in sec.measures]
        out += grid(headers, rows, (6,), width, wide=1)
        out.append("")
    out += fold(summary_line(lang, evaluation.as_of, evaluation.figures), width)
    return "\n".join(out) + "\n"


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def summary_line(lang: Lang, as_of: date, figures: Figures) -> str:
    return t(
        lang,
        "summary",
        date=as_of.isoformat(),
        due=figures.due,
        answered=figures.answered,
        coverage=percent(figures.coverage),
        done=figures.done,
        partial=figures.partial,
        not_done=figures.not_done,
        na=figures.na,
        overdue=figures.overdue,
        late=figures.late,
    )


def _cell(value: object) -> str:
    return str(value).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def status_tsv(evaluation: Evaluation) -> str:
    header = ["id", "section", "title", "frequency", "state", "last_done", "next_due", "overdue", "slots_due", "answered", "late"]
    rows = ["\t".join(header)]
    for ms in evaluation.measures:
        rows.append(
            "\t".join(
                _cell(v)
                for v in (
                    ms.measure.id,
                    ms.section.id,
                    ms.measure.title,
                    ms.measure.frequency.value,
                    ms.state,
                    ms.last_done or "",
                    _date(ms.next_due) if ms.next_due else "",
                    ms.figures.overdue,
                    ms.figures.due,
                    ms.figures.answered,
                    ms.figures.late,
                )
            )
        )
    return "\n".join(rows) + "\n"


def history_table(lang: Lang, entries: Sequence[HistoryEntry], tz_name: str) -> RenderableType:
    table = _table("")
    table.title = None
    table.add_column(t(lang, "col.at"), overflow="fold")
    table.add_column(t(lang, "col.id"), overflow="fold")
    table.add_column(t(lang, "col.slot"), overflow="fold")
    table.add_column(t(lang, "col.status"), overflow="fold")
    table.add_column(t(lang, "col.by"), overflow="fold")
    table.add_column(t(lang, "col.note"), overflow="fold", ratio=3, min_width=8)
    table.add_column(t(lang, "col.flags"), overflow="fold")
    for e in entries:
        r = e.record
        flags = []
        if e.correction:
            flags.append(t(lang, "flag.correction"))
        if e.superseded:
            flags.append(t(lang, "flag.superseded"))
        if e.late:
            flags.append(t(lang, "flag.late"))
        flags += [t(lang, "flag.evidence_changed", path=p) for p in e.evidence_changed]
        if not e.known_measure:
            flags.append(t(lang, "flag.no_measure"))
        elif e.slot is None:
            flags.append(t(lang, "flag.orphan"))
        note_parts = [p for p in (r.reason, r.note) if p]
        note_parts += [f"{t(lang, 'evidence.' + ev.kind)}：{ev.value}" for ev in r.evidence]
        table.add_row(
            Text(r.at.strftime("%Y-%m-%d %H:%M")),
            Text(r.measure),
            Text(r.slot),
            Text(t(lang, f"state.{r.status.value}"), style=STATE_STYLE.get(r.status.value, "")),
            Text(r.by),
            Text("；".join(note_parts)),
            Text("、".join(flags)),
        )
    return table
