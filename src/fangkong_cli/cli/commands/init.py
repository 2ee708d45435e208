"""`fangkong init`: create a unit's workspace, asking for what the flags did not give."""

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from ...campaigns import EndAdvice
from ...errors import UsageProblem
from ...models import BUILTIN, DEFAULT_TIMEZONE, Notice, is_safe_unit_id
from ..context import Env, env_of
from ..options import DateOpt
from ..output import interactive
from ..prompts import ask


def init(
    ctx: typer.Context,
    folder: Annotated[Path | None, typer.Option("--dir", help="init.dir", show_default=False)] = None,
    unit_id: Annotated[str | None, typer.Option("--unit-id", help="init.unit_id", show_default=False)] = None,
    unit_name: Annotated[str | None, typer.Option("--unit-name", help="init.unit_name", show_default=False)] = None,
    start: Annotated[str | None, typer.Option("--start", help="init.start", show_default=False)] = None,
    end: Annotated[str | None, typer.Option("--end", help="init.end", show_default=False)] = None,
    checklist: Annotated[str, typer.Option("--checklist", help="init.checklist")] = BUILTIN,
    timezone: Annotated[str, typer.Option("--timezone", help="init.timezone")] = DEFAULT_TIMEZONE,
    date: DateOpt = None,
) -> None:
    from ...setup import WorkspaceRequest, new_workspace
    from .. import dates

    env = env_of(ctx)
    unit_id, unit_name = _ask_unit(env, unit_id, unit_name)
    first_day = start or date
    request = WorkspaceRequest(
        root=folder if folder is not None else Path.cwd(),
        unit_id=unit_id,
        unit_name=unit_name,
        start=dates.parse_date(first_day) if first_day else None,
        end=dates.parse_date(end) if end else None,
        checklist=checklist,
        timezone=timezone,
    )
    created = new_workspace(request, dates.now(), Path.cwd())
    workspace = created.workspace
    config = workspace.config
    env.output.say(
        "init_done",
        path=str(workspace.root),
        name=config.unit.name,
        checklist=config.campaign.checklist,
        count=len(workspace.checklist.measures),
    )
    say_period(env, workspace.checklist.notice, created.advice, request.end, config.campaign.end)
    env.output.say("init_next")


def say_period(env: Env, notice: Notice | None, advice: EndAdvice, given_end: date | None, end: date | None) -> None:
    """What the notice's own period means for the campaign's end (init and campaign add)."""
    if notice is not None and notice.period is not None and advice.outside:
        p = notice.period
        env.output.say("period_outside", name=p.name or "", start=p.start.isoformat(), end=p.end.isoformat())
    if given_end is None and end is not None and notice is not None and notice.period is not None:
        env.output.say("period_end_set", end=end.isoformat())
    elif end is None:
        env.output.say("campaign_no_end")


def _ask_unit(env: Env, unit_id: str | None, unit_name: str | None) -> tuple[str, str]:
    """The unit's id and name from the flags, or asked for at a terminal."""
    if unit_id is not None and unit_name is not None:
        return unit_id, unit_name
    if not interactive():
        raise UsageProblem("init_need_flags")
    while unit_id is None or not is_safe_unit_id(unit_id):
        if unit_id is not None:  # say what is wrong now, and ask again
            env.output.say("bad_unit_id", value=unit_id)
        unit_id = ask(env.output, env.output.t("ask_unit_id"))
    while not (unit_name or "").strip():
        unit_name = ask(env.output, env.output.t("ask_unit_name"))
    assert unit_name is not None
    return unit_id, unit_name


def register(app: typer.Typer) -> None:
    app.command("init", help="init")(init)
