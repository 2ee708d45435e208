"""Every width: piped output fits COLUMNS (or 160) in terminal cells, without trailing
blanks; narrow tables keep measure titles readable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from conftest import invoke
from fangkong_cli.checklist import load_checklist, resolve_sources

NOW = "2021-01-09T18:00:00+08:00"
COMMANDS = [
    ["status"],
    ["status", "2.18", "2.2"],
    ["today"],
    ["history"],
    ["check", "--list"],
    ["checklist", "show"],
    ["checklist", "show", "2"],
    ["checklist", "list"],
    ["mark", "--help"],
]


@pytest.fixture
def answered(workspace: Path) -> Path:
    for day in ("2021-01-04", "2021-01-05", "2021-01-06"):
        note = "夜间值守人员到岗，已逐一电话核实并登记在册"
        result = invoke(
            ["mark", "2.18", "2.2", "-s", "done", "--by", "值班员", "--date", day, "--note", note],
            cwd=workspace,
            now=NOW,
        )
        assert result.exit_code == 0, result.stderr
    return workspace


@pytest.mark.parametrize("columns", [None, "60", "80", "100"])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_piped_output_fits_and_has_no_trailing_blanks(answered: Path, args: list[str], columns: str | None) -> None:
    env = {"COLUMNS": columns} if columns else {}
    if columns is None:
        import os

        os.environ.pop("COLUMNS", None)  # the autouse fixture sets 80: here, nothing set
    result = invoke(args, cwd=answered, now=NOW, env=env)
    assert result.exit_code in (0, 1), result.stderr
    lines = result.stdout.splitlines()
    limit = int(columns) if columns else 160
    widest = max(cell_len(line) for line in lines)
    assert widest <= limit, (widest, limit)
    assert all(line == line.rstrip() for line in lines)
    if args == ["history"] and columns is None:
        # sized to the content, not padded out to 160 (checklist show holds whole sentences
        # of the notice, which do fill the width)
        assert widest < 150


@pytest.mark.parametrize("tty", [False, True])
def test_status_at_80_columns_keeps_titles_readable(answered: Path, tty: bool) -> None:
    result = invoke(["status"], cwd=answered, now=NOW, tty=tty)
    text = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)  # NO_COLOR keeps bold and dim
    lines = text.splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    checklist = load_checklist(resolve_sources("qzbt-2021-4"))
    for measure in checklist.measures:
        head = measure.title[:10]  # at least ten characters of every title on one line
        assert any(head in line for line in lines), measure.id
