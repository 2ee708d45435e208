"""File system edges: atomic replacement, output files, and the workspace lock."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

from .errors import DataProblem, UsageProblem, WorkspaceLocked

REPLACE_RETRIES = 20  # Windows: another program (Excel, a virus scanner) may hold the file
REPLACE_PAUSE = 0.1


def _fsync_dir(folder: Path) -> None:
    if sys.platform == "win32":  # directories cannot be opened for fsync there
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _replace(tmp: str, target: Path) -> None:
    import time

    for attempt in range(REPLACE_RETRIES):
        try:
            os.replace(tmp, target)
            return
        except PermissionError:
            if sys.platform != "win32" or attempt == REPLACE_RETRIES - 1:
                raise
            time.sleep(REPLACE_PAUSE)


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a crash leaves either the old or the new file, never half.

    A temporary file in the same folder is written, flushed and fsynced, given the old file's
    permissions, then renamed over the old one.
    """
    target = path.resolve() if path.is_symlink() else path
    folder = target.parent
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise DataProblem("write_failed", path=str(path), reason=exc.strerror or str(exc)) from exc
    import tempfile

    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        _replace(tmp, target)
        tmp = None
        _fsync_dir(folder)
    except PermissionError as exc:
        if sys.platform == "win32":  # still held after the retries: most often an open Excel
            raise DataProblem("replace_busy", path=str(path)) from exc
        raise DataProblem("write_failed", path=str(path), reason=exc.strerror or str(exc)) from exc
    except OSError as exc:
        raise DataProblem("write_failed", path=str(path), reason=exc.strerror or str(exc)) from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_output(path: Path, data: bytes) -> None:
    """Write a report: special files (a device, a pipe, /dev/stdout) are written to in place,
    never replaced by a regular file; regular files (also behind a symlink) are replaced atomically."""
    try:
        st = path.stat()  # follows symlinks
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise DataProblem("write_failed", path=str(path), reason=exc.strerror or str(exc)) from exc
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise UsageProblem("output_is_directory", path=str(path))
    if st is not None and not stat.S_ISREG(st.st_mode):
        try:
            with open(path, "wb") as fh:
                fh.write(data)
        except OSError as exc:
            raise DataProblem("write_failed", path=str(path), reason=exc.strerror or str(exc)) from exc
        return
    if not path.parent.is_dir():
        raise UsageProblem("output_folder_missing", path=str(path.parent))
    atomic_write(path, data)


LOCK_NAME = ".fangkong.lock"


@contextlib.contextmanager
def workspace_lock(root: Path, timeout: float) -> Iterator[None]:
    """Hold the workspace's advisory lock; it dies with the process, so a crash never leaves it."""
    from filelock import FileLock, Timeout

    lock = FileLock(root / LOCK_NAME, timeout=timeout, thread_local=False)
    try:
        lock.acquire()
    except Timeout as exc:
        raise WorkspaceLocked("locked", path=str(root)) from exc
    except OSError as exc:
        raise DataProblem("lock_failed", path=str(root), reason=exc.strerror or str(exc)) from exc
    try:
        yield
    finally:
        lock.release()
