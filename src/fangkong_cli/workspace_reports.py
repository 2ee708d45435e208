"""Units' reports computed from their workspaces, for the roll-up: cached, and on every core when cold.

The province pulls hundreds of unit repositories and rolls the workspaces up directly.
Computing one report means parsing a unit's TOML records and its checklist: tens of
milliseconds. So the roll-up's view of each workspace is kept in the workspace's derived
cache (workspace_cache.py); a warm run reads and hashes the files it came from and nothing
more. The workspaces that miss are computed in worker processes, one per core, when there
are enough of them to pay for the processes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import workspace_cache
from .errors import FangkongError, FileProblems, Problem
from .report import Period
from .unit_reports import Rejected, UnitReport, unit_report

if TYPE_CHECKING:
    from .checklist import Checklist
    from .workspace import Workspace

PARALLEL_MIN = 24  # fewer cold workspaces than this are computed in-process: workers cost more
CHUNK_MAX = 32


@dataclass(frozen=True)
class Job:
    """What every workspace's reports are computed for."""

    periods: tuple[Period, ...]
    day: date | None  # --date; else each workspace's own today
    now: datetime


Outcome = list[UnitReport] | Rejected


def _compute(root: Path, job: Job) -> list[UnitReport]:
    from .report import build_report
    from .workspace import open_workspace

    try:
        digest: str | None = workspace_cache.config_digest(root)
    except (OSError, FangkongError):
        digest = None
    workspace = open_workspace(root)
    _share_checklist(workspace)
    as_of = job.day or workspace.today(job.now)
    specs = [spec for c in workspace.config.all_campaigns for spec in (c.checklist, *c.extra)]
    try:  # taken before the reports: a file changed meanwhile makes the entry miss next time
        key: str | None = workspace_cache.sources_key(root, job.periods, as_of, specs)
    except (OSError, FangkongError):
        key = None
    reports = [build_report(workspace, period, as_of) for period in job.periods]
    mtime = _mtime(root)
    out = [unit_report(r, str(root), mtime) for r in reports]
    # Years the statutory calendar did not cover may be covered after an upgrade of it.
    if digest is not None and key is not None and not any(r.calendar_fallback for r in reports):
        head = (digest, workspace.config.campaign.timezone, specs, as_of, key)
        workspace_cache.store(root, job.periods, head, out)
    return out


def _share_checklist(workspace: Workspace) -> None:
    """One parse of a checklist for every workspace that follows it (most follow the built-in
    notice): a third of the cost of a cold workspace. Anything unusual is left to the
    workspace's own loading, which reports it."""
    from .checklist import resolve_sources

    c = workspace.campaign_config
    try:
        paths = tuple(p for spec in (c.checklist, *c.extra) for p in resolve_sources(spec, workspace.root))
        key = tuple((str(p), workspace_cache.file_digest(str(p))) for p in paths)
    except (OSError, FangkongError):
        return
    workspace.__dict__["checklist"] = _checklist(key, paths)  # where its cached_property keeps it


@lru_cache(maxsize=8)
def _checklist(key: tuple[tuple[str, bytes], ...], paths: tuple[Path, ...]) -> Checklist:
    from .checklist import load_checklist

    return load_checklist(paths)


def _mtime(root: Path) -> float:
    """When the workspace last changed (which of two copies of a unit is newer)."""
    times = []
    for path in workspace_cache.workspace_sources(root):
        try:
            times.append(path.stat().st_mtime)
        except OSError:
            continue
    return max(times, default=0.0)


def _compute_portable(root: Path, job: Job) -> Any:
    """`_compute` for a worker process: errors travel as plain data (exceptions with keyword
    parameters do not pickle)."""
    try:
        return ("ok", _compute(root, job))
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


def _in_processes(roots: Sequence[Path], job: Job, workers: int) -> list[Any]:
    import concurrent.futures as cf
    import itertools
    import multiprocessing
    import threading

    # fork shares the modules already loaded; spawn (Windows, macOS, or threads alive) starts afresh
    fork = sys.platform.startswith("linux") and threading.active_count() == 1
    context = multiprocessing.get_context("fork" if fork else "spawn")
    chunk = max(1, min(CHUNK_MAX, len(roots) // (workers * 4)))
    with cf.ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(_compute_portable, roots, itertools.repeat(job), chunksize=chunk))


def workspace_reports(
    roots: Sequence[Path], job: Job, parallel_min: int = PARALLEL_MIN, workers: int | None = None
) -> list[Outcome]:
    """Each workspace's reports for the job's periods (or why it cannot be read), in order."""
    outcomes: list[Outcome | None] = [workspace_cache.lookup(root, job.periods, job.day, job.now) for root in roots]
    misses = [i for i, found in enumerate(outcomes) if found is None]
    workers = min(workers or _cpus(), len(misses))
    computed: list[Any] | None = None
    if workers > 1 and len(misses) >= parallel_min:
        try:
            computed = _in_processes([roots[i] for i in misses], job, workers)
        except (OSError, RuntimeError):  # no processes to be had (a sandbox, a broken pool)
            computed = None
    if computed is None:
        computed = [_compute_portable(roots[i], job) for i in misses]
    for index, portable in zip(misses, computed, strict=True):
        outcomes[index] = _outcome(roots[index], portable)
    return [o for o in outcomes if o is not None]
