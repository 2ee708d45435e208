"""Tables drawn for a terminal without Rich: Rich's look, in a few milliseconds.

Importing Rich's console and laying out the status table of the built-in notice takes
100–170 ms, more than everything else `status` does, and the duty officer waits for it at
every look. This module draws the same picture: a bold title over each table, a bold
header with a rule under it, columns sized by the layout rules of a Rich table with a
simple head box (each column as wide as its text, the measure column taking the room left,
the widest columns giving way first on a narrow terminal), text folded by terminal cells
(folding.py), states in colour; bare columns for lists. `tests/test_screen.py` compares the two
cell by cell, colours included, over many widths.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from math import ceil
from typing import Literal

from .folding import crop, line_spans, natural, wrap
from .plain import cell_len

Run = tuple[str, str]  # text and its style ("" for none)
Line = list[Run]

ATTRIBUTES = {"bold": "1", "dim": "2", "italic": "3"}
COLOURS = {"black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7}


@dataclass(frozen=True)
class Column:
    header: str
    justify: Literal["left", "right"] = "left"
    ratio: int | None = None  # takes the room left over, in this proportion
    min_width: int | None = None
    style: str = ""  # for its cells, under their own


@dataclass(frozen=True)
class Table:
    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Run]]  # one (text, style) per column
    expand: bool = True  # fill the width (a terminal), or be as narrow as the text (a pipe)
    boxed: bool = True  # blank edges, a rule under the header; or bare columns (a list)
    header: bool = True


# --- column widths ------------------------------------------------------------------------


def share_out(total: int, weights: Sequence[int], floors: Sequence[int] | None = None) -> list[int]:
    """`total` split in proportion to `weights`, each part rounded up and at least its floor;
    the parts add up to `total` (the last takes what is left)."""
    if floors:  # a part with no floor takes no share
        weights = [w if f else 0 for w, f in zip(weights, floors, strict=True)]
    else:
        floors = [0] * len(weights)
    left_weight, left = sum(weights), total
    parts = []
    for weight, floor in zip(weights, floors, strict=True):
        part = max(floor, ceil(weight * left / left_weight)) if left_weight > 0 else left
        parts.append(part)
        left_weight -= weight
        left -= part
    return parts


def take_away(total: int, weights: Sequence[int], caps: Sequence[int], widths: Sequence[int]) -> list[int]:
    """`widths` less `total` cells, taken in proportion to `weights`, at most `caps[i]` from each."""
    weights = [w if cap else 0 for w, cap in zip(weights, caps, strict=True)]
    left_weight, left = sum(weights), total
    if not left_weight:
        return list(widths)
    out = []
    for weight, cap, width in zip(weights, caps, widths, strict=True):
        if weight and left_weight > 0:
            taken = min(cap, round(weight * left / left_weight))
            out.append(width - taken)
            left -= taken
            left_weight -= weight
        else:
            out.append(width)
    return out


def narrow_widest(widths: list[int], room: int) -> list[int]:
    """Too wide: the widest columns give way together, down to the next widest, until it fits."""
    excess = sum(widths) - room
    while sum(widths) and excess > 0:
        widest = max(widths)
        second = max((w for w in widths if w != widest), default=0)
        if widest == second:
            break
        which = [1 if w == widest else 0 for w in widths]
        widths = take_away(excess, which, [min(excess, widest - second)] * len(widths), widths)
        excess = sum(widths) - room
    return widths


def _padding(index: int, count: int) -> tuple[int, int]:
    """One space either side of a cell, none at the table's outer edges."""
    return (0 if index == 0 else 1), (0 if index == count - 1 else 1)


def _column_range(table: Table, index: int, room: int) -> tuple[int, int]:
    """How narrow and how wide column `index` can be, padding included, within `room`."""
    if room < 1:
        return 0, 0
    pad = sum(_padding(index, len(table.columns)))
    lows, highs = [], []
    headers = [table.columns[index].header] if table.header else []
    for text in {*headers, *(row[index][0] for row in table.rows)}:
        if room - pad < 1:
            low, high = room, room
        else:  # natural() gives low <= high, so Rich's tidying leaves these as they are
            low, high = natural(text)
            low, high = (0, 0) if min(high, room) < 1 else (min(low, room), min(high, room))
            low, high = min(low + pad, room), min(high + pad, room)
        low, high = (0, 0) if high < 1 else (low, high)
        lows.append(low)
        highs.append(high)
    low, high = min(max(lows), room), min(max(highs), room)
    least = table.columns[index].min_width
    if least is not None:
        low, high = max(low, least + pad), max(high, least + pad)
    return low, high


def column_widths(table: Table, room: int) -> list[int]:
    """Each column's width, padding included, filling `room` cells (the table less its edges)."""
    count = len(table.columns)
    ranges = [_column_range(table, i, room) for i in range(count)]
    widths = [high or 1 for _, high in ranges]
    flexible = [i for i, c in enumerate(table.columns) if c.ratio is not None]
    if table.expand and any(table.columns[i].ratio for i in flexible):
        fixed = sum(high for i, (_, high) in enumerate(ranges) if i not in flexible)
        floors = [1 + sum(_padding(i, count)) for i in flexible]
        shares = share_out(room - fixed, [table.columns[i].ratio or 0 for i in flexible], floors)
        for i, share in zip(flexible, shares, strict=True):
            widths[i] = share
    total = sum(widths)
    if total > room:
        widths = narrow_widest(widths, room)
        total = sum(widths)
        if total > room:
            widths = take_away(total - room, [1] * count, widths, widths)
            total = sum(widths)
        widths = [_column_range(table, i, w)[1] for i, w in enumerate(widths)]
    if total < room and table.expand:
        widths = [w + extra for w, extra in zip(widths, share_out(room - total, widths), strict=True)]
    return widths


# --- drawing ------------------------------------------------------------------------------


def _cell(text: str, style: str, width: int, index: int, table: Table) -> list[Line]:
    """A cell's lines, each `width` cells wide with its padding; none when there is no room."""
    left, right = _padding(index, len(table.columns))
    inner = width - left - right
    if width < 1 or inner < 1:
        return []
    justify = table.columns[index].justify
    if not style:
        return [[(" " * left + line + " " * right, "")] for line in wrap(text, inner, justify)]
    return [[(" " * left, ""), (line, style), (" " * right, "")] for line in wrap(text, inner, justify)]


def _row(table: Table, cells: Sequence[Run], widths: Sequence[int], header: bool) -> list[Line]:
    """One table row as terminal lines: cells side by side (between blank edges in a boxed
    table), a header sitting on the rule below it, other rows hanging from the top."""
    drawn = [_cell(text, style, widths[i], i, table) for i, (text, style) in enumerate(cells)]
    height = max(1, *map(len, drawn))
    edge = " " if table.boxed else ""
    lines: list[Line] = []
    for k in range(height):
        line: Line = []
        plain = edge  # unstyled text gathered into one run
        for i, cell in enumerate(drawn):
            at = k - (height - len(cell)) if header else k
            for text, style in cell[at] if 0 <= at < len(cell) else [(" " * max(0, widths[i]), "")]:
                if style:
                    line += [(plain, ""), (text, style)]
                    plain = ""
                else:
                    plain += text
            plain += edge
        lines.append([*line, (plain, "")])
    return lines


def draw(table: Table, width: int) -> list[Line]:
    """The table in `width` cells: its title; boxed, an open top, the header over a rule, the
    rows and an open bottom (the blank line before the next table); bare, header and rows."""
    edges = len(table.columns) + 1 if table.boxed else 0
    widths = column_widths(table, width - edges)
    full = sum(widths) + edges
    lines: list[Line] = [[(line, "bold")] for line in wrap(table.title, full, "left")] if full and table.title else []
    if table.boxed:
        lines.append([(" " * full, "")])
    if table.header:
        lines += _row(table, [(c.header, "bold") for c in table.columns], widths, header=True)
        if table.boxed:
            lines.append([(" " + "─" * (full - 2) + " ", "")])
    for row in table.rows:
        styled = [
            (text, f"{column.style} {style}".strip()) for (text, style), column in zip(row, table.columns, strict=True)
        ]
        lines += _row(table, styled, widths, header=False)
    if table.boxed:
        lines.append([(" " * full, "")])
    return lines


def paragraph(text: str | Sequence[Run], width: int, style: str = "", cjk: bool = True) -> list[Line]:
    """Text, or styled pieces of it, folded to the terminal's width as Chinese is set: lines
    filled, broken between characters or at spaces, never before closing punctuation (with
    `cjk` off, at spaces only, as Rich folds)."""
    runs = [(text, style)] if isinstance(text, str) else [(t.replace("\t", " "), s) for t, s in text]
    plain = "".join(t for t, _ in runs)
    if width < 1:
        return []
    lines = []
    for a, b in line_spans(plain, width, cjk):
        line: Line = []
        at = 0
        for piece, piece_style in runs:
            start, end = max(a, at), min(b, at + len(piece))
            if start < end:
                line.append((piece[start - at : end - at], piece_style))
            at += len(piece)
        lines.append(_cut(line, width))
    return lines


def rule(title: str, width: int, style: str = "bright_green") -> Line:
    """A section's title on a line drawn across the terminal."""
    if width - 2 < 1:
        return [("─" * max(0, width), style)]
    title = title.replace("\n", " ")
    if cell_len(title) > width - 2:
        title = crop(title, width - 3) + "…"
    return _cut([(title, ""), (" ", ""), ("─" * (width - cell_len(title) - 1), style)], width)


def _cut(line: Line, width: int) -> Line:
    """A line no wider than the terminal (a wider table is cut, never wrapped onto the next line)."""
    out: Line = []
    for text, style in line:
        size = cell_len(text)
        if size <= width:
            out.append((text, style))
            width -= size
        else:
            out.append((crop(text, width), style))
            break
    return out


@lru_cache(maxsize=64)
def _codes(style: str, colour: bool) -> str:
    """Escape codes for a style such as "bold white on red" or "bright_green": attributes
    first, then the colour, then the background (the order Rich writes them in)."""
    words = style.split()
    codes = [ATTRIBUTES[w] for w in words if w in ATTRIBUTES]
    if colour:
        for background in (False, True):
            for i, word in enumerate(words):
                number = COLOURS.get(word.removeprefix("bright_"))
                if number is not None and background == (i > 0 and words[i - 1] == "on"):
                    codes.append(str(number + (40 if background else 30) + (60 if word.startswith("bright_") else 0)))
    return ";".join(codes)


def to_text(lines: Sequence[Line], width: int, styles: bool, colour: bool) -> str:
    """Lines for the terminal: cut to its width, styles as escape codes (none when `styles`
    is off, as on a dumb terminal; attributes without colours when `colour` is off, as
    NO_COLOR asks)."""
    out = []
    for line in lines:
        parts = []
        for text, style in _cut(line, width):
            codes = _codes(style, colour) if styles and style and text else ""
            parts.append(f"\x1b[{codes}m{text}\x1b[0m" if codes else text)
        out.append("".join(parts))
    return "".join(f"{line}\n" for line in out)
