"""Test notices as .docx (Word automatic numbering) and .pdf (hard-wrapped, paginated), made in tmp_path.

The notices are the project's own texts in tests/notices/. The .docx is written as OOXML by hand, its
heading numbers moved into numbering.xml; the .pdf by a tiny writer whose font maps every character
through a ToUnicode CMap, so a text extractor reads Chinese back.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

NOTICES = Path(__file__).resolve().parent / "notices"
MARKERS = (
    (0, re.compile(r"^[一二三四五六七八九十]+、")),
    (1, re.compile(r"^（[一二三四五六七八九十]+）")),
    (2, re.compile(r"^[0-9]+\.")),
)


def notice_text(name: str) -> str:
    return (NOTICES / f"{name}.txt").read_text(encoding="utf-8")


# --- docx -----------------------------------------------------------------------------------------

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
</Types>"""
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
_DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""
# Level 0 一、 (chineseCounting %1、), level 1 （一） (chineseCounting （%2）), level 2 1. (decimal %3.)
_NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering {_W}>
<w:abstractNum w:abstractNumId="7">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
</w:numbering>"""
# A heading style that carries the top-level numbering, as Word's 标题 1 often does.
_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {_W}>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
<w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
</w:styles>"""


def _paragraph(text: str) -> str:
    for level, pattern in MARKERS:
        match = pattern.match(text)
        if match:
            body = text[match.end() :]
            if level == 0:  # numbered through its style
                ppr = '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>'
            else:
                ppr = f'<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="3"/></w:numPr></w:pPr>'
            return f"<w:p>{ppr}<w:r><w:t>{escape(body)}</w:t></w:r></w:p>"
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def docx_bytes(text: str, table: bool = True) -> bytes:
    """The notice as a .docx whose heading numbers exist only as Word's automatic numbering."""
    body = [_paragraph(line.strip()) for line in text.splitlines() if line.strip()]
    if table:
        cell = "<w:tc><w:p><w:r><w:t>附表内容</w:t></w:r></w:p></w:tc>"
        body.insert(len(body) // 2, f"<w:tbl><w:tr>{cell}{cell}</w:tr></w:tbl>")
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {_W}><w:body>{"".join(body)}</w:body></w:document>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/_rels/document.xml.rels", _DOC_RELS)
        archive.writestr("word/document.xml", document)
        archive.writestr("word/numbering.xml", _NUMBERING)
        archive.writestr("word/styles.xml", _STYLES)
    return out.getvalue()


# --- pdf ------------------------------------------------------------------------------------------


def _width(text: str) -> float:
    return sum(0.5 if ord(c) < 0x2E80 else 1.0 for c in text)


def wrap(paragraph: str, width: float = 28) -> list[str]:
    """Hard-wrap a paragraph the way a PDF lays it out: full lines of `width` characters."""
    lines, current = [], ""
    for ch in paragraph:
        if _width(current + ch) > width:
            lines.append(current)
            current = ""
        current += ch
    return [*lines, current] if current else lines


def paginate(text: str, header: str, per_page: int = 16) -> list[list[str]]:
    """Pages of wrapped lines, each with the running header on top and "— N —" at the bottom.
    A form feed in `text` forces a page break there, even inside a word."""
    lines: list[str] = []
    for paragraph in text.split("\n"):  # not splitlines(): it would cut at the form feed too
        if paragraph.strip():
            lines += [piece for part in paragraph.split("\f") for piece in (wrap(part) + ["\f"])][:-1]
    pages: list[list[str]] = [[]]
    for line in lines:
        if line == "\f" or len(pages[-1]) >= per_page:
            pages.append([])
        if line != "\f":
            pages[-1].append(line)
    return [[header, *page, f"— {n} —"] for n, page in enumerate(pages, 1)]


def _cmap(codes: dict[str, int]) -> bytes:
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<0000> <FFFF>",
        "endcodespacerange",
    ]
    items = sorted(codes.items(), key=lambda kv: kv[1])
    for start in range(0, len(items), 100):
        chunk = items[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        for ch, cid in chunk:
            lines.append(f"<{cid:04X}> <{ch.encode('utf-16-be').hex().upper()}>")
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode("ascii")


def pdf_bytes(pages: list[list[str]]) -> bytes:
    """A PDF with one text line per entry; an empty page list entry draws nothing (a scan)."""
    codes: dict[str, int] = {}
    for page in pages:
        for line in page:
            for ch in line:
                codes.setdefault(ch, len(codes) + 1)
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def stream(data: bytes, extra: str = "") -> bytes:
        return f"<< /Length {len(data)}{extra} >>\nstream\n".encode() + data + b"\nendstream"

    cmap = add(stream(_cmap(codes)))
    cid_font = add(
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TestSong /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>"
    )
    font = add(
        f"<< /Type /Font /Subtype /Type0 /BaseFont /TestSong /Encoding /Identity-H /DescendantFonts [{cid_font} 0 R] /ToUnicode {cmap} 0 R >>".encode()
    )
    pages_id = len(objects) + 1 + 2 * len(pages)  # placeholder computed below
    page_ids = []
    contents = []
    for page in pages:
        ops = []
        y = 800
        for line in page:
            if line:
                hexed = "".join(f"{codes[c]:04X}" for c in line)
                ops.append(f"BT /F1 12 Tf 1 0 0 1 60 {y} Tm <{hexed}> Tj ET")
            y -= 18
        contents.append(add(stream("\n".join(ops).encode("ascii"))))
    for content in contents:
        page_ids.append(
            add(
                f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 595 842] /Contents {content} 0 R /Resources << /Font << /F1 {font} 0 R >> >> >>".encode()
            )
        )
    assert (
        add(f"<< /Type /Pages /Kids [{' '.join(f'{p} 0 R' for p in page_ids)}] /Count {len(page_ids)} >>".encode())
        == pages_id
    )
    catalog = add(f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode())
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
