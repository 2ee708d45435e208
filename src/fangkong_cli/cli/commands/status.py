"""`fangkong status`: each measure's state now, as a table, JSON or TSV; --fail-on for cron."""

from typing import Annotated
from zoneinfo import ZoneInfo

import typer

from ...errors import ExitCode, UsageProblem
from ...status import DUE, OVERDUE, Evaluation, evaluate_workspace
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
    if evaluation.years_without_calendar:
        env.output.say("calendar_fallback", years="、".join(map(str, evaluation.years_without_calendar)))
    if evaluation.unmatched:
        env.output.say("records_unmatched", count=evaluation.unmatched)
    if evaluation.after_as_of:
        env.output.say("records_after", count=evaluation.after_as_of, date=as_of.isoformat())
    if fmt is TableFormat.json:
        from ...writers.shapes import status_json

        unit = {"id": ws.config.unit.id, "name": ws.config.unit.name}
        env.output.data(status_json(evaluation, unit, ws.checklist.name))
    else:
        _show(env, evaluation, fmt)
    finish(_exit_code(evaluation, fail_on))


def _show(env: Env, evaluation: Evaluation, fmt: TableFormat) -> None:
    if fmt is TableFormat.tsv:
        from ..labels import status_tsv

        env.output.data(status_tsv(evaluation))
    elif env.output.is_terminal:
        from ..render import status_tables

        env.output.out.print(status_tables(env.lang, evaluation, env.output.out.width))
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
