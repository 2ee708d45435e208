"""Find, read and validate checklists: a notice file plus section files of measures."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import FileProblems, Problem, UsageProblem
from .models import Measure, Notice, NoticeFile, Section, SectionFile
from .yamlio import YamlDocument, load_yaml

BUILTIN = "qzbt-2021-4"
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class SectionEntry:
    section: Section
    measures: tuple[Measure, ...]
    file: str


@dataclass(frozen=True)
class Checklist:
    """A whole checklist: the notice (when one of its files has it) and its sections in order."""

    notice: Notice | None
    sections: tuple[SectionEntry, ...]
    files: tuple[str, ...]

    @property
    def measures(self) -> tuple[Measure, ...]:
        return tuple(m for entry in self.sections for m in entry.measures)

    def measure(self, measure_id: str) -> Measure | None:
        for entry in self.sections:
            for m in entry.measures:
                if m.id == measure_id:
                    return m
        return None

    def section_of(self, measure_id: str) -> Section | None:
        for entry in self.sections:
            if any(m.id == measure_id for m in entry.measures):
                return entry.section
        return None

    def section(self, section_id: str) -> SectionEntry | None:
        for entry in self.sections:
            if entry.section.id == section_id:
                return entry
        return None

    @property
    def name(self) -> str:
        return self.notice.id if self.notice is not None else "local"


def builtin_root() -> Path:
    """Where the shipped checklists are: inside the installed package, or the source tree."""
    here = Path(__file__).resolve().parent
    packaged = here / "checklists"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "checklists"


def builtin_names() -> list[str]:
    root = builtin_root()
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


def resolve_sources(spec: str, base: Path | None = None) -> list[Path]:
    """Turn a checklist name, folder or file into the YAML files it stands for."""
    if spec in builtin_names():
        return _yaml_files(builtin_root() / spec)
    path = Path(spec)
    if base is not None and not path.is_absolute():
        # lexically: the workspace folder may not exist yet while `init` checks its checklist
        path = Path(os.path.normpath(base / path))
    if path.is_dir():
        files = _yaml_files(path)
        if not files:
            raise UsageProblem("checklist_dir_empty", path=str(path))
        return files
    if path.exists():
        return [path]
    raise UsageProblem("checklist_not_found", spec=spec, builtin=", ".join(builtin_names()))


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())


def validation_problems(
    exc: ValidationError, doc_lines: YamlDocument | None, name: str, prefix: tuple[str | int, ...] = ()
) -> list[Problem]:
    """One Problem per pydantic error, placed at the line of the offending key."""
    problems = []
    for err in exc.errors(include_url=False):
        loc = (*prefix, *err["loc"])
        line = doc_lines.line_of(loc) if doc_lines is not None else None
        problems.append(
            Problem(
                name,
                line,
                "invalid_value",
                {
                    "where": format_loc(loc),
                    "type": err["type"],
                    "detail": err["msg"],
                    "ctx": {k: str(v) for k, v in (err.get("ctx") or {}).items()},
                },
            )
        )
    return problems


def format_loc(loc: Iterable[str | int]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _parse_file(path: Path) -> tuple[BaseModel | None, YamlDocument | None, list[Problem]]:
    name = str(path)
    doc, problems = load_yaml(path)
    if doc is None or problems:
        return None, doc, problems
    data: Any = doc.data
    if not isinstance(data, dict):
        return None, doc, [Problem(name, 1, "checklist_not_mapping")]
    model: type[BaseModel]
    if "notice" in data:
        model = NoticeFile
    elif "section" in data:
        model = SectionFile
    else:
        return None, doc, [Problem(name, 1, "checklist_unknown_kind")]
    try:
        return model.model_validate(data), doc, []
    except ValidationError as exc:
        return None, doc, validation_problems(exc, doc, name)


def load_checklist(paths: Sequence[Path]) -> Checklist:
    """Read and check every file; raise FileProblems listing all problems of all files."""
    problems: list[Problem] = []
    notice: Notice | None = None
    notice_file = ""
    sections: list[SectionEntry] = []
    seen_measures: dict[str, tuple[str, int | None]] = {}
    seen_sections: dict[str, str] = {}
    for path in paths:
        name = str(path)
        parsed, doc, file_problems = _parse_file(path)
        problems.extend(file_problems)
        if isinstance(parsed, NoticeFile):
            if notice is not None:
                problems.append(Problem(name, 1, "checklist_two_notices", {"first": notice_file}))
            else:
                notice, notice_file = parsed.notice, name
        elif isinstance(parsed, SectionFile):
            line_of = doc.line_of if doc is not None else (lambda loc: None)
            sid = parsed.section.id
            if sid in seen_sections:
                problems.append(
                    Problem(name, line_of(("section", "id")), "duplicate_section", {"id": sid, "first": seen_sections[sid]})
                )
            seen_sections.setdefault(sid, name)
            for i, m in enumerate(parsed.measures):
                line = line_of(("measures", i, "id"))
                if m.id in seen_measures:
                    first_file, first_line = seen_measures[m.id]
                    problems.append(
                        Problem(name, line, "duplicate_measure", {"id": m.id, "first": f"{first_file}:{first_line}"})
                    )
                else:
                    seen_measures[m.id] = (name, line)
            sections.append(SectionEntry(parsed.section, tuple(parsed.measures), name))
    if problems:
        raise FileProblems(problems)
    if not sections:
        raise FileProblems([Problem(str(p), None, "checklist_no_measures") for p in paths[:1]])
    return Checklist(notice, tuple(sections), tuple(str(p) for p in paths))


def check_files(paths: Sequence[Path]) -> list[Problem]:
    """Validate files (for `checklist validate`): every problem, not only the first."""
    try:
        load_checklist_lenient(paths)
    except FileProblems as exc:
        return exc.problems
    return []


def load_checklist_lenient(paths: Sequence[Path]) -> Checklist | None:
    """Like load_checklist, but a notice-only set of files is fine (nothing to schedule yet)."""
    try:
        return load_checklist(paths)
    except FileProblems as exc:
        if all(p.key == "checklist_no_measures" for p in exc.problems):
            return None
        raise
