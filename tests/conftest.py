"""Shared fixtures: a pinned terminal, workspaces written into tmp_path, and a CLI runner."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from fangkong_cli.__main__ import run

# Property tests explore the same examples on every run (CI must be deterministic) and are not
# timed: a busy machine slows them, it does not make them wrong.
settings.register_profile("fangkong", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("fangkong")

NOTICE_TEXT = Path(__file__).resolve().parents[1] / "checklists"


class StrictCatalog(dict[str, tuple[str, str]]):
    """The message catalog under test: a key the code asks for and the catalog lacks fails
    the test (in use, fangkong shows the key itself rather than crash)."""

    def get(self, key: str, default: object = None) -> tuple[str, str]:
        if key not in self:
            raise KeyError(f"message key missing from the catalog: {key}")
        return self[key]


@pytest.fixture(autouse=True)
def strict_catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    from fangkong_cli import messages

    monkeypatch.setattr(messages, "MESSAGES", StrictCatalog(messages.MESSAGES))


@pytest.fixture(autouse=True)
def pinned_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Same terminal for every test: no colour, 80 columns, Chinese, no leaked workspace."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    for name in (
        "FORCE_COLOR",
        "FANGKONG_LANG",
        "FANGKONG_HOME",
        "FANGKONG_NOW",
        "FANGKONG_LOCK_TIMEOUT",
        "FANGKONG_DEBUG",
    ):
        monkeypatch.delenv(name, raising=False)


class FakeTTY(io.StringIO):
    """A text stream that says it is a terminal (for prompts)."""

    def isatty(self) -> bool:
        return True


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


def invoke(
    args: Sequence[str],
    *,
    cwd: Path | None = None,
    input: str | None = None,
    tty: bool = False,
    now: str | None = None,
    env: dict[str, str] | None = None,
) -> Result:
    """Run fangkong in-process the way main() does, capturing stdout and stderr separately."""
    out: io.StringIO = FakeTTY() if tty else io.StringIO()
    err = io.StringIO()
    stdin: io.StringIO = FakeTTY(input or "") if tty else io.StringIO(input or "")
    saved = sys.stdin, sys.stdout, sys.stderr, Path.cwd()
    saved_env = dict(os.environ)
    try:
        if now is not None:
            os.environ["FANGKONG_NOW"] = now
        os.environ.update(env or {})
        if cwd is not None:
            os.chdir(cwd)
        sys.stdin, sys.stdout, sys.stderr = stdin, out, err
        code = run(list(args))
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved[0], saved[1], saved[2]
        os.chdir(saved[3])
        os.environ.clear()
        os.environ.update(saved_env)
    return Result(code, out.getvalue(), err.getvalue())


@pytest.fixture
def cli() -> Callable[..., Result]:
    return invoke


def make_workspace(
    root: Path,
    *,
    start: str = "2021-01-04",
    end: str | None = None,
    unit_id: str = "xining",
    unit_name: str = "西宁市总工会",
    checklist: str | None = None,
    extra: str = "",
) -> Path:
    """Write a workspace with fangkong's own init command; return its folder."""
    args = ["init", "--dir", str(root), "--unit-id", unit_id, "--unit-name", unit_name, "--start", start]
    if end:
        args += ["--end", end]
    if checklist:
        args += ["--checklist", checklist]
    result = invoke(args, now=f"{start}T08:00:00+08:00")
    assert result.exit_code == 0, result.stderr
    if extra:
        with open(root / "fangkong.toml", "a", encoding="utf-8") as fh:
            fh.write(extra)
    return root


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Path]:
    yield make_workspace(tmp_path / "ws")


MINI_CHECKLIST = """\
section:
  id: "9"
  number: 九
  title: 测试章节
measures:
  - id: "9.1"
    title: 每日值班
    source: "持续加强值班值守"
    frequency: daily
    evidence: 值班记录
  - id: "9.2"
    title: 工作日测温
    source: "体温测量"
    frequency: workday
    evidence: 测温登记表
  - id: "9.3"
    title: 每周宣传
    source: "推送防疫新闻"
    frequency: weekly
    evidence: 推送链接
  - id: "9.4"
    title: 修订预案
    source: "修订完善疫情防控方案"
    frequency: once
    due: "2021-01-10"
    evidence: 预案文本
"""


def write_mini_checklist(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "mini.yaml"
    path.write_text(MINI_CHECKLIST, encoding="utf-8")
    return path


def written(ws: Path, month: str = "2021-01") -> Path:
    """The one records file fangkong wrote for `month` (records/<writer>/<month>.toml)."""
    found = sorted((ws / "records").glob(f"*/{month}.toml"))
    assert len(found) == 1, found
    return found[0]


def nothing_written(ws: Path) -> bool:
    return not list((ws / "records").glob("*/*.toml"))
