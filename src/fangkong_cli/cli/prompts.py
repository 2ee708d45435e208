"""The one way fangkong asks the officer something: a line typed at a terminal prompt.

Lines are read with `input()`, so where the platform has readline (Linux, macOS) the
officer gets real line editing: the cursor and Backspace move over double-width Chinese
characters as they are shown, and what is saved is what is on screen. Windows consoles
edit lines themselves.
"""

from __future__ import annotations

import sys
import unicodedata

from .output import Output


def _line_editing() -> None:
    if "readline" in sys.modules or not sys.stdin.isatty() or sys.stdin is not sys.__stdin__:
        return
    try:
        import readline  # noqa: F401 - importing it turns on line editing for input()
    except ImportError:  # Windows: the console edits lines itself
        pass


def ask(output: Output, question: str) -> str:
    """The officer's answer to `question`, stripped. Callers check `interactive()` first.
    Ctrl-C raises KeyboardInterrupt and end of input EOFError: the caller decides."""
    _line_editing()
    sep = "：" if output.lang == "zh" else ": "
    sys.stdout.flush()
    return input(question + sep).strip()


def key(answer: str) -> str:
    """A one-key answer as typed with any input method: full-width digits and letters from a
    Chinese input method (１, ｓ, Ｑ) count as their ASCII selves."""
    return unicodedata.normalize("NFKC", answer).strip().lower()
