"""The files that say which units must report: units.toml (the tree) and flat --expect lists.

units.toml problems are reported as `FILE:LINE: message` (exit 3), like every TOML file;
an --expect list that cannot be used is a usage problem (exit 2), as it always was.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from .errors import FileProblems, Problem, UsageProblem
from .fileio import load_toml, read_bounded, validation_problems
from .tree import Tree, TreeUnit, find_cycle, flat_tree

MAX_LIST_BYTES = 8 * 1024 * 1024
UNITS_FORMAT = 1
_ID_HEADERS = ("id", "unit_id", "单位编号", "编号")
_NAME_HEADERS = ("name", "unit_name", "单位名称", "名称", "单位")


def decode_any(raw: bytes) -> str | None:
    """Text as Chinese offices save it: UTF-8 (with or without BOM), UTF-16 with BOM, or GBK.

    None when it is none of these (a binary file). Excel on Chinese Windows saves CSV and
    text files in GBK ("ANSI"); GB 18030 is its superset, so it decodes both.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in raw:
        return None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _read(path: Path, usage: bool) -> str:
    """The text of a list file; problems as usage (--expect) or file problems (units.toml)."""
    try:
        raw = read_bounded(path, MAX_LIST_BYTES)  # a FIFO or /dev/zero is refused, not waited on
    except FileProblems as exc:
        if usage:
            raise UsageProblem("agg.expect_unreadable", path=str(path), reason=exc.problems[0]) from exc
        raise
    text = decode_any(raw)
    if text is None:
        if usage:
            raise UsageProblem("agg.expect_binary", path=str(path))
        raise FileProblems([Problem(str(path), None, "binary_file")])
    return text


# --- --expect ----------------------------------------------------------------------------------


def read_expected(path: Path) -> Tree:
    """Unit ids one a line (`#` starts a comment), or a CSV with an `id` (and `name`) column.

    UTF-8, UTF-16 or GBK, as Excel saves it. Every id must be a valid unit id.
    """
    from .models import is_safe_unit_id

    text = _read(path, usage=True)
    numbered = [
        (n, line)
        for n, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not numbered:  # an empty list would report "everybody has reported"
        raise UsageProblem("agg.expect_empty", path=str(path))
    first = numbered[0][1]
    if path.suffix.lower() in (".csv", ".tsv") or "," in first or "\t" in first:
        rows = _csv_rows(path, numbered)
    else:
        rows = [(n, line.split("#", 1)[0].strip(), "") for n, line in numbered]
    seen: dict[str, str] = {}
    for number, uid, name in rows:
        if not is_safe_unit_id(uid):
            raise UsageProblem("agg.expect_bad_id", path=str(path), line=number, id=uid[:60])
        seen.setdefault(uid, " ".join(name.split()))
    return flat_tree(seen.items(), str(path))


def _csv_rows(path: Path, numbered: list[tuple[int, str]]) -> list[tuple[int, str, str]]:
    import csv

    delimiter = "\t" if "\t" in numbered[0][1] and "," not in numbered[0][1] else ","
    cells = list(csv.reader((line for _, line in numbered), delimiter=delimiter))
    header = [cell.strip().lower() for cell in cells[0]]
    id_col = next((header.index(n) for n in _ID_HEADERS if n in header), None)
    if id_col is None:
        raise UsageProblem("agg.expect_no_id", path=str(path))
    name_col = next((header.index(n) for n in _NAME_HEADERS if n in header), None)
    out = []
    for (number, _), row in zip(numbered[1:], cells[1:], strict=False):
        uid = row[id_col].strip() if len(row) > id_col else ""
        if uid:
            name = row[name_col] if name_col is not None and len(row) > name_col else ""
            out.append((number, uid, name))
    return out


# --- units.toml --------------------------------------------------------------------------------


def _models() -> tuple[Any, Any]:
    from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt

    from .schemas import Line, UnitId

    Days = Annotated[StrictInt, Field(ge=0, le=366)]

    class UnitDoc(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)
        id: UnitId
        name: Annotated[Line, Field(max_length=200)]
        parent: UnitId | None = None
        joined: date | None = None
        left: date | None = None
        reports: StrictBool = True

    class UnitsDoc(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)
        format: StrictInt = UNITS_FORMAT
        timely_days: Days | None = None
        timely_days_by_checklist: dict[Annotated[str, Field(max_length=200)], Days] = Field(default_factory=dict)
        issuer: Annotated[Line, Field(max_length=100)] | None = None
        addressees: Annotated[Line, Field(max_length=400)] | None = None
        unit: Annotated[list[UnitDoc], Field(min_length=1, max_length=100_000)]

    return UnitDoc, UnitsDoc


def _unit_blocks(lines: Sequence[str]) -> list[int]:
    """Line numbers of the [[unit]] headers, in order."""
    return [n for n, line in enumerate(lines, start=1) if re.match(r"^\s*\[\[\s*unit\s*\]\]", line)]


def _line_of(lines: Sequence[str], loc: Sequence[Any]) -> int | None:
    """The line of a key inside the n-th [[unit]] block, or of a top-level key."""
    blocks = _unit_blocks(lines)
    if len(loc) >= 2 and loc[0] == "unit" and isinstance(loc[1], int) and loc[1] < len(blocks):
        start = blocks[loc[1]]
        end = blocks[loc[1] + 1] if loc[1] + 1 < len(blocks) else len(lines) + 1
        if len(loc) >= 3:
            for number in range(start + 1, end):
                if re.match(rf"^\s*{re.escape(str(loc[2]))}\s*=", lines[number - 1]):
                    return number
        return start
    if loc:
        for number, line in enumerate(lines, start=1):
            if re.match(rf"^\s*\[?\s*{re.escape(str(loc[0]))}\s*[=\]]", line):
                return number
    return None


def load_units(path: Path) -> Tree:
    """units.toml, validated: unit ids unique, every parent a unit, no cycles, left ≥ joined."""
    from pydantic import ValidationError

    text = _read(path, usage=False)
    name = str(path)
    raw = load_toml(text, name)  # FILE:LINE for a syntax error, git's conflict markers named
    lines = text.splitlines()
    version = raw.get("format")
    if isinstance(version, int) and not isinstance(version, bool) and version > UNITS_FORMAT:
        raise FileProblems(
            [Problem(name, _line_of(lines, ["format"]), "units.newer", {"found": version, "known": UNITS_FORMAT})]
        )
    _, units_doc = _models()
    try:
        doc = units_doc.model_validate(raw)
    except ValidationError as exc:
        raise FileProblems(validation_problems(exc, name, lambda loc: _line_of(lines, loc))) from exc
    units = [TreeUnit(u.id, u.name, u.parent, u.joined, u.left, u.reports) for u in doc.unit]
    _check_tree(name, lines, units)
    return Tree(
        {u.id: u for u in units},
        name,
        doc.timely_days,
        dict(doc.timely_days_by_checklist),
        issuer=doc.issuer,
        addressees=doc.addressees,
    )


def _check_tree(name: str, lines: Sequence[str], units: Sequence[TreeUnit]) -> None:
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for index, unit in enumerate(units):
        if unit.id in first:
            problems.append(
                Problem(
                    name,
                    _line_of(lines, ["unit", index, "id"]),
                    "units.duplicate",
                    {"id": unit.id, "first": _line_of(lines, ["unit", first[unit.id], "id"]) or "?"},
                )
            )
        else:
            first[unit.id] = index
    for index, unit in enumerate(units):
        if unit.parent is not None and unit.parent not in first:
            problems.append(
                Problem(
                    name,
                    _line_of(lines, ["unit", index, "parent"]),
                    "units.unknown_parent",
                    {"id": unit.id, "parent": unit.parent},
                )
            )
        if unit.parent == unit.id:
            problems.append(
                Problem(name, _line_of(lines, ["unit", index, "parent"]), "units.own_parent", {"id": unit.id})
            )
        if unit.joined is not None and unit.left is not None and unit.left < unit.joined:
            problems.append(
                Problem(name, _line_of(lines, ["unit", index, "left"]), "units.left_before_joined", {"id": unit.id})
            )
    if not problems:
        cycle = find_cycle({u.id: u.parent for u in units})
        if cycle is not None:
            where = _line_of(lines, ["unit", first[cycle[0]], "parent"])
            problems.append(Problem(name, where, "units.cycle", {"chain": " → ".join(cycle)}))
    if problems:
        raise FileProblems(problems)
