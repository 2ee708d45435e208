"""The tables every format shows, built once: summary, measures, notes, not applicable, roll-up.

A writer only decides how a `Table` looks (Markdown pipes, HTML, a sheet, a Word table); which
columns, in which order, with which counters, is said here, so all formats say the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from .. import cn_dates as cn
from ..evaluation import Figures
from ..messages import Lang, percent, t
from ..report import MeasureLine, Report, SectionPart
from . import labels as tx

if TYPE_CHECKING:  # the roll-up's types: importing them loads pydantic
    from ..aggregate import Rollup
    from ..unit_reports import SectionHead

# The counters, in the order every table shows them; names are Figures' fields.
SUMMARY_KEYS = ("due", "answered", "coverage", "done", "partial", "not_done", "na", "overdue", "late")
MEASURE_KEYS = ("due", "answered", "done", "partial", "not_done", "na", "overdue", "late")


class Pct(NamedTuple):
    """A coverage figure: a spreadsheet writes the number, text formats write 85.0%."""

    value: float | None

    def __str__(self) -> str:
        return percent(self.value)


Cell = str | int | Pct


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    numeric: frozenset[int] = frozenset()  # figures: right-aligned
    keep: frozenset[int] = frozenset()  # ids and short labels: never broken across lines
    total: bool = False  # the last row sums the others


def figure_cells(figures: Figures, keys: Sequence[str]) -> list[Cell]:
    return [Pct(figures.coverage) if k == "coverage" else int(getattr(figures, k)) for k in keys]


def figure_headers(lang: Lang, keys: Sequence[str]) -> list[str]:
    return [t(lang, f"rep.col.{k}") for k in keys]


def summary_table(lang: Lang, report: Report) -> Table:
    """Per section and in total: slots due, answered, coverage, results, overdue, late."""
    rows = [(tx.section_name(s.number, s.title), *figure_cells(s.figures, SUMMARY_KEYS)) for s in report.sections]
    rows.append((t(lang, "rep.total"), *figure_cells(report.figures, SUMMARY_KEYS)))
    figures = frozenset(range(1, 1 + len(SUMMARY_KEYS)))
    return Table((t(lang, "rep.col.section"), *figure_headers(lang, SUMMARY_KEYS)), tuple(rows), figures, figures, True)


MEASURE_COLUMNS = ("rep.col.id", "rep.col.measure", "rep.col.frequency", "rep.col.state")


def measure_table(lang: Lang, section: SectionPart) -> Table:
    """One row per measure of a section, then the section's total."""
    rows: list[tuple[Cell, ...]] = [
        (
            m.id,
            m.title,
            tx.frequency(lang, m.frequency),
            tx.measure_state(lang, m),
            *figure_cells(m.figures, MEASURE_KEYS),
        )
        for m in section.measures
    ]
    rows.append(("", t(lang, "rep.total"), "", "", *figure_cells(section.figures, MEASURE_KEYS)))
    figures = frozenset(range(4, 4 + len(MEASURE_KEYS)))
    headers = (*(t(lang, k) for k in MEASURE_COLUMNS), *figure_headers(lang, MEASURE_KEYS))
    return Table(headers, tuple(rows), figures, figures | {0, 2, 3}, True)


def overdue_lines(lang: Lang, section: SectionPart) -> list[tuple[str, str, str]]:
    """Measures with overdue slots: id, title and the slots (runs of adjacent ones together)."""
    return [(m.id, m.title, tx.runs_text(lang, m.overdue)) for m in section.measures if m.overdue]


REMARK_COLUMNS = ("rep.col.id", "rep.col.slot", "rep.col.status", "rep.col.by", "rep.col.note", "rep.col.evidence")


def remark_table(lang: Lang, measures: Iterable[MeasureLine]) -> Table | None:
    """One row per note or evidence given; None when there is none."""
    rows = tuple(
        (
            m.id,
            tx.slot_label(lang, s.key),
            tx.state(lang, s.state),
            s.by,
            s.note,
            "；".join(tx.evidence_text(e) for e in s.evidence),
        )
        for m in measures
        for s in m.remarks
    )
    if not rows:
        return None
    return Table(tuple(t(lang, k) for k in REMARK_COLUMNS), rows, keep=frozenset({0, 2}))


def slots_text(lang: Lang, keys: Sequence[str]) -> str:
    """A short list of slots: all of them when few, else the first and the last."""
    if len(keys) <= 3:
        return "、".join(tx.slot_label(lang, k) for k in keys)
    if lang == "zh":
        return f"{cn.cn_slot(keys[0])}至{cn.cn_slot(keys[-1])}"
    return f"{keys[0]} to {keys[-1]}"


NA_COLUMNS = ("rep.col.id", "rep.col.measure", "rep.col.reason", "rep.col.source", "rep.col.slots")


def na_table(lang: Lang, report: Report) -> Table | None:
    """Every 不适用 with its reason and where it comes from; None when there is none."""
    rows = tuple(
        (
            n.measure,
            n.title,
            n.reason,
            t(lang, "rep.na.tailored" if n.tailored else "rep.na.record"),
            t(lang, "rep.na.slots", count=len(n.slots), slots=slots_text(lang, n.slots)),
        )
        for n in report.not_applicable
    )
    if not rows:
        return None
    return Table(tuple(t(lang, k) for k in NA_COLUMNS), rows, keep=frozenset({0, 3}))


@dataclass(frozen=True)
class UnitLine:
    """One unit of the roll-up: its figures per section (None: the section is not in its report)."""

    unit_id: str
    unit_name: str
    as_of: date
    sections: tuple[Figures | None, ...]
    total: Figures


def unit_lines(rollup: Rollup) -> list[UnitLine]:
    return [
        UnitLine(u.unit_id, u.unit_name, u.as_of, tuple(u.section_figures(h.id) for h in rollup.sections), u.figures)
        for u in rollup.units
    ]


def section_short(head: SectionHead) -> str:
    return head.number or head.id


def rollup_table(lang: Lang, rollup: Rollup) -> Table:
    """Units × sections: coverage / overdue slots in each cell, the sections named by number."""

    def cell(f: Figures | None) -> str:
        return "—" if f is None else t(lang, "agg.cell", coverage=percent(f.coverage), overdue=f.overdue)

    headers = (
        t(lang, "agg.col.unit"),
        t(lang, "agg.col.as_of"),
        *(section_short(h) for h in rollup.sections),
        t(lang, "agg.col.total"),
    )
    rows = tuple(
        (f"{u.unit_name} ({u.unit_id})", tx.date_text(lang, u.as_of), *(cell(f) for f in u.sections), cell(u.total))
        for u in unit_lines(rollup)
    )
    figures = frozenset(range(2, len(headers)))
    return Table(headers, rows, figures, figures | {1})


def nodes_table(lang: Lang, rollup: Rollup) -> Table | None:
    """Each level of the union tree (with those below it), as the circular shows it too
    (completeness.node_cells): a spreadsheet gets the rates as numbers."""
    from ..completeness import NODE_KEYS, node_cells

    if not rollup.shown_nodes:
        return None
    rows = []
    for n in rollup.shown_nodes:
        name, expected, reported, on_time, rate, on_time_rate, coverage, overdue = node_cells(n)
        rows.append((name, expected, reported, on_time, Pct(rate), Pct(on_time_rate), Pct(coverage), overdue))
    figures = frozenset(range(1, len(NODE_KEYS)))
    return Table(tuple(t(lang, k) for k in NODE_KEYS), tuple(rows), figures, figures)


def rollup_legend(rollup: Rollup) -> str:
    return "；".join(tx.section_name(h.number, h.title) for h in rollup.sections)


def top_table(lang: Lang, rollup: Rollup) -> Table | None:
    if not rollup.top:
        return None
    keys = ("rep.col.id", "rep.col.measure", "agg.col.units", "agg.col.slots")
    rows = tuple((m.id, m.title, m.units, m.slots) for m in rollup.top)
    return Table(tuple(t(lang, k) for k in keys), rows, frozenset({2, 3}), frozenset({0, 2, 3}))


def header_pieces(text: str) -> list[str]:
    """Where a column heading may break: between its two-character words (应填|时段, 部分|完成),
    never inside one; headings with spaces break at the spaces."""
    if " " in text or len(text) < 4 or not all("\u4e00" <= ch <= "\u9fff" for ch in text):
        return text.split(" ") if " " in text else [text]
    pieces = [text[i : i + 2] for i in range(0, len(text) - 3 if len(text) % 2 else len(text), 2)]
    rest = text[sum(len(p) for p in pieces) :]
    return [*pieces, rest] if rest else pieces
