"""The typer application: each command parses options, calls the core, renders, sets the exit code."""

# Annotations are evaluated at definition time: typer reads them, and they close over `h`.

from enum import StrEnum
from pathlib import Path
from typing import Annotated, NamedTuple

import typer

from .. import __version__
from ..checklist import BUILTIN, Checklist, load_checklist, resolve_sources
from ..errors import EXIT_DATA, FileProblems, UsageProblem
from ..messages import Lang, format_problem, t
from ..workspace import Workspace, env_home, find_root, open_workspace
from .output import Output


class TableFormat(StrEnum):
    table = "table"
    json = "json"
    tsv = "tsv"


class ShowFormat(StrEnum):
    table = "table"
    json = "json"


class FailOn(StrEnum):
    overdue = "overdue"
    due = "due"


class Env(NamedTuple):
    """What every command needs: language and consoles, built once per invocation."""

    lang: Lang
    output: Output

    def workspace(self, explicit: Path | None) -> Workspace:
        root = find_root(explicit, env_home(), Path.cwd())
        return open_workspace(root)


def env_of(ctx: typer.Context) -> Env:
    obj = ctx.find_root().obj
    assert isinstance(obj, Env)
    return obj


def build_app(lang: Lang) -> typer.Typer:
    """The app with help texts in `lang` (chosen before parsing, from argv and the environment)."""

    def h(key: str) -> str:
        return t(lang, f"help.{key}")

    app = typer.Typer(
        help=h("app"),
        add_completion=False,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    WorkspaceOpt = Annotated[Path | None, typer.Option("--workspace", "-w", help=h("workspace"), show_default=False)]
    DateOpt = Annotated[str | None, typer.Option("--date", help=h("date"), show_default=False)]

    def show_version(value: bool) -> None:
        if value:
            typer.echo(f"fangkong {__version__}")
            raise typer.Exit()

    @app.callback()
    def root(
        ctx: typer.Context,
        version: Annotated[bool, typer.Option("--version", help=h("version"), callback=show_version, is_eager=True)] = False,
        lang_opt: Annotated[str | None, typer.Option("--lang", help=h("lang"), show_default=False)] = None,
    ) -> None:
        if lang_opt is not None and lang_opt.strip().lower()[:2] not in ("zh", "en"):
            raise UsageProblem("bad_lang", value=lang_opt)
        ctx.obj = Env(lang, Output.create(lang))

    # ---------------------------------------------------------------- init
    @app.command("init", help=h("init"))
    def init_cmd(
        ctx: typer.Context,
        folder: Annotated[Path | None, typer.Option("--dir", help=h("init.dir"), show_default=False)] = None,
        unit_id: Annotated[str | None, typer.Option("--unit-id", help=h("init.unit_id"), show_default=False)] = None,
        unit_name: Annotated[str | None, typer.Option("--unit-name", help=h("init.unit_name"), show_default=False)] = None,
        start: Annotated[str | None, typer.Option("--start", help=h("init.start"), show_default=False)] = None,
        end: Annotated[str | None, typer.Option("--end", help=h("init.end"), show_default=False)] = None,
        checklist: Annotated[str, typer.Option("--checklist", help=h("init.checklist"))] = BUILTIN,
        timezone: Annotated[str, typer.Option("--timezone", help=h("init.timezone"))] = "Asia/Shanghai",
        date: DateOpt = None,
    ) -> None:
        from .commands import run_init

        run_init(env_of(ctx), folder, unit_id, unit_name, start or date, end, checklist, timezone)

    # ---------------------------------------------------------------- check
    @app.command("check", help=h("check"))
    def check_cmd(
        ctx: typer.Context,
        section: Annotated[str | None, typer.Option("--section", help=h("check.section"), show_default=False)] = None,
        all_slots: Annotated[bool, typer.Option("--all", help=h("check.all"))] = False,
        date: DateOpt = None,
        by: Annotated[str | None, typer.Option("--by", help=h("by"), show_default=False)] = None,
        workspace: WorkspaceOpt = None,
    ) -> None:
        from .check import run_check

        run_check(env_of(ctx), workspace, section, all_slots, date, by)

    # ---------------------------------------------------------------- mark
    @app.command("mark", help=h("mark"))
    def mark_cmd(
        ctx: typer.Context,
        ids: Annotated[list[str], typer.Argument(help=h("mark.ids"), show_default=False)],
        status: Annotated[str, typer.Option("--status", "-s", help=h("mark.status"), show_default=False)],
        note: Annotated[str, typer.Option("--note", "-n", help=h("mark.note"))] = "",
        reason: Annotated[str, typer.Option("--reason", help=h("mark.reason"))] = "",
        evidence: Annotated[list[str] | None, typer.Option("--evidence", "-e", help=h("mark.evidence"), show_default=False)] = None,
        by: Annotated[str | None, typer.Option("--by", help=h("by"), show_default=False)] = None,
        date: DateOpt = None,
        workspace: WorkspaceOpt = None,
    ) -> None:
        from .commands import run_mark

        run_mark(env_of(ctx), workspace, ids, status, note, reason, evidence or [], by, date)

    # ---------------------------------------------------------------- status
    @app.command("status", help=h("status"))
    def status_cmd(
        ctx: typer.Context,
        fmt: Annotated[TableFormat, typer.Option("--format", "-f", help=h("format"))] = TableFormat.table,
        section: Annotated[str | None, typer.Option("--section", help=h("section"), show_default=False)] = None,
        fail_on: Annotated[FailOn | None, typer.Option("--fail-on", help=h("fail_on"), show_default=False)] = None,
        date: DateOpt = None,
        workspace: WorkspaceOpt = None,
    ) -> None:
        from .commands import run_status

        code = run_status(env_of(ctx), workspace, fmt.value, section, fail_on.value if fail_on else None, date)
        if code:
            raise typer.Exit(code)

    # ---------------------------------------------------------------- history
    @app.command("history", help=h("history"))
    def history_cmd(
        ctx: typer.Context,
        measure_id: Annotated[str | None, typer.Argument(help=h("history.id"), show_default=False)] = None,
        first: Annotated[str | None, typer.Option("--from", help=h("from"), show_default=False)] = None,
        last: Annotated[str | None, typer.Option("--to", help=h("to"), show_default=False)] = None,
        fmt: Annotated[ShowFormat, typer.Option("--format", "-f", help=h("format"))] = ShowFormat.table,
        date: DateOpt = None,
        workspace: WorkspaceOpt = None,
    ) -> None:
        from .commands import run_history

        run_history(env_of(ctx), workspace, measure_id, first, last, date, fmt.value)

    # ---------------------------------------------------------------- checklist
    checklist_app = typer.Typer(help=h("checklist"), no_args_is_help=True)
    app.add_typer(checklist_app, name="checklist")
    SpecOpt = Annotated[str | None, typer.Option("--checklist", "-c", help=h("checklist.spec"), show_default=False)]

    @checklist_app.command("list", help=h("checklist.list"))
    def checklist_list(
        ctx: typer.Context,
        paths: Annotated[list[str] | None, typer.Argument(help=h("checklist.paths"), show_default=False)] = None,
    ) -> None:
        from .commands import run_checklist_list

        run_checklist_list(env_of(ctx), paths or [])

    @checklist_app.command("show", help=h("checklist.show"))
    def checklist_show(
        ctx: typer.Context,
        item: Annotated[str | None, typer.Argument(help=h("checklist.show.id"), show_default=False)] = None,
        fmt: Annotated[ShowFormat, typer.Option("--format", "-f", help=h("format"))] = ShowFormat.table,
        spec: SpecOpt = None,
        workspace: WorkspaceOpt = None,
    ) -> None:
        from .commands import run_checklist_show

        run_checklist_show(env_of(ctx), item, fmt.value, spec, workspace)

    @checklist_app.command("validate", help=h("checklist.validate"))
    def checklist_validate(
        ctx: typer.Context,
        files: Annotated[list[Path], typer.Argument(help=h("checklist.files"), show_default=False)],
    ) -> None:
        from .commands import run_checklist_validate

        code = run_checklist_validate(env_of(ctx), files)
        if code:
            raise typer.Exit(code)

    from .cmd_import import register as register_import
    from .reporting import register as register_reporting

    register_import(checklist_app, h)

    register_reporting(app, h, WorkspaceOpt, DateOpt)
    return app


def current_checklist(env: Env, spec: str | None, workspace: Path | None) -> Checklist:
    """--checklist, else the workspace's (when there is one), else the built-in notice."""
    if spec is not None:
        return load_checklist(resolve_sources(spec, Path.cwd()))
    if workspace is not None or env_home():
        return env.workspace(workspace).checklist
    try:
        root = find_root(None, None, Path.cwd())
    except UsageProblem:
        return load_checklist(resolve_sources(BUILTIN))
    return open_workspace(root).checklist


def print_problems(env: Env, exc: FileProblems) -> int:
    for problem in exc.problems:
        env.output.err.print(format_problem(env.lang, problem), markup=False, highlight=False, soft_wrap=True)
    return EXIT_DATA


def dump_json(data: object) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"

