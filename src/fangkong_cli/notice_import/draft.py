"""From a notice file to a draft checklist: the notice's fields, sections, measures and doubts."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import DataProblem
from .cadence import Cadence, guess
from .clean import clean_pages
from .measures import find_measures
from .reading import MAX_NOTICE_BYTES, read_notice
from .structure import Item, NoticeText, Reporting, SectionText, read_structure
from .wording import evidence_for, make_title

LONG_SOURCE = 150  # characters: a longer source probably holds several measures
_ID_CHARS = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff_-]+")


class Review(NamedTuple):
    """Something a person should look at: where ("notice", a section or measure id), what, details."""

    where: str
    key: str
    params: dict[str, Any]


class DraftMeasure(NamedTuple):
    id: str
    title: str
    source: str
    cadence: Cadence
    evidence: str
    path: tuple[str, ...]  # the subheadings above it
    review: tuple[Review, ...]


class DraftSection(NamedTuple):
    id: str
    number: str
    title: str
    source: str | None
    measures: tuple[DraftMeasure, ...]
    skipped: tuple[str, ...]  # sentences left out: they describe, they do not ask


class Draft(NamedTuple):
    source_file: str
    kind: str
    notice_id: str
    title: str
    doc_number: str
    issuer: str
    addressees: tuple[str, ...]
    date: date | None
    preamble: str | None
    reporting: Reporting | None
    sections: tuple[DraftSection, ...]
    review: tuple[Review, ...]  # notice-level doubts; each measure carries its own
    text: str  # the cleaned text of the notice, kept beside the draft

    @property
    def measures(self) -> tuple[DraftMeasure, ...]:
        return tuple(m for s in self.sections for m in s.measures)

    @property
    def all_review(self) -> tuple[Review, ...]:
        return self.review + tuple(r for m in self.measures for r in m.review)


def notice_id(doc_number: str | None, fallback: str) -> str:
    """ "青总办通〔2021〕4号" -> "青总办通-2021-4"; else a safe form of the file name."""
    if doc_number:
        match = re.match(r"^(.*?)[〔\[［【(（](\d{4})[〕\]］】)）]第?(\d+)号", doc_number)
        if match:
            candidate = _ID_CHARS.sub("", match.group(1)) + f"-{match.group(2)}-{match.group(3)}"
            if 0 < len(candidate) <= 32 and candidate[0] not in "-_":
                return candidate
    safe = _ID_CHARS.sub("-", fallback).strip("-_")[:32].strip("-_")
    return safe or "draft"


def _section_measures(section_id: str, section: SectionText, year: int | None, base: date | None) -> DraftSection:
    measures: list[DraftMeasure] = []
    skipped: list[str] = []
    for item in section.items:
        found, left_out = find_measures(item.text)
        skipped.extend(left_out)
        for candidate in found:
            measures.append(
                _measure(
                    f"{section_id}.{len(measures) + 1}",
                    candidate.source,
                    candidate.context,
                    candidate.exhortation,
                    item,
                    year,
                    base,
                )
            )
    if not measures:  # a section must hold a measure: its heading stands in, marked for review
        mid = f"{section_id}.1"
        heading = Item(_filled(section.source.rstrip("。；;") or section.title), ())
        fallback = _measure(mid, heading.text, "", False, heading, year, base)
        measures.append(fallback._replace(review=(*fallback.review, Review(mid, "imp.review.section_empty", {}))))
    source = section.source if section.source.strip("。；;：:，, ") else None
    return DraftSection(section_id, section.number, _filled(section.title), source, tuple(measures), tuple(skipped))


def _filled(text: str) -> str:
    """Text a person must write when the notice gave none (a checklist field is never blank)."""
    return text if text.strip("。；;：:，,、 ") else "（待填写）"


def _measure(
    mid: str, source: str, context: str, exhortation: bool, item: Item, year: int | None, base: date | None
) -> DraftMeasure:
    cadence = guess(source, year, base, context)
    review = []
    if cadence.review:
        review.append(Review(mid, cadence.review, dict(cadence.params)))
    if exhortation:
        review.append(Review(mid, "imp.review.exhortation", {}))
    if len(source) > LONG_SOURCE:
        review.append(Review(mid, "imp.review.long", {"length": len(source)}))
    return DraftMeasure(mid, make_title(source), source, cadence, evidence_for(source), item.path, tuple(review))


def _notice_review(text: NoticeText, tables: int) -> list[Review]:
    review = []
    for field, value in (("title", text.title), ("doc_number", text.doc_number), ("issuer", text.issuer)):
        if not value:
            review.append(Review("notice", f"imp.review.no_{field}", {}))
    if not text.addressees:
        review.append(Review("notice", "imp.review.no_addressees", {}))
    if text.year is None:
        review.append(Review("notice", "imp.review.no_year_at_all", {}))
    if text.gaps:
        review.append(Review("notice", "imp.review.gaps", {"numbers": "、".join(text.gaps)}))
    if tables:
        review.append(Review("notice", "imp.review.tables", {"count": tables}))
    return review


def build_draft(path: Path, max_bytes: int = MAX_NOTICE_BYTES) -> Draft:
    """Read, clean and analyse a notice; nothing is written. DataProblem for bad input."""
    raw = read_notice(path, max_bytes)
    lines = clean_pages(raw.pages)
    text = read_structure(lines, raw.hard_lines)
    review = _notice_review(text, raw.tables)
    sections = list(text.sections)
    preamble = text.preamble
    if not sections:
        if not preamble:
            raise DataProblem("imp.no_body", path=str(path))
        items = tuple(Item(p, ()) for p in preamble.split("\n"))
        sections = [SectionText("一", text.title or "通知要求", text.title or "通知要求", items)]
        preamble = None
        review.append(Review("notice", "imp.review.no_headings", {}))
    base = text.date
    drafted = tuple(_section_measures(str(i), s, text.year, base) for i, s in enumerate(sections, 1))
    return Draft(
        source_file=str(path),
        kind=raw.kind,
        notice_id=notice_id(text.doc_number, path.stem),
        title=text.title or "（待填写：通知标题）",
        doc_number=text.doc_number or "（无文号）",
        issuer=text.issuer or "（待填写：发文单位）",
        addressees=text.addressees,
        date=text.date,
        preamble=preamble,
        reporting=text.reporting,
        sections=drafted,
        review=tuple(review),
        text=text.text,
    )
