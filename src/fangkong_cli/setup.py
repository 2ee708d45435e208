"""Setting up a workspace: a unit, a checklist and a campaign checked, then written."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple
from zoneinfo import ZoneInfo

from .checklist import builtin_names, resolve_sources
from .errors import Problem, UsageProblem
from .workspace import Workspace, create_workspace

if TYPE_CHECKING:
    from pydantic import ValidationError


class WorkspaceRequest(NamedTuple):
    root: Path
    unit_id: str
    unit_name: str
    start: date | None  # None: today in the workspace's time zone
    end: date | None
    checklist: str  # a built-in name, or a path as the user typed it
    timezone: str


def _option_problem(exc: ValidationError, option_of: dict[str, str]) -> UsageProblem:
    err = exc.errors(include_url=False)[0]
    field = str(err["loc"][0]) if err["loc"] else ""
    ctx = {k: str(v) for k, v in (err.get("ctx") or {}).items()}
    detail = Problem("", None, "invalid_detail", {"type": err["type"], "detail": err["msg"], "ctx": ctx})
    return UsageProblem("bad_option", option=option_of.get(field, field), value=str(err.get("input", "")), text=detail)


def _checklist_spec(spec: str, root: Path, cwd: Path) -> str:
    """A path is typed relative to where the user stands; the workspace keeps it relative to
    itself, so the folder can move (or be cloned elsewhere) with its checklist."""
    if spec in builtin_names():
        return spec
    given = Path(spec) if Path(spec).is_absolute() else cwd / spec
    resolve_sources(str(given))  # a clear error now if it does not exist
    try:
        return Path(os.path.relpath(given.resolve(), root.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return str(given.resolve())


def new_workspace(request: WorkspaceRequest, now: datetime, cwd: Path) -> Workspace:
    """Validate the request like fangkong.toml itself would be, then create the workspace."""
    from pydantic import ValidationError

    from .schemas import CampaignModel, UnitModel, WorkspaceConfigModel

    try:
        unit = UnitModel(id=request.unit_id, name=request.unit_name)
    except ValidationError as exc:
        raise _option_problem(exc, {"id": "--unit-id", "name": "--unit-name"}) from exc
    try:
        CampaignModel(timezone=request.timezone, start=now.date())
    except ValidationError as exc:
        raise _option_problem(exc, {"timezone": "--timezone"}) from exc
    today = now.astimezone(ZoneInfo(request.timezone)).date()
    checklist = _checklist_spec(request.checklist, request.root, cwd)
    try:
        campaign = CampaignModel(
            checklist=checklist,
            start=request.start or today,
            end=request.end,
            timezone=request.timezone,
        )
    except ValidationError as exc:
        raise _option_problem(exc, {"end": "--end", "timezone": "--timezone", "checklist": "--checklist"}) from exc
    return create_workspace(request.root, WorkspaceConfigModel(unit=unit, campaign=campaign).to_domain())
