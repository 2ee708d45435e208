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
    registered = registered_commands()
    for match in re.finditer(r"\bfangkong ([a-z]+)(?: ([a-z]+))?", code):
        pair = (match.group(1), match.group(2) or "")
        found.add(pair if pair in registered else pair[:1])
    return sorted(found)


def registered_commands() -> set[tuple[str, ...]]:
    """Every command and sub-command the application registers (from the app, not a list)."""
    from fangkong_cli.cli.app import build_command

    found: set[tuple[str, ...]] = set()

    def walk(group: object, prefix: tuple[str, ...]) -> None:
        for name, command in getattr(group, "commands", {}).items():
            found.add((*prefix, name))
            walk(command, (*prefix, name))

    walk(build_command("zh"), ())
    return found


def test_the_readme_shows_every_registered_command() -> None:
    registered = registered_commands()
    assert {("status",), ("checklist", "show")} <= registered  # the walk sees sub-commands
    shown = set(shown_commands())
    leaves = {c for c in registered if not any(o[: len(c)] == c and o != c for o in registered)}
    missing = sorted(" ".join(c) for c in leaves if c not in shown)
    assert missing == [], f"commands the README does not show: {missing}"


@pytest.mark.parametrize("words", shown_commands())
def test_every_command_in_the_readme_has_help(words: tuple[str, ...]) -> None:
    result = invoke([*words, "--help"])
    assert result.exit_code == 0, (words, result.stderr)
    assert "用法：fangkong" in result.stdout and "Usage" not in result.stdout


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    first = re.search(r"```sh\n(.*?)```", README, flags=re.DOTALL)
    assert first is not None
    assert '-m pip install ".[test]" && .venv/bin/python -m pytest' in first.group(1)
    assert "-m pip install . && .venv/bin/fangkong init" in first.group(1)
    assert "python -m pytest" in ci and '".[test]"' in ci


def test_the_readme_lists_every_exit_code() -> None:
    for code in range(5):
        assert re.search(rf"^\| {code} \| ", README, flags=re.MULTILINE)
