"""Several notices in one workspace: which campaigns run on a day, naming a measure among
them, adding and ending a campaign, and the end a notice's own period suggests."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import NamedTuple

from .checklist import checklist_spec_for
from .errors import DataProblem, UsageProblem
from .fsutil import atomic_write, workspace_lock
from .models import CampaignConfig, Measure, Notice, campaign_id
from .workspace import Workspace, open_workspace, parse_config


def is_running(view: Workspace, day: date) -> bool:
    c = view.campaign_config
    return c.start <= day and (c.end is None or day <= c.end)


def chosen_views(workspace: Workspace, wanted: str | None, day: date) -> list[Workspace]:
    """The campaigns a command covers: `wanted` alone, else those running on `day` (all of
    them when none is running, so a finished campaign can still be looked at)."""
    views = workspace.views()
    if wanted is not None:
        found = [v for v in views if v.campaign_id == wanted]
        if not found:
            raise UsageProblem("unknown_campaign", id=wanted, known="、".join(v.campaign_id for v in views))
        return found
    if len(views) == 1:
        return views
    return [v for v in views if is_running(v, day)] or views


def resolve_measure(views: list[Workspace], spec: str) -> tuple[Workspace, Measure]:
    """The campaign and measure `spec` names: `ID`, or `CAMPAIGN:ID` when two running
    checklists share an id (a bare ambiguous id is refused, listing the choices)."""
    prefix, _, bare = spec.rpartition(":")
    candidates = [v for v in views if not prefix or v.campaign_id == prefix]
    found = [(v, m) for v in candidates if (m := v.checklist.measure(bare)) is not None]
    if not found:
        raise UsageProblem("unknown_measure", id=spec)
    if len(found) > 1:
        choices = "、".join(f"{v.campaign_id}:{bare}" for v, _ in found)
        raise UsageProblem("ambiguous_measure", id=spec, choices=choices)
    return found[0]


# --- the period a notice covers ----------------------------------------------------------------


class EndAdvice(NamedTuple):
    end: date | None  # the end the campaign takes when the unit gives none
    outside: bool  # the campaign starts outside the notice's own period


def advised_end(notice: Notice | None, start: date) -> EndAdvice:
    """A notice that states its period ends a campaign inside it at the period's end; a
    campaign started outside it runs as long as the period did, counted from its start."""
    if notice is None or notice.period is None:
        return EndAdvice(None, False)
    period = notice.period
    if period.start <= start <= period.end:
        return EndAdvice(period.end, False)
    return EndAdvice(start + (period.end - period.start), True)


# --- adding and ending campaigns ----------------------------------------------------------------


class NewCampaign(NamedTuple):
    id: str
    checklist: str
    start: date
    end: date | None
    advice: EndAdvice
    notice: Notice | None


def _toml_date(value: date) -> str:
    return value.isoformat()


def _rewrite_config(workspace: Workspace, new_text: str, lock_timeout: float) -> Workspace:
    """Replace fangkong.toml with `new_text` after checking that it reads back, under the lock."""
    path = workspace.config_path
    parse_config(new_text, str(path))  # never write what would not read back
    with workspace_lock(workspace.root, lock_timeout):
        atomic_write(path, new_text.encode("utf-8"))
    return open_workspace(workspace.root)


def _config_text(workspace: Workspace) -> str:
    try:
        return workspace.config_path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataProblem("write_failed", path=str(workspace.config_path), reason=str(exc)) from exc


def plan_campaign(
    workspace: Workspace, checklist_spec: str, start: date, end: date | None, wanted_id: str | None, cwd: Path
) -> NewCampaign:
    """Check a notice to add: its checklist loads, its id is free, its end is decided."""
    spec = checklist_spec_for(checklist_spec, workspace.root, cwd)
    config = CampaignConfig(spec, (), start, end, workspace.config.campaign.timezone, wanted_id or "")
    new_id = campaign_id(config)
    if not re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z_-]{0,31}", new_id):
        raise UsageProblem("bad_campaign_id", id=new_id)
    if new_id in {v.campaign_id for v in workspace.views()}:
        raise UsageProblem("campaign_exists", id=new_id)
    probe = Workspace(
        workspace.root, workspace.config._replace(campaigns=(*workspace.config.campaigns, config._replace(id=new_id)))
    )
    notice = probe.views()[-1].checklist.notice  # a clear error now if the checklist is bad
    advice = advised_end(notice, start)
    if end is not None and end < start:
        raise UsageProblem("period_order")
    return NewCampaign(new_id, spec, start, end if end is not None else advice.end, advice, notice)


def add_campaign(workspace: Workspace, plan: NewCampaign, lock_timeout: float) -> Workspace:
    """Append the campaign to fangkong.toml as a [[campaigns]] table; nothing else changes."""
    import tomli_w

    table: dict[str, object] = {"id": plan.id, "checklist": plan.checklist, "start": plan.start}
    if plan.end is not None:
        table["end"] = plan.end
    text = _config_text(workspace)
    # One `key = value` line each: tomli-w may write a short array of tables inline, which
    # would land inside whatever table ends the file.
    block = "[[campaigns]]\n" + "".join(tomli_w.dumps({k: v}) for k, v in table.items())
    new_text = text + ("" if text.endswith("\n") else "\n") + "\n" + block
    return _rewrite_config(workspace, new_text, lock_timeout)


def end_campaign(workspace: Workspace, wanted: str, day: date, lock_timeout: float) -> Workspace:
    """Set the campaign's end to `day` in fangkong.toml, changing only that one line."""
    view = chosen_views(workspace, wanted, day)[0]
    if day < view.campaign_config.start:
        raise UsageProblem("campaign_end_before_start", id=wanted, start=view.campaign_config.start.isoformat())
    text = _config_text(workspace)
    lines = text.splitlines(keepends=True)
    first, last = _table_span(lines, view.campaign_index)
    end_line = f"end = {_toml_date(day)}\n"
    for i in range(first, last):
        if re.match(r"^\s*end\s*=", lines[i]):
            lines[i] = end_line
            break
    else:
        after = next((i for i in range(first, last) if re.match(r"^\s*start\s*=", lines[i])), first)
        lines.insert(after + 1, end_line)
    updated = _rewrite_config(workspace, "".join(lines), lock_timeout)
    if updated.view(view.campaign_index).campaign_config.end != day:  # pragma: no cover - checked by the parse
        raise DataProblem("write_failed", path=str(workspace.config_path), reason="end not set")
    return updated


def _table_span(lines: list[str], index: int) -> tuple[int, int]:
    """Lines of the campaign's table: [campaign] for the first, the index-th [[campaigns]] else."""
    heads = [i for i, line in enumerate(lines) if re.match(r"^\s*\[", line)]
    if index == 0:
        wanted = [i for i in heads if re.match(r"^\s*\[campaign\]", lines[i])]
    else:
        wanted = [i for i in heads if re.match(r"^\s*\[\[campaigns\]\]", lines[i])][index - 1 : index]
    if not wanted:
        raise DataProblem("campaign_table_missing", path="fangkong.toml")
    start = wanted[0] + 1
    end = next((i for i in heads if i > wanted[0]), len(lines))
    return start, end
