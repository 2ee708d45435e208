"""Reading files someone else made: regular files only, never more than a bound, any encoding a unit uses.

A FIFO or a device has a size of 0 and may block or never end: such a path is refused before it
is opened for reading, and again after (the path may change in between). A regular file is
read with a limit, so a file that grows while it is read cannot exhaust memory either.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any


class InputRefused(Exception):
    """A file left unread; `reason` is one of not_regular, too_large, unreadable, missing."""

    def __init__(self, why: str, /, **params: Any) -> None:
        super().__init__(why)
        self.reason = why
        self.params = params


def _os_reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def read_bounded(path: Path, limit: int) -> tuple[bytes, float]:
    """The bytes of the regular file `path` (at most `limit` of them) and its modification time."""
    try:
        st = os.stat(path)
    except FileNotFoundError as exc:
        raise InputRefused("missing") from exc
    except OSError as exc:  # a symlink loop, a permission problem, a name too long
        raise InputRefused("unreadable", reason=_os_reason(exc)) from exc
    if not stat.S_ISREG(st.st_mode):
        raise InputRefused("not_regular")
    if st.st_size > limit:
        raise InputRefused("too_large", limit=limit // (1024 * 1024) or 1)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputRefused("unreadable", reason=_os_reason(exc)) from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):  # swapped for a FIFO since the first look
            raise InputRefused("not_regular")
        chunks: list[bytes] = []
        size = 0
        want = min(st.st_size + 1, limit + 1)  # one read for a file that does not grow meanwhile
        while True:
            chunk = os.read(fd, max(1, min(want, limit + 1 - size)))
            want = 1 << 20
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise InputRefused("too_large", limit=limit // (1024 * 1024) or 1)
    except OSError as exc:
        raise InputRefused("unreadable", reason=_os_reason(exc)) from exc
    finally:
        os.close(fd)
    return b"".join(chunks), st.st_mtime


def decode_any(raw: bytes) -> str | None:
    """Text as Chinese offices save it: UTF-8 (with or without BOM), UTF-16 with BOM, or GBK.

    None when it is none of these (a binary file). Excel on Chinese Windows saves CSV and
    text files in GBK ("ANSI"); GB 18030 is its superset, so it decodes both.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in raw:
        return None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None
