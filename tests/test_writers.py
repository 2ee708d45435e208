"""Every writer on a hand-built report and roll-up, against whole expected output (tests/golden).

Text formats are compared byte for byte; xlsx and docx through a text dump of what a reader
sees (cells, paragraphs, tables, print settings), since their zip bytes depend on the library
versions. FANGKONG_UPDATE_GOLDEN=1 rewrites the expected files (read the diff before committing).
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from fangkong_cli.writers import ReportFormat, RollupFormat, report_writer, rollup_writer
from handbuilt import hand_report, hand_rollup

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("FANGKONG_UPDATE_GOLDEN") == "1"


def xlsx_dump(data: bytes) -> bytes:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    out = []
    for ws in book.worksheets:
        out.append(
            f"== {ws.title} [{ws.sheet_state}] freeze={ws.freeze_panes} titles={ws.print_title_rows} "
            f"footer={ws.oddFooter.center.text!r} paper={ws.page_setup.paperSize} {ws.page_setup.orientation}"
        )
        for row in ws.iter_rows():
            cells = [f"{c.value!r}{'%' if c.number_format == '0.0%' else ''}" for c in row if c.value is not None]
            if cells:
                out.append(f"{row[0].row}: " + " | ".join(cells))
    return ("\n".join(out) + "\n").encode("utf-8")


def docx_dump(data: bytes) -> bytes:
    import docx

    document = docx.Document(io.BytesIO(data))
    out = []
    body = document.element.body
    tables = iter(document.tables)
    paragraphs = iter(document.paragraphs)
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            p = next(paragraphs)
            out.append(f"[{p.style.name if p.style else None}|{p.alignment}] {p.text}")
        elif tag == "tbl":
            for row in next(tables).rows:
                out.append("  | " + " | ".join(c.text.replace("\n", "/") for c in row.cells))
    return ("\n".join(out) + "\n").encode("utf-8")


def comparable(fmt: str, data: bytes) -> bytes:
    if fmt == "xlsx":
        return xlsx_dump(data)
    if fmt == "docx":
        return docx_dump(data)
    return data


def check_golden(name: str, actual: bytes) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(actual)
    assert path.is_file(), f"missing {path}: run with FANGKONG_UPDATE_GOLDEN=1"
    assert actual == path.read_bytes(), name


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", list(ReportFormat))
def test_report_writer_whole_output(fmt: ReportFormat, lang: str) -> None:
    data = report_writer(fmt).write_report(hand_report(), lang)  # type: ignore[arg-type]
    assert data == report_writer(fmt).write_report(hand_report(), lang)  # type: ignore[arg-type]
    check_golden(
        f"report.{lang}.{fmt.value}" + (".txt" if fmt.value in ("xlsx", "docx") else ""), comparable(fmt.value, data)
    )


@pytest.mark.parametrize("fmt", list(RollupFormat))
def test_rollup_writer_whole_output(fmt: RollupFormat) -> None:
    if fmt is RollupFormat.table:
        with pytest.raises(ValueError):
            rollup_writer(fmt)
        return
    data = rollup_writer(fmt).write_rollup(hand_rollup(), "zh")
    check_golden(f"rollup.zh.{fmt.value}" + (".txt" if fmt.value == "xlsx" else ""), comparable(fmt.value, data))


def test_heavy_writers_load_only_for_their_format() -> None:
    code = (
        "import sys\nfrom fangkong_cli.writers import ReportFormat, report_writer\n"
        "report_writer(ReportFormat.md); report_writer(ReportFormat.csv); report_writer(ReportFormat.html)\n"
        "print('xlsxwriter' in sys.modules, 'docx' in sys.modules, 'openpyxl' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False", "False"]


# ------------------------------------------------------------------------------ docx layout


def _docx_parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            n: archive.read(n).decode("utf-8", "replace") for n in archive.namelist() if n.endswith((".xml", ".rels"))
        }


def test_docx_page_numbers_rows_and_page() -> None:
    parts = _docx_parts(report_writer(ReportFormat.docx).write_report(hand_report(), "zh"))
    document = parts["word/document.xml"]
    footers = [v for k, v in parts.items() if re.match(r"word/footer\d+\.xml", k)]
    assert len(footers) == 2  # odd pages right, even pages left
    for footer in footers:
        assert re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", footer) and "— " in footer and " —" in footer
    assert {re.search(r'<w:jc w:val="(\w+)"/>', f).group(1) for f in footers} == {"right", "left"}  # type: ignore[union-attr]
    assert "<w:evenAndOddHeaders/>" in parts["word/settings.xml"]
    rows = re.findall(r"<w:tr>.*?</w:tr>", document, flags=re.DOTALL)
    assert rows and all("<w:cantSplit/>" in r for r in rows)  # no row split across pages
    for table in re.findall(r"<w:tbl>.*?</w:tbl>", document, flags=re.DOTALL):
        first, *rest = re.findall(r"<w:tr>.*?</w:tr>", table, flags=re.DOTALL)
        assert "<w:tblHeader/>" in first and not any("<w:tblHeader/>" in r for r in rest)
        widths = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"/>', table)]
        assert sum(widths) == round(156 * 1440 / 25.4)  # as wide as the 版心, no wider
    assert '<w:pgSz w:w="11906" w:h="16838"/>' in document  # A4
    margins = re.search(r"<w:pgMar ([^>]*)/>", document).group(1)  # type: ignore[union-attr]
    assert 'w:top="2098"' in margins and 'w:left="1587"' in margins and 'w:right="1474"' in margins
    assert "签报" not in document
    assert 'w:eastAsia="方正小标宋简体"' in document and 'w:eastAsia="楷体"' in document


def test_docx_and_xlsx_name_fangkong_only() -> None:
    for fmt in (ReportFormat.docx, ReportFormat.xlsx):
        parts = _docx_parts(report_writer(fmt).write_report(hand_report(), "zh"))
        props = parts["docProps/app.xml"] + parts["docProps/core.xml"]
        assert "<Application>fangkong" in props
        assert not re.search(r"python-docx|Microsoft|Macintosh", props), fmt


# ------------------------------------------------------------------------------ xlsx layout


def test_xlsx_print_titles_footer_and_frozen_panes() -> None:
    parts = _docx_parts(report_writer(ReportFormat.xlsx).write_report(hand_report(), "zh"))
    workbook = parts["xl/workbook.xml"]
    sheets = sorted(k for k in parts if re.match(r"xl/worksheets/sheet\d+\.xml", k))
    assert len(sheets) == 1 + 2 + 1 + 2  # summary, two sections, the 整改台账, notes, n/a
    assert workbook.count('name="_xlnm.Print_Titles"') == len(sheets)  # heading row repeated in print
    for name in sheets:
        xml = parts[name]
        assert "&amp;P" in xml and "&amp;N" in xml, name  # page numbers in the footer
        assert 'state="frozen"' in xml, name
        assert re.search(r"<pageSetup paperSize=\"9\"[^>]*orientation=\"landscape\"", xml), name
