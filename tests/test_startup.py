"""What a duty officer waits for: `status` and `check --list` load only what they use.

Not a timing (speed is measured in bench/): the modules a run imports, which decide its
start-up, checked in a fresh interpreter.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import invoke, make_workspace
from fangkong_cli.records_fast import fast_records

PROBE = """
import io, json, os, sys
from fangkong_cli.__main__ import run
class Terminal(io.StringIO):
    def isatty(self):
        return True
if os.environ.get("PROBE_TTY"):
    sys.stdin = Terminal("q\\n")
sys.stdout, sys.stderr = (Terminal if os.environ.get("PROBE_TTY") else io.StringIO)(), io.StringIO()
code = run(sys.argv[1:])
sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""

HEAVY = ("pydantic", "openpyxl", "docx", "xlsxwriter", "yaml", "fangkong_cli.aggregate", "fangkong_cli.unit_reports")


def loaded(ws: Path, *args: str, tty: bool = False) -> tuple[int, set[str]]:
    env = {"FANGKONG_NOW": "2021-01-06T20:00:00+08:00", "PATH": "/usr/bin:/bin", "PYDANTIC_DISABLE_PLUGINS": "__all__"}
    if tty:
        env["PROBE_TTY"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], cwd=ws, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    return data["code"], set(data["modules"])


@pytest.fixture
def warm(tmp_path: Path) -> Path:
    ws = make_workspace(tmp_path / "ws", start="2021-01-04")
    result = invoke(
        ["mark", "2.18", "-s", "done", "--by", "甲", "--date", "2021-01-05"], cwd=ws, now="2021-01-06T20:00:00+08:00"
    )
    assert result.exit_code == 0, result.stderr
    assert invoke(["status"], cwd=ws, now="2021-01-06T20:00:00+08:00").exit_code == 0  # the derived cache is filled
    return ws


@pytest.mark.parametrize("args", [("status",), ("status", "--format", "json"), ("check", "--list", "--format", "json")])
def test_a_warm_run_loads_no_validation_and_no_other_command(warm: Path, args: tuple[str, ...]) -> None:
    code, modules = loaded(warm, *args)
    assert code == 0
    heavy = sorted(m for m in modules if m.split(".")[0] in HEAVY or m in HEAVY)
    assert heavy == []
    other = sorted(m for m in modules if m.startswith("fangkong_cli.cli.commands.") and m.rsplit(".", 1)[1] != args[0])
    assert other == []  # only the command asked for is built


def test_the_command_list_still_has_every_command(warm: Path) -> None:
    result = invoke(["--help"])
    assert result.exit_code == 0
    for name in ("status", "check", "report", "aggregate", "campaign", "verify", "finding"):
        assert name in result.stdout


@pytest.mark.parametrize(
    "args", [("status", "--format", "json"), ("check", "--list"), ("check", "--list", "--format", "json")]
)
def test_output_that_is_not_a_terminal_loads_no_rich(warm: Path, args: tuple[str, ...]) -> None:
    code, modules = loaded(warm, *args)
    assert code == 0
    assert sorted(m for m in modules if m.split(".")[0] == "rich") == []


@pytest.mark.parametrize(
    "args", [("status",), ("check", "--by", "甲"), ("history",), ("checklist", "show"), ("campaign", "list")]
)
def test_tables_and_the_walk_at_a_terminal_load_no_rich(warm: Path, args: tuple[str, ...]) -> None:
    code, modules = loaded(warm, *args, tty=True)
    assert code == 0
    assert "fangkong_cli.cli.screen" in modules  # drawn for a terminal
    assert sorted(m for m in modules if m.split(".")[0] == "rich") == []


def test_a_fresh_clone_validates_without_pydantic_or_yaml(warm: Path) -> None:
    # No derived cache: fangkong.toml as init writes it (config_fast), the built-in checklist
    # (builtin_validated) and month files as fangkong writes them (records_fast) all take the
    # fast way; anything unusual would still go through pydantic (see their own tests).
    for args in (("status", "--format", "json"), ("check", "--list", "--format", "json")):
        shutil.rmtree(warm / ".fangkong" / "cache", ignore_errors=True)
        code, modules = loaded(warm, *args)
        assert code == 0
        assert sorted(m for m in modules if m.split(".")[0] in HEAVY) == []
    months = list((warm / "records").rglob("*.toml"))
    assert months
    for month in months:
        assert fast_records(month.read_text(encoding="utf-8")) is not None
