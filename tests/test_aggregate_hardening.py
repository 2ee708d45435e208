"""One bad input never brings the roll-up down, never hangs it, and never gets overwritten by it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aggregate_fixtures import NOW, build_province
from conftest import invoke
from test_report import clean_environment

GOOD = ("xining", "haidong")


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("hardening")
    with clean_environment():
        return build_province(root)


@pytest.fixture
def inbox(province: dict[str, Path], tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    shutil.copytree(province["inbox"], folder)
    return folder


def aggregate(*args: str) -> tuple[int, str, str]:
    result = invoke(["aggregate", *args], now=NOW)
    return result.exit_code, result.stdout, result.stderr


def fangkong_process(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """fangkong as cron runs it, in its own process: a hang is a failure, not a stuck test run."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FANGKONG_")}
    env["FANGKONG_NOW"] = NOW
    return subprocess.run(
        [sys.executable, "-m", "fangkong_cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


# --- the output never replaces an input ------------------------------------------------------


def test_output_over_an_input_report_is_refused(inbox: Path) -> None:
    target = inbox / "xining" / "xining_2021-01.json"
    before = target.read_bytes()
    code, _, err = aggregate(str(inbox), "-f", "json", "-o", str(target))
    assert code == 2 and str(target) in err
    assert target.read_bytes() == before


def test_output_folder_whose_usual_name_is_an_earlier_roll_up_is_refused(inbox: Path) -> None:
    first = aggregate(str(inbox), "-f", "json", "-o", str(inbox) + "/")
    assert first[0] == 0, first[2]
    written = inbox / "aggregate_2021-01.json"
    before = written.read_bytes()
    code, _, err = aggregate(str(inbox), "-f", "json", "-o", str(inbox) + "/")
    assert code == 2 and "aggregate_2021-01.json" in err
    assert written.read_bytes() == before


def test_output_through_a_symlink_or_into_a_workspace_is_refused(
    inbox: Path, province: dict[str, Path], tmp_path: Path
) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(inbox / "haidong" / "haidong_2021-01.xlsx")
    code, _, err = aggregate(str(inbox), "-f", "json", "-o", str(link))
    assert code == 2 and "haidong_2021-01.xlsx" in err
    workspaces = tmp_path / "ws"
    shutil.copytree(province["ws_ledu"], workspaces / "ledu")
    month = next((workspaces / "ledu" / "records").rglob("2021-01.toml"))
    before = month.read_bytes()
    code, _, err = aggregate(str(workspaces), "--month", "2021-01", "-f", "csv", "-o", str(month))
    assert code == 2 and month.read_bytes() == before


def test_refuse_output_over_inputs_is_a_reusable_check(tmp_path: Path) -> None:
    from fangkong_cli.errors import UsageProblem
    from fangkong_cli.outputs import refuse_output_over_inputs

    a = tmp_path / "a.json"
    a.write_text("{}", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    refuse_output_over_inputs(tmp_path / "b.json", [a])  # fine: another file
    with pytest.raises(UsageProblem) as caught:
        refuse_output_over_inputs(tmp_path / "sub" / ".." / "a.json", [a])
    assert caught.value.key == "out.over_input" and caught.value.exit_code == 2
    os.link(a, tmp_path / "hard.json")
    with pytest.raises(UsageProblem):
        refuse_output_over_inputs(tmp_path / "hard.json", [a])


# --- absurd figures: that file is refused, the rest rolled up ---------------------------------


def _edit(path: Path, change: str) -> None:
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    if change == "huge":  # a literal integer of 401 digits: parses, must not crash a division
        text = text.replace('"slots_due": ' + str(data["summary"]["slots_due"]), '"slots_due": 1' + "0" * 400, 1)
        path.write_text(text, encoding="utf-8")
        return
    summary = data["summary"]
    if change == "inf":
        summary["answered"] = 1e400
    elif change == "bool":
        summary["overdue"] = True
    elif change == "string":
        summary["late"] = "3"
    elif change == "more_answered_than_due":
        summary["answered"] = summary["done"] = summary["slots_due"] + 5
    elif change == "negative":
        summary["overdue"] = -1
    elif change == "sections_disagree":
        data["sections"][1]["summary"]["overdue"] += 7
        data["sections"][1]["measures"][0]["summary"]["overdue"] += 7
    elif change == "nested":
        data["sections"] = [[[[[[[[[[[[[]]]]]]]]]]]]] * 3
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize(
    "change", ["huge", "inf", "bool", "string", "more_answered_than_due", "negative", "sections_disagree", "nested"]
)
def test_absurd_figures_refuse_that_file_only(inbox: Path, change: str) -> None:
    victim = inbox / "xining" / "chengdong_2021-01.json"
    _edit(victim, change)
    code, out, err = aggregate(str(inbox), "-f", "json", "-o", "-")
    assert code == 0, err
    refused = [line for line in err.splitlines() if "chengdong_2021-01.json" in line]
    assert len(refused) == 1 and "未计入汇总" in refused[0]
    data = json.loads(out)
    assert sorted(u["id"] for u in data["units"]) == ["chengxi", "haidong", "xining"]
    assert "internal" not in err.lower() and "内部错误" not in err


def test_symlink_loops_are_named_and_the_rest_rolled_up(inbox: Path) -> None:
    (inbox / "a.json").symlink_to(inbox / "b.json")
    (inbox / "b.json").symlink_to(inbox / "a.json")
    (inbox / "xining" / "back").symlink_to(inbox, target_is_directory=True)  # a folder loop
    (inbox / "gone.json").symlink_to(inbox / "nowhere.json")
    code, out, err = aggregate(str(inbox), "-f", "json", "-o", "-")
    assert code == 0, err
    for name, why in (("a.json", "无法读取"), ("b.json", "无法读取"), ("gone.json", "找不到")):
        assert any(name in line and why in line for line in err.splitlines()), err
    assert len(json.loads(out)["units"]) == 4  # each report once, though reachable twice


# --- pipes and devices: never opened for reading ----------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_a_named_pipe_among_the_reports_or_as_expect_does_not_hang(inbox: Path, tmp_path: Path) -> None:
    os.mkfifo(inbox / "pipe.json")
    os.mkfifo(tmp_path / "expect.txt")
    proc = fangkong_process("aggregate", str(inbox), "-f", "json", "-o", "-")
    assert proc.returncode == 0, proc.stderr
    assert "pipe.json" in proc.stderr and "不是普通文件" in proc.stderr
    proc = fangkong_process("aggregate", str(inbox / "pipe.json"), str(inbox / "xining"))
    assert proc.returncode == 0 and "pipe.json" in proc.stderr
    proc = fangkong_process("aggregate", str(inbox), "--expect", str(tmp_path / "expect.txt"))
    assert proc.returncode == 2 and "expect.txt" in proc.stderr and "Traceback" not in proc.stderr
    proc = fangkong_process("aggregate", str(inbox), "--units", str(tmp_path / "expect.txt"))
    assert proc.returncode == 3 and "expect.txt" in proc.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_dev_zero_as_expect_or_report_is_refused_at_once(inbox: Path) -> None:
    proc = fangkong_process("aggregate", str(inbox), "--expect", "/dev/zero")
    assert proc.returncode == 2 and "/dev/zero" in proc.stderr
    proc = fangkong_process("aggregate", "/dev/zero", str(inbox))
    assert proc.returncode == 0 and "/dev/zero" in proc.stderr


# --- nothing skipped in silence -----------------------------------------------------------------


def test_an_unreadable_subfolder_is_listed_with_the_reason(inbox: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """(chmod 000 does not stop root, so the refusal is simulated where fangkong lists folders.)"""
    locked = inbox / "haidong"
    real = os.scandir

    def scandir(path: str | os.PathLike[str] = ".") -> object:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, out, err = aggregate(str(inbox), "-f", "json", "-o", "-")
    assert code == 0, err
    assert any(str(locked) in line and "Permission denied" in line for line in err.splitlines()), err
    assert "haidong" not in [u["id"] for u in json.loads(out)["units"]]


def test_files_only_people_can_read_are_named(inbox: Path) -> None:
    (inbox / "xining" / "ledu_2021-01.pdf").write_bytes(b"%PDF-1.4")
    (inbox / "xining" / "ledu_2021-01.md").write_text("# 报告", encoding="utf-8")
    (inbox / "README.md").write_text("收件箱", encoding="utf-8")
    (inbox / "xining" / "~$haidong.xlsx").write_bytes(b"lock")
    plain_zip = inbox / "xining" / "old.docx"
    plain_zip.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    code, _, err = aggregate(str(inbox))
    assert code == 0, err
    lines = err.splitlines()
    assert any("ledu_2021-01.pdf" in line and "pdf" in line for line in lines)
    assert any("ledu_2021-01.md" in line for line in lines)
    assert any("old.docx" in line for line in lines)
    assert not any("README.md" in line or "~$" in line for line in lines)


# --- linear in the size of a report ------------------------------------------------------------


class CountingId(str):
    """A section id that counts how often it is compared."""

    compared = 0

    def __eq__(self, other: object) -> bool:
        CountingId.compared += 1
        return str.__eq__(self, other)

    def __hash__(self) -> int:
        return str.__hash__(self)


@pytest.mark.parametrize("fmt", ["table", "md", "csv", "html", "json"])
def test_sections_are_looked_up_not_scanned(fmt: str) -> None:
    """With N sections, a roll-up compares section ids O(N) times, not O(N²) (100,000 sections
    took minutes when every writer scanned a unit's sections for each column)."""
    from datetime import UTC, date, datetime

    from fangkong_cli.aggregate import _roll_up  # the summing step: what is measured here
    from fangkong_cli.cli.rollup import rollup_text
    from fangkong_cli.evaluation import Figures
    from fangkong_cli.report import Period
    from fangkong_cli.unit_reports import SectionHead, UnitReport
    from fangkong_cli.writers import RollupFormat, write_rollup

    n = 3000
    period = Period(date(2021, 1, 1), date(2021, 1, 31), "2021-01")
    heads = [SectionHead(CountingId(f"s{i}"), "", f"第{i}节") for i in range(n)]
    units = [
        UnitReport(
            uid,
            uid,
            "c",
            None,
            None,
            period,
            period.last,
            uid,
            0.0,
            Figures(n, n, n, 0, 0, 0, 0, 0),
            tuple((h, Figures(1, 1, 1, 0, 0, 0, 0, 0)) for h in heads),
            (),
            submitted_at=datetime(2021, 2, 1, tzinfo=UTC),
        )
        for uid in ("u1", "u2")
    ]
    rollup = _roll_up("c", (period,), None, units, 5, None, (), (), (), 0)
    CountingId.compared = 0
    if fmt == "table":
        rollup_text("zh", rollup, 160)
    else:
        write_rollup(RollupFormat(fmt), rollup, "zh")
    assert CountingId.compared <= 20 * n
