"""DOCX: the 通报 on a roll-up, laid out after GB/T 9704 (the layout of Chinese official documents).

A4; 版心 156 × 225 mm (top margin 37 mm, left 28 mm); the issuing office in red above a red
rule; the title in 2号 小标宋; the body in 3号 仿宋, 22 lines a page; level-one headings in
黑体; page numbers "— 1 —" in 4号 宋体, odd pages right and even pages left. The content
comes from circular_content.py; python-docx is imported only here.
"""

from __future__ import annotations

import io
import unicodedata
from datetime import datetime
from typing import Any

from ..aggregate import Rollup
from ..circular_content import Block, circular_blocks
from ..messages import Lang
from .zipfix import normalize

TITLE_FONT = "方正小标宋简体"  # the 小标宋 of official documents; Word substitutes where missing
BODY_FONT = "仿宋"
HEAD_FONT = "黑体"
NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"
RED = "FF0000"
BODY_PT = 16.0  # 3号
LINE_PT = 28.95  # 225 mm / 22 lines
TABLE_PT = 10.5  # 5号: eight columns fit the 156 mm 版心


def _fonts_xml(east_asia: str, latin: str = LATIN_FONT) -> str:
    return f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:cs="{latin}" w:eastAsia="{east_asia}"/>'


def _esc(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(" ".join(text.splitlines()))


def _width_pt(text: str, size: float) -> float:
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else size / 2 for ch in text)


class Circular:
    def __init__(self) -> None:
        from docx import Document
        from docx.oxml.ns import qn
        from docx.shared import Mm, Pt

        self.doc = Document()
        self.pt = Pt
        for lang_el in self.doc.settings.element.iter(qn("w:themeFontLang")):
            lang_el.set(qn("w:eastAsia"), "zh-CN")
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        section.footer_distance = Mm(21)
        normal = self.doc.styles["Normal"]
        normal.font.size = Pt(BODY_PT)
        rpr = normal.element.get_or_add_rPr()
        for old in rpr.findall(qn("w:rFonts")):
            rpr.remove(old)
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        rpr.insert(0, parse_xml(_fonts_xml(BODY_FONT).replace("<w:rFonts", f"<w:rFonts {nsdecls('w')}", 1)))
        fmt = normal.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.line_spacing = Pt(LINE_PT)
        self._page_numbers()

    def _xml(self, xml: str) -> Any:
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        return parse_xml(xml.replace(">", f" {nsdecls('w')}>", 1))  # the namespace on the outer element

    def _append(self, xml: str) -> None:
        body = self.doc.element.body
        body.insert(len(body) - 1, self._xml(xml))  # before the final w:sectPr

    def para(
        self,
        text: str,
        *,
        font: str = BODY_FONT,
        size: float = BODY_PT,
        align: str = "both",
        indent: float = 2 * BODY_PT,
        color: str | None = None,
        before: float = 0,
        after: float = 0,
        line: float | None = LINE_PT,
        right: float = 0,
        border: bool = False,
        keep: bool = False,
    ) -> None:
        spacing = f'<w:spacing w:before="{round(before * 20)}" w:after="{round(after * 20)}"'
        spacing += f' w:line="{round(line * 20)}" w:lineRule="exact"/>' if line else ' w:line="240" w:lineRule="auto"/>'
        rule = f'<w:pBdr><w:bottom w:val="single" w:sz="18" w:space="6" w:color="{RED}"/></w:pBdr>' if border else ""
        color_xml = f'<w:color w:val="{color}"/>' if color else ""
        half = round(size * 2)
        self._append(
            f'<w:p><w:pPr>{"<w:keepNext/>" if keep else ""}{rule}{spacing}<w:ind w:firstLine="{round(indent * 20)}" w:right="{round(right * 20)}"/>'
            f'<w:jc w:val="{align}"/></w:pPr><w:r><w:rPr>{_fonts_xml(font)}{color_xml}'
            f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/></w:rPr><w:t xml:space="preserve">{_esc(text)}</w:t></w:r></w:p>'
        )

    def table(self, rows: tuple[tuple[str, ...], ...]) -> None:
        """Nodes × reporting figures: the first column wide, numbers centred, header in 黑体."""
        total = round(156 * 1440 / 25.4)
        first = round(total * 0.28)
        rest = (total - first) // max(1, len(rows[0]) - 1)
        widths = [first, *([rest] * (len(rows[0]) - 1))]
        parts = [
            f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>'
            + "".join(
                f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                for s in ("top", "left", "bottom", "right", "insideH", "insideV")
            )
            + '</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>',
            *(f'<w:gridCol w:w="{w}"/>' for w in widths),
            "</w:tblGrid>",
        ]
        half = round(TABLE_PT * 2)
        for r, row in enumerate(rows):
            parts.append("<w:tr>" + ("<w:trPr><w:tblHeader/></w:trPr>" if r == 0 else ""))
            for c, value in enumerate(row):
                jc = "left" if c == 0 and r > 0 else "center"
                font = HEAD_FONT if r == 0 else BODY_FONT
                parts.append(
                    f'<w:tc><w:tcPr><w:tcW w:w="{widths[c]}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr>'
                    f'<w:spacing w:before="0" w:after="0" w:line="300" w:lineRule="exact"/><w:ind w:firstLine="0"/><w:jc w:val="{jc}"/></w:pPr>'
                    f'<w:r><w:rPr>{_fonts_xml(font)}<w:sz w:val="{half}"/><w:szCs w:val="{half}"/></w:rPr>'
                    f'<w:t xml:space="preserve">{_esc(value)}</w:t></w:r></w:p></w:tc>'
                )
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
        self._append("".join(parts))

    def _page_numbers(self) -> None:
        """— 1 —: 4号 半角宋体, odd pages one character in from the right, even pages from the left."""
        self.doc.settings.odd_and_even_pages_header_footer = True
        section = self.doc.sections[0]
        half = 28
        rpr = f'<w:rPr>{_fonts_xml(NUMBER_FONT, NUMBER_FONT)}<w:sz w:val="{half}"/><w:szCs w:val="{half}"/></w:rPr>'
        runs = (
            f'<w:r>{rpr}<w:t xml:space="preserve">— </w:t></w:r><w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r>{rpr}<w:t>1</w:t></w:r><w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r><w:r>{rpr}<w:t xml:space="preserve"> —</w:t></w:r>'
        )
        for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
            footer.is_linked_to_previous = False
            p = footer.paragraphs[0]._p
            p.getparent().replace(
                p,
                self._xml(
                    f'<w:p><w:pPr><w:ind w:{side}="280" w:firstLine="0"/><w:jc w:val="{side}"/></w:pPr>{runs}</w:p>'
                ),
            )

    def save(self, title: str, stamp: datetime) -> bytes:
        props = self.doc.core_properties
        props.title = title
        props.author = props.last_modified_by = "fangkong"
        props.comments = ""
        props.revision = 1
        props.created = props.modified = props.last_printed = stamp
        # python-docx's template starts with one empty paragraph: not part of the circular
        body = self.doc.element.body
        first = body[0]
        if first.tag.endswith("}p") and not "".join(first.itertext()).strip():
            body.remove(first)
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return normalize(buffer.getvalue())


def _lay_out(c: Circular, blocks: list[Block]) -> None:
    date_text = next((b.text for b in blocks if b.kind == "date"), "")
    for i, b in enumerate(blocks):
        # the signature and date never stand alone on a page: the last paragraph goes with them
        last = i + 1 < len(blocks) and blocks[i + 1].kind == "signature"
        if b.kind == "issuer":
            size = min(36.0, 440.0 / max(1.0, _width_pt(b.text, 1.0)))
            c.para(
                b.text,
                font=TITLE_FONT,
                size=size,
                align="center",
                indent=0,
                color=RED,
                before=62,
                after=10,
                line=None,
                border=True,
            )
        elif b.kind == "title":
            c.para(
                b.text, font=TITLE_FONT, size=22, align="center", indent=0, before=2 * LINE_PT, after=LINE_PT, line=36
            )
        elif b.kind == "to":
            c.para(b.text, indent=0)
        elif b.kind == "h1":
            c.para(b.text, font=HEAD_FONT, keep=True)
        elif b.kind == "p":
            c.para(b.text, keep=last)
        elif b.kind == "table":
            c.table(b.rows)
        elif b.kind == "signature":
            right = max(0.0, 4 * BODY_PT + (_width_pt(date_text, BODY_PT) - _width_pt(b.text, BODY_PT)) / 2)
            c.para(b.text, align="right", indent=0, right=right, before=2 * LINE_PT, keep=True)
        elif b.kind == "date":
            c.para(b.text, align="right", indent=0, right=4 * BODY_PT)


def write_circular(rollup: Rollup, lang: Lang) -> bytes:
    blocks = circular_blocks(rollup, lang)
    c = Circular()
    _lay_out(c, blocks)
    title = next(b.text for b in blocks if b.kind == "title")
    day = max((e.as_of for e in rollup.entries), default=rollup.period.last)
    return c.save(title, datetime(day.year, day.month, day.day))
