"""The plain values of fangkong: a checklist's notice, sections and measures, a record, a
workspace's configuration. The bottom layer: it imports nothing else of fangkong.

These are named tuples, not pydantic models: defining a pydantic model costs about a tenth
of a second at start-up (a dataclass about a millisecond, a named tuple a sixth of that), and
`fangkong status` reads validated data from the derived cache without needing pydantic at all.
Validation lives in `schemas.py`, at the boundary; loading and saving in `checklist.py`,
`records.py` and `workspace.py`.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from enum import StrEnum
from typing import Any, NamedTuple

BUILTIN = "qzbt-2021-4"  # the checklist a workspace follows unless told otherwise
DEFAULT_TIMEZONE = "Asia/Shanghai"
CONFIG_FORMAT = 1  # the `format` of fangkong.toml this version writes and reads


class Frequency(StrEnum):
    ONCE = "once"
    DAILY = "daily"
    WORKDAY = "workday"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"
    WINDOW = "window"
    AS_NEEDED = "as_needed"


def plain(value: Any) -> Any:
    """A JSON- and marshal-friendly copy: dates as ISO text, enums as their value, no Nones."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value


def _fields(obj: Any) -> dict[str, Any]:
    return dict(obj._asdict())


class Measure(NamedTuple):
    """One concrete thing the notice asks a unit to do."""

    id: str
    title: str
    source: str
    frequency: Frequency
    evidence: str
    role: str | None = None
    guidance: str | None = None
    due: date | None = None  # once: the last day, absolute
    start: date | None = None  # any frequency: not due before this day
    end: date | None = None  # any frequency: not due after this day
    from_day: int | None = None  # not due before the campaign's day N (day 1 is its start)
    to_day: int | None = None  # not due after the campaign's day N

    def to_dict(self) -> dict[str, Any]:
        return plain(_fields(self))  # type: ignore[no-any-return]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Measure:
        """From `to_dict` output (trusted: the derived cache)."""
        values = dict(data)
        values["frequency"] = Frequency(values["frequency"])
        for key in ("due", "start", "end"):
            if values.get(key) is not None:
                values[key] = date.fromisoformat(values[key])
        return cls(**values)


class Section(NamedTuple):
    id: str
    number: str
    title: str
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return plain(_fields(self))  # type: ignore[no-any-return]


class Reporting(NamedTuple):
    to: str
    source: str


class NoticePeriod(NamedTuple):
    """The period a notice itself says it covers (e.g. a winter and spring)."""

    start: date
    end: date
    name: str = ""


class Notice(NamedTuple):
    """The notice's own metadata."""

    id: str
    title: str
    doc_number: str
    issuer: str
    addressees: tuple[str, ...] = ()
    preamble: str | None = None
    reporting: Reporting | None = None
    period: NoticePeriod | None = None

    def to_dict(self) -> dict[str, Any]:
        data = _fields(self)
        data["reporting"] = _fields(self.reporting) if self.reporting is not None else None
        data["period"] = _fields(self.period) if self.period is not None else None
        return plain(data)  # type: ignore[no-any-return]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Notice:
        values = dict(data)
        values["addressees"] = tuple(values.get("addressees", ()))
        if values.get("reporting") is not None:
            values["reporting"] = Reporting(**values["reporting"])
        if values.get("period") is not None:
            p = values["period"]
            values["period"] = NoticePeriod(
                date.fromisoformat(p["start"]), date.fromisoformat(p["end"]), p.get("name", "")
            )
        return cls(**values)


# --- records ---------------------------------------------------------------------------------


class Status(StrEnum):
    DONE = "done"
    PARTIAL = "partial"
    NOT_DONE = "not_done"
    NA = "na"
    WITHDRAWN = "withdrawn"  # `fangkong undo`: the slot's answer is withdrawn, it is unanswered again


class Evidence(NamedTuple):
    kind: str  # note, url or file
    value: str
    sha256: str | None = None

    def to_dict(self) -> dict[str, str]:
        data = {"kind": self.kind, "value": self.value}
        if self.sha256 is not None:
            data["sha256"] = self.sha256
        return data


class Record(NamedTuple):
    """One answer. Records are never changed: a correction is a newer record for the same slot.

    Build one from outside data with `schemas.RecordModel(...).to_domain()`, which validates.
    """

    measure: str
    slot: str
    status: Status
    by: str
    at: datetime
    note: str = ""
    reason: str = ""
    evidence: tuple[Evidence, ...] = ()
    hash: str = ""  # chains the record to its writer's previous one (records.chain_hash)

    def to_toml_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "measure": self.measure,
            "slot": self.slot,
            "status": self.status.value,
            "by": self.by,
            "at": self.at,
        }
        if self.note:
            data["note"] = self.note
        if self.reason:
            data["reason"] = self.reason
        if self.evidence:
            data["evidence"] = [e.to_dict() for e in self.evidence]
        if self.hash:
            data["hash"] = self.hash
        return data

    def to_json_dict(self) -> dict[str, Any]:
        data = self.to_toml_dict()
        data["at"] = self.at.isoformat()
        return data


# --- the workspace's configuration (fangkong.toml) ------------------------------------------

_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
_UNIT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")


def is_safe_unit_id(value: str) -> bool:
    """Unit ids name files and folders: short, plain, and never a path or a device name."""
    return bool(_UNIT_ID.fullmatch(value)) and value.lower() not in _WINDOWS_RESERVED


class UnitConfig(NamedTuple):
    id: str
    name: str


class CampaignConfig(NamedTuple):
    """One notice a unit follows, from a start to an optional end. The first campaign of
    fangkong.toml is `[campaign]`; notices added later are `[[campaigns]]`."""

    checklist: str
    extra: tuple[str, ...]
    start: date
    end: date | None
    timezone: str
    id: str = ""  # empty: the checklist's name (see campaign_id)


def campaign_id(config: CampaignConfig) -> str:
    """The id a campaign goes by: its own, else the checklist's name (a file's stem)."""
    if config.id:
        return config.id
    name = config.checklist.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    for suffix in (".yaml", ".yml"):
        name = name.removesuffix(suffix)
    cleaned = re.sub(r"[^0-9A-Za-z_-]+", "-", name).strip("-")
    return cleaned[:32] or "main"


class Tailoring(NamedTuple):
    """A measure the unit does not do for the campaign (or until a date), with the reason."""

    measure: str
    reason: str
    until: date | None = None


class SignOff(NamedTuple):
    preparer: str = ""
    phone: str = ""
    reviewer: str = ""


class LightRules(NamedTuple):
    """`[lights]` in fangkong.toml: a deadline turns yellow this many working days before it
    passes (red after); a finding opened from an answer gets `deadline_workdays` to be rectified."""

    yellow_workdays: int = 3
    deadline_workdays: int = 5


class WorkspaceConfig(NamedTuple):
    """fangkong.toml, validated (see schemas.WorkspaceConfigModel)."""

    unit: UnitConfig
    campaign: CampaignConfig
    signoff: SignOff = SignOff()
    tailoring: tuple[Tailoring, ...] = ()
    format: int = CONFIG_FORMAT
    lights: LightRules = LightRules()
    campaigns: tuple[CampaignConfig, ...] = ()  # notices added after the first

    @property
    def all_campaigns(self) -> tuple[CampaignConfig, ...]:
        return (self.campaign, *self.campaigns)
