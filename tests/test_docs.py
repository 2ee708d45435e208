"""The README's commands exist, their --help works, and CI runs the README's test command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import invoke

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def shown_commands() -> list[tuple[str, ...]]:
    found = set()
    blocks = re.findall(r"```\w*\n(.*?)```", README, flags=re.DOTALL)
    spans = re.findall(r"`([^`\n]+)`", re.sub(r"```.*?```", "", README, flags=re.DOTALL))
    code = "\n".join(blocks + spans)
    for match in re.finditer(r"\bfangkong ((?:checklist )?[a-z]+)", code):
        words = tuple(match.group(1).split())
        found.add(words)
    return sorted(found)


def test_the_readme_shows_the_commands() -> None:
    commands = {c[0] for c in shown_commands()}
    assert {"init", "check", "mark", "status", "history", "report", "aggregate", "checklist"} <= commands


@pytest.mark.parametrize("words", shown_commands())
def test_every_command_in_the_readme_has_help(words: tuple[str, ...]) -> None:
    result = invoke([*words, "--help"])
    assert result.exit_code == 0, (words, result.stderr)
    assert "用法：fangkong" in result.stdout and "Usage" not in result.stdout


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert 'python -m pip install ".[test]" && python -m pytest' in README
    assert "python -m pytest" in ci and '".[test]"' in ci


def test_the_readme_lists_every_exit_code() -> None:
    for code in range(5):
        assert re.search(rf"^\| {code} \| ", README, flags=re.MULTILINE)
