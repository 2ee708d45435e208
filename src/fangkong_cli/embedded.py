"""The machine-readable report inside an xlsx or docx report (placeholder of the office-formats work).

xlsx and docx reports carry the JSON report as the text of an OOXML custom XML part: zip member
`customXml/item1.xml`, root element `<report xmlns="urn:fangkong:report">`. This module reads
it back, bounded; the writers that embed it live with the office formats.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from .errors import DataProblem
from .inputs import InputRefused, read_bounded

NAMESPACE = "urn:fangkong:report"
PART = "customXml/item1.xml"
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_PART_BYTES = 32 * 1024 * 1024
MAX_MEMBERS = 10_000
ZIP_MAGIC = b"PK\x03\x04"
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def read_embedded_report(path: Path) -> bytes | None:
    """The JSON report embedded in an xlsx or docx file; None when there is none.

    DataProblem when the file cannot be read, is damaged or exceeds the size limits.
    """
    import io

    try:
        raw, _ = read_bounded(path, MAX_FILE_BYTES)
    except InputRefused as exc:
        raise DataProblem("embedded.unreadable", path=str(path), reason=exc.reason) from exc
    if not raw.startswith(ZIP_MAGIC):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            if len(archive.infolist()) > MAX_MEMBERS:
                raise DataProblem("embedded.damaged", path=str(path), reason="too many members")
            try:
                member = archive.getinfo(PART)
            except KeyError:
                return None
            if member.file_size > MAX_PART_BYTES:
                raise DataProblem("embedded.damaged", path=str(path), reason="part too large")
            with archive.open(member) as fh:
                data = fh.read(MAX_PART_BYTES + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError, OSError) as exc:
        raise DataProblem("embedded.damaged", path=str(path), reason=str(exc) or type(exc).__name__) from exc
    return _report_text(data, path)


def _report_text(data: bytes, path: Path) -> bytes | None:
    if len(data) > MAX_PART_BYTES or _DTD.search(data):
        raise DataProblem("embedded.damaged", path=str(path), reason="unexpected part content")
    from xml.etree import ElementTree

    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise DataProblem("embedded.damaged", path=str(path), reason=str(exc)) from exc
    if root.tag != f"{{{NAMESPACE}}}report" or len(root):
        return None
    return (root.text or "").encode("utf-8")
