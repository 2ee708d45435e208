"""Reading a filled 台账 (xlsx, as saved by Excel, WPS or LibreOffice) into plain rows.

openpyxl does the reading (xlsxwriter only writes); it is imported here, lazily, so no other
command pays for it. The archive is checked first: its size, and every member's declared
size, are bounded, so a crafted file cannot make the reader unpack gigabytes.
"""

from __future__ import annotations

import re
import stat
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .errors import DataProblem, FileProblems, Problem
from .sheet import COLUMNS, META_SHEET, FilledRow, SheetFile, known_headers

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ROWS = 50_000
_DAY = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def _check_archive(path: Path) -> None:
    try:
        info = path.stat()
    except OSError as exc:
        raise DataProblem("sheet.unreadable", path=str(path), reason=exc.strerror or str(exc)) from exc
    if not stat.S_ISREG(info.st_mode):
        raise DataProblem("sheet.unreadable", path=str(path), reason="not a regular file")
    if info.st_size > MAX_FILE_BYTES:
        raise DataProblem("sheet.too_large", path=str(path), limit=MAX_FILE_BYTES // (1024 * 1024))
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(m.file_size for m in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise DataProblem("sheet.not_xlsx", path=str(path)) from exc
    if total > MAX_UNPACKED_BYTES:
        raise DataProblem("sheet.too_large", path=str(path), limit=MAX_FILE_BYTES // (1024 * 1024))


def text_of(value: Any) -> str:
    """A cell as text: 12.0 typed into a note reads as 12."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    return str(value).strip()


def day_of(value: Any) -> tuple[date | None, str]:
    """The 日期 cell: a date (as a spreadsheet stores it, or written 2021-01-18, 2021/1/18,
    2021年1月18日); else the text it held, to report."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, ""
    if isinstance(value, datetime):
        return value.date(), ""
    if isinstance(value, date):
        return value, ""
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
        from openpyxl.utils.datetime import from_excel

        moment = from_excel(value)
        return (moment.date() if isinstance(moment, datetime) else None), ""
    match = _DAY.match(str(value))
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3])), ""
        except ValueError:
            pass
    return None, text_of(value) or str(value)


def read_sheet(path: Path) -> SheetFile:
    """The hidden fingerprint and every data row of a 台账 workbook."""
    _check_archive(path)
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on a damaged file
        raise DataProblem("sheet.not_xlsx", path=str(path)) from exc
    if META_SHEET not in book.sheetnames:
        raise DataProblem("sheet.not_ours", path=str(path))
    meta = {text_of(r[0]): text_of(r[1]) for r in book[META_SHEET].iter_rows(max_col=2, values_only=True) if r and r[0]}
    data = next((ws for ws in book.worksheets if ws.title != META_SHEET and ws.sheet_state == "visible"), None)
    if data is None:
        raise DataProblem("sheet.not_ours", path=str(path))
    if data.max_row > MAX_ROWS:
        raise DataProblem("sheet.too_many_rows", path=str(path), limit=MAX_ROWS)
    rows = list(data.iter_rows(max_col=len(COLUMNS), values_only=True))
    head = [text_of(v) for v in rows[0]] if rows else []
    if head not in [h[: len(head)] for h in known_headers()] or len(head) != len(COLUMNS):
        raise FileProblems([Problem(str(path), 1, "sheet.columns_changed", {})])
    out = []
    for number, values in enumerate(rows[1:], start=2):
        cells = dict(zip(COLUMNS, values, strict=False))
        if not any(text_of(v) for v in values):
            continue
        day, day_text = day_of(cells.get("day"))
        out.append(
            FilledRow(
                number,
                text_of(cells.get("id")),
                text_of(cells.get("slot_key")),
                text_of(cells.get("status")),
                text_of(cells.get("reason")),
                text_of(cells.get("note")),
                text_of(cells.get("by")),
                day,
                day_text,
            )
        )
    return SheetFile(meta, tuple(out))
