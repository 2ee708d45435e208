"""Report writers: one small module per format, each turning a core object into bytes.

Adding a format is one module here with `write_report` (and `write_rollup` when the
aggregate can be written in it) plus one enum member. Modules are imported only when their
format is asked for, so xlsxwriter and python-docx never slow down other commands.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..aggregate import Rollup
    from ..messages import Lang
    from ..report import Report


class ReportFormat(StrEnum):
    md = "md"
    html = "html"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"
    docx = "docx"


class RollupFormat(StrEnum):
    table = "table"  # the Rich table on stdout, drawn by the command layer
    md = "md"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"
    html = "html"


BINARY_FORMATS = frozenset({"xlsx", "docx"})


def _function(fmt: str, name: str) -> Callable[..., bytes]:
    module = importlib.import_module(f"{__name__}.{fmt}")
    function: Callable[..., bytes] = getattr(module, name)
    return function


def write_report(fmt: ReportFormat, report: Report, lang: Lang) -> bytes:
    return _function(fmt.value, "write_report")(report, lang)


def write_rollup(fmt: RollupFormat, rollup: Rollup, lang: Lang) -> bytes:
    if fmt is RollupFormat.table:
        raise ValueError("the table is drawn by the command layer")
    return _function(fmt.value, "write_rollup")(rollup, lang)
