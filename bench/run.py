"""Time whole `fangkong` processes against fangkong's speed targets (README, "Speed").

    .venv/bin/python bench/run.py [--runs 7] [--data DIR] [--quick]

Every figure is a fresh process, as a user or cron sees it: start-up included. Commands run
round-robin (one run of each, then the next round) so that machine noise hits them alike,
and each is compared with the floor, a bare `import typer, rich, pydantic, yaml`.
Exit code 0 when every target is met, 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

BENCH = Path(__file__).resolve().parent
PYTHON = sys.executable
FANGKONG = str(Path(PYTHON).parent / ("fangkong.exe" if os.name == "nt" else "fangkong"))
TIME_BIN = "/usr/bin/time" if Path("/usr/bin/time").is_file() else None
START = date(2021, 1, 4)
DAYS = (30, 90, 365)
UNITS = (100, 1000)
WORKSPACES, WORKSPACE_DAYS = 1000, 60  # the province pulls repositories: 1,000 units, 60 days each
MEMORY_MB = 150.0
FLOOR_IMPORTS = "import typer, rich, pydantic, yaml"
# Fallback for peak memory without GNU time: a fresh wrapper per run whose only child is the
# command, so RUSAGE_CHILDREN (a running maximum over all children) is exactly that command.
WRAPPER = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter(); rc = subprocess.call(sys.argv[2:], stdout=subprocess.DEVNULL)\n"
    "dt = time.perf_counter() - t; u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "kb = u.ru_maxrss // 1024 if sys.platform == 'darwin' else u.ru_maxrss\n"
    "open(sys.argv[1], 'w').write(f'{kb} {dt} {u.ru_utime + u.ru_stime}'); sys.exit(rc)\n"
)


@dataclass
class Case:
    """One measured command and its target (time limit in seconds, or as a multiple of the floor)."""

    name: str
    argv: list[str]
    limit_s: float | None = None
    limit_floor: float | None = None
    needs: str = ""  # the generated data it runs on (to report missing data as its error)
    uncache: Path | None = None  # a derived cache folder removed before each run (a cold start)
    terminal: bool = False  # run in a pseudo-terminal, against the floor in a pseudo-terminal
    floor_name: str = ""  # against this case's median instead (a floor that also reads a line)
    before: list[str] | None = None  # a command run, untimed, before each run
    max_runs: int | None = None  # long cases: fewer measured runs
    limit_cores: float | None = None  # CPU time ÷ wall time at least this (worker processes)
    limit_of: tuple[str, float] | None = None  # at most this many times another case's median
    error: str | None = None
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system, worker processes included
    peak_kb: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def measure(argv: list[str], scratch: Path, env: dict[str, str]) -> tuple[float, int, int, str, float]:
    """Run once: (seconds, peak KB, exit code, tail of stderr, CPU seconds)."""
    mem_file = scratch / "peak.txt"
    if TIME_BIN:
        cmd = [TIME_BIN, "-f", "%M %U %S", "-o", str(mem_file), *argv]
    else:
        cmd = [PYTHON, "-c", WRAPPER, str(mem_file), *argv]
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    seconds = time.perf_counter() - start
    fields = mem_file.read_text().split() if mem_file.exists() else []
    mem_file.unlink(missing_ok=True)
    cpu = 0.0
    if TIME_BIN:  # the last three words (GNU time puts a note about a non-zero exit before them)
        kb = int(fields[-3]) if len(fields) >= 3 and fields[-3].isdigit() else 0
        cpu = float(fields[-2]) + float(fields[-1]) if len(fields) >= 3 else 0.0
    elif len(fields) == 3:  # the wrapper times the command itself: its own start-up is not the command's
        kb, seconds, cpu = int(fields[0]), float(fields[1]), float(fields[2])
    else:
        kb = 0
    return seconds, kb, proc.returncode, proc.stderr.decode("utf-8", "replace").strip()[-300:], cpu


def generate(args: list[str]) -> str | None:
    """Run bench/generate.py; None when it worked, else its complaint."""
    argv = [PYTHON, str(BENCH / "generate.py"), *args]
    proc = subprocess.run(argv, capture_output=True, text=True)
    if proc.returncode != 0:
        return (proc.stderr.strip() or proc.stdout.strip()).splitlines()[-1][:300] or "failed"
    print("  " + proc.stdout.strip(), file=sys.stderr)
    return None


def prepare(data: Path) -> dict[str, str | None]:
    """Workspaces and report folders under `data`, generated once and reused afterwards."""
    problems: dict[str, str | None] = {}
    for days in DAYS:
        root = data / f"ws-{days}"
        if not (root / "fangkong.toml").is_file():
            shutil.rmtree(root, ignore_errors=True)
            problems[f"ws-{days}"] = generate(["workspace", str(root), "--days", str(days), "--start", str(START)])
    if not problems.get("ws-365") and not (data / "ws-365-mark").is_dir():
        shutil.copytree(data / "ws-365", data / "ws-365-mark")
    big, small = data / f"reports-{max(UNITS)}", data / f"reports-{min(UNITS)}"
    if len(list(big.glob("*.json"))) != max(UNITS):
        shutil.rmtree(big, ignore_errors=True)
        problems["reports"] = generate(["reports", str(big), "--units", str(max(UNITS)), "--month", "2021-01"])
    if not problems.get("reports") and len(list(small.glob("*.json"))) != min(UNITS):
        # The small set is the first units of the big one: same data, a tenth of it.
        shutil.rmtree(small, ignore_errors=True)
        small.mkdir(parents=True)
        for path in sorted(big.glob("*.json"))[: min(UNITS)]:
            shutil.copy2(path, small / path.name)
    workspaces = data / f"workspaces-{WORKSPACES}"
    if len(list(workspaces.glob("u*/fangkong.toml"))) != WORKSPACES:
        shutil.rmtree(workspaces, ignore_errors=True)
        problems["workspaces"] = generate(
            [
                "workspaces",
                str(workspaces),
                "--units",
                str(WORKSPACES),
                "--days",
                str(WORKSPACE_DAYS),
                "--start",
                str(START),
            ]
        )
    return problems


def workspace_cases(data: Path, out: Path) -> list[Case]:
    """The province rolls up the units' repositories directly: cold (no derived cache, as after
    a fresh clone: worker processes on every core) and warm (the next run)."""
    folder = data / f"workspaces-{WORKSPACES}"
    last = START + timedelta(days=WORKSPACE_DAYS - 1)
    month = f"{last.replace(day=1) - timedelta(days=1):%Y-%m}"  # the last whole month of the days
    argv = [
        FANGKONG,
        "aggregate",
        str(folder),
        "--month",
        month,
        "--date",
        str(last),
        "--format",
        "json",
        "-o",
        str(out / "ws.json"),
    ]
    forget = [
        PYTHON,
        "-c",
        "import glob, shutil, sys; [shutil.rmtree(p) for p in glob.glob(sys.argv[1] + '/*/.fangkong')]",
        str(folder),
    ]
    name = f"aggregate --format json, {WORKSPACES} workspaces × {WORKSPACE_DAYS} days"
    return [
        Case(f"{name}, cold", argv, 45.0, None, "workspaces", before=forget, max_runs=3, limit_cores=1.5),
        Case(
            f"{name}, warm",
            argv,
            2.0,
            None,
            "workspaces",
            limit_of=(f"aggregate --format json, {max(UNITS)} reports", 1.5),
        ),
    ]


def cases(data: Path, out: Path) -> list[Case]:
    last = {d: (START + timedelta(days=d - 1)).isoformat() for d in DAYS}
    to_json = ["--format", "json", "-o"]
    found = [
        Case(f"floor: python -c '{FLOOR_IMPORTS}'", [PYTHON, "-c", FLOOR_IMPORTS]),
        Case("floor in a terminal", in_terminal([PYTHON, "-c", FLOOR_IMPORTS]), terminal=True),
        Case(ANSWER_FLOOR, answering([PYTHON, "-c", FLOOR_IMPORTS + "; input()"]), terminal=True),
        Case("fangkong --version", [FANGKONG, "--version"]),
    ]
    for days in DAYS:
        where = ["-w", str(data / f"ws-{days}"), "--date", last[days]]
        limit = 1.5 if days == max(DAYS) else None
        for fmt in ("table", "json"):
            argv = [FANGKONG, "status", "--format", fmt, *where]
            found.append(Case(f"status --format {fmt}, {days} days", argv, None, limit, f"ws-{days}"))
    # The first run after a clone or a pull has no derived cache of the parsed records: shown,
    # without a time target, next to the warm runs above (each `mark` re-parses one month only).
    year_ws, marked_ws = data / "ws-365", data / "ws-365-mark"
    argv = [FANGKONG, "status", "--format", "json", "--date", last[365], "-w"]
    name, cache = "status --format json, 365 days", year_ws / ".fangkong" / "cache"
    found.append(Case(f"{name}, no cache", [*argv, str(year_ws)], None, 2.0, "ws-365", uncache=cache))
    # Where the officer waits: the Rich table drawn in a terminal, the duty list, and the time
    # until check asks its first question (it is answered q, which ends the walk).
    year_args = ["-w", str(year_ws), "--date", last[365]]
    found += [
        Case(
            "status, 365 days, table in a terminal",
            in_terminal([FANGKONG, "status", *year_args]),
            None,
            1.3,
            "ws-365",
            terminal=True,
        ),
        Case(
            "check --list --format json, 365 days",
            [FANGKONG, "check", "--list", "--format", "json", *year_args],
            None,
            1.3,
            "ws-365",
        ),
        Case(
            "check to its first question, 365 days",
            answering([FANGKONG, "check", "--all-due", "--by", "基准", *year_args]),
            None,
            1.3,
            "ws-365",
            terminal=True,
            floor_name=ANSWER_FLOOR,
        ),
    ]
    # Every record of a year (2,417 rows), folded into a terminal and piped: under a second.
    history = [FANGKONG, "history", *year_args]
    found += [
        Case("history, 365 days, table in a terminal", in_terminal(history), 1.0, None, "ws-365", terminal=True),
        Case("history, 365 days, piped", history, 1.0, None, "ws-365"),
    ]
    # The daily flow: an officer marks a measure, then looks at the status (the month just
    # written is read again). On a copy, so that the other cases keep their data.
    mark = [FANGKONG, "mark", "2.18", "-s", "done", "--by", "基准", "-w", str(marked_ws)]
    found.append(Case(f"{name}, after a mark", [*argv, str(marked_ws)], needs="ws-365", before=mark))
    year = ["-w", str(year_ws), "--from", str(START), "--to", last[365]]
    argv = [FANGKONG, "report", *year, *to_json, str(out / "report.json")]
    found.append(Case("report --format json, 365 days", argv, 1.0, None, "ws-365"))
    # Every record's hash chain recomputed: "well under a second" for a year of records.
    found.append(Case("verify, 365 days", [FANGKONG, "verify", "-w", str(year_ws)], 0.5, None, "ws-365"))
    for units in UNITS:
        reports = str(data / f"reports-{units}")
        argv = [FANGKONG, "aggregate", reports, *to_json, str(out / "aggregate.json")]
        limit = 2.0 if units == max(UNITS) else None
        found.append(Case(f"aggregate --format json, {units} reports", argv, limit, None, "reports"))
    return found + workspace_cases(data, out)


def run_all(found: list[Case], runs: int, scratch: Path, env: dict[str, str]) -> None:
    # One discarded warm-up round: .pyc files and the page cache are then as on a used machine.
    for round_no in range(runs + 1):
        print(f"  round {round_no}/{runs}" + (" (warm-up)" * (round_no == 0)), file=sys.stderr)
        for case in found:
            if case.error or (round_no and case.max_runs and len(case.seconds) >= case.max_runs):
                continue
            if case.uncache is not None:
                shutil.rmtree(case.uncache, ignore_errors=True)
            if case.before and subprocess.run(case.before, capture_output=True, env=env).returncode:
                case.error = f"failed before the run: {' '.join(case.before[1:3])}"
                continue
            seconds, kb, code, err, cpu = measure(case.argv, scratch, env)
            if code != 0:
                case.error = f"exit {code}: {err.splitlines()[-1] if err else ''}"
                continue
            if round_no:  # the warm-up may fill caches: neither its time nor its memory counts
                case.seconds.append(seconds)
                case.cpu.append(cpu)
                case.peak_kb = max(case.peak_kb, kb)


ANSWER_FLOOR = "floor in a terminal, reading a line"


def answering(argv: list[str]) -> list[str]:
    """`argv` in a pseudo-terminal where `q` and Enter are already typed (bench/pty_run.py):
    the run ends when the command has asked its first question and read the answer."""
    return [PYTHON, str(BENCH / "pty_run.py"), "q\\n", *argv]


def in_terminal(argv: list[str], typed: str = "") -> list[str]:
    """`argv` run in a pseudo-terminal (util-linux `script`), as an officer's terminal runs it;
    `typed` is what the officer types (script passes its input to the terminal)."""
    command = shlex.join(argv)
    return ["bash", "-c", f"printf {shlex.quote(typed)} | script -qec {shlex.quote(command)} /dev/null"]


def verdict(case: Case, floor: float, medians: dict[str, float]) -> tuple[str, bool]:
    """Target text and whether it is met (an error never is)."""
    parts, ok = [], case.error is None
    if case.limit_cores is not None:
        parts.append(f"≥{case.limit_cores:g} cores")
        ok = ok and statistics.median(case.cpu) / case.median >= case.limit_cores
    if case.limit_of is not None:
        other, factor = case.limit_of
        parts.append(f"≤{factor:g}× {other.split(', ')[-1]}")
        ok = ok and other in medians and case.median <= factor * medians[other]
    if case.limit_floor is not None:
        parts.append(f"≤{case.limit_floor:g}× floor")
        ok = ok and case.median <= case.limit_floor * floor
    if case.limit_s is not None:
        parts.append(f"<{case.limit_s:g} s")
        ok = ok and case.median < case.limit_s
    parts.append(f"<{MEMORY_MB:g} MB")
    return ", ".join(parts), ok and case.peak_kb / 1024 < MEMORY_MB


def table(found: list[Case], floor: float, terminal_floor: float) -> bool:
    header = ("command", "median s", "min–max s", "× floor", "cpu s", "cores", "peak MB", "target", "result")
    rows: list[tuple[str, ...]] = []
    all_ok = True
    medians = {c.name: c.median for c in found if not c.error and c.seconds}
    for case in found:
        base = terminal_floor if case.terminal else floor
        base = medians.get(case.floor_name, base) if case.floor_name else base
        target, ok = verdict(case, base, medians)
        all_ok = all_ok and ok
        if case.error:
            rows.append((case.name, "—", "—", "—", "—", "—", "—", target, "ERROR"))
            continue
        spread = f"{min(case.seconds):.3f}–{max(case.seconds):.3f}"
        ratio, peak = f"{case.median / base:.2f}", f"{case.peak_kb / 1024:.1f}"
        cpu = statistics.median(case.cpu)
        rows.append(
            (
                case.name,
                f"{case.median:.3f}",
                spread,
                ratio,
                f"{cpu:.2f}",
                f"{cpu / case.median:.2f}",
                peak,
                target,
                "PASS" if ok else "FAIL",
            )
        )
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    for row in (header, tuple("-" * w for w in widths), *rows):
        print(
            "  ".join(
                c.ljust(w) if i in (0, 7) else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )
    for case in found:
        if case.error:
            print(f"ERROR {case.name}: {case.error}")
    return all_ok


def growth(found: list[Case], floor: float) -> None:
    """Cost per extra day (or report) between sizes: constant when growth is linear.

    A linear cost a + b·n over the floor can only grow more slowly than the data (a ≥ 0),
    so time above the floor growing faster than the data is the sign of a quadratic.
    """
    named = {c.name: c.median for c in found if not c.error and c.seconds}
    print("\nGrowth (above floor = median − floor; per item = extra ms per extra day or report)")
    series = [
        (f"status --format {fmt}", "day", [(d, f"status --format {fmt}, {d} days") for d in DAYS])
        for fmt in ("table", "json")
    ]
    series.append(("aggregate", "report", [(u, f"aggregate --format json, {u} reports") for u in UNITS]))
    for label, unit, points in series:
        have = [(n, named[name]) for n, name in points if name in named]
        if len(have) < 2:
            print(f"  {label}: not measured")
            continue
        (n0, t0), (n1, t1) = have[0], have[-1]
        # Below the floor at the small size (noise), only the plain time ratio can tell.
        above = (t1 - floor) / (t0 - floor) if t0 > floor else t1 / t0
        steps = ", ".join(f"{a}→{b}: {(tb - ta) / (b - a) * 1000:.2f} ms" for (a, ta), (b, tb) in pairwise(have))
        verdict = "faster than linear!" if above > n1 / n0 else "linear or better"
        shown = f"×{above:.2f}" if t0 > floor else "n/a"
        print(
            f"  {label}: data ×{n1 / n0:.1f}, time ×{t1 / t0:.2f}, above floor {shown} ({verdict}); per {unit}: {steps}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="measured runs per command (median)")
    parser.add_argument("--data", type=Path, help="generate into / reuse this folder")
    parser.add_argument("--quick", action="store_true", help="2 runs: a smoke check")
    parser.add_argument("--only", metavar="TEXT", help="only the commands whose name holds TEXT (and the floor)")
    args = parser.parse_args(argv)
    runs = 2 if args.quick else max(1, args.runs)
    if not Path(FANGKONG).exists():
        parser.error(f"no fangkong next to {PYTHON}; run this with the venv's python")
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("FANGKONG_") and k not in ("COLUMNS", "FORCE_COLOR", "PYTHONDONTWRITEBYTECODE")
    }
    # Bytecode as on an installed machine: with PYTHONDONTWRITEBYTECODE set (some sandboxes
    # set it), an editable install would compile fangkong's modules on every run.
    env["NO_COLOR"] = "1"
    # A fixed "now" (the evening of the last generated day): report and aggregate are then
    # deterministic, the same every day the bench runs (status gets --date as well).
    env["FANGKONG_NOW"] = f"{START + timedelta(days=max(DAYS) - 1)}T20:00:00+08:00"
    with tempfile.TemporaryDirectory(prefix="fangkong-bench-") as tmp:
        data = args.data.resolve() if args.data else Path(tmp) / "data"
        scratch = Path(tmp) / "out"
        scratch.mkdir()
        print(f"data in {data}", file=sys.stderr)
        problems = prepare(data)
        found = [c for c in cases(data, scratch) if not args.only or args.only in c.name or c.name.startswith("floor")]
        for case in found:
            if problems.get(case.needs):
                case.error = f"no data: {problems[case.needs]}"
        run_all(found, runs, scratch, env)
    floor_case = found[0]
    if floor_case.error or not floor_case.seconds:
        print(f"the floor itself failed: {floor_case.error}")
        return 1
    floor = floor_case.median
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    print(
        f"\nfangkong bench: {runs} runs each, median; Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} CPUs, load {load:.1f}; peak memory via {'GNU time' if TIME_BIN else 'getrusage'}"
    )
    if load > (os.cpu_count() or 1) / 2:
        print("warning: the machine is busy; times are inflated and noisy")
    print()
    terminal = found[1].median if found[1].seconds else floor
    ok = table(found, floor, terminal)
    growth(found, floor)
    print(f"\n{'all targets met' if ok else 'TARGETS NOT MET'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
