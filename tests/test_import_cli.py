"""`fangkong checklist import` from the command line: the summary, JSON, and every kind of bad input
or output refused with a one-line message, the documented exit code, and nothing written."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from conftest import invoke
from fangkong_cli.checklist import builtin_root
from fangkong_cli.errors import DataProblem
from fangkong_cli.notice_import.draft import build_draft
from notice_files import NOTICES, pdf_bytes


def _listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_summary_in_chinese(tmp_path: Path) -> None:
    out = tmp_path / "草稿"
    result = invoke(["checklist", "import", str(NOTICES / "cadence.txt"), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    text = result.stdout
    assert f"已生成清单草稿：{out}（4 章，11 项措施）" in text
    assert "  1  一、日常巡查（4 项）" in text
    assert "频次推测：一次性 4，每天 1，每个工作日 1，每月 2，每季度 1，时段内 1，按需 1" in text
    assert re.search(r"待核对（2 处）：\n  3\.3：“定期”没有写明具体周期", text)
    assert "fangkong checklist validate" in text and "fangkong init --checklist" in text


def test_summary_as_json_for_scripts(tmp_path: Path) -> None:
    out = tmp_path / "draft"
    result = invoke(["checklist", "import", str(NOTICES / "gov.txt"), "-o", str(out), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["counts"] == {"sections": 4, "measures": 13, "review": 0, "skipped": 0}
    assert data["notice"]["doc_number"] == "青政办发〔2024〕7号" and data["notice"]["date"] == "2024-05-10"
    daily = [m for s in data["sections"] for m in s["measures"] if m["frequency"] == "daily"]
    assert [m["id"] for m in daily] == ["2.2", "4.3"]
    assert daily[0]["reason"] == "文中写明“每天”" and daily[0]["review"] == []
    due = next(m for m in data["sections"][0]["measures"] if m["id"] == "1.2")
    assert due["due"] == "2024-05-31" and "截止 2024-05-31" in due["reason"]
    assert data["frequencies"]["daily"] == 2


def test_english_summary(tmp_path: Path) -> None:
    result = invoke(["--lang", "en", "checklist", "import", str(NOTICES / "cadence.txt"), "-o", str(tmp_path / "d")])
    assert result.exit_code == 0, result.stderr
    assert "draft checklist written" in result.stdout and "Frequencies guessed: once 4, daily 1" in result.stdout
    assert "names no exact period" in result.stdout


def test_the_yaml_carries_the_reasons_as_comments(tmp_path: Path) -> None:
    out = tmp_path / "d"
    assert invoke(["checklist", "import", str(NOTICES / "cadence.txt"), "-o", str(out)]).exit_code == 0
    section = (out / "3.yaml").read_text(encoding="utf-8")
    assert "frequency: window  # 推测：文中写明时段“4月1日至4月30日”" in section
    assert 'start: "2024-04-01"' in section and 'end: "2024-04-30"' in section
    assert "# 待核：“定期”没有写明具体周期，频次是推测" in section
    notice = (out / "notice.yaml").read_text(encoding="utf-8")
    assert "# 成文日期：2024-01-15" in notice


def test_default_output_folder_is_named_after_the_file(tmp_path: Path) -> None:
    shutil.copy(NOTICES / "union.txt", tmp_path / "送温暖.txt")
    result = invoke(["checklist", "import", "送温暖.txt"], cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "送温暖_checklist" / "notice.yaml").is_file()


def test_gbk_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes((NOTICES / "union.txt").read_text(encoding="utf-8").encode("gb18030"))
    result = invoke(["checklist", "import", str(path), "-o", str(tmp_path / "d"), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["notice"]["issuer"] == "滨河市总工会"


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    made = {}

    def put(name: str, data: bytes, needle: str) -> None:
        path = tmp_path / name
        path.write_bytes(data)
        made[name] = (path, needle)

    put("empty.txt", b"", "是空的")
    put("blank.txt", b" \n\t\n", "是空的")
    put("scan.pdf", pdf_bytes([[], []]), "没有文字层")
    put("notzip.docx", "一、这不是压缩包".encode(), "不是有效的 .docx")
    put("broken.docx", b"PK\x03\x04" + b"\x00" * 60, "不是有效的 .docx")
    put("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage", "PDF")
    put("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "旧版 Word")
    put("binary.txt", b"abc\x00def", "空字符")
    put("odd.txt", b"\x80\x80\xff\xfe\x81", "编码无法识别")
    put("title-only.txt", "关于做好某项工作的通知\n".encode(), "没有找到通知正文")
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as fh:  # sparse: 100 MB on paper, nothing on disk
        fh.truncate(100 * 1024 * 1024)
    made["huge.txt"] = (huge, "太大")
    made["folder"] = (tmp_path, "是文件夹")
    made["missing.pdf"] = (tmp_path / "missing.pdf", "找不到文件")
    return made


@pytest.mark.parametrize(
    "name",
    [
        "empty.txt",
        "blank.txt",
        "scan.pdf",
        "notzip.docx",
        "broken.docx",
        "broken.pdf",
        "old.doc",
        "binary.txt",
        "odd.txt",
        "title-only.txt",
        "huge.txt",
        "folder",
        "missing.pdf",
    ],
)
def test_bad_input_exits_3_with_one_line_and_writes_nothing(name: str, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    path, needle = _bad_inputs(inputs)[name]
    before = _listing(tmp_path)
    result = invoke(["checklist", "import", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 3, (name, result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0] and str(path) in lines[0], lines
    assert "Traceback" not in result.stderr
    assert _listing(tmp_path) == before


@pytest.mark.skipif(sys.platform == "win32", reason="no FIFOs on Windows")
def test_a_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "notice.txt"
    os.mkfifo(fifo)
    result = invoke(["checklist", "import", str(fifo), "-o", str(tmp_path / "out")])
    assert result.exit_code == 3 and "不是普通文件" in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_size_limit_can_be_lowered_for_tests(tmp_path: Path) -> None:
    with pytest.raises(DataProblem) as caught:
        build_draft(NOTICES / "union.txt", max_bytes=100)
    assert caught.value.key == "imp.too_large" and caught.value.params["limit"] == "1 KB"


def test_an_existing_folder_is_kept_unless_forced(tmp_path: Path) -> None:
    out = tmp_path / "draft"
    assert invoke(["checklist", "import", str(NOTICES / "union.txt"), "-o", str(out)]).exit_code == 0
    (out / "5.yaml").write_text(
        (out / "4.yaml").read_text(encoding="utf-8").replace('id: "4', 'id: "5'), encoding="utf-8"
    )
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    again = invoke(["checklist", "import", str(NOTICES / "gov.txt"), "-o", str(out)])
    assert again.exit_code == 2 and "已存在" in again.stderr and "--force" in again.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    forced = invoke(["checklist", "import", str(NOTICES / "gov.txt"), "-o", str(out), "--force"])
    assert forced.exit_code == 0, forced.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "1.yaml",
        "2.yaml",
        "3.yaml",
        "4.yaml",
        "notice.txt",
        "notice.yaml",
    ]
    assert "青禾县" in (out / "notice.yaml").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft"]  # no staging or backup folder left


def test_force_never_replaces_a_folder_that_is_not_a_draft(tmp_path: Path) -> None:
    (tmp_path / "ws" / "records").mkdir(parents=True)
    (tmp_path / "ws" / "fangkong.toml").write_text("format = 1\n", encoding="utf-8")
    before = _listing(tmp_path)
    result = invoke(["checklist", "import", str(NOTICES / "gov.txt"), "-o", str(tmp_path / "ws"), "--force"])
    assert result.exit_code == 2 and "不是清单草稿" in result.stderr
    assert _listing(tmp_path) == before


def test_outputs_in_odd_places_are_refused(tmp_path: Path) -> None:
    a_file = tmp_path / "file.yaml"
    a_file.write_text("x: 1\n", encoding="utf-8")
    checklist = tmp_path / "builtin"
    shutil.copytree(builtin_root() / "qzbt-2021-4", checklist)
    cases = {
        str(a_file): "是一个文件",
        str(a_file / "sub"): "之下",
        str(checklist / "draft"): "已有清单的文件夹",
        str(tmp_path / "no" / "such" / "place"): "不存在",
    }
    before = _listing(tmp_path)
    for out, needle in cases.items():
        result = invoke(["checklist", "import", str(NOTICES / "gov.txt"), "-o", out])
        assert result.exit_code == 2 and needle in result.stderr, (out, result.stderr)
    assert _listing(tmp_path) == before
