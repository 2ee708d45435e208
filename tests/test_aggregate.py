"""fangkong aggregate: many units' reports (or workspaces) rolled up for one period."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import invoke, make_workspace
from test_report import clean_environment

NOW = "2021-02-03T10:00:00+08:00"
UNITS = {"xining": "西宁市总工会", "haidong": "海东市总工会", "haixi": "海西州总工会"}


def unit_workspace(root: Path, unit_id: str, answered_days: int) -> Path:
    """A unit that answered the daily duty measure (2.18) on the first `answered_days` days."""
    ws = make_workspace(root / unit_id, unit_id=unit_id, unit_name=UNITS[unit_id])
    days = [f"2021-01-{d:02d}" for d in range(4, 4 + answered_days)]
    for day in days:
        result = invoke(
            ["mark", "2.18", "--status", "done", "--by", "值班员", "--date", day], cwd=ws, now=f"{day}T18:00:00+08:00"
        )
        assert result.exit_code == 0, result.stderr
    return ws


def write_report(ws: Path, out: Path, *args: str, now: str = NOW) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    result = invoke(["report", "-f", "json", "-o", str(out), *args], cwd=ws, now=now)
    assert result.exit_code == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Workspaces of three units and their January reports, as of 2021-01-31."""
    root = tmp_path_factory.mktemp("province")
    with clean_environment():
        for unit_id, answered in (("xining", 20), ("haidong", 10), ("haixi", 0)):
            ws = unit_workspace(root / "workspaces", unit_id, answered)
            write_report(ws, root / "reports" / f"{unit_id}_2021-01.json", "--month", "2021-01", "--date", "2021-01-31")
    return root


@pytest.fixture
def reports(province: Path, tmp_path: Path) -> Path:
    """A fresh copy of the reports folder a test may add files to."""
    folder = tmp_path / "inbox"
    shutil.copytree(province / "reports", folder)
    return folder


def aggregate(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    result = invoke(["aggregate", *args], cwd=cwd, now=NOW)
    return result.exit_code, result.stdout, result.stderr


def rollup_json(*args: str) -> dict:  # type: ignore[type-arg]
    code, out, err = aggregate(*args, "-f", "json", "-o", "-")
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


def test_table_shows_units_missing_units_and_top_measures(reports: Path, tmp_path: Path) -> None:
    expect = tmp_path / "expect.txt"
    expect.write_text("# 应报单位\nxining\nhaidong  # 海东\n\nhaixi\nyushu\n", encoding="utf-8")
    code, out, err = aggregate(str(reports), "--expect", str(expect))
    assert code == 0, err
    assert err == ""
    for name in UNITS.values():
        assert name in out
    missing = out.split("未报送单位\n", 1)[1].splitlines()[0]
    assert missing == "yushu"
    assert "2.18" in out.split("逾期最多的措施", 1)[1]
    assert "3 个单位报送（应报 4 个，未报 1 个）" in out


def test_figures_are_the_units_own(reports: Path) -> None:
    data = rollup_json(str(reports))
    assert data["kind"] == "fangkong-aggregate" and data["schema_version"] == 2
    assert data["period"] == {"from": "2021-01-01", "to": "2021-01-31", "label": "2021-01"}
    units = {u["id"]: u for u in data["units"]}
    assert sorted(units) == sorted(UNITS)
    own = json.loads((reports / "haidong_2021-01.json").read_text(encoding="utf-8"))
    assert units["haidong"]["summary"] == own["summary"]
    assert units["haidong"]["sections"]["2"] == own["sections"][1]["summary"]
    assert data["summary"]["slots_due"] == sum(u["summary"]["slots_due"] for u in data["units"])
    top = {m["id"]: m for m in data["top_overdue"]}
    assert top["2.18"]["units"] == 3  # everybody missed some days of duty
    past = 27  # 2021-01-04 to 01-30; as of the 31st its own slot is still due, not overdue
    assert top["2.18"]["overdue_slots"] == (past - 20) + (past - 10) + past
    assert data["expected"] is None and data["missing"] == []


def test_expected_units_from_csv(reports: Path, tmp_path: Path) -> None:
    expect = tmp_path / "units.csv"
    expect.write_text("\ufeffname,id\n西宁,xining\n玉树,yushu\n果洛,guoluo\n", encoding="utf-8")
    data = rollup_json(str(reports), "--expect", str(expect))
    assert data["missing"] == ["yushu", "guoluo"]
    assert sorted(data["not_expected"]) == ["haidong", "haixi"]
    bad = tmp_path / "bad.csv"
    bad.write_text("name,code\n西宁,xining\n", encoding="utf-8")
    code, _, err = aggregate(str(reports), "--expect", str(bad))
    assert code == 2 and "id" in err


def test_same_unit_twice_newest_wins(reports: Path, province: Path) -> None:
    ws = province / "workspaces" / "haidong"
    write_report(ws, reports / "old" / "haidong.json", "--month", "2021-01", "--date", "2021-01-20")
    code, out, err = aggregate(str(reports), "-f", "json", "-o", "-")
    assert code == 0, err
    data = json.loads(out)
    assert [u["as_of"] for u in data["units"] if u["id"] == "haidong"] == ["2021-01-31"]
    assert "haidong" in err and "haidong_2021-01.json" in err and "old/haidong.json" in err
    assert data["duplicates"][0]["unit"] == "haidong"


def test_same_as_of_the_newer_file_wins(reports: Path, province: Path) -> None:
    ws = province / "workspaces" / "xining"
    copy = write_report(ws, reports / "again" / "xining.json", "--month", "2021-01", "--date", "2021-01-31")
    data = json.loads(copy.read_text(encoding="utf-8"))
    data["unit"]["name"] = "西宁市总工会（重报）"
    copy.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    first = reports / "xining_2021-01.json"
    os.utime(first, (1_600_000_000, 1_600_000_000))
    os.utime(copy, (1_700_000_000, 1_700_000_000))
    assert [u["name"] for u in rollup_json(str(reports))["units"] if u["id"] == "xining"] == ["西宁市总工会（重报）"]
    os.utime(first, (1_800_000_000, 1_800_000_000))
    assert [u["name"] for u in rollup_json(str(reports))["units"] if u["id"] == "xining"] == ["西宁市总工会"]


def test_report_of_another_period_is_left_out(reports: Path, province: Path) -> None:
    ws = province / "workspaces" / "haixi"
    write_report(ws, reports / "haixi_2021-02.json", "--month", "2021-02", "--date", "2021-02-28")
    code, out, err = aggregate(str(reports), "--month", "2021-01", "-f", "json", "-o", "-")
    assert code == 0, err
    assert "haixi_2021-02.json" in err and "2021-02" in err and "2021-01" in err
    assert [u["source"] for u in json.loads(out)["units"] if u["id"] == "haixi"] == [
        str(reports / "haixi_2021-01.json")
    ]
    code, _, err = aggregate(str(reports))  # no period given and the reports disagree
    assert code == 2
    assert "2021-01 (3)" in err and "2021-02 (1)" in err and "--month" in err


def test_broken_newer_and_foreign_files_are_named_and_skipped(reports: Path) -> None:
    (reports / "broken.json").write_text('{"kind": "fangkong-report", "schema_version": 1,', encoding="utf-8")
    newer = json.loads((reports / "xining_2021-01.json").read_text(encoding="utf-8"))
    newer["schema_version"] = 2
    newer["unit"]["id"] = "future"
    (reports / "future.json").write_text(json.dumps(newer), encoding="utf-8")
    other = dict(newer, schema_version=1, checklist="another-notice")
    other["unit"] = {"id": "elsewhere", "name": "别处"}
    (reports / "other.json").write_text(json.dumps(other), encoding="utf-8")
    (reports / "package.json").write_text('{"name": "not a report"}', encoding="utf-8")
    evil = json.loads((reports / "haixi_2021-01.json").read_text(encoding="utf-8"))
    evil["unit"] = {"id": "evil", "name": "\x1b[31m红色"}
    (reports / "evil.json").write_text(json.dumps(evil), encoding="utf-8")
    code, out, err = aggregate(str(reports))
    assert code == 0, err
    lines = err.splitlines()
    assert any("broken.json" in line and "JSON" in line for line in lines)
    assert any("future.json" in line and "2" in line and "升级" in line for line in lines)
    assert any("other.json" in line and "another-notice" in line for line in lines)
    assert any("package.json" in line and "不是 fangkong 报告" in line for line in lines)
    assert any("evil.json" in line and "控制字符" in line for line in lines)
    assert "\x1b" not in out and "别处" not in out
    assert all(name in out for name in UNITS.values())


def test_nothing_valid_is_bad_data(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("[1, 2", encoding="utf-8")
    code, _, err = aggregate(str(tmp_path))
    assert code == 3
    assert "a.json" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert aggregate(str(empty))[0] == 3


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = aggregate(str(tmp_path / "nowhere"))
    assert code == 2 and "nowhere" in err


def test_workspaces_are_reported_in_memory(province: Path) -> None:
    data = rollup_json(str(province / "workspaces"), "--month", "2021-01", "--date", "2021-01-31")
    from_files = rollup_json(str(province / "reports"))
    assert [(u["id"], u["summary"]) for u in data["units"]] == [(u["id"], u["summary"]) for u in from_files["units"]]


def test_hidden_folders_and_records_are_not_searched(reports: Path) -> None:
    for hidden in (reports / ".git", reports / "records"):
        hidden.mkdir()
        (hidden / "x.json").write_text("not json", encoding="utf-8")
    code, _, err = aggregate(str(reports))
    assert code == 0 and err == ""


@pytest.mark.parametrize("fmt", ["md", "csv", "html", "xlsx", "json"])
def test_every_format_is_written(reports: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"rollup.{fmt}"
    code, _, err = aggregate(str(reports), "-f", fmt, "-o", str(out))
    assert code == 0, err
    raw = out.read_bytes()
    again = tmp_path / f"again.{fmt}"
    aggregate(str(reports), "-f", fmt, "-o", str(again))
    assert again.read_bytes() == raw
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        assert raw.startswith(b"\xef\xbb\xbf") and rows[0][0] == "单位编号"
        assert len(rows) == 1 + 3 * (4 + 1)  # units x (sections + total)
    elif fmt == "html":
        assert b"<script" not in raw and "海东市总工会".encode() in raw
    elif fmt == "md":
        assert "| 海西州总工会 (haixi) |".encode() in raw
    elif fmt == "xlsx":
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.load_workbook(out)
        assert str(book.active["A3"].value).startswith("报送情况")  # who reported, and in time
        assert [c.value for c in book.active[5]][:2] == ["单位编号", "单位"]


def test_table_cannot_go_to_a_file(reports: Path, tmp_path: Path) -> None:
    code, _, err = aggregate(str(reports), "-f", "table", "-o", str(tmp_path / "x.txt"))
    assert code == 2 and "--format" in err


def test_reading_is_light(reports: Path) -> None:
    """A report is validated without building its slot details (what keeps 1,000 files fast)."""
    from fangkong_cli.unit_reports import UnitReport, load_report_file

    loaded = load_report_file(reports / "xining_2021-01.json")
    assert isinstance(loaded, UnitReport)
    assert loaded.unit_id == "xining" and all(m.overdue for m in loaded.measures)
