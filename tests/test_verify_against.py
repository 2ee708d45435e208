"""`verify --against REPORT.json`: what a sent report covered is still there, unchanged.

A chain checked alone cannot show that its newest entries were cut off, or that all of it was
written anew; the chain heads a JSON report wrote down (`source.chains`) can.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import Result, invoke, make_workspace, write_mini_checklist, written

EVENING = "2021-01-{day}T20:00:00+08:00"


def mark(ws: Path, day: str, *args: str) -> None:
    result = invoke(["mark", *args, "--by", "甲", "--date", f"2021-01-{day}"], cwd=ws, now=EVENING.format(day=day))
    assert result.exit_code == 0, result.stderr


def verify(ws: Path, report: Path) -> Result:
    return invoke(["verify", "--against", str(report)], cwd=ws, now=EVENING.format(day="20"))


@pytest.fixture
def sent(tmp_path: Path) -> tuple[Path, Path]:
    """A week recorded, a shortfall opened and worked on, and the week's JSON report sent."""
    write_mini_checklist(tmp_path)
    ws = make_workspace(tmp_path / "ws", checklist=str(tmp_path / "mini.yaml"))
    for day in ("04", "05", "06"):
        mark(ws, day, "9.1", "9.2", "-s", "done")
    mark(ws, "07", "9.1", "-s", "not_done", "-n", "值班表缺页")  # opens a finding
    report = tmp_path / "sent.json"
    args = ["report", "--from", "2021-01-04", "--to", "2021-01-08", "-f", "json", "-o", str(report)]
    result = invoke(args, cwd=ws, now=EVENING.format(day="08"))
    assert result.exit_code == 0, result.stderr
    return ws, report


def test_the_report_writes_down_every_chain_and_they_still_hold(sent: tuple[Path, Path]) -> None:
    ws, report = sent
    chains = json.loads(report.read_text(encoding="utf-8"))["source"]["chains"]
    assert {(c["kind"], c["entries"]) for c in chains} == {("records", 7), ("findings", 1)}
    assert all(len(c["last_hash"]) == 64 for c in chains)
    result = verify(ws, report)
    assert result.exit_code == 0, result.stderr
    assert "与报告" in result.stderr and "2 条校验链一致" in result.stderr
    mark(ws, "11", "9.1", "-s", "done")  # recording goes on after the report: still consistent
    assert verify(ws, report).exit_code == 0


def test_records_cut_off_after_the_report_are_caught(sent: tuple[Path, Path]) -> None:
    ws, report = sent
    month = written(ws)
    head, *blocks = month.read_text(encoding="utf-8").split("\n[[record]]\n")
    month.write_text("\n[[record]]\n".join([head, *blocks[:-1]]), encoding="utf-8")  # the newest one removed
    assert invoke(["verify"], cwd=ws).exit_code == 0  # the shorter chain holds on its own
    result = verify(ws, report)
    assert result.exit_code == 3
    assert result.stderr.startswith(f"{report}: ") and "现在只有 6 条，这份报告写成时已有 7 条" in result.stderr


def test_records_written_anew_are_caught(sent: tuple[Path, Path]) -> None:
    ws, report = sent
    month = written(ws)
    shutil.rmtree(month.parent)  # the writer's files gone, then a different week recorded in their place
    for day in ("04", "05", "06", "07"):
        mark(ws, day, "9.1", "9.2", "-s", "partial")
    assert invoke(["verify"], cwd=ws).exit_code == 0  # a new chain, whole in itself
    result = verify(ws, report)
    assert result.exit_code == 3 and "第 7 条记录与这份报告记下的校验值不同" in result.stderr


def test_a_findings_event_cut_off_is_caught(sent: tuple[Path, Path]) -> None:
    ws, report = sent
    (events,) = (ws / "findings").glob("*/*.toml")
    events.write_text("format = 1\n", encoding="utf-8")
    result = verify(ws, report)
    assert result.exit_code == 3 and "整改事件现在只有 0 条，这份报告写成时已有 1 条" in result.stderr


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("{not json", "不是 fangkong 的 JSON 报告"),
        ('{"kind": "fangkong-aggregate"}', "不是 fangkong 的 JSON 报告"),
        ('{"kind": "fangkong-report", "source": {"sha256": "x"}}', "没有记下校验链"),
        (
            '{"kind": "fangkong-report", "source": {"chains": [{"kind": "records", "entries": -1}]}}',
            "第 1 条校验链记录",
        ),
    ],
)
def test_a_file_that_is_not_such_a_report_is_refused(sent: tuple[Path, Path], content: str, says: str) -> None:
    ws, report = sent
    report.write_text(content, encoding="utf-8")
    result = verify(ws, report)
    assert result.exit_code == 3 and says in result.stderr and str(report) in result.stderr
    assert report.read_text(encoding="utf-8") == content  # left as it was
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and /dev/zero are POSIX")
@pytest.mark.parametrize("kind", ["folder", "fifo", "device", "missing"])
def test_a_report_path_that_is_not_a_readable_file_is_refused(
    sent: tuple[Path, Path], tmp_path: Path, kind: str
) -> None:
    ws, _ = sent
    if kind == "folder":
        path = tmp_path
    elif kind == "fifo":
        path = tmp_path / "pipe"
        os.mkfifo(path)  # reading it would wait for a writer forever
    elif kind == "device":
        path = Path("/dev/zero")  # endless
    else:
        path = tmp_path / "nowhere.json"
    result = verify(ws, path)
    assert result.exit_code == 3 and result.stderr.startswith(f"{path}: "), result.stderr
