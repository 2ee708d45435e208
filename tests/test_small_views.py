"""undo, status ID... and today."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import invoke, make_workspace, write_mini_checklist


def evening(day: str) -> str:
    return f"{day}T18:00:00+08:00"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    write_mini_checklist(tmp_path)
    return make_workspace(tmp_path / "ws", checklist=str(tmp_path / "mini.yaml"))


def mark(ws: Path, day: str, *args: str, now: str | None = None) -> None:
    result = invoke(["mark", *args, "--by", "李四", "--date", day], cwd=ws, now=now or evening(day))
    assert result.exit_code == 0, result.stderr


def state_of(ws: Path, mid: str, day: str) -> str:
    data = json.loads(invoke(["status", mid, "-f", "json", "--date", day], cwd=ws, now=evening(day)).stdout)
    return str(data["measures"][0]["slots"][-1]["state"])


def test_undo_withdraws_the_newest_answer_and_history_keeps_both(mini: Path) -> None:
    mark(mini, "2021-01-04", "9.1", "-s", "done", now="2021-01-04T09:00:00+08:00")
    mark(mini, "2021-01-04", "9.2", "-s", "partial", now="2021-01-04T10:00:00+08:00")
    result = invoke(["undo"], cwd=mini, now="2021-01-04T11:00:00+08:00")
    assert result.exit_code == 0, result.stderr
    assert "已撤回 9.2" in result.stderr
    assert state_of(mini, "9.2", "2021-01-04") == "due"
    assert state_of(mini, "9.1", "2021-01-04") == "done"
    history = json.loads(invoke(["history", "9.2", "-f", "json"], cwd=mini).stdout)["records"]
    assert [r["status"] for r in history] == ["partial", "withdrawn"]
    assert "已撤回" in invoke(["history", "9.2"], cwd=mini).stdout
    # undo ID: that measure's newest answer; then nothing is left to withdraw
    assert invoke(["undo", "9.1"], cwd=mini, now="2021-01-04T12:00:00+08:00").exit_code == 0
    assert state_of(mini, "9.1", "2021-01-04") == "due"
    nothing = invoke(["undo"], cwd=mini, now="2021-01-04T12:30:00+08:00")
    assert nothing.exit_code == 2 and "没有可撤回" in nothing.stderr
    # answered again after the withdrawal: that answer is in force
    mark(mini, "2021-01-04", "9.2", "-s", "done", now="2021-01-04T13:00:00+08:00")
    assert state_of(mini, "9.2", "2021-01-04") == "done"


def test_undo_unknown_measure(mini: Path) -> None:
    assert invoke(["undo", "7.7"], cwd=mini).exit_code == 2


def test_mark_refuses_withdrawn_as_a_status(mini: Path) -> None:
    result = invoke(
        ["mark", "9.1", "-s", "withdrawn", "--by", "李四", "--date", "2021-01-04"], cwd=mini, now=evening("2021-01-04")
    )
    assert result.exit_code == 2


def test_status_of_single_measures_lists_their_slots(mini: Path) -> None:
    mark(mini, "2021-01-04", "9.1", "-s", "done")
    result = invoke(["status", "9.1", "--date", "2021-01-05"], cwd=mini, now=evening("2021-01-05"))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("9.1 每日值班")
    assert any(line.startswith("2021-01-04") and "已完成" in line and "李四" in line for line in lines)
    assert any(line.startswith("2021-01-05") and "待办" in line for line in lines)
    assert "9.2" not in result.stdout
    assert invoke(["status", "9.9"], cwd=mini).exit_code == 2


def test_today_shows_one_day_across_the_workspace(mini: Path) -> None:
    mark(mini, "2021-01-05", "9.1", "-s", "done")
    result = invoke(["today", "--date", "2021-01-05"], cwd=mini, now=evening("2021-01-05"))
    assert result.exit_code == 0, result.stderr
    rows = {
        line.split()[0]: line for line in result.stdout.splitlines()[2:] if line.strip() and not line.startswith("─")
    }
    assert set(rows) == {"9.1", "9.2", "9.3", "9.4"}
    assert "已完成" in rows["9.1"] and "待办" in rows["9.2"] and "2021-W01" in rows["9.3"]
