"""Units' reports as the roll-up reads them: finding the files, the JSON boundary, expected units."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    NonNegativeInt,
    TypeAdapter,
    ValidationError,
)

from .errors import FangkongError, FileProblems, UsageProblem
from .evaluation import Figures
from .fileio import read_bounded
from .report import REPORT_KIND, SCHEMA_VERSION, Period, Report
from .schemas import UnitId
from .workspace import CONFIG_NAME

MAX_REPORT_BYTES = 64 * 1024 * 1024
MAX_EXPECT_BYTES = 8 * 1024 * 1024


SKIPPED_FOLDERS = frozenset({"records", "node_modules", "__pycache__"})


# One line without control characters (what a terminal could be tricked by), checked by
# pydantic-core's regex engine rather than a Python function: it runs for every id and title
# of a thousand reports.
ONE_LINE = "^[^\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]*$"


Short = Annotated[str, Field(max_length=400, pattern=ONE_LINE)]


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class _FiguresDoc(_Loose):
    slots_due: NonNegativeInt
    answered: NonNegativeInt
    done: NonNegativeInt = 0
    partial: NonNegativeInt = 0
    not_done: NonNegativeInt = 0
    na: NonNegativeInt = 0
    overdue: NonNegativeInt
    late: NonNegativeInt = 0

    def figures(self) -> Figures:
        return Figures(
            self.slots_due, self.answered, self.done, self.partial, self.not_done, self.na, self.overdue, self.late
        )


class _OverdueDoc(_Loose):
    overdue: NonNegativeInt


class _MeasureDoc(_Loose):
    id: Short
    title: Short = ""
    summary: _OverdueDoc


class _SectionDoc(_Loose):
    id: Short
    number: Short = ""
    title: Short = ""
    summary: _FiguresDoc
    measures: list[_MeasureDoc] = Field(default_factory=list)


class _UnitDoc(_Loose):
    id: UnitId
    name: Short


class _PeriodDoc(_Loose):
    first: date = Field(alias="from")
    last: date = Field(alias="to")
    label: Short


class _NoticeDoc(_Loose):
    title: Short | None = None
    doc_number: Short | None = None


class _FindingDoc(_Loose):
    light: Literal["red", "yellow", "green"] | None = None


class _ReportDoc(_Loose):
    schema_version: int
    kind: str
    checklist: Short
    notice: _NoticeDoc | None = None
    unit: _UnitDoc
    period: _PeriodDoc
    as_of: date
    summary: _FiguresDoc
    sections: list[_SectionDoc]
    findings: list[_FindingDoc] = Field(default_factory=list)  # the 整改台账: only lights are read


_REPORT_DOC = TypeAdapter(_ReportDoc)


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
    """What the roll-up keeps of one unit's report."""

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
    lights: tuple[int, int, int] = (0, 0, 0)  # open findings: red, yellow, green

    def section_figures(self, section_id: str) -> Figures | None:
        return next((f for head, f in self.sections if head.id == section_id), None)


@dataclass(frozen=True)
class Rejected:
    """An input left out of the roll-up, and why (a catalog key under agg.why.)."""

    source: str
    reason: str
    params: dict[str, Any] = field(default_factory=dict)
    cause: FangkongError | None = None


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """JSON report files and workspace folders named by `paths` (folders searched recursively)."""
    files: list[Path] = []
    workspaces: list[Path] = []
    for path in paths:
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            if (path / CONFIG_NAME).is_file():
                workspaces.append(path)
                continue
            for folder, dirs, names in os.walk(path):
                here = Path(folder)
                if here != path and CONFIG_NAME in names:
                    workspaces.append(here)
                    dirs[:] = []  # a workspace is read as one unit; its own files are not reports
                    continue
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_FOLDERS)
                files.extend(
                    here / n for n in sorted(names) if n.lower().endswith(".json") and not n.startswith(".")
                )
        else:
            raise UsageProblem("agg.path_missing", path=str(path))
    return _unique(files), _unique(workspaces)


def _unique(paths: list[Path]) -> list[Path]:
    """Each file once, however many of the given paths lead to it."""
    seen: set[Path] = set()
    out = []
    for path in paths:
        real = path.resolve()
        if real not in seen:
            seen.add(real)
            out.append(path)
    return out


def read_expected(path: Path) -> tuple[str, ...]:
    """Unit ids, one a line (`#` starts a comment), or the `id` column of a CSV file."""
    try:
        text = read_bounded(path, MAX_EXPECT_BYTES).decode("utf-8-sig")  # never waits on a FIFO
    except FileProblems as exc:
        raise UsageProblem("agg.expect_unreadable", path=str(path), reason=exc.problems[0]) from exc
    except UnicodeDecodeError as exc:
        raise UsageProblem("agg.expect_unreadable", path=str(path), reason=str(exc)) from exc
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if not lines:  # an empty list would report "everybody has reported"
        raise UsageProblem("agg.expect_empty", path=str(path))
    ids: list[str] = []
    if path.suffix.lower() == ".csv" or "," in lines[0]:
        import csv

        rows = list(csv.reader(lines))
        header = [cell.strip().lower() for cell in rows[0]]
        column = next((header.index(n) for n in ("id", "unit_id", "单位编号") if n in header), None)
        if column is None:
            raise UsageProblem("agg.expect_no_id", path=str(path))
        ids = [row[column].strip() for row in rows[1:] if len(row) > column and row[column].strip()]
    else:
        ids = [line.split("#", 1)[0].strip() for line in lines]
    return tuple(dict.fromkeys(i for i in ids if i))


def load_report_file(path: Path) -> UnitReport | Rejected:
    """One JSON report, validated lightly; a Rejected says what is wrong with it."""
    source = str(path)
    try:
        raw = read_bounded(path, MAX_REPORT_BYTES)  # a FIFO named x.json is refused, not waited on
        mtime = path.stat().st_mtime
    except FileProblems as exc:
        problem = exc.problems[0]
        if problem.key == "file_too_large":
            return Rejected(source, "too_large", {"limit": MAX_REPORT_BYTES // (1024 * 1024)})
        if problem.key in ("file_not_regular", "file_is_directory"):
            return Rejected(source, "not_file")
        return Rejected(source, "unreadable", {"reason": str(problem.params.get("reason", problem.key))})
    except OSError as exc:
        return Rejected(source, "unreadable", {"reason": exc.strerror or str(exc)})
    return parse_report(raw.removeprefix(b"\xef\xbb\xbf"), source, mtime)


def parse_report(raw: bytes, source: str, mtime: float = 0.0) -> UnitReport | Rejected:
    # Parsing and validating in one pass skips the slot details without building them: a
    # thousand reports roll up in well under a second.
    try:
        doc = _REPORT_DOC.validate_json(raw)
    except ValidationError as exc:
        return _diagnose(raw, exc, source)
    if doc.kind != REPORT_KIND:
        return Rejected(source, "not_report")
    if doc.schema_version > SCHEMA_VERSION:
        return Rejected(source, "newer", {"found": doc.schema_version, "known": SCHEMA_VERSION})
    if doc.schema_version < 1:
        return Rejected(source, "invalid", {"where": "schema_version", "detail": str(doc.schema_version)})
    return UnitReport(
        unit_id=doc.unit.id,
        unit_name=doc.unit.name,
        checklist=doc.checklist,
        notice_title=doc.notice.title if doc.notice else None,
        doc_number=doc.notice.doc_number if doc.notice else None,
        period=Period(doc.period.first, doc.period.last, doc.period.label),
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
        lights=light_counts(f.light for f in doc.findings),
    )


def _diagnose(raw: bytes, exc: ValidationError, source: str) -> Rejected:
    """The clearest reason a file is not a report we can use."""
    err = exc.errors(include_url=False)[0]
    if err["type"] == "json_invalid":
        detail = str(err["ctx"].get("error", err["msg"])) if err.get("ctx") else err["msg"]
        return Rejected(source, "json", {"detail": detail})
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        data = None
    if not isinstance(data, dict) or data.get("kind") != REPORT_KIND:
        return Rejected(source, "not_report")
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        return Rejected(source, "newer", {"found": version, "known": SCHEMA_VERSION})
    where = ".".join(str(p) for p in err["loc"])
    if err["type"] == "string_pattern_mismatch":
        return Rejected(source, "control", {"where": where})
    return Rejected(source, "invalid", {"where": where, "detail": err["msg"]})


def unit_report(report: Report, source: str, mtime: float) -> UnitReport:
    """The roll-up's view of a report built in memory from a workspace."""
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
        lights=light_counts(f.light.value if f.light else None for f in report.findings),
    )


def light_counts(lights: Iterable[str | None]) -> tuple[int, int, int]:
    """Open findings by light: (red, yellow, green)."""
    seen = list(lights)
    return seen.count("red"), seen.count("yellow"), seen.count("green")


def workspace_mtime(root: Path) -> float:
    """When the workspace last changed: its configuration or newest month of records."""
    times = []
    for path in (root / CONFIG_NAME, *sorted((root / "records").glob("*.toml"))):
        try:
            times.append(path.stat().st_mtime)
        except OSError:
            continue
    return max(times, default=0.0)
