"""Clean extracted text: look-alike characters, stray spaces, page numbers, running headers, soft wraps.

Only what extraction broke is repaired; the words and the full-width punctuation stay as written,
so a measure's `source` is the notice's own sentence.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

from .patterns import CLOSING, CONTACT, DATE_LINE, END_MATTER, ends_final, heading_style

# CJK letters and the punctuation set with them (full-width forms, quotes, dashes, ellipsis).
_CJK = "\u2e80-\u2fdf\u3001-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uffef\u2018-\u201f\u2026\u2014\u00b7"
_SPACES = "[ \u3000]+"
_BETWEEN = re.compile(rf"(?<=[{_CJK}]){_SPACES}(?=[{_CJK}0-9])|(?<=[0-9]){_SPACES}(?=[{_CJK}])")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff\u202a-\u202e\u2066-\u2069]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－―─_]*(?:第\s*)?[0-9０-９]{1,4}(?:\s*页)?(?:\s*[/／]\s*[0-9]{1,4}|\s*共\s*[0-9]{1,4}\s*页)?[\s\-—–－―─_]*$"
)


def _unlook(ch: str) -> str:
    """Kangxi radicals (⼀⼤) and compatibility ideographs, as some PDFs encode them, to the usual ideograph."""
    code = ord(ch)
    if 0x2E80 <= code <= 0x2FDF or 0xF900 <= code <= 0xFAFF:
        return unicodedata.normalize("NFKC", ch)
    return ch


def clean_line(text: str) -> str:
    """One line: look-alikes mapped back, invisible and control characters out, spaces that
    extraction put between Chinese characters (or between digits and Chinese) removed."""
    text = _INVISIBLE.sub("", text).replace("\t", " ").replace("\u00a0", " ")
    text = _CONTROL.sub("", text)
    text = "".join(_unlook(c) for c in text)
    text = _BETWEEN.sub("", text)
    return re.sub(" {2,}", " ", text).strip(" \u3000")


def is_page_number(line: str) -> bool:
    return bool(_PAGE_NUMBER.match(line)) and any(c.isdigit() for c in line)


def _furniture(pages: Sequence[Sequence[str]]) -> set[str]:
    """Lines repeated at the top (or at the bottom) of most pages: running headers and footers.

    Top and bottom are counted apart: the issuer's name heading page 1 and signing the last
    page is not a running header."""
    if len(pages) < 2:
        return set()
    tops: Counter[str] = Counter()
    bottoms: Counter[str] = Counter()
    for page in pages:
        lines = [re.sub(r"[0-9]+", "#", line) for line in page if line]
        tops.update(set(lines[:2]))
        bottoms.update(set(lines[-2:]))
    need = max(2, (len(pages) + 1) // 2)
    return {key for counter in (tops, bottoms) for key, count in counter.items() if count >= need}


_RUN_ON_GAP = re.compile(r"(?<=[^ \u3000]{6})[ \u3000]+(?=[^ \u3000]{6})")
RUN_ON = 200  # characters: a "line" this long in a text of a few lines lost its line breaks


def unflatten(pages: Sequence[Sequence[str]]) -> list[list[str]]:
    """Text pasted from a web page can arrive as one long line, its line breaks turned into spaces
    ("…工作方案 各乡镇人民政府： 为切实… 一、加强领导 2018年春节…"). In such a text a space
    between two long runs of characters was a line break; a space between single characters
    (疫 情 防 控) is extraction damage and is left to clean_line."""
    lines = [line for page in pages for line in page if line.strip()]
    if len(lines) > 3 or not any(len(line) >= RUN_ON for line in lines):
        return [list(page) for page in pages]
    return [[piece for line in page for piece in _RUN_ON_GAP.split(line)] for page in pages]


def clean_pages(pages: Sequence[Sequence[str]]) -> list[str]:
    """All lines in reading order, without page numbers and running headers/footers.

    A page break becomes an empty line, as a paragraph break would; joining decides later."""
    cleaned = [[clean_line(line) for line in page] for page in unflatten(pages)]
    cleaned = [[line for line in page if not is_page_number(line)] for page in cleaned]
    furniture = _furniture(cleaned)
    lines: list[str] = []
    for page in cleaned:
        if lines:
            lines.append("")
        content = [line for line in page if line]
        first, last = content[:2], content[-2:]
        for line in page:
            key = re.sub(r"[0-9]+", "#", line)
            if line and key in furniture and (line in first or line in last):
                continue
            lines.append(line)
    return lines


def _width(text: str) -> float:
    return sum(0.5 if ord(c) < 0x2E80 else 1.0 for c in text)


def full_width(lines: Sequence[str]) -> float | None:
    """The width of a full line when the text is hard-wrapped (PDF), else None (one line a paragraph)."""
    widths = sorted(_width(line) for line in lines if line)
    if len(widths) < 6:
        return None
    top = widths[int(len(widths) * 0.8)]
    near = sum(1 for w in widths if abs(w - top) <= max(2.0, top * 0.12))
    return top if top >= 12 and near >= len(widths) * 0.35 else None


def _starts_block(line: str) -> bool:
    return bool(
        heading_style(line)
        or DATE_LINE.match(line)
        or END_MATTER.match(line)
        or CONTACT.match(line)
        or CLOSING.match(line)
    )


def _standalone_heading(line: str, full: float | None) -> bool:
    """A heading on a line of its own ("一、总体要求"), not the first line of a wrapped paragraph."""
    if not heading_style(line) or any(c in line for c in "。！？；"):
        return False
    if full is not None:
        return _width(line) < full * 0.85
    return _width(line) <= 40


def join_paragraphs(lines: Sequence[str], hard: bool) -> list[str]:
    """Paragraphs: soft-wrapped lines (and words split by a page break, "党\\n\\n中央") joined."""
    if hard:
        return [line for line in lines if line]
    full = full_width(lines)
    paragraphs: list[str] = []
    last = ""
    for line in lines:
        if not line:
            continue
        if paragraphs and _joins(last, line, full):
            paragraphs[-1] = _glue(paragraphs[-1], line)
        else:
            paragraphs.append(line)
        last = line
    return paragraphs


def _joins(previous: str, line: str, full: float | None) -> bool:
    """Whether `line` continues the paragraph whose last line is `previous`."""
    if _starts_block(line) or _standalone_heading(previous, full):
        return False
    if ends_final(previous):
        # a full line that happens to end a sentence goes on: a paragraph rarely ends flush right
        return full is not None and _width(previous) >= full * 0.95 and previous[-1] in "。；;"
    if DATE_LINE.match(previous) or CLOSING.match(previous) or CONTACT.match(previous):
        return False
    return not (full is not None and _width(previous) < full * 0.6 and not heading_style(previous))


def _glue(left: str, right: str) -> str:
    if left[-1:].isascii() and left[-1:].isalnum() and right[:1].isascii() and right[:1].isalpha():
        return f"{left} {right}"
    return left + right
