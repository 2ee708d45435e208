"""Cron and pipes: the installed command with no terminal, an empty environment, odd encodings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from conftest import make_workspace

FANGKONG = str(Path(sys.executable).with_name("fangkong"))


def cron_env(**extra: str) -> dict[str, str]:
    """What cron gives a job: almost nothing, and the C locale."""
    return {"PATH": "/usr/bin:/bin", "LANG": "C", "FANGKONG_NOW": "2021-01-06T20:00:00+08:00", **extra}


def run_cron(args: list[str], cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [FANGKONG, *args],
        cwd=cwd,
        env=cron_env(**extra),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def test_status_under_cron_speaks_chinese_plainly(workspace: Path) -> None:
    result = run_cron(["status", "--fail-on", "overdue"], workspace)
    assert result.returncode == 1  # the campaign started on the 4th: things are overdue
    # a measure's row says 逾期 (not only the column header): 2.18 is daily, the 4th and 5th unanswered
    assert any(line.startswith("2.18 ") and "逾期" in line for line in result.stdout.splitlines()), result.stdout
    assert "截至 2021-01-06" in result.stdout
    assert "\x1b[" not in result.stdout + result.stderr
    assert "…" not in result.stdout
    assert "Traceback" not in result.stderr


def test_cron_json_and_a_second_language(workspace: Path) -> None:
    result = run_cron(["status", "--format", "json"], workspace)
    assert result.returncode == 0
    assert json.loads(result.stdout)["summary"]["overdue"] > 0
    english = run_cron(["status"], workspace, FANGKONG_LANG="en")
    assert "overdue" in english.stdout and "As of 2021-01-06" in english.stdout


def test_check_under_cron_fails_at_once_without_hanging(workspace: Path) -> None:
    result = run_cron(["check"], workspace)
    assert result.returncode == 2
    assert "fangkong mark" in result.stderr and "Traceback" not in result.stderr


def test_init_under_cron_needs_flags(tmp_path: Path) -> None:
    result = run_cron(["init", "--dir", str(tmp_path / "w")], tmp_path)
    assert result.returncode == 2 and "--unit-id" in result.stderr
    assert not (tmp_path / "w").exists()


def test_gbk_console_does_not_crash(workspace: Path) -> None:
    result = subprocess.run(
        [FANGKONG, "mark", "2.18", "-s", "done", "--by", "值班员", "--date", "2021-01-06"],
        cwd=workspace,
        env=cron_env(PYTHONIOENCODING="gbk"),
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "已记录".encode("gbk") in result.stderr


def test_closed_stdout_is_not_a_crash(workspace: Path) -> None:
    with subprocess.Popen(
        [FANGKONG, "checklist", "show"], cwd=workspace, env=cron_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.read(10)
        proc.stdout.close()  # the reader goes away, like `fangkong checklist show | head -1`
        err = proc.stderr.read().decode("utf-8", "replace")
        assert proc.wait(timeout=60) == 0
    assert "Traceback" not in err and "BrokenPipe" not in err


def test_no_color_and_columns_are_respected(workspace: Path) -> None:
    result = run_cron(["status"], workspace, COLUMNS="60")
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= 60  # terminal cells, not characters


@pytest.mark.parametrize(
    "args, code",
    [
        (["--version"], 0),
        (["status", "--format", "yaml"], 2),
        (["frobnicate"], 2),
        (["mark"], 2),
        (["--lang", "fr", "status"], 2),
    ],
)
def test_exit_codes_of_usage(workspace: Path, args: list[str], code: int) -> None:
    result = run_cron(args, workspace)
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    if code == 2:
        assert len(result.stderr.strip().splitlines()) == 1  # one clear line


def test_help_lists_the_exit_codes(tmp_path: Path) -> None:
    result = run_cron(["--help"], tmp_path)
    assert result.returncode == 0
    for fragment in ("0", "1 --fail-on", "2 用法错误", "3 数据或配置有误", "4 另一个 fangkong"):
        assert fragment in result.stdout


def test_fangkong_home_under_cron(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "unit")
    result = run_cron(["status", "--format", "tsv"], tmp_path, FANGKONG_HOME=str(ws))
    assert result.returncode == 0 and result.stdout.startswith("id\tsection")
