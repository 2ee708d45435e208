"""The one exception family of fangkong; each carries its exit code and a catalog message."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

# The five exit codes of the contract (PRODUCT.md §7).
EXIT_OK = 0
EXIT_CONDITION = 1
EXIT_USAGE = 2
EXIT_DATA = 3
EXIT_LOCKED = 4


class Problem(NamedTuple):
    """One thing wrong with one file, at one line when known."""

    file: str
    line: int | None
    key: str
    params: Mapping[str, Any] = MappingProxyType({})


class FangkongError(Exception):
    """Base error: a catalog key, its parameters and the exit code it maps to."""

    exit_code = EXIT_DATA

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class UsageProblem(FangkongError):
    """The command was called wrongly (bad option value, unknown id, no terminal for a prompt)."""

    exit_code = EXIT_USAGE


class DataProblem(FangkongError):
    """A checklist, records file or workspace configuration is bad."""

    exit_code = EXIT_DATA


class FileProblems(DataProblem):
    """Several problems found in files, each with file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("problems", count=len(problems))
        self.problems = problems


class WorkspaceLocked(FangkongError):
    """Another fangkong process holds the workspace lock."""

    exit_code = EXIT_LOCKED
