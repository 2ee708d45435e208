"""The shipped checklist, its loader's error reporting, and the checklist commands."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from rich.cells import cell_len

from conftest import MINI_CHECKLIST, invoke
from fangkong_cli.checklist import builtin_names, builtin_root, load_checklist, resolve_sources
from fangkong_cli.models import Frequency

REPO = Path(__file__).resolve().parents[1]
NOTICE = REPO / "checklists" / "qzbt-2021-4" / "notice.txt"


@pytest.mark.parametrize("name", builtin_names())
def test_every_shipped_checklist_validates(name: str) -> None:
    folder = builtin_root() / name
    result = invoke(["checklist", "validate", str(folder)])
    assert result.exit_code == 0, result.stderr
    assert "通过检查" in result.stderr


def test_builtin_notice_is_complete() -> None:
    checklist = load_checklist(resolve_sources("qzbt-2021-4"))
    assert checklist.notice is not None
    assert checklist.notice.doc_number == "青总办通〔2021〕4号"
    assert checklist.notice.reporting is not None and "省总工会办公室" in checklist.notice.reporting.source
    assert [s.section.number for s in checklist.sections] == ["一", "二", "三", "四"]
    assert 40 <= len(checklist.measures) <= 60
    assert all(len(s.measures) >= 5 for s in checklist.sections)
    freq = {m.id: m.frequency for m in checklist.measures}
    # 每天 in the notice, and the daily duty watch, are daily; health checks follow working days.
    assert Frequency.DAILY in freq.values() and Frequency.WORKDAY in freq.values()
    titles = {m.title: m.frequency for m in checklist.measures}
    assert titles["健康码核验"] is Frequency.WORKDAY
    assert titles["体温测量"] is Frequency.WORKDAY
    assert any(f is Frequency.AS_NEEDED for f in freq.values())  # 四早
    assert any(f is Frequency.WINDOW for f in freq.values())  # 两节 送温暖


def test_every_source_is_verbatim_from_the_notice() -> None:
    text = NOTICE.read_text(encoding="utf-8").replace("\n", "")
    checklist = load_checklist(resolve_sources("qzbt-2021-4"))
    missing = [m.id for m in checklist.measures if m.source not in text]
    assert missing == []
    for entry in checklist.sections:
        assert entry.section.source is None or entry.section.source in text
    assert checklist.notice is not None and checklist.notice.preamble is not None
    assert checklist.notice.preamble in text


def test_show_json_has_the_public_shape(tmp_path: Path) -> None:
    result = invoke(["checklist", "show", "--format", "json"], cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [s["id"] for s in data["sections"]] == ["1", "2", "3", "4"]
    for section in data["sections"]:
        assert section["title"]
        for m in section["measures"]:
            assert {"id", "title", "source", "frequency", "evidence"} <= m.keys()
    assert sum(len(s["measures"]) for s in data["sections"]) == len(
        load_checklist(resolve_sources("qzbt-2021-4")).measures
    )


def test_show_table_folds_long_text_and_never_cuts(tmp_path: Path) -> None:
    result = invoke(["checklist", "show", "2"], cwd=tmp_path)
    assert result.exit_code == 0
    assert "…" not in result.stdout
    assert "健康码核验" in result.stdout
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= 80  # terminal cells


def test_show_one_measure(tmp_path: Path) -> None:
    result = invoke(["checklist", "show", "2.10"], cwd=tmp_path)
    assert result.exit_code == 0
    assert "健康码核验" in result.stdout and "原文" in result.stdout
    missing = invoke(["checklist", "show", "9.99"], cwd=tmp_path)
    assert missing.exit_code == 2 and "9.99" in missing.stderr


def test_list_shows_builtin(tmp_path: Path) -> None:
    result = invoke(["checklist", "list"], cwd=tmp_path)
    assert result.exit_code == 0
    assert "qzbt-2021-4" in result.stdout and "青总办通〔2021〕4号" in result.stdout


# --- bad YAML: every kind gives FILE:LINE, exit 3, no traceback ----------------------------

BAD_CASES = {
    "syntax": (MINI_CHECKLIST.replace("  title: 测试章节", "  title: [测试章节"), "YAML 格式错误"),
    "duplicate_key": (
        MINI_CHECKLIST.replace("    frequency: daily\n", "    frequency: daily\n    frequency: weekly\n"),
        "重复",
    ),
    "unknown_key": (
        MINI_CHECKLIST.replace("    evidence: 值班记录\n", "    evidence: 值班记录\n    evidense: x\n"),
        "未知的键",
    ),
    "wrong_type": (MINI_CHECKLIST.replace("    title: 每日值班\n", "    title: [a, b]\n"), "应为文本"),
    "bad_enum": (MINI_CHECKLIST.replace("frequency: daily", "frequency: hourly"), "取值无效"),
    "duplicate_id": (MINI_CHECKLIST.replace('id: "9.2"', 'id: "9.1"'), "措施编号 “9.1” 重复"),
    "bad_window": (
        MINI_CHECKLIST.replace(
            "    frequency: weekly\n", '    frequency: window\n    start: "2021-02-01"\n    end: "2021-01-01"\n'
        ),
        "start 不能晚于 end",
    ),
    "window_missing_end": (
        MINI_CHECKLIST.replace("    frequency: weekly\n", '    frequency: window\n    start: "2021-02-01"\n'),
        "必须写明结束",
    ),
    "alias": (MINI_CHECKLIST.replace("    evidence: 值班记录\n", "    evidence: &e 值班记录\n    role: *e\n"), "锚点"),
    "python_tag": (
        MINI_CHECKLIST.replace("    evidence: 值班记录\n", "    evidence: !!python/object/apply:os.system [echo]\n"),
        "标签",
    ),
    "leading_zero_date": (MINI_CHECKLIST.replace('due: "2021-01-10"', "due: 0123"), "应为日期"),
    "path_trick_id": (MINI_CHECKLIST.replace('id: "9.2"', 'id: "../../etc"'), "不允许的字符"),
    "control_chars": (MINI_CHECKLIST.replace("    title: 每日值班\n", '    title: "每日\\e[31m值班"\n'), "控制字符"),
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_yaml_reports_file_line_and_exits_3(tmp_path: Path, case: str) -> None:
    text, fragment = BAD_CASES[case]
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    result = invoke(["checklist", "validate", str(path)])
    assert result.exit_code == 3, (case, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert lines and all(re.match(rf"^{re.escape(str(path))}:\d+: ", line) for line in lines), result.stderr
    assert fragment in result.stderr
    assert path.read_bytes() == before


def test_line_numbers_point_at_the_offending_key(tmp_path: Path) -> None:
    text = MINI_CHECKLIST.replace("frequency: hourly", "").replace("frequency: weekly", "frequency: hourly")
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    expected = next(i for i, line in enumerate(text.splitlines(), 1) if "hourly" in line)
    result = invoke(["checklist", "validate", str(path)])
    assert f"{path}:{expected}:" in result.stderr


def test_all_problems_of_a_file_are_reported_at_once(tmp_path: Path) -> None:
    text = MINI_CHECKLIST.replace("frequency: daily", "frequency: hourly").replace("    evidence: 测温登记表\n", "")
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    result = invoke(["checklist", "validate", str(path)])
    assert result.exit_code == 3
    assert len(result.stderr.strip().splitlines()) == 2
    assert "缺少必填项" in result.stderr and "取值无效" in result.stderr


def test_values_stay_what_they_look_like(tmp_path: Path) -> None:
    text = MINI_CHECKLIST.replace("    title: 每日值班\n", "    title: no\n    role: 08:30\n")
    path = tmp_path / "ok.yaml"
    path.write_text(text, encoding="utf-8")
    checklist = load_checklist([path])
    measure = checklist.measure("9.1")
    assert measure is not None and measure.title == "no" and measure.role == "08:30"


def test_duplicate_id_across_files(tmp_path: Path) -> None:
    a = tmp_path / "a.yaml"
    b = tmp_path / "b.yaml"
    a.write_text(MINI_CHECKLIST, encoding="utf-8")
    b.write_text(MINI_CHECKLIST.replace('id: "9"', 'id: "8"'), encoding="utf-8")
    result = invoke(["checklist", "validate", str(a), str(b)])
    assert result.exit_code == 3
    assert f"{b}:" in result.stderr and f"{a}:" in result.stderr  # where it is, and where it was first


def test_gbk_file_is_refused_clearly_and_bom_is_accepted(tmp_path: Path) -> None:
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes(MINI_CHECKLIST.encode("gbk"))
    result = invoke(["checklist", "validate", str(gbk)])
    assert result.exit_code == 3 and "UTF-8" in result.stderr
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbf" + MINI_CHECKLIST.encode("utf-8"))
    assert invoke(["checklist", "validate", str(bom)]).exit_code == 0


def test_huge_and_missing_files(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    huge.write_text("a: " + "x" * (3 * 1024 * 1024), encoding="utf-8")
    assert invoke(["checklist", "validate", str(huge)]).exit_code == 3
    result = invoke(["checklist", "validate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 3 and "找不到" in result.stderr


def test_wheel_contains_the_checklists(tmp_path: Path) -> None:
    from hatchling.builders.wheel import WheelBuilder

    builder = WheelBuilder(str(REPO))
    wheel = next(builder.build(directory=str(tmp_path), versions=["standard"]))
    names = zipfile.ZipFile(wheel).namelist()
    for name in ("notice.yaml", "1.yaml", "2.yaml", "3.yaml", "4.yaml"):
        assert f"fangkong_cli/checklists/qzbt-2021-4/{name}" in names
