"""Status and checklist text as plain strings: shared by the Rich tables, the plain tables and TSV.

Nothing here imports Rich's console or text machinery (40-70 ms), so output that is not a
terminal is drawn without it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING

from ..evaluation import Evaluation, Figures, MeasureStatus
from ..messages import Lang, percent, slot_text, t
from ..models import Frequency, Measure

if TYPE_CHECKING:
    from .screen import Line


STATE_STYLE = {
    "done": "green",
    "partial": "yellow",
    "not_done": "red",
    "na": "dim",
    "due": "cyan",
    "overdue": "bold red",
}
LIGHT_STYLE = {"red": "bold red", "yellow": "bold yellow", "green": "green"}


def state_style(status: MeasureStatus) -> str:
    """A state's colour; dim when nothing was asked (as needed, no slot yet)."""
    return "dim" if status.detail in ("as_needed", "no_slot") else STATE_STYLE.get(status.state, "")


def state_label(lang: Lang, status: MeasureStatus) -> str:
    if status.detail in ("as_needed", "no_slot"):
        # nothing was asked: saying 不适用 here would read as "does not apply to us"
        return t(lang, f"detail.{status.detail}")
    label = t(lang, f"state.{status.state}")
    if status.detail:
        detail = t(lang, f"detail.{status.detail}")
        label += f"（{detail}）" if lang == "zh" else f" ({detail})"
    return label


def frequency_label(lang: Lang, measure: Measure) -> str:
    label = t(lang, f"freq.{measure.frequency.value}")
    if measure.frequency is Frequency.ONCE and measure.due is not None:
        label += f"（≤{measure.due.isoformat()}）" if lang == "zh" else f" (by {measure.due.isoformat()})"
    if measure.frequency is Frequency.WINDOW and measure.start and measure.end:
        label += f" {measure.start.isoformat()}~{measure.end.isoformat()}"
    return label


def section_title(entry_number: str, title: str) -> str:
    return f"{entry_number}、{title}"


def date_text(value: date | None) -> str:
    return value.isoformat() if value is not None else "—"


STATUS_COLUMNS = ("col.id", "col.measure", "col.frequency", "col.state", "col.last_done", "col.next_due", "col.overdue")


def slot_label(lang: Lang, key: str | None) -> str:
    """A slot as people say it: the day, week or month, or 一次性 / 时段内 for single slots."""
    return "—" if key is None else slot_text(lang, key)


def last_done_text(lang: Lang, ms: MeasureStatus) -> str:
    """The slot last done; for a single slot (once, window), the day it was recorded."""
    if ms.last_done in ("once", "window"):
        done = next((s.record for s in ms.slots if s.slot.key == ms.last_done and s.record), None)
        if done is not None:
            return done.at.date().isoformat()
    return slot_label(lang, ms.last_done)


def status_cells(lang: Lang, ms: MeasureStatus) -> list[str]:
    return [
        ms.measure.id,
        ms.measure.title,
        t(lang, f"freq.{ms.measure.frequency.value}"),
        state_label(lang, ms),
        last_done_text(lang, ms),
        date_text(ms.next_due),
        str(ms.figures.overdue),
    ]


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


def tsv_cell(value: object) -> str:
    return str(value).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def status_tsv(evaluation: Evaluation, lights: Mapping[str, str] = MappingProxyType({})) -> str:
    header = [
        "id",
        "section",
        "title",
        "frequency",
        "state",
        "last_done",
        "next_due",
        "overdue",
        "slots_due",
        "answered",
        "late",
        "light",
    ]
    rows = ["\t".join(header)]
    for ms in evaluation.measures:
        rows.append(
            "\t".join(
                tsv_cell(v)
                for v in (
                    ms.measure.id,
                    ms.section.id,
                    ms.measure.title,
                    ms.measure.frequency.value,
                    ms.state,
                    ms.last_done or "",
                    date_text(ms.next_due) if ms.next_due else "",
                    ms.figures.overdue,
                    ms.figures.due,
                    ms.figures.answered,
                    ms.figures.late,
                    lights.get(ms.measure.id, ""),
                )
            )
        )
    return "\n".join(rows) + "\n"


STATUS_DROP_ORDER = (2, 4, 5, 6)  # frequency, last done, next due, overdue count: as room runs out


def status_columns(lang: Lang, evaluation: Evaluation, width: int) -> list[int]:
    """Which of STATUS_COLUMNS fit `width` with measure titles still readable."""
    from .plain import cell_len, visible_columns

    natural = [cell_len(t(lang, key)) for key in STATUS_COLUMNS]
    for ms in evaluation.measures:
        natural = [max(n, cell_len(c)) for n, c in zip(natural, status_cells(lang, ms), strict=True)]
    return visible_columns(natural, (0, 1, 3), STATUS_DROP_ORDER, 1, width)


def status_plain(lang: Lang, evaluation: Evaluation, width: int) -> str:
    """The same status as plain aligned text, for cron mail and pipes (and fast to draw)."""
    from .plain import fold, grid

    shown = status_columns(lang, evaluation, width)
    headers = [t(lang, STATUS_COLUMNS[i]) for i in shown]
    right = tuple(k for k, i in enumerate(shown) if i == 6)
    out: list[str] = []
    for sec in evaluation.sections:
        out += fold(section_title(sec.section.number, sec.section.title), width)
        rows = [[cells[i] for i in shown] for cells in (status_cells(lang, ms) for ms in sec.measures)]
        out += grid(headers, rows, right, width, wide=1)
        out.append("")
    out += fold(summary_line(lang, evaluation.as_of, evaluation.figures), width)
    return "\n".join(out) + "\n"


def status_screen(
    lang: Lang, evaluation: Evaluation, width: int, lights: Mapping[str, str] = MappingProxyType({})
) -> list[Line]:
    """The status for a terminal: a table per section, states in colour, each next deadline
    in its light's colour, overdue counts in red; on a narrow terminal the less needed
    columns go, so measure titles stay readable."""
    from .screen import Column, Table, draw, paragraph

    shown = status_columns(lang, evaluation, width)
    columns = [
        Column(t(lang, key), ratio=3, min_width=8)
        if key == "col.measure"
        else Column(t(lang, key), justify="right" if key == "col.overdue" else "left")
        for key in (STATUS_COLUMNS[i] for i in shown)
    ]
    lines: list[Line] = []
    for sec in evaluation.sections:
        rows = []
        for ms in sec.measures:
            styles = ["", "", "", state_style(ms), "", LIGHT_STYLE.get(lights.get(ms.measure.id, ""), ""), ""]
            if ms.figures.overdue:
                styles[6] = "bold red"
            cells = status_cells(lang, ms)
            rows.append([(cells[i], styles[i]) for i in shown])
        lines += draw(Table(section_title(sec.section.number, sec.section.title), columns, rows), width)
    summary = summary_line(lang, evaluation.as_of, evaluation.figures)
    return lines + paragraph(summary, width, cjk=False)  # as it always looked under the tables
