"""The machine-readable report inside an xlsx or docx report, and reading it back out.

A unit's xlsx and docx reports carry the exact bytes `fangkong report --format json` writes,
as the text of an OOXML custom XML part (`customXml/item1.xml`, root `<report
xmlns="urn:fangkong:report">`). Office programs keep such parts when they save the file, so
the provincial office can roll up the files units send. Reading is bounded: the file, each
part and their sum have size limits, and no DTD is ever parsed.
"""

from __future__ import annotations

import re
import stat
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from .errors import DataProblem

NAMESPACE = "urn:fangkong:report"
PART = "customXml/item1.xml"
PROPS_PART = "customXml/itemProps1.xml"
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_PART_BYTES = 32 * 1024 * 1024
MAX_PARTS_BYTES = 48 * 1024 * 1024  # all custom XML parts read, together
MAX_MEMBERS = 10_000
ZIP_MAGIC = b"PK\x03\x04"
_ITEM = re.compile(r"^customXml/item\d+\.xml$")
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def report_part(report_json: bytes) -> bytes:
    """The custom XML part holding a JSON report as escaped text."""
    text = escape(report_json.decode("utf-8"))
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<report xmlns="{NAMESPACE}">{text}</report>\n'
    ).encode()


def _report_text(data: bytes, path: Path) -> str | None:
    """The JSON text of a part when it is fangkong's; None for another program's part."""
    if NAMESPACE.encode() not in data or _DTD.search(data):
        return None
    from xml.etree import ElementTree

    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise DataProblem("embedded.damaged", path=str(path), reason=str(exc)) from exc
    if root.tag != f"{{{NAMESPACE}}}report":
        return None
    if len(root):
        raise DataProblem("embedded.damaged", path=str(path), reason="unexpected elements")
    return root.text or ""


def read_embedded_report(path: Path) -> bytes | None:
    """The JSON report embedded in an xlsx or docx file.

    None when the file is not a zip archive or carries no fangkong report; DataProblem
    (exit 3) when it cannot be read, is damaged or exceeds the size limits.
    """
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            raise DataProblem("embedded.unreadable", path=str(path), reason="not a regular file")
        with open(path, "rb") as fh:
            magic = fh.read(len(ZIP_MAGIC))
    except OSError as exc:
        raise DataProblem("embedded.unreadable", path=str(path), reason=exc.strerror or str(exc)) from exc
    if magic != ZIP_MAGIC:
        return None
    if info.st_size > MAX_FILE_BYTES:
        raise DataProblem("embedded.too_large", path=str(path), limit=MAX_FILE_BYTES // (1024 * 1024))
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise DataProblem("embedded.damaged", path=str(path), reason="too many members")
            parts = sorted(
                (m for m in members if _ITEM.match(m.filename)), key=lambda m: (m.filename != PART, m.filename)
            )
            total = 0
            for member in parts:
                total += member.file_size
                if member.file_size > MAX_PART_BYTES or total > MAX_PARTS_BYTES:
                    raise DataProblem("embedded.too_large", path=str(path), limit=MAX_PART_BYTES // (1024 * 1024))
                with archive.open(member) as fh:
                    data = fh.read(MAX_PART_BYTES + 1)  # the declared size bounds the read as well
                text = _report_text(data, path)
                if text is not None:
                    return text.encode("utf-8")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError) as exc:
        raise DataProblem("embedded.damaged", path=str(path), reason=str(exc) or type(exc).__name__) from exc
    except OSError as exc:
        raise DataProblem("embedded.unreadable", path=str(path), reason=exc.strerror or str(exc)) from exc
    return None
