"""Nothing lost, nothing half-written: locking, crashes, full disks and damaged files."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from filelock import FileLock

from conftest import invoke, make_workspace, nothing_written, written
from fangkong_cli.fsutil import LOCK_NAME, atomic_write, write_output
from fangkong_cli.records import load_records

FANGKONG = str(Path(sys.executable).with_name("fangkong"))
NOW = "2021-01-06T20:00:00+08:00"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".fangkong" not in p.parts and p.name != LOCK_NAME
    }


# --- the lock ------------------------------------------------------------------------------


def test_a_held_lock_gives_exit_4_and_records_nothing(workspace: Path) -> None:
    before = snapshot(workspace)
    with FileLock(workspace / LOCK_NAME):
        result = invoke(
            ["mark", "2.18", "-s", "done", "--by", "甲", "--date", "2021-01-05"],
            cwd=workspace,
            now=NOW,
            env={"FANGKONG_LOCK_TIMEOUT": "0.2"},
        )
    assert result.exit_code == 4
    assert "另一个 fangkong" in result.stderr
    assert snapshot(workspace) == before


def test_twenty_parallel_writers_lose_nothing(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws", start="2021-01-01")
    env = {"PATH": "/usr/bin:/bin", "LANG": "C", "FANGKONG_NOW": "2021-01-20T20:00:00+08:00"}

    def writer(day: int) -> int:
        return subprocess.run(
            [FANGKONG, "mark", "2.18", "4.16", "-s", "done", "--by", f"值班员{day}", "--date", f"2021-01-{day:02d}"],
            cwd=ws,
            env=env,
            capture_output=True,
            timeout=120,
        ).returncode

    with ThreadPoolExecutor(max_workers=20) as pool:
        codes = list(pool.map(writer, range(1, 21)))
    assert codes == [0] * 20
    records = load_records(ws / "records")
    assert len(records) == 40
    assert {(r.measure, r.slot) for r in records} == {
        (m, f"2021-01-{d:02d}") for m in ("2.18", "4.16") for d in range(1, 21)
    }


def test_the_lock_dies_with_a_killed_process(workspace: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"from filelock import FileLock; l = FileLock({str(workspace / LOCK_NAME)!r}); l.acquire(); print('held', flush=True); import time; time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"held"
        locked = invoke(
            ["mark", "2.18", "-s", "done", "--by", "甲"], cwd=workspace, now=NOW, env={"FANGKONG_LOCK_TIMEOUT": "0.1"}
        )
        assert locked.exit_code == 4
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    after = invoke(
        ["mark", "2.18", "-s", "done", "--by", "甲"], cwd=workspace, now=NOW, env={"FANGKONG_LOCK_TIMEOUT": "2"}
    )
    assert after.exit_code == 0, after.stderr


# --- crashes ------------------------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timedelta, timezone
    from pathlib import Path
    from fangkong_cli.models import Record, Status
    from fangkong_cli.records import append_records
    root = Path(sys.argv[1])
    tz = timezone(timedelta(hours=8))
    at = datetime(2021, 1, 6, 20, 0, tzinfo=tz)
    i = 0
    while True:
        i += 1
        note = "记录" * 1500 + str(i)
        record = Record(measure="2.18", slot="2021-01-06", status=Status.DONE, by="甲", at=at, note=note)
        append_records(root / "records", [record], tz, "pc-1", root)
        if i == 1:
            print("go", flush=True)  # warmed up: from now on every moment may be mid-write
    """
)


def test_kill_9_while_writing_leaves_every_file_parseable(workspace: Path) -> None:
    month = workspace / "records" / "pc-1" / "2021-01.toml"
    seen_counts = []
    for round_ in range(12):
        with subprocess.Popen([sys.executable, "-c", WRITER, str(workspace)], stdout=subprocess.PIPE) as proc:
            assert proc.stdout is not None and proc.stdout.readline().strip() == b"go"
            time.sleep(0.05 + 0.013 * round_)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        if month.exists():
            data = tomllib.loads(month.read_text(encoding="utf-8"))
            seen_counts.append(len(data["record"]))
        leftovers = [p.name for p in month.parent.iterdir() if p.name != month.name]
        assert all(name.endswith(".tmp") for name in leftovers)
    assert seen_counts and seen_counts == sorted(seen_counts)  # never lost, never shrank
    assert len(load_records(workspace / "records")) == seen_counts[-1]


def test_permissions_of_a_replaced_file_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "f.toml"
    target.write_text("a = 1\n", encoding="utf-8")
    target.chmod(0o640)
    atomic_write(target, b"a = 2\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_bytes() == b"a = 2\n"


def test_a_full_disk_leaves_the_old_file(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert (
        invoke(["mark", "2.18", "-s", "done", "--by", "甲", "--date", "2021-01-05"], cwd=workspace, now=NOW).exit_code
        == 0
    )
    before = snapshot(workspace)
    real_fsync = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    result = invoke(["mark", "2.18", "-s", "done", "--by", "甲", "--date", "2021-01-06"], cwd=workspace, now=NOW)
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert result.exit_code == 3
    assert "No space left" in result.stderr and "原有文件保持不变" in result.stderr
    assert snapshot(workspace) == before
    assert not [p for p in (workspace / "records").iterdir() if p.suffix == ".tmp"]


def test_a_read_only_folder_gives_a_clear_error(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    def refuse(*args: object, **kwargs: object) -> object:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = invoke(["mark", "2.18", "-s", "done", "--by", "甲"], cwd=workspace, now=NOW)
    assert result.exit_code == 3 and "Permission denied" in result.stderr


# --- damaged and hostile files -----------------------------------------------------------


def test_damaged_records_are_reported_and_never_rewritten(workspace: Path) -> None:
    month = workspace / "records" / "2021-01.toml"
    month.write_text('format = 1\n\n[[record]]\nmeasure = "2.18"\nslot = "2021-01-05\n', encoding="utf-8")
    before = month.read_bytes()
    for args in (["status"], ["mark", "2.18", "-s", "done", "--by", "甲"], ["history"]):
        result = invoke(args, cwd=workspace, now=NOW)
        assert result.exit_code == 3, args
        assert result.stderr.startswith(f"{month}:5: ")
        assert month.read_bytes() == before


def test_wrong_types_in_records_name_the_line(workspace: Path) -> None:
    month = workspace / "records" / "2021-01.toml"
    month.write_text(
        'format = 1\n\n[[record]]\nmeasure = "2.18"\nslot = "2021-01-05"\nstatus = "done"\nby = "甲"\nat = 2021-01-05T08:00:00+08:00\n\n'
        '[[record]]\nmeasure = "2.18"\nslot = "2021-01-06"\nstatus = "finished"\nby = "甲"\nat = 2021-01-06T08:00:00+08:00\n',
        encoding="utf-8",
    )
    result = invoke(["status"], cwd=workspace, now=NOW)
    assert result.exit_code == 3
    assert f"{month}:13: record[2].status" in result.stderr


def test_records_from_a_newer_version_are_refused(workspace: Path) -> None:
    month = workspace / "records" / "2021-01.toml"
    month.write_text("format = 7\n", encoding="utf-8")
    result = invoke(["mark", "2.18", "-s", "done", "--by", "甲"], cwd=workspace, now=NOW)
    assert result.exit_code == 3 and "升级" in result.stderr
    assert month.read_text(encoding="utf-8") == "format = 7\n"


# The workspace's fangkong.toml: [unit] at lines 3-5; [campaign] at 7-11 (start 9, end 10 from the
# built-in notice's period, timezone 11); [signoff] at 13-16.
@pytest.mark.parametrize(
    "edit, fragment, line",
    [
        (lambda t: t.replace('name = "西宁市总工会"', "name = 3"), "应为文本", 5),
        (
            lambda t: t.replace('timezone = "Asia/Shanghai"', 'timezone = "Asia/Nowhere"\ncolour = "red"'),
            "未知的时区",
            11,
        ),
        (lambda t: t.replace("start = 2021-01-04", "start = 2021-01-04\nstart = 2021-01-05"), "TOML 格式错误", 10),
        (lambda t: t.replace('id = "xining"', 'id = "../../etc"'), "单位编号", 4),
        (lambda t: t + '\n[[tailoring]]\nmeasure = "9.99"\nreason = "x"\n', "9.99", 19),
        (lambda t: t + '\n[[tailoring]]\nmeasure = "2.18"\n', "缺少必填项", 18),
    ],
)
def test_bad_configuration_names_file_and_line(workspace: Path, edit: object, fragment: str, line: int) -> None:
    config = workspace / "fangkong.toml"
    config.write_text(edit(config.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]
    before = snapshot(workspace)
    result = invoke(["status"], cwd=workspace, now=NOW)
    assert result.exit_code == 3, result.stderr
    assert fragment in result.stderr
    assert result.stderr.startswith(f"{config}:{line}: "), result.stderr
    assert snapshot(workspace) == before


def test_configuration_in_gbk_or_with_a_bom(workspace: Path) -> None:
    config = workspace / "fangkong.toml"
    text = config.read_text(encoding="utf-8")
    config.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert invoke(["status"], cwd=workspace, now=NOW).exit_code == 0
    config.write_bytes(text.encode("gbk"))
    result = invoke(["status"], cwd=workspace, now=NOW)
    assert result.exit_code == 3 and "UTF-8" in result.stderr


def test_output_to_a_device_or_symlink_is_never_replaced(tmp_path: Path) -> None:
    write_output(Path("/dev/null"), b"data")
    assert Path("/dev/null").is_char_device()
    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_output(link, b"new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"


# --- Windows: a file held open by another program ------------------------------------------


def test_replace_is_retried_while_another_program_holds_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fangkong_cli import fsutil

    target = tmp_path / "report.xlsx"
    target.write_bytes(b"old")
    real_replace = os.replace
    attempts = []

    def busy_twice(src: str, dst: object) -> None:
        attempts.append(dst)
        if len(attempts) <= 2:
            raise PermissionError(13, "The process cannot access the file")
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(fsutil, "REPLACE_PAUSE", 0.001)
    monkeypatch.setattr(os, "replace", busy_twice)
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new" and len(attempts) == 3


def test_a_file_held_for_good_gives_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fangkong_cli import fsutil
    from fangkong_cli.errors import DataProblem

    target = tmp_path / "report.xlsx"
    target.write_bytes(b"old")

    def always_busy(src: str, dst: object) -> None:
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(fsutil, "REPLACE_PAUSE", 0.001)
    monkeypatch.setattr(os, "replace", always_busy)
    with pytest.raises(DataProblem) as caught:
        atomic_write(target, b"new")
    assert caught.value.key == "replace_busy"
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.xlsx"]


# --- the derived cache -------------------------------------------------------------------


def test_the_cache_follows_every_change_to_the_records(workspace: Path) -> None:
    assert (
        invoke(["mark", "2.18", "-s", "done", "--by", "甲", "--date", "2021-01-05"], cwd=workspace, now=NOW).exit_code
        == 0
    )
    first = invoke(["history", "2.18", "--format", "json"], cwd=workspace)
    assert '"status": "done"' in first.stdout
    assert list((workspace / ".fangkong" / "cache").glob("records-*.bin"))
    month = written(workspace)
    month.write_text(
        month.read_text(encoding="utf-8").replace('status = "done"', 'status = "partial"'), encoding="utf-8"
    )
    edited = invoke(["history", "2.18", "--format", "json"], cwd=workspace)
    assert '"status": "partial"' in edited.stdout  # a hand edit wins over the cache


def test_a_damaged_cache_is_ignored(workspace: Path) -> None:
    assert (
        invoke(["mark", "2.18", "-s", "done", "--by", "甲", "--date", "2021-01-05"], cwd=workspace, now=NOW).exit_code
        == 0
    )
    assert invoke(["status"], cwd=workspace, now=NOW).exit_code == 0
    for entry in (workspace / ".fangkong" / "cache").iterdir():
        entry.write_bytes(b"\x00garbage")
    result = invoke(["status", "--format", "json"], cwd=workspace, now=NOW)
    assert result.exit_code == 0 and '"answered": 1' in result.stdout
    import shutil

    shutil.rmtree(workspace / ".fangkong")
    assert invoke(["status"], cwd=workspace, now=NOW).exit_code == 0


def test_a_missing_extra_checklist_is_bad_configuration(workspace: Path) -> None:
    config = workspace / "fangkong.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            'checklist = "qzbt-2021-4"', 'checklist = "qzbt-2021-4"\nextra = ["local.yaml"]'
        ),
        encoding="utf-8",
    )
    result = invoke(["status"], cwd=workspace, now=NOW)
    assert result.exit_code == 3
    assert result.stderr.startswith(f"{config}:9: ") and "local.yaml" in result.stderr


def test_records_in_odd_places_are_reported_not_skipped(workspace: Path) -> None:
    (workspace / "records" / "2021-01.toml").mkdir()
    result = invoke(["status"], cwd=workspace, now=NOW)
    assert result.exit_code == 3 and "2021-01.toml" in result.stderr
    (workspace / "records" / "2021-01.toml").rmdir()
    (workspace / "records" / "2021-01.toml").symlink_to(workspace / "nowhere.toml")
    assert invoke(["status"], cwd=workspace, now=NOW).exit_code == 3


def test_records_of_a_renamed_measure_are_counted_out_loud(workspace: Path) -> None:
    month = workspace / "records" / "2021-01.toml"
    month.write_text(
        'format = 1\n\n[[record]]\nmeasure = "2.99"\nslot = "2021-01-05"\nstatus = "done"\nby = "甲"\nat = 2021-01-05T08:00:00+08:00\n',
        encoding="utf-8",
    )
    result = invoke(["status"], cwd=workspace, now=NOW)
    assert result.exit_code == 0 and "1 条记录" in result.stderr
    history = invoke(["history"], cwd=workspace, now=NOW, env={"COLUMNS": "200"})
    assert "清单中无此措施" in history.stdout


def test_no_answers_for_days_to_come(workspace: Path) -> None:
    result = invoke(["mark", "2.18", "-s", "done", "--by", "甲", "--date", "2021-01-07"], cwd=workspace, now=NOW)
    assert result.exit_code == 2 and "还没有到" in result.stderr
    assert nothing_written(workspace)


def test_a_long_note_is_a_note_not_a_file_name(workspace: Path) -> None:
    note = "进出人员登记" * 30  # over 255 bytes: no file system takes it as a name
    result = invoke(["mark", "2.18", "-s", "done", "--by", "甲", "-e", note], cwd=workspace, now=NOW)
    assert result.exit_code == 0, result.stderr
    assert note in written(workspace).read_text(encoding="utf-8")
