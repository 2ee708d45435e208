"""The domain of a checklist: the notice, its sections and their measures, as plain values.

These are named tuples, not pydantic models: defining a pydantic model costs about a tenth
of a second at start-up (a dataclass about a millisecond, a named tuple a sixth of that), and `fangkong status` reads validated data from the derived
cache without needing pydantic at all. Validation lives in `schemas.py`, at the boundary.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any, NamedTuple


class Frequency(StrEnum):
    ONCE = "once"
    DAILY = "daily"
    WORKDAY = "workday"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
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
    due: date | None = None
    start: date | None = None
    end: date | None = None

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


class Notice(NamedTuple):
    """The notice's own metadata."""

    id: str
    title: str
    doc_number: str
    issuer: str
    addressees: tuple[str, ...] = ()
    preamble: str | None = None
    reporting: Reporting | None = None

    def to_dict(self) -> dict[str, Any]:
        data = _fields(self)
        data["reporting"] = _fields(self.reporting) if self.reporting is not None else None
        return plain(data)  # type: ignore[no-any-return]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Notice:
        values = dict(data)
        values["addressees"] = tuple(values.get("addressees", ()))
        if values.get("reporting") is not None:
            values["reporting"] = Reporting(**values["reporting"])
        return cls(**values)
