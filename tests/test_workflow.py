"""A unit's daily life: init, mark, check, status, history — counted by hand."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from conftest import Result, invoke, make_workspace, nothing_written, write_mini_checklist, written


def evening(day: str) -> str:
    return f"{day}T18:00:00+08:00"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    write_mini_checklist(tmp_path)
    return make_workspace(tmp_path / "ws", checklist=str(tmp_path / "mini.yaml"))


def mark(ws: Path, day: str, *args: str, now: str | None = None) -> Result:
    result = invoke(["mark", *args, "--date", day, "--by", "张三"], cwd=ws, now=now or evening(day))
    return result


def scripted_week(ws: Path) -> None:
    assert mark(ws, "2021-01-04", "9.1", "9.2", "-s", "done").exit_code == 0
    assert mark(ws, "2021-01-04", "9.4", "-s", "partial", "--note", "初稿").exit_code == 0
    assert mark(ws, "2021-01-05", "9.1", "-s", "done").exit_code == 0
    assert mark(ws, "2021-01-05", "9.2", "-s", "not_done").exit_code == 0
    # nothing on the 6th; on the 7th the officer back-fills the 6th (late) and does the 7th
    assert mark(ws, "2021-01-06", "9.1", "-s", "done", now=evening("2021-01-07")).exit_code == 0
    assert mark(ws, "2021-01-07", "9.1", "9.2", "-s", "done").exit_code == 0
    assert mark(ws, "2021-01-08", "9.1", "-s", "na", "--reason", "单位停电放假").exit_code == 0


def status_json(ws: Path, day: str) -> dict[str, Any]:
    result = invoke(["status", "--format", "json", "--date", day], cwd=ws, now=evening(day))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def test_a_scripted_week_matches_a_hand_count(mini: Path) -> None:
    scripted_week(mini)
    data = status_json(mini, "2021-01-09")  # a Saturday
    states = {m["id"]: m["state"] for m in data["measures"]}
    # 9.1 daily: 4th-8th answered (6th late, 8th n/a), 9th still open today
    # 9.2 workdays: 4th, 5th, 7th answered; 6th and 8th missed
    # 9.3 weekly: this week still open; 9.4 once: answered "partial", due the 10th
    assert states == {"9.1": "due", "9.2": "overdue", "9.3": "due", "9.4": "partial"}
    overdue = {m["id"]: m["overdue_slots"] for m in data["measures"]}
    assert overdue["9.2"] == ["2021-01-06", "2021-01-08"]
    assert data["summary"] == {
        "slots_due": 13,
        "answered": 9,
        "coverage": round(9 / 13, 4),
        "done": 6,
        "partial": 1,
        "not_done": 1,
        "na": 1,
        "overdue": 2,
        "late": 1,
    }


def test_after_the_week_the_missed_slots_turn_overdue(mini: Path) -> None:
    scripted_week(mini)
    data = status_json(mini, "2021-01-11")
    states = {m["id"]: m["state"] for m in data["measures"]}
    assert states["9.3"] == "overdue"  # 2021-W01 ended unanswered
    assert states["9.1"] == "overdue"  # 9th and 10th
    assert states["9.4"] == "partial"  # answered before its due date: not overdue


def test_a_late_record_clears_overdue_and_a_correction_wins(mini: Path) -> None:
    scripted_week(mini)
    assert mark(mini, "2021-01-06", "9.2", "-s", "done", now=evening("2021-01-09")).exit_code == 0
    assert mark(mini, "2021-01-08", "9.2", "-s", "done", now=evening("2021-01-09")).exit_code == 0
    assert mark(mini, "2021-01-05", "9.2", "-s", "done", now=evening("2021-01-09")).exit_code == 0
    data = status_json(mini, "2021-01-09")
    states = {m["id"]: m["state"] for m in data["measures"]}
    assert states["9.2"] == "done"
    summary = data["summary"]
    # the 6th and 8th (and the 6th of 9.1) were first answered late; the 5th was answered on
    # time (未完成) and corrected later: a correction, not a late answer
    assert summary["overdue"] == 0 and summary["not_done"] == 0 and summary["late"] == 3
    history = invoke(["history", "9.2", "--format", "json"], cwd=mini)
    records = json.loads(history.stdout)["records"]
    fifth = [r for r in records if r["slot"] == "2021-01-05"]
    assert [r["status"] for r in fifth] == ["not_done", "done"]
    assert fifth[0]["superseded"] and not fifth[0]["correction"]
    assert fifth[1]["correction"] and not fifth[1]["late"]


def test_fail_on_exit_codes(mini: Path) -> None:
    scripted_week(mini)
    day = "2021-01-09"
    assert invoke(["status", "--date", day, "--fail-on", "overdue"], cwd=mini, now=evening(day)).exit_code == 1
    assert invoke(["status", "--date", day, "--fail-on", "due"], cwd=mini, now=evening(day)).exit_code == 1
    clean = make_workspace(mini.parent / "clean", start="2021-01-04", checklist=str(mini.parent / "mini.yaml"))
    assert mark(clean, "2021-01-04", "9.1", "9.2", "9.3", "9.4", "-s", "done").exit_code == 0
    assert invoke(["status", "--date", "2021-01-04", "--fail-on", "overdue"], cwd=clean).exit_code == 0
    assert invoke(["status", "--date", "2021-01-04", "--fail-on", "due"], cwd=clean).exit_code == 0
    assert invoke(["status", "--date", "2021-01-05", "--fail-on", "due"], cwd=clean).exit_code == 1
    assert invoke(["status", "--fail-on", "sometimes"], cwd=clean).exit_code == 2


def test_status_table_and_tsv(mini: Path) -> None:
    scripted_week(mini)
    table = invoke(["status", "--date", "2021-01-09"], cwd=mini)
    assert table.exit_code == 0
    row = next(line for line in table.stdout.splitlines() if line.startswith("9.2 "))
    assert "逾期" in row  # the measure's own row, not the column header
    assert "覆盖率 69.2%" in table.stdout.replace("\n", "")
    assert "\x1b[" not in table.stdout
    tsv = invoke(["status", "--format", "tsv", "--date", "2021-01-09"], cwd=mini)
    rows = [line.split("\t") for line in tsv.stdout.strip().splitlines()]
    assert rows[0][:5] == ["id", "section", "title", "frequency", "state"]
    assert {r[0]: r[4] for r in rows[1:]}["9.2"] == "overdue"


def test_tailoring_marks_a_measure_not_applicable(tmp_path: Path) -> None:
    write_mini_checklist(tmp_path)
    ws = make_workspace(
        tmp_path / "ws",
        checklist=str(tmp_path / "mini.yaml"),
        extra='\n[[tailoring]]\nmeasure = "9.2"\nreason = "本单位无固定办公场所"\n',
    )
    data = status_json(ws, "2021-01-06")
    m92 = next(m for m in data["measures"] if m["id"] == "9.2")
    assert m92["state"] == "na" and m92["overdue"] == 0


def test_mark_errors_record_nothing(mini: Path) -> None:
    before = sorted((mini / "records").iterdir())
    unknown = mark(mini, "2021-01-04", "9.1", "9.99", "-s", "done")
    assert unknown.exit_code == 2 and "9.99" in unknown.stderr
    outside = mark(mini, "2020-12-31", "9.1", "-s", "done")
    assert outside.exit_code == 2 and "没有应填报的时段" in outside.stderr
    holiday = mark(mini, "2021-01-09", "9.2", "-s", "done")
    assert holiday.exit_code == 2
    no_reason = mark(mini, "2021-01-04", "9.1", "-s", "na")
    assert no_reason.exit_code == 2 and "--reason" in no_reason.stderr
    bad_status = mark(mini, "2021-01-04", "9.1", "-s", "finished")
    assert bad_status.exit_code == 2
    bad_date = mark(mini, "2021-13-01", "9.1", "-s", "done")
    assert bad_date.exit_code == 2 and "2021-13-01" in bad_date.stderr
    assert sorted((mini / "records").iterdir()) == before


def test_mark_remembers_the_officer(mini: Path) -> None:
    assert (
        invoke(["mark", "9.1", "-s", "done", "--date", "2021-01-04"], cwd=mini, now=evening("2021-01-04")).exit_code
        == 2
    )
    assert mark(mini, "2021-01-04", "9.1", "-s", "done").exit_code == 0
    again = invoke(["mark", "9.2", "-s", "done", "--date", "2021-01-04"], cwd=mini, now=evening("2021-01-04"))
    assert again.exit_code == 0
    assert 'by = "张三"' in written(mini).read_text(encoding="utf-8").split("9.2")[1]


def test_evidence_file_url_and_path_tricks(mini: Path) -> None:
    (mini / "evidence").mkdir()
    (mini / "evidence" / "签到表.jpg").write_bytes(b"photo")
    ok = mark(mini, "2021-01-04", "9.1", "-s", "done", "-e", "evidence/签到表.jpg", "-e", "https://example.org/a")
    assert ok.exit_code == 0, ok.stderr
    text = written(mini).read_text(encoding="utf-8")
    assert 'value = "evidence/签到表.jpg"' in text
    assert 'sha256 = "' in text and 'kind = "url"' in text
    (mini.parent / "secret.txt").write_text("x", encoding="utf-8")
    for trick in ("../secret.txt", str(mini.parent / "secret.txt"), "../../etc/passwd"):
        bad = mark(mini, "2021-01-05", "9.1", "-s", "done", "-e", trick)
        assert bad.exit_code == 2, trick
        assert "不在工作区内" in bad.stderr


def test_records_keep_rich_markup_literally(mini: Path) -> None:
    assert mark(mini, "2021-01-04", "9.1", "-s", "done", "--note", "[bold red]注意[/] [link=x]y").exit_code == 0
    history = invoke(["history"], cwd=mini, env={"COLUMNS": "160"})
    assert "[bold red]注意[/] [link=x]y" in history.stdout


def test_control_characters_in_notes_are_refused(mini: Path) -> None:
    bad = mark(mini, "2021-01-04", "9.1", "-s", "done", "--note", "a\x1b[31mb")
    assert bad.exit_code == 2
    assert nothing_written(mini)


# --- workspace discovery -------------------------------------------------------------------


def test_discovery_order(tmp_path: Path) -> None:
    a = make_workspace(tmp_path / "a", unit_id="unit-a")
    b = make_workspace(tmp_path / "b", unit_id="unit-b")
    deep = a / "x" / "y"
    deep.mkdir(parents=True)

    def unit(**kw: object) -> str:
        result = invoke(["status", "--format", "json", "--date", "2021-01-04"], **kw)  # type: ignore[arg-type]
        assert result.exit_code == 0, result.stderr
        return str(json.loads(result.stdout)["unit"]["id"])

    assert unit(cwd=deep) == "unit-a"  # nearest fangkong.toml above
    assert unit(cwd=deep, env={"FANGKONG_HOME": str(b)}) == "unit-b"  # env beats the folder
    result = invoke(
        ["status", "--format", "json", "--date", "2021-01-04", "-w", str(a)], cwd=deep, env={"FANGKONG_HOME": str(b)}
    )
    assert json.loads(result.stdout)["unit"]["id"] == "unit-a"  # --workspace beats both
    none = invoke(["status"], cwd=tmp_path)
    assert none.exit_code == 2 and "fangkong init" in none.stderr


def test_init_refuses_bad_input_and_existing_workspaces(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    before = (ws / "fangkong.toml").read_bytes()
    again = invoke(["init", "--dir", str(ws), "--unit-id", "x", "--unit-name", "y"])
    assert again.exit_code == 2 and (ws / "fangkong.toml").read_bytes() == before
    for bad_id in ("../evil", "a/b", "CON", "x" * 41, ""):
        result = invoke(["init", "--dir", str(tmp_path / "n"), "--unit-id", bad_id, "--unit-name", "名"])
        assert result.exit_code == 2, bad_id
        assert not (tmp_path / "n" / "fangkong.toml").exists()
    no_tty = invoke(["init", "--dir", str(tmp_path / "m")])
    assert no_tty.exit_code == 2 and "--unit-id" in no_tty.stderr
    bad_tz = invoke(
        ["init", "--dir", str(tmp_path / "t"), "--unit-id", "x", "--unit-name", "y", "--timezone", "Mars/Base"]
    )
    assert bad_tz.exit_code == 2


def test_init_interactive(tmp_path: Path) -> None:
    answers = "../haidong\nhaidong\n海东市总工会\n"  # a bad id is refused at once and asked again
    result = invoke(["init", "--dir", str(tmp_path / "i")], tty=True, input=answers, now=evening("2021-01-04"))
    assert "../haidong" in result.stderr
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "i" / "fangkong.toml").read_text(encoding="utf-8")
    assert 'id = "haidong"' in text and "海东市总工会" in text and "start = 2021-01-04" in text


def test_short_records_marked_one_after_another_stay_valid_toml(mini: Path) -> None:
    # tomli-w writes a short array of tables inline (`record = [...]`); appended after an
    # existing [[record]] table that would redefine the key and break the month file.
    for day in ("2021-01-04", "2021-01-05", "2021-01-06"):
        assert mark(mini, day, "9.1", "-s", "done").exit_code == 0
    text = written(mini).read_text(encoding="utf-8")
    assert text.count("[[record]]") == 3 and "record = [" not in text
    assert invoke(["status", "--date", "2021-01-06"], cwd=mini).exit_code == 0


@pytest.mark.parametrize("columns", ["40", "60", "80"])
def test_terminal_tables_fold_and_never_cut(mini: Path, columns: str) -> None:
    scripted_week(mini)
    for args in (["status", "--date", "2021-01-09"], ["history"], ["checklist", "show"]):
        result = invoke(args, cwd=mini, tty=True, env={"COLUMNS": columns})
        assert result.exit_code == 0, result.stderr
        plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)  # NO_COLOR keeps bold
        assert "…" not in plain, (args, columns)
        assert max(cell_len(line) for line in plain.splitlines()) <= int(columns), (args, columns)
    status = invoke(["status", "--date", "2021-01-09"], cwd=mini, tty=True, env={"COLUMNS": columns})
    assert "每日值班" in status.stdout  # the measure column is there, folded if need be


def test_nothing_is_due_after_the_campaign_ends(tmp_path: Path) -> None:
    write_mini_checklist(tmp_path)
    ws = make_workspace(tmp_path / "ws", end="2021-01-06", checklist=str(tmp_path / "mini.yaml"))
    data = status_json(ws, "2021-01-10")
    states = {m["id"]: m["state"] for m in data["measures"]}
    assert "due" not in states.values()
    assert states["9.3"] == "overdue" and states["9.4"] == "overdue"  # closed with the campaign
    late = mark(ws, "2021-01-08", "9.1", "-s", "done", now=evening("2021-01-10"))
    assert late.exit_code == 2  # after the end there is no slot to answer
    backfill = mark(ws, "2021-01-06", "9.1", "9.3", "9.4", "-s", "done", now=evening("2021-01-10"))
    assert backfill.exit_code == 0 and "迟报" in backfill.stderr


def test_lang_can_follow_the_command(mini: Path) -> None:
    result = invoke(["status", "--date", "2021-01-05", "--lang", "en"], cwd=mini)
    assert result.exit_code == 0 and "As of 2021-01-05" in result.stdout.replace("\n", " ")
    assert invoke(["history", "--lang=en"], cwd=mini).exit_code == 0


def test_report_output_paths_that_promise_something_else(mini: Path, tmp_path: Path) -> None:
    missing = invoke(
        ["report", "--month", "2021-01", "-o", str(tmp_path / "share") + "/"], cwd=mini, now=evening("2021-01-09")
    )
    assert missing.exit_code == 2 and not (tmp_path / "share").exists()
    pdf = invoke(["report", "--month", "2021-01", "-o", str(tmp_path / "r.pdf")], cwd=mini, now=evening("2021-01-09"))
    assert pdf.exit_code == 2 and "--format" in pdf.stderr and not (tmp_path / "r.pdf").exists()


def test_history_notices_evidence_changed_after_it_was_recorded(mini: Path) -> None:
    photo = mini / "evidence" / "签到表.jpg"
    photo.parent.mkdir()
    photo.write_bytes(b"photo")
    assert mark(mini, "2021-01-04", "9.1", "-s", "done", "-e", "evidence/签到表.jpg").exit_code == 0
    clean = json.loads(invoke(["history", "--format", "json"], cwd=mini).stdout)["records"][0]
    assert clean["evidence_changed"] == []
    photo.write_bytes(b"another photo")
    changed = json.loads(invoke(["history", "--format", "json"], cwd=mini).stdout)["records"][0]
    assert changed["evidence_changed"] == ["evidence/签到表.jpg"]
    table = invoke(["history"], cwd=mini, env={"COLUMNS": "200"})
    assert "已改动" in table.stdout
