"""CSV: one row per measure and slot, UTF-8 with BOM for Excel, no formula can slip through."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from ..aggregate import Rollup
from ..messages import Lang, t
from ..report import MeasureLine, Report, SlotLine
from . import text as tx

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutral(value: object) -> str:
    """A cell Excel shows as text: one starting like a formula gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_bytes(rows: Iterable[Sequence[object]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow([neutral(c) for c in row])
    return (BOM + buffer.getvalue()).encode("utf-8")


REPORT_COLUMNS = (
    "agg.col.unit_id", "rep.period", "agg.col.section_id", "rep.col.section", "rep.col.id", "rep.col.measure",
    "rep.col.frequency", "rep.col.slot", "rep.col.status", "rep.col.late_flag", "rep.col.by", "rep.col.at",
    "rep.col.note", "rep.col.reason", "rep.col.evidence",
)


def _slot_row(lang: Lang, s: SlotLine) -> list[object]:
    return [
        s.key,
        tx.state(lang, s.state),
        t(lang, "rep.yes") if s.late else "",
        s.by,
        s.at.isoformat() if s.at is not None else "",
        s.note,
        s.reason,
        "\n".join(tx.evidence_text(e) for e in s.evidence),
    ]


def _measure_rows(lang: Lang, m: MeasureLine) -> list[list[object]]:
    lines = (*m.slots, *m.events)
    if not lines:
        return [["", tx.measure_state(lang, m), "", "", "", "", "", ""]]
    return [_slot_row(lang, s) for s in lines]


def write_report(report: Report, lang: Lang) -> bytes:
    rows: list[Sequence[object]] = [[t(lang, key) for key in REPORT_COLUMNS]]
    for section in report.sections:
        name = tx.section_name(section.number, section.title)
        for m in section.measures:
            head = [report.unit_id, report.period.label, section.id, name, m.id, m.title, tx.frequency(lang, m.frequency)]
            rows.extend([*head, *row] for row in _measure_rows(lang, m))
    rows += _ledger(lang, report)
    return to_bytes(rows)


ROLLUP_COLUMNS = ("agg.col.unit_id", "agg.col.unit", "agg.col.as_of", "agg.col.section_id", "rep.col.section", *(f"rep.col.{k}" for k in tx.FIGURE_KEYS))


def write_rollup(rollup: Rollup, lang: Lang) -> bytes:
    """One row per unit and section, then the unit's total."""
    rows: list[Sequence[object]] = [[t(lang, key) for key in ROLLUP_COLUMNS]]
    for u in rollup.units:
        head = [u.unit_id, u.unit_name, u.as_of.isoformat()]
        for section, figures in u.sections:
            rows.append([*head, section.id, tx.section_name(section.number, section.title), *tx.figure_values(figures)])
        rows.append([*head, "", t(lang, "rep.total"), *tx.figure_values(u.figures)])
    return to_bytes(rows)


def _ledger(lang: Lang, report: Report) -> list[Sequence[object]]:
    """The 整改台账 below the records, after an empty row: its title, a header, one row each."""
    from . import ledger

    out: list[Sequence[object]] = [[], [ledger.title(lang), ledger.summary(lang, report.findings)]]
    if report.findings:
        out += [ledger.headers(lang), *ledger.rows(lang, report.findings)]
    return out
