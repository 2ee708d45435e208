"""Units' reports computed from their workspaces, for the roll-up: cached, and on every core when cold.

The province pulls hundreds of unit repositories and rolls the workspaces up directly.
Computing one report means parsing a unit's TOML records and its checklist: tens of
milliseconds. So the roll-up's view of each workspace is kept in the workspace's derived
cache (`.fangkong/cache`), under a SHA-256 of everything it was computed from (fangkong's
version, the periods, the day judged, fangkong.toml, every month file and checklist file);
a warm run reads and hashes those files and nothing more. The workspaces that miss are
computed in worker processes, one per core, when there are enough of them to pay for it.
"""

from __future__ import annotations

import os
import sys
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from . import cache
from .errors import FangkongError, FileProblems, Problem
from .inputs import InputRefused, read_bounded
from .report import Period
from .unit_reports import Rejected, UnitReport, unit_report
from .unit_reports_plain import from_plain, to_plain
from .workspace import CONFIG_NAME, MAX_CONFIG_BYTES

PARALLEL_MIN = 24  # fewer cold workspaces than this are computed in-process: workers cost more
CHUNK_MAX = 32


@dataclass(frozen=True)
class Job:
    """What every workspace's reports are computed for."""

    periods: tuple[Period, ...]
    day: date | None  # --date; else each workspace's own today
    now: datetime


Outcome = list[UnitReport] | Rejected


def _feed(h: Any, data: bytes) -> None:
    h.update(len(data).to_bytes(8, "little"))
    h.update(data)


@lru_cache(maxsize=256)
def _file_digest(path: str) -> bytes:
    """A checklist file's digest, read once per run however many workspaces use it."""
    import hashlib

    raw, _ = read_bounded(Path(path), 16 * 1024 * 1024)
    return hashlib.sha256(raw).digest()


SOURCE_SUFFIXES = (".toml", ".yaml", ".yml")  # configuration, records, calendars, local checklists
MAX_SOURCE_BYTES = 16 * 1024 * 1024


def workspace_sources(root: Path) -> list[Path]:
    """Every file of the workspace a report can depend on, in a fixed order: fangkong.toml,
    records of every writer and campaign, a unit calendar, local checklists. Derived state
    (.fangkong/), git's files and evidence (photos, scans) are left out."""
    found: list[Path] = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        here = Path(folder)
        found.extend(here / n for n in sorted(names) if n.endswith(SOURCE_SUFFIXES) and not n.startswith("."))
    return found


def _checklist_specs(config: dict[str, Any]) -> list[str]:
    campaigns = [config.get("campaign", {}), *config.get("campaigns", [])]
    return [str(spec) for c in campaigns for spec in (c.get("checklist"), *c.get("extra", ())) if spec]


def fingerprint(root: Path, job: Job) -> tuple[str, date] | None:
    """The cache key of a workspace's reports and the day they are judged as of; None when the
    workspace does not even read (the full computation then says why)."""
    import hashlib

    from . import __version__
    from .checklist import resolve_sources

    try:
        config_raw, _ = read_bounded(root / CONFIG_NAME, MAX_CONFIG_BYTES)
        config = tomllib.loads(config_raw.decode("utf-8-sig"))
        tz = config["campaign"].get("timezone", "Asia/Shanghai")
        as_of = job.day or job.now.astimezone(ZoneInfo(tz)).date()
        h = hashlib.sha256()
        periods = [(p.first.isoformat(), p.last.isoformat(), p.label) for p in job.periods]
        _feed(h, repr((__version__, periods, as_of.isoformat())).encode())
        for path in workspace_sources(root):
            _feed(h, str(path.relative_to(root)).encode())
            _feed(h, read_bounded(path, MAX_SOURCE_BYTES)[0])
        for spec in _checklist_specs(config):
            for source in resolve_sources(spec, root):
                _feed(h, str(source).encode())
                _feed(h, _file_digest(str(source)))
        return h.hexdigest(), as_of
    except (OSError, ValueError, KeyError, TypeError, AttributeError, InputRefused, FangkongError, tomllib.TOMLDecodeError):
        return None


def _entry_name(job: Job) -> str:
    labels = ",".join(f"{p.first}_{p.last}" for p in job.periods)
    return f"aggregate-{cache.content_key(labels.encode())[:12]}.bin"


def workspace_mtime(root: Path) -> float:
    """When the workspace last changed: its configuration or newest month of records."""
    times = []
    for path in (root / CONFIG_NAME, *sorted((root / "records").glob("*.toml"))):
        try:
            times.append(path.stat().st_mtime)
        except OSError:
            continue
    return max(times, default=0.0)


def _compute(root: Path, job: Job, key: str | None) -> list[UnitReport]:
    from .report import build_report
    from .workspace import open_workspace

    workspace = open_workspace(root)
    as_of = job.day or workspace.today(job.now)
    mtime = workspace_mtime(root)
    reports = [build_report(workspace, period, as_of) for period in job.periods]
    out = [unit_report(r, str(root), mtime) for r in reports]
    # Years the statutory calendar did not cover may be covered after an upgrade of it.
    if key is not None and not any(r.calendar_fallback for r in reports):
        cache.write(root, _entry_name(job), key, [to_plain(u) for u in out])
    return out


def _compute_portable(root: Path, job: Job, key: str | None) -> Any:
    """`_compute` for a worker process: errors travel as plain data (exceptions with keyword
    parameters do not pickle)."""
    try:
        return ("ok", _compute(root, job, key))
    except FileProblems as exc:
        return ("problems", [(p.file, p.line, p.key, dict(p.params)) for p in exc.problems])
    except FangkongError as exc:
        return ("error", type(exc).__name__, exc.key, dict(exc.params), exc.exit_code)


def _outcome(root: Path, portable: Any) -> Outcome:
    if portable[0] == "ok":
        return list(portable[1])
    if portable[0] == "problems":
        cause: FangkongError = FileProblems([Problem(f, line, k, p) for f, line, k, p in portable[1]])
    else:
        cause = FangkongError(portable[2], **portable[3])
        cause.exit_code = portable[4]
    return Rejected(str(root), "workspace", {}, cause)


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _in_processes(items: Sequence[tuple[Path, str | None]], job: Job, workers: int) -> list[Any]:
    import concurrent.futures as cf
    import itertools
    import multiprocessing
    import threading

    # fork shares the modules already loaded; spawn (Windows, macOS, or threads alive) starts afresh
    fork = sys.platform.startswith("linux") and threading.active_count() == 1
    context = multiprocessing.get_context("fork" if fork else "spawn")
    chunk = max(1, min(CHUNK_MAX, len(items) // (workers * 4)))
    roots = [root for root, _ in items]
    keys = [key for _, key in items]
    with cf.ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(_compute_portable, roots, itertools.repeat(job), keys, chunksize=chunk))


def workspace_reports(
    roots: Sequence[Path], job: Job, parallel_min: int = PARALLEL_MIN, workers: int | None = None
) -> list[Outcome]:
    """Each workspace's reports for the job's periods (or why it cannot be read), in order."""
    outcomes: list[Outcome | None] = [None] * len(roots)
    misses: list[tuple[int, str | None]] = []
    name = _entry_name(job)
    for index, root in enumerate(roots):
        found = fingerprint(root, job)
        stored = cache.read(root, name, found[0]) if found is not None else None
        if stored is not None:
            try:
                outcomes[index] = [from_plain(item) for item in stored]
                continue
            except (TypeError, ValueError, KeyError, IndexError):
                pass
        misses.append((index, found[0] if found is not None else None))
    workers = min(workers or _cpus(), len(misses))
    computed: list[Any] | None = None
    if workers > 1 and len(misses) >= parallel_min:
        try:
            computed = _in_processes([(roots[i], key) for i, key in misses], job, workers)
        except (OSError, RuntimeError):  # no processes to be had (a sandbox, a broken pool)
            computed = None
    if computed is None:
        computed = [_compute_portable(roots[i], job, key) for i, key in misses]
    for (index, _), portable in zip(misses, computed, strict=True):
        outcomes[index] = _outcome(roots[index], portable)
    return [o for o in outcomes if o is not None]
