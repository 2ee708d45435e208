"""Setting up a workspace: a unit, a checklist and a campaign checked, then written."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple
from zoneinfo import ZoneInfo

from .campaigns import EndAdvice, advised_end
from .checklist import checklist_spec_for
from .fileio import option_problem
from .workspace import Workspace, create_workspace

if TYPE_CHECKING:
    pass


class WorkspaceRequest(NamedTuple):
    root: Path
    unit_id: str
    unit_name: str
    start: date | None  # None: today in the workspace's time zone
    end: date | None
    checklist: str  # a built-in name, or a path as the user typed it
    timezone: str


class Created(NamedTuple):
    workspace: Workspace
    advice: EndAdvice  # what the notice's own period said about the campaign's end


def new_workspace(request: WorkspaceRequest, now: datetime, cwd: Path) -> Created:
    """Validate the request like fangkong.toml itself would be, then create the workspace.

    A notice that states its period ends the campaign there (or, for a campaign started
    outside it, as long after the start as the period lasted) unless the unit gives an end:
    nothing runs forever by accident."""
    from pydantic import ValidationError

    from .schemas import CampaignModel, UnitModel, WorkspaceConfigModel

    try:
        unit = UnitModel(id=request.unit_id, name=request.unit_name)
    except ValidationError as exc:
        raise option_problem(exc, key="bad_option", option_of={"id": "--unit-id", "name": "--unit-name"}) from exc
    try:
        CampaignModel(timezone=request.timezone, start=now.date())
    except ValidationError as exc:
        raise option_problem(exc, key="bad_option", option_of={"timezone": "--timezone"}) from exc
    today = now.astimezone(ZoneInfo(request.timezone)).date()
    checklist = checklist_spec_for(request.checklist, request.root, cwd)
    start = request.start or today
    try:
        campaign = CampaignModel(checklist=checklist, start=start, end=request.end, timezone=request.timezone)
    except ValidationError as exc:
        raise option_problem(
            exc, key="bad_option", option_of={"end": "--end", "timezone": "--timezone", "checklist": "--checklist"}
        ) from exc
    config = WorkspaceConfigModel(unit=unit, campaign=campaign).to_domain()
    advice = advised_end(Workspace(request.root, config).checklist.notice, start)
    if request.end is None and advice.end is not None:
        config = config._replace(campaign=config.campaign._replace(end=advice.end))
    return Created(create_workspace(request.root, config), advice)
