"""The report and aggregate commands: parse options, call the core, call a writer, write the output."""

# No `from __future__ import annotations`: typer reads these annotations at definition time.

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..writers import BINARY_FORMATS, ReportFormat, RollupFormat

if TYPE_CHECKING:
    from ..aggregate import Rollup
    from ..messages import Lang
    from ..unit_reports import Rejected


def register(app: typer.Typer, h: Callable[[str], str], workspace_opt: Any, date_opt: Any) -> None:
    """Add `report` and `aggregate` to the app."""
    WorkspaceOpt = workspace_opt
    DateOpt = date_opt
    MonthOpt = Annotated[str | None, typer.Option("--month", help=h("month"), show_default=False)]
    WeekOpt = Annotated[str | None, typer.Option("--week", help=h("week"), show_default=False)]
    FromOpt = Annotated[str | None, typer.Option("--from", help=h("period_from"), show_default=False)]
    ToOpt = Annotated[str | None, typer.Option("--to", help=h("period_to"), show_default=False)]

    @app.command("report", help=h("report"))
    def report_cmd(
        ctx: typer.Context,
        fmt: Annotated[ReportFormat | None, typer.Option("--format", "-f", help=h("report.format"), show_default=False)] = None,
        output: Annotated[str | None, typer.Option("--output", "-o", help=h("report.output"), show_default=False)] = None,
        month: MonthOpt = None,
        week: WeekOpt = None,
        first: FromOpt = None,
        last: ToOpt = None,
        stamp: Annotated[bool, typer.Option("--stamp", help=h("report.stamp"))] = False,
        date: DateOpt = None,  # type: ignore[valid-type]
        workspace: WorkspaceOpt = None,  # type: ignore[valid-type]
    ) -> None:
        run_report(ctx, fmt, output, (month, week, first, last), stamp, date, workspace)

    @app.command("aggregate", help=h("aggregate"))
    def aggregate_cmd(
        ctx: typer.Context,
        paths: Annotated[list[Path], typer.Argument(help=h("aggregate.paths"), show_default=False)],
        fmt: Annotated[RollupFormat | None, typer.Option("--format", "-f", help=h("aggregate.format"), show_default=False)] = None,
        output: Annotated[str | None, typer.Option("--output", "-o", help=h("aggregate.output"), show_default=False)] = None,
        expect: Annotated[Path | None, typer.Option("--expect", help=h("aggregate.expect"), show_default=False)] = None,
        month: Annotated[str | None, typer.Option("--month", help=h("aggregate.month"), show_default=False)] = None,
        week: WeekOpt = None,
        first: FromOpt = None,
        last: ToOpt = None,
        date: Annotated[str | None, typer.Option("--date", help=h("aggregate.date"), show_default=False)] = None,
    ) -> None:
        run_aggregate(ctx, paths, fmt, output, expect, (month, week, first, last), date)


PeriodArgs = tuple[str | None, str | None, str | None, str | None]


def _chosen_format(fmt: Any, output: str | None, kinds: type[Any], default: Any) -> Any:
    """--format, else the output file's suffix when it names a format, else the default."""
    if fmt is not None:
        return fmt
    if output and output != "-" and not output.endswith(("/", "\\")) and not Path(output).is_dir():
        suffix = Path(output).suffix.lower().lstrip(".")
        if suffix in kinds.__members__ and suffix != "table":
            return kinds(suffix)
        if suffix:  # `-o report.pdf`: never Markdown under a name that promises something else
            from ..errors import UsageProblem

            raise UsageProblem("rep.unknown_suffix", suffix=suffix, formats=", ".join(k for k in kinds.__members__ if k != "table"))
    return default


def _emit(ctx: typer.Context, data: bytes, fmt: str, output: str | None, default_name: str) -> None:
    from ..errors import UsageProblem
    from ..fsutil import write_output
    from .app import env_of

    env = env_of(ctx)
    if output == "-":
        stream = sys.stdout
        buffer = getattr(stream, "buffer", None)
        if fmt in BINARY_FORMATS and (buffer is None or stream.isatty()):
            raise UsageProblem("rep.binary_tty", format=fmt)
        if buffer is not None:
            stream.flush()
            buffer.write(data)
            buffer.flush()
        else:
            env.output.data(data.decode("utf-8"))
        return
    path = Path(output) if output else Path.cwd() / default_name
    if output and output.endswith(("/", "\\")) and not path.is_dir():
        # `-o /mnt/share/reports/` with the share not mounted: never a file named `reports`
        raise UsageProblem("output_folder_missing", path=output)
    if path.is_dir():  # a shared folder: the usual file name inside it
        path = path / default_name
    write_output(path, data)
    env.output.say("rep.written", path=str(path))


def run_report(
    ctx: typer.Context,
    fmt: ReportFormat | None,
    output: str | None,
    period_args: PeriodArgs,
    stamp: bool,
    day: str | None,
    workspace_opt: Path | None,
) -> None:
    from ..report import Period, build_report
    from ..writers import write_report
    from . import dates
    from .app import env_of

    env = env_of(ctx)
    chosen: ReportFormat = _chosen_format(fmt, output, ReportFormat, ReportFormat.md)
    workspace = env.workspace(workspace_opt)
    now = dates.now()
    as_of = dates.parse_date(day) if day else workspace.today(now)
    period = Period(*dates.period(*period_args, as_of))
    stamped = now.astimezone(workspace.tz).replace(microsecond=0) if stamp else None
    report = build_report(workspace, period, as_of, stamped)
    if report.calendar_fallback:
        env.output.say("calendar_fallback", years="、".join(map(str, report.calendar_fallback)))
    if period.first > as_of:
        env.output.say("rep.future", label=period.label, as_of=as_of.isoformat())
    data = write_report(chosen, report, env.lang)
    _emit(ctx, data, chosen.value, output, f"{report.unit_id}_{period.label}.{chosen.value}")


def run_aggregate(
    ctx: typer.Context,
    paths: list[Path],
    fmt: RollupFormat | None,
    output: str | None,
    expect: Path | None,
    period_args: PeriodArgs,
    day: str | None,
) -> None:
    from zoneinfo import ZoneInfo

    from ..aggregate import NoReports, PeriodsDiffer, aggregate
    from ..errors import UsageProblem
    from ..report import Period, Report, build_report
    from ..unit_reports import read_expected
    from ..workspace import open_workspace
    from ..writers import write_rollup
    from . import dates
    from .app import env_of

    env = env_of(ctx)
    chosen: RollupFormat = _chosen_format(fmt, output, RollupFormat, RollupFormat.table)
    if chosen is RollupFormat.table and output not in (None, "-"):
        raise UsageProblem("agg.table_to_file")
    now = dates.now()
    fixed_day = dates.parse_date(day) if day else None
    today = fixed_day or now.astimezone(ZoneInfo("Asia/Shanghai")).date()
    given = any(a is not None for a in period_args)
    period = Period(*dates.period(*period_args, today)) if given else None
    fallback = Period(*dates.period(None, None, None, None, today))
    expected = read_expected(expect) if expect is not None else None

    def build(root: Path, wanted: Period) -> Report:
        workspace = open_workspace(root)
        return build_report(workspace, wanted, fixed_day or workspace.today(now))

    try:
        rollup = aggregate(paths, period, fallback, build, expected)
    except (NoReports, PeriodsDiffer) as exc:
        _print_rejected(ctx, exc.rejected)
        raise
    _print_rejected(ctx, rollup.rejected)
    for d in rollup.duplicates:
        env.output.say(
            "agg.duplicate", unit=d.unit_id, count=len(d.dropped) + 1, kept=d.kept,
            as_of=d.kept_as_of.isoformat(), dropped=", ".join(d.dropped),
        )
    if chosen is RollupFormat.table:
        env.output.data(rollup_text(env.lang, rollup, env.output.out.width))
        return
    data = write_rollup(chosen, rollup, env.lang)
    _emit(ctx, data, chosen.value, output, f"aggregate_{rollup.period.label}.{chosen.value}")


def _print_rejected(ctx: typer.Context, rejected: "Sequence[Rejected]") -> None:
    from ..errors import FileProblems
    from ..messages import format_problem, t
    from .app import env_of

    env = env_of(ctx)
    for r in rejected:
        reason = t(env.lang, f"agg.why.{r.reason}", **r.params)
        env.output.say("agg.rejected", file=r.source, reason=reason)
        if isinstance(r.cause, FileProblems):
            for problem in r.cause.problems:
                env.output.err.print("  " + format_problem(env.lang, problem), markup=False, highlight=False, soft_wrap=True)
        elif r.cause is not None:
            env.output.err.print("  " + t(env.lang, r.cause.key, **r.cause.params), markup=False, highlight=False, soft_wrap=True)



def rollup_text(lang: "Lang", rollup: "Rollup", width: int) -> str:
    """The roll-up on the terminal: units x sections, who is missing, top overdue, totals."""
    from ..messages import t
    from ..writers.text import pct, rollup_title, section_name, totals_line
    from .plain import grid

    colon = "：" if lang == "zh" else ": "
    out = [rollup_title(lang, rollup.notice_title, rollup.checklist), "", t(lang, "agg.units")]
    headers = [t(lang, "agg.col.unit"), *(h.number or h.id for h in rollup.sections), t(lang, "agg.col.total")]
    rows = []
    for u in rollup.units:
        cells = [f"{u.unit_name} ({u.unit_id})"]
        for head in rollup.sections:
            f = u.section_figures(head.id)
            cells.append("—" if f is None else t(lang, "agg.cell", coverage=pct(f.coverage), overdue=f.overdue))
        cells.append(t(lang, "agg.cell", coverage=pct(u.figures.coverage), overdue=u.figures.overdue))
        rows.append(cells)
    out += grid(headers, rows, range(1, len(headers)), width)
    out.append(t(lang, "agg.sections_legend") + colon + "；".join(section_name(h.number, h.title) for h in rollup.sections))
    out += ["", t(lang, "agg.missing")]
    if rollup.expected is None:
        out.append(t(lang, "agg.no_expect"))
    else:
        out.append("、".join(rollup.missing) if rollup.missing else t(lang, "agg.missing_none"))
    if rollup.unexpected:
        out.append(t(lang, "agg.unexpected", units="、".join(rollup.unexpected)))
    out += ["", t(lang, "agg.top", count=len(rollup.top))]
    if rollup.top:
        headers = [t(lang, k) for k in ("rep.col.id", "rep.col.measure", "agg.col.units", "agg.col.slots")]
        rows = [[m.id, m.title, str(m.units), str(m.slots)] for m in rollup.top]
        out += grid(headers, rows, (2, 3), width, wide=1)
    else:
        out.append(t(lang, "agg.top_none"))
    out += ["", totals_line(lang, rollup)]
    return "\n".join(out) + "\n"
