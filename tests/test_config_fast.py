"""The fast check of fangkong.toml (config_fast) agrees with the pydantic model.

It may only give the configuration pydantic gives, or step aside (None): whatever is refused
is refused by pydantic, with its line.
"""

from __future__ import annotations

import copy
from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from fangkong_cli.config_fast import fast_config
from fangkong_cli.schemas import WorkspaceConfigModel
from fangkong_cli.workspace import parse_config

BASE: dict[str, Any] = {
    "format": 1,
    "unit": {"id": "u-1", "name": "某某工会"},
    "campaign": {
        "checklist": "qzbt-2021-4",
        "start": date(2021, 1, 4),
        "end": date(2021, 4, 30),
        "timezone": "Asia/Shanghai",
    },
    "signoff": {"preparer": "", "phone": "", "reviewer": ""},
}
PLACES = [
    ("format",),
    ("unit", "id"),
    ("unit", "name"),
    ("unit", "extra"),
    ("campaign", "id"),
    ("campaign", "checklist"),
    ("campaign", "extra"),
    ("campaign", "start"),
    ("campaign", "end"),
    ("campaign", "timezone"),
    ("campaign", "other"),
    ("signoff", "preparer"),
    ("signoff", "phone"),
    ("lights",),
    ("lights", "yellow_workdays"),
    ("lights", "deadline_workdays"),
    ("tailoring",),
    ("campaigns",),
    ("unit",),
    ("campaign",),
    ("signoff",),
    ("other",),
]
VALUES: list[Any] = [
    "",
    " ",
    "x",
    "a\nb",
    "a\tb",
    "\x07",
    "\u202e",
    "CON",
    "../x",
    "u 1",
    "é" * 41,
    "x" * 81,
    "Asia/Nowhere",
    "UTC",
    "Asia",
    "1.2",
    "a.b.c",
    "a..b",
    "x" * 33,
    0,
    1,
    2,
    -1,
    61,
    251,
    True,
    1.5,
    [],
    ["a"],
    [1],
    {},
    {"id": "x"},
    date(2021, 1, 1),
    date(2022, 1, 1),
    date(1999, 1, 1),
    datetime(2021, 1, 5, 8, 0),
    [{"measure": "1.1", "reason": "因"}],
]


def _checked(raw: dict[str, Any]) -> Any:
    try:
        return WorkspaceConfigModel.model_validate(raw).to_domain()
    except (ValidationError, OSError):  # OSError: a zone name that is a folder of tzdata ("Asia")
        return None


def test_the_plain_configuration_is_read_fast_and_alike() -> None:
    fast = fast_config(copy.deepcopy(BASE))
    assert fast is not None
    assert fast == _checked(copy.deepcopy(BASE))


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PLACES), st.sampled_from(VALUES), st.booleans()), max_size=3))
def test_a_changed_configuration_is_read_alike_or_left_to_pydantic(
    edits: list[tuple[tuple[str, ...], Any, bool]],
) -> None:
    raw = copy.deepcopy(BASE)
    for place, value, drop in edits:
        table = raw
        for part in place[:-1]:
            table = table.setdefault(part, {}) if isinstance(table.get(part, {}), dict) else {}
        if drop:
            table.pop(place[-1], None)
        else:
            table[place[-1]] = copy.deepcopy(value)
    fast = fast_config(copy.deepcopy(raw))
    checked = _checked(copy.deepcopy(raw))
    assert fast is None or fast == checked


@pytest.mark.parametrize("text", ['format = 1\n[unit]\nid = "u"\nname = " "\n[campaign]\nstart = 2021-01-04\n'])
def test_a_refused_configuration_still_names_its_line(text: str) -> None:
    from fangkong_cli.errors import FileProblems

    with pytest.raises(FileProblems) as caught:
        parse_config(text, "fangkong.toml")
    assert caught.value.problems[0].line == 4
