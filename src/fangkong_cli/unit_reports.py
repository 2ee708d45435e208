"""Units' reports as the roll-up reads them: the JSON boundary, strict about every figure.

A report comes as a JSON file, inside an xlsx or docx report (embedded.py), or is computed
from a workspace (workspace_reports.py). Whatever a file holds, one bad file is refused with
its reason and never stops the roll-up of the others.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .errors import FangkongError, FileProblems
from .evaluation import Figures
from .fileio import read_bounded
from .report import REPORT_KIND, SCHEMA_VERSION, Period, Report
from .report_docs import REPORT_DOC, ReportDoc

MAX_REPORT_BYTES = 64 * 1024 * 1024
OFFICE_SUFFIXES = (".xlsx", ".docx")

# How the time a report counts as submitted was known.
STAMPED = "stamp"  # `fangkong report --submit` wrote it into the report
RECEIVED = "received"  # the file's modification time: when it reached the office
RECORDS = "records"  # a workspace: the newest record for the period
NOTHING = "nothing"  # a workspace with no record for the period


@dataclass(frozen=True)
class SectionHead:
    id: str
    number: str
    title: str


@dataclass(frozen=True)
class MeasureOverdue:
    section: str
    id: str
    title: str
    overdue: int


@dataclass(frozen=True)
class UnitReport:
    """What the roll-up keeps of one unit's report for one period."""

    unit_id: str
    unit_name: str
    checklist: str
    notice_title: str | None
    doc_number: str | None
    period: Period
    as_of: date
    source: str
    mtime: float
    figures: Figures
    sections: tuple[tuple[SectionHead, Figures], ...]
    measures: tuple[MeasureOverdue, ...]  # only those with overdue slots
    issuer: str | None = None
    submitted_at: datetime | None = None  # aware; None only for a workspace with no record
    submitted_from: str = RECEIVED
    nil: bool = False  # 零报告: the unit declared it had nothing to report
    reported: bool = True  # False: a workspace with no record for the period (figures only)
    via: str = ""  # the roll-up file this report came through, if any
    lights: tuple[int, int, int] = (0, 0, 0)  # open findings: red, yellow, green

    @cached_property
    def _by_section(self) -> dict[str, Figures]:
        out: dict[str, Figures] = {}
        for head, figures in self.sections:
            out.setdefault(head.id, figures)
        return out

    def section_figures(self, section_id: str) -> Figures | None:
        # a dict, not a scan: writers ask once per section, and a scan made that quadratic
        return self._by_section.get(section_id)


@dataclass(frozen=True)
class Rejected:
    """An input left out of the roll-up, and why (a catalog key under agg.why.)."""

    source: str
    reason: str
    params: dict[str, Any] = field(default_factory=dict)
    cause: FangkongError | None = None


def read_input(path: Path) -> tuple[bytes, float] | Rejected:
    """The JSON text of a report file (plain, or embedded in xlsx/docx) and its modification time."""
    source = str(path)
    try:
        raw = read_bounded(path, MAX_REPORT_BYTES)  # a FIFO or a device is refused, not waited on
        mtime = os.stat(path).st_mtime
    except FileProblems as exc:
        return Rejected(source, "file", {"problem": exc.problems[0]})
    except OSError as exc:
        return Rejected(source, "unreadable", {"reason": exc.strerror or str(exc)})
    if path.suffix.lower() in OFFICE_SUFFIXES or raw.startswith(b"PK\x03\x04"):
        from .embedded import read_embedded_report

        try:
            inner = read_embedded_report(path)
        except FangkongError as exc:
            return Rejected(source, "embedded", {}, exc)
        if inner is None:
            return Rejected(source, "no_embedded", {"suffix": path.suffix.lower().lstrip(".") or "zip"})
        return inner, mtime
    return raw.removeprefix(b"\xef\xbb\xbf"), mtime


def load_report_file(path: Path) -> UnitReport | Rejected:
    """One report file, validated; a Rejected says what is wrong with it."""
    read = read_input(path)
    if isinstance(read, Rejected):
        return read
    return parse_report(read[0], str(path), read[1])


def parse_report(raw: bytes, source: str, mtime: float = 0.0) -> UnitReport | Rejected:
    # Parsing and validating in one pass skips the slot details without building them: a
    # thousand reports roll up in well under a second.
    try:
        doc = REPORT_DOC.validate_json(raw)
    except ValidationError as exc:
        return diagnose(raw, exc, source, REPORT_KIND)
    if doc.kind != REPORT_KIND:
        return Rejected(source, "not_report")
    if doc.schema_version > SCHEMA_VERSION:
        return Rejected(source, "newer", {"found": doc.schema_version, "known": SCHEMA_VERSION})
    if doc.schema_version < 1:
        return Rejected(source, "invalid", {"where": "schema_version", "detail": str(doc.schema_version)})
    where = _inconsistent(doc)
    if where is not None:
        return Rejected(source, "figures", {"where": where})
    if doc.submitted_at is not None:
        submitted, how = doc.submitted_at, STAMPED
    else:
        submitted, how = datetime.fromtimestamp(mtime, UTC), RECEIVED
    notice = doc.notice
    return UnitReport(
        unit_id=doc.unit.id,
        unit_name=doc.unit.name,
        checklist=doc.checklist,
        notice_title=notice.title if notice else None,
        doc_number=notice.doc_number if notice else None,
        period=doc.period.period(),
        as_of=doc.as_of,
        source=source,
        mtime=mtime,
        figures=doc.summary.figures(),
        sections=tuple((SectionHead(s.id, s.number, s.title), s.summary.figures()) for s in doc.sections),
        measures=tuple(
            MeasureOverdue(s.id, m.id, m.title, m.summary.overdue)
            for s in doc.sections
            for m in s.measures
            if m.summary.overdue
        ),
        issuer=notice.issuer if notice else None,
        submitted_at=submitted,
        submitted_from=how,
        nil=doc.nil or doc.summary.slots_due == 0,
        lights=light_counts(f.light for f in doc.findings),
    )


def _inconsistent(doc: ReportDoc) -> str | None:
    """Where a report's figures contradict each other (sections against the total, measures
    against their section), or None."""
    total = Figures()
    for index, section in enumerate(doc.sections):
        total.merge(section.summary.figures())
        if section.measures and sum(m.summary.overdue for m in section.measures) != section.summary.overdue:
            return f"sections.{index}.measures"
    if doc.sections and total != doc.summary.figures():
        return "summary"
    if not doc.sections and doc.summary.slots_due and not doc.nil:
        return "sections"
    return None


def diagnose(raw: bytes, exc: ValidationError, source: str, kind: str) -> Rejected:
    """The clearest reason a file is not a document of `kind` we can use."""
    err = exc.errors(include_url=False)[0]
    if err["type"] == "json_invalid":
        detail = str(err["ctx"].get("error", err["msg"])) if err.get("ctx") else err["msg"]
        return Rejected(source, "json", {"detail": detail})
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        data = None
    if not isinstance(data, dict) or data.get("kind") != kind:
        return Rejected(source, "not_report")
    version = data.get("schema_version")
    known = SCHEMA_VERSION if kind == REPORT_KIND else 2  # rollup_io.ROLLUP_SCHEMA_VERSION
    if isinstance(version, int) and not isinstance(version, bool) and version > known:
        return Rejected(source, "newer", {"found": version, "known": known})
    if kind != REPORT_KIND and isinstance(version, int) and version < known:
        return Rejected(source, "old_rollup")
    where = ".".join(str(p) for p in err["loc"])
    if err["type"] == "string_pattern_mismatch":
        return Rejected(source, "control", {"where": where})
    if err["type"] == "value_error":
        return Rejected(source, "figures", {"where": where})
    return Rejected(source, "invalid", {"where": where, "detail": err["msg"]})


def unit_report(report: Report, source: str, mtime: float) -> UnitReport:
    """The roll-up's view of a report built in memory from a workspace.

    It counts as submitted when its newest record for the period was made; a workspace
    with no record for the period has not reported (unless nothing was due: a nil report).
    """
    moments = [s.at for m in report.measures for s in (*m.slots, *m.events) if s.at is not None]
    nothing_due = report.figures.due == 0
    return UnitReport(
        unit_id=report.unit_id,
        unit_name=report.unit_name,
        checklist=report.checklist,
        notice_title=report.notice_title,
        doc_number=report.doc_number,
        period=report.period,
        as_of=report.as_of,
        source=source,
        mtime=mtime,
        figures=report.figures,
        sections=tuple((SectionHead(s.id, s.number, s.title), s.figures) for s in report.sections),
        measures=tuple(
            MeasureOverdue(s.id, m.id, m.title, m.figures.overdue)
            for s in report.sections
            for m in s.measures
            if m.figures.overdue
        ),
        issuer=report.issuer,
        submitted_at=max(moments) if moments else None,
        submitted_from=RECORDS if moments else NOTHING,
        nil=nothing_due and not moments,
        reported=bool(moments) or nothing_due,
        lights=light_counts(f.light.value if f.light else None for f in report.findings),
    )


def light_counts(lights: Iterable[str | None]) -> tuple[int, int, int]:
    """Open findings by light: (red, yellow, green)."""
    seen = list(lights)
    return seen.count("red"), seen.count("yellow"), seen.count("green")
