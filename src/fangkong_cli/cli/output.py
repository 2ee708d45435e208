"""The one place that owns the consoles: data to stdout, diagnostics to stderr, markup off."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import IO, Any

from rich.console import Console

from ..messages import Lang, t

PLAIN_WIDTH = 160  # no terminal: wide enough that cron mail keeps table rows on one line


def _console(stream: IO[str]) -> Console:
    is_tty = _isatty(stream)
    width = None
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        width = int(columns)
    elif not is_tty:
        width = PLAIN_WIDTH
    return Console(
        file=stream,
        width=width,
        markup=False,
        highlight=False,
        emoji=False,
        soft_wrap=False,
        force_terminal=None,
        no_color=bool(os.environ.get("NO_COLOR")) or None,
        color_system="auto" if is_tty else None,
        legacy_windows=False,
    )


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


@dataclass
class Output:
    lang: Lang
    out: Console
    err: Console

    @classmethod
    def create(cls, lang: Lang) -> Output:
        return cls(lang, _console(sys.stdout), _console(sys.stderr))

    def t(self, key: str, /, **params: Any) -> str:
        return t(self.lang, key, **params)

    def say(self, key: str, /, **params: Any) -> None:
        """A diagnostic or progress line, to stderr."""
        self.err.print(self.t(key, **params), markup=False, highlight=False)

    def data(self, text: str) -> None:
        """Machine or report output, verbatim to stdout."""
        stream = self.out.file
        stream.write(text)
        stream.flush()


def interactive() -> bool:
    """Prompts only when both stdin and stdout are terminals."""
    return _isatty(sys.stdin) and _isatty(sys.stdout)
