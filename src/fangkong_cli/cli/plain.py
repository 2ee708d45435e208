"""Plain-text tables for output that is not a terminal, and for tables too long for Rich."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache


@lru_cache(maxsize=4096)
def cell_len(text: str) -> int:
    """Terminal cells `text` takes: wide and full-width characters (CJK) take two, control
    characters and combining marks none.

    unicodedata rather than rich.cells, whose tables take 25 ms to import.
    """
    if text.isascii() and text.isprintable():
        return len(text)
    return sum(map(char_cells, text))


@lru_cache(maxsize=4096)
def char_cells(ch: str) -> int:
    """Terminal cells one character takes (0, 1 or 2)."""
    from unicodedata import category, east_asian_width

    code = ord(ch)
    if code < 32 or 0x7F <= code < 0xA0:
        return 0
    if east_asian_width(ch) in "WF":
        return 2
    return 0 if category(ch) in ("Mn", "Me") or (category(ch) == "Cf" and ch != "\u00ad") else 1


def fold(text: str, room: int) -> list[str]:
    """Cut `text` into lines of at most `room` cells (a CJK character takes two)."""
    lines, current, used = [], "", 0
    for ch in text:
        w = char_cells(ch)
        if used + w > room and current:
            lines.append(current)
            current, used = "", 0
        current += ch
        used += w
    return [*lines, current]


def grid(
    headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int], width: int, wide: int = 0
) -> list[str]:
    """A plain-text table that fits `width` cells: column `wide` gives way first, then the
    widest others; a column narrower than its text folds. CJK counts double.

    Drawn by hand because a Rich Table takes seconds for the thousand rows of a province,
    and for output that is not a terminal (cron mail, pipes) plain aligned text is what is
    wanted anyway.
    """
    widths = [max([cell_len(h), *(cell_len(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    gap = 2
    over = sum(widths) + gap * (len(widths) - 1) - width
    if over > 0:
        cut = min(over, widths[wide] - 8)
        widths[wide] -= max(0, cut)
        over -= max(0, cut)
    while over > 0:  # still too wide: narrow the widest column, never below 4 cells
        i = max(range(len(widths)), key=lambda k: widths[k])
        if widths[i] <= 4:
            break
        widths[i] -= 1
        over -= 1

    out: list[str] = []

    def emit(cells: Sequence[str]) -> None:
        parts = [fold(c, widths[i]) if cell_len(c) > widths[i] else [c] for i, c in enumerate(cells)]
        for k in range(max(len(p) for p in parts)):
            line = []
            for i, p in enumerate(parts):
                piece = p[k] if k < len(p) else ""
                pad = " " * max(0, widths[i] - cell_len(piece))
                line.append(pad + piece if i in right else piece + pad)
            out.append((" " * gap).join(line).rstrip())

    emit(headers)
    out.append("─" * min(width, sum(widths) + gap * (len(widths) - 1)))
    for row in rows:
        emit(row)
    return out


def visible_columns(
    natural: Sequence[int], keep: Sequence[int], drop_order: Sequence[int], wide: int, width: int, room: int = 24
) -> list[int]:
    """The columns to show in `width` cells: drop those in `drop_order` (least wanted
    first) until the `wide` column has `room` cells, so titles stay readable rather than
    becoming strips of three characters."""
    shown = list(range(len(natural)))
    for column in drop_order:
        used = sum(natural[i] + 2 for i in shown if i != wide)
        if used + room <= width:
            break
        if column in shown and column not in keep:
            shown.remove(column)
    return shown
