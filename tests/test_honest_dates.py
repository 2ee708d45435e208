"""Honest dates: as-of judgement, on-time corrections, history by slot date and time zone."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import invoke, make_workspace


def mark(ws: Path, day: str, *args: str, now: str) -> None:
    result = invoke(["mark", *args, "--by", "李四", "--date", day], cwd=ws, now=now)
    assert result.exit_code == 0, result.stderr


def measure(ws: Path, mid: str, *args: str) -> dict[str, object]:
    result = invoke(["status", "--format", "json", *args], cwd=ws, now="2021-02-20T12:00:00+08:00")
    assert result.exit_code in (0, 1), result.stderr
    return next(m for m in json.loads(result.stdout)["measures"] if m["id"] == mid)


def test_a_record_made_after_the_day_does_not_count_as_of_that_day(tmp_path: Path) -> None:
    # 2.18 is daily; the slot of the 17th (the campaign's first day) is answered on the 18th
    workspace = make_workspace(tmp_path / "w", start="2021-01-17")
    mark(workspace, "2021-01-17", "2.18", "-s", "done", now="2021-01-18T09:00:00+08:00")
    assert measure(workspace, "2.18", "--date", "2021-01-17")["state"] == "due"
    said = invoke(["status", "--date", "2021-01-17"], cwd=workspace, now="2021-01-20T12:00:00+08:00")
    assert "有 1 条记录是 2021-01-17 之后填报的" in said.stderr
    assert measure(workspace, "2.18", "--date", "2021-01-18")["state"] == "due"  # the 17th counts now: not overdue
    # the JSON report as of the 17th does not count it either
    out = invoke(
        ["report", "--from", "2021-01-17", "--to", "2021-01-17", "--date", "2021-01-17", "-f", "json", "-o", "-"],
        cwd=workspace,
        now="2021-01-20T09:00:00+08:00",
    )
    assert out.exit_code == 0, out.stderr
    data = json.loads(out.stdout)
    line = next(m for s in data["sections"] for m in s["measures"] if m["id"] == "2.18")
    assert [s["state"] for s in line["slots"]] == ["due"]


def test_an_on_time_answer_corrected_later_is_not_late_and_shows_as_corrected(workspace: Path) -> None:
    mark(workspace, "2021-01-05", "2.18", "-s", "not_done", now="2021-01-05T18:00:00+08:00")
    mark(workspace, "2021-01-05", "2.18", "-s", "done", now="2021-01-06T09:00:00+08:00")
    out = invoke(
        ["report", "--from", "2021-01-05", "--to", "2021-01-05", "--date", "2021-01-06", "-f", "json", "-o", "-"],
        cwd=workspace,
        now="2021-01-06T10:00:00+08:00",
    )
    data = json.loads(out.stdout)
    slot = next(m for s in data["sections"] for m in s["measures"] if m["id"] == "2.18")["slots"][0]
    assert slot["state"] == "done" and slot["late"] is False and slot["corrected"] is True
    # the first answer is kept in history
    history = json.loads(invoke(["history", "2.18", "-f", "json"], cwd=workspace).stdout)["records"]
    assert [r["status"] for r in history] == ["not_done", "done"]
    assert [r["late"] for r in history] == [False, False]


def test_a_first_answer_after_the_period_is_late(workspace: Path) -> None:
    mark(workspace, "2021-01-05", "2.18", "-s", "done", now="2021-01-07T09:00:00+08:00")
    out = invoke(
        ["report", "--from", "2021-01-05", "--to", "2021-01-05", "--date", "2021-01-07", "-f", "json", "-o", "-"],
        cwd=workspace,
        now="2021-01-07T10:00:00+08:00",
    )
    slot = next(m for s in json.loads(out.stdout)["sections"] for m in s["measures"] if m["id"] == "2.18")["slots"][0]
    assert slot["late"] is True and "corrected" not in slot


def test_history_filters_by_slot_date_and_shows_the_recording_time(workspace: Path) -> None:
    # the slot of the 5th recorded on the 8th; the slot of the 8th recorded on the 8th
    mark(workspace, "2021-01-05", "2.18", "-s", "done", now="2021-01-08T09:00:00+08:00")
    mark(workspace, "2021-01-08", "2.18", "-s", "done", now="2021-01-08T10:00:00+08:00")
    data = json.loads(
        invoke(["history", "--from", "2021-01-05", "--to", "2021-01-05", "-f", "json"], cwd=workspace).stdout
    )
    assert [r["slot"] for r in data["records"]] == ["2021-01-05"]
    only_to = invoke(["history", "--to", "2021-01-06", "-f", "json"], cwd=workspace)
    assert only_to.exit_code == 0, only_to.stderr
    assert [r["slot"] for r in json.loads(only_to.stdout)["records"]] == ["2021-01-05"]
    table = invoke(["history", "--from", "2021-01-05", "--to", "2021-01-05"], cwd=workspace)
    assert "2021-01-08 09:00" in table.stdout  # when it was recorded
    backwards = invoke(["history", "--from", "2021-01-09", "--to", "2021-01-05"], cwd=workspace)
    assert backwards.exit_code == 2 and "--from" in backwards.stderr


def test_history_shows_times_on_the_workspace_clock(workspace: Path) -> None:
    # a record written by a clone on a UTC machine (or by hand): 01:30 UTC is 09:30 in Xining
    (workspace / "records").mkdir(exist_ok=True)
    (workspace / "records" / "2021-01.toml").write_text(
        'format = 1\n\n[[record]]\nmeasure = "2.18"\nslot = "2021-01-05"\nstatus = "done"\n'
        'by = "李四"\nat = 2021-01-05T01:30:00Z\n',
        encoding="utf-8",
    )
    table = invoke(["history"], cwd=workspace)
    assert table.exit_code == 0, table.stderr
    assert "2021-01-05 09:30" in table.stdout, table.stdout


def test_report_to_alone_starts_at_the_first_of_its_month(workspace: Path) -> None:
    out = invoke(
        ["report", "--to", "2021-01-10", "-f", "json", "-o", "-"], cwd=workspace, now="2021-02-20T10:00:00+08:00"
    )
    assert out.exit_code == 0, out.stderr
    assert json.loads(out.stdout)["period"]["from"] == "2021-01-01"


def test_a_new_unit_starts_clean(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "w", start="2021-03-01")
    assert measure(ws, "2.18", "--date", "2021-03-01")["state"] == "due"


def test_mark_does_not_call_a_correction_of_an_on_time_answer_late(workspace: Path) -> None:
    mark(workspace, "2021-01-05", "2.18", "-s", "not_done", now="2021-01-05T18:00:00+08:00")
    corrected = invoke(
        ["mark", "2.18", "-s", "done", "--by", "李四", "--date", "2021-01-05"],
        cwd=workspace,
        now="2021-01-06T09:00:00+08:00",
    )
    assert corrected.exit_code == 0 and "迟报" not in corrected.stderr
    late = invoke(
        ["mark", "2.18", "-s", "done", "--by", "李四", "--date", "2021-01-04"],
        cwd=workspace,
        now="2021-01-06T09:00:00+08:00",
    )
    assert "迟报" in late.stderr
