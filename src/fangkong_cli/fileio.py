"""Reading users' files safely: regular files only, with a size bound, decoded as UTF-8; and
turning TOML and pydantic errors into Problems with file and line.

Every file fangkong reads from a workspace or a checklist comes through `read_bounded`: a
FIFO, a device (/dev/zero), a folder or a socket in a file's place is refused at once instead of
blocking or filling memory (their `st_size` says 0, so a size check alone does not help).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import FileProblems, Problem, UsageProblem

if TYPE_CHECKING:
    import tomllib

    from pydantic import ValidationError

LineOf = Callable[[tuple[str | int, ...]], int | None]

_CHUNK = 1 << 20


def _open_regular(path: Path) -> int:
    """An fd of `path` when it is a regular file; FileProblems otherwise.

    O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one; the
    fstat then refuses it. It has no effect on reading a regular file.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    name = str(path)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise FileProblems([Problem(name, None, "file_not_found")]) from None
    except IsADirectoryError:
        raise FileProblems([Problem(name, None, "file_is_directory")]) from None
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        if isinstance(exc, PermissionError) and path.is_dir():  # Windows cannot open folders
            raise FileProblems([Problem(name, None, "file_is_directory")]) from None
        raise FileProblems([Problem(name, None, "file_unreadable", {"reason": reason})]) from None
    try:
        mode = os.fstat(fd).st_mode
    except OSError as exc:
        os.close(fd)
        raise FileProblems([Problem(name, None, "file_unreadable", {"reason": exc.strerror or str(exc)})]) from None
    if stat.S_ISREG(mode):
        return fd
    os.close(fd)
    key = "file_is_directory" if stat.S_ISDIR(mode) else "file_not_regular"
    raise FileProblems([Problem(name, None, key)])


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of the regular file `path`, refused (FileProblems) when over `limit` bytes.

    The bound holds while reading too: a file that grows after the size check is cut off at
    `limit` + 1 bytes and refused, never read whole into memory.
    """
    fd = _open_regular(path)
    name = str(path)
    try:
        size = os.fstat(fd).st_size
        if size > limit:
            raise FileProblems([Problem(name, None, "file_too_large", {"limit": max(limit // 1024, 1)})])
        parts: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            parts.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise FileProblems([Problem(name, None, "file_unreadable", {"reason": exc.strerror or str(exc)})]) from None
    finally:
        os.close(fd)
    if total > limit:
        raise FileProblems([Problem(name, None, "file_too_large", {"limit": max(limit // 1024, 1)})])
    return b"".join(parts)


def sha256_of(path: Path) -> str:
    """The SHA-256 of the regular file `path` (streamed: no size bound is needed)."""
    import hashlib

    fd = _open_regular(path)
    digest = hashlib.sha256()
    try:
        while chunk := os.read(fd, _CHUNK):
            digest.update(chunk)
    except OSError as exc:
        raise FileProblems(
            [Problem(str(path), None, "file_unreadable", {"reason": exc.strerror or str(exc)})]
        ) from None
    finally:
        os.close(fd)
    return digest.hexdigest()


def inside(path: Path, root: Path) -> Path | None:
    """`path` (relative to `root` unless absolute) resolved, when it stays inside `root`."""
    try:
        real = (root / path).resolve()
        base = root.resolve()
    except (OSError, RuntimeError, ValueError):
        return None
    return real if real.is_relative_to(base) else None


def decode_text(raw: bytes, name: str) -> tuple[str | None, Problem | None]:
    """UTF-8 text (a BOM is dropped); GBK or binary content is a Problem with its line."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, Problem(name, line, "not_utf8")
    if "\x00" in text:
        return None, Problem(name, text[: text.index("\x00")].count("\n") + 1, "binary_file")
    return text, None


def read_text(path: Path, limit: int) -> tuple[str | None, Problem | None]:
    """A bounded UTF-8 text file, or the Problem that stops it from being read."""
    try:
        raw = read_bounded(path, limit)
    except FileProblems as exc:
        return None, exc.problems[0]
    return decode_text(raw, str(path))


def toml_problem(exc: tomllib.TOMLDecodeError | RecursionError, name: str) -> Problem:
    """A TOML error as a Problem at its line (nesting too deep for the parser included)."""
    if isinstance(exc, RecursionError):
        return Problem(name, None, "too_deep")
    match = re.search(r"line (\d+)", str(exc))
    detail = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
    return Problem(name, int(match.group(1)) if match else None, "toml_syntax", {"detail": detail})


# Lines git leaves in a file it could not merge: such a file is named as a git conflict.
CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7})( |$)", re.MULTILINE)


def load_toml(text: str, name: str) -> dict[str, Any]:
    """Parse TOML text; FileProblems (file and line) when it is damaged or nested too deep, or
    left with git's conflict markers (named as such, with the way out)."""
    import tomllib

    try:
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as exc:
        marker = CONFLICT_MARKER.search(text)
        if marker is not None:
            raise FileProblems([Problem(name, text[: marker.start()].count("\n") + 1, "git_conflict")]) from None
        raise FileProblems([toml_problem(exc, name)]) from None


def format_loc(loc: Iterable[str | int]) -> str:
    """A pydantic location for people: `measures[3].title` (list positions counted from 1)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def validation_problems(
    exc: ValidationError, name: str, line_of: LineOf | None, prefix: tuple[str | int, ...] = ()
) -> list[Problem]:
    """One Problem per pydantic error, at the line `line_of` gives for its location."""
    problems = []
    for err in exc.errors(include_url=False):
        loc = (*prefix, *err["loc"])
        problems.append(
            Problem(
                name,
                line_of(loc) if line_of is not None else None,
                "invalid_value",
                {
                    "where": format_loc(loc),
                    "type": err["type"],
                    "detail": err["msg"],
                    "ctx": {k: str(v) for k, v in (err.get("ctx") or {}).items()},
                },
            )
        )
    return problems


def option_problem(exc: ValidationError, option_of: dict[str, str], key: str = "text_invalid") -> UsageProblem:
    """A value the user gave that validation refused, as a usage error naming the option (by
    the field it filled), the value, and what is wrong, in the user's language."""
    err = exc.errors(include_url=False)[0]
    field = str(err["loc"][0]) if err["loc"] else ""
    option = option_of.get(field, field or "input")
    ctx = {k: str(v) for k, v in (err.get("ctx") or {}).items()}
    detail = Problem("", None, "invalid_detail", {"type": err["type"], "detail": err["msg"], "ctx": ctx})
    return UsageProblem(key, what=option, option=option, field=field, value=str(err.get("input", "")), text=detail)
