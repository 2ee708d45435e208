"""Where an output may not be written: over the files of the workspace a report was made from,
or over any file a roll-up has read."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .errors import UsageProblem
from .fsutil import LOCK_NAME
from .workspace import CONFIG_NAME, STATE_DIR, Workspace

RECORDS_DIR = "records"


def _real(path: Path) -> Path:
    """`path` made absolute with every symlink and `..` resolved (as far as it exists)."""
    return Path(os.path.normcase(Path(os.path.abspath(path)).resolve()))


def _same(a: Path, b: Path) -> bool:
    """The same existing file or folder (a case-insensitive file system, a hard link)."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def protected_paths(workspace: Workspace) -> tuple[list[Path], list[Path]]:
    """The workspace's own files, and the folders all of whose contents are its own."""
    root = workspace.root
    files = [root / CONFIG_NAME, root / LOCK_NAME, *(Path(f) for f in workspace.checklist.files)]
    folders = [root / RECORDS_DIR, root / STATE_DIR]
    return files, folders


def refuse_output_over_workspace(output: Path, workspace: Workspace) -> None:
    """UsageProblem (exit 2) when writing `output` would replace one of the workspace's files:
    fangkong.toml, anything under records/ or .fangkong/, the lock, a checklist file it uses.

    Symlinks and `..` are resolved before comparing, so `-o link-to-records/2021-01.toml` is
    refused too.
    """
    real = _real(output)
    files, folders = protected_paths(workspace)
    for file in files:
        if real == _real(file) or _same(output, file):
            raise UsageProblem("output_over_workspace", path=str(output), file=str(file))
    for folder in folders:
        folder_real = _real(folder)
        if real == folder_real or real.is_relative_to(folder_real):
            raise UsageProblem("output_over_workspace", path=str(output), file=str(folder))
        for parent in (output.absolute(), *output.absolute().parents):
            if parent.exists() and _same(parent, folder):
                raise UsageProblem("output_over_workspace", path=str(output), file=str(folder))


def refuse_output_over_inputs(output: Path, inputs: Iterable[Path]) -> None:
    """UsageProblem (exit 2) when writing `output` would replace one of `inputs` (the reports,
    roll-ups, lists and records an aggregate has read).

    Files are compared by identity (device and inode, through symlinks, hard links, `..` and
    letter case): an output that does not exist yet replaces nothing, and a thousand inputs
    cost a thousand stat calls, not a thousand path resolutions.
    """
    try:
        st = os.stat(output)
    except (OSError, ValueError):
        return
    mine = (st.st_dev, st.st_ino)
    for path in inputs:
        try:
            other = os.stat(path)
        except (OSError, ValueError):
            continue
        if (other.st_dev, other.st_ino) == mine:
            raise UsageProblem("out.over_input", path=str(output), input=str(path))
