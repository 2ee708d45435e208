"""Pydantic models of a checklist: the notice, its sections and their measures."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
ID_PATTERN = r"^[0-9A-Za-z\u4e00-\u9fff][0-9A-Za-z\u4e00-\u9fff_-]*(\.[0-9A-Za-z\u4e00-\u9fff_-]+)*$"


def _no_control(value: str) -> str:
    if _CONTROL.search(value):
        raise PydanticCustomError("fk_control_chars", "control characters are not allowed")
    return value


def _one_line(value: str) -> str:
    if "\n" in value or "\t" in value:
        raise PydanticCustomError("fk_one_line", "must be a single line")
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("fk_blank", "must not be blank")
    return value


Text = Annotated[str, AfterValidator(_no_control), AfterValidator(_not_blank)]
Line = Annotated[str, AfterValidator(_no_control), AfterValidator(_one_line), AfterValidator(_not_blank)]
# Ids end up in file names, table cells and command lines: letters, digits, - _ and single dots.
Id = Annotated[str, Field(min_length=1, max_length=32, pattern=ID_PATTERN)]


class Frequency(StrEnum):
    ONCE = "once"
    DAILY = "daily"
    WORKDAY = "workday"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    WINDOW = "window"
    AS_NEEDED = "as_needed"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Measure(_Strict):
    """One concrete thing the notice asks a unit to do."""

    id: Id
    title: Annotated[Line, Field(max_length=60)]
    source: Text
    frequency: Frequency
    evidence: Text
    role: Line | None = None
    guidance: Text | None = None
    due: date | None = None
    start: date | None = None
    end: date | None = None

    @model_validator(mode="after")
    def _frequency_fields(self) -> Measure:
        if self.frequency is Frequency.WINDOW:
            if self.start is None or self.end is None:
                raise PydanticCustomError("fk_window_dates", "a window needs start and end")
            if self.start > self.end:
                raise PydanticCustomError("fk_window_order", "start must not be after end")
        elif self.start is not None or self.end is not None:
            raise PydanticCustomError("fk_start_end_only_window", "start/end are for window only")
        if self.due is not None and self.frequency is not Frequency.ONCE:
            raise PydanticCustomError("fk_due_only_once", "due is for once only")
        return self


class Section(_Strict):
    id: Id
    number: Line
    title: Line
    source: Text | None = None


class Reporting(_Strict):
    to: Line
    source: Text


class Notice(_Strict):
    """The notice's own metadata."""

    id: Id
    title: Line
    doc_number: Line
    issuer: Line
    addressees: list[Line] = Field(default_factory=list)
    preamble: Text | None = None
    reporting: Reporting | None = None


class NoticeFile(_Strict):
    notice: Notice


class SectionFile(_Strict):
    section: Section
    measures: Annotated[list[Measure], Field(min_length=1)]
