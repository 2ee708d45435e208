"""Bodies of the simple commands: options in, one core call, one renderer, an exit code out."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ..checklist import (
    Checklist,
    builtin_names,
    check_files,
    load_checklist_lenient,
    resolve_sources,
)
from ..errors import EXIT_CONDITION, EXIT_OK, FileProblems, Problem, UsageProblem
from ..messages import problem_text
from ..status import DUE, OVERDUE, evaluate_workspace, evaluation_to_dict
from ..tracking import Answer, history, parse_status, record_answers
from ..workspace import create_workspace
from . import dates
from .app import Env, current_checklist, dump_json, print_problems
from .output import interactive

if TYPE_CHECKING:
    from pydantic import ValidationError


def _option_problem(env: Env, exc: ValidationError, option_of: dict[str, str]) -> UsageProblem:
    err = exc.errors(include_url=False)[0]
    field = str(err["loc"][0]) if err["loc"] else ""
    problem = Problem("", None, "invalid_value", {"where": field, "type": err["type"], "detail": err["msg"], "ctx": {k: str(v) for k, v in (err.get("ctx") or {}).items()}})
    text = problem_text(env.lang, problem).split("：", 1)[-1].split(": ", 1)[-1]
    return UsageProblem("bad_option", option=option_of.get(field, field), value=str(err.get("input", "")), text=text)


def run_init(
    env: Env,
    folder: Path | None,
    unit_id: str | None,
    unit_name: str | None,
    start: str | None,
    end: str | None,
    checklist: str,
    timezone: str,
) -> None:
    root = folder if folder is not None else Path.cwd()
    if unit_id is None or unit_name is None:
        if not interactive():
            raise UsageProblem("init_need_flags")
        import typer

        from ..workspace import is_safe_unit_id

        while unit_id is None or not is_safe_unit_id(unit_id):
            if unit_id is not None:  # say what is wrong now, and ask again
                env.output.say("bad_unit_id", value=unit_id)
            unit_id = typer.prompt(env.output.t("ask_unit_id")).strip()
        while not (unit_name or "").strip():
            unit_name = typer.prompt(env.output.t("ask_unit_name")).strip()
    from pydantic import ValidationError

    from ..schemas import CampaignModel, UnitModel, WorkspaceConfigModel

    today = dates.now()
    try:
        unit = UnitModel(id=unit_id, name=unit_name)
    except ValidationError as exc:
        raise _option_problem(env, exc, {"id": "--unit-id", "name": "--unit-name"}) from exc
    try:
        CampaignModel(timezone=timezone, start=today.date())
    except ValidationError as exc:
        raise _option_problem(env, exc, {"timezone": "--timezone"}) from exc
    today = today.astimezone(ZoneInfo(timezone))
    if checklist not in builtin_names():
        # A path is typed relative to where the user stands; the workspace keeps it relative
        # to itself, so the folder can move (or be cloned elsewhere) with its checklist.
        given = Path(checklist) if Path(checklist).is_absolute() else Path.cwd() / checklist
        resolve_sources(str(given))  # a clear error now if it does not exist
        try:
            checklist = Path(os.path.relpath(given.resolve(), root.resolve())).as_posix()
        except ValueError:  # another drive on Windows
            checklist = str(given.resolve())
    try:
        campaign = CampaignModel(
            checklist=checklist,
            start=dates.parse_date(start) if start else today.date(),
            end=dates.parse_date(end) if end else None,
            timezone=timezone,
        )
    except ValidationError as exc:
        raise _option_problem(env, exc, {"end": "--end", "timezone": "--timezone", "checklist": "--checklist"}) from exc
    workspace = create_workspace(root, WorkspaceConfigModel(unit=unit, campaign=campaign).to_domain())
    env.output.say(
        "init_done",
        path=str(workspace.root),
        name=unit.name,
        checklist=checklist,
        count=len(workspace.checklist.measures),
    )
    env.output.say("init_next")


def run_mark(
    env: Env,
    workspace_opt: Path | None,
    ids: list[str],
    status: str,
    note: str,
    reason: str,
    evidence: list[str],
    by: str | None,
    date: str | None,
) -> None:
    workspace = env.workspace(workspace_opt)
    now = dates.now()
    day = dates.parse_date(date) if date else workspace.today(now)
    state = parse_status(status)
    officer = (by or workspace.remembered_officer() or "").strip()
    if not officer:
        raise UsageProblem("by_required")
    unique_ids = list(dict.fromkeys(ids))  # `mark 2.10 2.10` records once
    answers = [Answer(i, day, state, note, reason, tuple(evidence)) for i in unique_ids]
    stored = record_answers(workspace, answers, officer, now, Path.cwd())
    for record, slot in stored:
        measure = workspace.checklist.measure(record.measure)
        title = measure.title if measure else ""
        line = env.output.t("marked", id=record.measure, title=title, status=env.output.t(f"state.{record.status.value}"), slot=record.slot)
        if record.at.astimezone(workspace.tz).date() > slot.end:
            line += env.output.t("marked_late")
        env.output.err.print(line, markup=False, highlight=False)


def run_status(
    env: Env,
    workspace_opt: Path | None,
    fmt: str,
    section: str | None,
    fail_on: str | None,
    date: str | None,
) -> int:
    workspace = env.workspace(workspace_opt)
    checklist = workspace.checklist
    if section is not None and checklist.section(section) is None:
        raise UsageProblem("unknown_section", id=section)
    as_of = dates.parse_date(date) if date else workspace.today(dates.now())
    evaluation = evaluate_workspace(workspace, as_of, section_id=section)
    if evaluation.years_without_calendar:
        env.output.say("calendar_fallback", years="、".join(map(str, evaluation.years_without_calendar)))
    if evaluation.unmatched:
        env.output.say("records_unmatched", count=evaluation.unmatched)
    if fmt == "json":
        unit = {"id": workspace.config.unit.id, "name": workspace.config.unit.name}
        env.output.data(dump_json(evaluation_to_dict(evaluation, unit, checklist.name)))
    elif fmt == "tsv":
        from .labels import status_tsv

        env.output.data(status_tsv(evaluation))
    elif env.output.is_terminal:
        from .render import status_tables

        env.output.out.print(status_tables(env.lang, evaluation))
    else:
        from .labels import status_plain

        env.output.data(status_plain(env.lang, evaluation, env.output.plain_width))
    if fail_on == "overdue" and evaluation.figures.overdue:
        return EXIT_CONDITION
    if fail_on == "due" and any(m.state in (DUE, OVERDUE) for m in evaluation.measures):
        return EXIT_CONDITION
    return EXIT_OK


def run_history(
    env: Env,
    workspace_opt: Path | None,
    measure_id: str | None,
    first: str | None,
    last: str | None,
    as_of: str | None,
    fmt: str,
) -> None:
    workspace = env.workspace(workspace_opt)
    # as of --date: nothing recorded after that day
    ends = [dates.parse_date(d) for d in (last, as_of) if d]
    entries = history(workspace, measure_id, dates.parse_date(first) if first else None, min(ends, default=None))
    if fmt == "json":
        env.output.data(
            dump_json(
                {
                    "records": [
                        {
                            **e.record.to_json_dict(),
                            "late": e.late,
                            "correction": e.correction,
                            "superseded": e.superseded,
                            "evidence_changed": list(e.evidence_changed),
                        }
                        for e in entries
                    ]
                }
            )
        )
        return
    if not entries:
        env.output.say("history_empty")
        return
    from .render import history_table

    env.output.out.print(history_table(env.lang, entries, workspace.config.campaign.timezone))


def run_checklist_list(env: Env, paths: list[str]) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False)
    table.add_column(env.output.t("col.checklist"), overflow="fold")
    table.add_column(env.output.t("col.doc_number"), overflow="fold")
    table.add_column(env.output.t("col.sections"), justify="right", overflow="fold")
    table.add_column(env.output.t("col.measures"), justify="right", overflow="fold")
    table.add_column(env.output.t("col.title"), overflow="fold")
    for spec in [*builtin_names(), *paths]:
        checklist = load_checklist_lenient(resolve_sources(spec, Path.cwd()))
        if checklist is None:
            continue
        notice = checklist.notice
        table.add_row(
            Text(spec),
            Text(notice.doc_number if notice else "—"),
            Text(str(len(checklist.sections))),
            Text(str(len(checklist.measures))),
            Text(notice.title if notice else "—"),
        )
    env.output.out.print(table)


def checklist_to_dict(checklist_name: str, checklist: Checklist, section_ids: list[str]) -> dict[str, object]:
    """The public JSON shape of `checklist show --format json` (PRODUCT.md §5)."""
    notice = checklist.notice
    return {
        "checklist": checklist_name,
        "notice": notice.to_dict() if notice else None,
        "sections": [
            {
                "id": entry.section.id,
                "number": entry.section.number,
                "title": entry.section.title,
                "measures": [m.to_dict() for m in entry.measures],
            }
            for entry in checklist.sections
            if entry.section.id in section_ids
        ],
    }


def run_checklist_show(env: Env, item: str | None, fmt: str, spec: str | None, workspace: Path | None) -> None:
    from .render import checklist_tables, measure_detail

    checklist = current_checklist(env, spec, workspace)
    sections = list(checklist.sections)
    if item is not None:
        entry = checklist.section(item)
        measure = checklist.measure(item)
        if entry is None and measure is None:
            raise UsageProblem("show_unknown", id=item)
        if measure is not None and entry is None:
            if fmt == "json":
                env.output.data(dump_json(measure.to_dict()))
            else:
                env.output.out.print(measure_detail(env.lang, checklist, measure))
            return
        assert entry is not None
        sections = [entry]
    if fmt == "json":
        data = checklist_to_dict(checklist.name, checklist, [s.section.id for s in sections])
        env.output.data(dump_json(data))
    else:
        env.output.out.print(checklist_tables(env.lang, checklist, sections))


def run_checklist_validate(env: Env, files: list[Path]) -> int:
    from ..checklist import YAML_SUFFIXES, _yaml_files

    paths: list[Path] = []
    for f in files:
        if f.is_dir() and not _yaml_files(f):
            raise UsageProblem("checklist_dir_empty", path=str(f))
        paths.extend(_yaml_files(f) if f.is_dir() else [f])
    problems = check_files(paths)
    if problems:
        return print_problems(env, FileProblems(problems))
    checklist = load_checklist_lenient(paths)
    for path in paths:
        count = 0
        if checklist is not None:
            count = sum(len(e.measures) for e in checklist.sections if e.file == str(path))
        if count or path.suffix not in YAML_SUFFIXES:
            env.output.say("checklist_valid", file=str(path), count=count)
        else:
            env.output.say("checklist_valid_notice", file=str(path))
    return EXIT_OK
