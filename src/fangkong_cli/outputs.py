"""Where a command's output may go: never over one of the files it reads."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from .errors import UsageProblem


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def _absolute(path: Path) -> str:
    return os.path.normcase(os.path.abspath(path))


def refuse_output_over_inputs(output: Path, inputs: Sequence[Path] | Iterable[Path]) -> None:
    """Raise UsageProblem (exit 2) when writing `output` would replace one of `inputs`.

    The same file is recognised through symlinks, hard links, `..` and letter case (the
    file's device and inode when it exists, else its normalised absolute path).
    """
    out_id = _identity(output)
    out_path = _absolute(output)
    for path in inputs:
        same = (out_id is not None and out_id == _identity(path)) or _absolute(path) == out_path
        if same:
            raise UsageProblem("out.over_input", path=str(output), input=str(path))
