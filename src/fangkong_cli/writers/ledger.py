"""The 台账 as an xlsx workbook to fill in: ids and slots locked, a drop-down for the status,
and the workspace's fingerprint on a hidden sheet."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from .. import cn_dates as cn
from ..messages import Lang, t
from ..sheet import COLUMNS, EDITABLE, KIND, META_SHEET, STATUSES, VERSION, Ledger, headers
from . import labels as tx
from .ooxml import finish
from .xlsx import FONT, display_width

WIDTHS = {"id": 8, "slot": 30, "status": 12, "reason": 24, "note": 36, "by": 10, "day": 16, "slot_key": 12}


def _meta(ledger: Ledger, lang: Lang) -> list[tuple[str, str]]:
    return [
        ("kind", KIND),
        ("version", str(VERSION)),
        ("unit_id", ledger.unit_id),
        ("unit_name", ledger.unit_name),
        ("checklist", ledger.checklist),
        ("from", ledger.period.first.isoformat()),
        ("to", ledger.period.last.isoformat()),
        ("label", ledger.period.label),
        ("fingerprint", ledger.fingerprint),
        ("lang", lang),
    ]


def write_ledger(ledger: Ledger, lang: Lang) -> bytes:
    """The 台账 workbook: one row per slot to fill in, ids and slots locked, a hidden sheet
    naming the unit and period it belongs to."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    )
    title = t(lang, "sheet.title", unit=ledger.unit_name, period=tx.period_text(lang, ledger.period))
    first = ledger.period.first
    created = datetime(first.year, first.month, first.day)
    book.set_properties({"title": title, "author": "fangkong", "comments": "fangkong", "created": created})
    book.formats[0].set_font_name(FONT)
    ws = book.add_worksheet(t(lang, "sheet.name"))
    _page(ws, lang, title)
    _rows(book, ws, ledger, lang)
    meta = book.add_worksheet(META_SHEET)
    for r, (key, value) in enumerate(_meta(ledger, lang)):
        meta.write_string(r, 0, key)
        meta.write_string(r, 1, value)
    meta.protect()
    meta.very_hidden()
    book.close()
    return finish(buffer.getvalue(), "xl/workbook.xml", None)


def _page(ws: Any, lang: Lang, title: str) -> None:
    """A4 landscape, heading row repeated and frozen, page numbers in the footer."""
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    ws.freeze_panes(1, 3)
    ws.set_footer(t(lang, "rep.xlsx_footer"))
    ws.set_header(f"&C{title.replace('&', '&&')}")


def _rows(book: Any, ws: Any, ledger: Ledger, lang: Lang) -> None:
    """The heading row, one row per slot (only the cells to fill in unlocked), the drop-down."""
    base = {"font_name": FONT, "font_size": 11, "valign": "top", "border": 1, "border_color": "#808080"}
    locked = book.add_format({**base, "bg_color": "#F2F2F2", "text_wrap": True})
    head = book.add_format({**base, "bold": True, "bg_color": "#DDE4EE", "locked": True})
    free = book.add_format({**base, "locked": False, "text_wrap": True})
    day_format = 'yyyy"年"m"月"d"日"' if lang == "zh" else "yyyy-mm-dd"
    day_fmt = book.add_format({**base, "locked": False, "num_format": day_format})
    widest = max((display_width(r.title) for r in ledger.rows), default=10)
    for col, name in enumerate(COLUMNS):
        width = min(widest, 40) + 2 if name == "measure" else WIDTHS[name]
        ws.set_column(col, col, width, None, {"hidden": name == "slot_key"})
    for col, header in enumerate(headers(lang)):
        ws.write_string(0, col, header, head)
    for r, row in enumerate(ledger.rows, start=1):
        values = {
            "id": row.measure,
            "measure": row.title,
            "slot": cn.cn_slot(row.slot) if lang == "zh" else row.slot,
            "slot_key": row.slot,
            "status": "" if row.status is None else t(lang, f"state.{row.status.value}"),
            "reason": row.reason,
            "note": row.note,
            "by": row.by,
        }
        for col, name in enumerate(COLUMNS):
            if name != "day":
                ws.write_string(r, col, values[name], free if name in EDITABLE else locked)
            elif row.day is not None:
                ws.write_datetime(r, col, datetime(row.day.year, row.day.month, row.day.day), day_fmt)
            else:
                ws.write_blank(r, col, None, day_fmt)
    choices = [t(lang, f"state.{s.value}") for s in STATUSES]
    status_col = COLUMNS.index("status")
    rule = {
        "validate": "list",
        "source": choices,
        "error_title": t(lang, "sheet.pick_title"),
        "error_message": t(lang, "sheet.pick", choices="、".join(choices)),
    }
    ws.data_validation(1, status_col, max(len(ledger.rows), 1), status_col, rule)
    ws.protect("", {"format_columns": True, "format_rows": True, "autofilter": True, "sort": False})
