"""Safe answers in `fangkong check`: explicit keys, confirmation, full-width input, notes and
evidence asked apart, Ctrl-C and bad input that never cost a confirmed answer."""

from __future__ import annotations

import builtins
import json
from pathlib import Path

import pytest

from conftest import Result, invoke, make_workspace, write_mini_checklist, written


def evening(day: str) -> str:
    return f"{day}T18:00:00+08:00"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    write_mini_checklist(tmp_path)
    return make_workspace(tmp_path / "ws", checklist=str(tmp_path / "mini.yaml"))


def check(ws: Path, day: str, answers: str, *extra: str) -> Result:
    return invoke(["check", "--date", day, "--by", "李四", *extra], cwd=ws, tty=True, input=answers, now=evening(day))


def records(ws: Path) -> list[dict[str, object]]:
    result = invoke(["history", "-f", "json"], cwd=ws)
    return list(json.loads(result.stdout)["records"])


def states(ws: Path, day: str) -> dict[str, str]:
    result = invoke(["status", "-f", "json", "--date", day], cwd=ws, now=evening(day))
    return {m["id"]: m["state"] for m in json.loads(result.stdout)["measures"]}


def test_a_full_walk_with_every_kind_of_answer(mini: Path) -> None:
    # 9.1 done · 9.2 skip · 9.3 partial with a note · 9.4 n/a with a reason; each confirmed with Enter
    answers = "1\n\n\n\ns\n2\n只推送了一次\n\n\n4\n已由上级统一修订\n\n\n\n"
    result = check(mini, "2021-01-04", answers, "--all-due")
    assert result.exit_code == 0, result.stderr
    assert "完成：本次保存 3 条，跳过 1 条" in result.stderr
    assert states(mini, "2021-01-04") == {"9.1": "done", "9.2": "due", "9.3": "partial", "9.4": "na"}
    assert "将保存：9.3 2021-W01 部分完成；备注：只推送了一次" in result.stdout.replace("\n", "")
    rerun = check(mini, "2021-01-04", "1\n\n\n\n", "--all-due")  # skips do not hide anything here
    assert "共 1 项待填报" in rerun.stdout.replace("\n", "") and "本次保存 1 条" in rerun.stderr


def test_enter_alone_chooses_nothing_and_q_at_the_note_saves_nothing(mini: Path) -> None:
    result = check(mini, "2021-01-04", "\n1\nq\n")
    assert "请输入 1、2、3、4" in result.stdout
    assert records(mini) == []
    assert "正在填写的一条未保存" in result.stderr


def test_full_width_keys_from_a_chinese_input_method(mini: Path) -> None:
    result = check(mini, "2021-01-04", "１\n\n\n\nｓ\n已完成\n\n\nｙ\n")
    assert result.exit_code == 0, result.stderr
    assert states(mini, "2021-01-04")["9.1"] == "done"
    assert "本次保存 2 条，跳过 1 条" in result.stderr


def test_n_at_the_confirmation_asks_again(mini: Path) -> None:
    check(mini, "2021-01-04", "3\n写错了\n\nn\n1\n\n\n\nq\n")
    saved = records(mini)
    assert [(r["measure"], r["status"], r.get("note")) for r in saved] == [("9.1", "done", None)]


def test_note_and_evidence_are_asked_apart(mini: Path) -> None:
    (mini / "evidence").mkdir()
    (mini / "evidence" / "值班表.pdf").write_bytes(b"%PDF-1.4 test")
    answers = "1\n夜间有人值守\nevidence/缺失.pdf\nevidence/值班表.pdf\n\nq\n"
    result = check(mini, "2021-01-04", answers)
    assert "找不到这个文件" in result.stdout  # the typo is refused and asked again
    (record,) = records(mini)
    assert record["note"] == "夜间有人值守"
    evidence = record["evidence"]
    assert isinstance(evidence, list)
    assert evidence == [{"kind": "file", "value": "evidence/值班表.pdf", "sha256": evidence[0]["sha256"]}]


def test_a_bad_note_is_asked_again_not_the_end_of_the_session(mini: Path) -> None:
    result = check(mini, "2021-01-04", "1\n坏\x07备注\n\n1\n好备注\n\n\nq\n")
    assert result.exit_code == 0, result.stderr
    assert "备注不能保存" in result.stdout and "note" not in result.stdout
    assert [r.get("note") for r in records(mini)] == ["好备注"]


@pytest.mark.parametrize("typed", [["1", "", "", ""], ["1", "", "", "", "2"], ["1", "", "", "", "2", "半截备注"]])
def test_ctrl_c_keeps_confirmed_answers_and_drops_the_one_being_typed(
    mini: Path, monkeypatch: pytest.MonkeyPatch, typed: list[str]
) -> None:
    answers = iter(typed)

    def fake_input(prompt: str = "") -> str:
        try:
            return next(answers)
        except StopIteration:
            raise KeyboardInterrupt from None

    monkeypatch.setattr(builtins, "input", fake_input)
    result = check(mini, "2021-01-04", "")
    assert result.exit_code == 0
    assert "已确认保存的 1 条不会丢失" in result.stderr
    assert [(r["measure"], r["status"]) for r in records(mini)] == [("9.1", "done")]


def test_all_offers_answered_slots_to_correct(mini: Path) -> None:
    assert (
        invoke(
            ["mark", "9.1", "-s", "未完成", "--by", "李四", "--date", "2021-01-04"], cwd=mini, now=evening("2021-01-04")
        ).exit_code
        == 0
    )
    result = check(mini, "2021-01-04", "q\n", "--all")
    assert "共 4 项待填报" in result.stdout.replace("\n", "")
    corrected = check(mini, "2021-01-04", "1\n\n\n\nq\n", "--all")
    assert corrected.exit_code == 0
    assert states(mini, "2021-01-04")["9.1"] == "done"
    before = written(mini).read_bytes()
    kept = check(mini, "2021-01-04", "\nq\n", "--all")  # Enter on an answered slot keeps it
    assert "保持" in kept.stdout and kept.exit_code == 0
    assert written(mini).read_bytes() == before


def test_check_without_terminal_fails_at_once(mini: Path) -> None:
    result = invoke(["check", "--date", "2021-01-04"], cwd=mini, input="\n")
    assert result.exit_code == 2 and "fangkong mark" in result.stderr


def test_overdue_slots_are_offered_and_marked(mini: Path) -> None:
    result = check(mini, "2021-01-06", "q\n", "--section", "9")
    assert "逾期 2021-01-04" in result.stdout
    assert invoke(["check", "--section", "7"], cwd=mini, tty=True).exit_code == 2


def test_end_of_input_keeps_what_was_saved(mini: Path) -> None:
    first = check(mini, "2021-01-04", "1\n\n\n\n2\n")
    assert first.exit_code == 0 and "已中断" in first.stderr
    assert len(records(mini)) == 1


def test_line_editing_uses_readline_on_a_real_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from conftest import FakeTTY
    from fangkong_cli.cli import prompts

    pytest.importorskip("readline", reason="this platform has no readline (Windows edits lines itself)")
    tty = FakeTTY()
    monkeypatch.setattr(sys, "stdin", tty)
    monkeypatch.setattr(sys, "__stdin__", tty)
    monkeypatch.delitem(sys.modules, "readline", raising=False)
    prompts._line_editing()
    assert "readline" in sys.modules  # input() now edits lines by display width
