"""`fangkong check`: the duty officer's daily walk through what is due, one prompt per slot."""

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from ...duty import DutyItem, duty_items
from ...errors import FangkongError, UsageProblem
from ...evaluation import DUE, OVERDUE
from ...models import Status
from ...recording import Answer, evidence_from, record_answers
from ...workspace import Workspace
from .. import dates
from ..context import Env, env_of
from ..labels import frequency_label
from ..options import ByOpt, DateOpt, SectionOpt, WorkspaceOpt
from ..output import interactive
from ..prompts import ask
from .finding import tell_opened

CHOICES = {"": Status.DONE, "1": Status.DONE, "2": Status.PARTIAL, "3": Status.NOT_DONE, "4": Status.NA}


class _Quit(Exception):
    pass


def check(
    ctx: typer.Context,
    section: SectionOpt = None,
    all_slots: Annotated[bool, typer.Option("--all", help="check.all")] = False,
    date: DateOpt = None,
    by: ByOpt = None,
    workspace: WorkspaceOpt = None,
) -> None:
    env = env_of(ctx)
    ws = env.workspace(workspace)
    if section is not None and ws.checklist.section(section) is None:
        raise UsageProblem("unknown_section", id=section)
    today = dates.parse_date(date) if date else ws.today(dates.now())
    _walk(env, ws, duty_items(ws, today, section, all_slots), today, by)


def _walk(env: Env, workspace: Workspace, items: list[DutyItem], today: date, by: str | None) -> None:
    out = env.output
    if not items:
        out.say("check_nothing", date=today.isoformat())
        return
    if not interactive():
        raise UsageProblem("check_no_terminal")
    console = out.out
    overdue = sum(1 for i in items if i.slot.state == OVERDUE)
    console.print(Text(out.t("check_intro", date=today.isoformat(), count=len(items), overdue=overdue), style="bold"))
    saved = skipped = 0
    try:
        officer = (by or workspace.remembered_officer() or "").strip()
        if officer:
            console.print(Text(out.t("check_officer", name=officer), style="dim"))
        while not officer:
            officer = ask(out, out.t("check_ask_by"))
        current_section = None
        for index, item in enumerate(items, start=1):
            if item.measure.section.id != current_section:
                current_section = item.measure.section.id
                sec = item.measure.section
                console.rule(Text(f"{sec.number}、{sec.title}"), align="left")
            _show(env, item, index, len(items))
            answer = _ask(env, workspace, item, today)
            if answer is None:
                skipped += 1
                continue
            stored = record_answers(workspace, [answer], officer, dates.now(), Path.cwd(), env.settings.lock_timeout)
            saved += 1
            console.print(Text(out.t("check_saved"), style="green"))
            tell_opened(env, workspace, [r for r, _ in stored])
    except (KeyboardInterrupt, EOFError, _Quit) as exc:
        console.print()
        if isinstance(exc, _Quit):
            out.say("check_done", saved=saved, skipped=skipped + (len(items) - saved - skipped))
        else:
            out.say("check_interrupted", saved=saved)
        return
    out.say("check_done", saved=saved, skipped=skipped)


def _show(env: Env, item: DutyItem, index: int, total: int) -> None:
    out = env.output
    m = item.measure.measure
    slot = item.slot
    if slot.state == OVERDUE:
        tag = Text(f" {out.t('check_overdue_tag')} {slot.slot.key} ", style="bold white on red")
    elif slot.state == DUE:
        tag = Text(f" {out.t('check_due_tag')} {slot.slot.end.isoformat()} ", style="bold black on cyan")
    else:
        tag = Text(f" {out.t('check_answered_tag')}：{out.t('state.' + slot.state)} ", style="black on green")
    head = Text.assemble((f"[{index}/{total}] ", "dim"), (m.id, "bold"), " ", (m.title, "bold"), "  ", tag)
    head.append(f"  {frequency_label(env.lang, m)}", style="dim")
    out.out.print(head)
    sep = "：" if env.lang == "zh" else ": "
    out.out.print(Text(out.t("check_source") + sep + m.source, style="dim"), overflow="fold")
    out.out.print(Text(out.t("check_evidence") + sep + m.evidence), overflow="fold")
    if m.guidance:
        out.out.print(Text(out.t("check_guidance") + sep + m.guidance, style="italic"), overflow="fold")


def _ask(env: Env, workspace: Workspace, item: DutyItem, today: date) -> Answer | None:
    out = env.output
    console = out.out
    answered = item.slot.state not in (DUE, OVERDUE)
    # On a slot answered before (--all), Enter keeps that answer: a correction is typed.
    prompt = out.t("check_ask_keep", state=out.t(f"state.{item.slot.state}")) if answered else out.t("check_ask_status")
    while True:
        raw = ask(out, prompt).lower()
        if raw == "q":
            raise _Quit
        if raw == "s" or (raw == "" and answered):
            return None
        if raw in CHOICES:
            status = CHOICES[raw]
            break
        console.print(Text(out.t("check_bad_answer"), style="yellow"))
    reason = ""
    if status is Status.NA:
        while not reason:
            reason = ask(out, out.t("check_ask_reason"))
    note = ""
    evidence: tuple[str, ...] = ()
    while True:
        extra = ask(out, out.t("check_ask_note"))
        if not extra:
            break
        try:
            found = evidence_from(workspace, extra, Path.cwd())
        except FangkongError as exc:
            console.print(Text(out.t(exc.key, **exc.params), style="yellow"))
            continue
        if found.kind == "note":
            note = extra
        else:
            evidence = (extra,)
        break
    m = item.measure.measure
    return Answer(m.id, today, status, note, reason, evidence, slot_key=item.slot.slot.key)


def register(app: typer.Typer) -> None:
    app.command("check", help="check")(check)
