"""Records: what an officer answered for a measure's slot, kept in one TOML file per month."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from . import cache
from .errors import DataProblem, FileProblems, Problem
from .fsutil import atomic_write
from .models import Evidence, Record, Status

RECORDS_FORMAT = 1
MAX_RECORDS_BYTES = 8 * 1024 * 1024  # a month of daily records for 60 measures is ~0.5 MB
MONTH_FILE = re.compile(r"^(\d{4})-(\d{2})\.toml$")


def records_dir(root: Path) -> Path:
    return root / "records"


def month_file(root: Path, at: datetime, tz: tzinfo) -> Path:
    local = at.astimezone(tz)
    return records_dir(root) / f"{local.year:04d}-{local.month:02d}.toml"


def _line_of_record(text: str, index: int, key: str | None) -> int | None:
    """Line of the `index`-th [[record]] table (and of `key` inside it, when found)."""
    count = -1
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if line.strip() == "[[record]]":
            count += 1
            if count == index:
                if key is not None:
                    for offset, inner in enumerate(lines[number:], start=number + 1):
                        stripped = inner.strip()
                        if stripped.startswith("[[record]]"):
                            break
                        if re.match(rf"^{re.escape(key)}\s*=", stripped):
                            return offset
                return number
    return None


def _toml_error_line(exc: tomllib.TOMLDecodeError) -> int | None:
    match = re.search(r"line (\d+)", str(exc))
    return int(match.group(1)) if match else None


def parse_records(text: str, name: str) -> list[Record]:
    """Parse one month file; raise FileProblems (file and line) when it is damaged."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        detail = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise FileProblems([Problem(name, _toml_error_line(exc), "toml_syntax", {"detail": detail})]) from exc
    version = raw.get("format")
    if isinstance(version, int) and not isinstance(version, bool) and version > RECORDS_FORMAT:
        raise FileProblems([Problem(name, 1, "records_newer", {"found": version, "known": RECORDS_FORMAT})])
    from pydantic import ValidationError

    from .schemas import RECORD_LIST, RecordsFileModel

    try:
        shell = RecordsFileModel.model_validate(raw)
    except ValidationError as exc:
        problems = [
            Problem(name, 1, "invalid_value", {"where": ".".join(map(str, e["loc"])), "type": e["type"], "detail": e["msg"], "ctx": {}})
            for e in exc.errors(include_url=False)
        ]
        raise FileProblems(problems) from exc
    try:
        return [m.to_domain() for m in RECORD_LIST.validate_python(shell.record)]
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            loc = err["loc"]
            index = loc[0] if loc and isinstance(loc[0], int) else 0
            key = str(loc[1]) if len(loc) > 1 else None
            problems.append(
                Problem(
                    name,
                    _line_of_record(text, index, key),
                    "invalid_value",
                    {
                        "where": f"record[{index + 1}]" + (f".{key}" if key else ""),
                        "type": err["type"],
                        "detail": err["msg"],
                        "ctx": {k: str(v) for k, v in (err.get("ctx") or {}).items()},
                    },
                )
            )
        raise FileProblems(problems) from exc


def read_month_text(path: Path) -> str:
    from .yamlio import read_text_file

    text, problem = read_text_file(path, MAX_RECORDS_BYTES)
    if problem is not None:
        raise FileProblems([problem])
    assert text is not None
    return text


def month_files(root: Path) -> list[Path]:
    """The month files; anything in their place that is not a readable file is a problem, not
    a silent gap in the figures."""
    folder = records_dir(root)
    if not folder.exists() and not folder.is_symlink():
        return []
    if not folder.is_dir():
        raise FileProblems([Problem(str(folder), None, "records_not_folder")])
    found = sorted(p for p in folder.iterdir() if MONTH_FILE.match(p.name))
    odd = [Problem(str(p), None, "records_not_file") for p in found if not p.is_file()]
    if odd:
        raise FileProblems(odd)
    return found


# Parsing TOML and validating every record is most of the cost of `status`: the validated
# records of each month file are kept in the derived cache (cache.py), keyed by its bytes.

_Row = tuple[str, str, str, str, str, str, str, tuple[tuple[str, str, str | None], ...]]


def _to_row(r: Record) -> _Row:
    return (
        r.measure, r.slot, r.status.value, r.by, r.at.isoformat(), r.note, r.reason,
        tuple((e.kind, e.value, e.sha256) for e in r.evidence),
    )


def _from_row(row: _Row) -> Record:
    measure, slot, status, by, at, note, reason, evidence = row
    return Record(
        measure, slot, Status(status), by, datetime.fromisoformat(at), note, reason,
        tuple(Evidence(k, v, h) for k, v, h in evidence),
    )


def read_month(root: Path, path: Path, use_cache: bool = True) -> list[Record]:
    """The records of one month file (through the cache when it matches the file's bytes)."""
    from .yamlio import decode_text

    try:
        if path.stat().st_size > MAX_RECORDS_BYTES:
            raise FileProblems([Problem(str(path), None, "file_too_large", {"limit": MAX_RECORDS_BYTES // 1024})])
        raw = path.read_bytes()
    except OSError as exc:
        raise FileProblems([Problem(str(path), None, "file_unreadable", {"reason": exc.strerror or str(exc)})]) from exc
    key = cache.content_key(raw)
    name = f"records-{path.stem}.bin"
    if use_cache:
        rows = cache.read(root, name, key)
        if rows is not None:
            try:
                return [_from_row(row) for row in rows]
            except (TypeError, ValueError):
                pass
    text, problem = decode_text(raw, str(path))
    if problem is not None:
        raise FileProblems([problem])
    assert text is not None
    records = parse_records(text, str(path))
    if use_cache:
        cache.write(root, name, key, [_to_row(r) for r in records])
    return records


def load_records(root: Path, use_cache: bool = True) -> list[Record]:
    """Every record of the workspace, oldest month first, file order kept within a month."""
    out: list[Record] = []
    problems: list[Problem] = []
    for path in month_files(root):
        try:
            out.extend(read_month(root, path, use_cache))
        except FileProblems as exc:
            problems.extend(exc.problems)
    if problems:
        raise FileProblems(problems)
    return out


def _pairs(data: dict[str, Any]) -> str:
    import tomli_w

    # One `key = value` line each, tomli-w formatting every value. Only scalars come here, so
    # tomli-w has no table layout to choose (it may render short arrays of tables inline,
    # which would not append to an existing [[record]] array).
    return "".join(tomli_w.dumps({key: value}) for key, value in data.items())


def render_record(record: Record) -> str:
    """The TOML text of one record: a [[record]] table, evidence as [[record.evidence]]."""
    data = record.to_toml_dict()
    evidence = data.pop("evidence", [])
    text = "[[record]]\n" + _pairs(data)
    for item in evidence:
        text += "\n[[record.evidence]]\n" + _pairs(item)
    return text


def append_records(root: Path, records: Sequence[Record], tz: tzinfo) -> list[Path]:
    """Add records to their month files. The caller holds the workspace lock.

    Each file's existing text is kept byte for byte; a damaged or newer file is reported and
    never rewritten. Every file is checked before any is written.
    """
    by_file: dict[Path, list[Record]] = {}
    for record in records:
        by_file.setdefault(month_file(root, record.at, tz), []).append(record)
    planned: list[tuple[Path, str, list[Record]]] = []
    for path, batch in by_file.items():
        block = "".join("\n" + render_record(r) for r in batch)
        old: list[Record] = []
        if path.exists():
            old = read_month(root, path)  # refuses a damaged or newer file
            text = read_month_text(path)
            if text and not text.endswith("\n"):
                text += "\n"
        else:
            text = f"format = {RECORDS_FORMAT}\n"
        new_text = text + block
        # Never write what would not read back as exactly the old records plus the new ones.
        if parse_records(new_text, str(path)) != [*old, *batch]:
            raise DataProblem("write_failed", path=str(path), reason="round trip mismatch")
        planned.append((path, new_text, [*old, *batch]))
    try:
        records_dir(root).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataProblem("write_failed", path=str(records_dir(root)), reason=exc.strerror or str(exc)) from exc
    for path, text, kept in planned:
        data = text.encode("utf-8")
        atomic_write(path, data)
        # the next `status` need not parse this file again: it holds exactly `kept`
        cache.write(root, f"records-{path.stem}.bin", cache.content_key(data), [_to_row(r) for r in kept])
    return [p for p, _, _ in planned]
