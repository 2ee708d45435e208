"""The range of years fangkong works in: dates outside it are refused where they come in.

Slots, calendars and reports are built day by day; a typo such as 9999-12-31 or 0001-01-01
would otherwise mean millions of days (or a date arithmetic overflow). The campaigns this
tool serves start this century; 2000-2100 leaves room on both sides. Also the characters and
ids refused in text, shared by the pydantic models and the fast reading of month files.
"""

from __future__ import annotations

import re
from datetime import date

MIN_YEAR = 2000
MAX_YEAR = 2100


def year_in_range(day: date) -> bool:
    return MIN_YEAR <= day.year <= MAX_YEAR


# Control characters (a terminal can be tricked by them), bidirectional overrides, and what
# XML 1.0 cannot hold at all: refused in free text (schemas.py, records_fast.py).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
# Ids end up in file names, table cells and command lines: letters, digits, - _ and single dots.
ID_PATTERN = r"^[0-9A-Za-z\u4e00-\u9fff][0-9A-Za-z\u4e00-\u9fff_-]*(\.[0-9A-Za-z\u4e00-\u9fff_-]+)*$"
