"""The derived cache under .fangkong/cache: validated data keyed by the bytes it came from.

Reading and validating files is most of the cost of a command such as `status`. An entry
holds what one file validated to, under a hash of that file's exact bytes, so it is never
trusted over the file: any change to the file changes the key. Entries can be deleted at any
time; one that cannot be read or written is ignored and rebuilt.
"""

from __future__ import annotations

import contextlib
import marshal
import os
from pathlib import Path
from typing import Any

FORMAT = 1
MAX_ENTRY_BYTES = 256 * 1024 * 1024


def _stamp() -> tuple[int, str]:
    # Entries written by another version of fangkong are not read: what a file validates to
    # may change between versions even when the file does not.
    from . import __version__

    return FORMAT, __version__


FOLDER = Path(".fangkong") / "cache"


def content_key(raw: bytes) -> str:
    try:  # the built-in module, without loading OpenSSL as hashlib does
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - other Pythons
        from hashlib import blake2b
    return blake2b(raw, digest_size=20).hexdigest()


def entry_name(kind: str, path: Path) -> str:
    """A file name for the cache entry of `path` (one entry per source file)."""
    return f"{kind}-{content_key(str(path.resolve()).encode('utf-8'))[:16]}.bin"


def read(root: Path | None, name: str, key: str) -> Any | None:
    """The payload stored for `key`, or None (no cache, another key, an unreadable entry)."""
    if root is None:
        return None
    from .fileio import read_bounded

    try:  # bounded, regular files only: a FIFO put in an entry's place is skipped, not waited on
        stamp, stored_key, payload = marshal.loads(read_bounded(root / FOLDER / name, MAX_ENTRY_BYTES))
    except Exception:  # noqa: BLE001 - a derived file: anything odd means "rebuild it"
        return None
    if stamp != _stamp() or stored_key != key:
        return None
    return payload


def write(root: Path | None, name: str, key: str, payload: Any) -> None:
    """Store `payload` (plain data: str, int, tuples, lists, dicts, None) for `key`."""
    if root is None:
        return
    import tempfile

    folder = root / FOLDER
    try:
        data = marshal.dumps((_stamp(), key, payload))
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".entry.", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, folder / name)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except (OSError, ValueError):
        pass
