"""`fangkong status`: each measure's state now, as a table, JSON or TSV; --fail-on for cron."""

from datetime import date
from typing import Annotated

import typer

from ...errors import ExitCode, UsageProblem
from ...evaluation import DUE, OVERDUE, Evaluation, evaluate_workspace
from ...findings_store import findings_dir
from ...lights import measure_lights
from ...workspace import Workspace
from ...writers.shapes import StatusPart
from .. import dates
from ..context import Env, env_of, finish
from ..options import CampaignOpt, DateOpt, FailOn, SectionOpt, TableFormat, WorkspaceOpt


def status(
    ctx: typer.Context,
    ids: Annotated[list[str] | None, typer.Argument(help="status.ids", show_default=False)] = None,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="format")] = TableFormat.table,
    section: SectionOpt = None,
    fail_on: Annotated[FailOn | None, typer.Option("--fail-on", help="fail_on", show_default=False)] = None,
    date: DateOpt = None,
    campaign: CampaignOpt = None,
    workspace: WorkspaceOpt = None,
) -> None:
    env = env_of(ctx)
    ws = env.workspace(workspace)
    as_of = dates.day(date, ws.today(dates.now()))
    views = env.views(workspace, campaign, as_of)
    if section is not None:
        views = [v for v in views if v.checklist.section(section) is not None]
        if not views:
            raise UsageProblem("unknown_section", id=section)
    if ids:
        _show_measures(env, views, ids, fmt, as_of)
        return
    parts = [_part(env, v, as_of, section) for v in views]
    findings = _open_findings(ws, as_of)
    if findings["total"]:
        env.output.say("status.findings", **findings)
    if fmt is TableFormat.json:
        from ...writers.shapes import dumps, status_dict

        env.output.data(dumps(status_dict(parts, {"id": ws.config.unit.id, "name": ws.config.unit.name}, findings)))
    else:
        for part in parts:
            if len(parts) > 1 and fmt is not TableFormat.tsv:
                env.output.data(env.output.t("status.campaign_head", id=part.campaign, checklist=part.checklist) + "\n")
            _show(env, part.evaluation, fmt, part.lights)
    finish(max((_exit_code(p.evaluation, fail_on) for p in parts), default=ExitCode.OK))


def _part(env: Env, view: Workspace, as_of: date, section: str | None) -> StatusPart:
    """One campaign evaluated, its warnings said."""
    evaluation = evaluate_workspace(view, as_of, section_id=section)
    _calendar_warnings(env, view, evaluation, as_of)
    if evaluation.unmatched:
        env.output.say("records_unmatched", count=evaluation.unmatched)
    if evaluation.after_as_of:
        env.output.say("records_after", count=evaluation.after_as_of, date=as_of.isoformat())
    if view.campaign_config.end is None and env.output.is_terminal:  # not in every cron mail
        env.output.say("status.no_end", id=view.campaign_id)
    lights = {k: v.value for k, v in measure_lights(evaluation.measures, as_of, view.config.lights).items()}
    return StatusPart(view.campaign_id, view.checklist.name, evaluation, lights)


def _open_findings(ws: Workspace, as_of: date) -> dict[str, int]:
    """Open findings as of the day: how many, how many overdue, by light."""
    if not findings_dir(ws.root).exists():
        return {"total": 0, "closed": 0, "overdue": 0, "red": 0, "yellow": 0, "green": 0}
    from ...findings import lines_for, load_findings
    from ...writers.rectification import counts

    return counts(lines_for(ws, [f for f in load_findings(ws, as_of) if f.is_open], as_of))


def _calendar_warnings(env: Env, ws: Workspace, evaluation: Evaluation, as_of: date) -> None:
    from ...calendar_file import CALENDAR_NAME, running_out

    path = str(ws.root / CALENDAR_NAME)
    years = evaluation.years_without_calendar
    if years:
        env.output.say("calendar_fallback", years="、".join(map(str, years)), year=years[0], path=path)
    last = running_out(ws.campaign, ws.checklist.measures, as_of)
    if last is not None:
        days = (last - as_of).days
        env.output.say("calendar_running_out", last=last.isoformat(), days=days, year=last.year + 1, path=path)


def _show(env: Env, evaluation: Evaluation, fmt: TableFormat, lights: dict[str, str]) -> None:
    if fmt is TableFormat.tsv:
        from ..labels import status_tsv

        env.output.data(status_tsv(evaluation, lights))
    elif env.output.is_terminal:
        from ..labels import status_screen

        env.output.screen(status_screen(env.lang, evaluation, env.output.terminal_width, lights))
    else:
        from ..labels import status_plain

        env.output.data(status_plain(env.lang, evaluation, env.output.plain_width))


def _show_measures(env: Env, views: list[Workspace], ids: list[str], fmt: TableFormat, as_of: date) -> None:
    """`status ID...`: single measures with their slots (`ID` or `CAMPAIGN:ID`)."""
    from ...campaigns import resolve_measure
    from ..slotviews import measure_slots, measures_json, measures_tsv

    chosen = []
    evaluations: dict[int, Evaluation] = {}
    for spec in dict.fromkeys(ids):
        view, measure = resolve_measure(views, spec)
        if view.campaign_index not in evaluations:
            evaluations[view.campaign_index] = evaluate_workspace(view, as_of)
        chosen += [m for m in evaluations[view.campaign_index].measures if m.measure.id == measure.id]
    tz = views[0].tz
    if fmt is TableFormat.table:
        width = env.output.width
        env.output.data(measure_slots(env.lang, chosen, tz, width))
    elif fmt is TableFormat.json:
        env.output.data(measures_json(as_of, chosen))
    else:
        env.output.data(measures_tsv(chosen))


def _exit_code(evaluation: Evaluation, fail_on: FailOn | None) -> ExitCode:
    if fail_on is FailOn.overdue and evaluation.figures.overdue:
        return ExitCode.CONDITION
    if fail_on is FailOn.due and any(m.state in (DUE, OVERDUE) for m in evaluation.measures):
        return ExitCode.CONDITION
    return ExitCode.OK


def register(app: typer.Typer) -> None:
    app.command("status", help="status")(status)
