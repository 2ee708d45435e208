"""`fangkong check`: the duty officer's daily walk through what is due, one prompt per slot;
`--list` prints the same duty list without asking (for scripts and cron mail)."""

import json
from datetime import date
from typing import Annotated

import typer

from ...duty import DutyItem, DutyMode, duty_items
from ...errors import UsageProblem
from ...evaluation import DUE, OVERDUE
from ...skips import load_skips
from ...workspace import Workspace
from .. import dates
from ..context import Env, env_of
from ..labels import frequency_label
from ..options import (
    ByOpt,
    CampaignOpt,
    DateOpt,
    SectionOpt,
    ShowFormat,
    ShowFormatOpt,
    WorkspaceOpt,
)
from ..output import interactive


def check(
    ctx: typer.Context,
    section: SectionOpt = None,
    all_due: Annotated[bool, typer.Option("--all-due", help="check.all_due")] = False,
    all_slots: Annotated[bool, typer.Option("--all", help="check.all")] = False,
    list_only: Annotated[bool, typer.Option("--list", help="check.list")] = False,
    fmt: ShowFormatOpt = ShowFormat.table,
    date: DateOpt = None,
    by: ByOpt = None,
    campaign: CampaignOpt = None,
    workspace: WorkspaceOpt = None,
) -> None:
    env = env_of(ctx)
    ws = env.workspace(workspace)
    today = dates.day(date, ws.today(dates.now()))
    views = env.views(workspace, campaign, today)
    if section is not None and not any(v.checklist.section(section) for v in views):
        raise UsageProblem("unknown_section", id=section)
    mode = DutyMode.ALL if all_slots else DutyMode.ALL_DUE if all_due else DutyMode.WALK
    skips = load_skips(ws.state_dir) if mode is DutyMode.WALK else {}
    items = [(v, i) for v in views for i in duty_items(v, today, section, mode, skips)]
    if list_only:
        _print_list(env, items, today, fmt)
    else:
        _walk(env, items, today, by)


def _print_list(env: Env, found: list[tuple[Workspace, DutyItem]], today: date, fmt: ShowFormat) -> None:
    items = [i for _, i in found]
    if fmt is ShowFormat.json:
        rows = [
            {
                "measure": i.measure.measure.id,
                "slot": i.slot.slot.key,
                "state": i.slot.state,
                "checklist": v.campaign_id,
            }
            for v, i in found
        ]
        env.output.data(json.dumps({"date": today.isoformat(), "items": rows}, ensure_ascii=False, indent=2) + "\n")
        return
    from ..plain import fold, grid

    width = env.output.width
    out = env.output
    lines = fold(out.t("check_list_head", date=today.isoformat(), count=len(items)), width)
    if items:
        headers = [out.t(k) for k in ("col.id", "col.measure", "col.slot", "col.state")]
        table = [
            [i.measure.measure.id, i.measure.measure.title, i.slot.slot.key, out.t(f"state.{i.slot.state}")]
            for i in items
        ]
        lines += grid(headers, table, (), width, wide=1)
    out.data("\n".join(lines) + "\n")


def _walk(env: Env, found: list[tuple[Workspace, DutyItem]], today: date, by: str | None) -> None:
    from ..answering import Outcome, answer_item

    out = env.output
    items = [i for _, i in found]
    if not found:
        out.say("check_nothing", date=today.isoformat())
        return
    if not interactive():
        raise UsageProblem("check_no_terminal")
    overdue = sum(1 for i in items if i.slot.state == OVERDUE)
    out.show(out.t("check_intro", date=today.isoformat(), count=len(items), overdue=overdue), "bold")
    saved = skipped = 0
    current_section = None
    index = 0
    try:
        officer = _officer(env, found[0][0], by)
        for index, (workspace, item) in enumerate(found, start=1):
            if item.measure.section.id != current_section:
                current_section = item.measure.section.id
                sec = item.measure.section
                out.rule(f"{sec.number}、{sec.title}")
            _show(env, item, index, len(items))
            outcome = answer_item(env, workspace, item, today, officer)
            if outcome is Outcome.QUIT:
                out.say("check_quit", saved=saved, left=len(items) - index + 1)
                return
            saved += outcome is Outcome.SAVED
            skipped += outcome is Outcome.SKIPPED
    except (KeyboardInterrupt, EOFError):
        out.show()
        if index:
            out.say("check_interrupted", saved=saved, id=items[index - 1].measure.measure.id)
        else:
            out.say("interrupted")
        return
    out.say("check_done", saved=saved, skipped=skipped)


def _officer(env: Env, workspace: Workspace, by: str | None) -> str:
    from ..prompts import ask

    out = env.output
    officer = (by or workspace.remembered_officer() or "").strip()
    if officer:
        out.show(out.t("check_officer", name=officer), "dim")
    while not officer:
        officer = ask(out, out.t("check_ask_by"))
    return officer


def _show(env: Env, item: DutyItem, index: int, total: int) -> None:
    """One slot as the officer sees it: number, measure, a coloured tag saying how it stands,
    its frequency; then the notice's words, the evidence asked for and the guidance."""
    out = env.output
    m = item.measure.measure
    slot = item.slot
    if slot.state == OVERDUE:
        tag = (f" {out.t('check_overdue_tag')} {slot.slot.key} ", "bold white on red")
    elif slot.state == DUE:
        tag = (f" {out.t('check_due_tag')} {slot.slot.end.isoformat()} ", "bold black on cyan")
    else:
        tag = (f" {out.t('check_answered_tag')}：{out.t('state.' + slot.state)} ", "black on green")
    frequency = (f"  {frequency_label(env.lang, m)}", "dim")
    out.show([(f"[{index}/{total}] ", "dim"), (m.id, "bold"), (" ", ""), (m.title, "bold"), ("  ", ""), tag, frequency])
    sep = "：" if env.lang == "zh" else ": "
    out.show(out.t("check_source") + sep + m.source, "dim")
    out.show(out.t("check_evidence") + sep + m.evidence)
    if m.guidance:
        out.show(out.t("check_guidance") + sep + m.guidance, "italic")


def register(app: typer.Typer) -> None:
    app.command("check", help="check")(check)
