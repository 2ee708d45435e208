"""CSV: one row per measure and slot; UTF-8 with BOM for Excel; ids stay text; no formula slips through.

Spreadsheets guess a type for every CSV field: Excel, WPS and LibreOffice turn the id 2.10
into the number 2.1 and a day into a date serial, and a quoted field does not stop them.
A text cell that starts with a digit (ids, slot keys, dates written for people) therefore
begins with U+2060 WORD JOINER: invisible, it makes no program see a number or a date, and
the file stays plain CSV for any reader (strip U+2060 to get the bare value). Figures are
written as numbers. A cell starting like a formula gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from ..aggregate import Rollup
from ..messages import Lang, t
from ..report import MeasureLine, Report, SlotLine
from . import labels as tx
from . import tables as tb

BOM = "\ufeff"
TEXT_MARK = "\u2060"  # WORD JOINER: keeps 2.10 and 2021-01-18 text in a spreadsheet
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutral(value: object) -> str:
    """A cell a spreadsheet shows as written: never a formula, never a number it was not."""
    if isinstance(value, int | tb.Pct):
        return str(value)
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    if text[:1].isdigit():
        return TEXT_MARK + text
    return text


def to_bytes(rows: Iterable[Sequence[object]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow([neutral(c) for c in row])
    return (BOM + buffer.getvalue()).encode("utf-8")


REPORT_COLUMNS = (
    "agg.col.unit_id",
    "rep.period",
    "agg.col.section_id",
    "rep.col.section",
    "rep.col.id",
    "rep.col.measure",
    "rep.col.frequency",
    "rep.col.slot",
    "rep.col.slot_key",
    "rep.col.status",
    "rep.col.late_flag",
    "rep.col.by",
    "rep.col.at",
    "rep.col.note",
    "rep.col.reason",
    "rep.col.evidence",
)


def _slot_row(lang: Lang, s: SlotLine) -> list[object]:
    return [
        tx.slot_label(lang, s.key),
        s.key,
        tx.state(lang, s.state),
        t(lang, "rep.yes") if s.late else "",
        s.by,
        tx.moment_text(lang, s.at),
        s.note,
        s.reason,
        "\n".join(tx.evidence_text(e) for e in s.evidence),
    ]


def _measure_rows(lang: Lang, m: MeasureLine) -> list[list[object]]:
    lines = (*m.slots, *m.events)
    if not lines:
        return [["", "", tx.measure_state(lang, m), "", "", "", "", "", ""]]
    return [_slot_row(lang, s) for s in lines]


def write_report(report: Report, lang: Lang) -> bytes:
    rows: list[Sequence[object]] = [[t(lang, key) for key in REPORT_COLUMNS]]
    period = tx.period_text(lang, report.period)
    for section in report.sections:
        name = tx.section_name(section.number, section.title)
        for m in section.measures:
            head = [report.unit_id, period, section.id, name, m.id, m.title, tx.frequency(lang, m.frequency)]
            rows.extend([*head, *row] for row in _measure_rows(lang, m))
    rows += _ledger(lang, report)
    return to_bytes(rows)


ROLLUP_COLUMNS = (
    "agg.col.unit_id",
    "agg.col.unit",
    "agg.col.as_of",
    "agg.col.section_id",
    "rep.col.section",
    *(f"rep.col.{k}" for k in tb.SUMMARY_KEYS),
)


def write_rollup(rollup: Rollup, lang: Lang) -> bytes:
    """One row per unit and section, then the unit's total."""
    rows: list[Sequence[object]] = [[t(lang, key) for key in ROLLUP_COLUMNS]]
    for u in tb.unit_lines(rollup):
        head = [u.unit_id, u.unit_name, tx.date_text(lang, u.as_of)]
        for section, figures in zip(rollup.sections, u.sections, strict=True):
            if figures is not None:
                cells = tb.figure_cells(figures, tb.SUMMARY_KEYS)
                rows.append([*head, section.id, tx.section_name(section.number, section.title), *cells])
        rows.append([*head, "", t(lang, "rep.total"), *tb.figure_cells(u.total, tb.SUMMARY_KEYS)])
    return to_bytes(rows)


def _ledger(lang: Lang, report: Report) -> list[Sequence[object]]:
    """The 整改台账 below the records, after an empty row: its title, a header, one row each."""
    from . import rectification as ledger

    out: list[Sequence[object]] = [[], [ledger.title(lang), ledger.summary(lang, report.findings)]]
    if report.findings:
        out += [ledger.headers(lang), *ledger.rows(lang, report.findings)]
    return out
