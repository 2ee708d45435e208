"""Read a notice file (txt, docx, pdf) into pages of text lines, refusing bad input before parsing.

Every refusal is a DataProblem naming the file (exit 3). Nothing here writes anything. pypdf and
python-docx are imported only for their own format.
"""

from __future__ import annotations

import io
import os
import stat
import warnings
import zipfile
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import DataProblem

MAX_NOTICE_BYTES = 20 * 1024 * 1024  # a notice is a few pages; 20 MB leaves room for scans and fonts
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # a docx that unpacks to more than this is a zip bomb


class RawNotice(NamedTuple):
    """The text of a notice as it came out of the file, before cleaning."""

    kind: str  # "txt", "docx" or "pdf"
    pages: tuple[tuple[str, ...], ...]  # lines per page (one page for txt and docx)
    hard_lines: bool  # True when every line is a real paragraph (docx): never joined
    tables: int = 0  # docx tables, not read (reported for review)


def read_notice(path: Path, max_bytes: int = MAX_NOTICE_BYTES) -> RawNotice:
    """The notice's text; a DataProblem for an empty, huge, odd or unreadable file."""
    raw = _read_bytes(path, max_bytes)
    name = str(path)
    kind = _kind(path, raw)
    if kind == "pdf":
        return _read_pdf(raw, name)
    if kind == "docx":
        return _read_docx(raw, name)
    text = decode_notice_text(raw, name)
    pages = tuple(tuple(page.split("\n")) for page in text.split("\f"))
    return RawNotice("txt", pages, hard_lines=False)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    name = str(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise DataProblem("imp.not_found", path=name) from None
    except OSError as exc:
        raise DataProblem("imp.unreadable", path=name, reason=exc.strerror or str(exc)) from exc
    if stat.S_ISDIR(st.st_mode):
        raise DataProblem("imp.is_directory", path=name)
    if not stat.S_ISREG(st.st_mode):  # a FIFO or a device: opening it could block for ever
        raise DataProblem("imp.not_regular", path=name)
    if st.st_size == 0:
        raise DataProblem("imp.empty", path=name)
    if st.st_size > max_bytes:
        raise DataProblem("imp.too_large", path=name, limit=_size_text(max_bytes))
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as fh:
            raw = fh.read(max_bytes + 1)
    except OSError as exc:
        raise DataProblem("imp.unreadable", path=name, reason=exc.strerror or str(exc)) from exc
    if len(raw) > max_bytes:  # it grew while we looked
        raise DataProblem("imp.too_large", path=name, limit=_size_text(max_bytes))
    if not raw.strip():
        raise DataProblem("imp.empty", path=name)
    return raw


def _size_text(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{max(1, limit // 1024)} KB"


def _kind(path: Path, raw: bytes) -> str:
    """By content where it is unambiguous, else by suffix; a .docx or .pdf must be what it says."""
    suffix = path.suffix.lower()
    name = str(path)
    if raw.startswith(b"\xd0\xcf\x11\xe0"):  # OLE: the old binary .doc/.wps formats
        raise DataProblem("imp.old_word", path=name)
    if suffix == ".docx" and not raw.startswith(b"PK"):
        raise DataProblem("imp.docx_not_zip", path=name)
    if suffix == ".pdf" and b"%PDF-" not in raw[:1024]:
        raise DataProblem("imp.pdf_not_pdf", path=name)
    if suffix in (".doc", ".wps"):
        raise DataProblem("imp.old_word", path=name)
    if b"%PDF-" in raw[:1024]:
        return "pdf"
    if raw.startswith(b"PK\x03\x04"):
        return "docx"
    return "txt"


def decode_notice_text(raw: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else GB18030 (which includes GBK)."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            try:
                text = raw[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                raise DataProblem("imp.bad_encoding", path=name) from None
            return _checked_text(text, name)
    for codec in ("utf-8", "gb18030"):
        try:
            return _checked_text(raw.decode(codec), name)
        except UnicodeDecodeError:
            continue
    raise DataProblem("imp.bad_encoding", path=name)


def _checked_text(text: str, name: str) -> str:
    if "\x00" in text:
        raise DataProblem("imp.binary", path=name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DataProblem("imp.empty", path=name)
    return text


# --- pdf ------------------------------------------------------------------------------------------


def _read_pdf(raw: bytes, name: str) -> RawNotice:
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damaged objects are reported our way
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(raw))
            if reader.is_encrypted and not _opens_without_password(reader):
                raise DataProblem("imp.pdf_encrypted", path=name)
            pages = tuple(tuple((page.extract_text() or "").split("\n")) for page in reader.pages)
    except DataProblem:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on a damaged file
        raise DataProblem("imp.pdf_damaged", path=name, reason=type(exc).__name__) from exc
    if not any(line.strip() for page in pages for line in page):
        raise DataProblem("imp.pdf_no_text", path=name)
    return RawNotice("pdf", pages, hard_lines=False)


def _opens_without_password(reader: Any) -> bool:
    """Many PDFs are "encrypted" with an empty password only to forbid printing or copying."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # noqa: BLE001 - e.g. AES without the optional cryptography package
        return False


# --- docx -----------------------------------------------------------------------------------------


def _read_docx(raw: bytes, name: str) -> RawNotice:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_BYTES:
                raise DataProblem("imp.docx_damaged", path=name, reason="zip bomb")
            if "word/document.xml" not in archive.namelist():
                raise DataProblem("imp.docx_damaged", path=name, reason="no word/document.xml")
    except zipfile.BadZipFile:
        raise DataProblem("imp.docx_not_zip", path=name) from None
    from .docx_numbering import docx_paragraphs

    try:
        lines, tables = docx_paragraphs(raw)
    except DataProblem:
        raise
    except Exception as exc:  # noqa: BLE001 - python-docx and lxml raise many kinds on a damaged file
        raise DataProblem("imp.docx_damaged", path=name, reason=type(exc).__name__) from exc
    if not any(line.strip() for line in lines):
        raise DataProblem("imp.empty", path=name)
    return RawNotice("docx", (tuple(lines),), hard_lines=True, tables=tables)
