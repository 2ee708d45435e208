"""A Chinese command line: help pages, usage errors, status words, dates and evidence."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from conftest import invoke, make_workspace
from fangkong_cli.cli.app import build_command

# Words click and typer write on their own; none may reach a Chinese user.
CLICK_WORDS = re.compile(
    r"Usage|Options|Arguments|Commands|Show this message|default:|required\]|\bTEXT\b|\bPATH\b|INTEGER|"
    r"\[OPTIONS\]|COMMAND|ARGS|Error|Try '|Got unexpected|No such|Missing|requires an|does not take|"
    r"Invalid value|Did you mean|Possible options|is not one of|Aborted"
)


def command_paths() -> list[list[str]]:
    paths: list[list[str]] = [[]]
    root = build_command("zh")
    for name, sub in root.commands.items():
        paths.append([name])
        paths += [[name, inner] for inner in getattr(sub, "commands", {})]
    return paths


@pytest.mark.parametrize("words", command_paths(), ids=lambda w: " ".join(w) or "fangkong")
def test_chinese_help_has_no_english_click_words_and_fits(words: list[str]) -> None:
    result = invoke([*words, "--help"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("用法：fangkong")
    assert not CLICK_WORDS.search(result.stdout), CLICK_WORDS.search(result.stdout)
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= 80
    assert all(line == line.rstrip() for line in result.stdout.splitlines())


def test_help_placeholders_say_what_is_expected() -> None:
    mark = invoke(["mark", "--help"]).stdout
    assert "--date 日期" in mark and "-s, --status 状态" in mark and "[必填]" in mark
    assert "--month 月份" in invoke(["report", "--help"]).stdout


def test_english_help_stays_english() -> None:
    result = invoke(["--lang", "en", "mark", "--help"])
    assert "Usage: fangkong mark" in result.stdout and "Options" in result.stdout
    assert "--date DATE" in result.stdout
    assert not re.search(r"[\u4e00-\u9fff]", result.stdout)


USAGE_ERRORS = [
    (["stauts"], "status"),  # a typo of a command: the suggestion is kept
    (["status", "--fromat", "json"], "--format"),
    (["status", "--foo"], "--foo"),
    (["mark", "2.8"], "--status"),
    (["mark"], "措施编号"),
    (["status", "--date"], "--date"),
    (["status", "--format", "xml"], "table"),
    (["init", "extra"], "extra"),
    (["check", "--all-due=1"], "--all-due"),
    (["checklist", "shwo"], "show"),
    (["history", "2.8", "2.9"], "2.9"),
]


@pytest.mark.parametrize(("args", "named"), USAGE_ERRORS)
def test_common_usage_errors_are_chinese_one_line(args: list[str], named: str) -> None:
    result = invoke(args)
    assert result.exit_code == 2
    assert result.stderr.startswith("用法错误：")
    assert not CLICK_WORDS.search(result.stderr), result.stderr
    assert named in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_english_usage_errors_stay_english() -> None:
    result = invoke(["--lang", "en", "stauts"])
    assert (
        result.exit_code == 2 and result.stderr.startswith("usage error: no such command") and "status" in result.stderr
    )


def evening(day: str) -> str:
    return f"{day}T18:00:00+08:00"


def slots(ws: Path) -> list[tuple[str, str]]:
    records = json.loads(invoke(["history", "-f", "json"], cwd=ws).stdout)["records"]
    return [(r["slot"], r["status"]) for r in records]


@pytest.mark.parametrize("word", ["已完成", "完成", "部分完成", "未完成", "ｄｏｎｅ", "DONE"])
def test_status_words_in_chinese(workspace: Path, word: str) -> None:
    result = invoke(
        ["mark", "2.18", "-s", word, "--by", "李四", "--date", "2021-01-08"], cwd=workspace, now=evening("2021-01-08")
    )
    assert result.exit_code == 0, result.stderr
    expected = {"部分完成": "partial", "未完成": "not_done"}.get(word, "done")
    assert slots(workspace) == [("2021-01-08", expected)]


def test_na_in_chinese_needs_its_reason(workspace: Path) -> None:
    args = ["mark", "2.18", "-s", "不适用", "--by", "李四", "--date", "2021-01-08"]
    assert invoke(args, cwd=workspace, now=evening("2021-01-08")).exit_code == 2
    assert invoke([*args, "--reason", "本单位无此项"], cwd=workspace, now=evening("2021-01-08")).exit_code == 0


@pytest.mark.parametrize(
    "typed", ["2021-01-08", "2021-1-8", "2021/1/8", "20210108", "2021年1月8日", "２０２１-０１-０８", "今天", "昨天"]
)
def test_dates_as_people_type_them(workspace: Path, typed: str) -> None:
    now = evening("2021-01-09") if typed == "昨天" else evening("2021-01-08")
    result = invoke(["mark", "2.18", "-s", "done", "--by", "李四", "--date", typed], cwd=workspace, now=now)
    assert result.exit_code == 0, result.stderr
    assert slots(workspace) == [("2021-01-08", "done")]


@pytest.mark.parametrize("typed", ["2021-02-30", "2021/13/1", "明天见", "8/1/2021"])
def test_impossible_dates_are_usage_errors(workspace: Path, typed: str) -> None:
    result = invoke(["status", "--date", typed], cwd=workspace)
    assert result.exit_code == 2 and "日期" in result.stderr


def test_evidence_naming_a_missing_file_is_refused(workspace: Path) -> None:
    base = ["mark", "2.18", "-s", "done", "--by", "李四", "--date", "2021-01-08"]
    missing = invoke([*base, "-e", "evidence/missing.pdf"], cwd=workspace, now=evening("2021-01-08"))
    assert missing.exit_code == 2 and "evidence/missing.pdf" in missing.stderr
    assert slots(workspace) == []
    for ok in ("https://example.org/值班表", '"见 会议纪要.docx"', "已电话核实"):
        result = invoke([*base, "-e", ok], cwd=workspace, now=evening("2021-01-08"))
        assert result.exit_code == 0, (ok, result.stderr)
    kinds = [
        e["kind"]
        for r in json.loads(invoke(["history", "-f", "json"], cwd=workspace).stdout)["records"]
        for e in r["evidence"]
    ]
    assert kinds == ["url", "note", "note"]


def test_shell_completion_script(tmp_path: Path) -> None:
    for shell in ("bash", "zsh", "fish", "powershell"):
        result = invoke(["completion", shell])
        assert result.exit_code == 0 and "_FANGKONG_COMPLETE" in result.stdout, shell
    assert invoke(["completion", "tcsh"]).exit_code == 2


def test_a_workspace_started_today(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "w", start="2021-03-01")
    assert invoke(["status", "--date", "今天"], cwd=ws, now=evening("2021-03-01")).exit_code == 0
