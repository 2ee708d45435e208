"""XLSX: a summary sheet and one sheet per section, Chinese font, widths that fit CJK text."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from ..aggregate import Rollup
from ..messages import Lang, slot_text, t
from ..report import Report, SectionPart
from . import text as tx
from .zipfix import normalize

FONT = "宋体"
MAX_WIDTH = 60
_SHEET_BAD = re.compile(r"[\[\]:*?/\\']")


def display_width(text: str) -> int:
    """Columns a text takes: CJK and full-width characters count as two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


class Sheet:
    """A worksheet that remembers how wide each column's content is."""

    def __init__(self, book: Book, name: str) -> None:
        self.book = book
        self.ws = book.wb.add_worksheet(book.sheet_name(name))
        self.ws.set_paper(9)  # A4, landscape, as wide as one page when printed
        self.ws.set_landscape()
        self.ws.fit_to_pages(1, 0)
        self.widths: dict[int, int] = {}
        self.row = 0

    def cell(self, row: int, col: int, value: object, style: str = "cell", measure: bool = True) -> None:
        fmt = self.book.formats[style]
        if isinstance(value, bool) or value is None:
            value = "" if value is None else str(value)
        if isinstance(value, int | float):
            self.ws.write_number(row, col, value, fmt)
            text = str(value) if style != "pct" else "100.0%"
        else:
            text = str(value)
            self.ws.write_string(row, col, text, fmt)  # write_string: never a formula
        if measure:
            longest = max((display_width(line) for line in text.split("\n")), default=0)
            self.widths[col] = max(self.widths.get(col, 0), longest)

    def line(self, text: str, style: str = "plain") -> None:
        if style == "title":
            self.ws.set_row(self.row, 24)
        self.cell(self.row, 0, text, style, measure=False)
        self.row += 1

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[object]], styles: dict[int, str] | None = None) -> None:
        for col, header in enumerate(headers):
            self.cell(self.row, col, header, "head")
        self.row += 1
        for values in rows:
            for col, value in enumerate(values):
                self.cell(self.row, col, value, (styles or {}).get(col, "cell"))
            self.row += 1
        self.row += 1

    def finish(self) -> None:
        for col, width in sorted(self.widths.items()):
            wrap = width > MAX_WIDTH
            self.ws.set_column(col, col, min(width, MAX_WIDTH) + 2, self.book.formats["wrap"] if wrap else None)


class Book:
    def __init__(self, title: str, created: date) -> None:
        import xlsxwriter

        self.buffer = io.BytesIO()
        self.wb = xlsxwriter.Workbook(
            self.buffer,
            {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False},
        )
        self.wb.set_properties(
            {"title": title, "author": "fangkong", "created": datetime(created.year, created.month, created.day)}
        )
        base: dict[str, Any] = {"font_name": FONT, "font_size": 11, "valign": "top"}
        border = {"border": 1, "border_color": "#808080"}
        self.formats = {
            "plain": self.wb.add_format(base),
            "title": self.wb.add_format({**base, "bold": True, "font_size": 14}),
            "bold": self.wb.add_format({**base, "bold": True}),
            "head": self.wb.add_format({**base, **border, "bold": True, "bg_color": "#DDE4EE", "text_wrap": True}),
            "cell": self.wb.add_format({**base, **border, "text_wrap": True}),
            "pct": self.wb.add_format({**base, **border, "num_format": "0.0%"}),
            "wrap": self.wb.add_format({**base, "text_wrap": True}),
        }
        self.wb.formats[0].set_font_name(FONT)  # the default cell format, used by empty cells
        self.names: set[str] = set()

    def sheet_name(self, wanted: str) -> str:
        name = _SHEET_BAD.sub("", wanted).strip()[:31] or "Sheet"
        candidate, n = name, 2
        while candidate.lower() in self.names:
            suffix = f"({n})"
            candidate, n = name[: 31 - len(suffix)] + suffix, n + 1
        self.names.add(candidate.lower())
        return candidate

    def close(self) -> bytes:
        self.wb.close()
        return normalize(self.buffer.getvalue())


def _figures_row(label: str, figures: Any) -> list[object]:
    cov = figures.coverage
    return [label, figures.due, figures.answered, "—" if cov is None else cov, figures.done, figures.partial,
            figures.not_done, figures.na, figures.overdue, figures.late]


def _short(number: str, title: str) -> str:
    head = re.split(r"[，,。；;]", title, maxsplit=1)[0]
    return tx.section_name(number, head)


def _summary_sheet(book: Book, lang: Lang, report: Report) -> None:
    sheet = Sheet(book, t(lang, "rep.sheet.summary"))
    sheet.line(tx.title(lang, report.notice_title, report.checklist), "title")
    for label, value in tx.head_lines(lang, report):
        sheet.cell(sheet.row, 0, label, "bold")
        sheet.cell(sheet.row, 1, value, "plain", measure=False)
        sheet.row += 1
    sheet.row += 1
    sheet.line(t(lang, "rep.summary"), "title")
    rows = [_figures_row(tx.section_name(s.number, s.title), s.figures) for s in report.sections]
    rows.append(_figures_row(t(lang, "rep.total"), report.figures))
    sheet.table([t(lang, "rep.col.section"), *tx.figure_headers(lang)], rows, {3: "pct"})
    sheet.line(t(lang, "rep.explain"))
    if report.calendar_fallback:
        sheet.line(t(lang, "rep.calendar", years="、".join(map(str, report.calendar_fallback))))
    sheet.row += 1
    sheet.line(t(lang, "rep.signoff"), "title")
    for label, value in tx.signoff_lines(lang, report):
        sheet.cell(sheet.row, 0, label, "bold")
        sheet.cell(sheet.row, 1, value or "__________", "plain", measure=False)
        sheet.row += 1
    sheet.finish()


def _section_sheet(book: Book, lang: Lang, section: SectionPart) -> None:
    sheet = Sheet(book, _short(section.number, section.title))
    sheet.line(tx.section_name(section.number, section.title), "title")
    sheet.row += 1
    headers = [t(lang, "rep.col.id"), t(lang, "rep.col.measure"), t(lang, "rep.col.frequency"),
               t(lang, "rep.col.state"), *tx.measure_figure_headers(lang), t(lang, "rep.col.overdue_slots")]
    rows = [
        [m.id, m.title, tx.frequency(lang, m.frequency), tx.measure_state(lang, m), *tx.measure_figure_values(m.figures),
         tx.runs_text(lang, m.overdue)]
        for m in section.measures
    ]
    rows.append(["", t(lang, "rep.total"), "", "", *tx.measure_figure_values(section.figures), ""])
    sheet.table(headers, rows)
    sheet.ws.freeze_panes(3, 2)
    sheet.finish()


def _notes_sheet(book: Book, lang: Lang, report: Report) -> None:
    sheet = Sheet(book, t(lang, "rep.sheet.notes"))
    sheet.line(t(lang, "rep.notes"), "title")
    remarks = [
        [section.id, m.id, m.title, slot_text(lang, s.key), tx.state(lang, s.state), s.by, s.at.isoformat() if s.at else "", s.note,
         "\n".join(tx.evidence_text(e) for e in s.evidence)]
        for section in report.sections
        for m in section.measures
        for s in m.remarks
    ]
    if remarks:
        columns = ("agg.col.section_id", "rep.col.id", "rep.col.measure", "rep.col.slot", "rep.col.status",
                   "rep.col.by", "rep.col.at", "rep.col.note", "rep.col.evidence")
        sheet.table([t(lang, k) for k in columns], remarks)
    else:
        sheet.line(t(lang, "rep.no_notes"))
        sheet.row += 1
    sheet.line(t(lang, "rep.na"), "title")
    if report.not_applicable:
        keys = ("rep.col.id", "rep.col.measure", "rep.col.reason", "rep.col.source", "rep.col.slots")
        sheet.table(
            [t(lang, k) for k in keys],
            [
                [n.measure, n.title, n.reason, t(lang, "rep.na.tailored" if n.tailored else "rep.na.record"),
                 t(lang, "rep.na.slots", count=len(n.slots), slots=tx.compact(n.slots))]
                for n in report.not_applicable
            ],
        )
    else:
        sheet.line(t(lang, "rep.no_na"))
    sheet.finish()


def write_report(report: Report, lang: Lang) -> bytes:
    book = Book(tx.title(lang, report.notice_title, report.checklist), report.as_of)
    _summary_sheet(book, lang, report)
    for section in report.sections:
        _section_sheet(book, lang, section)
    _ledger_sheet(book, lang, report)
    _notes_sheet(book, lang, report)
    return book.close()


def write_rollup(rollup: Rollup, lang: Lang) -> bytes:
    book = Book(tx.rollup_title(lang, rollup.notice_title, rollup.checklist), rollup.period.last)
    sheet = Sheet(book, t(lang, "rep.sheet.summary"))
    sheet.line(tx.rollup_title(lang, rollup.notice_title, rollup.checklist), "title")
    sheet.line(tx.totals_line(lang, rollup))
    sheet.row += 1
    headers = [t(lang, "agg.col.unit_id"), t(lang, "agg.col.unit"), t(lang, "agg.col.as_of")]
    styles: dict[int, str] = {}
    for head in [*rollup.sections, None]:
        name = t(lang, "agg.col.total") if head is None else (head.number or head.id)
        styles[len(headers)] = "pct"
        headers += [f"{name} {t(lang, 'rep.col.coverage')}", f"{name} {t(lang, 'rep.col.overdue')}"]
    rows = []
    for u in rollup.units:
        row: list[object] = [u.unit_id, u.unit_name, u.as_of.isoformat()]
        for f in [*(u.section_figures(h.id) for h in rollup.sections), u.figures]:
            cov = None if f is None else f.coverage
            row += ["—" if cov is None else cov, "—" if f is None else f.overdue]
        rows.append(row)
    sheet.table(headers, rows, styles)
    sheet.line(t(lang, "agg.sections_legend"), "bold")
    for head in rollup.sections:
        sheet.line(tx.section_name(head.number, head.title))
    sheet.row += 1
    sheet.line(t(lang, "agg.missing"), "title")
    if rollup.expected is None:
        sheet.line(t(lang, "agg.no_expect"))
    elif rollup.missing:
        sheet.table([t(lang, "agg.col.unit_id")], [[unit] for unit in rollup.missing])
    else:
        sheet.line(t(lang, "agg.missing_none"))
    if rollup.unexpected:
        sheet.line(t(lang, "agg.unexpected", units="、".join(rollup.unexpected)))
    sheet.row += 1
    sheet.line(t(lang, "agg.top", count=len(rollup.top)), "title")
    keys = ("rep.col.id", "rep.col.measure", "agg.col.units", "agg.col.slots")
    if rollup.top:
        sheet.table([t(lang, k) for k in keys], [[m.id, m.title, m.units, m.slots] for m in rollup.top])
    else:
        sheet.line(t(lang, "agg.top_none"))
    sheet.finish()
    return book.close()


def _ledger_sheet(book: Book, lang: Lang, report: Report) -> None:
    """The 整改台账 on its own sheet (rows from ledger.py)."""
    from . import ledger

    sheet = Sheet(book, ledger.title(lang))
    sheet.line(ledger.title(lang), "title")
    sheet.line(ledger.summary(lang, report.findings))
    sheet.row += 1
    if report.findings:
        sheet.table(ledger.headers(lang), ledger.rows(lang, report.findings))
    sheet.finish()
