"""Records as files: a wrong clock, a killed write, a symlink, a file edited in another editor."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import invoke, written

NOW = "2021-01-06T20:00:00+08:00"


def mark(ws: Path, *args: str, now: str = NOW) -> None:
    result = invoke(["mark", *args, "--by", "甲"], cwd=ws, now=now)
    assert result.exit_code == 0, result.stderr


def test_a_record_from_a_clock_running_ahead_does_not_beat_a_later_correction(workspace: Path) -> None:
    mark(workspace, "2.18", "-s", "done", "--date", "2021-01-05", now="2021-01-05T20:00:00+08:00")
    month = written(workspace)
    text = month.read_text(encoding="utf-8")
    # a second machine with its clock a month ahead wrote 未完成 for the same slot
    month.write_text(
        text
        + text.split("\n", 1)[1]
        .replace('status = "done"', 'status = "not_done"')
        .replace("2021-01-05 20:00:00", "2021-02-05 20:00:00"),
        encoding="utf-8",
    )
    mark(workspace, "2.18", "-s", "partial", "--date", "2021-01-05", now=NOW)  # the correction, today
    result = invoke(
        ["report", "--from", "2021-01-05", "--to", "2021-01-05", "-f", "json", "-o", "-"], cwd=workspace, now=NOW
    )
    slots = {
        (m["id"], s["key"]): s["state"]
        for sec in json.loads(result.stdout)["sections"]
        for m in sec["measures"]
        for s in m["slots"]
    }
    assert slots[("2.18", "2021-01-05")] == "partial"
    status = invoke(["status"], cwd=workspace, now=NOW)
    assert "1 条" in status.stderr and "2021-01-06" in status.stderr  # the record from the future is named


def test_a_killed_write_leaves_no_temporary_file_for_git(workspace: Path) -> None:
    mark(workspace, "2.18", "-s", "done", "--date", "2021-01-05")
    folder = written(workspace).parent
    left = folder / ".2021-01.toml.k9x2.tmp"
    left.write_text("half a file", encoding="utf-8")
    mark(workspace, "2.18", "-s", "done", "--date", "2021-01-06")
    assert not left.exists()
    assert ".*.tmp" in (workspace / ".gitignore").read_text(encoding="utf-8")


def test_a_symlink_in_place_of_a_records_file_is_refused_by_reading_and_writing(
    workspace: Path, tmp_path: Path
) -> None:
    mark(workspace, "2.18", "-s", "done", "--date", "2021-01-05")
    month = written(workspace)
    elsewhere = tmp_path / "elsewhere.toml"
    elsewhere.write_bytes(month.read_bytes())
    month.unlink()
    month.symlink_to(elsewhere)
    before = elsewhere.read_bytes()
    for args in (["status"], ["mark", "2.18", "-s", "done", "--by", "甲", "--date", "2021-01-06"]):
        result = invoke(args, cwd=workspace, now=NOW)
        assert result.exit_code == 3 and str(month) in result.stderr, (args, result.stderr)
    assert elsewhere.read_bytes() == before  # never written through


def test_appends_keep_a_files_bom_and_line_endings(workspace: Path) -> None:
    mark(workspace, "2.18", "-s", "done", "--date", "2021-01-05")
    month = written(workspace)
    month.write_bytes(b"\xef\xbb\xbf" + month.read_bytes().replace(b"\n", b"\r\n"))  # saved by a Windows editor
    mark(workspace, "2.18", "-s", "done", "--date", "2021-01-06")
    data = month.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\n") == data.count(b"\r\n")
    assert invoke(["verify"], cwd=workspace).exit_code == 0
