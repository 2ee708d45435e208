"""What every command shares: the language, the consoles and the settings read from the
environment, built once per run; finding the workspace and the checklist a command means."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import NamedTuple

import typer

from ..checklist import Checklist, load_checklist, resolve_sources
from ..errors import ExitCode, UsageProblem
from ..messages import Lang
from ..models import BUILTIN
from ..workspace import Workspace, find_root, open_workspace
from .output import Output

DEFAULT_LOCK_TIMEOUT = 10.0


class Settings(NamedTuple):
    """What fangkong reads from the environment. The core reads none of it: it is passed in."""

    home: str | None = None  # FANGKONG_HOME
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT  # FANGKONG_LOCK_TIMEOUT, seconds

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> Settings:
        raw = environ.get("FANGKONG_LOCK_TIMEOUT", "").strip()
        timeout = DEFAULT_LOCK_TIMEOUT
        if raw:
            try:
                timeout = float(raw)
            except ValueError:
                raise UsageProblem("bad_lock_timeout", value=raw) from None
            if not 0 <= timeout <= 3600:
                raise UsageProblem("bad_lock_timeout", value=raw)
        return cls(home=environ.get("FANGKONG_HOME") or None, lock_timeout=timeout)


class Env(NamedTuple):
    """Language, consoles and settings of one invocation."""

    lang: Lang
    output: Output
    settings: Settings

    def workspace(self, explicit: Path | None) -> Workspace:
        """--workspace, then FANGKONG_HOME, then the nearest fangkong.toml upwards."""
        return open_workspace(find_root(explicit, self.settings.home, Path.cwd()))

    def views(self, explicit: Path | None, campaign: str | None, day: date | None = None) -> list[Workspace]:
        """The campaigns a command covers: --campaign alone, else those running on `day`
        (today in the workspace's time zone when not given)."""
        from ..campaigns import chosen_views
        from . import dates

        ws = self.workspace(explicit)
        return chosen_views(ws, campaign, day if day is not None else ws.today(dates.now()))

    def checklist(self, spec: str | None, workspace: Path | None) -> Checklist:
        """--checklist, else the workspace's (when there is one), else the built-in notice."""
        if spec is not None:
            return load_checklist(resolve_sources(spec, Path.cwd()))
        if workspace is not None or self.settings.home:
            return self.workspace(workspace).checklist
        try:
            root = find_root(None, None, Path.cwd())
        except UsageProblem:
            return load_checklist(resolve_sources(BUILTIN))
        return open_workspace(root).checklist


def make_env(lang: Lang) -> Env:
    return Env(lang, Output.create(lang), Settings.from_environ(os.environ))


def env_of(ctx: typer.Context) -> Env:
    obj = ctx.find_root().obj
    assert isinstance(obj, Env)
    return obj


def finish(code: ExitCode) -> None:
    """End the command with `code` (nothing to do for OK)."""
    if code is not ExitCode.OK:
        raise typer.Exit(int(code))
