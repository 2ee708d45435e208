"""Proof that records and findings were not rewritten: every writer's hash chains recomputed."""

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
    events: int = 0  # findings events whose chain holds
    events_unchained: int = 0  # findings events written before their chains


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
    events, events_unchained = _walk_findings(workspace.root, problems)
    if problems:
        raise FileProblems(problems)
    return ChainReport(chained, len(heads), unchained, tuple(heads), events, events_unchained)


def _walk_findings(root: Path, problems: list[Problem]) -> tuple[int, int]:
    """Every writer's findings events: (chained, unchained); a broken chain is added to `problems`."""
    from .findings_store import writer_files

    chained = unchained = 0
    for paths in writer_files(root).values():
        count, before, problem = _walk_events(paths)
        chained, unchained = chained + count, unchained + before
        if problem is not None:
            problems.append(problem)
    return chained, unchained


def _walk_events(paths: list[Path]) -> tuple[int, int, Problem | None]:
    """One writer's events in chain order: those before its first hash are counted as
    unchained; from there each must carry the hash its predecessor leads to."""
    from .findings_store import event_hash, read_events_file

    previous, chained, unchained = "", 0, 0
    for path in paths:
        for index, event in enumerate(read_events_file(path)):
            if not previous and not event.hash:
                unchained += 1
                continue
            expected = event_hash(previous, event)
            if event.hash != expected:
                key = "event_chain_missing" if not event.hash else "event_chain_broken"
                line = _event_line(path.read_text(encoding="utf-8-sig"), index)
                return chained, unchained, Problem(str(path), line, key, {"index": index + 1})
            previous = expected
            chained += 1
    return chained, unchained, None


def _event_line(text: str, index: int) -> int | None:
    lines = [n for n, line in enumerate(text.splitlines(), start=1) if line.strip() == "[[event]]"]
    return lines[index] if index < len(lines) else None


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
