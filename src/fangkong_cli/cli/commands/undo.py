"""`fangkong undo [ID]`: withdraw the newest answer (of measure ID); history keeps both."""

from pathlib import Path
from typing import Annotated

import typer

from ...errors import UsageProblem
from ...undo import withdraw
from .. import dates
from ..context import env_of
from ..options import ByOpt, WorkspaceOpt


def undo(
    ctx: typer.Context,
    measure_id: Annotated[str | None, typer.Argument(help="undo.id", show_default=False)] = None,
    by: ByOpt = None,
    workspace: WorkspaceOpt = None,
) -> None:
    env = env_of(ctx)
    ws = env.workspace(workspace)
    officer = (by or ws.remembered_officer() or "").strip()
    if not officer:
        raise UsageProblem("by_required")
    target = withdraw(ws, measure_id, officer, dates.now(), Path.cwd(), env.settings.lock_timeout)
    env.output.say(
        "undone",
        id=target.measure,
        slot=target.slot,
        status=env.output.t(f"state.{target.status.value}"),
        by=target.by,
        at=target.at.astimezone(ws.tz).strftime("%Y-%m-%d %H:%M"),
    )


def register(app: typer.Typer) -> None:
    app.command("undo", help="undo")(undo)
