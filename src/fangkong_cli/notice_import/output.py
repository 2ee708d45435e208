"""Write a draft checklist folder all at once: into a temporary folder beside it, checked by the
checklist loader, then renamed into place. A refusal or a failure leaves every existing file as it was."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DataProblem, FileProblems, UsageProblem

if TYPE_CHECKING:
    from .draft import Draft

_CHECKLIST_HEAD = re.compile(r"^(notice|section)\s*:", re.MULTILINE)
_DRAFT_FILES = (".yaml", ".yml", ".txt")


def _is_checklist_folder(folder: Path) -> Path | None:
    """The checklist file that makes `folder` a checklist folder, if there is one."""
    try:
        candidates = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))[:50]
    except OSError:
        return None
    for path in candidates:
        try:
            with open(path, "rb") as fh:
                head = fh.read(4096).decode("utf-8", "replace")
        except OSError:
            continue
        if _CHECKLIST_HEAD.search(head):
            return path
    return None


def check_target(out: Path, force: bool) -> None:
    """Refuse an output that is a file, lies inside a file or a checklist, or exists (without --force)."""
    for parent in [out, *out.parents]:
        if parent.exists() and not parent.is_dir():
            key = "imp.out_is_file" if parent == out else "imp.out_inside_file"
            raise UsageProblem(key, path=str(out), file=str(parent))
    if not out.parent.is_dir():
        raise UsageProblem("output_folder_missing", path=str(out.parent))
    holder = _is_checklist_folder(out.parent)
    if holder is not None:
        raise UsageProblem("imp.out_inside_checklist", path=str(out), file=str(holder))
    if out.exists():
        if not force:
            raise UsageProblem("imp.out_exists", path=str(out))
        try:
            strangers = [p.name for p in out.iterdir() if not (p.is_file() and p.suffix in _DRAFT_FILES)]
        except OSError as exc:
            raise DataProblem("write_failed", path=str(out), reason=exc.strerror or str(exc)) from exc
        if strangers:
            raise UsageProblem("imp.out_not_draft", path=str(out), name=strangers[0])


def _write_file(path: Path, text: str) -> None:
    with open(path, "wb") as fh:
        fh.write(text.encode("utf-8"))
        fh.flush()
        os.fsync(fh.fileno())


def write_draft(files: Mapping[str, str], out: Path, force: bool) -> None:
    """Write the draft's files as the folder `out`; with `force`, replace an earlier draft there."""
    from ..checklist import load_checklist

    check_target(out, force)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    except OSError as exc:
        raise DataProblem("write_failed", path=str(out), reason=exc.strerror or str(exc)) from exc
    old: Path | None = None
    done = False
    try:
        for name, text in files.items():
            _write_file(staging / name, text)
        try:
            load_checklist(sorted(p for p in staging.iterdir() if p.suffix == ".yaml"))
        except FileProblems as exc:  # a bug of the drafting, never the user's: say so, write nothing
            first = exc.problems[0]
            raise DataProblem("imp.draft_invalid", detail=f"{Path(first.file).name}:{first.line}: {first.key}") from exc
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=out.parent))
            os.replace(out, old / "draft")
        os.replace(staging, out)
        done = True
    except OSError as exc:
        if old is not None and not out.exists():
            os.replace(old / "draft", out)  # put the earlier draft back
        raise DataProblem("write_failed", path=str(out), reason=exc.strerror or str(exc)) from exc
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(staging)
        if old is not None and done:  # the earlier draft is thrown away only once the new one is in place
            with contextlib.suppress(OSError):
                shutil.rmtree(old)


def import_notice(path: Path, out: Path, force: bool = False, max_bytes: int | None = None) -> Draft:
    """Draft a checklist from the notice at `path` and write it as the folder `out`."""
    from .draft import build_draft
    from .reading import MAX_NOTICE_BYTES
    from .yamltext import render_files

    draft = build_draft(path, MAX_NOTICE_BYTES if max_bytes is None else max_bytes)
    write_draft(render_files(draft), out, force)
    return draft
