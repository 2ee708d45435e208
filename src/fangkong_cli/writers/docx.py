"""DOCX: the report laid out like an official document, 仿宋 body and 黑体 headings."""

from __future__ import annotations

import copy
import io
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from ..messages import Lang, t
from ..report import Report, SectionPart
from . import text as tx
from .zipfix import normalize

BODY_FONT = "仿宋"  # FangSong ships with every Chinese Windows; 仿宋_GB2312 often does not
HEAD_FONT = "黑体"
TITLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"


def set_fonts(element: Any, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Give a run or style its fonts, East Asian included (w:rFonts w:eastAsia)."""
    from docx.oxml.ns import qn

    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def _rpr_xml(east_asia: str, size: float) -> str:
    half_points = round(size * 2)
    return (
        f"<w:rPr><w:rFonts w:ascii=\"{LATIN_FONT}\" w:hAnsi=\"{LATIN_FONT}\" w:cs=\"{LATIN_FONT}\" "
        f"w:eastAsia=\"{east_asia}\"/><w:sz w:val=\"{half_points}\"/><w:szCs w:val=\"{half_points}\"/></w:rPr>"
    )


def xml_escape(text: str) -> str:
    """Text for an XML element; line breaks become spaces (a cell holds one paragraph)."""
    from xml.sax.saxutils import escape

    return escape(" ".join(text.splitlines()))


class Writer:
    def __init__(self, lang: Lang) -> None:
        from docx import Document
        from docx.shared import Mm, Pt, RGBColor

        self.lang = lang
        self.looks: dict[tuple[str, float | None, bool], Any] = {}
        self.doc = Document()
        self.pt = Pt
        # python-docx's template declares Japanese as the East Asian language: Word would then
        # pick Japanese glyph forms and proofing for the Chinese text.
        from docx.oxml.ns import qn

        for lang_el in self.doc.settings.element.iter(qn("w:themeFontLang")):
            lang_el.set(qn("w:eastAsia"), "zh-CN")
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(30), Mm(25)
        section.left_margin, section.right_margin = Mm(26), Mm(24)
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.size = Pt(14)
        normal.font.name = LATIN_FONT
        set_fonts(normal.element, BODY_FONT)
        normal.paragraph_format.space_after = Pt(4)
        normal.paragraph_format.line_spacing = 1.25
        for name, size in (("Heading 1", 16), ("Heading 2", 14)):
            style = styles[name]
            style.font.size = Pt(size)
            style.font.bold = name == "Heading 2"
            style.font.color.rgb = RGBColor(0, 0, 0)
            set_fonts(style.element, HEAD_FONT)
            style.paragraph_format.space_before = Pt(12)
            style.paragraph_format.space_after = Pt(6)

    def run(self, paragraph: Any, text: str, *, font: str = BODY_FONT, size: float | None = None, bold: bool = False) -> None:
        # One run properties element per look, copied into each run: python-docx's property
        # setters are slow enough to take a second on a month's tables.
        key = (font, size, bold)
        template = self.looks.get(key)
        if template is None:
            probe = paragraph.add_run("")
            probe.font.name = LATIN_FONT
            if size is not None:
                probe.font.size = self.pt(size)
            if bold:
                probe.font.bold = True
            set_fonts(probe._element, font)
            template = self.looks[key] = probe._element.rPr
            paragraph._p.remove(probe._element)
        run = paragraph.add_run(text)
        run._element.insert(0, copy.deepcopy(template))

    def paragraph(self, text: str = "", *, font: str = BODY_FONT, size: float | None = None, bold: bool = False,
                  center: bool = False, style: str | None = None) -> Any:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        p = self.doc.add_paragraph(style=style)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if text:
            self.run(p, text, font=font, size=size, bold=bold)
        return p

    def heading(self, text: str, level: int) -> None:
        self.paragraph(text, font=HEAD_FONT, style=f"Heading {level}")

    def table(
        self, headers: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float], numeric_from: int = 99
    ) -> None:
        """A grid table with fixed column widths, written as one piece of XML.

        python-docx's cell-by-cell API takes most of a second for a month's tables; the XML
        is what it would write, in a few milliseconds.
        """
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        twips = [round(w * 1440 / 25.4) for w in widths]
        head_rpr, body_rpr = _rpr_xml(HEAD_FONT, 9), _rpr_xml(BODY_FONT, 10.5)
        parts = [
            f"<w:tbl {nsdecls('w')}><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"{sum(twips)}\" w:type=\"dxa\"/>"
            "<w:jc w:val=\"center\"/><w:tblLayout w:type=\"fixed\"/>"
            "<w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"1\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/>"
            "</w:tblPr><w:tblGrid>",
            *(f"<w:gridCol w:w=\"{w}\"/>" for w in twips),
            "</w:tblGrid>",
        ]
        for r, values in enumerate([headers, *rows]):
            parts.append("<w:tr>" + ("<w:trPr><w:tblHeader/></w:trPr>" if r == 0 else ""))
            for c, value in enumerate(values):
                center = "<w:jc w:val=\"center\"/>" if c >= numeric_from or r == 0 else ""
                parts.append(
                    f"<w:tc><w:tcPr><w:tcW w:w=\"{twips[c]}\" w:type=\"dxa\"/></w:tcPr><w:p><w:pPr>"
                    f"<w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>{center}</w:pPr>"
                    f"<w:r>{head_rpr if r == 0 else body_rpr}<w:t xml:space=\"preserve\">{xml_escape(str(value))}</w:t></w:r></w:p></w:tc>"
                )
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
        body = self.doc.element.body
        body.insert(len(body) - 1, parse_xml("".join(parts)))  # before the final w:sectPr
        self.paragraph()

    def save(self, title: str, stamp: datetime) -> bytes:
        props = self.doc.core_properties
        props.title = title
        props.author = "fangkong"
        props.last_modified_by = "fangkong"
        props.comments = ""
        props.revision = 1
        props.created = props.modified = props.last_printed = stamp
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return normalize(buffer.getvalue())


FIGURE_WIDTHS = (44, 14, 12, 14, 12, 12, 12, 12, 12, 10)
MEASURE_WIDTHS = (13, 45, 15, 12, 10, 11, 11, 11, 11, 12)


def _summary(w: Writer, report: Report) -> None:
    lang = w.lang
    rows = [[tx.section_name(s.number, s.title), *tx.figure_values(s.figures)] for s in report.sections]
    rows.append([t(lang, "rep.total"), *tx.figure_values(report.figures)])
    w.table([t(lang, "rep.col.section"), *tx.figure_headers(lang)], rows, FIGURE_WIDTHS, numeric_from=1)
    w.paragraph(t(lang, "rep.explain"), size=12)


def _section(w: Writer, section: SectionPart) -> None:
    lang = w.lang
    w.heading(tx.section_name(section.number, section.title), 2)
    headers = [t(lang, "rep.col.id"), t(lang, "rep.col.measure"), t(lang, "rep.col.state"),
               *(t(lang, f"rep.col.{k}") for k in ("due", "answered", "done", "partial", "not_done", "na", "overdue"))]
    rows = [
        [m.id, m.title, tx.measure_state(lang, m), m.figures.due, m.figures.answered, m.figures.done,
         m.figures.partial, m.figures.not_done, m.figures.na, m.figures.overdue]
        for m in section.measures
    ]
    w.table(headers, rows, MEASURE_WIDTHS, numeric_from=3)
    overdue = [m for m in section.measures if m.overdue]
    p = w.paragraph()
    w.run(p, t(lang, "rep.overdue_slots") + tx.colon(lang), font=HEAD_FONT, size=12)
    if not overdue:
        w.run(p, t(lang, "rep.no_overdue"), size=12)
    for m in overdue:
        w.paragraph(f"{m.id} {m.title}{tx.colon(lang)}{tx.runs_text(lang, m.overdue)}", size=12)
    remarks = tx.remark_rows(lang, section)
    if remarks:
        p = w.paragraph()
        w.run(p, t(lang, "rep.notes") + tx.colon(lang), font=HEAD_FONT, size=12)
        w.table(tx.remark_headers(lang), remarks, (13, 22, 18, 16, 46, 45))


def write_report(report: Report, lang: Lang) -> bytes:
    w = Writer(lang)
    title = tx.title(lang, report.notice_title, report.checklist)
    w.paragraph(title, font=TITLE_FONT, size=20, bold=True, center=True)
    for label, value in tx.head_lines(lang, report):
        w.paragraph(f"{label}{tx.colon(lang)}{value}", size=14)
    w.heading(t(lang, "rep.summary"), 1)
    _summary(w, report)
    if report.calendar_fallback:
        w.paragraph(t(lang, "rep.calendar", years="、".join(map(str, report.calendar_fallback))), size=12)
    w.heading(t(lang, "rep.sections"), 1)
    for section in report.sections:
        _section(w, section)
    w.heading(t(lang, "rep.na"), 1)
    if report.not_applicable:
        keys = ("rep.col.id", "rep.col.measure", "rep.col.reason", "rep.col.source", "rep.col.slots")
        w.table(
            [t(lang, k) for k in keys],
            [[n.measure, n.title, n.reason, t(lang, "rep.na.tailored" if n.tailored else "rep.na.record"),
              t(lang, "rep.na.slots", count=len(n.slots), slots=tx.compact(n.slots))] for n in report.not_applicable],
            (13, 40, 48, 20, 39),
        )
    else:
        w.paragraph(t(lang, "rep.no_na"))
    _ledger(w, report)
    w.heading(t(lang, "rep.signoff"), 1)
    for label, value in tx.signoff_lines(lang, report):
        w.paragraph(f"{label}{tx.colon(lang)}{value or '________________'}")
    stamp = datetime(report.as_of.year, report.as_of.month, report.as_of.day)
    return w.save(title, stamp)


def _ledger(w: Writer, report: Report) -> None:
    """The 整改台账 of the period (rows from ledger.py)."""
    from . import ledger

    w.heading(ledger.title(w.lang), 1)
    w.paragraph(ledger.summary(w.lang, report.findings), size=12)
    if report.findings:
        w.table(ledger.headers(w.lang), ledger.rows(w.lang, report.findings), (20, 18, 11, 22, 22, 10, 11, 12, 6, 14, 14))
