"""`fangkong status`: each measure's state now, as a table, JSON or TSV; --fail-on for cron."""

from datetime import date
from typing import Annotated
from zoneinfo import ZoneInfo

import typer

from ...errors import ExitCode, UsageProblem
from ...evaluation import DUE, OVERDUE, Evaluation, evaluate_workspace
from ...findings_store import findings_dir
from ...lights import measure_lights
from ...workspace import Workspace
from .. import dates
from ..context import Env, env_of, finish
from ..options import DateOpt, FailOn, SectionOpt, TableFormat, WorkspaceOpt


def status(
    ctx: typer.Context,
    ids: Annotated[list[str] | None, typer.Argument(help="status.ids", show_default=False)] = None,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="format")] = TableFormat.table,
    section: SectionOpt = None,
    fail_on: Annotated[FailOn | None, typer.Option("--fail-on", help="fail_on", show_default=False)] = None,
    date: DateOpt = None,
    workspace: WorkspaceOpt = None,
) -> None:
    env = env_of(ctx)
    ws = env.workspace(workspace)
    if section is not None and ws.checklist.section(section) is None:
        raise UsageProblem("unknown_section", id=section)
    as_of = dates.day(date, ws.today(dates.now()))
    evaluation = evaluate_workspace(ws, as_of, section_id=section)
    if ids:
        _show_measures(env, evaluation, ids, fmt, ws.tz)
        finish(_exit_code(evaluation, fail_on))
        return
    _calendar_warnings(env, ws, evaluation, as_of)
    if evaluation.unmatched:
        env.output.say("records_unmatched", count=evaluation.unmatched)
    if evaluation.after_as_of:
        env.output.say("records_after", count=evaluation.after_as_of, date=as_of.isoformat())
    lights = {k: v.value for k, v in measure_lights(evaluation.measures, as_of, ws.config.lights).items()}
    findings = _open_findings(ws, as_of)
    if findings["total"]:
        env.output.say("status.findings", **findings)
    if fmt is TableFormat.json:
        from ...writers.shapes import dumps, evaluation_dict

        data = evaluation_dict(evaluation, {"id": ws.config.unit.id, "name": ws.config.unit.name}, ws.checklist.name)
        measures = data["measures"]
        assert isinstance(measures, list)
        for m in measures:
            m["light"] = lights.get(m["id"])
        data["findings"] = findings
        env.output.data(dumps(data))
    else:
        _show(env, evaluation, fmt, lights)
    finish(_exit_code(evaluation, fail_on))


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
        from ..render import status_tables

        env.output.out.print(status_tables(env.lang, evaluation, env.output.out.width, lights))
    else:
        from ..labels import status_plain

        env.output.data(status_plain(env.lang, evaluation, env.output.plain_width))


def _show_measures(env: Env, evaluation: Evaluation, ids: list[str], fmt: TableFormat, tz: ZoneInfo) -> None:
    """`status ID...`: single measures with their slots."""
    found = {m.measure.id: m for m in evaluation.measures}
    for mid in ids:
        if mid not in found:
            raise UsageProblem("unknown_measure", id=mid)
    chosen = [found[mid] for mid in dict.fromkeys(ids)]
    if fmt is TableFormat.table:
        from ..slotviews import measure_slots

        width = env.output.out.width if env.output.is_terminal else env.output.plain_width
        env.output.data(measure_slots(env.lang, chosen, tz, width))
        return
    import json

    data = [
        {
            "id": ms.measure.id,
            "state": ms.state,
            "slots": [
                {"key": s.slot.key, "state": s.state, "late": s.late, "corrected": s.corrected}
                | ({"by": s.record.by, "recorded_at": s.record.at.isoformat()} if s.record else {})
                for s in ms.slots
            ],
        }
        for ms in chosen
    ]
    if fmt is TableFormat.json:
        env.output.data(json.dumps({"date": evaluation.as_of.isoformat(), "measures": data}, ensure_ascii=False, indent=2) + "\n")
    else:
        lines = ["id\tslot\tstate\tlate\tcorrected"]
        lines += [f"{ms.measure.id}\t{s.slot.key}\t{s.state}\t{s.late}\t{s.corrected}" for ms in chosen for s in ms.slots]
        env.output.data("\n".join(lines) + "\n")


def _exit_code(evaluation: Evaluation, fail_on: FailOn | None) -> ExitCode:
    if fail_on is FailOn.overdue and evaluation.figures.overdue:
        return ExitCode.CONDITION
    if fail_on is FailOn.due and any(m.state in (DUE, OVERDUE) for m in evaluation.measures):
        return ExitCode.CONDITION
    return ExitCode.OK


def register(app: typer.Typer) -> None:
    app.command("status", help="status")(status)
