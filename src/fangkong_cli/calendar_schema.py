"""Validation of calendar.toml's shape: pydantic models, imported only when the file is read.

The models check types (a year is a whole number, holidays and workdays are lists of dates);
what the dates mean (a weekday off, a weekend worked, inside its year) is checked in
`calendar_file.py`, which can point at the line of each date.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

FIRST_YEAR = 1949
LAST_YEAR = 2200  # workdays.last_covered_day looks no further


def _not_a_number(value: object) -> object:
    # pydantic would read a number as seconds since 1970: 20270101 is a typo, not a date.
    if isinstance(value, int | float):
        raise PydanticCustomError("date_type", "must be a date")
    return value


Day = Annotated[date, BeforeValidator(_not_a_number)]


class CalendarYearModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    year: Annotated[int, Field(strict=True, ge=FIRST_YEAR, le=LAST_YEAR)]
    holidays: Annotated[list[Day], Field(max_length=366)] = Field(default_factory=list)
    workdays: Annotated[list[Day], Field(max_length=366)] = Field(default_factory=list)


class CalendarFileModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    year: Annotated[list[CalendarYearModel], Field(min_length=1, max_length=LAST_YEAR - FIRST_YEAR + 1)]
