"""Options several commands share, declared once. Help texts are catalog keys (`help.KEY`),
put into the user's language when the app is assembled (see app.py)."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

# No `from __future__ import annotations`: typer reads these annotations at run time.


class TableFormat(StrEnum):
    table = "table"
    json = "json"
    tsv = "tsv"


class ShowFormat(StrEnum):
    table = "table"
    json = "json"


class FailOn(StrEnum):
    overdue = "overdue"
    due = "due"


WorkspaceOpt = Annotated[Path | None, typer.Option("--workspace", "-w", help="workspace", show_default=False)]
DateOpt = Annotated[str | None, typer.Option("--date", help="date", show_default=False)]
ByOpt = Annotated[str | None, typer.Option("--by", help="by", show_default=False)]
SectionOpt = Annotated[str | None, typer.Option("--section", help="section", show_default=False)]
MonthOpt = Annotated[str | None, typer.Option("--month", help="month", show_default=False)]
WeekOpt = Annotated[str | None, typer.Option("--week", help="week", show_default=False)]
PeriodFromOpt = Annotated[str | None, typer.Option("--from", help="period_from", show_default=False)]
PeriodToOpt = Annotated[str | None, typer.Option("--to", help="period_to", show_default=False)]
ShowFormatOpt = Annotated[ShowFormat, typer.Option("--format", "-f", help="format")]
CampaignOpt = Annotated[str | None, typer.Option("--campaign", help="campaign_opt", show_default=False)]
