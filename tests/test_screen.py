"""The status table drawn for a terminal without Rich looks exactly as Rich draws it.

Rich is the reference here: the same table is built as a Rich Table (as `status` built it
before) and both drawings are compared cell by cell, each visible character with its
attributes and colour (a space's style cannot be seen, so it is not compared).
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich import box
from rich.console import Console, Group, RenderableType
from rich.rule import Rule
from rich.table import Table as RichTable
from rich.text import Text

from conftest import invoke, make_workspace
from fangkong_cli.campaigns import chosen_views
from fangkong_cli.checklist import load_checklist, resolve_sources
from fangkong_cli.cli.folding import wrap
from fangkong_cli.cli.history_view import history_table
from fangkong_cli.cli.labels import (
    LIGHT_STYLE,
    STATUS_COLUMNS,
    section_title,
    state_style,
    status_cells,
    status_columns,
    status_screen,
    summary_line,
)
from fangkong_cli.cli.plain import cell_len
from fangkong_cli.cli.screen import Column, Run, Table, draw, paragraph, rule, to_text
from fangkong_cli.evaluation import Evaluation, evaluate_workspace
from fangkong_cli.lights import measure_lights
from fangkong_cli.models import Measure
from fangkong_cli.recording import history as read_history
from fangkong_cli.workspace import open_workspace

SGR = re.compile(r"\x1b\[([0-9;]*)m")
Seen = list[list[tuple[str, frozenset[str]]]]


def _on_space(state: frozenset[str]) -> frozenset[str]:
    return frozenset(c for c in state if c.startswith(("4", "10")))  # a background shows; the rest does not


def seen(drawn: str) -> Seen:
    """What a terminal shows: per line, each character with its attributes (a space only
    with its background)."""
    lines = []
    for line in drawn.split("\n"):
        state: frozenset[str] = frozenset()
        cells, at = [], 0
        for match in SGR.finditer(line):
            cells += [(ch, _on_space(state) if ch == " " else state) for ch in line[at : match.start()]]
            codes = match.group(1)
            state = frozenset() if codes in ("", "0") else frozenset(codes.split(";"))
            at = match.end()
        cells += [(ch, _on_space(state) if ch == " " else state) for ch in line[at:]]
        lines.append(cells)
    return lines


def rich_drawn(renderable: RenderableType, width: int, no_color: bool = False) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=True,
        color_system="standard",
        no_color=no_color,
        markup=False,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    console.print(renderable)
    return buffer.getvalue()


def rich_table(table: Table) -> RichTable:
    """The same table as a Rich Table with the settings fangkong used (a simple head box, or
    none for lists; the edges unpadded)."""
    drawn = RichTable(
        title=Text(table.title, style="bold"),
        title_justify="left",
        box=box.SIMPLE_HEAD if table.boxed else None,
        show_header=table.header,
        expand=table.expand,
        pad_edge=False,
    )
    for c in table.columns:
        drawn.add_column(
            c.header, overflow="fold", justify=c.justify, ratio=c.ratio, min_width=c.min_width, style=c.style or None
        )
    for row in table.rows:
        drawn.add_row(*(Text(text, style=style) for text, style in row))
    return drawn


def rich_status(lang: str, evaluation: Evaluation, width: int, lights: dict[str, str]) -> RenderableType:
    """The status as it was drawn with Rich before (one Rich Table per section)."""
    shown = status_columns("zh", evaluation, width)
    parts: list[RenderableType] = []
    for sec in evaluation.sections:
        table = RichTable(
            title=Text(section_title(sec.section.number, sec.section.title), style="bold"),
            title_justify="left",
            box=box.SIMPLE_HEAD,
            expand=True,
            pad_edge=False,
        )
        for key in (STATUS_COLUMNS[i] for i in shown):
            if key == "col.measure":
                table.add_column(key_text(key), overflow="fold", ratio=3, min_width=8)
            else:
                table.add_column(key_text(key), overflow="fold", justify="right" if key == "col.overdue" else "left")
        for ms in sec.measures:
            cells = [Text(c) for c in status_cells("zh", ms)]
            cells[5].stylize(LIGHT_STYLE.get(lights.get(ms.measure.id, ""), ""))
            cells[3] = Text(cells[3].plain, style=state_style(ms))
            if ms.figures.overdue:
                cells[6].stylize("bold red")
            table.add_row(*(cells[i] for i in shown))
        parts.append(table)
    parts.append(Text(summary_line("zh", evaluation.as_of, evaluation.figures)))
    return Group(*parts)


def key_text(key: str) -> str:
    from fangkong_cli.messages import t

    return t("zh", key)


@pytest.fixture(scope="module")
def marked_ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built-in notice two weeks in, answered every way: done, partial, not done, n/a,
    late, and much left overdue; with the lights the status shows."""
    ws = make_workspace(tmp_path_factory.mktemp("screen") / "ws")
    marks = [
        ("2021-01-04", ["2.18", "2.19", "1.1"], "done"),
        ("2021-01-05", ["2.18", "1.4"], "partial"),
        ("2021-01-06", ["2.19", "2.3"], "not_done"),
        ("2021-01-07", ["1.5", "2.10"], "na"),
        ("2021-01-12", ["2.18", "2.19"], "done"),
    ]
    for day, ids, state in marks:
        extra = ["--reason", "暂无此项"] if state == "na" else []
        args = ["mark", *ids, "-s", state, "--by", "甲", "--date", day, *extra]
        result = invoke(args, cwd=ws, now=f"{day}T20:00:00+08:00")
        assert result.exit_code == 0, result.stderr
    return ws


@pytest.fixture(scope="module")
def marked(marked_ws: Path) -> tuple[Evaluation, dict[str, str]]:
    as_of = date(2021, 1, 18)
    view = chosen_views(open_workspace(marked_ws), None, as_of)[0]
    evaluation = evaluate_workspace(view, as_of)
    lights = {k: v.value for k, v in measure_lights(evaluation.measures, as_of, view.config.lights).items()}
    assert {"green", "red"} <= set(lights.values())  # the deadlines are drawn in more than one colour
    return evaluation, lights


WIDTHS = [1, 2, 5, 9, 14, 20, 27, 33, 40, 47, 52, 60, 69, 80, 91, 100, 117, 133, 160, 201, 250]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_status_table_looks_as_rich_draws_it(marked: tuple[Evaluation, dict[str, str]], width: int) -> None:
    evaluation, lights = marked
    mine = to_text(status_screen("zh", evaluation, width, lights), width, styles=True, colour=True)
    assert seen(mine) == seen(rich_drawn(rich_status("zh", evaluation, width, lights), width))
    if width >= 40:  # narrower, the state column is the id's and the title's last resort
        assert "\x1b[32m" in mine and "\x1b[1;31m" in mine  # done in green, overdue counts in bold red


@pytest.mark.parametrize("width", [40, 80, 160])
def test_without_colour_the_attributes_stay_as_rich_keeps_them(
    marked: tuple[Evaluation, dict[str, str]], width: int
) -> None:
    evaluation, lights = marked
    mine = to_text(status_screen("zh", evaluation, width, lights), width, styles=True, colour=False)
    assert seen(mine) == seen(rich_drawn(rich_status("zh", evaluation, width, lights), width, no_color=True))
    assert set(SGR.findall(mine)) == {"1", "2", "0"}  # bold, dim and resets; no colour
    plain = to_text(status_screen("zh", evaluation, width, lights), width, styles=False, colour=False)
    assert "\x1b" not in plain and plain == SGR.sub("", mine)


WORDS = st.sampled_from(
    "值班 体温检测 通风 、 ， （ ） 2021-01-04 a check QR — ≤ é e\u0301 😀 ｱ Ａ".split() + [" ", "  ", "\n", "\t"]
)
TEXTS = st.lists(WORDS, max_size=12).map("".join)


@settings(max_examples=150, deadline=None)
@given(
    title=TEXTS,
    headers=st.lists(TEXTS, min_size=2, max_size=5),
    cells=st.lists(TEXTS, min_size=5, max_size=20),
    width=st.integers(min_value=1, max_value=130),
    ratios=st.lists(st.sampled_from([None, None, 1, 2, 3]), min_size=5, max_size=5),
    kind=st.sampled_from(["boxed", "bare", "bare-headless", "boxed-headless"]),
    expand=st.booleans(),
)
def test_any_table_folds_as_rich_folds_it(
    title: str, headers: list[str], cells: list[str], width: int, ratios: list[int | None], kind: str, expand: bool
) -> None:
    count = len(headers)
    columns = [
        Column(
            h,
            justify="right" if i == count - 1 else "left",
            ratio=ratios[i],
            min_width=8 if ratios[i] else None,
            style="bold" if i == 0 else "",
        )
        for i, h in enumerate(headers)
    ]
    styles = ["", "green", "bold red", "dim", "cyan"]
    rows = [[(cells[(r * count + i) % len(cells)], styles[(r + i) % 5]) for i in range(count)] for r in range(3)]
    table = Table(title, columns, rows, expand=expand, boxed=kind.startswith("boxed"), header="headless" not in kind)
    mine = to_text(draw(table, width), width, styles=True, colour=True)
    assert seen(mine) == seen(rich_drawn(rich_table(table), width))


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("深入学习贯彻习近平总书记", 10, ["深入学习贯", "彻习近平总", "书记      "]),
        ("check the QR code", 8, ["check   ", "the QR  ", "code    "]),
        ("值班a", 3, ["值 ", "班a"]),  # a character never splits: it goes whole to the next line
        ("", 4, ["    "]),
    ],
)
def test_folding_by_terminal_cells(text: str, width: int, lines: list[str]) -> None:
    assert list(wrap(text, width, "left")) == lines
    assert all(cell_len(line) == width for line in lines)


def test_status_at_a_terminal_in_colour_width_and_plainness(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    assert invoke(["mark", "2.18", "-s", "done", "--by", "甲"], cwd=ws, now="2021-01-04T20:00:00+08:00").exit_code == 0
    at = "2021-01-05T09:00:00+08:00"
    coloured = invoke(["status"], cwd=ws, now=at, tty=True, env={"COLUMNS": "100", "NO_COLOR": ""})
    assert coloured.exit_code == 0, coloured.stderr
    assert "\x1b[36m待办" in coloured.stdout  # due today, in cyan
    plain = SGR.sub("", coloured.stdout)
    assert max(cell_len(line) for line in plain.splitlines()) == 100  # fills the terminal, no wider
    attributes = invoke(["status"], cwd=ws, now=at, tty=True)  # NO_COLOR=1 (the pinned terminal)
    assert "1" in SGR.findall(attributes.stdout) and set(SGR.findall(attributes.stdout)) <= {"1", "2", "0"}
    dumb = invoke(["status"], cwd=ws, now=at, tty=True, env={"TERM": "dumb", "NO_COLOR": ""})
    assert dumb.stdout == SGR.sub("", attributes.stdout)  # a dumb terminal: the same text, no codes


def _measure(measure_id: str) -> tuple[Measure, str]:
    checklist = load_checklist(resolve_sources("qzbt-2021-4"))
    m = next(x for x in checklist.measures if x.id == measure_id)
    section = checklist.section_of(m.id)
    assert section is not None
    return m, f"{section.number}、{section.title}"


@pytest.mark.parametrize("width", [2, 3, 7, 24, 41, 80, 133])
def test_the_walk_s_section_rule_is_drawn_as_rich_draws_it(width: int) -> None:
    _, title = _measure("2.10")
    mine = to_text([rule(title, width)], width, True, True)
    assert seen(mine) == seen(rich_drawn(Rule(Text(title), align="left", style="bright_green"), width))


@pytest.mark.parametrize("width", [24, 41, 80, 133])
@pytest.mark.parametrize("measure_id", ["1.2", "2.4", "2.10"])
def test_the_walk_folds_chinese_as_it_is_set(width: int, measure_id: str) -> None:
    """Lines filled to the edge, broken between characters, never starting with closing
    punctuation, nothing lost; each piece in its own style."""
    m, _ = _measure(measure_id)
    head: list[Run] = [("[3/54] ", "dim"), (m.id, "bold"), (" ", ""), (m.title, "bold"), ("  ", "")]
    head += [(" 逾期 2021-02-23 ", "bold white on red"), ("  每个工作日", "dim")]
    for runs in (head, [("原文：" + m.source, "dim")]):
        lines = ["".join(text for text, _ in line) for line in paragraph(runs, width)]
        assert "".join(lines).replace(" ", "") == "".join(text for text, _ in runs).replace(" ", "")
        assert all(cell_len(line) <= width for line in lines)
        for line, following in zip(lines, lines[1:], strict=False):
            assert following[:1] not in "，。、；：？！）」”》", (line, following)
            first = re.match(r"\s*[（「“《]*(?:[!-~]+|\S)[，。、；：？！）」”》]*", following)  # a word, or a character
            assert first is not None  # the next word did not fit (the spaces before it count, as they must stay)
            assert cell_len(line) + cell_len(first.group().strip()) > width, (line, following)
    drawn = to_text(paragraph(head, width), width, True, True)
    assert "\x1b[1;37;41m" in drawn and "\x1b[2m[3/54]" in drawn  # the tag white on red, the count dim


@pytest.mark.parametrize("width", [30, 52, 80, 133, 200])
@pytest.mark.parametrize("expand", [True, False])
def test_history_looks_as_rich_draws_it_in_a_terminal_and_a_pipe(marked_ws: Path, width: int, expand: bool) -> None:
    view = open_workspace(marked_ws)
    entries = read_history(view, None, None, None, None)
    assert len(entries) >= 10 and any(e.superseded or e.correction for e in entries)
    table = replace(history_table("zh", entries, "Asia/Shanghai"), expand=expand)
    mine = to_text(draw(table, width), width, styles=True, colour=True)
    assert seen(mine) == seen(rich_drawn(rich_table(table), width))


@pytest.mark.parametrize(
    ("env", "styles", "colour"),
    [
        ({}, True, True),
        ({"NO_COLOR": "1"}, True, False),
        ({"TERM": "dumb"}, False, False),
        ({"TERM": "unknown", "NO_COLOR": "1"}, False, False),
        ({"TTY_COMPATIBLE": "0"}, False, False),
        ({"TERM": "xterm-256color", "COLORTERM": "truecolor"}, True, True),
    ],
)
def test_the_terminal_s_styles_follow_its_environment(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], styles: bool, colour: bool
) -> None:
    from fangkong_cli.cli.output import Output

    for name in ("NO_COLOR", "TERM", "TTY_COMPATIBLE", "COLORTERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert Output("zh").terminal_styles == (styles, colour)


@pytest.mark.parametrize(("columns", "width"), [("100", 100), ("0", 80), ("abc", 80), ("", 80)])
def test_the_terminal_s_width_is_columns_else_its_size_else_80(
    monkeypatch: pytest.MonkeyPatch, columns: str, width: int
) -> None:
    import os

    from fangkong_cli.cli.output import Output

    monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.setattr(os, "get_terminal_size", lambda fd: (_ for _ in ()).throw(OSError("not a terminal")))
    assert Output("zh").terminal_width == width


def test_without_columns_the_terminal_s_own_size_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from fangkong_cli.cli.output import Output

    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(os, "get_terminal_size", lambda fd: os.terminal_size((132, 40)))
    assert Output("zh").terminal_width == 132
    monkeypatch.setattr(os, "get_terminal_size", lambda fd: os.terminal_size((0, 0)))  # a pseudo-terminal with no size
    assert Output("zh").terminal_width == 80
