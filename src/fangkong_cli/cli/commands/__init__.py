"""The commands of fangkong, one module each; each module's `register` adds its command(s).

NAMES is the order `fangkong --help` shows them in; each is also its module's name. A new
command is one new module here plus its name in NAMES. A run imports and registers only the
command it was asked for (every command for the command list, help and completion): the
other modules and their imports cost a duty officer nothing.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from types import ModuleType

NAMES = (
    "init",
    "check",
    "mark",
    "undo",
    "status",
    "today",
    "history",
    "finding",
    "remind",
    "report",
    "sheet",
    "aggregate",
    "campaign",
    "checklist",
    "verify",
    "completion",
)


def modules(wanted: Iterable[str] = NAMES) -> list[ModuleType]:
    """The command modules named (unknown names are left out), in NAMES order."""
    chosen = set(wanted)
    return [importlib.import_module(f"{__name__}.{name}") for name in NAMES if name in chosen]
