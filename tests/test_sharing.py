"""Many hands, one ledger: clones of a workspace merged or rebased with real git, and the
hash chains that show a record was not rewritten."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import invoke, make_workspace, written

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

NOW_B = "2021-01-05T18:00:00+08:00"
NOW_C = "2021-01-05T19:00:00+08:00"  # C answers the shared slot an hour after B


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(cwd),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "值班员",
        "GIT_AUTHOR_EMAIL": "duty@example.org",
        "GIT_COMMITTER_NAME": "值班员",
        "GIT_COMMITTER_EMAIL": "duty@example.org",
        "LANG": "C",
    }
    return subprocess.run(
        ["git", "-c", "init.defaultBranch=main", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def mark(ws: Path, now: str, day: str, *args: str) -> None:
    result = invoke(["mark", *args, "--date", day], cwd=ws, now=now)
    assert result.exit_code == 0, result.stderr


def slot_states(ws: Path, day: str) -> dict[tuple[str, str], str]:
    """(measure, slot) → state, from the JSON report of the campaign's first days."""
    args = ["report", "--from", "2021-01-04", "--to", day, "--format", "json", "-o", "-", "--date", day]
    result = invoke(args, cwd=ws, now=f"{day}T20:00:00+08:00")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    return {(m["id"], s["key"]): s["state"] for sec in report["sections"] for m in sec["measures"] for s in m["slots"]}


@pytest.fixture
def clones(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A unit's workspace in a shared repository and two officers' clones of it."""
    origin = make_workspace(tmp_path / "origin", start="2021-01-04")
    ok(git(origin, "init", "-q"))
    ok(git(origin, "add", "."))
    ok(git(origin, "commit", "-q", "-m", "开始"))
    ok(git(tmp_path, "clone", "-q", "--bare", str(origin), "shared.git"))
    b, c = tmp_path / "b", tmp_path / "c"
    ok(git(tmp_path, "clone", "-q", "shared.git", "b"))
    ok(git(tmp_path, "clone", "-q", "shared.git", "c"))
    return tmp_path / "shared.git", b, c


def record_both_sides(b: Path, c: Path) -> None:
    # different measures the same day; the same measure on different days; the same slot
    mark(b, NOW_B, "2021-01-05", "2.10", "-s", "done", "--by", "乙")
    mark(c, NOW_C, "2021-01-05", "2.11", "-s", "done", "--by", "丙")
    mark(b, NOW_B, "2021-01-04", "2.18", "-s", "done", "--by", "乙")
    mark(c, NOW_C, "2021-01-05", "2.18", "-s", "done", "--by", "丙")
    mark(b, NOW_B, "2021-01-05", "4.16", "-s", "done", "--by", "乙")
    mark(c, NOW_C, "2021-01-05", "4.16", "-s", "partial", "--by", "丙", "--note", "俱乐部未消毒")
    for ws, who in ((b, "乙"), (c, "丙")):
        ok(git(ws, "add", "records"))
        ok(git(ws, "commit", "-q", "-m", f"{who} 填报"))


@pytest.mark.parametrize("how", ["--no-rebase", "--rebase"])
def test_two_clones_share_without_conflict(clones: tuple[Path, Path, Path], how: str) -> None:
    _, b, c = clones
    record_both_sides(b, c)
    ok(git(b, "push", "-q", "origin", "main"))
    pulled = git(c, "pull", "-q", how, "origin", "main")
    assert pulled.returncode == 0 and "CONFLICT" not in pulled.stdout + pulled.stderr, pulled.stdout + pulled.stderr
    ok(git(c, "push", "-q", "origin", "main"))
    ok(git(b, "pull", "-q", how, "origin", "main"))
    # both clones hold every record of both sides, byte for byte alike
    files_b = sorted(p.relative_to(b) for p in (b / "records").rglob("*.toml"))
    files_c = sorted(p.relative_to(c) for p in (c / "records").rglob("*.toml"))
    assert files_b == files_c and len(files_b) == 2
    assert all((b / f).read_bytes() == (c / f).read_bytes() for f in files_b)
    history = json.loads(invoke(["history", "--format", "json"], cwd=b).stdout)["records"]
    assert len(history) == 6
    # the hand count: 2.10 and 2.11 done on the 5th; 2.18 done on the 4th and the 5th;
    # 4.16 answered on both sides, the later answer (丙's 部分完成) is in force
    seen = slot_states(b, "2021-01-05")
    assert seen == slot_states(c, "2021-01-05")
    day5 = "2021-01-05"
    assert (seen["2.10", day5], seen["2.11", day5], seen["2.18", day5], seen["4.16", day5]) == (
        "done",
        "done",
        "done",
        "partial",
    )
    assert (seen["2.18", "2021-01-04"], seen["2.10", "2021-01-04"]) == ("done", "overdue")
    answered = {key for key, state in seen.items() if state not in ("due", "overdue")}
    assert len(answered) == 5  # six records, two of them for one slot
    assert [r["status"] for r in history if r["measure"] == "4.16"] == ["done", "partial"]
    for ws in (b, c):
        assert invoke(["verify"], cwd=ws).exit_code == 0


def test_a_file_with_conflict_markers_is_named_with_the_fix(workspace: Path) -> None:
    month = workspace / "records" / "2021-01.toml"
    text = (
        'format = 1\n\n<<<<<<< HEAD\n[[record]]\nmeasure = "2.18"\nslot = "2021-01-05"\nstatus = "done"\nby = "甲"\n'
        'at = 2021-01-05T08:00:00+08:00\n=======\n[[record]]\nmeasure = "2.10"\n>>>>>>> origin/main\n'
    )
    month.write_text(text, encoding="utf-8")
    before = month.read_bytes()
    for args in (["status"], ["mark", "2.18", "-s", "done", "--by", "甲", "--date", "2021-01-05"]):
        result = invoke(args, cwd=workspace, now=NOW_B)
        assert result.exit_code == 3, result.stderr
        assert result.stderr.startswith(f"{month}:3: ") and "git 合并冲突" in result.stderr
        assert month.read_bytes() == before


# --- verify ------------------------------------------------------------------------------


@pytest.fixture
def recorded(tmp_path: Path) -> Path:
    ws = make_workspace(tmp_path / "ws", start="2021-01-04")
    for day in ("04", "05", "06", "07"):
        mark(ws, f"2021-01-{day}T20:00:00+08:00", f"2021-01-{day}", "2.18", "4.16", "-s", "done", "--by", "甲")
    mark(ws, "2021-02-01T20:00:00+08:00", "2021-02-01", "2.18", "-s", "done", "--by", "甲")
    return ws


def test_an_untouched_workspace_verifies(recorded: Path) -> None:
    result = invoke(["verify"], cwd=recorded)
    assert result.exit_code == 0, result.stderr
    assert "已核验 9 条记录" in result.stderr


def _blocks(path: Path) -> list[str]:
    head, *blocks = path.read_text(encoding="utf-8").split("\n[[record]]\n")
    return [head, *blocks]


@pytest.mark.parametrize("tamper", ["edit", "delete", "swap"])
def test_verify_finds_a_rewritten_old_month(recorded: Path, tamper: str) -> None:
    january = written(recorded, "2021-01")
    head, *blocks = _blocks(january)
    if tamper == "edit":
        blocks[2] = blocks[2].replace('status = "done"', 'status = "partial"')
        broken = 3
    elif tamper == "delete":
        del blocks[2]
        broken = 3
    else:
        blocks[1], blocks[2] = blocks[2], blocks[1]
        broken = 2
    january.write_text("\n[[record]]\n".join([head, *blocks]), encoding="utf-8")
    assert invoke(["status"], cwd=recorded, now="2021-02-01T20:00:00+08:00").exit_code == 0  # still readable
    result = invoke(["verify"], cwd=recorded)
    assert result.exit_code == 3
    line = [n for n, text in enumerate(january.read_text(encoding="utf-8").splitlines(), 1) if text == "[[record]]"][
        broken - 1
    ]
    assert result.stderr.startswith(f"{january}:{line}: "), result.stderr
    assert re.search(rf"第 {broken} 条记录的校验链断开", result.stderr)


def test_a_removed_month_breaks_the_next_one(recorded: Path) -> None:
    written(recorded, "2021-01").unlink()
    result = invoke(["verify"], cwd=recorded)
    assert result.exit_code == 3 and str(written(recorded, "2021-02")) in result.stderr


def test_records_from_before_chains_are_counted_not_proved(workspace: Path) -> None:
    (workspace / "records" / "2021-01.toml").write_text(
        'format = 1\n\n[[record]]\nmeasure = "2.18"\nslot = "2021-01-05"\nstatus = "done"\nby = "甲"\nat = 2021-01-05T08:00:00+08:00\n',
        encoding="utf-8",
    )
    result = invoke(["verify"], cwd=workspace)
    assert result.exit_code == 0 and "1 条记录写于启用校验链之前" in result.stderr


# --- signed reports ----------------------------------------------------------------------------

needs_ssh = pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="ssh-keygen (OpenSSH) is not installed")


def make_key(folder: Path, name: str) -> tuple[Path, str]:
    key = folder / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)], check=True, timeout=60)
    return key, (folder / f"{name}.pub").read_text(encoding="utf-8").strip()


@needs_ssh
def test_a_signed_report_verifies_and_a_changed_one_does_not(recorded: Path, tmp_path: Path) -> None:
    from fangkong_cli.signing import signature_problem

    key, public = make_key(tmp_path, "xining")
    out = tmp_path / "xining_2021-01.json"
    args = [
        "report",
        "--month",
        "2021-01",
        "--format",
        "json",
        "-o",
        str(out),
        "--sign",
        str(key),
        "--date",
        "2021-01-31",
    ]
    result = invoke(args, cwd=recorded, now="2021-02-01T09:00:00+08:00")
    assert result.exit_code == 0, result.stderr
    assert (
        (tmp_path / "xining_2021-01.json.sig").read_text(encoding="utf-8").startswith("-----BEGIN SSH SIGNATURE-----")
    )
    allowed = tmp_path / "allowed_signers"
    allowed.write_text(f'xining namespaces="fangkong-report" {public}\n', encoding="utf-8")
    assert signature_problem(out, "xining", allowed) is None
    assert signature_problem(out, "haidong", allowed) == "sig_invalid"  # signed by another unit's name
    out.write_bytes(out.read_bytes().replace(b'"done"', b'"partial"', 1))
    assert signature_problem(out, "xining", allowed) == "sig_invalid"
    (tmp_path / "xining_2021-01.json.sig").unlink()
    assert signature_problem(out, "xining", allowed) == "sig_missing"


@needs_ssh
def test_signing_needs_a_file_and_a_key(recorded: Path, tmp_path: Path) -> None:
    to_stdout = invoke(
        ["report", "--format", "json", "-o", "-", "--sign", str(tmp_path / "k")],
        cwd=recorded,
        now="2021-02-01T09:00:00+08:00",
    )
    assert to_stdout.exit_code == 2 and "标准输出" in to_stdout.stderr
    no_key = invoke(
        ["report", "--format", "json", "-o", str(tmp_path / "r.json"), "--sign", str(tmp_path / "nokey")],
        cwd=recorded,
        now="2021-02-01T09:00:00+08:00",
    )
    assert no_key.exit_code == 2 and "私钥" in no_key.stderr
    assert not (tmp_path / "r.json").exists()  # refused before anything was written


@needs_ssh
def test_aggregate_counts_only_reports_signed_by_their_unit(tmp_path: Path) -> None:
    units = {}
    for unit in ("xining", "haidong", "golmud"):
        ws = make_workspace(tmp_path / unit, start="2021-01-04", unit_id=unit, unit_name=f"{unit}工会")
        mark(ws, "2021-01-05T20:00:00+08:00", "2021-01-05", "2.18", "-s", "done", "--by", "甲")
        units[unit] = ws
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    allowed = []
    (tmp_path / "keys").mkdir()
    for unit, ws in units.items():
        key, public = make_key(tmp_path / "keys", unit)
        allowed.append(f'{unit} namespaces="fangkong-report" {public}')
        out = inbox / f"{unit}.json"
        sign = ["--sign", str(key)] if unit != "golmud" else []  # golmud sends it unsigned
        result = invoke(
            ["report", "--month", "2021-01", "-f", "json", "-o", str(out), *sign],
            cwd=ws,
            now="2021-02-01T09:00:00+08:00",
        )
        assert result.exit_code == 0, result.stderr
    (inbox / "haidong.json").write_bytes((inbox / "haidong.json").read_bytes().replace(b'"done": 1', b'"done": 9', 1))
    signers = tmp_path / "allowed_signers"
    signers.write_text("\n".join(allowed) + "\n", encoding="utf-8")
    result = invoke(
        ["aggregate", str(inbox), "--month", "2021-01", "--allowed-signers", str(signers), "-f", "json", "-o", "-"],
        now="2021-02-02T09:00:00+08:00",
    )
    assert result.exit_code == 0, result.stderr
    counted = {u["id"] for u in json.loads(result.stdout)["units"]}
    assert counted == {"xining"}
    assert "haidong.json" in result.stderr and "签名无效" in result.stderr
    assert "golmud.json" in result.stderr and "没有签名" in result.stderr
    unsigned_ok = invoke(
        ["aggregate", str(inbox), "--month", "2021-01", "-f", "json", "-o", "-"], now="2021-02-02T09:00:00+08:00"
    )
    assert {u["id"] for u in json.loads(unsigned_ok.stdout)["units"]} == {"xining", "haidong", "golmud"}


def test_a_report_names_what_it_was_computed_from(clones: tuple[Path, Path, Path]) -> None:
    _, b, _ = clones
    mark(b, NOW_B, "2021-01-05", "2.18", "-s", "done", "--by", "乙")
    ok(git(b, "add", "records"))
    ok(git(b, "commit", "-q", "-m", "填报"))
    head = ok(git(b, "rev-parse", "HEAD")).strip()

    def source() -> dict[str, object]:
        result = invoke(
            ["report", "--month", "2021-01", "-f", "json", "-o", "-", "--date", "2021-01-05"], cwd=b, now=NOW_B
        )
        assert result.exit_code == 0, result.stderr
        found = json.loads(result.stdout)["source"]
        assert isinstance(found, dict)
        return found

    first = source()
    assert first["git_commit"] == head and re.fullmatch(r"[0-9a-f]{64}", str(first["sha256"]))
    assert source() == first  # the same records give the same digest
    mark(b, NOW_B, "2021-01-05", "2.10", "-s", "done", "--by", "乙")
    assert source()["sha256"] != first["sha256"]  # a record more: another digest
