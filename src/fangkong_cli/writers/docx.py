"""DOCX: the report as a work report in the layout of GB/T 9704 (see docx_layout.py).

Title in 小标宋, 主送 the provincial office, a lead paragraph, headings 一、（一）, tables that
fit the 版心 with their heading row repeated and no row split across pages, then the
preparer's line and the 落款: the unit's name and the date written 2021年1月29日.
"""

from __future__ import annotations

import copy
import io
import unicodedata
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from .. import __version__
from ..messages import Lang, t
from ..report import Report, SectionPart
from . import docx_layout as lay
from . import labels as tx
from . import tables as tb
from .json import write_report as json_report
from .ooxml import finish

NUMBERS = "一二三四五六七八九十"
CELL_MARGIN_TWIPS = 45  # about 0.8 mm each side
MIN_TEXT_EM = 4.0  # a column of free text is never narrower than four characters


def xml_escape(text: str) -> str:
    """Text for an XML element; line breaks become spaces (a cell holds one paragraph)."""
    from xml.sax.saxutils import escape

    return escape(" ".join(text.splitlines()))


def em_width(text: str) -> float:
    """Width in ems: CJK and full-width characters one em, the rest about half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55 for ch in text)


def column_widths(tab: tb.Table, total_twips: int, font_pt: float) -> list[int]:
    """Widths that keep ids, figures, short labels and heading words whole and give the rest
    of the line to the free text columns, in proportion to how much they hold."""
    em = font_pt * 20  # twips per em
    pad = 2 * CELL_MARGIN_TWIPS + 30
    count = len(tab.headers)
    need, want = [0.0] * count, [0.0] * count
    for c, header in enumerate(tab.headers):
        need[c] = max(em_width(p) for p in tb.header_pieces(header))
        cells = [str(row[c]) for row in tab.rows]
        longest = max((em_width(v) for v in cells), default=0.0)
        if c in tab.keep or c in tab.numeric:
            need[c] = max(need[c], longest)
            want[c] = need[c]
        else:
            need[c] = max(need[c], min(longest, MIN_TEXT_EM))
            want[c] = max(need[c], min(longest, 40.0))
    widths = [n * em + pad for n in need]
    spare = total_twips - sum(widths)
    if spare < 0:  # too many columns: shrink all alike rather than overflow the 版心
        return [int(w * total_twips / sum(widths)) for w in widths]
    extra = [max(0.0, (w - n) * em) for w, n in zip(want, need, strict=True)]
    if sum(extra) > 0:
        share = min(1.0, spare / sum(extra))
        widths = [w + x * share for w, x in zip(widths, extra, strict=True)]
    free = [c for c in range(count) if c not in tab.keep and c not in tab.numeric] or [count - 1]
    left = total_twips - sum(widths)
    for c in free:  # what is left goes to the text columns
        widths[c] += left / len(free)
    out = [int(w) for w in widths]
    out[free[0]] += total_twips - sum(out)
    return out


class Writer:
    def __init__(self, lang: Lang) -> None:
        from docx import Document
        from docx.shared import Pt

        self.lang = lang
        self.looks: dict[tuple[str, float | None, bool], Any] = {}
        self.doc = Document()
        self.pt = Pt
        lay.page_setup(self.doc)
        lay.styles_setup(self.doc)
        lay.font_table(self.doc)

    def run(
        self, paragraph: Any, text: str, *, font: str = lay.BODY, size: float | None = None, bold: bool = False
    ) -> None:
        # One run properties element per look, copied into each run: python-docx's property
        # setters are slow enough to take a second on a month's tables.
        key = (font, size, bold)
        template = self.looks.get(key)
        if template is None:
            from docx.oxml import parse_xml

            template = self.looks[key] = parse_xml(
                lay.rpr_xml(font, size or lay.BODY_PT, bold).replace("<w:rPr>", f'<w:rPr xmlns:w="{lay.W_NS}">', 1)
            )
        run = paragraph.add_run(text)
        run._element.insert(0, copy.deepcopy(template))

    def paragraph(
        self,
        text: str = "",
        *,
        font: str = lay.BODY,
        size: float | None = None,
        bold: bool = False,
        align: str | None = None,
        indent: bool = True,
        right_chars: int = 0,
        style: str | None = None,
    ) -> Any:
        from docx.oxml import parse_xml

        p = self.doc.add_paragraph(style=style)
        ppr = p._p.get_or_add_pPr()
        if not indent or right_chars:
            right = f' w:rightChars="{right_chars}" w:right="{right_chars * 16 // 5}"' if right_chars else ""
            ppr.append(parse_xml(f'<w:ind xmlns:w="{lay.W_NS}" w:firstLineChars="0" w:firstLine="0"{right}/>'))
        if align is not None:
            ppr.append(parse_xml(f'<w:jc xmlns:w="{lay.W_NS}" w:val="{align}"/>'))
        if text:
            self.run(p, text, font=font, size=size, bold=bold)
        return p

    def heading(self, text: str, level: int) -> None:
        font = {1: lay.HEAD_1, 2: lay.HEAD_2}.get(level, lay.BODY)
        self.paragraph(text, font=font, bold=level == 3, style=f"Heading {level}")

    def table(self, tab: tb.Table) -> None:
        """A grid table as wide as the 版心, written as one piece of XML: heading row repeated on
        each page, no row split across pages, figures right-aligned, totals bold.

        python-docx's cell-by-cell API takes most of a second for a month's tables; the XML
        is what it would write, in a few milliseconds.
        """
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        total = round(lay.TEXT_WIDTH_MM * 1440 / 25.4)
        twips = column_widths(tab, total, lay.TABLE_PT)
        head_rpr, body_rpr = lay.rpr_xml(lay.HEAD_1, lay.TABLE_PT), lay.rpr_xml(lay.BODY, lay.TABLE_PT)
        bold_rpr = lay.rpr_xml(lay.BODY, lay.TABLE_PT, bold=True)
        m = CELL_MARGIN_TWIPS
        parts = [
            f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{total}" w:type="dxa"/>'
            '<w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
            f'<w:tblCellMar><w:left w:w="{m}" w:type="dxa"/><w:right w:w="{m}" w:type="dxa"/></w:tblCellMar>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
            "</w:tblPr><w:tblGrid>",
            *(f'<w:gridCol w:w="{w}"/>' for w in twips),
            "</w:tblGrid>",
        ]
        rows: list[Sequence[object]] = [tab.headers, *tab.rows]
        for r, values in enumerate(rows):
            is_total = tab.total and r == len(rows) - 1
            parts.append("<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if r == 0 else "") + "</w:trPr>")
            for c, value in enumerate(values):
                align = "center" if r == 0 else ("right" if c in tab.numeric else "left")
                rpr = head_rpr if r == 0 else (bold_rpr if is_total else body_rpr)
                text = "\n".join(tb.header_pieces(str(value))) if r == 0 else str(value)
                runs = "<w:br/>".join(
                    f'<w:t xml:space="preserve">{xml_escape(piece)}</w:t>'
                    for piece in (text.split("\n") if r == 0 else [text])
                )
                valign = '<w:vAlign w:val="center"/>' if r == 0 else ""
                parts.append(
                    f'<w:tc><w:tcPr><w:tcW w:w="{twips[c]}" w:type="dxa"/>{valign}</w:tcPr>'
                    f'<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/>'
                    f'<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="{align}"/></w:pPr>'
                    f"<w:r>{rpr}{runs}</w:r></w:p></w:tc>"
                )
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
        body = self.doc.element.body
        body.insert(len(body) - 1, parse_xml("".join(parts)))  # before the final w:sectPr

    def save(self, title: str, subject: str, stamp: datetime, report_json: bytes) -> bytes:
        props = self.doc.core_properties
        props.title = title
        props.subject = subject
        props.author = "fangkong"
        props.last_modified_by = "fangkong"
        props.comments = f"fangkong {__version__}"
        props.keywords = ""
        props.category = ""
        props.revision = 1
        props.created = props.modified = props.last_printed = stamp
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return finish(buffer.getvalue(), "word/document.xml", report_json)


def _numbered(lang: Lang, index: int, text: str) -> str:
    """A level-one heading: 一、总体情况 / 1. Summary."""
    if lang == "zh":
        return f"{NUMBERS[index] if index < len(NUMBERS) else index + 1}、{text}"
    return f"{index + 1}. {text}"


def _section_heading(lang: Lang, section: SectionPart) -> str:
    """A level-two heading: the notice's own section number in brackets, （一）加强组织领导."""
    if lang == "zh" and section.number:
        return f"（{section.number}）{section.title}"
    return tx.section_name(section.number, section.title)


def _lead(lang: Lang, report: Report) -> str:
    unit, period, as_of = report.unit_name, tx.period_text(lang, report.period), tx.date_text(lang, report.as_of)
    if report.notice_title:
        doc = (
            f"（{report.doc_number}）"
            if report.doc_number and lang == "zh"
            else (f" ({report.doc_number})" if report.doc_number else "")
        )
        return t(lang, "rep.docx.lead", title=report.notice_title, doc=doc, unit=unit, period=period, as_of=as_of)
    return t(lang, "rep.docx.lead_plain", checklist=report.checklist, unit=unit, period=period, as_of=as_of)


def _label(w: Writer, label: str, text: str = "") -> None:
    p = w.paragraph()
    p.paragraph_format.keep_with_next = True
    w.run(p, label + tx.colon(w.lang), font=lay.HEAD_2)
    if text:
        w.run(p, text)


def _section(w: Writer, section: SectionPart) -> None:
    lang = w.lang
    w.heading(_section_heading(lang, section), 2)
    w.paragraph(
        tx.section_line(lang, section.figures) + ("。" if lang == "zh" else ".")
    ).paragraph_format.keep_with_next = True
    w.table(tb.measure_table(lang, section))
    overdue = tb.overdue_lines(lang, section)
    _label(w, t(lang, "rep.overdue_slots"), "" if overdue else t(lang, "rep.no_overdue"))
    for mid, title, slots in overdue:
        w.paragraph(f"{mid} {title}{tx.colon(lang)}{slots}")
    remarks = tb.remark_table(lang, section.measures)
    if remarks:
        _label(w, t(lang, "rep.notes"))
        w.table(remarks)


def _closing(w: Writer, report: Report) -> None:
    """The preparer's line, then the 落款: the unit's name centred over the date, right-aligned."""
    lang = w.lang
    gap = "\u3000\u3000" if lang == "zh" else "    "
    w.paragraph()
    lines = [f"{label}{tx.colon(lang)}{value or '________'}" for label, value in tx.signoff_lines(lang, report)[:3]]
    w.paragraph(gap.join(lines[:2]))  # 填报人 and 联系电话 on one line, 审核人 below
    w.paragraph(lines[2])
    w.paragraph()
    name, day = report.unit_name, tx.date_key_text(lang, report.signoff.date)
    shift = round((em_width(day) - em_width(name)) * 50)  # hundredths of a character, half the difference
    w.paragraph(name, align="right", right_chars=200 + max(shift, 0))
    w.paragraph(day, align="right", right_chars=200 + max(-shift, 0))


def write_report(report: Report, lang: Lang) -> bytes:
    w = Writer(lang)
    title = tx.title(lang, report.notice_title, report.checklist)
    lay.title_spacing(w.paragraph(title, font=lay.TITLE, size=lay.TITLE_PT, align="center", indent=False))
    w.paragraph(indent=False)
    if report.report_to:
        w.paragraph(f"{report.report_to}{tx.colon(lang)}", indent=False)
    w.paragraph(_lead(lang, report))
    if report.generated_at is not None:
        w.paragraph(f"{t(lang, 'rep.generated')}{tx.colon(lang)}{tx.moment_text(lang, report.generated_at)}")
    w.heading(_numbered(lang, 0, t(lang, "rep.summary")), 1)
    w.paragraph(tx.section_line(lang, report.figures) + ("。" if lang == "zh" else "."))
    w.table(tb.summary_table(lang, report))
    w.paragraph(t(lang, "rep.explain"))
    if report.calendar_fallback:
        w.paragraph(t(lang, "rep.calendar", years="、".join(map(str, report.calendar_fallback))))
    w.heading(_numbered(lang, 1, t(lang, "rep.sections")), 1)
    for section in report.sections:
        _section(w, section)
    w.heading(_numbered(lang, 2, t(lang, "rep.na")), 1)
    na = tb.na_table(lang, report)
    if na:
        w.table(na)
    else:
        w.paragraph(t(lang, "rep.no_na"))
    _ledger(w, report)
    _closing(w, report)
    stamp = datetime(report.as_of.year, report.as_of.month, report.as_of.day)
    return w.save(title, f"{report.unit_name} {tx.period_text(lang, report.period)}", stamp, json_report(report, lang))


def _ledger(w: Writer, report: Report) -> None:
    """The 整改台账 of the period (rows from ledger.py)."""
    from . import rectification as ledger

    w.heading(ledger.title(w.lang), 1)
    w.paragraph(ledger.summary(w.lang, report.findings), size=12)
    if report.findings:
        tab = ledger.table(w.lang, report.findings)
        assert tab is not None
        w.table(tab)
