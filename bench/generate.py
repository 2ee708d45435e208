"""Benchmark data: a unit's workspace with N days of records, or N units' JSON reports.

    python bench/generate.py workspace DIR --days 365 [--seed 1] [--start 2021-01-04]
    python bench/generate.py reports DIR --units 1000 [--seed 1] [--month 2021-01]
    python bench/generate.py workspaces DIR --units 1000 [--days 60] [--seed 1]

Records are fangkong's own `Record` objects written by its `render_record`, so the files are
exactly what `fangkong mark` would have written; only the writing is batched (one write per
month file) because appending record by record would make generation quadratic.
"""

from __future__ import annotations

import argparse
import calendar
import contextlib
import io
import json
import os
import random
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from fangkong_cli.__main__ import run as fangkong_run
from fangkong_cli.models import Evidence, Frequency, Measure, Record, Status
from fangkong_cli.records import RECORDS_FORMAT, chain_hash, month_name, render_record
from fangkong_cli.schedule import Campaign, Slot, slots_between
from fangkong_cli.workspace import open_workspace

# Plausible text for the notes, reasons and names (split on spaces to keep the lists short).
OFFICERS = "王建国 李秀英 张伟 刘洋 陈静 马福林".split()
NOTES = "已按要求落实，台账已更新 已在职工群内转发通知 测温登记完整，无异常 环境消杀已完成，记录已归档 已向分管领导汇报 值班人员在岗，电话畅通".split()
SHORTFALL_NOTES = "部分科室人员外出，次日补齐 物资不足，已申请采购 会议延期，待重新安排".split()
NA_REASONS = "本单位无此类场所 本月无相关活动 由上级工会统一组织".split()
CORRECTION_NOTE = "更正：已补齐材料"
CITIES = "西宁市 海东市 海北州 黄南州 海南州 果洛州 玉树州 海西州".split()
UNIT_PREFIXES = [f"{c}总工会" for c in CITIES] + ["省教科文卫体工会", "省直机关工会"]


@dataclass(frozen=True)
class Profile:
    """How diligent a unit is: the chances that a slot is skipped, answered late, done."""

    missing: float = 0.03
    late: float = 0.05
    done: float = 0.86
    partial: float = 0.06
    not_done: float = 0.04  # the rest is n/a with a reason
    corrected: float = 0.01
    event: float = 0.03  # per day, for as_needed measures (an incident to report)


def _answer_day(rng: random.Random, slot: Slot, last: date) -> date:
    """A day inside the slot (not after `last`): long slots are answered somewhere in them."""
    hi = min(slot.end, last)
    span = (hi - slot.start).days
    return slot.start + timedelta(days=rng.randint(0, min(span, 27)) if span > 0 else 0)


def _at(rng: random.Random, day: date, tz: ZoneInfo) -> datetime:
    # Office hours, whole seconds: what `mark` stores (it drops microseconds).
    moment = time(rng.randint(8, 18), rng.randint(0, 59), rng.randint(0, 59))
    return datetime.combine(day, moment, tzinfo=tz)


def _record(rng: random.Random, profile: Profile, measure: Measure, key: str, at: datetime) -> Record:
    roll = rng.random()
    note = reason = ""
    evidence: tuple[Evidence, ...] = ()
    if roll < profile.done:
        status = Status.DONE
        if rng.random() < 0.25:
            note = rng.choice(NOTES)
        if rng.random() < 0.1:
            evidence = (Evidence(kind="url", value=f"https://oa.example.cn/doc/{rng.randint(1000, 99999)}"),)
    elif roll < profile.done + profile.partial + profile.not_done:
        status = Status.PARTIAL if roll < profile.done + profile.partial else Status.NOT_DONE
        note = rng.choice(SHORTFALL_NOTES)
    else:
        status, reason = Status.NA, rng.choice(NA_REASONS)
    return Record(
        measure=measure.id,
        slot=key,
        status=status,
        by=rng.choice(OFFICERS),
        at=at,
        note=note,
        reason=reason,
        evidence=evidence,
    )


def _measure_records(
    rng: random.Random,
    profile: Profile,
    measure: Measure,
    campaign: Campaign,
    first: date,
    last: date,
    tz: ZoneInfo,
) -> Iterator[Record]:
    if measure.frequency is Frequency.AS_NEEDED:
        for offset in range((last - first).days + 1):
            if rng.random() < profile.event:
                day = first + timedelta(days=offset)
                yield _record(rng, profile, measure, day.isoformat(), _at(rng, day, tz))
        return
    for slot in slots_between(measure, campaign, first, last):
        if rng.random() < profile.missing:
            continue
        day = _answer_day(rng, slot, last)
        delay = rng.randint(1, 2)
        if rng.random() < profile.late and slot.end + timedelta(days=delay) <= last:
            day = slot.end + timedelta(days=delay)  # recorded after the period: kept, marked late
        record = _record(rng, profile, measure, slot.key, _at(rng, day, tz))
        yield record
        if rng.random() < profile.corrected and day < last:
            # A correction is a newer record for the same slot; the newest one wins.
            fixed_at = _at(rng, day + timedelta(days=1), tz)
            yield Record(
                measure=record.measure,
                slot=record.slot,
                status=Status.DONE,
                by=record.by,
                at=fixed_at,
                note=CORRECTION_NOTE,
                evidence=record.evidence,
            )


def write_workspace(
    root: Path,
    days: int,
    seed: int,
    start: date,
    *,
    unit_id: str = "bench",
    unit_name: str = "青海省总工会基准测试单位",
    profile: Profile = Profile(),
) -> tuple[int, int]:
    """Create the workspace and its records; return (records, month files)."""
    # the campaign runs over the generated days (the notice's own period would end it sooner)
    args = [
        "init",
        "--dir",
        str(root),
        "--start",
        start.isoformat(),
        "--end",
        (start + timedelta(days=days - 1)).isoformat(),
    ]
    args += ["--unit-id", unit_id, "--unit-name", unit_name]
    with contextlib.redirect_stderr(io.StringIO()) as err:  # keep init's chatter out of ours
        code = fangkong_run(args)
    if code != 0:
        raise SystemExit(f"fangkong init failed ({code}): {err.getvalue().strip()}")
    workspace = open_workspace(root)
    tz, campaign = workspace.tz, workspace.campaign
    last = start + timedelta(days=days - 1)
    rng = random.Random(seed)
    records = [
        record
        for measure in workspace.checklist.measures
        for record in _measure_records(rng, profile, measure, campaign, start, last, tz)
    ]
    # Files hold records in the order they were made, as appends would have left them.
    records.sort(key=lambda r: r.at)
    # One writer's files, each record chained to the one before, as appends would leave them.
    folder = workspace.records_dir / workspace.writer_id()
    folder.mkdir(parents=True, exist_ok=True)
    by_file: dict[Path, list[str]] = {}
    chain = ""
    for record in records:
        chain = chain_hash(chain, record)
        path = folder / f"{month_name(record.at, tz)}.toml"
        by_file.setdefault(path, []).append(render_record(record._replace(hash=chain)))
    for path, blocks in by_file.items():
        # The same text append_records produces: header, then a blank line before each block.
        text = f"format = {RECORDS_FORMAT}\n" + "".join("\n" + b for b in blocks)
        path.write_text(text, encoding="utf-8", newline="\n")
    return len(records), len(by_file)


def _month(value: str) -> date:
    return datetime.strptime(value, "%Y-%m").date()


def _template_report(index: int, seed: int, month: date) -> tuple[str, str, str]:
    """One real `fangkong report --format json` of a month, for a unit of its own diligence."""
    rng = random.Random(seed * 1000 + index)
    profile = Profile(missing=rng.uniform(0, 0.25), late=rng.uniform(0, 0.15), done=rng.uniform(0.7, 0.95))
    unit_id, unit_name = f"benchtpl{index}", f"基准模板单位{index}"
    days = calendar.monthrange(month.year, month.month)[1]
    with tempfile.TemporaryDirectory(prefix="fangkong-tpl-") as tmp:
        root = Path(tmp) / "ws"
        seed_ws = rng.randrange(1 << 30)
        write_workspace(root, days, seed_ws, month, unit_id=unit_id, unit_name=unit_name, profile=profile)
        out = Path(tmp) / "report.json"
        argv = [sys.executable, "-m", "fangkong_cli", "report", "--workspace", str(root)]
        argv += ["--month", f"{month:%Y-%m}", "--format", "json", "-o", str(out)]
        # Sent the morning after the month ends: a fixed "now" keeps the report deterministic.
        now = f"{month.replace(day=days) + timedelta(days=1)}T09:00:00+08:00"
        env = {**os.environ, "FANGKONG_NOW": now}
        # A separate process: the command owns its streams there, and its failure is ours to word.
        result = subprocess.run(argv, capture_output=True, text=True, encoding="utf-8", env=env)
        text = out.read_text(encoding="utf-8") if out.is_file() else ""
    if result.returncode != 0 or not text.strip():
        problem = result.stderr.strip()[-600:]
        raise SystemExit(f"fangkong report --format json failed ({result.returncode}): {problem}")
    json.loads(text)  # it must be JSON before we clone it a thousand times
    return text, unit_id, unit_name


def write_reports(folder: Path, units: int, seed: int, month: date, templates: int) -> int:
    """`units` report files cloned from a few real ones, each with its own unit id and name."""
    folder.mkdir(parents=True, exist_ok=True)
    made = [_template_report(i, seed, month) for i in range(min(templates, units))]
    rng = random.Random(seed)
    for n in range(units):
        text, old_id, old_name = made[rng.randrange(len(made))]
        new_id = f"u{n + 1:04d}"
        prefix, number = UNIT_PREFIXES[n % len(UNIT_PREFIXES)], n // len(UNIT_PREFIXES) + 1
        new_name = f"{prefix}第{number}基层工会"
        # Swap JSON-encoded strings, so the clone keeps the report's exact shape and key order
        # whatever that shape is; the template names are unique enough not to collide.
        for old, new in ((old_id, new_id), (old_name, new_name)):
            for ascii_only in (False, True):
                text = text.replace(
                    json.dumps(old, ensure_ascii=ascii_only),
                    json.dumps(new, ensure_ascii=ascii_only),
                )
        (folder / f"{new_id}-{month:%Y-%m}.json").write_text(text, encoding="utf-8", newline="\n")
    return len(made)


def write_workspaces(folder: Path, units: int, days: int, seed: int, start: date, templates: int) -> int:
    """`units` workspaces of `days` days cloned from a few generated ones (of their own
    diligence), each with its own unit id and name: what the province pulls from git."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    count = min(templates, units)
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="fangkong-tpl-") as tmp:
        for i in range(count):
            own = random.Random(seed * 1000 + i)
            profile = Profile(missing=own.uniform(0, 0.25), late=own.uniform(0, 0.15), done=own.uniform(0.7, 0.95))
            write_workspace(
                Path(tmp) / f"tpl{i}",
                days,
                own.randrange(1 << 30),
                start,
                unit_id=f"benchtpl{i}",
                unit_name=f"基准模板单位{i}",
                profile=profile,
            )
        for n in range(units):
            i = rng.randrange(count)
            unit_id, target = f"u{n + 1:04d}", folder / f"u{n + 1:04d}"
            name = f"{UNIT_PREFIXES[n % len(UNIT_PREFIXES)]}第{n // len(UNIT_PREFIXES) + 1}基层工会"
            # records and configuration as git would bring them; .fangkong/ (local state) is not cloned
            shutil.copytree(Path(tmp) / f"tpl{i}", target, ignore=shutil.ignore_patterns(".fangkong"))
            config = (target / "fangkong.toml").read_text(encoding="utf-8")
            config = config.replace(f'"benchtpl{i}"', f'"{unit_id}"').replace(f'"基准模板单位{i}"', f'"{name}"')
            (target / "fangkong.toml").write_text(config, encoding="utf-8", newline="\n")
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    ws = sub.add_parser("workspace", help="one unit's workspace with N days of records")
    ws.add_argument("dir", type=Path)
    ws.add_argument("--days", type=int, required=True)
    ws.add_argument("--seed", type=int, default=1)
    ws.add_argument("--start", type=date.fromisoformat, default=date(2021, 1, 4))
    rp = sub.add_parser("reports", help="N units' JSON reports for one month")
    rp.add_argument("dir", type=Path)
    rp.add_argument("--units", type=int, required=True)
    rp.add_argument("--seed", type=int, default=1)
    rp.add_argument("--month", type=_month, default=date(2021, 1, 1))
    rp.add_argument("--templates", type=int, default=10, help="distinct real reports to clone from")
    wss = sub.add_parser("workspaces", help="N units' workspaces of D days each (clones of a few)")
    wss.add_argument("dir", type=Path)
    wss.add_argument("--units", type=int, required=True)
    wss.add_argument("--days", type=int, default=60)
    wss.add_argument("--seed", type=int, default=1)
    wss.add_argument("--start", type=date.fromisoformat, default=date(2021, 1, 4))
    wss.add_argument("--templates", type=int, default=10, help="distinct generated workspaces to clone")
    args = parser.parse_args(argv)
    if args.what == "workspaces":
        if args.units < 1 or args.days < 1:
            parser.error("--units and --days must be at least 1")
        distinct = write_workspaces(args.dir, args.units, args.days, args.seed, args.start, args.templates)
        print(f"{args.dir}: {args.units} workspaces of {args.days} days ({distinct} distinct templates)")
        return 0
    if args.what == "workspace":
        if args.days < 1:
            parser.error("--days must be at least 1")
        count, files = write_workspace(args.dir, args.days, args.seed, args.start)
        last = args.start + timedelta(days=args.days - 1)
        print(f"{args.dir}: {count} records in {files} month files, {args.start} .. {last}")
    else:
        if args.units < 1:
            parser.error("--units must be at least 1")
        distinct = write_reports(args.dir, args.units, args.seed, args.month, args.templates)
        print(f"{args.dir}: {args.units} reports for {args.month:%Y-%m} ({distinct} distinct templates)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
