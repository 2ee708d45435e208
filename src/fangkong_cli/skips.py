"""Skips the officer made in `fangkong check`, remembered per slot in the workspace's local
state folder (`.fangkong/skips.json`, not shared: each clone remembers its own officer's)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from .errors import DataProblem
from .fsutil import atomic_write

SKIPS_FILE = "skips.json"
KEEP_DAYS = 120  # longer than any period a skip can matter for (a quarter)

Skips = dict[tuple[str, str], date]


def load_skips(state_dir: Path) -> Skips:
    """{(measure, slot): the day it was last skipped}. A missing or damaged file is no skips:
    the file is a convenience, never data (a wrong one only changes what check offers)."""
    try:
        raw = json.loads((state_dir / SKIPS_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}
    skips: Skips = {}
    if isinstance(raw, dict):
        for key, value in raw.items():
            measure, _, slot = str(key).partition(" ")
            try:
                skips[(measure, slot)] = date.fromisoformat(str(value))
            except ValueError:
                continue
    return skips


def remember_skip(state_dir: Path, measure: str, slot: str, day: date) -> None:
    """Remember that (measure, slot) was skipped on `day`; forget skips older than KEEP_DAYS."""
    skips = load_skips(state_dir)
    skips[(measure, slot)] = day
    oldest = day - timedelta(days=KEEP_DAYS)
    data = {f"{m} {s}": d.isoformat() for (m, s), d in sorted(skips.items()) if d >= oldest}
    try:
        state_dir.mkdir(exist_ok=True)
        atomic_write(state_dir / SKIPS_FILE, (json.dumps(data, ensure_ascii=False, indent=0) + "\n").encode("utf-8"))
    except (OSError, DataProblem):
        pass  # forgetting a skip only means the slot is offered again
