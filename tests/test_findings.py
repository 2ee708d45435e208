"""Findings: shortfalls open them, they walk 待整改 → 整改中 → 待验收 → 已销号, lights on fixed days."""

from __future__ import annotations

import json
import re
import zipfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from conftest import Result, invoke, make_workspace, write_mini_checklist, written
from fangkong_cli.findings import replay
from fangkong_cli.findings_store import (
    FindingEvent,
    append_events,
    findings_file,
    load_events,
    make_fields,
)
from fangkong_cli.lights import Light, add_workdays, light_of, workdays_left
from fangkong_cli.models import LightRules

CST = timezone(timedelta(hours=8))


def at(day: str, hour: int = 18) -> str:
    return f"{day}T{hour:02d}:00:00+08:00"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    write_mini_checklist(tmp_path)
    return make_workspace(tmp_path / "ws", checklist=str(tmp_path / "mini.yaml"))


def run(ws: Path, day: str, *args: str) -> Result:
    return invoke(list(args), cwd=ws, now=at(day))


def findings_json(ws: Path, day: str, *extra: str) -> list[dict[str, object]]:
    result = run(ws, day, "finding", "list", "--all", "-f", "json", *extra)
    assert result.exit_code == 0, result.stderr
    found: list[dict[str, object]] = json.loads(result.stdout)["findings"]
    return found


def the_file(ws: Path) -> Path:
    files = sorted((ws / "findings").glob("*/*.toml"))  # findings/<writer>/<month>.toml
    assert len(files) == 1
    return files[0]


# --- lights ----------------------------------------------------------------------------------


def test_lights_on_fixed_days() -> None:
    rules = LightRules(yellow_workdays=3)
    monday = date(2021, 3, 8)
    assert light_of(date(2021, 3, 19), monday, rules) is Light.GREEN  # 9 working days on
    assert light_of(date(2021, 3, 11), monday, rules) is Light.YELLOW  # 3 working days on
    assert light_of(monday, monday, rules) is Light.YELLOW  # due today
    assert light_of(date(2021, 3, 7), monday, rules) is Light.RED  # passed yesterday
    # Friday to the next Friday over a plain weekend: Mon..Fri = 5 working days
    assert workdays_left(date(2021, 3, 5), date(2021, 3, 12)) == 5
    assert workdays_left(date(2021, 3, 5), date(2021, 12, 31), stop=3) == 4  # stops once past 3


def test_lights_count_the_tiaoxiu_weekend_and_the_holiday() -> None:
    # Spring Festival 2021: Sunday 7 February was a make-up working day (调休), 11-17 a holiday.
    friday = date(2021, 2, 5)
    assert workdays_left(friday, date(2021, 2, 8)) == 2  # Sun 7 (调休) and Mon 8; a plain weekend gives 1
    assert light_of(date(2021, 2, 8), friday, LightRules(yellow_workdays=1)) is Light.GREEN
    assert light_of(date(2021, 3, 8), date(2021, 3, 5), LightRules(yellow_workdays=1)) is Light.YELLOW
    # eight calendar days, but only one working day (18th) after the holiday: yellow
    assert workdays_left(date(2021, 2, 10), date(2021, 2, 18)) == 1
    assert light_of(date(2021, 2, 18), date(2021, 2, 10), LightRules()) is Light.YELLOW
    assert add_workdays(date(2021, 2, 10), 1) == date(2021, 2, 18)
    assert add_workdays(date(2021, 2, 5), 1) == date(2021, 2, 7)
    assert add_workdays(date(2021, 2, 5), 0) == date(2021, 2, 5)


def test_the_yellow_threshold_comes_from_fangkong_toml(tmp_path: Path) -> None:
    write_mini_checklist(tmp_path)
    ws = make_workspace(
        tmp_path / "ws",
        checklist=str(tmp_path / "mini.yaml"),
        extra="\n[lights]\nyellow_workdays = 0\ndeadline_workdays = 2\n",
    )
    assert run(ws, "2021-01-05", "mark", "9.1", "-s", "not_done", "--by", "张三", "--date", "2021-01-05").exit_code == 0
    (f,) = findings_json(ws, "2021-01-05")
    assert f["deadline"] == "2021-01-07" and f["light"] == "green"  # 2 working days; yellow only on the day
    assert findings_json(ws, "2021-01-07")[0]["light"] == "yellow"
    assert (
        findings_json(ws, "2021-01-08")[0]["light"] == "red" and findings_json(ws, "2021-01-08")[0]["overdue"] is True
    )
    bad = make_workspace(
        tmp_path / "bad", checklist=str(tmp_path / "mini.yaml"), extra='\n[lights]\nyellow_workdays = "3"\n'
    )
    result = run(bad, "2021-01-05", "finding", "list")
    assert result.exit_code == 3 and "fangkong.toml:" in result.stderr and "yellow_workdays" in result.stderr


# --- the walk through every state ------------------------------------------------------------


def test_a_finding_walks_through_every_state_and_the_log_only_grows(mini: Path) -> None:
    assert run(mini, "2021-01-05", "mark", "9.1", "-s", "not_done", "--by", "张三", "-n", "值班表缺页").exit_code == 0
    (f,) = findings_json(mini, "2021-01-05")
    fid = str(f["id"])
    assert (f["state"], f["measure"], f["slot"], f["shortfall"], f["found"]) == (
        "open",
        "9.1",
        "2021-01-05",
        "not_done",
        "值班表缺页",
    )
    assert (f["responsible"], f["deadline"]) == ("张三", "2021-01-12")  # 5 working days on
    before = the_file(mini).read_bytes()

    def step(day: str, *args: str, state: str) -> None:
        nonlocal before
        result = run(mini, day, "finding", *args)
        assert result.exit_code == 0, result.stderr
        assert [x["state"] for x in findings_json(mini, day) if x["id"] == fid] == [state]
        now = the_file(mini).read_bytes()
        assert now.startswith(before) and len(now) > len(before)  # appended, never rewritten
        before = now

    step("2021-01-06", "update", fid, "-r", "补齐值班表并张贴", "--by", "张三", state="rectifying")
    step("2021-01-07", "submit", fid[-6:], "--by", "张三", state="verifying")  # the 6 hex digits suffice
    step("2021-01-07", "reject", fid, "--reason", "缺少签字", "--by", "李四", state="rectifying")
    step(
        "2021-01-08",
        "extend",
        fid,
        "--deadline",
        "2021-01-15",
        "--reason",
        "负责人出差",
        "--by",
        "张三",
        state="rectifying",
    )
    step("2021-01-11", "submit", fid, "-e", "值班表已签字", "--by", "张三", state="verifying")
    step("2021-01-11", "close", fid, "--by", "李四", state="closed")
    shown = json.loads(run(mini, "2021-01-12", "finding", "show", fid, "-f", "json").stdout)
    assert [h["action"] for h in shown["history"]] == [
        "open",
        "update",
        "submit",
        "reject",
        "extend",
        "submit",
        "close",
    ]
    assert [h["by"] for h in shown["history"]][-1] == "李四" and shown["closed_by"] == "李四"
    assert shown["deadline"] == "2021-01-15" and shown["extensions"] == [
        {"deadline": "2021-01-15", "reason": "负责人出差"}
    ]
    assert shown["light"] is None and shown["overdue"] is False
    assert findings_json(mini, "2021-01-06")[0]["state"] == "rectifying"  # --date replays up to that day
    assert run(mini, "2021-01-12", "finding", "list").stderr.startswith("没有整改问题")  # closed ones need --all
    text = run(mini, "2021-01-12", "finding", "show", fid).stdout
    assert "已销号" in text and "退回整改  李四  缺少签字" in text


def refused(ws: Path, day: str, *args: str, says: str) -> None:
    files = {p: p.read_bytes() for p in (ws / "findings").rglob("*.toml")}
    result = run(ws, day, "finding", *args)
    assert result.exit_code == 2, result.stderr
    assert says in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert {p: p.read_bytes() for p in (ws / "findings").rglob("*.toml")} == files


def test_striking_off_needs_evidence_and_another_person(mini: Path) -> None:
    assert run(mini, "2021-01-05", "mark", "9.2", "-s", "partial", "--by", "张三").exit_code == 0
    fid = str(findings_json(mini, "2021-01-05")[0]["id"])
    refused(mini, "2021-01-05", "close", fid, "--by", "李四", "-e", "照片", says="须先提请验收")
    refused(mini, "2021-01-05", "submit", fid, "--by", "张三", says="还没有整改措施")
    assert run(mini, "2021-01-06", "finding", "submit", fid, "-r", "补测", "--by", "张三").exit_code == 0
    refused(mini, "2021-01-06", "close", fid, "--by", "李四", says="没有任何证据")
    refused(mini, "2021-01-06", "close", fid, "-e", "测温表", "--by", "张三", says="是整改责任人")
    refused(mini, "2021-01-06", "reject", fid, "--by", "李四", says="--reason")
    refused(
        mini, "2021-01-06", "extend", fid, "--deadline", "2021-01-06", "--reason", "x", "--by", "张三", says="须晚于"
    )
    refused(mini, "2021-01-06", "show", "F-20990101-000000", says="没有编号为")
    assert run(mini, "2021-01-06", "finding", "close", fid, "-e", "测温表", "--by", "李四").exit_code == 0
    refused(mini, "2021-01-07", "update", fid, "-n", "again", "--by", "李四", says="已销号")
    refused(mini, "2021-01-07", "submit", fid, "--by", "张三", says="已提请验收或已销号")


def test_one_open_finding_per_slot_and_only_for_shortfalls(mini: Path) -> None:
    for status in ("not_done", "partial", "done"):
        assert run(mini, "2021-01-05", "mark", "9.1", "-s", status, "--by", "张三").exit_code == 0
    assert run(mini, "2021-01-05", "mark", "9.3", "-s", "done", "--by", "张三").exit_code == 0
    assert run(mini, "2021-01-05", "mark", "9.4", "-s", "na", "--reason", "已有预案", "--by", "张三").exit_code == 0
    found = findings_json(mini, "2021-01-05")
    assert [(f["measure"], f["slot"]) for f in found] == [("9.1", "2021-01-05")]  # one, though two shortfalls
    fid = str(found[0]["id"])
    assert (
        run(mini, "2021-01-05", "finding", "submit", fid, "-r", "补记", "-e", "值班表", "--by", "张三").exit_code == 0
    )
    assert run(mini, "2021-01-05", "finding", "close", fid, "--by", "王五").exit_code == 0
    assert (
        run(mini, "2021-01-06", "mark", "9.1", "-s", "not_done", "--by", "张三", "--date", "2021-01-05").exit_code == 0
    )
    again = findings_json(mini, "2021-01-06")
    assert len(again) == 2 and again[1]["state"] == "open" and again[1]["id"] != fid  # struck off: a new one


def test_opening_by_hand_and_its_refusals(mini: Path) -> None:
    ok = run(
        mini,
        "2021-01-05",
        "finding",
        "open",
        "9.3",
        "--found",
        "督查：宣传未更新",
        "--responsible",
        "赵六",
        "--slot",
        "2021-W01",
        "--deadline",
        "2021-01-08",
        "--by",
        "督查组",
    )
    assert ok.exit_code == 0 and "赵六" in ok.stderr
    (f,) = findings_json(mini, "2021-01-05")
    assert (f["shortfall"], f["opened_by"], f["slot"], f["light"]) == (None, "督查组", "2021-W01", "yellow")
    refused(mini, "2021-01-05", "open", "9.99", "--found", "x", "--by", "a", says="9.99")
    refused(mini, "2021-01-05", "open", "9.3", "--found", "x", "--deadline", "2021-01-04", "--by", "a", says="早于今天")
    refused(mini, "2021-01-05", "open", "9.3", "--found", " ", "--by", "a", says="--found")
    refused(mini, "2021-01-05", "open", "9.3", "--found", "bad\x1bname", "--by", "a", says="控制字符")
    refused(mini, "2021-01-05", "open", "9.3", "--found", "x", "--slot", "2021-01-05", "--by", "a", says="没有时段")
    refused(mini, "2021-01-05", "open", "9.3", "--found", "x", "--slot", "../../etc", "--by", "a", says="没有时段")


def test_a_damaged_findings_file_stops_recording_and_is_never_rewritten(mini: Path) -> None:
    assert run(mini, "2021-01-05", "mark", "9.1", "-s", "not_done", "--by", "张三").exit_code == 0
    path = the_file(mini)
    path.write_bytes(path.read_bytes() + b"\n[[event]]\nfinding = 12\n")
    records = written(mini).read_bytes()
    result = run(mini, "2021-01-06", "mark", "9.2", "-s", "not_done", "--by", "张三")
    assert result.exit_code == 3 and f"{path}:" in result.stderr and "event[2]" in result.stderr
    assert written(mini).read_bytes() == records  # the answer was not stored either
    for args in (["finding", "list"], ["status"], ["report", "-f", "json", "-o", "-"]):
        assert run(mini, "2021-01-06", *args).exit_code == 3


def test_clones_writing_their_own_files_merge_into_one_history(tmp_path: Path) -> None:
    opened = datetime(2021, 1, 5, 9, tzinfo=CST)
    fid = "F-20210105-abcdef"
    fields = make_fields(measure="9.1", slot="2021-01-05", found="x", responsible="张三", deadline=date(2021, 1, 12))
    append_events(tmp_path, "a", [FindingEvent(fid, "open", "张三", opened, fields)])
    append_events(
        tmp_path,
        "b",
        [FindingEvent(fid, "update", "张三", opened + timedelta(hours=1), make_fields(rectification="补"))],
    )
    assert findings_file(tmp_path, "b", opened) == tmp_path / "findings" / "b" / "2021-01.toml"
    (finding,) = replay(load_events(tmp_path))
    assert finding.state.value == "rectifying" and [e.action for e in finding.history] == ["open", "update"]
    # without the other clone's opening, its changes wait: nothing is invented
    assert replay([e for e in load_events(tmp_path) if e.action != "open"]) == []


# --- where findings show ---------------------------------------------------------------------


@pytest.fixture
def month(mini: Path) -> Path:
    """January with a finding in every state, plus one struck off in the month."""
    run(mini, "2021-01-05", "mark", "9.1", "-s", "not_done", "--by", "张三", "-n", "值班表缺页")
    run(mini, "2021-01-05", "mark", "9.2", "-s", "partial", "--by", "李四")
    run(mini, "2021-01-06", "mark", "9.3", "-s", "not_done", "--by", "王五")
    run(
        mini,
        "2021-01-07",
        "finding",
        "open",
        "9.4",
        "--found",
        "督查：预案未修订",
        "--responsible",
        "赵六",
        "--by",
        "督查组",
    )
    ids = {f["measure"]: str(f["id"]) for f in findings_json(mini, "2021-01-07")}
    run(mini, "2021-01-08", "finding", "update", ids["9.2"], "-r", "补测", "--by", "李四")  # 整改中
    run(mini, "2021-01-08", "finding", "submit", ids["9.3"], "-r", "补推送", "-e", "推送链接", "--by", "王五")  # 待验收
    run(mini, "2021-01-08", "finding", "submit", ids["9.4"], "-r", "修订预案", "-e", "预案文本", "--by", "赵六")
    run(mini, "2021-01-11", "finding", "close", ids["9.4"], "--by", "督查组")  # 已销号
    return mini


def test_status_shows_lights_and_counts_open_findings(month: Path) -> None:
    result = run(month, "2021-01-13", "status", "-f", "json")
    assert result.exit_code == 0
    lights = {m["id"]: m["light"] for m in json.loads(result.stdout)["measures"]}
    assert lights["9.1"] == "red"  # days overdue
    assert json.loads(result.stdout)["findings"] == {
        "total": 3,
        "closed": 0,
        "overdue": 2,
        "red": 2,
        "yellow": 1,
        "green": 0,
    }
    assert "整改问题未销号 3 个：红 2、黄 1、绿 0" in result.stderr  # 9.1, 9.2 due the 12th; 9.3 today
    tsv = run(month, "2021-01-13", "status", "-f", "tsv").stdout.splitlines()
    assert tsv[0].split("\t")[-1] == "light" and tsv[1].split("\t")[-1] == "red"


def test_a_months_report_shows_every_finding_in_every_format(month: Path, tmp_path: Path) -> None:
    found = findings_json(month, "2021-01-13")
    assert sorted(str(f["state"]) for f in found) == ["closed", "open", "rectifying", "verifying"]
    ids = [str(f["id"]) for f in found]
    for fmt in ("md", "html", "csv", "json", "xlsx", "docx"):
        out = tmp_path / f"r.{fmt}"
        result = run(month, "2021-01-13", "report", "--month", "2021-01", "-f", fmt, "-o", str(out))
        assert result.exit_code == 0, result.stderr
        if fmt in ("xlsx", "docx"):
            with zipfile.ZipFile(out) as z:
                text = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
        else:
            text = out.read_bytes().decode("utf-8-sig")
        assert "整改台账" in text or fmt == "json", fmt
        for fid in ids:
            assert fid in text, (fmt, fid)
        if fmt != "json":
            for state in ("待整改", "整改中", "待验收", "已销号"):
                assert state in text, (fmt, state)
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    by_state = {f["state"]: f for f in data["findings"]}
    assert by_state["closed"]["closed_by"] == "督查组" and by_state["closed"]["light"] is None
    assert by_state["open"]["overdue"] is True and by_state["open"]["light"] == "red"
    rolled = run(month, "2021-01-13", "aggregate", str(tmp_path / "r.json"), "-f", "json", "-o", "-")
    assert json.loads(rolled.stdout)["units"][0]["findings"] == {"red": 2, "yellow": 1, "green": 0}
    direct = run(
        month,
        "2021-01-13",
        "aggregate",
        str(month),
        "--month",
        "2021-01",
        "--date",
        "2021-01-13",
        "-f",
        "json",
        "-o",
        "-",
    )
    assert json.loads(direct.stdout)["units"][0]["findings"] == {
        "red": 2,
        "yellow": 1,
        "green": 0,
    }  # from the workspace
    table = run(month, "2021-01-13", "aggregate", str(tmp_path / "r.json")).stdout
    assert "西宁市总工会（xining）：红 2、黄 1、绿 0" in table
    # a later month does not show what was struck off before it began
    feb = run(month, "2021-02-01", "report", "--month", "2021-02", "-f", "json", "-o", "-")
    assert sorted(f["state"] for f in json.loads(feb.stdout)["findings"]) == ["open", "rectifying", "verifying"]


def test_check_and_mark_say_where_a_shortfall_is_filed(mini: Path) -> None:
    walked = invoke(["check", "--by", "张三"], cwd=mini, tty=True, input="3\n\n\n\nq\n", now=at("2021-01-04"))
    assert walked.exit_code == 0, walked.stderr
    (f,) = findings_json(mini, "2021-01-04")
    assert (f["measure"], f["slot"], f["shortfall"]) == ("9.1", "2021-01-04", "not_done")
    assert f"已登记为整改问题 {f['id']}" in walked.stderr
    marked = run(mini, "2021-01-04", "mark", "9.1", "-s", "partial", "--by", "张三")
    assert f"9.1（2021-01-04）已登记为整改问题 {f['id']}" in marked.stderr  # the one already open
    assert len(findings_json(mini, "2021-01-04")) == 1
    assert "整改问题" not in run(mini, "2021-01-04", "mark", "9.2", "-s", "done", "--by", "张三").stderr


def _replace_folder_by_file(folder: Path) -> None:
    for sub in folder.iterdir():
        sub.rmdir()
    folder.rmdir()
    folder.write_text("x", encoding="utf-8")


@pytest.mark.parametrize(
    "damage, says",
    [
        (lambda p: p.write_bytes('format = 1\n[[event]]\nfinding = "甲"\n'.encode("gbk")), "UTF-8"),
        (lambda p: p.write_text("format = 9\n", encoding="utf-8"), "升级"),
        (lambda p: p.write_text("format = 1\n[[event]\n", encoding="utf-8"), "TOML"),
        (lambda p: p.mkdir(), "记录文件"),
        (lambda p: _replace_folder_by_file(p.parent.parent), "findings"),
    ],
)
def test_bad_findings_files_are_reported_and_left_alone(mini: Path, damage: object, says: str) -> None:
    folder = mini / "findings" / "pc-1"  # a writer's folder, as a clone would bring it
    folder.mkdir(parents=True)
    path = folder / "2021-01.toml"
    damage(path)  # type: ignore[operator]
    (mini / ".fangkong.lock").touch()  # the lock file is left by any writer; it holds nothing

    def files() -> dict[Path, bytes]:
        return {p: p.read_bytes() for p in mini.rglob("*") if p.is_file() and ".fangkong" not in p.parts}

    before = files()
    for args in (["finding", "list"], ["mark", "9.1", "-s", "not_done", "--by", "张三"], ["remind", "--dry-run"]):
        result = run(mini, "2021-01-05", *args)
        assert result.exit_code == 3, (args, result.stderr)
        assert says in result.stderr and "Traceback" not in result.stderr
    assert files() == before


def test_finding_list_fits_the_terminal_width(month: Path) -> None:
    from fangkong_cli.cli.plain import cell_len

    result = invoke(["finding", "list", "--all"], cwd=month, now=at("2021-01-13"), env={"COLUMNS": "72"})
    assert result.exit_code == 0
    assert re.search(".*".join("督查：预案未修订"), result.stdout, flags=re.DOTALL)  # folded, never cut
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= 72
    assert "共 4 个问题：已销号 1，逾期 2" in result.stderr


# --- proof: findings events are hash-chained like records ---------------------------------------


def _events(path: Path) -> tuple[str, list[str]]:
    head, *blocks = path.read_text(encoding="utf-8").split("\n[[event]]\n")
    return head, blocks


def test_findings_events_verify_with_the_records(month: Path) -> None:
    result = invoke(["verify"], cwd=month)
    assert result.exit_code == 0, result.stderr
    events = len(_events(the_file(month))[1])
    assert events == 8 and f"已核验 {events} 条整改事件" in result.stderr  # 4 opened, 4 steps
    assert all(re.search(r'^hash = "[0-9a-f]{64}"$', block, re.M) for block in _events(the_file(month))[1])


@pytest.mark.parametrize("tamper", ["edit", "delete", "swap"])
def test_verify_finds_a_rewritten_findings_event(month: Path, tamper: str) -> None:
    path = the_file(month)
    head, blocks = _events(path)
    if tamper == "edit":  # the responsible person quietly changed on the opening
        blocks[1] = blocks[1].replace('responsible = "李四"', 'responsible = "王五"')
        assert "王五" in blocks[1]
        broken = 2
    elif tamper == "delete":
        del blocks[2]
        broken = 3
    else:
        blocks[3], blocks[4] = blocks[4], blocks[3]
        broken = 4
    path.write_text("\n[[event]]\n".join([head, *blocks]), encoding="utf-8")
    assert run(month, "2021-01-12", "finding", "list").exit_code == 0  # still readable
    result = invoke(["verify"], cwd=month)
    assert result.exit_code == 3
    lines = [n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text == "[[event]]"]
    assert result.stderr.startswith(f"{path}:{lines[broken - 1]}: "), result.stderr
    assert f"第 {broken} 条整改事件的校验链断开" in result.stderr


def test_events_from_before_chains_are_counted_and_a_hand_added_one_is_caught(mini: Path) -> None:
    assert run(mini, "2021-01-05", "mark", "9.1", "-s", "not_done", "--by", "张三").exit_code == 0
    path = the_file(mini)
    head, blocks = _events(path)
    unhashed = [re.sub(r'^hash = ".*"\n?', "", b, flags=re.M) for b in blocks]
    path.write_text("\n[[event]]\n".join([head, *unhashed]), encoding="utf-8")  # as written before chains
    before = path.read_bytes()
    result = invoke(["verify"], cwd=mini)
    assert result.exit_code == 0 and "1 条整改事件写于启用校验链之前" in result.stderr
    assert path.read_bytes() == before  # verify writes nothing
    (f,) = findings_json(mini, "2021-01-05")
    assert run(mini, "2021-01-06", "finding", "update", str(f["id"]), "-r", "补", "--by", "张三").exit_code == 0
    assert invoke(["verify"], cwd=mini).exit_code == 0  # the chain starts after the old events
    with path.open("a", encoding="utf-8") as fh:  # an event typed in by hand
        fh.write(f'\n[[event]]\nfinding = "{f["id"]}"\naction = "close"\nby = "某人"\nat = 2021-01-07T09:00:00+08:00\n')
    result = invoke(["verify"], cwd=mini)
    assert result.exit_code == 3 and "第 3 条整改事件缺少校验值" in result.stderr


def test_a_clock_set_back_appends_to_the_newest_month_and_the_chain_holds(mini: Path) -> None:
    assert (
        run(mini, "2021-02-02", "mark", "9.1", "-s", "not_done", "--by", "张三", "--date", "2021-02-01").exit_code == 0
    )
    (f,) = findings_json(mini, "2021-02-02")
    result = run(mini, "2021-01-20", "finding", "update", str(f["id"]), "-r", "补", "--by", "张三")  # clock back
    assert result.exit_code == 0, result.stderr
    files = sorted((mini / "findings").glob("*/*.toml"))
    assert [p.name for p in files] == ["2021-02.toml"] and len(_events(files[0])[1]) == 2
    assert invoke(["verify"], cwd=mini).exit_code == 0
