"""`fangkong mark`: record answers without prompts (scripts, back-filling)."""

from pathlib import Path
from typing import Annotated

import typer

from ...errors import UsageProblem
from ...recording import Answer, late_answers, parse_status, record_answers
from .. import dates
from ..context import env_of
from ..findings_view import tell_opened
from ..options import ByOpt, DateOpt, WorkspaceOpt


def mark(
    ctx: typer.Context,
    ids: Annotated[list[str], typer.Argument(help="mark.ids", show_default=False)],
    status: Annotated[str, typer.Option("--status", "-s", help="mark.status", show_default=False)],
    note: Annotated[str, typer.Option("--note", "-n", help="mark.note")] = "",
    reason: Annotated[str, typer.Option("--reason", help="mark.reason")] = "",
    evidence: Annotated[list[str] | None, typer.Option("--evidence", "-e", help="mark.evidence", show_default=False)] = None,
    by: ByOpt = None,
    date: DateOpt = None,
    workspace: WorkspaceOpt = None,
) -> None:
    env = env_of(ctx)
    ws = env.workspace(workspace)
    now = dates.now()
    day = dates.day(date, ws.today(now))
    state = parse_status(status)
    officer = (by or ws.remembered_officer() or "").strip()
    if not officer:
        raise UsageProblem("by_required")
    unique_ids = list(dict.fromkeys(ids))  # `mark 2.10 2.10` records once
    answers = [Answer(i, day, state, note, reason, tuple(evidence or ())) for i in unique_ids]
    stored = record_answers(ws, answers, officer, now, Path.cwd(), env.settings.lock_timeout)
    out = env.output
    for (record, _slot), late in zip(stored, late_answers(ws, stored), strict=True):
        measure = ws.checklist.measure(record.measure)
        line = out.t(
            "marked",
            id=record.measure,
            title=measure.title if measure else "",
            status=out.t(f"state.{record.status.value}"),
            slot=record.slot,
        )
        if late:
            line += out.t("marked_late")
        out.err.print(line, markup=False, highlight=False)
    tell_opened(env, ws, [r for r, _ in stored])


def register(app: typer.Typer) -> None:
    app.command("mark", help="mark")(mark)
