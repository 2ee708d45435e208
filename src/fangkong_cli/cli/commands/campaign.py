"""`fangkong campaign add|list|end`: the notices a unit follows, each from a start to an end."""

from pathlib import Path
from typing import Annotated

import typer

from .. import dates
from ..context import env_of
from ..options import DateOpt, WorkspaceOpt
from .init import say_period


def add(
    ctx: typer.Context,
    checklist: Annotated[str, typer.Argument(help="campaign.checklist", show_default=False)],
    start: Annotated[str | None, typer.Option("--start", help="campaign.start", show_default=False)] = None,
    end: Annotated[str | None, typer.Option("--end", help="init.end", show_default=False)] = None,
    campaign_id: Annotated[str | None, typer.Option("--id", help="campaign.id", show_default=False)] = None,
    workspace: WorkspaceOpt = None,
) -> None:
    from ...campaigns import add_campaign, plan_campaign

    env = env_of(ctx)
    ws = env.workspace(workspace)
    first = dates.parse_date(start) if start else ws.today(dates.now())
    last = dates.parse_date(end) if end else None
    plan = plan_campaign(ws, checklist, first, last, campaign_id, Path.cwd())
    added = add_campaign(ws, plan, env.settings.lock_timeout).views()[-1]
    env.output.say(
        "campaign_added",
        id=plan.id,
        checklist=plan.checklist,
        count=len(added.checklist.measures),
        start=first.isoformat(),
    )
    say_period(env, plan.notice, plan.advice, last, plan.end)


def list_campaigns(ctx: typer.Context, date: DateOpt = None, workspace: WorkspaceOpt = None) -> None:
    from ...campaigns import is_running
    from ..checklist_view import campaign_table

    env = env_of(ctx)
    ws = env.workspace(workspace)
    day = dates.parse_date(date) if date else ws.today(dates.now())
    rows = [(v, is_running(v, day)) for v in ws.views()]
    env.output.grid(campaign_table(env.lang, rows))


def end(
    ctx: typer.Context,
    campaign_id: Annotated[str, typer.Argument(help="campaign.end_id", show_default=False)],
    date: DateOpt = None,
    workspace: WorkspaceOpt = None,
) -> None:
    from ...campaigns import end_campaign

    env = env_of(ctx)
    ws = env.workspace(workspace)
    day = dates.parse_date(date) if date else ws.today(dates.now())
    end_campaign(ws, campaign_id, day, env.settings.lock_timeout)
    env.output.say("campaign_ended", id=campaign_id, end=day.isoformat())


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="campaign", no_args_is_help=True)
    group.command("add", help="campaign.add")(add)
    group.command("list", help="campaign.list")(list_campaigns)
    group.command("end", help="campaign.end")(end)
    app.add_typer(group, name="campaign")
