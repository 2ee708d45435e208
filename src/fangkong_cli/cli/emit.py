"""Writing a report or roll-up where the user asked: a file, a folder, or stdout."""

import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from ..errors import UsageProblem
from ..writers import BINARY_FORMATS
from .context import Env

F = TypeVar("F", bound=StrEnum)


def chosen_format(fmt: F | None, output: str | None, kinds: type[F], default: F) -> F:
    """--format, else the output file's suffix when it names a format, else the default."""
    if fmt is not None:
        return fmt
    if output and output != "-" and not output.endswith(("/", "\\")) and not Path(output).is_dir():
        suffix = Path(output).suffix.lower().lstrip(".")
        if suffix in kinds.__members__ and suffix != "table":
            return kinds(suffix)
        if suffix:  # `-o report.pdf`: never Markdown under a name that promises something else
            raise UsageProblem(
                "rep.unknown_suffix", suffix=suffix, formats=", ".join(k for k in kinds.__members__ if k != "table")
            )
    return default


def emit(
    env: Env,
    data: bytes,
    fmt: str,
    output: str | None,
    default_name: str,
    protect: Callable[[Path], None] | None = None,
) -> Path | None:
    """Write `data`; `protect` may refuse the final path (UsageProblem) before anything is
    written. The file written, or None for standard output."""
    from ..fsutil import write_output

    if output == "-":
        stream = sys.stdout
        buffer = getattr(stream, "buffer", None)
        if fmt in BINARY_FORMATS and (buffer is None or stream.isatty()):
            raise UsageProblem("rep.binary_tty", format=fmt)
        if buffer is not None:
            stream.flush()
            buffer.write(data)
            buffer.flush()
        else:
            env.output.data(data.decode("utf-8"))
        return None
    path = Path(output) if output else Path.cwd() / default_name
    if output and output.endswith(("/", "\\")) and not path.is_dir():
        # `-o /mnt/share/reports/` with the share not mounted: never a file named `reports`
        raise UsageProblem("output_folder_missing", path=output)
    if path.is_dir():  # a shared folder: the usual file name inside it
        path = path / default_name
    if protect is not None:
        protect(path)
    write_output(path, data)
    env.output.say("rep.written", path=str(path))
    return path
