"""A report as it is sent: stamped with its submission time, or declared a nil report (零报告)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from .errors import UsageProblem
from .evaluation import Figures
from .report import Report


def finish_report(report: Report, submitted_at: datetime | None, nil: bool) -> Report:
    """The report with its submission time (`--submit`) and, for `--nil`, emptied.

    A nil report says the unit had nothing to report for the period: it carries no sections
    and no figures. A unit that recorded anything for the period has something to report, so
    a nil report is refused then.
    """
    if submitted_at is not None:
        report = replace(report, submitted_at=submitted_at.replace(microsecond=0))
    if not nil:
        return report
    recorded = sum(1 for m in report.measures for s in (*m.slots, *m.events) if s.at is not None)
    if recorded:
        raise UsageProblem("rep.nil_has_records", count=recorded, label=report.period.label)
    return replace(report, nil=True, sections=(), figures=Figures(), not_applicable=())
