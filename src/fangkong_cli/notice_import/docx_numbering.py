"""Paragraphs of a .docx with Word's automatic numbering written back in ("一、", "（一）", "1.").

A paragraph numbered by Word keeps only its text; the label lives in numbering.xml. Counters are
kept per abstract numbering, a deeper level restarts when a shallower one advances, and the
level's `lvlText` (such as `%1、`) is filled with each level's number in its own format.
"""

from __future__ import annotations

import io
from typing import Any, NamedTuple

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DIGITS = "零一二三四五六七八九"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


class Level(NamedTuple):
    fmt: str
    text: str
    start: int


class Numbering(NamedTuple):
    """numId -> (abstractNumId, its levels, levels whose start is overridden)."""

    nums: dict[str, tuple[str, dict[int, Level], dict[int, int]]]


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 105 -> 一百零五 (the counting of 公文 headings)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = (
            ""
            if rest == 0
            else (
                "零" + _DIGITS[rest]
                if rest < 10
                else _DIGITS[rest // 10] + "十" + (_DIGITS[rest % 10] if rest % 10 else "")
            )
        )
        return _DIGITS[n // 100] + "百" + tail
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out += letters
            n -= value
    return out


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """One level's number in Word's `numFmt`."""
    if fmt.startswith(("chineseCounting", "japaneseCounting", "taiwaneseCounting", "ideographLegalTraditional")):
        return chinese_number(n)
    if fmt == "ideographDigital":
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10]
    if fmt.startswith("decimalEnclosedCircle"):
        return _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else str(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord("０") + int(d)) for d in str(n))
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    return str(n)


def _val(element: Any, tag: str) -> str | None:
    child = element.find(f"{W}{tag}") if element is not None else None
    return None if child is None else child.get(f"{W}val")


def _levels(parent: Any) -> dict[int, Level]:
    levels = {}
    for lvl in parent.findall(f"{W}lvl"):
        start = _val(lvl, "start")
        levels[int(lvl.get(f"{W}ilvl", "0"))] = Level(
            _val(lvl, "numFmt") or "decimal",
            _val(lvl, "lvlText") or "",
            int(start) if start and start.isdecimal() else 1,
        )
    return levels


def read_numbering(numbering: Any) -> Numbering:
    abstract = {a.get(f"{W}abstractNumId"): _levels(a) for a in numbering.findall(f"{W}abstractNum")}
    nums = {}
    for num in numbering.findall(f"{W}num"):
        aid = _val(num, "abstractNumId") or ""
        levels = dict(abstract.get(aid, {}))
        starts = {}
        for override in num.findall(f"{W}lvlOverride"):
            ilvl = int(override.get(f"{W}ilvl", "0"))
            start = _val(override, "startOverride")
            if start and start.isdecimal():
                starts[ilvl] = int(start)
            levels.update(_levels(override))
        nums[num.get(f"{W}numId")] = (aid, levels, starts)
    return Numbering(nums)


class Counter:
    """The running numbers of every list in the document."""

    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self.values: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()

    def label(self, num_id: str, ilvl: int) -> str:
        entry = self.numbering.nums.get(num_id)
        if entry is None:
            return ""
        aid, levels, starts = entry
        level = levels.get(ilvl)
        if level is None or level.fmt in ("bullet", "none") or not level.text:
            return ""
        counts = self.values.setdefault(aid, {})
        if num_id not in self.started and starts:  # a list that restarts its numbering here
            self.started.add(num_id)
            counts.clear()
        self.started.add(num_id)
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        counts[ilvl] = counts[ilvl] + 1 if ilvl in counts else starts.get(ilvl, level.start)
        text = level.text
        for k in range(9):
            if f"%{k + 1}" in text:
                lv = levels.get(k, Level("decimal", "", 1))
                value = counts.get(k, starts.get(k, lv.start))
                text = text.replace(f"%{k + 1}", format_number(value, lv.fmt))
        return text


def _num_pr(p_pr: Any, styles: dict[str, Any]) -> tuple[str, int] | None:
    """The numbering of a paragraph: its own numPr, else its style's (following basedOn)."""
    num_pr = p_pr.find(f"{W}numPr") if p_pr is not None else None
    style_id = _val(p_pr, "pStyle") if p_pr is not None else None
    seen = set()
    while num_pr is None and style_id and style_id not in seen:
        seen.add(style_id)
        style = styles.get(style_id)
        if style is None:
            break
        s_pr = style.find(f"{W}pPr")
        num_pr = s_pr.find(f"{W}numPr") if s_pr is not None else None
        style_id = _val(style, "basedOn")
    if num_pr is None:
        return None
    num_id = _val(num_pr, "numId")
    ilvl = _val(num_pr, "ilvl")
    if not num_id or num_id == "0":
        return None
    return num_id, int(ilvl) if ilvl and ilvl.isdecimal() else 0


def docx_paragraphs(raw: bytes) -> tuple[list[str], int]:
    """Body paragraphs in order, each with its restored number; and how many tables were left out."""
    import docx

    document = docx.Document(io.BytesIO(raw))
    try:
        numbering = read_numbering(document.part.numbering_part.element)
    except (KeyError, NotImplementedError):
        numbering = Numbering({})
    styles = {s.get(f"{W}styleId"): s for s in document.styles.element.findall(f"{W}style")}
    counter = Counter(numbering)
    lines: list[str] = []
    tables = 0
    for block in document.element.body.iterchildren():
        if block.tag == f"{W}tbl":
            tables += 1
        elif block.tag == f"{W}p":
            lines.append(_text(block, styles, counter))
        elif block.tag == f"{W}sdt":  # a content control: its paragraphs are body text too
            lines += [_text(p, styles, counter) for p in block.iter(f"{W}p")]
    return lines, tables


def _text(paragraph: Any, styles: dict[str, Any], counter: Counter) -> str:
    """A paragraph's text (deleted revisions are w:delText, not w:t), its number in front."""
    text = "".join(t.text or "" for t in paragraph.iter(f"{W}t"))
    pr = _num_pr(paragraph.find(f"{W}pPr"), styles)
    label = counter.label(*pr) if pr is not None and text.strip() else ""
    return label + text.strip() if label else text
