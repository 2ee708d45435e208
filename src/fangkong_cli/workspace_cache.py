"""The roll-up's view of a workspace kept in its derived cache, under a key of everything it came from.

An entry is found by the digest of fangkong.toml (so a warm run parses no TOML at all), and
trusted only when a SHA-256 over fangkong's version, the periods, the day judged as of, every
file the report can depend on (fangkong.toml, records of every writer and campaign, a unit
calendar, local checklists) and the checklist files matches the one stored with it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from . import cache
from .fileio import read_bounded
from .report import Period
from .unit_reports import UnitReport
from .unit_reports_plain import from_plain, to_plain

SOURCE_SUFFIXES = (".toml", ".yaml", ".yml")  # configuration, records, calendars, local checklists
MAX_SOURCE_BYTES = 16 * 1024 * 1024
CONFIG = "fangkong.toml"


def _walk(folder: str, out: list[str]) -> None:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):  # .fangkong (derived), .git
            continue
        if entry.is_dir(follow_symlinks=False):
            _walk(entry.path, out)
        elif entry.name.endswith(SOURCE_SUFFIXES):
            out.append(entry.path)


def workspace_sources(root: Path) -> list[Path]:
    """Every file of the workspace a report can depend on, in a fixed order. Derived state,
    git's files and evidence (photos, scans: never TOML or YAML) are left out."""
    found: list[str] = []
    _walk(str(root), found)
    return [Path(p) for p in found]


def _feed(h: Any, data: bytes) -> None:
    h.update(len(data).to_bytes(8, "little"))
    h.update(data)


@lru_cache(maxsize=256)
def file_digest(path: str) -> bytes:
    """A checklist file's digest, read once per run however many workspaces use it."""
    raw = read_bounded(Path(path), MAX_SOURCE_BYTES)
    return hashlib.sha256(raw).digest()


@lru_cache(maxsize=64)
def _builtin_sources(spec: str) -> tuple[str, ...] | None:
    from .checklist import builtin_names, resolve_sources

    return tuple(str(p) for p in resolve_sources(spec)) if spec in builtin_names() else None


def _checklist_files(spec: str, root: Path) -> Sequence[str]:
    from .checklist import resolve_sources

    builtin = _builtin_sources(spec)
    return builtin if builtin is not None else [str(p) for p in resolve_sources(spec, root)]


def config_digest(root: Path) -> str:
    raw = read_bounded(root / CONFIG, MAX_SOURCE_BYTES)
    return hashlib.sha256(raw).hexdigest()


def sources_key(root: Path, periods: Sequence[Period], as_of: date, specs: Sequence[str]) -> str:
    from . import __version__

    h = hashlib.sha256()
    labels = [(p.first.isoformat(), p.last.isoformat(), p.label) for p in periods]
    _feed(h, repr((__version__, labels, as_of.isoformat())).encode())
    base = len(str(root))
    for path in workspace_sources(root):
        _feed(h, str(path)[base:].encode())
        _feed(h, read_bounded(path, MAX_SOURCE_BYTES))
    for spec in specs:
        for source in _checklist_files(spec, root):
            _feed(h, source.encode())
            _feed(h, file_digest(source))
    return h.hexdigest()


def entry_name(periods: Sequence[Period]) -> str:
    labels = ",".join(f"{p.first}_{p.last}" for p in periods)
    return f"aggregate-{cache.content_key(labels.encode())[:12]}.bin"


def lookup(root: Path, periods: Sequence[Period], day: date | None, now: datetime) -> list[UnitReport] | None:
    """The reports stored for these periods, when nothing they came from has changed."""
    try:
        stored = cache.read(root, entry_name(periods), config_digest(root))
        if stored is None:
            return None
        timezone, specs, stored_as_of, key, reports = stored
        as_of = day or now.astimezone(ZoneInfo(timezone)).date()
        if as_of.isoformat() != stored_as_of or sources_key(root, periods, as_of, specs) != key:
            return None
        return [from_plain(item) for item in reports]
    except Exception:  # a derived file: anything odd (unreadable, damaged, stale) means "compute it"
        return None


def store(
    root: Path,
    periods: Sequence[Period],
    head: tuple[str, str, Sequence[str], date, str],
    reports: Sequence[UnitReport],
) -> None:
    """Keep `reports` under `head`: the config digest, time zone, checklist specs, day and
    sources key taken *before* they were computed (a file changed meanwhile misses next time)."""
    digest, timezone, specs, as_of, key = head
    cache.write(
        root,
        entry_name(periods),
        digest,
        (timezone, tuple(specs), as_of.isoformat(), key, [to_plain(u) for u in reports]),
    )
