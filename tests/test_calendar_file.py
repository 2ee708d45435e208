"""calendar.toml: a unit's holiday arrangement for years the built-in tables do not cover."""

from __future__ import annotations

import os
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import invoke, make_workspace
from fangkong_cli.calendar_file import load_calendar
from fangkong_cli.models import Frequency, Measure
from fangkong_cli.schedule import Campaign, slots_between
from fangkong_cli.workdays import last_covered_day

# An illustrative arrangement (not the official one): a Friday off, a Monday off, a Saturday worked.
CALENDAR_2027 = """\
# 本单位按国务院办公厅通知填写的放假安排（测试用示例）
[[year]]
year = 2027
holidays = [
  2027-01-01,  # 星期五
  2027-02-08,  # 星期一
]
workdays = [2027-02-20]  # 星期六调休上班
"""

WORKDAY = Measure("w", "工作日测温", "体温测量", Frequency.WORKDAY, "登记表")


def test_a_listed_make_up_saturday_is_a_working_day_and_listed_holidays_are_not(tmp_path: Path) -> None:
    (tmp_path / "calendar.toml").write_text(CALENDAR_2027, encoding="utf-8")
    own = load_calendar(tmp_path)
    assert own is not None and own.years == frozenset({2027})
    campaign = Campaign(date(2026, 12, 28), calendar=own)
    keys = {s.key for s in slots_between(WORKDAY, campaign, date(2026, 12, 28), date(2027, 3, 1))}
    assert "2027-02-20" in keys  # a Saturday, worked
    assert "2027-01-01" not in keys and "2027-02-08" not in keys  # weekdays, off
    assert "2027-02-09" in keys and "2027-02-21" not in keys  # an ordinary Tuesday and Sunday


def test_no_file_is_no_calendar(tmp_path: Path) -> None:
    assert load_calendar(tmp_path) is None


def test_the_workspace_uses_its_calendar_for_records(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws", start="2027-01-04")
    (ws / "calendar.toml").write_text(CALENDAR_2027, encoding="utf-8")
    now = "2027-02-21T09:00:00+08:00"
    assert invoke(["mark", "2.10", "-s", "done", "--by", "甲", "--date", "2027-02-20"], cwd=ws, now=now).exit_code == 0
    refused = invoke(["mark", "2.10", "-s", "done", "--by", "甲", "--date", "2027-02-08"], cwd=ws, now=now)
    assert refused.exit_code == 2 and "2027-02-08" in refused.stderr
    status = invoke(["status", "--date", "2027-02-21"], cwd=ws, now=now)
    assert status.exit_code == 0 and "calendar.toml" not in status.stderr  # 2027 is covered


def _first_uncovered_year() -> int:
    return last_covered_day(after=2021).year + 1


def test_without_a_calendar_the_fallback_warning_names_the_file(tmp_path: Path) -> None:
    year = _first_uncovered_year()
    ws = make_workspace(tmp_path / "ws", start=f"{year}-01-04")
    result = invoke(["status", "--date", f"{year}-01-10"], cwd=ws)
    assert result.exit_code == 0
    assert str(ws / "calendar.toml") in result.stderr and f"year = {year}" in result.stderr
    en = invoke(["--lang", "en", "status", "--date", f"{year}-01-10"], cwd=ws)
    assert "Monday to Friday" in en.stderr and "calendar.toml" in en.stderr


def test_status_warns_thirty_days_before_the_calendar_runs_out(tmp_path: Path) -> None:
    last = last_covered_day(after=2021)
    ws = make_workspace(tmp_path / "ws", start=(last - timedelta(days=60)).isoformat())
    soon = invoke(["status"], cwd=ws, now=f"{last - timedelta(days=10)}T09:00:00+08:00")
    assert soon.exit_code == 0
    assert last.isoformat() in soon.stderr and "10" in soon.stderr
    assert str(ws / "calendar.toml") in soon.stderr and f"year = {last.year + 1}" in soon.stderr
    early = invoke(["status", "--date", (last - timedelta(days=31)).isoformat()], cwd=ws)
    assert "calendar.toml" not in early.stderr
    # With next year's arrangement in calendar.toml the calendar no longer runs out then.
    (ws / "calendar.toml").write_text(f"[[year]]\nyear = {last.year + 1}\nholidays = []\n", encoding="utf-8")
    covered = invoke(["status", "--date", (last - timedelta(days=10)).isoformat()], cwd=ws)
    assert covered.exit_code == 0 and "calendar.toml" not in covered.stderr


def test_no_warning_when_the_campaign_ends_before_the_calendar(tmp_path: Path) -> None:
    last = last_covered_day(after=2021)
    start = last - timedelta(days=40)
    ws = make_workspace(tmp_path / "ws", start=start.isoformat(), end=(last - timedelta(days=1)).isoformat())
    result = invoke(["status", "--date", (last - timedelta(days=5)).isoformat()], cwd=ws)
    assert result.exit_code == 0 and "calendar.toml" not in result.stderr


BAD: dict[str, tuple[str | bytes, int | None, str]] = {
    "weekend_holiday": ("[[year]]\nyear = 2027\nholidays = [\n  2027-01-01,\n  2027-02-06,\n]\n", 5, "2027-02-06"),
    "weekday_workday": ("[[year]]\nyear = 2027\nworkdays = [2027-02-22]\n", 3, "2027-02-22"),
    "other_year": ("[[year]]\nyear = 2027\n\nholidays = [2026-10-01]\n", 4, "2026-10-01"),
    "duplicate_year": ("[[year]]\nyear = 2027\n\n[[year]]\nyear = 2027\n", 5, "2027"),
    "duplicate_date": ("[[year]]\nyear = 2027\nholidays = [2027-01-01, 2027-01-01]\n", 3, "2027-01-01"),
    "bad_date": ("[[year]]\nyear = 2027\nholidays = [2027-02-30]\n", 3, "TOML"),
    "text_year": ('[[year]]\nyear = "2027"\n', 2, "year"),
    "number_for_date": ("[[year]]\nyear = 2027\n\nworkdays = [\n  20270220,\n]\n", 5, "workdays"),
    "not_a_list": ("[[year]]\nyear = 2027\nholidays = 2027-01-01\n", 3, "holidays"),
    "typo_key": ("[[year]]\nyear = 2027\nholiday = [2027-01-01]\n", 3, "holiday"),
    "no_year": ("[[year]]\nholidays = [2027-01-01]\n", 1, "year"),
    "empty": ("# 还没有填写\n", 1, "year"),
    "gbk": ("[[year]]\n# 放假安排\nyear = 2027\n".encode("gbk"), 2, "UTF-8"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_calendar_is_exit_3_with_file_and_line_and_changes_nothing(tmp_path: Path, case: str) -> None:
    ws = make_workspace(tmp_path / "ws", start="2027-01-04")
    content, line, text = BAD[case]
    path = ws / "calendar.toml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    before = sorted(p.relative_to(ws).as_posix() for p in ws.rglob("*") if ".fangkong" not in p.parts)
    now = "2027-02-21T09:00:00+08:00"
    for args in (["status"], ["mark", "2.18", "-s", "done", "--by", "甲"], ["report", "--month", "2027-01", "-o", "-"]):
        result = invoke(args, cwd=ws, now=now)
        assert result.exit_code == 3, (args, result.stderr)
        where = f"{path}:{line}:" if line is not None else f"{path}:"
        assert where in result.stderr and text in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    after = sorted(p.relative_to(ws).as_posix() for p in ws.rglob("*") if ".fangkong" not in p.parts)
    assert after == before and not list((ws / "records").iterdir())


def test_a_calendar_that_is_a_folder_or_too_large_is_refused(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws", start="2027-01-04")
    (ws / "calendar.toml").mkdir()
    result = invoke(["status"], cwd=ws)
    assert result.exit_code == 3 and "calendar.toml" in result.stderr
    (ws / "calendar.toml").rmdir()
    (ws / "calendar.toml").write_text("# " + "x" * 300_000 + "\n", encoding="utf-8")
    result = invoke(["status"], cwd=ws)
    assert result.exit_code == 3 and "文件太大" in result.stderr


@pytest.mark.skipif(sys.platform == "win32" or not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_calendar_that_is_a_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws", start="2027-01-04")
    os.mkfifo(ws / "calendar.toml")
    result = invoke(["status"], cwd=ws)
    assert result.exit_code == 3 and "不是普通文件" in result.stderr


def test_a_changed_calendar_is_read_again_not_taken_from_the_cache(tmp_path: Path) -> None:
    (tmp_path / "calendar.toml").write_text(CALENDAR_2027, encoding="utf-8")
    first = load_calendar(tmp_path)
    assert first is not None and date(2027, 2, 20) in first.workdays
    (tmp_path / "calendar.toml").write_text(CALENDAR_2027.replace("2027-02-20", "2027-02-27"), encoding="utf-8")
    second = load_calendar(tmp_path)
    assert second is not None and second.workdays == frozenset({date(2027, 2, 27)})
