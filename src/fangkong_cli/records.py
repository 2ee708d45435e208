"""Records: what an officer answered for a measure's slot, in append-only TOML files.

Each writer (one clone or copy of the workspace, see `workspace.writer_id`) appends only to
its own files, one per month: `records/<writer>/2021-01.toml`. Two people recording in two
clones and merging or rebasing in any order therefore never touch the same file, and git
never has a conflict to report. Files written before writers had their own folders
(`records/2021-01.toml`) are read as they are and never written again.

Every record a writer appends carries `hash`, the SHA-256 of the writer's previous record's
hash and its own content, so `fangkong verify` finds a record that was edited, removed or
moved (see `chain_hash`).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any, NamedTuple

from . import cache
from .errors import DataProblem, FileProblems, Problem
from .fileio import decode_text, load_toml, read_bounded, validation_problems
from .fsutil import atomic_write
from .models import Evidence, Record, Status

RECORDS_FORMAT = 1
MAX_RECORDS_BYTES = 8 * 1024 * 1024  # a month of daily records for 60 measures is ~0.5 MB
MONTH_FILE = re.compile(r"^(\d{4})-(\d{2})\.toml$")
WRITER_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,47}$")
TEMP_FILE = re.compile(r"^\..+\.tmp$")  # what fsutil.atomic_write leaves when killed mid-write
LEGACY = ""  # the writer of files written before writers had folders of their own


class RecordFile(NamedTuple):
    path: Path
    writer: str  # LEGACY for records/2021-01.toml
    month: str  # 2021-01


def month_name(at: datetime, tz: tzinfo) -> str:
    local = at.astimezone(tz)
    return f"{local.year:04d}-{local.month:02d}"


def line_of_record(text: str, index: int, key: str | None) -> int | None:
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


def parse_records(text: str, name: str) -> list[Record]:
    """Parse one month file; raise FileProblems (file and line) when it is damaged."""
    from .records_fast import fast_records

    fast = fast_records(text)  # the files as fangkong writes them, without tomllib or pydantic
    return fast if fast is not None else parse_records_checked(text, name)


def parse_records_checked(text: str, name: str) -> list[Record]:
    """`parse_records` through tomllib and pydantic, which say what is wrong and where."""
    raw = load_toml(text, name)
    version = raw.get("format")
    if isinstance(version, int) and not isinstance(version, bool) and version > RECORDS_FORMAT:
        raise FileProblems([Problem(name, 1, "records_newer", {"found": version, "known": RECORDS_FORMAT})])
    from pydantic import ValidationError

    from .schemas import RECORD_LIST, RecordsFileModel

    try:
        shell = RecordsFileModel.model_validate(raw)
    except ValidationError as exc:
        raise FileProblems(validation_problems(exc, name, lambda loc: 1)) from exc
    try:
        return [m.to_domain() for m in RECORD_LIST.validate_python(shell.record)]
    except ValidationError as exc:

        def line(loc: tuple[str | int, ...]) -> int | None:
            index = loc[1] if len(loc) > 1 and isinstance(loc[1], int) else 0
            return line_of_record(text, index, str(loc[2]) if len(loc) > 2 else None)

        raise FileProblems(validation_problems(exc, name, line, prefix=("record",))) from exc


def _refuse_odd(path: Path) -> None:
    """A records file is a regular file: a folder, a device or a symlink (dangling or not) in
    its place is a problem, both for reading and for writing."""
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise FileProblems([Problem(str(path), None, "records_not_file")])


def record_files(folder: Path) -> list[RecordFile]:
    """The records files of a campaign's records folder: the older shared month files first,
    then each writer's (writers by name, months in order). Every clone lists them alike."""
    if not folder.exists() and not folder.is_symlink():
        return []
    if folder.is_symlink() or not folder.is_dir():
        raise FileProblems([Problem(str(folder), None, "records_not_folder")])
    legacy: list[RecordFile] = []
    writers: list[RecordFile] = []
    odd: list[Problem] = []
    for entry in sorted(folder.iterdir()):
        if MONTH_FILE.match(entry.name):
            if entry.is_symlink() or not entry.is_file():
                odd.append(Problem(str(entry), None, "records_not_file"))
            else:
                legacy.append(RecordFile(entry, LEGACY, entry.stem))
        elif WRITER_NAME.match(entry.name) and entry.is_dir() and not entry.is_symlink():
            for path in sorted(entry.iterdir()):
                if not MONTH_FILE.match(path.name):
                    continue
                if path.is_symlink() or not path.is_file():
                    odd.append(Problem(str(path), None, "records_not_file"))
                else:
                    writers.append(RecordFile(path, entry.name, path.stem))
    if odd:
        raise FileProblems(odd)
    return legacy + writers


def _read_bytes(path: Path) -> bytes:
    return read_bounded(path, MAX_RECORDS_BYTES)


# Parsing TOML and validating every record is most of the cost of `status`: the validated
# records of each file are kept in the derived cache (cache.py), keyed by its bytes.

_Row = tuple[str, str, str, str, str, str, str, tuple[tuple[str, str, str | None], ...], str]


def _to_row(r: Record) -> _Row:
    return (
        r.measure,
        r.slot,
        r.status.value,
        r.by,
        r.at.isoformat(),
        r.note,
        r.reason,
        tuple((e.kind, e.value, e.sha256) for e in r.evidence),
        r.hash,
    )


def _from_row(row: _Row) -> Record:
    measure, slot, status, by, at, note, reason, evidence, digest = row
    return Record(
        measure,
        slot,
        Status(status),
        by,
        datetime.fromisoformat(at),
        note,
        reason,
        tuple(Evidence(k, v, h) for k, v, h in evidence),
        digest,
    )


def read_file(cache_root: Path | None, path: Path) -> list[Record]:
    """The records of one file (through the cache when it matches the file's bytes)."""
    raw = _read_bytes(path)
    key = cache.content_key(raw)
    name = cache.entry_name("records", path)
    rows = cache.read(cache_root, name, key)
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
    cache.write(cache_root, name, key, [_to_row(r) for r in records])
    return records


def load_records(folder: Path, cache_root: Path | None = None) -> list[Record]:
    """Every record of a campaign's records folder, in `record_files` order, file order kept."""
    out: list[Record] = []
    problems: list[Problem] = []
    for entry in record_files(folder):
        try:
            out.extend(read_file(cache_root, entry.path))
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


def chain_hash(previous: str, record: Record) -> str:
    """The hash that chains `record` to the writer's previous record: SHA-256 over the previous
    hash and the record's content (its JSON form, keys sorted, without the hash itself)."""
    content = record._replace(hash="").to_json_dict()
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(f"{previous}\n{canonical}".encode()).hexdigest()


def _writer_files(folder: Path, writer: str) -> list[RecordFile]:
    return [f for f in record_files(folder) if f.writer == writer]


def _clean_temporary(folder: Path) -> None:
    """Temporary files left by a write that was killed: the caller holds the lock, so no
    other writer is using them."""
    for path in folder.iterdir() if folder.is_dir() else ():
        if TEMP_FILE.match(path.name) and path.is_file() and not path.is_symlink():
            try:
                path.unlink()
            except OSError:
                pass


def append_records(
    folder: Path, records: Sequence[Record], tz: tzinfo, writer: str, cache_root: Path | None = None
) -> Path:
    """Append records to `writer`'s newest file (a new month starts a new file), each chained
    to the one before. The caller holds the workspace lock.

    The existing bytes are kept as they are; a damaged file is reported and never rewritten;
    nothing is written that would not read back as exactly the old records plus the new.
    """
    if not WRITER_NAME.match(writer):
        raise DataProblem("write_failed", path=str(folder / writer), reason="bad writer name")
    load_records(folder, cache_root)  # one rule: a folder `status` refuses is not written to
    own = _writer_files(folder, writer)
    month = month_name(max(r.at for r in records), tz)
    # The chain runs through the writer's files in month order: a clock set back never
    # appends to an older month than the newest one.
    target = own[-1] if own and own[-1].month >= month else RecordFile(folder / writer / f"{month}.toml", writer, month)
    _refuse_odd(target.path)
    old: list[Record] = []
    if own:
        previous = read_file(cache_root, own[-1].path)
        if target.path == own[-1].path:
            old = previous
        last_hash = previous[-1].hash if previous else ""
    else:
        last_hash = ""
    chained = []
    for record in records:
        last_hash = chain_hash(last_hash, record)
        chained.append(record._replace(hash=last_hash))
    new_bytes = _appended(target.path, old, chained)
    target.path.parent.mkdir(parents=True, exist_ok=True)
    _clean_temporary(target.path.parent)
    _clean_temporary(folder)
    atomic_write(target.path, new_bytes)
    # the next `status` need not parse this file again: it holds exactly old + chained
    cache.write(
        cache_root,
        cache.entry_name("records", target.path),
        cache.content_key(new_bytes),
        [_to_row(r) for r in [*old, *chained]],
    )
    return target.path


def _appended(path: Path, old: list[Record], new: list[Record]) -> bytes:
    """The file's bytes with `new` appended, in the file's own line endings and BOM."""
    raw = _read_bytes(path) if path.exists() else b""
    bom = raw.startswith(b"\xef\xbb\xbf")
    text, problem = decode_text(raw, str(path))
    if problem is not None:
        raise FileProblems([problem])
    assert text is not None
    eol = "\r\n" if "\r\n" in text else "\n"
    if not text:
        text = f"format = {RECORDS_FORMAT}{eol}"
    elif not text.endswith("\n"):
        text += eol
    block = "".join(eol + render_record(r).replace("\n", eol) for r in new)
    new_text = text + block
    # Never write what would not read back as exactly the old records plus the new ones.
    if parse_records(new_text, str(path)) != [*old, *new]:
        raise DataProblem("records_cannot_append", path=str(path))
    data = ("\ufeff" if bom else "").encode() + new_text.encode("utf-8")
    if len(data) > MAX_RECORDS_BYTES:
        raise DataProblem("records_file_full", path=str(path), limit=MAX_RECORDS_BYTES // 1024)
    return data
