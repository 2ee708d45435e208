"""`fangkong checklist list|show|validate`: see and check checklists."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ...checklist import (
    builtin_names,
    check_files,
    checklist_files,
    load_checklist_lenient,
    resolve_sources,
)
from ...errors import FileProblems, UsageProblem
from ..context import env_of
from ..options import ShowFormat, ShowFormatOpt, WorkspaceOpt

SpecOpt = Annotated[str | None, typer.Option("--checklist", "-c", help="checklist.spec", show_default=False)]


def list_checklists(
    ctx: typer.Context,
    paths: Annotated[list[str] | None, typer.Argument(help="checklist.paths", show_default=False)] = None,
) -> None:
    from ..checklist_view import checklist_list_table

    env = env_of(ctx)
    found = []
    for spec in [*builtin_names(), *(paths or [])]:
        checklist = load_checklist_lenient(resolve_sources(spec, Path.cwd()))
        if checklist is not None:
            found.append((spec, checklist))
    env.output.grid(checklist_list_table(env.lang, found))


def show(
    ctx: typer.Context,
    item: Annotated[str | None, typer.Argument(help="checklist.show.id", show_default=False)] = None,
    fmt: ShowFormatOpt = ShowFormat.table,
    spec: SpecOpt = None,
    workspace: WorkspaceOpt = None,
) -> None:
    from ...writers.shapes import checklist_json, measure_json
    from ..checklist_view import checklist_head, checklist_tables, measure_card

    env = env_of(ctx)
    checklist = env.checklist(spec, workspace)
    sections = list(checklist.sections)
    if item is not None:
        entry = checklist.section(item)
        measure = checklist.measure(item)
        if entry is None and measure is None:
            raise UsageProblem("show_unknown", id=item)
        if measure is not None and entry is None:
            if fmt is ShowFormat.json:
                env.output.data(measure_json(measure))
            else:
                env.output.grid(measure_card(env.lang, checklist, measure))
            return
        assert entry is not None
        sections = [entry]
    if fmt is ShowFormat.json:
        env.output.data(checklist_json(checklist, sections))
    else:
        env.output.tables(checklist_tables(env.lang, sections), checklist_head(checklist))


def validate(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="checklist.files", show_default=False)],
) -> None:
    from ...checklist import YAML_SUFFIXES

    env = env_of(ctx)
    paths = checklist_files(files)
    problems = check_files(paths)
    if problems:
        raise FileProblems(problems)
    checklist = load_checklist_lenient(paths)
    for path in paths:
        count = 0
        if checklist is not None:
            count = sum(len(e.measures) for e in checklist.sections if e.file == str(path))
        if count or path.suffix not in YAML_SUFFIXES:
            env.output.say("checklist_valid", file=str(path), count=count)
        else:
            env.output.say("checklist_valid_notice", file=str(path))


class SummaryFormat(StrEnum):
    text = "text"
    json = "json"


def import_notice(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="checklist.import.file", show_default=False)],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="checklist.import.output", show_default=False)
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="checklist.import.force")] = False,
    fmt: Annotated[SummaryFormat, typer.Option("--format", "-f", help="checklist.import.format")] = SummaryFormat.text,
) -> None:
    from ...notice_import.output import import_notice as draft_checklist
    from ...notice_import.summary import summarise
    from ...writers.shapes import dumps
    from ..import_summary import render_text

    env = env_of(ctx)
    out = output if output is not None else Path.cwd() / f"{file.stem or 'notice'}_checklist"
    draft = draft_checklist(file, out, force)
    summary = summarise(draft, out, env.lang)
    if fmt is SummaryFormat.json:
        env.output.data(dumps(summary))
    else:
        env.output.data(render_text(summary, env.output.t))


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="checklist", no_args_is_help=True)
    group.command("list", help="checklist.list")(list_checklists)
    group.command("show", help="checklist.show")(show)
    group.command("validate", help="checklist.validate")(validate)
    group.command("import", help="checklist.import")(import_notice)
    app.add_typer(group, name="checklist")
