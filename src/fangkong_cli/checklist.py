"""Find, read and validate checklists: a notice file plus section files of measures."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from . import cache
from .errors import FileProblems, Problem, UsageProblem
from .fileio import decode_text, read_bounded, validation_problems
from .models import Measure, Notice, Section
from .yamlio import MAX_YAML_BYTES, YamlDocument, parse_yaml

YAML_SUFFIXES = (".yaml", ".yml")


class SectionEntry(NamedTuple):
    section: Section
    measures: tuple[Measure, ...]
    file: str


class Checklist(NamedTuple):
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


def checklist_files(given: Sequence[Path]) -> list[Path]:
    """The files `checklist validate` checks: each file given, the YAML files of each folder."""
    paths: list[Path] = []
    for path in given:
        if path.is_dir():
            found = _yaml_files(path)
            if not found:
                raise UsageProblem("checklist_dir_empty", path=str(path))
            paths.extend(found)
        else:
            paths.append(path)
    return paths


# What one file holds once validated: ("notice", notice) or ("section", section, measures).
_Parsed = tuple[Any, ...]


def _validate_file(path: Path, raw: bytes) -> tuple[_Parsed | None, YamlDocument | None, list[Problem]]:
    from pydantic import ValidationError

    from .schemas import NoticeFile, SectionFile

    name = str(path)
    text, problem = decode_text(raw, name)
    if problem is not None:
        return None, None, [problem]
    assert text is not None
    doc, problems = parse_yaml(text, name)
    if doc is None or problems:
        return None, doc, problems
    data: Any = doc.data
    if not isinstance(data, dict):
        return None, doc, [Problem(name, 1, "checklist_not_mapping")]
    try:
        if "notice" in data:
            return ("notice", NoticeFile.model_validate(data).notice.to_domain()), doc, []
        if "section" in data:
            parsed = SectionFile.model_validate(data)
            measures = tuple(m.to_domain() for m in parsed.measures)
            return ("section", parsed.section.to_domain(), measures), doc, []
    except ValidationError as exc:
        return None, doc, validation_problems(exc, name, doc.line_of)
    return None, doc, [Problem(name, 1, "checklist_unknown_kind")]


def _read_file(path: Path, cache_root: Path | None) -> tuple[_Parsed | None, YamlDocument | None, list[Problem]]:
    """One checklist file, validated, through the derived cache when it matches."""
    try:
        raw = read_bounded(path, MAX_YAML_BYTES)  # a FIFO or /dev/zero is refused, not waited on
    except FileProblems as exc:
        return None, None, exc.problems
    key = cache.content_key(raw)
    entry = cache.entry_name("checklist", path)
    stored = cache.read(cache_root, entry, key)
    if stored is None:  # no cache yet (a fresh clone): the shipped files come validated
        from .builtin_validated import ENTRIES

        stored = ENTRIES.get(key)
    if stored is not None:
        try:
            if stored[0] == "notice":
                return ("notice", Notice.from_dict(stored[1])), None, []
            section = Section(**stored[1])
            return ("section", section, tuple(Measure.from_dict(m) for m in stored[2])), None, []
        except (TypeError, ValueError, KeyError, IndexError):
            pass
    parsed, doc, problems = _validate_file(path, raw)
    if parsed is not None and not problems:
        if parsed[0] == "notice":
            payload: tuple[Any, ...] = ("notice", parsed[1].to_dict())
        else:
            payload = ("section", parsed[1].to_dict(), [m.to_dict() for m in parsed[2]])
        cache.write(cache_root, entry, key, payload)
    return parsed, doc, problems


def load_checklist(paths: Sequence[Path], cache_root: Path | None = None) -> Checklist:
    """Read and check every file; raise FileProblems listing all problems of all files.

    With `cache_root` (a workspace), validated files are kept in its derived cache."""
    problems: list[Problem] = []
    notice: Notice | None = None
    notice_file = ""
    sections: list[SectionEntry] = []
    seen_measures: dict[str, tuple[str, Any, int]] = {}  # id -> (file, its line lookup, index)
    seen_sections: dict[str, str] = {}
    for path in paths:
        name = str(path)
        parsed, doc, file_problems = _read_file(path, cache_root)
        problems.extend(file_problems)
        if parsed is None:
            continue
        if parsed[0] == "notice":
            if notice is not None:
                problems.append(Problem(name, 1, "checklist_two_notices", {"first": notice_file}))
            else:
                notice, notice_file = parsed[1], name
        else:
            section, measures = parsed[1], parsed[2]
            line_of = doc.line_of if doc is not None else _line_of_text(path)
            sid = section.id
            if sid in seen_sections:
                problems.append(
                    Problem(
                        name, line_of(("section", "id")), "duplicate_section", {"id": sid, "first": seen_sections[sid]}
                    )
                )
            seen_sections.setdefault(sid, name)
            for i, m in enumerate(measures):
                if m.id in seen_measures:
                    first_file, first_lines, first_index = seen_measures[m.id]
                    first = f"{first_file}:{first_lines(('measures', first_index, 'id'))}"
                    problems.append(
                        Problem(name, line_of(("measures", i, "id")), "duplicate_measure", {"id": m.id, "first": first})
                    )
                else:
                    seen_measures[m.id] = (name, line_of, i)
            sections.append(SectionEntry(section, measures, name))
    if problems:
        raise FileProblems(problems)
    if not sections:
        raise FileProblems([Problem(str(p), None, "checklist_no_measures") for p in paths[:1]])
    return Checklist(notice, tuple(sections), tuple(str(p) for p in paths))


def _line_of_text(path: Path) -> Any:
    """Line lookup for a file that came from the cache: parse it again only if a problem needs it."""

    def line_of(loc: tuple[str | int, ...]) -> int | None:
        try:
            text, _ = decode_text(read_bounded(path, MAX_YAML_BYTES), str(path))
        except FileProblems:
            return None
        doc, _ = parse_yaml(text or "", str(path))
        return doc.line_of(loc) if doc is not None else None

    return line_of


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


def checklist_spec_for(spec: str, root: Path, cwd: Path) -> str:
    """A path is typed relative to where the user stands; the workspace keeps it relative to
    itself, so the folder can move (or be cloned elsewhere) with its checklist."""
    if spec in builtin_names():
        return spec
    given = Path(spec) if Path(spec).is_absolute() else cwd / spec
    resolve_sources(str(given))  # a clear error now if it does not exist
    try:
        return Path(os.path.relpath(given.resolve(), root.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return str(given.resolve())
