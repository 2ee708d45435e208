"""`fangkong remind`: today's duty list to the group robot (or printed with --dry-run)."""

from pathlib import Path
from typing import Annotated

import typer

from ...remind import duty_lines, load_robot, payload, plain_text, robot_path, send
from .. import dates
from ..context import env_of
from ..options import DateOpt, WorkspaceOpt


def remind(
    ctx: typer.Context,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="remind.dry_run")] = False,
    config: Annotated[Path | None, typer.Option("--config", help="remind.config", show_default=False)] = None,
    date: DateOpt = None,
    workspace: WorkspaceOpt = None,
) -> None:
    env = env_of(ctx)
    ws = env.workspace(workspace)
    now = dates.now()
    today = dates.parse_date(date) if date else ws.today(now)
    heads, lines = duty_lines(ws, today, env.lang)
    if dry_run:
        env.output.data(plain_text(heads, lines))
        return
    robot = load_robot(config or robot_path(ws))
    send(robot, payload(robot, heads, lines, env.lang), int(now.timestamp() * 1000))
    env.output.say("remind.sent", kind=env.output.t(f"remind.kind.{robot.kind}"), count=len(lines))


def register(app: typer.Typer) -> None:
    app.command("remind", help="remind")(remind)
