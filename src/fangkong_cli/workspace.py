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
    SignOff,
    Tailoring,
    UnitConfig,
    WorkspaceConfig,
    plain,
)
from .schedule import Campaign

CONFIG_NAME = "fangkong.toml"
STATE_DIR = ".fangkong"
MAX_CONFIG_BYTES = 1024 * 1024


def config_to_toml(config: WorkspaceConfig) -> str:
    import tomli_w

    campaign: dict[str, Any] = {"checklist": config.campaign.checklist}
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
        "signoff": {"preparer": config.signoff.preparer, "phone": config.signoff.phone, "reviewer": config.signoff.reviewer},
    }
    if config.tailoring:
        data["tailoring"] = [
            {"measure": t.measure, "reason": t.reason, **({"until": t.until} if t.until else {})}
            for t in config.tailoring
        ]
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
        paths: list[Path] = []
        for key, spec in [("checklist", self.config.campaign.checklist), *(("extra", e) for e in self.config.campaign.extra)]:
            try:
                paths.extend(resolve_sources(spec, self.root))
            except UsageProblem as exc:  # named in fangkong.toml: bad configuration, not usage
                where = _key_line(self.config_path, key)
                raise FileProblems([Problem(str(self.config_path), where, exc.key, dict(exc.params))]) from exc
        checklist = load_checklist(paths, cache_root=self.root)
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
    data["signoff"] = config.signoff._asdict()
    data["tailoring"] = [t._asdict() for t in config.tailoring]
    return plain(data)  # type: ignore[no-any-return]


def _config_from_plain(data: dict[str, Any]) -> WorkspaceConfig:
    def day(value: str | None) -> date | None:
        return date.fromisoformat(value) if value is not None else None

    c = data["campaign"]
    return WorkspaceConfig(
        unit=UnitConfig(**data["unit"]),
        campaign=CampaignConfig(c["checklist"], tuple(c["extra"]), date.fromisoformat(c["start"]), day(c.get("end")), c["timezone"]),
        signoff=SignOff(**data["signoff"]),
        tailoring=tuple(Tailoring(t["measure"], t["reason"], day(t.get("until"))) for t in data["tailoring"]),
        format=data["format"],
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
        atomic_write(gitignore, f"{STATE_DIR}/\n.fangkong.lock\n".encode())
    return workspace

