"""The daily walk: what `fangkong check` offers each day, skips remembered, and the duty list."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import Result, invoke, make_workspace, write_mini_checklist
from fangkong_cli.checklist import load_checklist, resolve_sources
from fangkong_cli.schedule import Campaign
from fangkong_cli.walksim import simulate
from fangkong_cli.workdays import is_workday

TZ = ZoneInfo("Asia/Shanghai")


def evening(day: str) -> str:
    return f"{day}T18:00:00+08:00"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    write_mini_checklist(tmp_path)
    return make_workspace(tmp_path / "ws", checklist=str(tmp_path / "mini.yaml"))


def duty(ws: Path, day: str, *extra: str) -> list[tuple[str, str, str]]:
    result = invoke(["check", "--list", "--format", "json", "--date", day, *extra], cwd=ws, now=evening(day))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["date"] == day
    return [(i["measure"], i["slot"], i["state"]) for i in data["items"]]


def walk(ws: Path, day: str, answers: str, *extra: str) -> Result:
    return invoke(["check", "--date", day, "--by", "李四", *extra], cwd=ws, tty=True, input=answers, now=evening(day))


def test_a_diligent_officer_ends_january_with_nothing_overdue_and_short_days() -> None:
    checklist = load_checklist(resolve_sources("qzbt-2021-4"))
    campaign = Campaign(date(2021, 1, 4))
    result = simulate(checklist, campaign, date(2021, 1, 4), date(2021, 1, 29), TZ)  # the last working day
    assert result.overdue_at_end == 0
    assert result.most <= 25, result.days
    assert len(result.days) == sum(1 for d in result.days if is_workday(d.day)) == 20
    # every day run, rest days too (the daily 值班 measures): nothing overdue on the 31st either
    every_day = simulate(checklist, campaign, date(2021, 1, 4), date(2021, 1, 31), TZ, runs_on=lambda d: True)
    assert every_day.overdue_at_end == 0 and every_day.most <= 25


def test_after_the_spring_festival_the_walk_stays_short() -> None:
    checklist = load_checklist(resolve_sources("qzbt-2021-4"))
    result = simulate(checklist, Campaign(date(2021, 1, 4)), date(2021, 1, 4), date(2021, 2, 26), TZ)
    assert result.overdue_at_end == 0
    assert result.most <= 25


def test_a_new_unit_is_not_asked_everything_on_its_first_day(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws", start="2021-03-15")
    first = duty(ws, "2021-03-15")
    assert 0 < len(first) <= 25


def test_a_notice_full_of_monthly_duties_is_spread_over_the_first_working_days(tmp_path: Path) -> None:
    """Sixty monthly measures: the walk offers at most 25 a day and spreads the rest."""
    lines = ["section:", '  id: "8"', "  number: 八", "  title: 每月事项", "measures:"]
    for n in range(1, 61):
        lines += [
            f'  - id: "8.{n}"',
            f"    title: 每月检查{n}",
            f'    source: "每月开展第{n}项检查"',
            "    frequency: monthly",
            "    evidence: 检查记录",
        ]
    (tmp_path / "monthly.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    ws = make_workspace(tmp_path / "ws", start="2021-03-01", checklist=str(tmp_path / "monthly.yaml"))
    first = duty(ws, "2021-03-01")
    assert 0 < len(first) <= 25
    assert len(duty(ws, "2021-03-01", "--all-due")) == 60  # what the walk spreads over the days


def test_long_slots_come_early_and_a_skip_waits_for_the_final_days(mini: Path) -> None:
    # mini: 9.1 daily, 9.2 workday, 9.3 weekly, 9.4 once (due the 10th)
    assert duty(mini, "2021-01-04") == [
        ("9.1", "2021-01-04", "due"),
        ("9.2", "2021-01-04", "due"),
        ("9.3", "2021-W01", "due"),
    ]
    skipped = walk(mini, "2021-01-04", "1\n\n\n\n1\n\n\n\ns\n")  # 9.1 and 9.2 done, 9.3 skipped
    assert skipped.exit_code == 0, skipped.stderr
    assert "跳过 1 条" in skipped.stderr
    assert ("9.3", "2021-W01", "due") not in duty(mini, "2021-01-05")  # the skip is remembered
    assert ("9.4", "once", "due") in duty(mini, "2021-01-05")  # its turn came
    # the week's last working days (6th to 8th): offered again, every day until answered
    assert ("9.3", "2021-W01", "due") in duty(mini, "2021-01-06")
    # --all-due offers every open slot, skipped or not
    assert ("9.3", "2021-W01", "due") in duty(mini, "2021-01-05", "--all-due")


def test_a_skip_of_todays_slot_holds_for_the_day(mini: Path) -> None:
    walk(mini, "2021-01-04", "s\n")
    assert ("9.1", "2021-01-04", "due") not in duty(mini, "2021-01-04")
    assert ("9.1", "2021-01-04", "overdue") in duty(mini, "2021-01-05")  # overdue is always offered


def test_duty_list_without_a_terminal_and_as_a_table(mini: Path) -> None:
    table = invoke(["check", "--list", "--date", "2021-01-04"], cwd=mini, now=evening("2021-01-04"))
    assert table.exit_code == 0 and "每日值班" in table.stdout and "2021-W01" in table.stdout
    assert "2021-01-04：应办 3 项" in table.stdout


def test_damaged_skips_file_is_no_skip(mini: Path) -> None:
    state = mini / ".fangkong"
    state.mkdir(exist_ok=True)
    (state / "skips.json").write_text("{not json", encoding="utf-8")
    assert len(duty(mini, "2021-01-04")) == 3
    walk(mini, "2021-01-04", "s\n")
    assert json.loads((state / "skips.json").read_text(encoding="utf-8")) == {"9.1 2021-01-04": "2021-01-04"}
