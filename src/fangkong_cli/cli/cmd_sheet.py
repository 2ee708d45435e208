"""`fangkong sheet export|import`: the 台账 as a spreadsheet, both ways."""

# No `from __future__ import annotations`: typer reads these annotations at definition time.

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer, h: Callable[[str], str]) -> None:
    """Add the `sheet` group with `export` and `import`."""
    sheet_app = typer.Typer(help=h("sheet"), no_args_is_help=True)
    app.add_typer(sheet_app, name="sheet")
    WorkspaceOpt = Annotated[Path | None, typer.Option("--workspace", "-w", help=h("workspace"), show_default=False)]
    DateOpt = Annotated[str | None, typer.Option("--date", help=h("date"), show_default=False)]
    MonthOpt = Annotated[str | None, typer.Option("--month", help=h("month"), show_default=False)]
    WeekOpt = Annotated[str | None, typer.Option("--week", help=h("week"), show_default=False)]

    @sheet_app.command("export", help=h("sheet.export"))
    def export_cmd(
        ctx: typer.Context,
        output: Annotated[str | None, typer.Option("--output", "-o", help=h("sheet.output"), show_default=False)] = None,
        month: MonthOpt = None,
        week: WeekOpt = None,
        first: Annotated[str | None, typer.Option("--from", help=h("period_from"), show_default=False)] = None,
        last: Annotated[str | None, typer.Option("--to", help=h("period_to"), show_default=False)] = None,
        date: DateOpt = None,
        workspace: WorkspaceOpt = None,
    ) -> None:
        run_export(ctx, output, (month, week, first, last), date, workspace)

    @sheet_app.command("import", help=h("sheet.import"))
    def import_cmd(
        ctx: typer.Context,
        file: Annotated[Path, typer.Argument(help=h("sheet.file"), show_default=False)],
        by: Annotated[str | None, typer.Option("--by", help=h("sheet.by"), show_default=False)] = None,
        month: MonthOpt = None,
        week: WeekOpt = None,
        workspace: WorkspaceOpt = None,
    ) -> None:
        run_import(ctx, file, by, (month, week), workspace)


def run_export(
    ctx: typer.Context, output: str | None, period_args: tuple[str | None, str | None, str | None, str | None],
    day: str | None, workspace_opt: Path | None,
) -> None:
    from ..report import Period
    from ..sheet import ledger
    from ..writers.ledger import write_ledger
    from ..writers.text import period_text
    from . import dates
    from .app import env_of
    from .reporting import _emit

    env = env_of(ctx)
    workspace = env.workspace(workspace_opt)
    as_of = dates.parse_date(day) if day else workspace.today(dates.now())
    period = Period(*dates.period(*period_args, as_of))
    sheet = ledger(workspace, period, as_of)
    name = f"{env.output.t('sheet.name')}_{sheet.unit_id}_{period.label}.xlsx"
    _emit(ctx, write_ledger(sheet, env.lang), "xlsx", output, name)
    env.output.say("sheet.exported", count=len(sheet.rows), period=period_text(env.lang, period))


def run_import(
    ctx: typer.Context, file: Path, by: str | None, period_args: tuple[str | None, str | None], workspace_opt: Path | None,
) -> None:
    from ..report import Period
    from ..sheet import import_sheet
    from ..sheet_read import read_sheet
    from ..writers.text import slot_label
    from . import dates
    from .app import env_of

    env = env_of(ctx)
    workspace = env.workspace(workspace_opt)
    now = dates.now()
    wanted = Period(*dates.period(*period_args, None, None, workspace.today(now))) if any(period_args) else None
    sheet = read_sheet(file)
    default_by = (by or workspace.remembered_officer() or "").strip()
    done = import_sheet(workspace, sheet, str(file), default_by, now, Path.cwd(), wanted)
    for record, _slot in done.recorded:
        measure = workspace.checklist.measure(record.measure)
        env.output.say(
            "sheet.recorded_row", id=record.measure, title=measure.title if measure else "",
            slot=slot_label(env.lang, record.slot), status=env.output.t(f"state.{record.status.value}"),
        )
    env.output.say("sheet.imported", path=str(file), count=len(done.recorded), unchanged=done.unchanged, empty=done.empty)
