"""A unit's workspace: fangkong.toml, its checklist, its records folder, and how to find it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from . import cache
from .checklist import Checklist, load_checklist, resolve_sources
from .errors import DataProblem, FileProblems, Problem, UsageProblem
from .fileio import decode_text, load_toml, read_bounded, read_text, validation_problems
from .fsutil import atomic_write
from .models import (
    CONFIG_FORMAT,
    CampaignConfig,
    LightRules,
    SignOff,
    Tailoring,
    UnitConfig,
    WorkspaceConfig,
    campaign_id,
    plain,
)
from .records import WRITER_NAME
from .schedule import Campaign
from .workdays import WorkCalendar

CONFIG_NAME = "fangkong.toml"
STATE_DIR = ".fangkong"
ROBOT_FILE = "robot.toml"  # the group robot's webhook and secret (fangkong remind): never shared
MAX_CONFIG_BYTES = 1024 * 1024


def config_to_toml(config: WorkspaceConfig) -> str:
    import tomli_w

    campaign: dict[str, Any] = {"id": config.campaign.id} if config.campaign.id else {}
    campaign["checklist"] = config.campaign.checklist
    if config.campaign.extra:
        campaign["extra"] = list(config.campaign.extra)
    campaign["start"] = config.campaign.start
    if config.campaign.end is not None:
        campaign["end"] = config.campaign.end
    campaign["timezone"] = config.campaign.timezone
    data: dict[str, Any] = {
        "format": config.format,
        "unit": {"id": config.unit.id, "name": config.unit.name},
        "campaign": campaign,
        "signoff": {
            "preparer": config.signoff.preparer,
            "phone": config.signoff.phone,
            "reviewer": config.signoff.reviewer,
        },
    }
    if config.tailoring:
        data["tailoring"] = [
            {"measure": t.measure, "reason": t.reason, **({"until": t.until} if t.until else {})}
            for t in config.tailoring
        ]
    if config.campaigns:
        data["campaigns"] = [
            {
                "id": c.id,
                "checklist": c.checklist,
                **({"extra": list(c.extra)} if c.extra else {}),
                "start": c.start,
                **({"end": c.end} if c.end else {}),
            }
            for c in config.campaigns
        ]
    if config.lights != LightRules():
        data["lights"] = config.lights._asdict()
    return tomli_w.dumps(data)


@dataclass(frozen=True)
class Workspace:
    """A unit's workspace, seen through one of its campaigns (the first one unless another is
    chosen with `view`): `checklist`, `campaign` and `records_dir` are that campaign's."""

    root: Path
    config: WorkspaceConfig
    campaign_index: int = 0

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def campaign_config(self) -> CampaignConfig:
        return self.config.all_campaigns[self.campaign_index]

    @property
    def campaign_id(self) -> str:
        return campaign_id(self.campaign_config)

    def view(self, index: int) -> Workspace:
        return Workspace(self.root, self.config, index)

    def views(self) -> list[Workspace]:
        """One view per campaign, in the order of fangkong.toml."""
        return [self.view(i) for i in range(len(self.config.all_campaigns))]

    @cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.config.campaign.timezone)

    @cached_property
    def calendar(self) -> WorkCalendar | None:
        from .calendar_file import load_calendar

        return load_calendar(self.root)

    @property
    def campaign(self) -> Campaign:
        c = self.campaign_config
        return Campaign(c.start, c.end, self.calendar)

    @property
    def records_dir(self) -> Path:
        """The first campaign keeps records/ (as workspaces always had); added notices keep
        theirs apart, so the records of one notice never mix with another's."""
        if self.campaign_index == 0:
            return self.root / "records"
        return self.root / "campaigns" / self.campaign_id / "records"

    @property
    def tailoring(self) -> tuple[Tailoring, ...]:
        """This campaign's tailoring: entries naming its measures (`ID` or `CAMPAIGN:ID`)."""
        if self.config.tailoring:
            self.check_tailoring()
        own = []
        for entry in self.config.tailoring:
            prefix, _, bare = entry.measure.rpartition(":")
            if prefix and prefix != self.campaign_id:
                continue
            if self.checklist.measure(bare) is not None:
                own.append(entry._replace(measure=bare))
        return tuple(own)

    def today(self, now: datetime) -> date:
        return now.astimezone(self.tz).date()

    @cached_property
    def checklist(self) -> Checklist:
        paths: list[Path] = []
        c = self.campaign_config
        for key, spec in [("checklist", c.checklist), *(("extra", e) for e in c.extra)]:
            try:
                paths.extend(resolve_sources(spec, self.root))
            except UsageProblem as exc:  # named in fangkong.toml: bad configuration, not usage
                where = _key_line(self.config_path, key)
                raise FileProblems([Problem(str(self.config_path), where, exc.key, dict(exc.params))]) from exc
        return load_checklist(paths, cache_root=self.root)

    def check_tailoring(self) -> None:
        """Every tailoring entry names a measure of some campaign (else: file and line)."""
        views = self.views()
        problems = []
        for entry in self.config.tailoring:
            prefix, _, bare = entry.measure.rpartition(":")
            if not any((not prefix or prefix == v.campaign_id) and v.checklist.measure(bare) for v in views):
                line = _key_line(self.config_path, "measure", entry.measure)
                problems.append(
                    Problem(str(self.config_path), line, "tailoring_unknown_measure", {"id": entry.measure})
                )
        if problems:
            raise FileProblems(problems)

    @property
    def state_dir(self) -> Path:
        return self.root / STATE_DIR

    def writer_id(self) -> str:
        """This copy of the workspace's name among its writers (records/<writer>/…), made on
        first use and kept in .fangkong/ (which git ignores). A copy moved to another folder
        gets a new one, so two copies never append to the same file."""
        path = self.state_dir / "writer"
        here = str(self.root.resolve())
        try:
            name, made_in = (path.read_text(encoding="utf-8").splitlines() + ["", ""])[:2]
        except (OSError, UnicodeDecodeError):
            name, made_in = "", ""
        if WRITER_NAME.match(name) and made_in == here:
            return name
        name = new_writer_name()
        self.state_dir.mkdir(exist_ok=True)
        atomic_write(path, f"{name}\n{here}\n".encode())
        return name

    def remembered_officer(self) -> str | None:
        text, _ = read_text(self.state_dir / "officer", 4096)
        name = (text or "").strip()
        return name or None

    def remember_officer(self, name: str) -> None:
        if self.remembered_officer() == name:
            return
        try:
            self.state_dir.mkdir(exist_ok=True)
            atomic_write(self.state_dir / "officer", name.encode("utf-8"))
        except (OSError, DataProblem):
            pass  # a convenience only: never fail a record for it


def new_writer_name() -> str:
    """The machine's name, made safe for a folder name, and a random suffix."""
    import secrets
    import socket

    try:
        host = socket.gethostname()
    except OSError:
        host = ""
    host = re.sub(r"[^a-z0-9]+", "-", host.lower()).strip("-")[:24] or "pc"
    return f"{host}-{secrets.token_hex(3)}"


def _key_line(path: Path, key: str, value: str | None = None) -> int | None:
    text, _ = read_text(path, MAX_CONFIG_BYTES)
    lines = (text or "").splitlines()
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
    raw = load_toml(text, name)
    version = raw.get("format")
    if isinstance(version, int) and not isinstance(version, bool) and version > CONFIG_FORMAT:
        raise FileProblems([Problem(name, 1, "config_newer", {"found": version, "known": CONFIG_FORMAT})])
    from .config_fast import fast_config

    fast = fast_config(raw)  # a plain configuration, without importing pydantic
    if fast is not None:
        return fast
    from pydantic import ValidationError

    from .schemas import WorkspaceConfigModel

    try:
        return WorkspaceConfigModel.model_validate(raw).to_domain()
    except ValidationError as exc:
        raise FileProblems(validation_problems(exc, name, lambda loc: _table_line(text, loc))) from exc


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
    """Read and validate fangkong.toml (through the derived cache when its bytes match)."""
    path = root / CONFIG_NAME
    raw = read_bounded(path, MAX_CONFIG_BYTES)
    key = cache.content_key(raw)
    stored = cache.read(root, "config.bin", key)
    if stored is not None:
        try:
            return Workspace(root, _config_from_plain(stored))
        except (TypeError, ValueError, KeyError):
            pass
    text, problem = decode_text(raw, str(path))
    if problem is not None:
        raise FileProblems([problem])
    assert text is not None
    config = parse_config(text, str(path))
    cache.write(root, "config.bin", key, _config_to_plain(config))
    return Workspace(root, config)


def _config_to_plain(config: WorkspaceConfig) -> dict[str, Any]:
    data = config._asdict()
    data["unit"] = config.unit._asdict()
    data["campaign"] = config.campaign._asdict()
    data["campaigns"] = [c._asdict() for c in config.campaigns]
    data["signoff"] = config.signoff._asdict()
    data["tailoring"] = [t._asdict() for t in config.tailoring]
    data["lights"] = config.lights._asdict()
    return plain(data)  # type: ignore[no-any-return]


def _config_from_plain(data: dict[str, Any]) -> WorkspaceConfig:
    def day(value: str | None) -> date | None:
        return date.fromisoformat(value) if value is not None else None

    def campaign(c: dict[str, Any]) -> CampaignConfig:
        return CampaignConfig(
            c["checklist"], tuple(c["extra"]), date.fromisoformat(c["start"]), day(c.get("end")), c["timezone"], c["id"]
        )

    return WorkspaceConfig(
        unit=UnitConfig(**data["unit"]),
        campaign=campaign(data["campaign"]),
        campaigns=tuple(campaign(c) for c in data["campaigns"]),
        signoff=SignOff(**data["signoff"]),
        tailoring=tuple(Tailoring(t["measure"], t["reason"], day(t.get("until"))) for t in data["tailoring"]),
        format=data["format"],
        lights=LightRules(**data["lights"]),
    )


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
    atomic_write(path, config_to_toml(config).encode("utf-8"))
    gitignore = root / ".gitignore"
    if not gitignore.exists():
        atomic_write(gitignore, f"{STATE_DIR}/\n.fangkong.lock\n.*.tmp\n{ROBOT_FILE}\n".encode())
    return workspace
