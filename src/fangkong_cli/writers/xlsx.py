"""XLSX: a summary sheet, one sheet per section, notes and n/a; Chinese font, printable on A4.

Every sheet holds one table: its heading row is frozen on screen and repeated on every
printed page, the footer numbers the pages, and the JSON report rides along inside the file
(see embedded.py) so the provincial office can roll the workbook up.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from ..aggregate import Rollup
from ..messages import Lang, t
from ..report import Report, SectionPart
from . import labels as tx
from . import tables as tb
from .json import write_report as json_report
from .ooxml import finish

FONT = "宋体"
MAX_WIDTH = 60
_SHEET_BAD = re.compile(r"[\[\]:*?/\\']")


def display_width(text: str) -> int:
    """Columns a text takes: CJK and full-width characters count as two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


class Sheet:
    """A worksheet that remembers how wide each column's content is."""

    def __init__(self, book: Book, name: str, lang: Lang) -> None:
        self.book = book
        self.ws = book.wb.add_worksheet(book.sheet_name(name))
        self.ws.set_paper(9)  # A4, landscape, as wide as one page when printed
        self.ws.set_landscape()
        self.ws.fit_to_pages(1, 0)
        self.ws.set_margins(left=0.6, right=0.6, top=0.7, bottom=0.8)
        self.ws.set_footer(t(lang, "rep.xlsx_footer"), {"margin": 0.3})
        self.widths: dict[int, int] = {}
        self.row = 0
        self.written = -1  # the last row written to
        self.has_table = False

    def cell(self, row: int, col: int, value: object, style: str = "cell", measure: bool = True) -> None:
        self.written = max(self.written, row)
        fmt = self.book.formats[style]
        if isinstance(value, tb.Pct):
            value = "—" if value.value is None else value.value
            fmt = self.book.formats["pct"] if not isinstance(value, str) else fmt
        if isinstance(value, bool) or value is None:
            value = "" if value is None else str(value)
        if isinstance(value, int | float):
            self.ws.write_number(row, col, value, fmt)
            text = str(value) if not isinstance(value, float) else "100.0%"
        else:
            text = str(value)
            self.ws.write_string(row, col, text, fmt)  # write_string: never a formula, ids stay text
        if measure:
            longest = max((display_width(line) for line in text.split("\n")), default=0)
            self.widths[col] = max(self.widths.get(col, 0), longest)

    def line(self, text: str, style: str = "plain") -> None:
        if style == "title":
            self.ws.set_row(self.row, 24)
        self.cell(self.row, 0, text, style, measure=False)
        self.row += 1

    def table(self, tab: tb.Table, freeze_cols: int = 0) -> None:
        """The sheet's table; the first one's heading row is frozen and printed on every page."""
        if not self.has_table:
            self.ws.repeat_rows(self.row)
            self.ws.freeze_panes(self.row + 1, freeze_cols)
            self.has_table = True
        for col, header in enumerate(tab.headers):
            self.cell(self.row, col, header, "head")
        self.row += 1
        for r, values in enumerate(tab.rows):
            total = tab.total and r == len(tab.rows) - 1
            for col, value in enumerate(values):
                self.cell(self.row, col, value, "total" if total else "cell")
            self.row += 1
        self.row += 1

    def finish(self) -> None:
        for col, width in sorted(self.widths.items()):
            wrap = width > MAX_WIDTH
            self.ws.set_column(col, col, min(width, MAX_WIDTH) + 2, self.book.formats["wrap"] if wrap else None)


class Book:
    def __init__(self, title: str, created: date, lang: Lang) -> None:
        import xlsxwriter

        self.lang = lang
        self.buffer = io.BytesIO()
        self.wb = xlsxwriter.Workbook(
            self.buffer,
            {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False},
        )
        self.wb.set_properties(
            {
                "title": title,
                "author": "fangkong",
                "company": "",
                "comments": "fangkong",
                "created": datetime(created.year, created.month, created.day),
            }
        )
        base: dict[str, Any] = {"font_name": FONT, "font_size": 11, "valign": "top"}
        border = {"border": 1, "border_color": "#808080"}
        self.formats = {
            "plain": self.wb.add_format(base),
            "title": self.wb.add_format({**base, "bold": True, "font_size": 14}),
            "bold": self.wb.add_format({**base, "bold": True}),
            "head": self.wb.add_format(
                {**base, **border, "bold": True, "bg_color": "#DDE4EE", "text_wrap": True, "valign": "vcenter"}
            ),
            "cell": self.wb.add_format({**base, **border, "text_wrap": True}),
            "total": self.wb.add_format({**base, **border, "bold": True}),
            "pct": self.wb.add_format({**base, **border, "num_format": "0.0%"}),
            "wrap": self.wb.add_format({**base, "text_wrap": True}),
        }
        self.wb.formats[0].set_font_name(FONT)  # the default cell format, used by empty cells
        self.names: set[str] = set()

    def sheet(self, name: str) -> Sheet:
        return Sheet(self, name, self.lang)

    def sheet_name(self, wanted: str) -> str:
        name = _SHEET_BAD.sub("", wanted).strip()[:31] or "Sheet"
        candidate, n = name, 2
        while candidate.lower() in self.names:
            suffix = f"({n})"
            candidate, n = name[: 31 - len(suffix)] + suffix, n + 1
        self.names.add(candidate.lower())
        return candidate

    def close(self, report_json: bytes | None = None) -> bytes:
        self.wb.close()
        return finish(self.buffer.getvalue(), "xl/workbook.xml", report_json)


def _short(number: str, title: str) -> str:
    head = re.split(r"[，,。；;]", title, maxsplit=1)[0]
    return tx.section_name(number, head)


def _pairs(sheet: Sheet, lines: Sequence[tuple[str, str]], blank: str = "") -> None:
    for label, value in lines:
        sheet.cell(sheet.row, 0, label, "bold", measure=False)
        sheet.cell(sheet.row, 1, value or blank, "plain", measure=False)
        sheet.row += 1


def _summary_sheet(book: Book, lang: Lang, report: Report) -> None:
    sheet = book.sheet(t(lang, "rep.sheet.summary"))
    sheet.line(tx.title(lang, report.notice_title, report.checklist), "title")
    _pairs(sheet, tx.head_lines(lang, report))
    sheet.row += 1
    sheet.line(t(lang, "rep.summary"), "title")
    sheet.table(tb.summary_table(lang, report))
    sheet.line(t(lang, "rep.explain"))
    if report.calendar_fallback:
        sheet.line(t(lang, "rep.calendar", years="、".join(map(str, report.calendar_fallback))))
    sheet.row += 1
    sheet.line(t(lang, "rep.signoff"), "title")
    _pairs(sheet, tx.signoff_lines(lang, report), "__________")
    sheet.finish()


def _section_sheet(book: Book, lang: Lang, section: SectionPart) -> None:
    sheet = book.sheet(_short(section.number, section.title))
    sheet.line(tx.section_name(section.number, section.title), "title")
    sheet.line(tx.section_line(lang, section.figures))
    sheet.row += 1
    sheet.table(tb.measure_table(lang, section), freeze_cols=2)
    overdue = tb.overdue_lines(lang, section)
    sheet.line(t(lang, "rep.overdue_slots"), "bold")
    if overdue:
        for mid, title, slots in overdue:
            sheet.line(f"{mid} {title}{tx.colon(lang)}{slots}")
    else:
        sheet.line(t(lang, "rep.no_overdue"))
    sheet.finish()


def _list_sheet(book: Book, lang: Lang, title: str, tab: tb.Table | None, empty: str) -> None:
    sheet = book.sheet(title)
    sheet.line(title, "title")
    sheet.row += 1
    if tab is None:
        sheet.line(empty)
    else:
        sheet.table(tab, freeze_cols=1)
    sheet.finish()


def write_report(report: Report, lang: Lang) -> bytes:
    book = Book(tx.title(lang, report.notice_title, report.checklist), report.as_of, lang)
    _summary_sheet(book, lang, report)
    for section in report.sections:
        _section_sheet(book, lang, section)
    _ledger_sheet(book, lang, report)
    _list_sheet(book, lang, t(lang, "rep.notes"), tb.remark_table(lang, report.measures), t(lang, "rep.no_notes"))
    _list_sheet(book, lang, t(lang, "rep.sheet.na"), tb.na_table(lang, report), t(lang, "rep.no_na"))
    return book.close(json_report(report, lang))


def _units_table(lang: Lang, rollup: Rollup) -> tb.Table:
    """Units × sections with coverage and overdue in columns of their own (numbers to sort by)."""
    headers = [t(lang, "agg.col.unit_id"), t(lang, "agg.col.unit"), t(lang, "agg.col.as_of")]
    for head in [*rollup.sections, None]:
        name = t(lang, "agg.col.total") if head is None else tb.section_short(head)
        headers += [f"{name} {t(lang, 'rep.col.coverage')}", f"{name} {t(lang, 'rep.col.overdue')}"]
    rows = []
    for u in tb.unit_lines(rollup):
        row: list[tb.Cell] = [u.unit_id, u.unit_name, tx.date_text(lang, u.as_of)]
        for f in (*u.sections, u.total):
            row += ["—", "—"] if f is None else tb.figure_cells(f, ("coverage", "overdue"))
        rows.append(tuple(row))
    figures = frozenset(range(3, len(headers)))
    return tb.Table(tuple(headers), tuple(rows), figures, figures | {0, 2})


def write_rollup(rollup: Rollup, lang: Lang) -> bytes:
    book = Book(tx.rollup_title(lang, rollup.notice_title, rollup.checklist), rollup.period.last, lang)
    sheet = book.sheet(t(lang, "rep.sheet.summary"))
    sheet.line(tx.rollup_title(lang, rollup.notice_title, rollup.checklist), "title")
    sheet.line(tx.totals_line(lang, rollup))
    sheet.line(tx.completeness_line(lang, rollup.completeness, rollup.timely_days))
    sheet.row += 1
    sheet.table(_units_table(lang, rollup), freeze_cols=2)
    sheet.line(t(lang, "agg.sections_legend"), "bold")
    for head in rollup.sections:
        sheet.line(tx.section_name(head.number, head.title))
    _listings(sheet, tx.rollup_listings(lang, rollup))
    sheet.row += 1
    sheet.line(t(lang, "agg.top", count=len(rollup.top)), "title")
    top = tb.top_table(lang, rollup)
    if top:
        sheet.table(top)
    else:
        sheet.line(t(lang, "agg.top_none"))
    findings = tx.findings_listing(lang, rollup)
    _listings(sheet, [findings] if findings else [])
    sheet.finish()
    nodes = tb.nodes_table(lang, rollup)
    if nodes is not None:  # its own sheet, so that each table keeps its heading row frozen
        levels = book.sheet(t(lang, "agg.nodes"))
        levels.line(t(lang, "agg.nodes"), "title")
        levels.line(tx.completeness_line(lang, rollup.completeness, rollup.timely_days))
        levels.row += 1
        levels.table(nodes, freeze_cols=1)
        levels.finish()
    return book.close()


def _listings(sheet: Sheet, listings: list[tx.Listing]) -> None:
    """Each list under its heading, one unit (or sentence) a row."""
    for listing in listings:
        if sheet.row == sheet.written + 1:  # one blank row between blocks
            sheet.row += 1
        if listing.heading:
            sheet.line(listing.heading, "title")
        for line in listing.lines or (listing.empty,):
            sheet.line(line)


def _ledger_sheet(book: Book, lang: Lang, report: Report) -> None:
    """The 整改台账 on its own sheet (rows from ledger.py)."""
    from . import rectification as ledger

    sheet = book.sheet(ledger.title(lang))
    sheet.line(ledger.title(lang), "title")
    sheet.line(ledger.summary(lang, report.findings))
    sheet.row += 1
    # The headings even when the period had no finding: a sheet to fill in, printed alike.
    tab = ledger.table(lang, report.findings) or tb.Table(tuple(ledger.headers(lang)), ())
    sheet.table(tab, freeze_cols=1)
    sheet.finish()
