"""`fangkong sheet export|import`: the 台账 filled in a spreadsheet and recorded like `mark`."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from conftest import invoke, make_workspace, write_mini_checklist

openpyxl = pytest.importorskip("openpyxl")

NOW = "2021-01-10T20:00:00+08:00"


@pytest.fixture
def unit(tmp_path: Path) -> Path:
    checklist = write_mini_checklist(tmp_path / "lists")
    ws = make_workspace(tmp_path / "ws", checklist=str(checklist))
    assert invoke(["mark", "9.1", "-s", "done", "--by", "张三", "--date", "2021-01-04"], cwd=ws, now=NOW).exit_code == 0
    return ws


def export(ws: Path, out: Path, *extra: str) -> Path:
    result = invoke(["sheet", "export", "--week", "2021-W01", "-o", str(out), *extra], cwd=ws, now=NOW)
    assert result.exit_code == 0, result.stderr
    return out


def import_(ws: Path, path: Path, *extra: str) -> tuple[int, str]:
    result = invoke(["sheet", "import", str(path), *extra], cwd=ws, now=NOW)
    return result.exit_code, result.stderr


def rows_by_slot(path: Path) -> dict[tuple[str, str], int]:
    ws = openpyxl.load_workbook(path).worksheets[0]
    return {(r[0].value, r[8].value): r[0].row for r in ws.iter_rows(min_row=2)}


def fill(path: Path, answers: dict[tuple[str, str], dict[str, object]]) -> None:
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    where = {(r[0].value, r[8].value): r[0].row for r in ws.iter_rows(min_row=2)}
    columns = {"id": 1, "status": 4, "reason": 5, "note": 6, "by": 7, "day": 8, "slot_key": 9}
    for key, values in answers.items():
        for name, value in values.items():
            ws.cell(row=where[key], column=columns[name], value=value)
    book.save(path)


def records(ws: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((ws / "records").glob("*.toml"))}


def states(ws: Path) -> dict[tuple[str, str], str]:
    result = invoke(["report", "--week", "2021-W01", "--date", "2021-01-10", "-f", "json", "-o", "-"], cwd=ws, now=NOW)
    data = json.loads(result.stdout)
    return {(m["id"], s["key"]): s["state"] for sec in data["sections"] for m in sec["measures"] for s in m["slots"]}


GOOD: dict[tuple[str, str], dict[str, object]] = {
    ("9.1", "2021-01-05"): {"status": "已完成"},
    ("9.2", "2021-01-04"): {"status": "部分完成", "note": "只测了上午"},
    ("9.3", "2021-W01"): {"status": "不适用", "reason": "本周停工"},
    ("9.4", "once"): {"status": "已完成", "by": "王五", "day": datetime(2021, 1, 8)},
}


def test_export_lists_open_and_answered_slots_locked_with_a_drop_down(unit: Path, tmp_path: Path) -> None:
    path = export(unit, tmp_path / "台账.xlsx")
    # daily 7 days, workday Mon–Fri, one week, the one-off duty: a hand count of the week
    assert len(rows_by_slot(path)) == 7 + 5 + 1 + 1
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    assert [c.value for c in ws[1]] == ["编号", "措施", "时段", "状态", "理由", "备注", "填报人", "日期", "时段键"]
    first = ws[2]
    assert (
        first[0].value == "9.1"
        and first[2].value == "2021年1月4日"
        and first[3].value == "已完成"
        and first[6].value == "张三"
    )
    assert ws.protection.sheet and first[0].protection.locked and not first[3].protection.locked
    assert ws.column_dimensions["I"].hidden
    validation = ws.data_validations.dataValidation[0]
    assert validation.type == "list" and "已完成" in validation.formula1 and "D2" in str(validation.sqref)
    assert book["_fangkong"].sheet_state == "veryHidden"
    again = export(unit, tmp_path / "again.xlsx")
    assert again.read_bytes() == path.read_bytes()  # deterministic


def test_fill_import_and_import_again(unit: Path, tmp_path: Path) -> None:
    path = export(unit, tmp_path / "台账.xlsx")
    fill(path, GOOD)
    code, err = import_(unit, path, "--by", "李四")
    assert code == 0, err
    assert "记录 4 条；1 行与已有记录相同，9 行未填写" in err
    got = states(unit)
    assert got[("9.1", "2021-01-05")] == "done" and got[("9.2", "2021-01-04")] == "partial"
    assert got[("9.3", "2021-W01")] == "na" and got[("9.4", "once")] == "done"
    history = json.loads(invoke(["history", "--format", "json"], cwd=unit, now=NOW).stdout)["records"]
    by = {(r["measure"], r["slot"]): r["by"] for r in history}
    assert by[("9.4", "once")] == "王五" and by[("9.1", "2021-01-05")] == "李四"
    assert len(history) == 1 + 4
    before = records(unit)
    code, err = import_(unit, path)
    assert code == 0 and "记录 0 条；5 行与已有记录相同" in err
    assert records(unit) == before  # nothing new


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"status": "不适用"}, "理由"),  # n/a needs a reason
        ({"status": "已完成", "id": "9.99"}, "9.99"),  # unknown id
        ({"status": "已完成", "slot_key": "2020-12-30"}, "2020-12-30"),  # outside the campaign
        ({"status": "好的"}, "好的"),
        ({"status": "已完成", "day": "下周一"}, "下周一"),
        ({"status": "已完成", "day": datetime(2021, 1, 11)}, "2021-01-11"),  # a day not yet come
    ],
)
def test_one_bad_row_records_nothing(unit: Path, tmp_path: Path, bad: dict[str, object], message: str) -> None:
    path = export(unit, tmp_path / "台账.xlsx")
    row = rows_by_slot(path)[("9.1", "2021-01-06")]
    fill(path, {**GOOD, ("9.1", "2021-01-06"): bad})
    before = records(unit)
    code, err = import_(unit, path, "--by", "李四")
    assert code == 3
    assert f"台账.xlsx:{row}: " in err and message in err and "Traceback" not in err
    assert records(unit) == before


def test_other_unit_period_and_files_are_refused(unit: Path, tmp_path: Path) -> None:
    path = export(unit, tmp_path / "台账.xlsx")
    fill(path, GOOD)
    other = make_workspace(
        tmp_path / "other",
        unit_id="haidong",
        unit_name="海东市总工会",
        checklist=str(write_mini_checklist(tmp_path / "lists2")),
    )
    code, err = import_(other, path, "--by", "李四")
    assert code == 3 and "西宁市总工会" in err and not records(other)
    code, err = import_(unit, path, "--by", "李四", "--month", "2021-02")
    assert code == 3 and "2021-W01" in err
    text = tmp_path / "notes.xlsx"
    text.write_text("编号,状态\n9.1,已完成\n", encoding="utf-8")
    code, err = import_(unit, text)
    assert code == 3 and "xlsx" in err
    code, err = import_(unit, tmp_path / "missing.xlsx")
    assert code == 3 and "Traceback" not in err
    plain = tmp_path / "plain.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "编号"
    book.save(plain)
    code, err = import_(unit, plain)
    assert code == 3 and "fangkong sheet export" in err


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_a_sheet_saved_by_libreoffice_imports_the_same(unit: Path, tmp_path: Path) -> None:
    path = export(unit, tmp_path / "filled.xlsx")
    fill(path, GOOD)
    out = tmp_path / "lo"
    profile = tmp_path / "profile"
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    saved = out / "filled.xlsx"
    assert saved.read_bytes() != path.read_bytes()  # rewritten by LibreOffice
    code, err = import_(unit, saved, "--by", "李四")
    assert code == 0, err
    assert "记录 4 条" in err
    assert states(unit)[("9.2", "2021-01-04")] == "partial"
