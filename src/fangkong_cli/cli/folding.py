"""Text in terminal cells: cut, cropped and folded as Rich folds it (at spaces, a word wider
than the line cut by cells), or as Chinese is set (between characters, minding punctuation).

A Chinese character takes two cells; `tests/test_screen.py` compares the folding with Rich's.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from .plain import cell_len, char_cells

Justify = Literal["left", "right", "default"]

_WORD = re.compile(r"\s*\S+\s*")
# For running Chinese text: a character is a word of its own (a line may break between any
# two), closing punctuation stays with the character before it and opening punctuation with
# the one after, so that no line starts with "，" or ends with "（".
_CLOSING = "，。、；：？！）」』”’》〉】〕…—%"
_OPENING = "（「『“‘《〈【〔"
_WIDE = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"


@lru_cache(maxsize=1)
def _cjk_word() -> re.Pattern[str]:
    """Compiled when first needed (7 ms: `status` never needs it, the walk does)."""
    return re.compile(
        rf"\s*(?:[{_OPENING}]*[{_WIDE}][{_CLOSING}]*|[{_OPENING}]*[^\s{_WIDE}]+[{_CLOSING}]*|[{_CLOSING}]+)\s*"
    )


_TRAILING_SPACE = re.compile(r"\s+$")


def chop(text: str, width: int) -> list[str]:
    """`text` cut into pieces of at most `width` cells; a zero-width mark stays with its letter."""
    pieces, start, used = [], 0, 0
    for i, ch in enumerate(text):
        w = char_cells(ch)
        if used + w > width:
            pieces.append(text[start:i])
            start, used = i, 0
        used += w
    if used:
        pieces.append(text[start:])
    return pieces


def crop(text: str, width: int) -> str:
    """The first `width` cells of `text`; a wide character cut in half becomes a space."""
    used = 0
    for i, ch in enumerate(text):
        w = char_cells(ch)
        if used + w > width:
            return text[:i] + " " * (width - used)
        used += w
    return text


def break_points(text: str, width: int, cjk: bool = False) -> list[int]:
    """Where to break `text` into lines of `width` cells: between words (a word keeps the
    spaces after it), and inside a word that is wider than a whole line. With `cjk`, between
    Chinese characters too (as Chinese is set), minding the punctuation."""
    points: list[int] = []
    used = 0
    for match in (_cjk_word() if cjk else _WORD).finditer(text):
        start, word = match.start(), match.group()
        size = cell_len(word.rstrip())
        if width - used >= size:
            used += cell_len(word)
        elif size > width:
            pieces = chop(word, width)
            for k, piece in enumerate(pieces):
                if start:
                    points.append(start)
                if k == len(pieces) - 1:
                    used = cell_len(piece)
                else:
                    start += len(piece)
        elif used and start:
            points.append(start)
            used = cell_len(word)
    return points


def _trim(piece: str, width: int) -> str:
    """Spaces at the end of a line beyond the width go (counted in characters, as the breaks are)."""
    excess = len(piece) - width
    trailing = _TRAILING_SPACE.search(piece)
    if excess > 0 and trailing is not None:
        return piece[: len(piece) - min(len(trailing.group()), excess)]
    return piece


def _expand_tabs(line: str, size: int = 8) -> str:
    """A tab becomes a space and then more, up to the next multiple of `size` cells."""
    if "\t" not in line:
        return line
    out, used = [], 0
    for part in line.split("\t")[:-1]:
        used += cell_len(part) + 1
        out.append(part + " " * (1 + (size - used % size) % size))
        used += (size - used % size) % size
    return "".join(out) + line.split("\t")[-1]


def line_spans(text: str, width: int, cjk: bool = False) -> list[tuple[int, int]]:
    """Where each folded line of `text` starts and ends (spaces past the width dropped)."""
    spans, base = [], 0
    for part in text.split("\n"):
        points = [0, *break_points(part, width, cjk), len(part)]
        spans += [(base + a, base + a + len(_trim(part[a:b], width))) for a, b in zip(points, points[1:], strict=False)]
        base += len(part) + 1
    return spans


@lru_cache(maxsize=4096)
def wrap(text: str, width: int, justify: Justify) -> tuple[str, ...]:
    """`text` as lines of `width` cells: folded, then padded on the right ("left"), on the
    left ("right"), or left as they are ("default")."""
    text = "\n".join(map(_expand_tabs, text.split("\n")))
    lines: list[str] = []
    for a, b in line_spans(text, width):
        line = text[a:b]
        if justify == "right":
            line = crop(line.rstrip(), width)
            line = " " * (width - cell_len(line)) + line
        elif cell_len(line) > width:
            line = crop(line, width)
        elif justify == "left":
            line += " " * (width - cell_len(line))
        lines.append(line)
    return tuple(lines)


@lru_cache(maxsize=4096)
def natural(text: str) -> tuple[int, int]:
    """The narrowest a text can be folded without cutting a word, and its widest line."""
    lines = text.splitlines()
    widest = max(map(cell_len, lines)) if lines else 0
    words = text.split()
    return (max(map(cell_len, words)) if words else widest), widest
