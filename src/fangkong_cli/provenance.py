"""What a report was computed from: one SHA-256 over the workspace's configuration, checklist
files and records, and the git commit when the workspace is a repository."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path
from typing import NamedTuple

from .checklist import resolve_sources
from .records import record_files
from .workspace import Workspace


class Source(NamedTuple):
    sha256: str
    files: int
    git_commit: str | None


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
    return Source(digest.hexdigest(), len(inputs), git_commit(workspace.root))


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
