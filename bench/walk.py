"""The daily walk measured: a diligent officer answers exactly what `fangkong check` offers
on each working day of a year of the built-in notice; prints the longest walk per month and
what is overdue at the end. Exit 1 when a day offers more than 25 or anything is left."""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from datetime import date
from zoneinfo import ZoneInfo

from fangkong_cli.checklist import load_checklist, resolve_sources
from fangkong_cli.schedule import Campaign
from fangkong_cli.walksim import simulate

LIMIT = 25


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--start", default="2021-01-04")
    parser.add_argument("--end", default="2021-12-31")
    args = parser.parse_args()
    start, end = date.fromisoformat(args.start), date.fromisoformat(args.end)
    checklist = load_checklist(resolve_sources("qzbt-2021-4"))
    result = simulate(checklist, Campaign(start), start, end, ZoneInfo("Asia/Shanghai"))
    months: dict[str, list[int]] = defaultdict(list)
    for day in result.days:
        months[f"{day.day.year}-{day.day.month:02d}"].append(day.offered)
    print("| month | working days run | questions, most on a day | average |")
    print("|---|---|---|---|")
    for month, counts in months.items():
        print(f"| {month} | {len(counts)} | {max(counts)} | {sum(counts) / len(counts):.1f} |")
    print(f"\nmost on any day: {result.most}; overdue at the end ({end}): {result.overdue_at_end}")
    return 0 if result.most <= LIMIT and result.overdue_at_end == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
