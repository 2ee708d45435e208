"""A unit's workspace: fangkong.toml, its checklist, its records folder, and how to find it."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import tomli_w
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator

from .checklist import BUILTIN, Checklist, format_loc, load_checklist, resolve_sources
from .errors import DataProblem, FileProblems, Problem, UsageProblem
from .fsutil import atomic_write
from .models import Id, Line, Text
from .schedule import Campaign

CONFIG_NAME = "fangkong.toml"
STATE_DIR = ".fangkong"
CONFIG_FORMAT = 1
MAX_CONFIG_BYTES = 1024 * 1024

_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def _safe_unit_id(value: str) -> str:
    from pydantic_core import PydanticCustomError

    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}", value) or value.lower() in _WINDOWS_RESERVED:
        raise PydanticCustomError("fk_unit_id", "unit id must be a short safe name")
    return value


UnitId = Annotated[str, AfterValidator(_safe_unit_id)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class UnitConfig(_Strict):
    id: UnitId
    name: Annotated[Line, Field(max_length=80)]


class CampaignConfig(_Strict):
    checklist: Annotated[str, Field(min_length=1)] = BUILTIN
    extra: list[str] = Field(default_factory=list)
    start: date
    end: date | None = None
    timezone: str = "Asia/Shanghai"

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        from pydantic_core import PydanticCustomError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise PydanticCustomError("fk_timezone", "unknown time zone") from exc
        return value

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, value: date | None, info: Any) -> date | None:
        from pydantic_core import PydanticCustomError

        start = info.data.get("start")
        if value is not None and start is not None and value < start:
            raise PydanticCustomError("fk_end_before_start", "end before start")
        return value


class Tailoring(_Strict):
    """A measure the unit does not do for the campaign (or until a date), with the reason."""

    measure: Id
    reason: Text
    until: date | None = None


class SignOff(_Strict):
    preparer: Annotated[str, Field(max_length=40)] = ""
    phone: Annotated[str, Field(max_length=40)] = ""
    reviewer: Annotated[str, Field(max_length=40)] = ""


class WorkspaceConfig(_Strict):
    format: int = CONFIG_FORMAT
    unit: UnitConfig
    campaign: CampaignConfig
    signoff: SignOff = SignOff()
    tailoring: list[Tailoring] = Field(default_factory=list)

    def to_toml(self) -> str:
        data: dict[str, Any] = {
            "format": self.format,
            "unit": {"id": self.unit.id, "name": self.unit.name},
            "campaign": {
                k: v
                for k, v in self.campaign.model_dump().items()
                if v is not None and v != []
            },
            "signoff": self.signoff.model_dump(),
        }
        if self.tailoring:
            data["tailoring"] = [t.model_dump(exclude_none=True) for t in self.tailoring]
        return tomli_w.dumps(data)


@dataclass(frozen=True)
class Workspace:
    root: Path
    config: WorkspaceConfig

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    @cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.config.campaign.timezone)

    @property
    def campaign(self) -> Campaign:
        return Campaign(self.config.campaign.start, self.config.campaign.end)

    def today(self, now: datetime) -> date:
        return now.astimezone(self.tz).date()

    @cached_property
    def checklist(self) -> Checklist:
        paths = resolve_sources(self.config.campaign.checklist, self.root)
        for extra in self.config.campaign.extra:
            paths.extend(resolve_sources(extra, self.root))
        checklist = load_checklist(paths)
        problems = [
            Problem(str(self.config_path), _key_line(self.config_path, "measure", t.measure), "tailoring_unknown_measure", {"id": t.measure})
            for t in self.config.tailoring
            if checklist.measure(t.measure) is None
        ]
        if problems:
            raise FileProblems(problems)
        return checklist

    @property
    def state_dir(self) -> Path:
        return self.root / STATE_DIR

    def remembered_officer(self) -> str | None:
        path = self.state_dir / "officer"
        try:
            name = path.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return name or None

    def remember_officer(self, name: str) -> None:
        if self.remembered_officer() == name:
            return
        try:
            self.state_dir.mkdir(exist_ok=True)
            atomic_write(self.state_dir / "officer", name.encode("utf-8"))
        except (OSError, DataProblem):
            pass  # a convenience only: never fail a record for it


def _key_line(path: Path, key: str, value: str | None = None) -> int | None:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if re.match(rf"^{re.escape(key)}\s*=", stripped) and (value is None or value in stripped):
            return number
    return None


def _table_line(text: str, loc: tuple[Any, ...]) -> int | None:
    """Best line for a pydantic location in fangkong.toml: the key inside its table."""
    lines = text.splitlines()
    table = str(loc[0]) if loc else ""
    key = str(loc[-1]) if loc and not isinstance(loc[-1], int) else None
    index = next((x for x in loc if isinstance(x, int)), None)
    in_table = False
    seen = -1
    fallback = None
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            name = stripped.strip("[]").strip()
            in_table = name == table
            if in_table and stripped.startswith("[["):
                seen += 1
                if index is not None and seen != index:
                    in_table = False
            if in_table and fallback is None:
                fallback = number
            continue
        if (in_table or len(loc) == 1) and key and re.match(rf"^{re.escape(key)}\s*=", stripped):
            return number
    return fallback


def parse_config(text: str, name: str) -> WorkspaceConfig:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        detail = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise FileProblems([Problem(name, int(match.group(1)) if match else None, "toml_syntax", {"detail": detail})]) from exc
    version = raw.get("format")
    if isinstance(version, int) and not isinstance(version, bool) and version > CONFIG_FORMAT:
        raise FileProblems([Problem(name, 1, "config_newer", {"found": version, "known": CONFIG_FORMAT})])
    try:
        return WorkspaceConfig.model_validate(raw)
    except ValidationError as exc:
        problems = [
            Problem(
                name,
                _table_line(text, tuple(err["loc"])),
                "invalid_value",
                {
                    "where": format_loc(err["loc"]),
                    "type": err["type"],
                    "detail": err["msg"],
                    "ctx": {k: str(v) for k, v in (err.get("ctx") or {}).items()},
                },
            )
            for err in exc.errors(include_url=False)
        ]
        raise FileProblems(problems) from exc


def find_root(explicit: Path | None, env_home: str | None, cwd: Path) -> Path:
    """--workspace, then FANGKONG_HOME, then the nearest fangkong.toml at or above `cwd`."""
    if explicit is not None:
        if not (explicit / CONFIG_NAME).is_file():
            raise UsageProblem("workspace_not_here", path=str(explicit))
        return explicit
    if env_home:
        home = Path(env_home)
        if not (home / CONFIG_NAME).is_file():
            raise UsageProblem("workspace_env_not_here", path=env_home)
        return home
    for folder in (cwd, *cwd.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise UsageProblem("workspace_not_found", cwd=str(cwd))


def open_workspace(root: Path) -> Workspace:
    from .yamlio import read_text_file

    path = root / CONFIG_NAME
    text, problem = read_text_file(path, MAX_CONFIG_BYTES)
    if problem is not None:
        raise FileProblems([problem])
    assert text is not None
    return Workspace(root, parse_config(text, str(path)))


def create_workspace(root: Path, config: WorkspaceConfig) -> Workspace:
    """Write a new workspace; refuse to touch an existing one."""
    path = root / CONFIG_NAME
    if path.exists():
        raise UsageProblem("workspace_exists", path=str(path))
    workspace = Workspace(root, config)
    workspace.checklist  # noqa: B018 - fail now, before writing anything, if the checklist is bad
    try:
        root.mkdir(parents=True, exist_ok=True)
        (root / "records").mkdir(exist_ok=True)
    except OSError as exc:
        raise DataProblem("write_failed", path=str(root), reason=exc.strerror or str(exc)) from exc
    atomic_write(path, config.to_toml().encode("utf-8"))
    gitignore = root / ".gitignore"
    if not gitignore.exists():
        atomic_write(gitignore, f"{STATE_DIR}/\n.fangkong.lock\n".encode())
    return workspace


def env_home() -> str | None:
    return os.environ.get("FANGKONG_HOME") or None
