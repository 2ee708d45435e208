"""The JSON report inside xlsx and docx reports, and read_embedded_report's bounded reading."""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import pytest

from fangkong_cli import embedded
from fangkong_cli.embedded import read_embedded_report
from fangkong_cli.errors import DataProblem
from fangkong_cli.writers import ReportFormat, report_writer
from handbuilt import hand_report

CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"


def _write(tmp_path: Path, fmt: ReportFormat) -> Path:
    path = tmp_path / f"r.{fmt.value}"
    path.write_bytes(report_writer(fmt).write_report(hand_report(), "zh"))
    return path


@pytest.mark.parametrize(
    ("fmt", "main"), [(ReportFormat.xlsx, "xl/workbook.xml"), (ReportFormat.docx, "word/document.xml")]
)
def test_the_exact_json_bytes_ride_along(tmp_path: Path, fmt: ReportFormat, main: str) -> None:
    path = _write(tmp_path, fmt)
    expected = report_writer(ReportFormat.json).write_report(hand_report(), "zh")
    assert read_embedded_report(path) == expected
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        item = archive.read("customXml/item1.xml").decode("utf-8")
        folder, _, base = main.rpartition("/")
        rels = archive.read(f"{folder}/_rels/{base}.rels").decode("utf-8")
        types = archive.read("[Content_Types].xml").decode("utf-8")
        item_rels = archive.read("customXml/_rels/item1.xml.rels").decode("utf-8")
    assert re.match(r'<\?xml[^>]*\?>\s*<report xmlns="urn:fangkong:report">', item)
    assert "&lt;海报&gt; &amp; 推送" in item  # XML-escaped text
    assert re.search(rf'Type="{CUSTOM_XML}" Target="\.\./customXml/item1\.xml"', rels)
    assert rels.count(CUSTOM_XML + '"') == 1  # the template's own custom XML part is gone
    assert 'PartName="/customXml/itemProps1.xml"' in types and "customXmlProperties+xml" in types
    assert 'Target="itemProps1.xml"' in item_rels
    assert "customXml/itemProps1.xml" in names and "docProps/thumbnail.jpeg" not in names
    assert {i.date_time for i in zipfile.ZipFile(path).infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_no_report_inside_gives_none(tmp_path: Path) -> None:
    text = tmp_path / "r.json"
    text.write_text("{}", encoding="utf-8")
    assert read_embedded_report(text) is None  # not a zip archive
    plain = tmp_path / "other.docx"
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("customXml/item1.xml", '<b:Sources xmlns:b="urn:other"/>')
        archive.writestr("word/document.xml", "<w/>")
    assert read_embedded_report(plain) is None
    entity = tmp_path / "entity.xlsx"
    with zipfile.ZipFile(entity, "w") as archive:
        archive.writestr(
            "customXml/item1.xml", '<!DOCTYPE r [<!ENTITY a "aaaa">]><report xmlns="urn:fangkong:report">&a;</report>'
        )
    assert read_embedded_report(entity) is None  # a DTD is never parsed


def test_damaged_oversized_and_special_files_are_clear_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    with pytest.raises(DataProblem) as caught:
        read_embedded_report(broken)
    assert caught.value.key == "embedded.damaged"
    bad_xml = tmp_path / "bad.docx"
    with zipfile.ZipFile(bad_xml, "w") as archive:
        archive.writestr("customXml/item1.xml", '<report xmlns="urn:fangkong:report">{"a": 1}')
    with pytest.raises(DataProblem) as caught:
        read_embedded_report(bad_xml)
    assert caught.value.key == "embedded.damaged"
    path = _write(tmp_path, ReportFormat.xlsx)
    monkeypatch.setattr(embedded, "MAX_PART_BYTES", 1000)
    with pytest.raises(DataProblem) as caught:
        read_embedded_report(path)
    assert caught.value.key == "embedded.too_large"
    with pytest.raises(DataProblem):
        read_embedded_report(tmp_path / "missing.xlsx")
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pipe.xlsx"
        os.mkfifo(fifo)
        with pytest.raises(DataProblem) as caught:
            read_embedded_report(fifo)  # never blocks on a FIFO
        assert caught.value.key == "embedded.unreadable"


def test_xml_unsafe_characters_survive(tmp_path: Path) -> None:
    from dataclasses import replace

    report = replace(hand_report(), unit_name="单位\ufffe名")
    data = report_writer(ReportFormat.xlsx).write_report(report, "zh")
    path = tmp_path / "odd.xlsx"
    path.write_bytes(data)
    import json

    assert json.loads(read_embedded_report(path) or b"")["unit"]["name"] == "单位\ufffe名"
    assert json.loads(report_writer(ReportFormat.json).write_report(report, "zh"))["unit"]["name"] == "单位\ufffe名"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "\ufffe" not in archive.read("customXml/item1.xml").decode("utf-8")
