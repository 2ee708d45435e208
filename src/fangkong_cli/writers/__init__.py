"""Report writers: one small module per format, each turning a core object into bytes.

The contract is two protocols: a report writer module has `write_report(report, lang)`, a
roll-up writer module `write_rollup(rollup, lang)`. `report_writer` and `rollup_writer` are
the registry, keyed by the format enums: a `match` over every member that mypy checks for
exhaustiveness (`assert_never`) and for each module satisfying its protocol. Adding a
format is one module plus one enum member plus one `case`, and mypy fails until all three
exist. The imports stay inside the cases so xlsxwriter and python-docx load only when their
format is asked for.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Protocol, assert_never

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


class ReportWriter(Protocol):
    """A module that writes one unit's report."""

    def write_report(self, report: Report, lang: Lang) -> bytes: ...


class RollupWriter(Protocol):
    """A module that writes the provincial roll-up."""

    def write_rollup(self, rollup: Rollup, lang: Lang) -> bytes: ...


def report_writer(fmt: ReportFormat) -> ReportWriter:
    """The writer of a report format, imported on first use."""
    match fmt:
        case ReportFormat.md:
            from . import md

            return md
        case ReportFormat.html:
            from . import html

            return html
        case ReportFormat.csv:
            from . import csv

            return csv
        case ReportFormat.json:
            from . import json

            return json
        case ReportFormat.xlsx:
            from . import xlsx

            return xlsx
        case ReportFormat.docx:
            from . import docx

            return docx
        case _:
            assert_never(fmt)


def rollup_writer(fmt: RollupFormat) -> RollupWriter:
    """The writer of a roll-up format; the terminal table is drawn by the command layer."""
    match fmt:
        case RollupFormat.md:
            from . import md

            return md
        case RollupFormat.csv:
            from . import csv

            return csv
        case RollupFormat.json:
            from . import json

            return json
        case RollupFormat.xlsx:
            from . import xlsx

            return xlsx
        case RollupFormat.html:
            from . import html

            return html
        case RollupFormat.table:
            raise ValueError("the table is drawn by the command layer")
        case _:
            assert_never(fmt)


def write_report(fmt: ReportFormat, report: Report, lang: Lang) -> bytes:
    return report_writer(fmt).write_report(report, lang)


def write_rollup(fmt: RollupFormat, rollup: Rollup, lang: Lang) -> bytes:
    return rollup_writer(fmt).write_rollup(rollup, lang)
