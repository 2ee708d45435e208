"""The fast reading of month files (records_fast) agrees with tomllib and pydantic.

It may only ever give the records the checked path gives, or step aside (None): whatever is
refused is refused by the checked path, with its file and line.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fangkong_cli.errors import FileProblems
from fangkong_cli.models import Record
from fangkong_cli.records import parse_records, parse_records_checked, render_record
from fangkong_cli.records_fast import fast_records
from test_fuzz import records

HEAD = "format = 1\n\n"


def _file(found: list[Record]) -> str:
    return HEAD + "\n".join(render_record(r) for r in found)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(records(), max_size=4))
def test_files_as_written_are_read_fast_and_alike(found: list[Record]) -> None:
    text = _file(found)
    fast = fast_records(text)
    assert fast is not None
    assert fast == parse_records_checked(text, "x.toml") == found
    assert [r.at.utcoffset() for r in fast] == [r.at.utcoffset() for r in found]


ODD_VALUES = [
    '""',
    '" "',
    '"a\\u0007"',
    '"\\ud800"',
    '"x\\ny"',
    '"1.1\\n"',
    '"a\\"b"',
    '"é\\u00e9"',
    "'lit'",
    "1",
    "12",
    "true",
    "2021-01-05",
    "2021-01-05 10:00:00",
    "2021-01-05T10:00:00Z",
    "2021-01-05 10:00:00.5+08:00",
    "2099-12-31 10:00:00+24:00",
    "1999-01-05 10:00:00+08:00",
    "2021-13-05 10:00:00+08:00",
    '"na"',
    '"withdrawn"',
    '"' + "a" * 65 + '"',
    '"' + "f" * 64 + '"',
    '"' + "F" * 64 + '"',
    '"\u202e"',
    '"\x85"',
    '"x" # note',
    '"-"',
]
ODD_LINES = [
    "[[record]]",
    "[[record.evidence]]",
    "[record]",
    "format = 1",
    "format = 2",
    "# comment",
    " ",
    "evidence = []",
]
KEYS = [
    "measure",
    "slot",
    "status",
    "by",
    "at",
    "note",
    "reason",
    "hash",
    "kind",
    "value",
    "sha256",
    "evidence",
    "extra",
]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(records(), min_size=1, max_size=3),
    st.lists(
        st.tuples(
            st.integers(0, 200),
            st.sampled_from(KEYS),
            st.sampled_from(ODD_VALUES),
            st.sampled_from(ODD_LINES),
            st.booleans(),
        ),
        max_size=3,
    ),
)
def test_a_changed_file_is_read_alike_or_left_to_the_checked_path(
    found: list[Record], edits: list[tuple[int, str, str, str, bool]]
) -> None:
    lines = _file(found).split("\n")
    for at, key, value, odd, whole in edits:
        i = at % len(lines)
        lines[i] = odd if whole else f"{key} = {value}"
    text = "\n".join(lines)
    fast = fast_records(text)
    try:
        checked = parse_records_checked(text, "x.toml")
    except FileProblems as exc:
        assert fast is None
        assert parse_records_and_problem(text) == exc.problems
        return
    assert fast is None or (fast == checked and [r.at.utcoffset() for r in fast] == [r.at.utcoffset() for r in checked])


def parse_records_and_problem(text: str) -> object:
    try:
        parse_records(text, "x.toml")
    except FileProblems as exc:
        return exc.problems
    raise AssertionError("a refused file was read")
