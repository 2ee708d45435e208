"""Registration of the report and aggregate commands (filled in with the report writers)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer


def register(app: typer.Typer, h: Callable[[str], str], workspace_opt: Any, date_opt: Any) -> None:
    """Add `report` and `aggregate` to the app."""
    return None
