"""A fast check of a plain fangkong.toml, without pydantic.

Importing pydantic and building the models of schemas.py takes longer than everything else
the first `status` after a clone does. A fangkong.toml as `init` writes it ([unit],
[campaign], [signoff], [lights]; no tailoring or added campaigns) is checked here with the
same rules as `schemas.WorkspaceConfigModel`. Like records_fast, this only ever says "this
configuration" or "not sure" (None): anything else goes through pydantic, which says what is
wrong and on which line.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from .limits import CONTROL, ID_PATTERN, year_in_range
from .models import (
    BUILTIN,
    CONFIG_FORMAT,
    DEFAULT_TIMEZONE,
    CampaignConfig,
    LightRules,
    SignOff,
    UnitConfig,
    WorkspaceConfig,
    is_safe_unit_id,
)

_ID = re.compile(ID_PATTERN)
_TOP = frozenset({"format", "unit", "campaign", "signoff", "lights", "tailoring", "campaigns"})


class _Unsure(Exception):
    pass


def _table(value: Any, keys: frozenset[str] | set[str]) -> dict[str, Any]:
    if type(value) is not dict or not value.keys() <= keys:
        raise _Unsure
    return value


def _line(value: Any, low: int, high: int) -> str:
    """A one-line text without control characters, `low` to `high` characters long."""
    if (
        type(value) is not str
        or not low <= len(value) <= high
        or CONTROL.search(value)
        or "\n" in value
        or "\t" in value
    ):
        raise _Unsure
    return value


def _day(value: Any) -> date:
    if type(value) is not date or not year_in_range(value):
        raise _Unsure
    return value


def _int(value: Any, high: int) -> int:
    if type(value) is not int or not 0 <= value <= high:
        raise _Unsure
    return value


def _campaign(table: Any) -> CampaignConfig:
    c = _table(table, {"id", "checklist", "extra", "start", "end", "timezone"})
    cid = c.get("id", "")
    if "id" in c and (type(cid) is not str or not 1 <= len(cid) <= 32 or "\n" in cid or not _ID.match(cid)):
        raise _Unsure
    checklist, extra, zone = c.get("checklist", BUILTIN), c.get("extra", []), c.get("timezone", DEFAULT_TIMEZONE)
    if type(checklist) is not str or not checklist or type(extra) is not list or any(type(e) is not str for e in extra):
        raise _Unsure
    start = _day(c.get("start"))
    end = _day(c["end"]) if "end" in c else None
    if end is not None and end < start or type(zone) is not str:
        raise _Unsure
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(zone)
    except Exception as exc:  # noqa: BLE001 - any doubt: pydantic decides and says why
        raise _Unsure from exc
    return CampaignConfig(checklist, tuple(extra), start, end, zone, cid)


def fast_config(raw: dict[str, Any]) -> WorkspaceConfig | None:
    """`raw` (fangkong.toml as parsed) as a configuration when it is certainly valid, else None."""
    try:
        top = _table(raw, _TOP)
        if top.get("tailoring", []) != [] or top.get("campaigns", []) != []:
            raise _Unsure  # lists of tables: left to pydantic
        version = top.get("format", CONFIG_FORMAT)
        if type(version) is not int:
            raise _Unsure
        unit = _table(top.get("unit"), {"id", "name"})
        uid = unit.get("id")
        if type(uid) is not str or not is_safe_unit_id(uid):
            raise _Unsure
        name = _line(unit.get("name"), 1, 80)
        if not name.strip():
            raise _Unsure
        sign = _table(top.get("signoff", {}), {"preparer", "phone", "reviewer"})
        lights = _table(top.get("lights", {}), {"yellow_workdays", "deadline_workdays"})
        default = LightRules()
        return WorkspaceConfig(
            format=version,
            unit=UnitConfig(uid, name),
            campaign=_campaign(top.get("campaign")),
            signoff=SignOff(*(_line(sign.get(k, ""), 0, 40) for k in ("preparer", "phone", "reviewer"))),
            tailoring=(),
            campaigns=(),
            lights=LightRules(
                _int(lights.get("yellow_workdays", default.yellow_workdays), 60),
                _int(lights.get("deadline_workdays", default.deadline_workdays), 250),
            ),
        )
    except _Unsure:
        return None
