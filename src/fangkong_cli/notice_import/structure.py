"""The body of a notice as a tree: preamble, top-level sections, the paragraphs under each heading,
and the closing line that says where to report."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from .clean import join_paragraphs
from .front import read_frame
from .patterns import CONTACT, heading_style
from .sentences import sentences

_REPORT = re.compile(
    r"(?:报送|上报|报至|报给|报到|送至|送交|发送至|发至|反馈至|反馈给)(?:至|到|给)?"
    r"(?P<to>[^，。；、：:\s“”]{2,24}(?:办公室|办公厅|总工会|工会|政府|委员会|指挥部|领导小组|工作组|专班|中心|厅|局|处|科|室|部|办))"
)
_TERMINATOR = re.compile(r"[。！？!?]")


class Item(NamedTuple):
    """A paragraph of a section, with the subheadings above it ("（一）加强组织领导")."""

    text: str
    path: tuple[str, ...]
    is_heading: bool = False  # a heading with nothing under it: its own sentence is the demand


class SectionText(NamedTuple):
    number: str
    title: str
    source: str
    items: tuple[Item, ...]


class Reporting(NamedTuple):
    to: str
    source: str


class NoticeText(NamedTuple):
    title: str | None
    doc_number: str | None
    year: int | None
    issuer: str | None
    addressees: tuple[str, ...]
    date: date | None
    preamble: str | None
    sections: tuple[SectionText, ...]
    reporting: Reporting | None
    levels: tuple[str, ...]  # heading styles, shallowest first
    gaps: tuple[str, ...]  # top-level numbers that do not follow on ("一、三、")
    text: str  # the cleaned notice, one paragraph a line


class _Heading(NamedTuple):
    depth: int
    number: str
    label: str  # the number as written, with its punctuation: "（一）"
    title: str
    source: str
    rest: str  # run-in body text after the heading sentence


def _split_heading(text: str, style: str, number: str, rest: str, depth: int) -> _Heading:
    label = text[: len(text) - len(rest)].strip()
    match = _TERMINATOR.search(rest)
    if match and match.end() < len(rest.rstrip()):
        return _Heading(depth, number, label, rest[: match.start()], rest[: match.end()], rest[match.end() :].strip())
    return _Heading(depth, number, label, rest.rstrip("。！？!?；;：: "), rest.strip(), "")


def _classify(paragraphs: Sequence[str]) -> tuple[list[_Heading | str], tuple[str, ...]]:
    styles: list[str] = []
    out: list[_Heading | str] = []
    for text in paragraphs:
        found = heading_style(text)
        if found is None:
            out.append(text)
            continue
        style, number, rest = found
        if style not in styles:
            styles.append(style)
        out.append(_split_heading(text, style, number, rest, styles.index(style) + 1))
    return out, tuple(styles)


def _sections(blocks: list[_Heading | str]) -> tuple[list[str], list[SectionText], list[str]]:
    """Preamble paragraphs, the sections, and numbers that break the top-level sequence."""
    from .patterns import cn_to_int

    preamble: list[str] = []
    sections: list[SectionText] = []
    gaps: list[str] = []
    current: tuple[_Heading, list[Item]] | None = None
    path: list[_Heading] = []
    for n, block in enumerate(blocks):
        if isinstance(block, str):
            if current is None:
                preamble.append(block)
            else:
                current[1].append(Item(block, tuple(h.label + h.title for h in path)))
            continue
        if block.depth == 1:
            if current is not None:
                sections.append(_section(*current))
            expected = len(sections) + 1
            if cn_to_int(block.number) != expected:
                gaps.append(block.label)
            current, path = (block, []), []
            if block.rest:
                current[1].append(Item(block.rest, ()))
            elif _leaf(blocks, n):
                current[1].append(Item(block.source, (), is_heading=True))
            continue
        path = [h for h in path if h.depth < block.depth] + [block]
        if current is None:  # a numbered list before any top-level heading: part of the preamble
            preamble.append(block.label + block.source + (block.rest or ""))
            continue
        labels = tuple(h.label + h.title for h in path)
        if block.rest:
            current[1].append(Item(block.rest, labels))
        elif _leaf(blocks, n):
            current[1].append(Item(block.source, labels[:-1], is_heading=True))
    if current is not None:
        sections.append(_section(*current))
    return preamble, sections, gaps


def _leaf(blocks: list[_Heading | str], n: int) -> bool:
    """A heading with no paragraph and no deeper heading under it."""
    head = blocks[n]
    assert isinstance(head, _Heading)
    following = blocks[n + 1] if n + 1 < len(blocks) else None
    return following is None or (isinstance(following, _Heading) and following.depth <= head.depth)


def _section(head: _Heading, items: list[Item]) -> SectionText:
    return SectionText(head.number, head.title or head.source, head.source, tuple(items))


def report_sentence(text: str) -> tuple[str, str] | None:
    """(to whom, the sentence) for the first sentence of `text` that says where to report."""
    for sentence in sentences(text):
        match = _REPORT.search(sentence)
        if match:
            return match.group("to"), sentence.strip()
    return None


def _closing(sections: list[SectionText]) -> tuple[list[SectionText], Reporting | None]:
    """The reporting line: the last paragraph when it says only where to report (then it is not
    a measure), else the first reporting sentence of the last section (which stays a measure)."""
    if not sections:
        return sections, None
    last = sections[-1]
    if last.items and not last.items[-1].is_heading:
        text = last.items[-1].text
        found = report_sentence(text)
        only = found is not None and all(s.strip() == found[1] or CONTACT.match(s) for s in sentences(text))
        if found is not None and only and len(last.items) > 1 and not re.search(r"\d+月|每[天日周月]", text):
            trimmed = last._replace(items=last.items[:-1])
            return [*sections[:-1], trimmed], Reporting(*found)
    for item in last.items:
        found = report_sentence(item.text)
        if found is not None:
            return sections, Reporting(*found)
    return sections, None


def read_structure(lines: Sequence[str], hard: bool) -> NoticeText:
    """The notice's frame and body tree from its cleaned lines."""
    frame = read_frame(lines)
    paragraphs = join_paragraphs(frame.body, hard)
    blocks, styles = _classify(paragraphs)
    preamble, sections, gaps = _sections(blocks)
    sections, reporting = _closing(sections)
    return NoticeText(
        title=frame.title,
        doc_number=frame.doc_number,
        year=frame.year or (frame.date.year if frame.date else None),
        issuer=frame.issuer,
        addressees=frame.addressees,
        date=frame.date,
        preamble="\n".join(preamble) or None,
        sections=tuple(sections),
        reporting=reporting,
        levels=styles,
        gaps=tuple(gaps),
        text="\n\n".join([*frame.head, *paragraphs, *frame.foot]) + "\n",
    )
