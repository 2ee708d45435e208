"""`fangkong today`: one day across the workspace, each measure's slot and its answer."""

import typer

from ...evaluation import evaluate_workspace
from .. import dates
from ..context import env_of
from ..options import DateOpt, SectionOpt, WorkspaceOpt


def today(ctx: typer.Context, section: SectionOpt = None, date: DateOpt = None, workspace: WorkspaceOpt = None) -> None:
    from ..slotviews import day_table

    env = env_of(ctx)
    ws = env.workspace(workspace)
    day = dates.day(date, ws.today(dates.now()))
    evaluation = evaluate_workspace(ws, day, first=day, last=day, section_id=section)
    width = env.output.width
    env.output.data(day_table(env.lang, evaluation.measures, day, ws.tz, width))


def register(app: typer.Typer) -> None:
    app.command("today", help="today")(today)
