"""`fangkong sheet export|import`: the 台账 as a spreadsheet, both ways."""

from pathlib import Path
from typing import Annotated

import typer

from .. import dates
from ..context import env_of
from ..emit import emit
from ..options import DateOpt, MonthOpt, PeriodFromOpt, PeriodToOpt, WeekOpt, WorkspaceOpt


def export(
    ctx: typer.Context,
    output: Annotated[str | None, typer.Option("--output", "-o", help="sheet.output", show_default=False)] = None,
    month: MonthOpt = None,
    week: WeekOpt = None,
    first: PeriodFromOpt = None,
    last: PeriodToOpt = None,
    date: DateOpt = None,
    workspace: WorkspaceOpt = None,
) -> None:
    from ...report import Period
    from ...sheet import ledger
    from ...writers.labels import period_text
    from ...writers.ledger import write_ledger

    env = env_of(ctx)
    ws = env.workspace(workspace)
    as_of = dates.parse_date(date) if date else ws.today(dates.now())
    period = Period(*dates.period(month, week, first, last, as_of))
    sheet = ledger(ws, period, as_of)
    name = f"{env.output.t('sheet.name')}_{sheet.unit_id}_{period.label}.xlsx"
    emit(env, write_ledger(sheet, env.lang), "xlsx", output, name)
    env.output.say("sheet.exported", count=len(sheet.rows), period=period_text(env.lang, period))


def import_sheet(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="sheet.file", show_default=False)],
    by: Annotated[str | None, typer.Option("--by", help="sheet.by", show_default=False)] = None,
    month: MonthOpt = None,
    week: WeekOpt = None,
    workspace: WorkspaceOpt = None,
) -> None:
    from ...report import Period
    from ...sheet import import_sheet as record_sheet
    from ...sheet_read import read_sheet
    from ...writers.labels import slot_label

    env = env_of(ctx)
    ws = env.workspace(workspace)
    now = dates.now()
    wanted = Period(*dates.period(month, week, None, None, ws.today(now))) if month or week else None
    sheet = read_sheet(file)
    default_by = (by or ws.remembered_officer() or "").strip()
    done = record_sheet(ws, sheet, str(file), default_by, now, Path.cwd(), wanted, env.settings.lock_timeout)
    for record, _slot in done.recorded:
        measure = ws.checklist.measure(record.measure)
        env.output.say(
            "sheet.recorded_row",
            id=record.measure,
            title=measure.title if measure else "",
            slot=slot_label(env.lang, record.slot),
            status=env.output.t(f"state.{record.status.value}"),
        )
    env.output.say(
        "sheet.imported", path=str(file), count=len(done.recorded), unchanged=done.unchanged, empty=done.empty
    )


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="sheet", no_args_is_help=True)
    group.command("export", help="sheet.export")(export)
    group.command("import", help="sheet.import")(import_sheet)
    app.add_typer(group, name="sheet")
