"""Validation at the boundary: pydantic models for checklist files, records and fangkong.toml.

Each model checks what comes from a file or the command line and turns it into the plain
domain values of models.py, and imports nothing else of fangkong. Import this module lazily: only a
command that validates (a cache miss, a write) pays for pydantic.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    TypeAdapter,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .limits import CONTROL, MAX_YEAR, MIN_YEAR, year_in_range
from .limits import ID_PATTERN as ID_PATTERN
from .models import (
    BUILTIN,
    CONFIG_FORMAT,
    DEFAULT_TIMEZONE,
    CampaignConfig,
    Evidence,
    Frequency,
    LightRules,
    Measure,
    Notice,
    NoticePeriod,
    Record,
    Reporting,
    Section,
    SignOff,
    Status,
    Tailoring,
    UnitConfig,
    WorkspaceConfig,
    campaign_id,
    is_safe_unit_id,
)

# Control characters (a terminal can be tricked by them), bidirectional overrides, and what
# XML 1.0 cannot hold at all (lone surrogates from undecodable command-line bytes, U+FFFE,
# U+FFFF): a docx or xlsx report could not be written with them.
# (In limits.py: records_fast, the pydantic-free reading of month files, uses them too.)
_CONTROL = CONTROL


def _no_control(value: str) -> str:
    found = _CONTROL.search(value)
    if found:
        char = f"U+{ord(found.group()):04X}"
        raise PydanticCustomError("fk_control_chars", "character {char} is not allowed", {"char": char})
    return value


def _in_years(value: date) -> date:
    if not year_in_range(value):
        raise PydanticCustomError(
            "fk_year_range", "the year must be from {min} to {max}", {"min": MIN_YEAR, "max": MAX_YEAR}
        )
    return value


def _one_line(value: str) -> str:
    if "\n" in value or "\t" in value:
        raise PydanticCustomError("fk_one_line", "must be a single line")
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("fk_blank", "must not be blank")
    return value


def _safe_unit_id(value: str) -> str:
    if not is_safe_unit_id(value):
        raise PydanticCustomError("fk_unit_id", "unit id must be a short safe name")
    return value


Text = Annotated[str, AfterValidator(_no_control), AfterValidator(_not_blank)]
Line = Annotated[str, AfterValidator(_no_control), AfterValidator(_one_line), AfterValidator(_not_blank)]
# Ids end up in file names, table cells and command lines: letters, digits, - _ and single dots.
Id = Annotated[str, Field(min_length=1, max_length=32, pattern=ID_PATTERN)]
FreeText = Annotated[str, Field(max_length=4000), AfterValidator(_no_control)]
UnitId = Annotated[str, AfterValidator(_safe_unit_id)]
# A date in a checklist (YAML gives text, parsed here) and in fangkong.toml (TOML has dates of
# its own: a string or a date-time there is a mistake, refused by the strict form).
Day = Annotated[date, AfterValidator(_in_years)]
TomlDay = Annotated[date, Strict(), AfterValidator(_in_years)]
TomlInt = Annotated[int, Strict()]
SignOffText = Annotated[str, Field(max_length=40), AfterValidator(_no_control), AfterValidator(_one_line)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- checklists ------------------------------------------------------------------------------


class MeasureModel(_Strict):
    id: Id
    title: Annotated[Line, Field(max_length=60)]
    source: Text
    frequency: Frequency
    evidence: Text
    role: Line | None = None
    guidance: Text | None = None
    due: Day | None = None
    start: Day | None = None
    end: Day | None = None
    from_day: Annotated[int, Field(ge=1, le=3660)] | None = None
    to_day: Annotated[int, Field(ge=1, le=3660)] | None = None

    @model_validator(mode="after")
    def _dates(self) -> MeasureModel:
        if self.frequency is Frequency.WINDOW and self.end is None and self.to_day is None:
            raise PydanticCustomError("fk_window_dates", "a window needs an end: end or to_day")
        if self.start is not None and self.end is not None and self.start > self.end:
            raise PydanticCustomError("fk_window_order", "start must not be after end")
        if self.from_day is not None and self.to_day is not None and self.from_day > self.to_day:
            raise PydanticCustomError("fk_day_order", "from_day must not be after to_day")
        if (self.start is not None and self.from_day is not None) or (self.end is not None and self.to_day is not None):
            raise PydanticCustomError("fk_dates_mixed", "give a date or a campaign day, not both")
        if self.due is not None and self.frequency is not Frequency.ONCE:
            raise PydanticCustomError("fk_due_only_once", "due is for once only")
        if self.due is not None and (self.end is not None or self.to_day is not None):
            raise PydanticCustomError("fk_dates_mixed", "give a date or a campaign day, not both")
        return self

    def to_domain(self) -> Measure:
        return Measure(**dict(self))


class SectionModel(_Strict):
    id: Id
    number: Line
    title: Line
    source: Text | None = None

    def to_domain(self) -> Section:
        return Section(**dict(self))


class ReportingModel(_Strict):
    to: Line
    source: Text


class NoticePeriodModel(_Strict):
    start: date
    end: date
    name: Annotated[Line, Field(max_length=40)] | None = None

    @model_validator(mode="after")
    def _order(self) -> NoticePeriodModel:
        if self.start > self.end:
            raise PydanticCustomError("fk_window_order", "start must not be after end")
        return self


class NoticeModel(_Strict):
    id: Id
    title: Line
    doc_number: Line
    issuer: Line
    addressees: list[Line] = Field(default_factory=list)
    preamble: Text | None = None
    reporting: ReportingModel | None = None
    period: NoticePeriodModel | None = None

    def to_domain(self) -> Notice:
        values = dict(self)
        values["addressees"] = tuple(self.addressees)
        values["reporting"] = Reporting(**dict(self.reporting)) if self.reporting is not None else None
        p = self.period
        values["period"] = NoticePeriod(p.start, p.end, p.name or "") if p is not None else None
        return Notice(**values)


class NoticeFile(_Strict):
    notice: NoticeModel


class SectionFile(_Strict):
    section: SectionModel
    measures: Annotated[list[MeasureModel], Field(min_length=1)]


# --- records -----------------------------------------------------------------------------------


class EvidenceModel(_Strict):
    kind: Literal["note", "url", "file"]
    value: FreeText
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = None


class RecordModel(_Strict):
    measure: Id
    slot: Annotated[str, Field(min_length=1, max_length=32, pattern=r"^[0-9A-Za-z-]+$")]
    status: Status
    by: Annotated[FreeText, Field(min_length=1, max_length=64)]
    at: Annotated[datetime, Strict()]  # a TOML date-time, not text that looks like one
    note: FreeText = ""
    reason: FreeText = ""
    evidence: tuple[EvidenceModel, ...] = ()
    hash: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = None

    @model_validator(mode="after")
    def _checks(self) -> RecordModel:
        if self.at.tzinfo is None:
            raise PydanticCustomError("fk_naive_time", "the time needs an offset")
        _in_years(self.at.date())
        if self.status is Status.NA and not self.reason.strip():
            raise PydanticCustomError("fk_na_reason", "na needs a reason")
        return self

    def to_domain(self) -> Record:
        return Record(
            measure=self.measure,
            slot=self.slot,
            status=self.status,
            by=self.by,
            at=self.at,
            note=self.note,
            reason=self.reason,
            evidence=tuple(Evidence(e.kind, e.value, e.sha256) for e in self.evidence),
            hash=self.hash or "",
        )


RECORD_LIST = TypeAdapter(list[RecordModel])


class RecordsFileModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: TomlInt
    record: list[dict[str, Any]] = Field(default_factory=list)


# --- fangkong.toml -----------------------------------------------------------------------------


class UnitModel(_Strict):
    id: UnitId
    name: Annotated[Line, Field(max_length=80)]


class CampaignModel(_Strict):
    id: Id | None = None
    checklist: Annotated[str, Field(min_length=1)] = BUILTIN
    extra: list[str] = Field(default_factory=list)
    start: TomlDay
    end: TomlDay | None = None
    timezone: str = DEFAULT_TIMEZONE

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError, OSError) as exc:  # "Asia" is a folder of tzdata
            raise PydanticCustomError("fk_timezone", "unknown time zone") from exc
        return value

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, value: date | None, info: Any) -> date | None:
        start = info.data.get("start")
        if value is not None and start is not None and value < start:
            raise PydanticCustomError("fk_end_before_start", "end before start")
        return value


class AddedCampaignModel(_Strict):
    """A notice added to the workspace later (`fangkong campaign add`): its time zone is the
    workspace's, the one of [campaign]."""

    id: Id
    checklist: Annotated[str, Field(min_length=1)]
    extra: list[str] = Field(default_factory=list)
    start: date
    end: date | None = None

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, value: date | None, info: Any) -> date | None:
        start = info.data.get("start")
        if value is not None and start is not None and value < start:
            raise PydanticCustomError("fk_end_before_start", "end before start")
        return value


class TailoringModel(_Strict):
    measure: Annotated[str, Field(min_length=1, max_length=66, pattern=r"^([0-9A-Za-z_-]+:)?[^:\s]+$")]
    reason: Text
    until: TomlDay | None = None


class SignOffModel(_Strict):
    preparer: SignOffText = ""
    phone: SignOffText = ""
    reviewer: SignOffText = ""


class LightsModel(_Strict):
    yellow_workdays: Annotated[int, Field(ge=0, le=60, strict=True)] = LightRules().yellow_workdays
    deadline_workdays: Annotated[int, Field(ge=0, le=250, strict=True)] = LightRules().deadline_workdays


class WorkspaceConfigModel(_Strict):
    format: TomlInt = CONFIG_FORMAT
    unit: UnitModel
    campaign: CampaignModel
    signoff: SignOffModel = SignOffModel()
    tailoring: list[TailoringModel] = Field(default_factory=list)
    lights: LightsModel = LightsModel()
    campaigns: list[AddedCampaignModel] = Field(default_factory=list)

    @model_validator(mode="after")
    def _distinct_campaigns(self) -> WorkspaceConfigModel:
        seen = {campaign_id(self._first())}
        for added in self.campaigns:
            if added.id in seen:
                raise PydanticCustomError("fk_campaign_twice", "campaign id {id} is used twice", {"id": added.id})
            seen.add(added.id)
        return self

    def _first(self) -> CampaignConfig:
        c = self.campaign
        return CampaignConfig(c.checklist, tuple(c.extra), c.start, c.end, c.timezone, c.id or "")

    def to_domain(self) -> WorkspaceConfig:
        tz = self.campaign.timezone
        return WorkspaceConfig(
            format=self.format,
            unit=UnitConfig(self.unit.id, self.unit.name),
            campaign=self._first(),
            signoff=SignOff(self.signoff.preparer, self.signoff.phone, self.signoff.reviewer),
            tailoring=tuple(Tailoring(t.measure, t.reason, t.until) for t in self.tailoring),
            campaigns=tuple(
                CampaignConfig(a.checklist, tuple(a.extra), a.start, a.end, tz, a.id) for a in self.campaigns
            ),
            lights=LightRules(self.lights.yellow_workdays, self.lights.deadline_workdays),
        )
