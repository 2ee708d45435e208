"""The JSON boundary of the roll-up: pydantic models of a unit's report, strict about every figure.

Counts are whole numbers (never booleans, strings or floats) from 0 to a billion, and a
report's figures must add up; extra keys are ignored so a newer minor field never hurts.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    TypeAdapter,
    model_validator,
)

from .evaluation import Figures
from .report import Period
from .schemas import UnitId

MAX_COUNT = 10**9  # slots in one report: far above a province's century of daily duties

# One line without control characters (what a terminal could be tricked by), checked by
# pydantic-core's regex engine rather than a Python function: it runs for every id and title
# of a thousand reports.
ONE_LINE = "^[^\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]*$"
Short = Annotated[str, Field(max_length=400, pattern=ONE_LINE)]
Count = Annotated[StrictInt, Field(ge=0, le=MAX_COUNT)]


class Loose(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class FiguresDoc(Loose):
    slots_due: Count
    answered: Count
    done: Count
    partial: Count
    not_done: Count
    na: Count
    overdue: Count
    late: Count

    @model_validator(mode="after")
    def _adds_up(self) -> FiguresDoc:
        if (
            self.answered + self.overdue > self.slots_due
            or self.done + self.partial + self.not_done + self.na != self.answered
            or self.late > self.answered
        ):
            raise ValueError("the figures do not add up (answered, overdue, results, late against slots due)")
        return self

    def figures(self) -> Figures:
        return Figures(
            self.slots_due, self.answered, self.done, self.partial, self.not_done, self.na, self.overdue, self.late
        )


class _OverdueDoc(Loose):
    overdue: Count


class _MeasureDoc(Loose):
    id: Short
    title: Short = ""
    summary: _OverdueDoc


class _SectionDoc(Loose):
    id: Short
    number: Short = ""
    title: Short = ""
    summary: FiguresDoc
    measures: list[_MeasureDoc] = Field(default_factory=list)


class _UnitDoc(Loose):
    id: UnitId
    name: Short


class PeriodDoc(Loose):
    first: date = Field(alias="from")
    last: date = Field(alias="to")
    label: Short

    def period(self) -> Period:
        return Period(self.first, self.last, self.label)


class NoticeDoc(Loose):
    title: Short | None = None
    doc_number: Short | None = None
    issuer: Short | None = None


class FindingDoc(Loose):
    light: Literal["red", "yellow", "green"] | None = None


class ReportDoc(Loose):
    schema_version: StrictInt
    kind: str
    checklist: Short
    notice: NoticeDoc | None = None
    unit: _UnitDoc
    period: PeriodDoc
    as_of: date
    summary: FiguresDoc
    sections: list[_SectionDoc]
    submitted_at: AwareDatetime | None = None
    nil: StrictBool = False
    findings: list[FindingDoc] = Field(default_factory=list)  # the 整改台账: only lights are read


REPORT_DOC = TypeAdapter(ReportDoc)
