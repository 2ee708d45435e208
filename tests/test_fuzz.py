"""Property and fuzz tests: loaders never crash, records survive the TOML round trip."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fangkong_cli.errors import FileProblems
from fangkong_cli.models import Evidence, Record, Status
from fangkong_cli.records import parse_records, render_record
from fangkong_cli.workspace import parse_config
from fangkong_cli.yamlio import parse_yaml

SAFE_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85"), max_size=60
).filter(lambda s: "\x7f" not in s)
IDS = st.from_regex(r"[0-9]\.[0-9]{1,2}", fullmatch=True)


@st.composite
def records(draw: st.DrawFn) -> Record:
    status = draw(st.sampled_from(list(Status)))
    offset = timezone(timedelta(minutes=draw(st.integers(-12 * 60, 14 * 60))))
    at = datetime(2021, 1, 1, tzinfo=offset) + timedelta(seconds=draw(st.integers(0, 10**8)))
    evidence = draw(
        st.lists(
            st.builds(
                Evidence,
                kind=st.sampled_from(["note", "url", "file"]),
                value=SAFE_TEXT,
                sha256=st.none() | st.from_regex(r"[0-9a-f]{64}", fullmatch=True),
            ),
            max_size=2,
        )
    )
    reason = draw(SAFE_TEXT.filter(lambda s: s.strip() != "")) if status is Status.NA else draw(SAFE_TEXT)
    return Record(
        measure=draw(IDS),
        slot=draw(st.sampled_from(["2021-01-05", "2021-W05", "2021-01", "2021-Q1", "once", "window"])),
        status=status,
        by=draw(SAFE_TEXT.filter(lambda s: len(s) >= 1)),
        at=at,
        note=draw(SAFE_TEXT),
        reason=reason,
        evidence=tuple(evidence),
    )


@given(st.lists(records(), min_size=1, max_size=5))
def test_records_round_trip_through_toml(batch: list[Record]) -> None:
    text = "format = 1\n" + "".join("\n" + render_record(r) for r in batch)
    assert parse_records(text, "x.toml") == batch


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=200)
@given(st.text(max_size=300))
def test_yaml_loader_never_crashes(text: str) -> None:
    doc, problems = parse_yaml(text, "f.yaml")
    assert doc is not None or problems
    for p in problems:
        assert p.file == "f.yaml" and p.key


@settings(max_examples=200)
@given(st.text(max_size=300))
def test_records_loader_never_crashes(text: str) -> None:
    try:
        parse_records(text, "r.toml")
    except FileProblems as exc:
        assert exc.problems and all(p.file == "r.toml" for p in exc.problems)


@settings(max_examples=200)
@given(st.text(max_size=300))
def test_config_loader_never_crashes(text: str) -> None:
    try:
        parse_config(text, "fangkong.toml")
    except FileProblems as exc:
        assert exc.problems


def test_yaml_billion_laughs_is_refused_quickly() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    doc, problems = parse_yaml(bomb, "bomb.yaml")
    assert doc is None and problems[0].key == "yaml_alias" and problems[0].line == 2
