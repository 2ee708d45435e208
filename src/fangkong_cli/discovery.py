"""Finding what to roll up: report files, workspaces, and every place that could not be looked into.

Folders are searched recursively (symlinked folders followed once; a loop is not a problem).
Nothing is skipped in silence: a folder that cannot be listed, a file in a report format the
roll-up cannot read (Markdown, HTML, CSV, PDF, …) and a link that leads nowhere are listed
with the reason.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UsageProblem
from .unit_reports import Rejected
from .workspace import CONFIG_NAME

READ_SUFFIXES = (".json", ".xlsx", ".docx")
# What units may send that only people can read: named, so nobody thinks it was counted.
OTHER_REPORT_SUFFIXES = frozenset(
    {".md", ".html", ".htm", ".csv", ".pdf", ".doc", ".xls", ".wps", ".et", ".odt", ".ods", ".rtf", ".ofd"}
)
SKIPPED_FOLDERS = frozenset({"records", "node_modules", "__pycache__"})
_HOUSEKEEPING = ("readme", "license", "changelog", "~$")  # ~$x.xlsx: Office's lock file


@dataclass
class Found:
    files: list[Path] = field(default_factory=list)
    workspaces: list[Path] = field(default_factory=list)
    problems: list[Rejected] = field(default_factory=list)


def _identity(path: Path) -> tuple[int, int] | str:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return os.path.abspath(path)
    return st.st_dev, st.st_ino


def discover(paths: Iterable[Path], ignore: Iterable[Path] = ()) -> Found:
    """Report files and workspace folders named by `paths` (folders searched recursively).

    `ignore`: files that are not reports although they may sit among them (the --expect
    list, units.toml, the output file).
    """
    found = Found()
    skip = {_identity(p) for p in ignore}
    seen_files: set[tuple[int, int] | str] = set(skip)
    seen_dirs: set[tuple[int, int] | str] = set()
    for path in paths:
        try:
            st = os.stat(path)
        except FileNotFoundError:
            raise UsageProblem("agg.path_missing", path=str(path)) from None
        except OSError as exc:
            found.problems.append(Rejected(str(path), "unreadable", {"reason": exc.strerror or str(exc)}))
            continue
        if stat.S_ISDIR(st.st_mode):
            _walk(path, found, seen_files, seen_dirs)
        elif _identity(path) not in seen_files:  # a file named on the command line is read whatever its name
            seen_files.add(_identity(path))
            found.files.append(path)
    return found


def _walk(
    top: Path, found: Found, seen_files: set[tuple[int, int] | str], seen_dirs: set[tuple[int, int] | str]
) -> None:
    stack = [top]
    while stack:
        folder = stack.pop()
        key = _identity(folder)
        if key in seen_dirs:  # reached again through a link: read once
            continue
        seen_dirs.add(key)
        if (folder / CONFIG_NAME).is_file():
            found.workspaces.append(folder)  # read as one unit; its own files are not reports
            continue
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            found.problems.append(Rejected(str(folder), "folder_unreadable", {"reason": exc.strerror or str(exc)}))
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()  # follows links
            except OSError:
                is_dir = False
            if is_dir:
                if entry.name not in SKIPPED_FOLDERS:
                    subfolders.append(path)
                continue
            _file(path, entry.name, found, seen_files)
        stack.extend(reversed(subfolders))


def _file(path: Path, name: str, found: Found, seen_files: set[tuple[int, int] | str]) -> None:
    lowered = name.lower()
    suffix = os.path.splitext(lowered)[1]
    if lowered.startswith(_HOUSEKEEPING) or lowered == CONFIG_NAME:
        return
    if suffix in READ_SUFFIXES:
        key = _identity(path)
        if key not in seen_files:
            seen_files.add(key)
            found.files.append(path)
    elif suffix in OTHER_REPORT_SUFFIXES:
        key = _identity(path)
        if key not in seen_files:
            seen_files.add(key)
            found.problems.append(Rejected(str(path), "unsupported", {"suffix": suffix.lstrip(".")}))
