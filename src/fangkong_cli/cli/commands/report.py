"""`fangkong report`: the summary file for the provincial office, for one period."""

from pathlib import Path
from typing import Annotated

import typer

from ...errors import UsageProblem
from ...writers import ReportFormat
from .. import dates
from ..context import env_of
from ..emit import chosen_format, emit
from ..options import (
    CampaignOpt,
    DateOpt,
    MonthOpt,
    PeriodFromOpt,
    PeriodToOpt,
    WeekOpt,
    WorkspaceOpt,
)


def report(
    ctx: typer.Context,
    fmt: Annotated[
        ReportFormat | None, typer.Option("--format", "-f", help="report.format", show_default=False)
    ] = None,
    output: Annotated[str | None, typer.Option("--output", "-o", help="report.output", show_default=False)] = None,
    month: MonthOpt = None,
    week: WeekOpt = None,
    first: PeriodFromOpt = None,
    last: PeriodToOpt = None,
    stamp: Annotated[bool, typer.Option("--stamp", help="report.stamp")] = False,
    sign: Annotated[Path | None, typer.Option("--sign", help="report.sign", show_default=False)] = None,
    submit: Annotated[bool, typer.Option("--submit", help="report.submit")] = False,
    nil: Annotated[bool, typer.Option("--nil", help="report.nil")] = False,
    date: DateOpt = None,
    campaign: CampaignOpt = None,
    workspace: WorkspaceOpt = None,
) -> None:
    from dataclasses import replace

    from ...outputs import refuse_output_over_workspace
    from ...provenance import source_of
    from ...report import Period, build_report
    from ...submission import finish_report
    from ...writers import write_report

    env = env_of(ctx)
    chosen = chosen_format(fmt, output, ReportFormat, ReportFormat.md)
    if sign is not None:
        from ...signing import check_signing

        if output == "-":
            raise UsageProblem("sign_needs_file")
        check_signing(sign)
    ws = env.workspace(workspace)
    now = dates.now()
    as_of = dates.day(date, ws.today(now))
    views = env.views(workspace, campaign, as_of)
    if len(views) > 1 and (
        output == "-" or (output and not output.endswith(("/", "\\")) and not Path(output).is_dir())
    ):
        raise UsageProblem("report_several", count=len(views), ids="、".join(v.campaign_id for v in views))
    period = Period(*dates.period(month, week, first, last, as_of))
    if period.first > as_of:
        env.output.say("rep.future", label=period.label, as_of=as_of.isoformat())
    stamped = now.astimezone(ws.tz).replace(microsecond=0) if stamp else None
    for view in views:
        built = build_report(view, period, as_of, stamped)
        built = finish_report(built, now.astimezone(ws.tz) if submit else None, nil)
        built = replace(built, source=source_of(view))
        if built.calendar_fallback:
            from ...calendar_file import CALENDAR_NAME

            years = built.calendar_fallback
            env.output.say(
                "calendar_fallback", years="、".join(map(str, years)), year=years[0], path=str(ws.root / CALENDAR_NAME)
            )
        data = write_report(chosen, built, env.lang)
        # the first campaign keeps the name reports always had; an added one names itself
        label = built.unit_id if view.campaign_index == 0 else f"{built.unit_id}_{view.campaign_id}"
        name = f"{label}_{period.label}.{chosen.value}"
        written = emit(env, data, chosen.value, output, name, lambda path: refuse_output_over_workspace(path, ws))
        if sign is not None and written is not None:
            from ...signing import sign_file

            env.output.say("signed", path=str(sign_file(written, sign)))


def register(app: typer.Typer) -> None:
    app.command("report", help="report")(report)
