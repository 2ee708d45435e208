"""The one way fangkong asks the officer something: a line typed at a terminal prompt."""

from __future__ import annotations

from rich.text import Text

from .output import Output


def ask(output: Output, question: str) -> str:
    """The officer's answer to `question`, stripped. Callers check `interactive()` first."""
    return output.out.input(Text(question + ": ")).strip()
