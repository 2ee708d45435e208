"""Reports opened in the programs the office uses: Chromium (html, printed to A4) and
LibreOffice (csv, xlsx, docx). Each test skips, saying why, where the program is missing."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from fangkong_cli.embedded import read_embedded_report
from test_report import build_month, clean_environment, report

CHROMIUM = next(
    (p for p in (shutil.which("chromium"), shutil.which("chromium-browser"), shutil.which("google-chrome")) if p), None
)
SOFFICE = shutil.which("soffice")
PDFTOTEXT = shutil.which("pdftotext")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None or PDFTOTEXT is None, reason="needs Chromium and pdftotext (poppler-utils)"
)
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="needs LibreOffice (soffice)")


@pytest.fixture(scope="module")
def month(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    with clean_environment():
        yield build_month(tmp_path_factory.mktemp("office") / "ws")


def measure_ids(ws: Path, tmp_path: Path) -> list[str]:
    data = json.loads(report(ws, "json", tmp_path / "ids.json"))
    return [m["id"] for s in data["sections"] for m in s["measures"]]


@pytest.fixture(scope="module")
def lo_profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One LibreOffice profile for the module: its first start is the slow part."""
    return tmp_path_factory.mktemp("lo-profile")


def soffice(args: list[str], cwd: Path, profile: Path) -> None:
    subprocess.run(
        [str(SOFFICE), "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        timeout=240,
    )


def pdf_text(pdf: Path) -> str:
    return subprocess.run(
        [str(PDFTOTEXT), "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def whole(ident: str, text: str) -> bool:
    return re.search(rf"(?<![\d.]){re.escape(ident)}(?![\d])", text) is not None


@needs_chromium
def test_html_printed_to_a4_keeps_every_measure_id_whole(month: Path, tmp_path: Path) -> None:
    page = tmp_path / "r.html"
    report(month, "html", page)
    pdf = tmp_path / "r.pdf"
    profile = tempfile.mkdtemp(prefix="chromium-")
    try:
        subprocess.run(
            [
                str(CHROMIUM),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--user-data-dir={profile}",
                "--no-pdf-header-footer",
                f"--print-to-pdf={pdf}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    text = pdf_text(pdf)
    ids = measure_ids(month, tmp_path)
    assert len(ids) == 60  # the built-in checklist
    broken = [i for i in ids if not whole(i, text)]
    assert broken == []
    assert "一次性" in text and "部分完成" in text and "2021年1月" in text
    assert not re.search(r"(?m)^\d\.1$\n^\d$", text)  # no "2.1" / "0" split


@needs_soffice
def test_csv_opened_by_libreoffice_keeps_ids_and_slots_as_text(month: Path, tmp_path: Path, lo_profile: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    report(month, "csv", tmp_path / "r.csv")
    # comma, double quote, UTF-8, from line 1, Chinese, quoted fields not forced to text,
    # special numbers (dates) detected: the way a spreadsheet guesses types, at its keenest
    soffice(
        ["--infilter=CSV:44,34,76,1,,2052,false,true", "--convert-to", "xlsx", "--outdir", "out", "r.csv"],
        tmp_path,
        lo_profile,
    )
    sheet = openpyxl.load_workbook(tmp_path / "out" / "r.xlsx").active
    rows = list(sheet.iter_rows())
    col = {c.value: i for i, c in enumerate(rows[0])}
    rows = [r for r in rows if r[col["编号"]].value is not None]
    ids = {r[col["编号"]].value.lstrip("\u2060") for r in rows[1:]}
    assert {"2.10", "3.10", "4.10", "2.19"} <= ids
    for r in rows[1:]:
        for name in ("编号", "时段键", "时段", "报告期", "章节编号"):
            cell = r[col[name]]
            if cell.value is not None:  # (an as-needed measure with no event has no slot)
                assert cell.data_type == "s", (name, cell.value)  # text, not a number or a date
    keys = {r[col["时段键"]].value.lstrip("\u2060") for r in rows[1:] if r[col["时段键"]].value}
    assert {"2021-01-18", "2021-01", "once"} <= keys  # a day, a month, a single slot


@needs_soffice
def test_libreoffice_opens_xlsx_and_docx_and_keeps_the_embedded_report(
    month: Path, tmp_path: Path, lo_profile: Path
) -> None:
    expected = report(month, "json", tmp_path / "r.json")
    report(month, "docx", tmp_path / "r.docx")
    report(month, "xlsx", tmp_path / "r.xlsx")
    soffice(["--convert-to", "docx", "--outdir", "saved", "r.docx"], tmp_path, lo_profile)
    soffice(["--convert-to", "xlsx", "--outdir", "saved", "r.xlsx"], tmp_path, lo_profile)
    soffice(["--convert-to", "pdf", "--outdir", "pdf", "r.docx"], tmp_path, lo_profile)
    for saved in ("saved/r.docx", "saved/r.xlsx"):
        assert read_embedded_report(tmp_path / saved) == expected, saved  # kept through a save
    if PDFTOTEXT is None:
        return
    pages = pdf_text(tmp_path / "pdf" / "r.pdf").split("\f")
    numbered = [p for p in pages if p.strip()]
    assert len(numbered) >= 3
    for n, page in enumerate(numbered, start=1):
        assert re.search(rf"—\s*{n}\s*—", page), n  # the page number of GB/T 9704
        first = next(line for line in page.splitlines() if line.strip())
        assert len(first.strip()) > 1 or first.strip().isdigit(), first  # no page starts with a lone character
    text = "".join(pages).replace(" ", "")  # pdftotext spaces digits apart from CJK
    assert "签报" not in text and "西宁市总工会\n" in text and "2021年1月31日" in text
