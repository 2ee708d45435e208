"""A notice lives in time: campaigns started any day, a notice's own period, several notices
in one workspace, and a workspace of the previous release opened unchanged."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import MINI_CHECKLIST, invoke, make_workspace, write_mini_checklist, written

PERIOD_CHECKLIST = """\
notice:
  id: winter-test
  title: 关于做好冬季值守工作的测试通知
  doc_number: 测试〔2030〕1号
  issuer: 测试单位办公室
  period:
    start: "2030-11-01"
    end: "2031-03-31"
    name: 2030—2031年冬季
"""


def period_checklist(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "notice.yaml").write_text(PERIOD_CHECKLIST, encoding="utf-8")
    (folder / "9.yaml").write_text(
        MINI_CHECKLIST.replace('    due: "2021-01-10"\n', "    to_day: 7\n"), encoding="utf-8"
    )
    return folder


def init(root: Path, start: str, checklist: Path, *extra: str) -> tuple[int, str]:
    args = ["init", "--dir", str(root), "--unit-id", "u1", "--unit-name", "测试单位", "--start", start]
    result = invoke([*args, "--checklist", str(checklist), *extra], now=f"{start}T08:00:00+08:00")
    return result.exit_code, result.stderr


def test_a_campaign_inside_the_notice_period_ends_with_it(tmp_path: Path) -> None:
    code, err = init(tmp_path / "ws", "2030-12-01", period_checklist(tmp_path / "c"))
    assert code == 0, err
    assert "2031-03-31 结束" in err and "不在此期间" not in err
    assert "end = 2031-03-31" in (tmp_path / "ws" / "fangkong.toml").read_text(encoding="utf-8")


def test_a_campaign_outside_the_period_is_told_and_ends_after_as_long(tmp_path: Path) -> None:
    code, err = init(tmp_path / "ws", "2033-06-01", period_checklist(tmp_path / "c"))
    assert code == 0, err
    assert "2030—2031年冬季" in err and "不在此期间" in err
    # the period lasted 150 days after its first: so does the campaign
    assert "end = 2033-10-29" in (tmp_path / "ws" / "fangkong.toml").read_text(encoding="utf-8")


def test_the_unit_may_set_its_own_end_or_none_is_said(tmp_path: Path) -> None:
    code, err = init(tmp_path / "a", "2033-06-01", period_checklist(tmp_path / "c"), "--end", "2034-01-31")
    assert code == 0 and "end = 2034-01-31" in (tmp_path / "a" / "fangkong.toml").read_text(encoding="utf-8")
    code, err = init(tmp_path / "b", "2033-06-01", write_mini_checklist(tmp_path / "m"))
    assert code == 0 and "没有结束日期" in err


def test_a_one_off_duty_of_a_later_campaign_can_be_recorded(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    assert init(ws, "2033-06-01", period_checklist(tmp_path / "c"))[0] == 0
    result = invoke(
        ["mark", "9.4", "-s", "done", "--by", "甲", "--date", "2033-06-03"], cwd=ws, now="2033-06-03T09:00:00+08:00"
    )
    assert result.exit_code == 0, result.stderr
    assert 'slot = "once"' in written(ws, "2033-06").read_text(encoding="utf-8")
    late = invoke(
        ["mark", "9.4", "-s", "done", "--by", "甲", "--date", "2033-06-08"], cwd=ws, now="2033-06-08T09:00:00+08:00"
    )
    assert late.exit_code == 2  # day 8: the one-off duty was due within the first 7 days


# --- several notices ---------------------------------------------------------------------------


def test_campaign_add_list_end_touch_only_fangkong_toml(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws", start="2021-01-04", checklist=str(write_mini_checklist(tmp_path / "m")))
    assert (
        invoke(
            ["mark", "9.1", "-s", "done", "--by", "甲", "--date", "2021-01-04"], cwd=ws, now="2021-01-04T09:00:00+08:00"
        ).exit_code
        == 0
    )
    records_before = written(ws).read_bytes()
    config_before = (ws / "fangkong.toml").read_text(encoding="utf-8")
    other = period_checklist(tmp_path / "c")
    added = invoke(
        ["campaign", "add", str(other), "--start", "2021-01-10", "--end", "2021-02-28"],
        cwd=ws,
        now="2021-01-10T09:00:00+08:00",
    )
    assert added.exit_code == 0, added.stderr
    config = (ws / "fangkong.toml").read_text(encoding="utf-8")
    assert config.startswith(config_before) and "[[campaigns]]" in config and 'id = "c"' in config
    listed = invoke(["campaign", "list", "--date", "2021-01-12"], cwd=ws, env={"COLUMNS": "160"})
    assert (
        listed.exit_code == 0
        and "关于做好冬季值守工作的测试通知" in listed.stdout
        and listed.stdout.count("进行中") == 2
    )
    ended = invoke(["campaign", "end", "c", "--date", "2021-01-20"], cwd=ws, now="2021-01-20T09:00:00+08:00")
    assert ended.exit_code == 0, ended.stderr
    after = (ws / "fangkong.toml").read_text(encoding="utf-8")
    changed = [line for line in after.splitlines() if line not in config.splitlines()]
    assert changed == ["end = 2021-01-20"]
    assert written(ws).read_bytes() == records_before
    again = invoke(["campaign", "add", str(other)], cwd=ws, now="2021-01-21T09:00:00+08:00")
    assert again.exit_code == 2 and "--id" in again.stderr


def test_an_old_single_notice_workspace_opens_unchanged(tmp_path: Path) -> None:
    """A workspace as the previous release wrote it: records/2021-01.toml, no writer folders."""
    ws = make_workspace(tmp_path / "ws", start="2021-01-04")
    old = ws / "records" / "2021-01.toml"
    old.write_text(
        'format = 1\n\n[[record]]\nmeasure = "2.18"\nslot = "2021-01-04"\nstatus = "done"\nby = "甲"\n'
        "at = 2021-01-04T20:00:00+08:00\n",
        encoding="utf-8",
    )
    before = old.read_bytes()
    status = invoke(["status", "--format", "json", "--date", "2021-01-05"], cwd=ws, now="2021-01-05T20:00:00+08:00")
    assert status.exit_code == 0
    measures = {m["id"]: m for m in json.loads(status.stdout)["measures"]}
    assert measures["2.18"]["last_done"] == "2021-01-04"
    assert (
        invoke(
            ["mark", "2.18", "-s", "done", "--by", "乙", "--date", "2021-01-05"],
            cwd=ws,
            now="2021-01-05T20:00:00+08:00",
        ).exit_code
        == 0
    )
    assert old.read_bytes() == before  # never written again
    history = json.loads(invoke(["history", "2.18", "--format", "json"], cwd=ws).stdout)["records"]
    assert [(r["slot"], r["by"]) for r in history] == [("2021-01-04", "甲"), ("2021-01-05", "乙")]


def test_two_checklists_whose_ids_collide_run_side_by_side(tmp_path: Path) -> None:
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "mini.yaml").write_text(MINI_CHECKLIST, encoding="utf-8")
    (tmp_path / "lists" / "other.yaml").write_text(MINI_CHECKLIST.replace("测试章节", "另一份通知"), encoding="utf-8")
    ws = make_workspace(tmp_path / "ws", start="2021-01-05", checklist=str(tmp_path / "lists" / "mini.yaml"))
    now = "2021-01-05T18:00:00+08:00"
    assert (
        invoke(
            ["campaign", "add", str(tmp_path / "lists" / "other.yaml"), "--start", "2021-01-05"], cwd=ws, now=now
        ).exit_code
        == 0
    )
    bare = invoke(["mark", "9.1", "-s", "done", "--by", "甲"], cwd=ws, now=now)
    assert bare.exit_code == 2 and "mini:9.1" in bare.stderr and "other:9.1" in bare.stderr
    assert invoke(["mark", "other:9.1", "-s", "done", "--by", "甲"], cwd=ws, now=now).exit_code == 0
    assert sorted(p.relative_to(ws).parts[:2] for p in ws.rglob("*.toml") if "records" in p.parts) == [
        ("campaigns", "other")
    ]
    status = json.loads(invoke(["status", "--format", "json"], cwd=ws, now=now).stdout)
    states = {(m["checklist"], m["id"]): m["state"] for m in status["measures"]}
    assert states[("other", "9.1")] == "done" and states[("mini", "9.1")] == "due"
    assert [c["id"] for c in status["campaigns"]] == ["mini", "other"]
    narrowed = json.loads(invoke(["status", "--format", "json", "--campaign", "other"], cwd=ws, now=now).stdout)
    assert {m["checklist"] for m in narrowed["measures"]} == {"other"}
    history = json.loads(invoke(["history", "--format", "json"], cwd=ws, now=now).stdout)["records"]
    assert [(r["checklist"], r["measure"]) for r in history] == [("other", "9.1")]
    duty = json.loads(invoke(["check", "--list", "--format", "json"], cwd=ws, now=now).stdout)["items"]
    assert ("mini", "9.1") in {(i["checklist"], i["measure"]) for i in duty}
    assert ("other", "9.1") not in {(i["checklist"], i["measure"]) for i in duty}  # answered
    assert invoke(["report", "--format", "json", "-o", "-"], cwd=ws, now=now).exit_code == 2
    one = invoke(["report", "--format", "json", "-o", "-", "--campaign", "other"], cwd=ws, now=now)
    assert one.exit_code == 0 and json.loads(one.stdout)["unit"]["id"] == "xining"
    both = invoke(["report", "--format", "json", "-o", str(tmp_path / "out") + "/"], cwd=ws, now=now)
    assert both.exit_code == 2  # the folder must exist
    (tmp_path / "out").mkdir()
    both = invoke(["report", "--format", "json", "-o", str(tmp_path / "out")], cwd=ws, now=now)
    assert both.exit_code == 0, both.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["xining_2021-01.json", "xining_other_2021-01.json"]


def test_status_says_a_campaign_has_no_end_at_a_terminal_not_in_cron_mail(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws", start="2021-01-04", checklist=str(write_mini_checklist(tmp_path / "m")))
    at_terminal = invoke(["status"], cwd=ws, now="2021-01-05T09:00:00+08:00", tty=True)
    piped = invoke(["status"], cwd=ws, now="2021-01-05T09:00:00+08:00")
    assert "没有结束日期" in at_terminal.stderr and "没有结束日期" not in piped.stderr
