"""`fangkong finding`: the 整改台账 — list, show, open, update, submit, extend, reject, close."""

from pathlib import Path
from typing import Annotated, Any

import typer

from ...errors import UsageProblem
from ...findings import (
    Finding,
    FindingState,
    change_finding,
    find,
    lines_for,
    load_findings,
    open_finding,
)
from ...lights import add_workdays
from ...models import Evidence
from ...workspace import Workspace
from .. import dates
from ..context import Env, env_of
from ..options import ByOpt, DateOpt, ShowFormat, ShowFormatOpt, WorkspaceOpt

IdArg = Annotated[str, typer.Argument(help="finding.id", metavar="ID", show_default=False)]
EvidenceOpt = Annotated[list[str] | None, typer.Option("--evidence", "-e", help="finding.evidence", show_default=False)]
NoteOpt = Annotated[str, typer.Option("--note", "-n", help="finding.note")]
ReasonOpt = Annotated[str, typer.Option("--reason", help="finding.reason", show_default=False)]
RectOpt = Annotated[str, typer.Option("--rectification", "-r", help="finding.rectification")]
RespOpt = Annotated[str, typer.Option("--responsible", help="finding.responsible")]


def _officer(ws: Workspace, by: str | None) -> str:
    officer = (by or ws.remembered_officer() or "").strip()
    if not officer:
        raise UsageProblem("by_required")
    return officer


def _evidence(ws: Workspace, specs: list[str] | None) -> tuple[Evidence, ...]:
    from ...recording import evidence_from

    return tuple(evidence_from(ws, s, Path.cwd()) for s in specs or () if s.strip())


def _change(env: Env, ws: Workspace, finding_id: str, action: str, by: str | None, **fields: Any) -> Finding:
    """One step of a finding, recorded by this copy's writer under the workspace lock."""
    officer = _officer(ws, by)
    return change_finding(
        ws, ws.writer_id(), finding_id, action, officer, dates.now(), env.settings.lock_timeout, **fields
    )


def _said(env: Env, key: str, finding_id: str, state: FindingState) -> None:
    env.output.say(key, id=finding_id, state=env.output.t(f"finding.state.{state.value}"))


def list_findings(
    ctx: typer.Context,
    all_findings: Annotated[bool, typer.Option("--all", help="finding.all")] = False,
    fmt: ShowFormatOpt = ShowFormat.table,
    date: DateOpt = None,
    workspace: WorkspaceOpt = None,
) -> None:
    env = env_of(ctx)
    ws = env.workspace(workspace)
    today = dates.parse_date(date) if date else ws.today(dates.now())
    found = [f for f in load_findings(ws, today) if all_findings or f.is_open]
    lines = lines_for(ws, found, today)
    from ...writers import rectification as ledger

    if fmt is ShowFormat.json:
        from ...writers.shapes import dumps

        env.output.data(
            dumps(
                {
                    "as_of": today.isoformat(),
                    "findings": [ledger.finding_dict(x) for x in lines],
                    "summary": ledger.counts(lines),
                }
            )
        )
        return
    if not lines:
        env.output.say("ledger.empty")
        return
    from ..plain import grid

    # The columns that fit a terminal (`show` has the rest): id, measure, found, responsible,
    # deadline, state, light (overdue ones are counted below); what was found folds.
    pick = (0, 1, 3, 5, 6, 7, 8)
    headers = [ledger.headers(env.lang)[i] for i in pick]
    rows = []
    for x, row in zip(lines, ledger.rows(env.lang, lines), strict=True):
        light = env.output.t(f"light.{x.light.value}") if x.light else "—"
        rows.append([row[0], x.finding.measure, row[3], row[5], row[6], row[7], light])
    env.output.data("\n".join(grid(headers, rows, (), env.output.plain_width, wide=2)) + "\n")
    env.output.say("ledger.summary", **ledger.counts(lines))


def show(
    ctx: typer.Context,
    finding_id: IdArg,
    fmt: ShowFormatOpt = ShowFormat.table,
    date: DateOpt = None,
    workspace: WorkspaceOpt = None,
) -> None:
    env = env_of(ctx)
    ws = env.workspace(workspace)
    today = dates.parse_date(date) if date else ws.today(dates.now())
    line = lines_for(ws, [find(load_findings(ws, today), finding_id)], today)[0]
    from ...writers import rectification as ledger

    if fmt is ShowFormat.json:
        from ...writers.shapes import dumps

        env.output.data(dumps(ledger.finding_dict(line)))
        return
    from ..findings_view import finding_detail

    env.output.data(finding_detail(env.lang, line))


def open_(
    ctx: typer.Context,
    measure: Annotated[str, typer.Argument(help="finding.measure", show_default=False)],
    found: Annotated[str, typer.Option("--found", help="finding.found", show_default=False)],
    slot: Annotated[str, typer.Option("--slot", help="finding.slot")] = "",
    deadline: Annotated[str | None, typer.Option("--deadline", help="finding.deadline", show_default=False)] = None,
    responsible: RespOpt = "",
    rectification: RectOpt = "",
    by: ByOpt = None,
    workspace: WorkspaceOpt = None,
) -> None:
    env = env_of(ctx)
    ws = env.workspace(workspace)
    now = dates.now()
    day = dates.parse_date(deadline) if deadline else add_workdays(ws.today(now), ws.config.lights.deadline_workdays)
    f = open_finding(
        ws,
        ws.writer_id(),
        _officer(ws, by),
        now,
        env.settings.lock_timeout,
        measure=measure.strip(),
        slot=slot.strip(),
        found=found,
        responsible=responsible,
        deadline=day,
        rectification=rectification,
    )
    env.output.say("finding.opened", id=f.id, deadline=f.deadline.isoformat(), responsible=f.responsible)


def update(
    ctx: typer.Context,
    finding_id: IdArg,
    rectification: RectOpt = "",
    responsible: RespOpt = "",
    evidence: EvidenceOpt = None,
    note: NoteOpt = "",
    by: ByOpt = None,
    workspace: WorkspaceOpt = None,
) -> None:
    env = env_of(ctx)
    ws = env.workspace(workspace)
    if not (rectification.strip() or responsible.strip() or evidence or note.strip()):
        raise UsageProblem("finding_nothing_to_update")
    f = _change(
        env,
        ws,
        finding_id,
        "update",
        by,
        rectification=rectification,
        responsible=responsible,
        note=note,
        evidence=_evidence(ws, evidence),
    )
    _said(env, "finding.changed", f.id, f.state)


def submit(
    ctx: typer.Context,
    finding_id: IdArg,
    rectification: RectOpt = "",
    evidence: EvidenceOpt = None,
    note: NoteOpt = "",
    by: ByOpt = None,
    workspace: WorkspaceOpt = None,
) -> None:
    env = env_of(ctx)
    ws = env.workspace(workspace)
    f = _change(
        env,
        ws,
        finding_id,
        "submit",
        by,
        rectification=rectification,
        note=note,
        evidence=_evidence(ws, evidence),
    )
    _said(env, "finding.changed", f.id, f.state)


def extend(
    ctx: typer.Context,
    finding_id: IdArg,
    deadline: Annotated[str, typer.Option("--deadline", help="finding.new_deadline", show_default=False)],
    reason: ReasonOpt,
    by: ByOpt = None,
    workspace: WorkspaceOpt = None,
) -> None:
    env = env_of(ctx)
    ws = env.workspace(workspace)
    f = _change(
        env,
        ws,
        finding_id,
        "extend",
        by,
        deadline=dates.parse_date(deadline),
        reason=reason,
    )
    env.output.say("finding.extended", id=f.id, deadline=f.deadline.isoformat())


def reject(
    ctx: typer.Context, finding_id: IdArg, reason: ReasonOpt, by: ByOpt = None, workspace: WorkspaceOpt = None
) -> None:
    env = env_of(ctx)
    ws = env.workspace(workspace)
    f = _change(
        env,
        ws,
        finding_id,
        "reject",
        by,
        reason=reason,
    )
    _said(env, "finding.changed", f.id, f.state)


def close(
    ctx: typer.Context,
    finding_id: IdArg,
    evidence: EvidenceOpt = None,
    note: NoteOpt = "",
    by: ByOpt = None,
    workspace: WorkspaceOpt = None,
) -> None:
    env = env_of(ctx)
    ws = env.workspace(workspace)
    f = _change(
        env,
        ws,
        finding_id,
        "close",
        by,
        note=note,
        evidence=_evidence(ws, evidence),
    )
    _said(env, "finding.changed", f.id, f.state)


def register(root: typer.Typer) -> None:
    group = typer.Typer(help="finding", no_args_is_help=True)
    for name, function in (
        ("list", list_findings),
        ("show", show),
        ("open", open_),
        ("update", update),
        ("submit", submit),
        ("extend", extend),
        ("reject", reject),
        ("close", close),
    ):
        group.command(name, help=f"finding.{name}")(function)
    root.add_typer(group, name="finding", help="finding")
