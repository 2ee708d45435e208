"""Workspaces rolled up directly: the derived cache, and worker processes when many are cold."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from aggregate_fixtures import NOW, unit_workspace
from conftest import invoke
from fangkong_cli.report import Period
from fangkong_cli.unit_reports import Rejected, UnitReport
from fangkong_cli.workspace_cache import lookup
from fangkong_cli.workspace_reports import Job, workspace_reports
from test_report import clean_environment

JANUARY = Period(date(2021, 1, 1), date(2021, 1, 31), "2021-01")
JOB = Job((JANUARY,), date(2021, 1, 31), datetime.fromisoformat(NOW))


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("workspaces")
    with clean_environment():
        for uid, days in (("xining", 6), ("haidong", 2), ("ledu", 0)):
            unit_workspace(root, uid, days)
    return root


@pytest.fixture
def roots(made: Path, tmp_path: Path) -> list[Path]:
    shutil.copytree(made, tmp_path / "ws")
    return [tmp_path / "ws" / uid for uid in ("xining", "haidong", "ledu")]


def _plain(
    outcomes: list[list[UnitReport] | Rejected],
) -> list[tuple[str, dict[str, int | float | None], str | None, bool]]:
    assert not any(isinstance(o, Rejected) for o in outcomes)
    return [
        (u.unit_id, u.figures.as_dict(), u.submitted_at.isoformat() if u.submitted_at else None, u.reported)
        for reports in outcomes
        if not isinstance(reports, Rejected)
        for u in reports
    ]


def _cache_entries(root: Path) -> list[Path]:
    return sorted((root / ".fangkong" / "cache").glob("aggregate-*.bin"))


def test_a_warm_run_reads_the_cache_and_agrees_with_a_cold_one(roots: list[Path]) -> None:
    for root in roots:
        shutil.rmtree(root / ".fangkong", ignore_errors=True)
    cold = workspace_reports(roots, JOB)
    assert all(len(_cache_entries(r)) == 1 for r in roots)
    warm = workspace_reports(roots, JOB)
    assert _plain(warm) == _plain(cold)
    by_unit = {u.unit_id: u for reports in cold if not isinstance(reports, Rejected) for u in reports}
    assert by_unit["xining"].reported and by_unit["xining"].submitted_from == "records"
    assert not by_unit["ledu"].reported  # nothing recorded for January: not reported


def test_the_cache_follows_the_records(roots: list[Path]) -> None:
    first = workspace_reports(roots[1:2], JOB)
    assert lookup(roots[1], JOB.periods, JOB.day, JOB.now) is not None
    result = invoke(
        ["mark", "2.18", "--status", "done", "--by", "值班员", "--date", "2021-01-20"],
        cwd=roots[1],
        now="2021-01-20T18:00:00+08:00",
    )
    assert result.exit_code == 0, result.stderr
    assert lookup(roots[1], JOB.periods, JOB.day, JOB.now) is None  # a new record: the entry no longer holds
    second = workspace_reports(roots[1:2], JOB)
    assert isinstance(first[0], list) and isinstance(second[0], list)
    assert second[0][0].figures.answered == first[0][0].figures.answered + 1
    assert lookup(roots[1], JOB.periods, date(2021, 1, 25), JOB.now) is None  # judged as of another day
    assert lookup(roots[1], JOB.periods, JOB.day, JOB.now) is not None


def test_worker_processes_give_the_same_reports(roots: list[Path]) -> None:
    for root in roots:
        shutil.rmtree(root / ".fangkong", ignore_errors=True)
    parallel = workspace_reports(roots, JOB, parallel_min=1, workers=2)
    assert all(len(_cache_entries(r)) == 1 for r in roots)  # the workers filled the caches
    for root in roots:
        shutil.rmtree(root / ".fangkong", ignore_errors=True)
    assert _plain(parallel) == _plain(workspace_reports(roots, JOB, parallel_min=100))


def test_a_broken_workspace_is_named_in_a_worker_too(roots: list[Path]) -> None:
    (roots[2] / "fangkong.toml").write_text("format = 1\n[unit\n", encoding="utf-8")
    outcomes = workspace_reports(roots, JOB, parallel_min=1, workers=2)
    from fangkong_cli.errors import FileProblems

    broken = outcomes[2]
    assert isinstance(broken, Rejected) and isinstance(broken.cause, FileProblems)
    assert broken.cause.problems[0].file.endswith("fangkong.toml") and broken.cause.problems[0].line == 2
    assert isinstance(outcomes[0], list) and outcomes[0][0].unit_id == "xining"


def test_workspaces_and_their_reports_roll_up_alike(roots: list[Path], tmp_path: Path) -> None:
    folder = roots[0].parent
    ws = invoke(
        ["aggregate", str(folder), "--month", "2021-01", "--date", "2021-01-31", "-f", "json", "-o", "-"], now=NOW
    )
    assert ws.exit_code == 0, ws.stderr
    reports = tmp_path / "reports"
    reports.mkdir()
    for root in roots:
        out = invoke(
            [
                "report",
                "-f",
                "json",
                "--month",
                "2021-01",
                "--date",
                "2021-01-31",
                "-o",
                str(reports / f"{root.name}.json"),
            ],
            cwd=root,
            now=NOW,
        )
        assert out.exit_code == 0, out.stderr
    files = invoke(["aggregate", str(reports), "-f", "json", "-o", "-"], now=NOW)
    a, b = json.loads(ws.stdout), json.loads(files.stdout)
    assert [(u["id"], u["summary"]) for u in a["units"]] == [(u["id"], u["summary"]) for u in b["units"]]
    assert a["missing"] == ["ledu"]  # a workspace with no record for the period has not reported
