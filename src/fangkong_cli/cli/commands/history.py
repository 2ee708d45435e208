"""`fangkong history`: what was recorded, when and by whom, corrections included."""

from typing import Annotated

import typer

from ...errors import UsageProblem
from ...recording import history as read_history
from .. import dates
from ..context import env_of
from ..options import CampaignOpt, DateOpt, ShowFormat, ShowFormatOpt, WorkspaceOpt


def history(
    ctx: typer.Context,
    measure_id: Annotated[str | None, typer.Argument(help="history.id", show_default=False)] = None,
    first: Annotated[str | None, typer.Option("--from", help="from", show_default=False)] = None,
    last: Annotated[str | None, typer.Option("--to", help="to", show_default=False)] = None,
    fmt: ShowFormatOpt = ShowFormat.table,
    date: DateOpt = None,
    campaign: CampaignOpt = None,
    workspace: WorkspaceOpt = None,
) -> None:
    env = env_of(ctx)
    ws = env.workspace(workspace)
    today = ws.today(dates.now())
    start = dates.parse_date(first, today) if first else None
    end = dates.parse_date(last, today) if last else None
    if start is not None and end is not None and start > end:
        raise UsageProblem("period_order")
    as_of = dates.parse_date(date, today) if date else None
    views = env.views(workspace, campaign, as_of or today)
    if measure_id is not None:  # `ID` or `CAMPAIGN:ID`: that campaign alone
        from ...campaigns import resolve_measure

        view, measure = resolve_measure(views, measure_id)
        views, measure_id = [view], measure.id
    several = len(ws.views()) > 1
    # --from/--to choose the slots answered for; --date leaves out what was recorded after it
    entries = [(v.campaign_id, e) for v in views for e in read_history(v, measure_id, start, end, as_of)]
    if fmt is ShowFormat.json:
        from ...writers.shapes import history_json

        env.output.data(history_json(entries))
    elif not entries:
        env.output.say("history_empty")
    else:
        from ..history_view import history_table

        shown = [
            e._replace(record=e.record._replace(measure=f"{c}:{e.record.measure}")) if several else e
            for c, e in entries
        ]
        env.output.grid(history_table(env.lang, shown, ws.config.campaign.timezone))


def register(app: typer.Typer) -> None:
    app.command("history", help="history")(history)
