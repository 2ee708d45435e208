"""The page of a Chinese official document (GB/T 9704) for python-docx: A4, 版心, fonts, page numbers.

版心 156 mm × 225 mm: top margin 37 mm, left (binding) 28 mm, so right 26 mm and bottom 35 mm;
22 lines of 28 characters of 3号 (16 pt) 仿宋; the title in 2号 (22 pt) 小标宋; headings 黑体,
楷体, 仿宋 bold by level; page numbers "— 1 —" in 4号 (14 pt) 宋体 about 7 mm below the
版心, odd pages right, even pages left, one character in from the edge.
"""

from __future__ import annotations

from typing import Any

LATIN = "Times New Roman"
BODY = "仿宋"  # FangSong ships with every Chinese Windows; 仿宋_GB2312 often does not
HEAD_1 = "黑体"
HEAD_2 = "楷体"
TITLE = "方正小标宋简体"  # the usual 小标宋; where it is missing, the font table names 宋体
PAGE_NUMBER = "宋体"
# Windows' English names, for programs that look fonts up by them.
ALT_NAMES = {BODY: "FangSong", HEAD_1: "SimHei", HEAD_2: "KaiTi", TITLE: "SimSun", PAGE_NUMBER: "SimSun"}

BODY_PT = 16  # 3号
TITLE_PT = 22  # 2号
PAGE_NUMBER_PT = 14  # 4号
TABLE_PT = 9  # 小五: twelve columns fit the 版心
LINE_TWIPS = 579  # 225 mm / 22 lines
TITLE_LINE_TWIPS = 700  # 35 pt: the title's lines
TEXT_WIDTH_MM = 156
CHAR_SPACING = -5  # twentieths of a point: 28 characters of 16 pt fill the 156 mm line

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def fonts_xml(east_asia: str, latin: str = LATIN) -> str:
    return f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:cs="{latin}" w:eastAsia="{east_asia}"/>'


def rpr_xml(east_asia: str, size: float, bold: bool = False, spacing: int = 0) -> str:
    half = round(size * 2)
    extra = ("<w:b/><w:bCs/>" if bold else "") + (f'<w:spacing w:val="{spacing}"/>' if spacing else "")
    return f'<w:rPr>{fonts_xml(east_asia)}{extra}<w:sz w:val="{half}"/><w:szCs w:val="{half}"/></w:rPr>'


def set_fonts(element: Any, east_asia: str, latin: str = LATIN) -> None:
    """Give a run or style its fonts, East Asian included (w:rFonts w:eastAsia)."""
    from docx.oxml.ns import qn

    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for name in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(name), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def _replace(parent: Any, tag: str, xml: str) -> None:
    """Put the element `xml` in place of parent's child `tag` (or at its start)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    new = parse_xml(xml)
    old = parent.find(qn(tag))
    if old is not None:
        old.addprevious(new)
        parent.remove(old)
    else:
        parent.insert(0, new)


def page_setup(doc: Any) -> None:
    """A4, the 版心 of GB/T 9704, the line grid, page numbers, and Chinese as the East Asian language."""
    from docx.oxml.ns import nsdecls, qn
    from docx.shared import Mm

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(21)
    sect = section._sectPr
    _replace(sect, "w:docGrid", f'<w:docGrid {nsdecls("w")} w:type="lines" w:linePitch="{LINE_TWIPS}"/>')
    settings = doc.settings.element
    for lang_el in settings.iter(qn("w:themeFontLang")):
        # python-docx's template says Japanese: Word would then pick Japanese glyphs and proofing
        lang_el.set(qn("w:eastAsia"), "zh-CN")
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, "right")
    _page_number(section.even_page_footer, "left")


def _page_number(footer: Any, side: str) -> None:
    """— 1 —: a PAGE field between dashes, one character in from the outer edge."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    footer.is_linked_to_previous = False
    body = footer._element
    for p in list(body):
        body.remove(p)
    indent = 'w:rightChars="100" w:right="280"' if side == "right" else 'w:leftChars="100" w:left="280"'
    rpr = rpr_xml(PAGE_NUMBER, PAGE_NUMBER_PT)

    def run(inner: str) -> str:
        return f"<w:r>{rpr}{inner}</w:r>"

    xml = (
        f'<w:p {nsdecls("w")}><w:pPr><w:jc w:val="{side}"/><w:ind {indent}/><w:snapToGrid w:val="0"/>'
        f'<w:spacing w:line="240" w:lineRule="auto"/></w:pPr>'
        + run('<w:t xml:space="preserve">— </w:t>')
        + run('<w:fldChar w:fldCharType="begin"/>')
        + run('<w:instrText xml:space="preserve"> PAGE </w:instrText>')
        + run('<w:fldChar w:fldCharType="separate"/>')
        + run("<w:t>1</w:t>")
        + run('<w:fldChar w:fldCharType="end"/>')
        + run('<w:t xml:space="preserve"> —</w:t>')
        + "</w:p>"
    )
    body.append(parse_xml(xml))


def title_spacing(paragraph: Any) -> None:
    """The 2号 title on lines of its own height, off the body's grid (it would take two lines)."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(0, _element(f'<w:snapToGrid xmlns:w="{W_NS}" w:val="0"/>'))
    _replace(
        ppr,
        "w:spacing",
        f'<w:spacing xmlns:w="{W_NS}" w:before="0" w:after="0" w:line="{TITLE_LINE_TWIPS}" w:lineRule="exact"/>',
    )


def _element(xml: str) -> Any:
    from docx.oxml import parse_xml

    return parse_xml(xml)


def styles_setup(doc: Any) -> None:
    """Body 3号仿宋 on the 22-line grid with a two-character indent; headings by level."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    styles = doc.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            set_fonts_xml = rpr.find(qn("w:rFonts"))
            if set_fonts_xml is not None:
                for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                    set_fonts_xml.attrib.pop(qn(theme), None)
                for name in ("w:ascii", "w:hAnsi", "w:cs"):
                    set_fonts_xml.set(qn(name), LATIN)
                set_fonts_xml.set(qn("w:eastAsia"), BODY)
            for lang_el in rpr.iter(qn("w:lang")):
                lang_el.set(qn("w:eastAsia"), "zh-CN")
    normal = styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    normal.font.name = LATIN
    set_fonts(normal.element, BODY)
    _replace(normal.element.get_or_add_rPr(), "w:spacing", f'<w:spacing xmlns:w="{W_NS}" w:val="{CHAR_SPACING}"/>')
    ppr = normal.element.get_or_add_pPr()
    _replace(
        ppr,
        "w:spacing",
        f'<w:spacing xmlns:w="{W_NS}" w:before="0" w:after="0" w:line="{LINE_TWIPS}" w:lineRule="exact"/>',
    )
    _replace(ppr, "w:ind", f'<w:ind xmlns:w="{W_NS}" w:firstLineChars="200" w:firstLine="640"/>')
    _replace(ppr, "w:jc", f'<w:jc xmlns:w="{W_NS}" w:val="both"/>')
    for level, font, bold in ((1, HEAD_1, False), (2, HEAD_2, False), (3, BODY, True)):
        style = styles[f"Heading {level}"]
        style.font.size = Pt(BODY_PT)
        style.font.bold = bold
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        set_fonts(style.element, font)
        fmt = style.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.keep_with_next = True
        sppr = style.element.get_or_add_pPr()
        _replace(
            sppr,
            "w:spacing",
            f'<w:spacing xmlns:w="{W_NS}" w:before="0" w:after="0" w:line="{LINE_TWIPS}" w:lineRule="exact"/>',
        )
        _replace(sppr, "w:ind", f'<w:ind xmlns:w="{W_NS}" w:firstLineChars="200" w:firstLine="640"/>')


def font_table(doc: Any) -> None:
    """Name each Chinese font's Windows English name and GB2312 charset, so Word and WPS find
    it, or a font of the same kind, on any Chinese system."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    part = doc.part.part_related_by("http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable")
    from docx.opc.part import XmlPart

    if not isinstance(part, XmlPart):  # pragma: no cover - python-docx loads it as XML
        return
    root = part.element
    known = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for name, alt in ALT_NAMES.items():
        if name in known:
            continue
        family = "modern" if name == HEAD_1 else "roman"
        root.append(
            parse_xml(
                f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
                f'<w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'
            )
        )
