"""Evaluation rules at their edges: tailoring with an end date, as-needed events in a report,
and records whose slot no schedule has."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import MINI_CHECKLIST, invoke, make_workspace

AS_NEEDED = """
  - id: "9.5"
    title: 四早处置
    source: "确保早发现、早报告、早隔离、早治疗"
    frequency: as_needed
    evidence: 处置记录
"""


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    (tmp_path / "mini.yaml").write_text(MINI_CHECKLIST + AS_NEEDED, encoding="utf-8")
    return make_workspace(tmp_path / "ws", start="2021-01-04", checklist=str(tmp_path / "mini.yaml"))


def status(ws: Path, day: str) -> dict[str, dict[str, object]]:
    result = invoke(["status", "--format", "json", "--date", day], cwd=ws, now=f"{day}T20:00:00+08:00")
    assert result.exit_code == 0, result.stderr
    return {m["id"]: m for m in json.loads(result.stdout)["measures"]}


def test_tailoring_until_a_date_makes_later_slots_due_again(ws: Path) -> None:
    with open(ws / "fangkong.toml", "a", encoding="utf-8") as fh:
        fh.write('\n[[tailoring]]\nmeasure = "9.1"\nreason = "值班室装修"\nuntil = 2021-01-06\n')
    before = status(ws, "2021-01-06")["9.1"]
    assert before["state"] == "na" and before["overdue"] == 0
    after = status(ws, "2021-01-08")["9.1"]
    # the 4th-6th stay n/a by tailoring; the 7th is overdue, the 8th due
    assert after["state"] == "overdue" and after["overdue_slots"] == ["2021-01-07"]


def test_as_needed_events_are_reported_with_their_days(ws: Path) -> None:
    for day in ("2021-01-05", "2021-01-09"):
        result = invoke(
            ["mark", "9.5", "-s", "done", "--by", "甲", "--note", f"{day} 发现发热人员", "--date", day],
            cwd=ws,
            now=f"{day}T20:00:00+08:00",
        )
        assert result.exit_code == 0, result.stderr
    report = invoke(
        ["report", "--month", "2021-01", "--format", "json", "-o", "-", "--date", "2021-01-31"],
        cwd=ws,
        now="2021-02-01T09:00:00+08:00",
    )
    measure = next(m for s in json.loads(report.stdout)["sections"] for m in s["measures"] if m["id"] == "9.5")
    assert [e["key"] for e in measure["events"]] == ["2021-01-05", "2021-01-09"]
    assert measure["summary"]["slots_due"] == 0  # events are never due or overdue
    md = invoke(
        ["report", "--month", "2021-01", "--format", "md", "-o", "-", "--date", "2021-01-31"],
        cwd=ws,
        now="2021-02-01T09:00:00+08:00",
    ).stdout
    assert "2021-01-09 发现发热人员" in md


@pytest.mark.parametrize("slot", ["2021-13-01", "2021-1-5", "2021-W99", "2021-01-09", "2020-12-31", "once"])
def test_records_whose_slot_no_schedule_has_are_counted_out_loud(ws: Path, slot: str) -> None:
    """A hand-typed or impossible slot key (a Saturday for the working-day 9.2, a day before
    the campaign) is never counted silently: status says how many records it left out."""
    (ws / "records" / "2021-01.toml").write_text(
        f'format = 1\n\n[[record]]\nmeasure = "9.2"\nslot = "{slot}"\nstatus = "done"\nby = "甲"\nat = 2021-01-08T08:00:00+08:00\n',
        encoding="utf-8",
    )
    result = invoke(["status", "--date", "2021-01-08"], cwd=ws, now="2021-01-08T20:00:00+08:00")
    assert result.exit_code == 0 and "有 1 条记录" in result.stderr
    assert status(ws, "2021-01-08")["9.2"]["answered"] == 0
