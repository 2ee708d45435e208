"""One answer in `fangkong check`: an explicit result key, the reason, note and evidence each
asked on its own, the answer shown and confirmed, then saved. Bad input is asked again."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path

from ..duty import DutyItem
from ..errors import FangkongError
from ..evaluation import DUE, OVERDUE
from ..models import Status
from ..recording import STATUS_WORDS, Answer, build_record, evidence_from, record_answers
from ..skips import remember_skip
from ..workspace import Workspace
from . import dates
from .context import Env
from .output import Output
from .prompts import ask, key

CHOICES = {"1": Status.DONE, "2": Status.PARTIAL, "3": Status.NOT_DONE, "4": Status.NA}


class Outcome(Enum):
    SAVED = "saved"
    SKIPPED = "skipped"
    KEPT = "kept"  # an answered slot (--all) left as it was
    QUIT = "quit"


class _Quit(Exception):
    pass


def answer_item(env: Env, workspace: Workspace, item: DutyItem, today: date, officer: str) -> Outcome:
    """Ask for one slot until it is saved, skipped or the officer quits. Ctrl-C propagates:
    whatever was typed for this slot is discarded, earlier slots are already saved."""
    out = env.output
    try:
        while True:
            status = _ask_status(env, item)
            if status is None:
                return Outcome.KEPT
            if not isinstance(status, Status):  # "skip"
                remember_skip(workspace.state_dir, item.measure.measure.id, item.slot.slot.key, today)
                out.show(out.t("check_skipped"), "dim")
                return Outcome.SKIPPED
            answer = _details(env, workspace, item, today, status)
            try:
                build_record(workspace, answer, officer, dates.now(), Path.cwd())
            except FangkongError as exc:
                out.show(_said(out, exc), "yellow")
                continue
            choice = _confirm(env, item, answer)
            if choice == "again":
                continue
            if choice == "skip":
                remember_skip(workspace.state_dir, item.measure.measure.id, item.slot.slot.key, today)
                return Outcome.SKIPPED
            stored = record_answers(workspace, [answer], officer, dates.now(), Path.cwd(), env.settings.lock_timeout)
            out.show(out.t("check_saved"), "green")
            from .findings_view import tell_opened

            tell_opened(env, workspace, [r for r, _ in stored])
            return Outcome.SAVED
    except _Quit:
        return Outcome.QUIT


def _ask_status(env: Env, item: DutyItem) -> Status | str | None:
    out = env.output
    answered = item.slot.state not in (DUE, OVERDUE)
    # On a slot answered before (--all), Enter keeps that answer: a correction is typed.
    prompt = out.t("check_ask_keep", state=out.t(f"state.{item.slot.state}")) if answered else out.t("check_ask_status")
    while True:
        raw = key(ask(out, prompt))
        if raw == "q":
            raise _Quit
        if raw == "s":
            return "skip"
        if raw == "" and answered:
            return None
        if raw in CHOICES:
            return CHOICES[raw]
        if raw in STATUS_WORDS:
            return STATUS_WORDS[raw]
        out.show(out.t("check_bad_answer"), "yellow")


def _text(env: Env, question: str) -> str:
    """A free answer; `q` alone quits (discarding this slot's answer)."""
    value = ask(env.output, question)
    if key(value) == "q":
        raise _Quit
    return value


def _details(env: Env, workspace: Workspace, item: DutyItem, today: date, status: Status) -> Answer:
    out = env.output
    reason = ""
    while status is Status.NA and not reason:
        reason = _text(env, out.t("check_ask_reason"))
    note = _text(env, out.t("check_ask_note"))
    evidence: tuple[str, ...] = ()
    while True:
        spec = _text(env, out.t("check_ask_evidence"))
        if not spec:
            break
        try:
            evidence_from(workspace, spec, Path.cwd())
        except FangkongError as exc:
            out.show(_said(out, exc), "yellow")
            continue
        evidence = (spec,)
        break
    m = item.measure.measure
    return Answer(m.id, today, status, note, reason, evidence, slot_key=item.slot.slot.key)


def _confirm(env: Env, item: DutyItem, answer: Answer) -> str:
    """Show the answer as it will be saved; Enter or y saves, n asks again, s skips."""
    out = env.output
    sep = "：" if env.lang == "zh" else ": "
    parts = [f"{answer.measure_id} {item.slot.slot.key} {out.t('state.' + answer.status.value)}"]
    for label, value in (
        ("check_reason", answer.reason),
        ("check_note", answer.note),
        ("check_evidence", ", ".join(answer.evidence)),
    ):
        if value.strip():
            parts.append(out.t(label) + sep + value.strip())
    joined = "；".join(parts) if env.lang == "zh" else "; ".join(parts)
    out.show(out.t("check_will_save") + joined, "bold")
    while True:
        raw = key(ask(out, out.t("check_ask_confirm")))
        if raw in ("", "y", "是"):
            return "save"
        if raw in ("n", "否"):
            return "again"
        if raw == "s":
            return "skip"
        if raw == "q":
            raise _Quit
        out.show(out.t("check_bad_confirm"), "yellow")


def _said(out: Output, exc: FangkongError) -> str:
    """A refused answer as the officer knows its parts (备注, 理由), not by an option's name."""
    field = exc.params.get("field")
    if exc.key == "text_invalid" and field in ("note", "reason", "by", "evidence"):
        return out.t(f"text_invalid_{field}", **exc.params)
    return out.t(exc.key, **exc.params)
