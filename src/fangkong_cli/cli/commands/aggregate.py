"""`fangkong aggregate`: the provincial roll-up of many units' reports or workspaces."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ...errors import UsageProblem
from ...writers import RollupFormat
from .. import dates
from ..context import Env, env_of
from ..emit import chosen_format, emit
from ..options import PeriodFromOpt, PeriodToOpt, WeekOpt

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ...unit_reports import Rejected


def aggregate(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="aggregate.paths", show_default=False)],
    fmt: Annotated[RollupFormat | None, typer.Option("--format", "-f", help="aggregate.format", show_default=False)] = None,
    output: Annotated[str | None, typer.Option("--output", "-o", help="aggregate.output", show_default=False)] = None,
    expect: Annotated[Path | None, typer.Option("--expect", help="aggregate.expect", show_default=False)] = None,
    month: Annotated[str | None, typer.Option("--month", help="aggregate.month", show_default=False)] = None,
    week: WeekOpt = None,
    first: PeriodFromOpt = None,
    last: PeriodToOpt = None,
    date: Annotated[str | None, typer.Option("--date", help="aggregate.date", show_default=False)] = None,
) -> None:
    from zoneinfo import ZoneInfo

    from ...aggregate import NoReports, PeriodsDiffer
    from ...aggregate import aggregate as roll_up
    from ...models import DEFAULT_TIMEZONE
    from ...report import Period, Report, build_report
    from ...unit_reports import read_expected
    from ...workspace import open_workspace
    from ...writers import write_rollup

    env = env_of(ctx)
    chosen = chosen_format(fmt, output, RollupFormat, RollupFormat.table)
    if chosen is RollupFormat.table and output not in (None, "-"):
        raise UsageProblem("agg.table_to_file")
    now = dates.now()
    fixed_day = dates.parse_date(date) if date else None
    today = fixed_day or now.astimezone(ZoneInfo(DEFAULT_TIMEZONE)).date()
    period_args = (month, week, first, last)
    period = Period(*dates.period(*period_args, today)) if any(a is not None for a in period_args) else None
    fallback = Period(*dates.period(None, None, None, None, today))
    expected = read_expected(expect) if expect is not None else None

    def build(root: Path, wanted: Period) -> Report:
        workspace = open_workspace(root)
        return build_report(workspace, wanted, fixed_day or workspace.today(now))

    try:
        rollup = roll_up(paths, period, fallback, build, expected)
    except (NoReports, PeriodsDiffer) as exc:
        _print_rejected(env, exc.rejected)
        raise
    _print_rejected(env, rollup.rejected)
    for d in rollup.duplicates:
        env.output.say(
            "agg.duplicate", unit=d.unit_id, count=len(d.dropped) + 1, kept=d.kept,
            as_of=d.kept_as_of.isoformat(), dropped=", ".join(d.dropped),
        )
    if chosen is RollupFormat.table:
        from ..rollup import rollup_text

        env.output.data(rollup_text(env.lang, rollup, env.output.out.width))
        return
    data = write_rollup(chosen, rollup, env.lang)
    emit(env, data, chosen.value, output, f"aggregate_{rollup.period.label}.{chosen.value}")


def _print_rejected(env: Env, rejected: "Sequence[Rejected]") -> None:
    from ...errors import FileProblems
    from ...messages import format_problem, t
    for r in rejected:
        reason = t(env.lang, f"agg.why.{r.reason}", **r.params)
        env.output.say("agg.rejected", file=r.source, reason=reason)
        if isinstance(r.cause, FileProblems):
            for problem in r.cause.problems:
                env.output.err.print("  " + format_problem(env.lang, problem), markup=False, highlight=False, soft_wrap=True)
        elif r.cause is not None:
            env.output.err.print("  " + t(env.lang, r.cause.key, **r.cause.params), markup=False, highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("aggregate", help="aggregate")(aggregate)
