"""Nothing lost, nothing hangs: outputs over the workspace, odd characters, edge dates, deep
nesting, full disks, FIFOs and devices, wrong types in fangkong.toml."""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar, cast

import pytest

from conftest import invoke, make_workspace, nothing_written, write_mini_checklist, written
from fangkong_cli.__main__ import run
from fangkong_cli.errors import FileProblems
from fangkong_cli.fileio import read_bounded, sha256_of

NOW = "2021-01-06T20:00:00+08:00"
FANGKONG = str(Path(sys.executable).with_name("fangkong"))
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every regular file under `folder` (the derived cache and the lock left out)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink() and ".fangkong" not in p.parts and p.name != ".fangkong.lock"
    }


@pytest.fixture
def recorded(workspace: Path) -> Path:
    """A workspace with one month of records."""
    result = invoke(["mark", "2.8", "--status", "done", "--by", "张三", "--date", "2021-01-05"], cwd=workspace, now=NOW)
    assert result.exit_code == 0, result.stderr
    return workspace


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One workspace with a record for the tests that must change nothing (made once: fast)."""
    ws = make_workspace(tmp_path_factory.mktemp("shared") / "ws")
    result = invoke(["mark", "2.8", "--status", "done", "--by", "张三", "--date", "2021-01-05"], cwd=ws, now=NOW)
    assert result.exit_code == 0, result.stderr
    return ws


T = TypeVar("T")


def _no_hang(target: Callable[[], T], timeout: float = 20.0) -> T:
    """Run `target()` in a thread; fail (instead of hanging the suite) if it does not return."""
    box: dict[str, object] = {}

    def call() -> None:
        try:
            box["value"] = target()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            box["error"] = exc

    thread = threading.Thread(target=call, daemon=True)
    thread.start()
    thread.join(timeout)
    assert not thread.is_alive(), "the call blocked"
    error = box.get("error")
    if isinstance(error, BaseException):
        raise error
    return cast(T, box.get("value"))


# --- 1. report -o never replaces a workspace file ------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "fangkong.toml",
        "records/2021-01.toml",
        "records/new-file.md",
        "records/",
        ".fangkong/anything.md",
        "records/../fangkong.toml",
        "sub/../records/2021-01.toml",
    ],
)
def test_report_never_writes_over_the_workspace(recorded: Path, target: str) -> None:
    (recorded / "sub").mkdir()
    (recorded / ".fangkong").mkdir(exist_ok=True)
    before = snapshot(recorded)
    result = invoke(["report", "--month", "2021-01", "-f", "md", "-o", target], cwd=recorded, now=NOW)
    assert result.exit_code == 2, result.stderr
    assert "工作区自己的文件" in result.stderr
    assert snapshot(recorded) == before
    assert not (recorded / "records" / "new-file.md").exists()


def test_report_never_writes_over_the_checklist_it_uses(tmp_path: Path) -> None:
    checklist = write_mini_checklist(tmp_path / "lists")
    ws = make_workspace(tmp_path / "ws", checklist=str(checklist))
    text = checklist.read_text(encoding="utf-8")
    result = invoke(["report", "--month", "2021-01", "-f", "md", "-o", str(checklist)], cwd=ws, now=NOW)
    assert result.exit_code == 2
    assert str(checklist) in result.stderr
    assert checklist.read_text(encoding="utf-8") == text


def test_report_through_a_symlink_to_a_workspace_file_is_refused(recorded: Path, tmp_path: Path) -> None:
    month = written(recorded)
    before = month.read_bytes()
    listing = sorted((recorded / "records").rglob("*"))
    link = tmp_path / "innocent.md"
    link.symlink_to(month)
    folder_link = tmp_path / "out"
    folder_link.symlink_to(recorded / "records")
    for target in (link, folder_link / "2021-01.toml", folder_link):
        result = invoke(["report", "--month", "2021-01", "-f", "md", "-o", str(target)], cwd=recorded, now=NOW)
        assert result.exit_code == 2, (target, result.stderr)
    assert month.read_bytes() == before
    assert sorted((recorded / "records").rglob("*")) == listing


def test_report_next_to_the_workspace_files_is_fine(recorded: Path) -> None:
    result = invoke(["report", "--month", "2021-01", "-f", "md", "-o", "report.md"], cwd=recorded, now=NOW)
    assert result.exit_code == 0, result.stderr
    assert (recorded / "report.md").read_text(encoding="utf-8").strip()


# --- 6. FIFOs, devices and paths out of the workspace --------------------------------------


def test_read_bounded_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    with pytest.raises(FileProblems) as caught:
        read_bounded(tmp_path, 100)
    assert caught.value.problems[0].key == "file_is_directory"
    if Path("/dev/zero").exists():
        with pytest.raises(FileProblems) as caught:
            _no_hang(lambda: read_bounded(Path("/dev/zero"), 100))
        assert caught.value.problems[0].key == "file_not_regular"
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 101)
    with pytest.raises(FileProblems) as caught:
        read_bounded(big, 100)
    assert caught.value.problems[0].key == "file_too_large"
    assert read_bounded(big, 101) == b"x" * 101


@needs_fifo
def test_read_bounded_does_not_wait_on_a_named_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    for call in (lambda: read_bounded(fifo, 100), lambda: sha256_of(fifo)):
        with pytest.raises(FileProblems) as caught:
            _no_hang(call)
        assert caught.value.problems[0].key == "file_not_regular"


@needs_fifo
def test_a_pipe_as_checklist_or_extra_file_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result = _no_hang(lambda: invoke(["checklist", "validate", str(fifo)]))
    assert result.exit_code == 3, result.stderr
    assert "不是普通文件" in result.stderr
    ws = make_workspace(tmp_path / "ws")
    config = ws / "fangkong.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace('checklist = "qzbt-2021-4"', f'checklist = "qzbt-2021-4"\nextra = ["{fifo}"]'), encoding="utf-8"
    )
    result = _no_hang(lambda: invoke(["status"], cwd=ws, now=NOW))
    assert result.exit_code == 3, result.stderr
    assert str(fifo) in result.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_as_checklist_is_refused() -> None:
    result = _no_hang(lambda: invoke(["checklist", "show", "--checklist", "/dev/zero"]))
    assert result.exit_code == 3, result.stderr
    assert "/dev/zero" in result.stderr


@needs_fifo
def test_history_never_opens_evidence_out_of_the_workspace_or_a_pipe(workspace: Path, tmp_path: Path) -> None:
    proof = workspace / "proof.txt"
    proof.write_text("值班记录", encoding="utf-8")
    result = invoke(
        ["mark", "2.8", "-s", "done", "--by", "张三", "-e", "proof.txt", "--date", "2021-01-05"], cwd=workspace, now=NOW
    )
    assert result.exit_code == 0, result.stderr
    month = written(workspace)
    outside = tmp_path / "outside.txt"
    outside.write_text("值班记录", encoding="utf-8")  # same bytes, same hash: must still not be read
    text = month.read_text(encoding="utf-8")
    for value in (str(outside), "../outside.txt", "pipe.txt"):
        if value == "pipe.txt":
            proof.unlink()
            os.mkfifo(workspace / "pipe.txt")
        month.write_text(text.replace('value = "proof.txt"', f'value = "{value}"'), encoding="utf-8")
        result = _no_hang(lambda: invoke(["history", "--format", "json"], cwd=workspace, now=NOW))
        assert result.exit_code == 0, result.stderr
        entries = json.loads(result.stdout)["records"]
        assert [e["evidence_changed"] for e in entries] == [[value]]


@needs_fifo
def test_a_pipe_as_the_remembered_officer_or_a_cache_entry_is_skipped(recorded: Path) -> None:
    state = recorded / ".fangkong"
    (state / "officer").unlink()
    os.mkfifo(state / "officer")
    cache = state / "cache"
    for entry in cache.iterdir():
        entry.unlink()
        os.mkfifo(entry)
    result = _no_hang(lambda: invoke(["mark", "2.8", "-s", "done", "--date", "2021-01-06"], cwd=recorded, now=NOW))
    assert result.exit_code == 2, result.stderr  # no officer known
    result = _no_hang(lambda: invoke(["status", "--format", "json"], cwd=recorded, now=NOW))
    assert result.exit_code == 0, result.stderr


def test_checklist_problems_still_name_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        'section:\n  id: "8"\n  number: 八\n  title: 测试\nmeasures:\n  - id: "8.1"\n    title: 标题\n    source: 原文\n    frequency: hourly\n    evidence: 记录\n',
        encoding="utf-8",
    )
    result = invoke(["checklist", "validate", str(bad)])
    assert result.exit_code == 3
    assert f"{bad}:9: measures[1].frequency" in result.stderr


if sys.platform == "win32":  # pragma: no cover
    pytestmark = pytest.mark.skip(reason="POSIX file semantics")


# --- 2. characters a report cannot hold are refused where they are typed -------------------

BAD_CHARS = ["\ufffe", "\uffff", "\udcff", "\x0b"]


@pytest.mark.parametrize("char", BAD_CHARS)
@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--note", "值{c}班"], "--note"),
        (["--evidence", "值班记录{c}见台账"], "--evidence"),
        (["--by", "张{c}三"], "--by"),
    ],
)
def test_mark_refuses_characters_a_report_cannot_hold(workspace: Path, char: str, args: list[str], option: str) -> None:
    before = snapshot(workspace)
    typed = [a.replace("{c}", char) for a in args]
    result = invoke(
        ["mark", "2.8", "-s", "done", "--by", "张三", *typed, "--date", "2021-01-05"], cwd=workspace, now=NOW
    )
    assert result.exit_code == 2, result.stderr
    assert option in result.stderr
    # a lone surrogate comes from bytes the terminal could not decode: said as such
    assert ("UTF-8" if char == "\udcff" else f"U+{ord(char):04X}") in result.stderr
    assert snapshot(workspace) == before


def test_mark_refuses_them_in_a_reason(workspace: Path) -> None:
    result = invoke(
        ["mark", "2.8", "-s", "na", "--reason", "不\ufffe适用", "--by", "张三", "--date", "2021-01-05"],
        cwd=workspace,
        now=NOW,
    )
    assert result.exit_code == 2 and "--reason" in result.stderr and "U+FFFE" in result.stderr
    assert nothing_written(workspace)


def test_check_refuses_them_in_a_typed_note(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws", checklist=str(write_mini_checklist(tmp_path / "lists")))
    result = invoke(
        ["check", "--date", "2021-01-04", "--by", "李四"],
        cwd=ws,
        tty=True,
        input="1\n值班\ufffe\n\n",
        now="2021-01-04T20:00:00+08:00",
    )
    # refused, the character named, and asked again (the input then ends: nothing saved)
    assert result.exit_code == 0 and "U+FFFE" in result.stdout and "备注不能保存" in result.stdout
    assert nothing_written(ws)


def test_init_refuses_them_in_the_unit_name(tmp_path: Path) -> None:
    result = invoke(
        ["init", "--dir", str(tmp_path / "ws"), "--unit-id", "x", "--unit-name", "西宁\uffff", "--start", "2021-01-04"],
        now=NOW,
    )
    assert result.exit_code == 2 and "--unit-name" in result.stderr and "U+FFFF" in result.stderr
    assert not (tmp_path / "ws" / "fangkong.toml").exists()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('name = "西宁市总工会"', 'name = "西宁市\ufffe总工会"'),
        ('preparer = ""', 'preparer = "王\uffff"'),
        (
            'timezone = "Asia/Shanghai"',
            'timezone = "Asia/Shanghai"\n\n[[tailoring]]\nmeasure = "2.8"\nreason = "本单位\ufffe不涉及"',
        ),
    ],
)
def test_fangkong_toml_refuses_them(workspace: Path, old: str, new: str) -> None:
    config = workspace / "fangkong.toml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new), encoding="utf-8")
    result = invoke(
        ["report", "--month", "2021-01", "-f", "docx", "-o", str(workspace / "r.docx")], cwd=workspace, now=NOW
    )
    assert result.exit_code == 3, result.stderr
    assert result.stderr.startswith(f"{config}:") and "U+FFF" in result.stderr
    assert not (workspace / "r.docx").exists()


def test_a_checklist_refuses_them(tmp_path: Path) -> None:
    path = write_mini_checklist(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: 每周宣传", 'title: "每周\\uFFFE宣传"'), encoding="utf-8")  # escaped
    result = invoke(["checklist", "validate", str(path)])
    assert result.exit_code == 3
    assert f"{path}:17: measures[3].title" in result.stderr and "U+FFFE" in result.stderr
    path.write_text(text.replace("title: 每周宣传", "title: 每周\uffff宣传"), encoding="utf-8")  # raw
    result = invoke(["checklist", "validate", str(path)])
    assert result.exit_code == 3
    assert f"{path}:17: " in result.stderr and "U+FFFF" in result.stderr


def test_a_records_file_refuses_them(recorded: Path) -> None:
    month = written(recorded)
    month.write_text(
        month.read_text(encoding="utf-8").replace('by = "张三"', 'by = "张三"\nnote = "\uffff"'), encoding="utf-8"
    )
    result = invoke(
        ["report", "--month", "2021-01", "-f", "docx", "-o", str(recorded / "r.docx")], cwd=recorded, now=NOW
    )
    assert result.exit_code == 3 and "U+FFFF" in result.stderr and str(month) in result.stderr


def test_a_remembered_officer_with_them_is_refused(recorded: Path) -> None:
    (recorded / ".fangkong" / "officer").write_text("张\ufffe三", encoding="utf-8")
    result = invoke(["mark", "2.8", "-s", "done", "--date", "2021-01-06"], cwd=recorded, now=NOW)
    assert result.exit_code == 2 and "U+FFFE" in result.stderr


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_ordinary_chinese_text_still_reaches_every_report(recorded: Path, fmt: str) -> None:
    result = invoke(
        [
            "mark",
            "2.9",
            "-s",
            "done",
            "--by",
            "张三",
            "--note",
            "“已落实”——见台账（第3页）；emoji 😀",
            "--date",
            "2021-01-06",
        ],
        cwd=recorded,
        now=NOW,
    )
    assert result.exit_code == 0, result.stderr
    out = recorded / f"r.{fmt}"
    result = invoke(["report", "--month", "2021-01", "-o", str(out)], cwd=recorded, now=NOW)
    assert result.exit_code == 0, result.stderr
    assert out.stat().st_size > 0


# --- 7. fangkong.toml: TOML types, not strings that look like them -------------------------


@pytest.mark.parametrize(
    ("old", "new", "line", "fragment"),
    [
        ("format = 1", 'format = "1"', 1, "应为整数"),
        ("start = 2021-01-04", 'start = "2021-01-04"', 9, "不加引号"),
        ("start = 2021-01-04", "start = 2021-01-04T08:00:00", 9, "应为日期"),
        ("end = 2021-04-30", 'end = "2021-03-31"', 10, "不加引号"),
        (
            'timezone = "Asia/Shanghai"',
            'timezone = "Asia/Shanghai"\n\n[[tailoring]]\nmeasure = "2.8"\nreason = "不涉及"\nuntil = "2021-02-01"',
            16,
            "不加引号",
        ),
        ("start = 2021-01-04", "start = 1999-12-31", 9, "2000"),
    ],
)
def test_fangkong_toml_wants_toml_types(workspace: Path, old: str, new: str, line: int, fragment: str) -> None:
    config = workspace / "fangkong.toml"
    config.write_text(config.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    result = invoke(["status"], cwd=workspace, now=NOW)
    assert result.exit_code == 3, result.stderr
    assert result.stderr.startswith(f"{config}:{line}: "), result.stderr
    assert fragment in result.stderr


# --- 3. dates at the edges -----------------------------------------------------------------

EDGE_DATES = ["9999-12-31", "0001-01-01", "1999-12-31", "2101-01-01"]


@pytest.mark.parametrize("day", EDGE_DATES)
@pytest.mark.parametrize(
    "args",
    [
        ["status", "--date", "{d}"],
        ["mark", "2.8", "-s", "done", "--by", "张三", "--date", "{d}"],
        ["check", "--date", "{d}"],
        ["history", "--from", "{d}"],
        ["history", "--to", "{d}"],
        ["report", "--date", "{d}", "-f", "json", "-o", "-"],
        ["report", "--from", "2021-01-04", "--to", "{d}", "-f", "json", "-o", "-"],
        ["aggregate", "--date", "{d}", "."],
    ],
)
def test_dates_outside_the_years_served_are_usage_errors(shared: Path, day: str, args: list[str]) -> None:
    before = snapshot(shared)
    result = invoke([a.replace("{d}", day) for a in args], cwd=shared, now=NOW)
    assert result.exit_code == 2, result.stderr
    assert "2000" in result.stderr and "2100" in result.stderr and day in result.stderr
    assert snapshot(shared) == before


@pytest.mark.parametrize(
    ("option", "value"),
    [("--month", "0000-01"), ("--month", "9999-12"), ("--week", "9999-W52"), ("--week", "0001-W01")],
)
def test_periods_outside_the_years_served_are_usage_errors(shared: Path, option: str, value: str) -> None:
    result = invoke(["report", option, value, "-f", "json", "-o", "-"], cwd=shared, now=NOW)
    assert result.exit_code == 2, result.stderr
    assert value in result.stderr and "2100" in result.stderr


@pytest.mark.parametrize("now", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00", "2101-01-01T00:00:00+08:00"])
def test_fangkong_now_outside_the_years_served_is_a_usage_error(shared: Path, now: str) -> None:
    for args in (["status"], ["mark", "2.8", "-s", "done", "--by", "张三"]):
        result = invoke(args, cwd=shared, now=now)
        assert result.exit_code == 2, result.stderr
        assert now in result.stderr


def test_init_refuses_a_campaign_outside_the_years_served(tmp_path: Path) -> None:
    for flag, value in (("--start", "1900-01-01"), ("--end", "9999-12-31")):
        result = invoke(
            ["init", "--dir", str(tmp_path / "ws"), "--unit-id", "x", "--unit-name", "单位", flag, value], now=NOW
        )
        assert result.exit_code == 2 and value in result.stderr
    assert not (tmp_path / "ws").exists()


def test_the_edges_of_the_years_served_still_work(recorded: Path) -> None:
    for args in (
        ["status", "--date", "2100-12-31", "--section", "1"],
        ["report", "--week", "2100-W52", "-f", "json", "-o", "-"],
    ):
        result = invoke(args, cwd=recorded, now=NOW)
        assert result.exit_code == 0, result.stderr
    result = invoke(["status", "--section", "1"], cwd=recorded, now="2100-12-31T23:59:59-12:00")
    assert result.exit_code == 0, result.stderr


def test_a_checklist_date_outside_the_years_served_is_refused(tmp_path: Path) -> None:
    path = write_mini_checklist(tmp_path)
    path.write_text(
        path.read_text(encoding="utf-8").replace('due: "2021-01-10"', 'due: "9999-12-31"'), encoding="utf-8"
    )
    result = invoke(["checklist", "validate", str(path)])
    assert result.exit_code == 3
    assert f"{path}:25: measures[4].due" in result.stderr and "2100" in result.stderr


def test_a_record_time_outside_the_years_served_is_bad_data(recorded: Path) -> None:
    month = written(recorded)
    text = month.read_text(encoding="utf-8")
    month.write_text(text.replace("at = 2021-01-06 20:00:00+08:00", "at = 9999-12-31 23:00:00-08:00"), encoding="utf-8")
    assert month.read_text(encoding="utf-8") != text
    result = invoke(["status"], cwd=recorded, now=NOW)
    assert result.exit_code == 3 and str(month) in result.stderr and "2100" in result.stderr


def test_a_date_long_after_the_campaign_asks_nothing_of_later_years(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws", end="2021-03-31")
    result = invoke(["status", "--date", "2100-12-31", "--format", "json"], cwd=ws, now=NOW)
    assert result.exit_code == 1 or result.exit_code == 0, result.stderr
    assert "2100" not in result.stderr and "2050" not in result.stderr  # no calendar note for them


def test_each_year_of_the_calendar_is_built_once() -> None:
    from fangkong_cli.models import Frequency, Measure
    from fangkong_cli.schedule import Campaign, slots_between
    from fangkong_cli.workdays import _year_table

    campaign = Campaign(date(2000, 1, 1))
    measures = [
        Measure(id=f"1.{i}", title="t", source="s", frequency=Frequency.WORKDAY, evidence="e") for i in range(2)
    ]
    _year_table.cache_clear()
    for measure in measures:
        slots_between(measure, campaign, date(2000, 1, 1), date(2100, 12, 31))
    assert _year_table.cache_info().misses == 101


# --- 4. nesting deep enough to exhaust the parser's stack ----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "section: " + "[" * 800 + "]" * 800 + "\n",  # within libyaml's limit, beyond Python's stack
        "section: " + "[" * 3000 + "]" * 3000 + "\n",  # beyond libyaml's own limit
        "section:\n  id: " + "{a: " * 900 + "1" + "}" * 900 + "\n",
        "".join("  " * i + "k:\n" for i in range(600)) + "  " * 600 + "v\n",
    ],
    ids=["flow-lists", "flow-lists-beyond-libyaml", "flow-maps", "block"],
)
def test_deep_yaml_is_bad_data_with_the_file(tmp_path: Path, text: str) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(text, encoding="utf-8")
    result = invoke(["checklist", "validate", str(path)])
    assert result.exit_code == 3, result.stderr
    assert result.stderr.startswith(str(path)), result.stderr
    assert "内部错误" not in result.stderr


@pytest.mark.parametrize("value", ["[" * 5000 + "]" * 5000, "{a = " * 3000 + "1" + "}" * 3000])
def test_deep_toml_in_fangkong_toml_is_bad_data_with_the_file(workspace: Path, value: str) -> None:
    config = workspace / "fangkong.toml"
    config.write_text(config.read_text(encoding="utf-8") + f"\ndeep = {value}\n", encoding="utf-8")
    before = snapshot(workspace)
    result = invoke(["status"], cwd=workspace, now=NOW)
    assert result.exit_code == 3, result.stderr
    assert result.stderr.startswith(str(config)) and "嵌套" in result.stderr
    assert snapshot(workspace) == before


def test_a_deep_json_report_is_left_out_of_the_roll_up(tmp_path: Path) -> None:
    (tmp_path / "deep.json").write_text('{"kind": ' + "[" * 100000 + "]" * 100000 + "}", encoding="utf-8")
    result = invoke(["aggregate", str(tmp_path)], now=NOW)
    assert result.exit_code == 3, result.stderr
    assert "deep.json" in result.stderr and "内部错误" not in result.stderr


# --- 5. a full disk on standard output -----------------------------------------------------


class FullStream(io.StringIO):
    """Standard output on a full disk: every write fails with ENOSPC."""

    def __init__(self, binary: bool = False) -> None:
        super().__init__()
        self._binary = binary

    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    @property
    def buffer(self) -> FullStream:  # type: ignore[override]
        return FullStream(binary=True)


@pytest.mark.parametrize(
    "args",
    [
        ["status"],
        ["status", "--format", "json"],
        ["report", "--month", "2021-01", "-f", "md", "-o", "-"],
        ["report", "--month", "2021-01", "-f", "xlsx", "-o", "-"],
        ["checklist", "show"],
        ["--help"],
    ],
)
def test_a_full_disk_on_stdout_is_said_plainly(
    recorded: Path, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    err = io.StringIO()
    saved = Path.cwd()
    monkeypatch.setenv("FANGKONG_NOW", NOW)
    monkeypatch.setattr(sys, "stdout", FullStream())
    monkeypatch.setattr(sys, "stderr", err)
    try:
        os.chdir(recorded)
        code = run(args)
    finally:
        os.chdir(saved)
    assert code == 3, err.getvalue()
    assert "无法写出结果" in err.getvalue() and "内部错误" not in err.getvalue()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["status"], ["report", "--month", "2021-01", "-f", "md", "-o", "-"]])
def test_a_full_disk_on_stdout_in_a_real_process(recorded: Path, args: list[str]) -> None:
    env = {"PATH": os.environ.get("PATH", ""), "LANG": "C", "FANGKONG_NOW": NOW}
    with open("/dev/full", "w") as full:
        done = subprocess.run([FANGKONG, *args], cwd=recorded, env=env, stdout=full, stderr=subprocess.PIPE, timeout=60)
    stderr = done.stderr.decode("utf-8")
    assert done.returncode == 3, stderr
    assert "无法写出结果" in stderr and "Traceback" not in stderr and "Exception ignored" not in stderr


@needs_fifo
def test_a_pipe_among_the_reports_is_left_out_not_waited_on(recorded: Path, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    result = invoke(
        ["report", "--month", "2021-01", "-f", "json", "-o", str(reports / "xining.json")], cwd=recorded, now=NOW
    )
    assert result.exit_code == 0, result.stderr
    os.mkfifo(reports / "stuck.json")
    result = _no_hang(lambda: invoke(["aggregate", str(reports), "--format", "json", "-o", "-"], now=NOW))
    assert result.exit_code == 0, result.stderr
    assert "stuck.json" in result.stderr and "不是普通文件" in result.stderr
    assert "xining" in result.stdout


@needs_fifo
def test_a_pipe_as_the_list_of_expected_units_is_refused(recorded: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "units.txt"
    os.mkfifo(fifo)
    result = _no_hang(lambda: invoke(["aggregate", str(recorded), "--expect", str(fifo)], now=NOW))
    assert result.exit_code == 2, result.stderr
    assert "不是普通文件" in result.stderr


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ("format = 1", 'format = "1"', "应为整数"),
        ("at = 2021-01-06 20:00:00+08:00", 'at = "2021-01-06T20:00:00+08:00"', "带时区的时间"),
    ],
)
def test_records_want_toml_types(recorded: Path, old: str, new: str, fragment: str) -> None:
    month = written(recorded)
    text = month.read_text(encoding="utf-8")
    assert old in text
    month.write_text(text.replace(old, new), encoding="utf-8")
    result = invoke(["status"], cwd=recorded, now=NOW)
    assert result.exit_code == 3, result.stderr
    assert result.stderr.startswith(f"{month}:") and fragment in result.stderr
    assert month.read_text(encoding="utf-8") == text.replace(old, new)


def test_a_deeply_nested_records_file_is_bad_data(workspace: Path) -> None:
    month = workspace / "records" / "2021-02.toml"
    month.write_text("format = 1\nx = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    before = month.read_bytes()
    result = invoke(["status"], cwd=workspace, now=NOW)
    assert result.exit_code == 3 and str(month) in result.stderr and "Traceback" not in result.stderr
    assert "内部错误" not in result.stderr
    assert month.read_bytes() == before


@pytest.mark.parametrize("zone", ["Asia", "Asia/", "../etc/passwd"])
def test_a_time_zone_that_names_a_folder_is_bad_configuration(workspace: Path, zone: str) -> None:
    config = workspace / "fangkong.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('timezone = "Asia/Shanghai"', f'timezone = "{zone}"'),
        encoding="utf-8",
    )
    result = invoke(["status"], cwd=workspace, now=NOW)
    assert result.exit_code == 3 and "时区" in result.stderr and "内部错误" not in result.stderr
    bad_init = invoke(
        ["init", "--dir", str(workspace.parent / "other"), "--unit-id", "u", "--unit-name", "单位", "--timezone", zone],
        now=NOW,
    )
    assert bad_init.exit_code == 2 and "内部错误" not in bad_init.stderr
