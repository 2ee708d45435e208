"""The one place that owns the terminal: data to stdout, diagnostics to stderr, tables drawn by cli/screen.py."""

from __future__ import annotations

import os
import sys
from typing import IO, TYPE_CHECKING, Any

from ..errors import DataProblem
from ..messages import Lang, t

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .screen import Line, Run, Table

PLAIN_WIDTH = 160  # no terminal: wide enough that cron mail keeps table rows on one line


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


class Output:
    """stdout (data, tables) and stderr (messages) of one run. Tables and the walk are drawn
    by cli/screen.py, in Rich's look without Rich's import (it took 100-170 ms a run)."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self._stdout = sys.stdout
        self._stderr = sys.stderr

    @classmethod
    def create(cls, lang: Lang) -> Output:
        return cls(lang)

    @property
    def is_terminal(self) -> bool:
        return _isatty(self._stdout)

    @property
    def plain_width(self) -> int:
        """Width for plain output: COLUMNS when set, else wide enough for cron mail."""
        columns = os.environ.get("COLUMNS", "")
        return int(columns) if columns.isdigit() and int(columns) > 20 else PLAIN_WIDTH

    @property
    def terminal_width(self) -> int:
        """The terminal's width as Rich measures it: COLUMNS when set, else the size of the
        first of stdin, stdout and stderr that is a terminal, else 80."""
        columns = os.environ.get("COLUMNS", "")
        if columns.isdigit() and int(columns) > 0:
            return int(columns)
        for fd in (0, 1, 2):
            try:
                return os.get_terminal_size(fd).columns or 80
            except (OSError, ValueError):
                continue
        return 80

    @property
    def width(self) -> int:
        """The width to draw in: the terminal's, or for a pipe or cron mail COLUMNS (or 160)."""
        return self.terminal_width if self.is_terminal else self.plain_width

    @property
    def terminal_styles(self) -> tuple[bool, bool]:
        """Whether the terminal shows bold and dim, and whether colours too: a dumb terminal
        (TERM=dumb or unknown, TTY_COMPATIBLE=0) shows neither; NO_COLOR keeps the attributes."""
        term = os.environ.get("TERM", "").strip().lower()
        styles = term not in ("dumb", "unknown") and os.environ.get("TTY_COMPATIBLE") != "0"
        return styles, styles and not os.environ.get("NO_COLOR")

    def screen(self, lines: Sequence[Line]) -> None:
        """Lines drawn for the terminal (cli/screen.py), in its width and styles."""
        from .screen import to_text

        self.data(to_text(lines, self.terminal_width, *self.terminal_styles))

    def grid(self, table: Table) -> None:
        """One table (cli/screen.py); see `tables`."""
        self.tables([table])

    def tables(self, tables: Sequence[Table], head: str = "") -> None:
        """Tables under a bold line: filling a terminal, in its styles; to a pipe or cron mail
        as narrow as their text allows, no wider than COLUMNS (or 160), plain, without
        trailing blanks."""
        from dataclasses import replace

        from .screen import draw, paragraph, to_text

        width = self.width
        lines = paragraph(head, width, "bold", cjk=False) if head else []
        if self.is_terminal:
            for table in tables:
                lines += draw(table, width)
            self.screen(lines)
            return
        for table in tables:
            lines += draw(replace(table, expand=False), width)
        text = to_text(lines, width, False, False)
        self.data("".join(line.rstrip() + "\n" for line in text.splitlines()))

    def show(self, text: str | Sequence[Run] = "", style: str = "") -> None:
        """A line of the walk at the terminal: text (or styled pieces) folded to its width."""
        from .screen import paragraph

        self.screen(paragraph(text, self.terminal_width, style) or [[]])

    def rule(self, title: str) -> None:
        """A section's title drawn across the terminal."""
        from .screen import rule

        self.screen([rule(title, self.terminal_width)])

    def t(self, key: str, /, **params: Any) -> str:
        return t(self.lang, key, **params)

    def say(self, key: str, /, **params: Any) -> None:
        """A diagnostic or progress line, to stderr (plain text: no console needed)."""
        self._stderr.write(self.t(key, **params) + "\n")
        self._stderr.flush()

    def note(self, line: str) -> None:
        """A line already worded (a record just made, a problem in a file), to stderr."""
        self._stderr.write(line + "\n")
        self._stderr.flush()

    def data(self, text: str) -> None:
        """Machine or report output, verbatim to stdout."""
        self._stdout.write(text)
        self._stdout.flush()


def interactive() -> bool:
    """Prompts only when both stdin and stdout are terminals."""
    return _isatty(sys.stdin) and _isatty(sys.stdout)


class OutputFailed(DataProblem):
    """Standard output could not be written (a full disk, a quota, an I/O error): bad data's
    exit code 3 with a message saying so, never an internal error."""


class _Guarded:
    """A stream whose write and flush failures become OutputFailed; BrokenPipeError (the reader
    left: `fangkong status | head`) passes through as it is, everything else is delegated."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def _failed(self, exc: OSError) -> OutputFailed:
        return OutputFailed("stdout_failed", reason=exc.strerror or str(exc))

    def write(self, data: Any) -> int:
        try:
            return int(self._stream.write(data))
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._failed(exc) from exc

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._failed(exc) from exc

    @property
    def buffer(self) -> Any:
        return _Guarded(self._stream.buffer)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def guard_stdout(stream: IO[str]) -> IO[str]:
    """`stream` (sys.stdout) with its write failures turned into OutputFailed."""
    return _Guarded(stream)  # type: ignore[return-value]
