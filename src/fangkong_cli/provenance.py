"""What a report was computed from: one SHA-256 over the workspace's configuration, checklist
files and records, the git commit when the workspace is a repository, and the head of every
hash chain (records per writer, findings events per writer), so that `verify --against` can
later show that nothing recorded by then was removed or changed."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path
from typing import NamedTuple

from .checklist import resolve_sources
from .records import record_files
from .workspace import Workspace


class ChainHead(NamedTuple):
    """How far one writer's chain ran when a report was written."""

    kind: str  # "records" or "findings"
    campaign: str  # the records' campaign ("" for findings, which are the workspace's)
    writer: str
    entries: int  # in the chain, those from before chains included
    last_hash: str  # the newest entry's hash ("" when it has none)


class Source(NamedTuple):
    sha256: str
    files: int
    git_commit: str | None
    chains: tuple[ChainHead, ...] = ()


def _inputs(workspace: Workspace) -> list[tuple[str, Path]]:
    """(name, path) of every file a report of this campaign reads, names stable across clones."""
    root = workspace.root
    found = [("fangkong.toml", workspace.config_path)]
    calendar = root / "calendar.toml"
    if calendar.is_file():
        found.append(("calendar.toml", calendar))
    c = workspace.campaign_config
    for spec in (c.checklist, *c.extra):
        for path in resolve_sources(spec, root):
            found.append((f"checklist/{path.parent.name}/{path.name}", path))
    for record_file in record_files(workspace.records_dir):
        found.append((record_file.path.relative_to(root).as_posix(), record_file.path))
    return sorted(set(found))


def source_of(workspace: Workspace) -> Source:
    digest = hashlib.sha256()
    inputs = _inputs(workspace)
    for name, path in inputs:
        data = path.read_bytes()
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return Source(digest.hexdigest(), len(inputs), git_commit(workspace.root), chain_heads(workspace))


def chain_heads(workspace: Workspace) -> tuple[ChainHead, ...]:
    """Each writer's chain as it stands: its length and newest hash (read, not recomputed:
    `verify` is what recomputes)."""
    from .findings_store import read_events, writer_files
    from .records import LEGACY, read_file

    by_writer: dict[str, list[str]] = {}
    for entry in record_files(workspace.records_dir):
        if entry.writer != LEGACY:
            by_writer.setdefault(entry.writer, []).extend(r.hash for r in read_file(workspace.root, entry.path))
    heads = [
        ChainHead("records", workspace.campaign_id, w, len(h), h[-1] if h else "") for w, h in sorted(by_writer.items())
    ]
    for writer, paths in sorted(writer_files(workspace.root).items()):
        hashes = [e.hash for p in paths for e in read_events(workspace.root, p)]
        heads.append(ChainHead("findings", "", writer, len(hashes), hashes[-1] if hashes else ""))
    return tuple(heads)


def git_commit(root: Path) -> str | None:
    """HEAD of the repository holding the workspace, if it is one and git is installed."""
    git = shutil.which("git")
    if git is None or not any((folder / ".git").exists() for folder in (root, *root.resolve().parents)):
        return None
    try:
        done = subprocess.run(
            [git, "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    commit = done.stdout.strip()
    return commit if done.returncode == 0 and len(commit) in (40, 64) else None
