"""Plain-text tables for output that is not a terminal, and for tables too long for Rich."""

from __future__ import annotations

from collections.abc import Sequence


def cell_len(text: str) -> int:
    """Terminal cells `text` takes: wide and full-width characters (CJK) take two.

    unicodedata rather than rich.cells, whose tables take 25 ms to import.
    """
    from unicodedata import east_asian_width

    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text)


def fold(text: str, room: int) -> list[str]:
    """Cut `text` into lines of at most `room` cells (a CJK character takes two)."""
    lines, current, used = [], "", 0
    for ch in text:
        w = cell_len(ch)
        if used + w > room and current:
            lines.append(current)
            current, used = "", 0
        current += ch
        used += w
    return [*lines, current]


def grid(
    headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int], width: int, wide: int = 0
) -> list[str]:
    """A plain-text table that fits `width`: column `wide` folds, CJK counts double.

    Drawn by hand because a Rich Table takes seconds for the thousand rows of a province,
    and for output that is not a terminal (cron mail, pipes) plain aligned text is what is
    wanted anyway.
    """
    widths = [max([cell_len(h), *(cell_len(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    gap = 2
    total = sum(widths) + gap * (len(widths) - 1)
    if total > width:
        widths[wide] = max(8, widths[wide] - (total - width))

    out: list[str] = []

    def emit(cells: Sequence[str]) -> None:
        parts = [fold(c, widths[i]) if i == wide else [c] for i, c in enumerate(cells)]
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
