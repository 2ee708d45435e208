"""`fangkong aggregate`: the provincial roll-up of units' reports, workspaces and lower roll-ups."""

# No `from __future__ import annotations`: typer reads these annotations at definition time.

from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ...errors import UsageProblem
from .. import dates
from ..context import Env, env_of
from ..emit import chosen_format, emit
from ..options import PeriodFromOpt, PeriodToOpt

if TYPE_CHECKING:
    from ...aggregate import Rollup
    from ...report import Period
    from ...tree import Tree
    from ...unit_reports import Rejected


class AggregateFormat(StrEnum):
    table = "table"  # drawn on the terminal
    md = "md"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"
    html = "html"
    docx = "docx"  # the 通报 (writers/circular.py)


def aggregate(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="aggregate.paths", show_default=False)],
    fmt: Annotated[
        AggregateFormat | None, typer.Option("--format", "-f", help="aggregate.format", show_default=False)
    ] = None,
    output: Annotated[str | None, typer.Option("--output", "-o", help="aggregate.output", show_default=False)] = None,
    units: Annotated[Path | None, typer.Option("--units", help="aggregate.units", show_default=False)] = None,
    expect: Annotated[Path | None, typer.Option("--expect", help="aggregate.expect", show_default=False)] = None,
    under: Annotated[str | None, typer.Option("--under", help="aggregate.under", show_default=False)] = None,
    level: Annotated[
        int | None, typer.Option("--level", min=1, max=20, help="aggregate.level", show_default=False)
    ] = None,
    month: Annotated[list[str] | None, typer.Option("--month", help="aggregate.month", show_default=False)] = None,
    week: Annotated[list[str] | None, typer.Option("--week", help="aggregate.week", show_default=False)] = None,
    first: PeriodFromOpt = None,
    last: PeriodToOpt = None,
    on_time_days: Annotated[
        int | None, typer.Option("--on-time-days", min=0, max=366, help="aggregate.on_time_days", show_default=False)
    ] = None,
    date: Annotated[str | None, typer.Option("--date", help="aggregate.date", show_default=False)] = None,
    allowed_signers: Annotated[
        Path | None, typer.Option("--allowed-signers", help="aggregate.allowed_signers", show_default=False)
    ] = None,
) -> None:
    from ...aggregate import NoReports, PeriodsDiffer

    env = env_of(ctx)
    chosen = chosen_format(fmt, output, AggregateFormat, AggregateFormat.table)
    if chosen is AggregateFormat.table and output not in (None, "-"):
        raise UsageProblem("agg.table_to_file")
    try:
        if allowed_signers is not None and not allowed_signers.is_file():
            raise UsageProblem("agg.signers_missing", path=str(allowed_signers))
        rollup = run_aggregate(
            paths,
            units,
            expect,
            under,
            level,
            (month or [], week or [], first, last),
            on_time_days,
            date,
            allowed_signers,
        )
    except (NoReports, PeriodsDiffer) as exc:
        print_rejected(env, exc.rejected)
        raise
    show(env, rollup, chosen, output)


def register(app: typer.Typer) -> None:
    app.command("aggregate", help="aggregate")(aggregate)


def _periods(args: tuple[list[str], list[str], str | None, str | None], today: date) -> "tuple[Period, ...] | None":
    """The periods asked for (--month and --week may be repeated), or None: those the reports share."""
    from ...report import Period

    months, weeks, first, last = args
    found = [Period(*dates.period(m, None, None, None, today)) for m in months]
    found += [Period(*dates.period(None, w, None, None, today)) for w in weeks]
    if first or last:
        found.append(Period(*dates.period(None, None, first, last, today)))
    found.sort(key=lambda p: (p.first, p.last))
    for a, b in zip(found, found[1:], strict=False):
        if b.first <= a.last:
            raise UsageProblem("agg.periods_overlap", first=a.label, second=b.label)
    return tuple(found) or None


def _tree(units: Path | None, expect: Path | None) -> "Tree | None":
    if units is not None and expect is not None:
        raise UsageProblem("agg.units_and_expect")
    if units is not None:
        from ...units_file import load_units

        return load_units(units)
    if expect is not None:
        from ...units_file import read_expected

        return read_expected(expect)
    return None


def run_aggregate(
    paths: list[Path],
    units: Path | None,
    expect: Path | None,
    under: str | None,
    level: int | None,
    period_args: tuple[list[str], list[str], str | None, str | None],
    on_time_days: int | None,
    day: str | None,
    allowed_signers: Path | None = None,
) -> "Rollup":
    from zoneinfo import ZoneInfo

    from ...aggregate import OFFICE_TZ, Options
    from ...aggregate import aggregate as roll_up
    from ...report import Period

    now = dates.now()
    fixed_day = dates.parse_date(day) if day else None
    today = fixed_day or now.astimezone(ZoneInfo(OFFICE_TZ)).date()
    tree = _tree(units, expect)
    if under is not None and tree is None:
        raise UsageProblem("agg.under_needs_units")
    options = Options(
        fallback=Period(*dates.period(None, None, None, None, today)),
        now=now,
        periods=_periods(period_args, today),
        tree=tree,
        timely_days=on_time_days,
        under=under,
        level=level,
        day=fixed_day,
        ignore=tuple(p for p in (units, expect, allowed_signers) if p is not None),
        allowed_signers=allowed_signers,
    )
    return roll_up(paths, options)


def show(env: Env, rollup: "Rollup", chosen: AggregateFormat, output: str | None) -> None:
    from ...outputs import refuse_output_over_inputs
    from ...writers import RollupFormat, write_rollup
    from ..rollup import rollup_text

    print_rejected(env, rollup.rejected)
    print_notes(env, rollup)
    if chosen is AggregateFormat.table:
        env.output.data(rollup_text(env.lang, rollup, env.output.width))
        return
    name = f"aggregate_{rollup.period.label}.{chosen.value}"
    if chosen is AggregateFormat.docx:
        from ...writers.circular import write_circular

        data = write_circular(rollup, env.lang)
    else:
        data = write_rollup(RollupFormat(chosen.value), rollup, env.lang)
    emit(env, data, chosen.value, output, name, lambda path: refuse_output_over_inputs(path, rollup.inputs))


def print_rejected(env: Env, rejected: "Sequence[Rejected]") -> None:
    from ...errors import FileProblems
    from ...messages import format_problem, t

    for r in rejected:
        reason = t(env.lang, f"agg.why.{r.reason}", **r.params)
        env.output.say("agg.rejected", file=r.source, reason=reason)
        causes = r.cause.problems if isinstance(r.cause, FileProblems) else ()
        lines = [format_problem(env.lang, p) for p in causes]
        if r.cause is not None and not isinstance(r.cause, FileProblems):
            lines.append(t(env.lang, r.cause.key, **r.cause.params))
        for line in lines:
            env.output.note("  " + line)


def print_notes(env: Env, rollup: "Rollup") -> None:
    for d in rollup.duplicates:
        env.output.say(
            "agg.duplicate",
            unit=d.unit_id,
            count=len(d.dropped) + 1,
            kept=d.kept,
            as_of=d.kept_as_of.isoformat(),
            dropped=", ".join(d.dropped),
        )
    for g in rollup.grafts:
        env.output.say(
            "agg.placed_twice",
            unit=g.unit,
            kept=g.kept_parent or "—",
            kept_from=g.kept_from,
            other=g.other_parent or "—",
            other_from=g.other_from,
        )
    if rollup.outside and rollup.tree is not None:
        env.output.say("agg.outside", count=rollup.outside, id=rollup.tree.order[0])
    if rollup.unexpected:
        env.output.say("agg.unexpected_note", units="、".join(rollup.unexpected))
