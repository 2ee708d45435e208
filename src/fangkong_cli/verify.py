"""Proof that records were not rewritten: every writer's hash chain recomputed."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from .errors import FileProblems, Problem
from .records import LEGACY, chain_hash, line_of_record, read_file, record_files
from .workspace import Workspace


class ChainReport(NamedTuple):
    chained: int  # records whose chain holds
    writers: int  # writer chains walked
    unchained: int  # records from before chains (the older shared month files): no proof
    heads: tuple[tuple[str, str, int, str], ...]  # (campaign, writer, count, last hash)


def verify_workspace(workspace: Workspace) -> ChainReport:
    """Walk every writer's files of every campaign; raise FileProblems naming the file and
    line of the first record of a chain that does not hold (edited, removed or reordered)."""
    chained = unchained = 0
    heads = []
    problems: list[Problem] = []
    for view in workspace.views():
        by_writer: dict[str, list[Path]] = {}
        for entry in record_files(view.records_dir):
            by_writer.setdefault(entry.writer, []).append(entry.path)
        for writer, paths in sorted(by_writer.items()):
            if writer == LEGACY:
                unchained += sum(len(read_file(workspace.root, p)) for p in paths)
                continue
            count, last, broken = _walk(workspace.root, paths)
            if broken is not None:
                problems.append(broken)
                continue
            chained += count
            heads.append((view.campaign_id, writer, count, last))
    if problems:
        raise FileProblems(problems)
    return ChainReport(chained, len(heads), unchained, tuple(heads))


def _walk(cache_root: Path, paths: list[Path]) -> tuple[int, str, Problem | None]:
    previous = ""
    count = 0
    for path in paths:
        for index, record in enumerate(read_file(cache_root, path)):
            expected = chain_hash(previous, record)
            if record.hash != expected:
                text = path.read_text(encoding="utf-8-sig")
                key = "chain_missing" if not record.hash else "chain_broken"
                return count, previous, Problem(str(path), line_of_record(text, index, None), key, {"index": index + 1})
            previous = expected
            count += 1
    return count, previous, None
