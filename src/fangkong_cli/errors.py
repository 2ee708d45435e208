"""The one exception family of fangkong; each carries its exit code and a catalog message."""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum
from types import MappingProxyType
from typing import Any, NamedTuple


class ExitCode(IntEnum):
    """The five exit codes fangkong promises (README, "Exit codes"); there is no other."""

    OK = 0
    CONDITION = 1  # the --fail-on condition was met
    USAGE = 2
    DATA = 3  # bad data or configuration
    LOCKED = 4  # another fangkong process holds the workspace lock


class Problem(NamedTuple):
    """One thing wrong with one file, at one line when known."""

    file: str
    line: int | None
    key: str
    params: Mapping[str, Any] = MappingProxyType({})


class FangkongError(Exception):
    """Base error: a catalog key, its parameters and the exit code it maps to."""

    exit_code: ExitCode = ExitCode.DATA

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class UsageProblem(FangkongError):
    """The command was called wrongly (bad option value, unknown id, no terminal for a prompt)."""

    exit_code = ExitCode.USAGE


class DataProblem(FangkongError):
    """A checklist, records file or workspace configuration is bad."""

    exit_code = ExitCode.DATA


class FileProblems(DataProblem):
    """Several problems found in files, each with file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("problems", count=len(problems))
        self.problems = problems


class WorkspaceLocked(FangkongError):
    """Another fangkong process holds the workspace lock."""

    exit_code = ExitCode.LOCKED
