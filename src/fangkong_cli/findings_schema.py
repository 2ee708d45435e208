"""Validation of the findings event files (pydantic, imported only when a file is parsed)."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, TypeAdapter, model_validator
from pydantic_core import PydanticCustomError

from .findings_fields import FIELD_ORDER
from .models import Evidence
from .schemas import ID_PATTERN, EvidenceModel

FINDING_ID = r"^F-\d{8}-[0-9a-f]{6}$"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _no_control(value: str) -> str:
    if _CONTROL.search(value):
        raise PydanticCustomError("fk_control_chars", "control characters are not allowed")
    return value


Text = Annotated[str, Field(max_length=4000), AfterValidator(_no_control)]
Name = Annotated[str, Field(max_length=64), AfterValidator(_no_control)]


class EventModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    finding: Annotated[str, Field(pattern=FINDING_ID)]
    action: Literal["open", "update", "submit", "extend", "reject", "close"]
    by: Annotated[Name, Field(min_length=1)]
    at: datetime
    measure: Annotated[str, Field(min_length=1, max_length=32, pattern=ID_PATTERN)] | None = None
    slot: Annotated[str, Field(max_length=32, pattern=r"^[0-9A-Za-z-]*$")] | None = None
    shortfall: Literal["partial", "not_done"] | None = None
    found: Text | None = None
    rectification: Text | None = None
    responsible: Name | None = None
    deadline: date | None = None
    reason: Text | None = None
    note: Text | None = None
    evidence: tuple[EvidenceModel, ...] = ()
    hash: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = None  # the writer's chain

    @model_validator(mode="after")
    def _checks(self) -> EventModel:
        if self.at.tzinfo is None:
            raise PydanticCustomError("fk_naive_time", "the time needs an offset")
        if self.action == "open" and (self.measure is None or self.deadline is None):
            raise PydanticCustomError("fk_open_fields", "an open event needs measure and deadline")
        return self

    def fields(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in FIELD_ORDER:
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.evidence:
            out["evidence"] = tuple(Evidence(e.kind, e.value, e.sha256) for e in self.evidence)
        return out


EVENT_LIST = TypeAdapter(list[EventModel])


class EventsFileModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: int
    event: list[dict[str, Any]] = Field(default_factory=list)
