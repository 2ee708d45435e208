"""`fangkong mark`: record answers without prompts (scripts, back-filling)."""

from pathlib import Path
from typing import Annotated

import typer

from ...errors import UsageProblem
from ...models import Record
from ...recording import (
    Answer,
    answers_by_campaign,
    late_answers,
    parse_status,
    record_in_campaigns,
)
from ...schedule import Slot
from ...workspace import Workspace
from .. import dates
from ..context import env_of
from ..options import ByOpt, CampaignOpt, DateOpt, WorkspaceOpt


def mark(
    ctx: typer.Context,
    ids: Annotated[list[str], typer.Argument(help="mark.ids", show_default=False)],
    status: Annotated[str, typer.Option("--status", "-s", help="mark.status", show_default=False)],
    note: Annotated[str, typer.Option("--note", "-n", help="mark.note")] = "",
    reason: Annotated[str, typer.Option("--reason", help="mark.reason")] = "",
    evidence: Annotated[
        list[str] | None, typer.Option("--evidence", "-e", help="mark.evidence", show_default=False)
    ] = None,
    by: ByOpt = None,
    date: DateOpt = None,
    campaign: CampaignOpt = None,
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
    groups = answers_by_campaign(env.views(workspace, campaign, day), answers)
    stored = record_in_campaigns(groups, officer, now, Path.cwd(), env.settings.lock_timeout)
    several = len(ws.views()) > 1
    for view, pairs in _by_view(stored):
        for (record, _slot), late in zip(pairs, late_answers(view, pairs), strict=True):
            measure = view.checklist.measure(record.measure)
            line = env.output.t(
                "marked",
                id=f"{view.campaign_id}:{record.measure}" if several else record.measure,
                title=measure.title if measure else "",
                status=env.output.t(f"state.{record.status.value}"),
                slot=record.slot,
            )
            if late:
                line += env.output.t("marked_late")
            env.output.note(line)
        from ..findings_view import tell_opened

        tell_opened(env, view, [r for r, _ in pairs])


def _by_view(stored: list[tuple[Workspace, Record, Slot]]) -> list[tuple[Workspace, list[tuple[Record, Slot]]]]:
    groups: dict[int, tuple[Workspace, list[tuple[Record, Slot]]]] = {}
    for view, record, slot in stored:
        groups.setdefault(view.campaign_index, (view, []))[1].append((record, slot))
    return [groups[i] for i in sorted(groups)]


def register(app: typer.Typer) -> None:
    app.command("mark", help="mark")(mark)
