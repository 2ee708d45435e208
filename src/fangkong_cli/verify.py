"""Proof that records and findings were not rewritten: every writer's hash chains recomputed,
and, against a report, that every chain still runs through the head the report wrote down."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from .errors import FileProblems, Problem
from .provenance import ChainHead
from .records import LEGACY, chain_hash, line_of_record, read_file, record_files
from .workspace import Workspace

Key = tuple[str, str, str]  # kind, campaign, writer


class ChainReport(NamedTuple):
    chained: int  # records whose chain holds
    writers: int  # writer chains walked
    unchained: int  # records from before chains (the older shared month files): no proof
    events: int = 0  # findings events whose chain holds
    events_unchained: int = 0  # findings events written before their chains
    compared: int = 0  # chain heads of a report found again


def verify_workspace(workspace: Workspace, against: Sequence[ChainHead] = (), report: str = "") -> ChainReport:
    """Walk every writer's files of every campaign and every writer's findings events; raise
    FileProblems naming the file and line of the first entry of a chain that does not hold
    (edited, removed or reordered), or, with `against` (the chain heads `report` recorded),
    each chain that no longer runs through the head the report wrote down."""
    chained = unchained = 0
    problems: list[Problem] = []
    chains: dict[Key, list[str]] = {}
    for view in workspace.views():
        by_writer: dict[str, list[Path]] = {}
        for entry in record_files(view.records_dir):
            by_writer.setdefault(entry.writer, []).append(entry.path)
        for writer, paths in sorted(by_writer.items()):
            if writer == LEGACY:
                unchained += sum(len(read_file(workspace.root, p)) for p in paths)
                continue
            hashes, broken = _walk(workspace.root, paths)
            if broken is not None:
                problems.append(broken)
                continue
            chained += len(hashes)
            chains[("records", view.campaign_id, writer)] = hashes
    events, events_unchained = _walk_findings(workspace.root, problems, chains)
    if not problems:
        problems = [p for head in against if (p := _compare(head, chains.get(head[:3]), report)) is not None]
    if problems:
        raise FileProblems(problems)
    writers = sum(1 for kind, _, _ in chains if kind == "records")
    return ChainReport(chained, writers, unchained, events, events_unchained, len(against))


def _compare(head: ChainHead, hashes: list[str] | None, report: str) -> Problem | None:
    """A chain head from a report against the chain now: as long at least, and through it."""
    now = len(hashes or ())
    params = {"writer": head.writer, "then": head.entries, "now": now}
    if now < head.entries:
        return Problem(report, None, f"verify_shorter.{head.kind}", params)
    if head.entries and hashes is not None and hashes[head.entries - 1] != head.last_hash:
        return Problem(report, None, f"verify_changed.{head.kind}", params)
    return None


def _walk(cache_root: Path, paths: list[Path]) -> tuple[list[str], Problem | None]:
    """One writer's records in chain order: the hash of each, or the first that breaks."""
    hashes: list[str] = []
    previous = ""
    for path in paths:
        for index, record in enumerate(read_file(cache_root, path)):
            expected = chain_hash(previous, record)
            if record.hash != expected:
                text = path.read_text(encoding="utf-8-sig")
                key = "chain_missing" if not record.hash else "chain_broken"
                return hashes, Problem(str(path), line_of_record(text, index, None), key, {"index": index + 1})
            previous = expected
            hashes.append(expected)
    return hashes, None


def _walk_findings(root: Path, problems: list[Problem], chains: dict[Key, list[str]]) -> tuple[int, int]:
    """Every writer's findings events: (chained, unchained); a broken chain is added to
    `problems`, a whole one to `chains` (its entries before chains as "")."""
    from .findings_store import writer_files

    chained = unchained = 0
    for writer, paths in writer_files(root).items():
        hashes, before, problem = _walk_events(paths)
        chained, unchained = chained + len(hashes) - before, unchained + before
        if problem is not None:
            problems.append(problem)
        else:
            chains[("findings", "", writer)] = hashes
    return chained, unchained


def _walk_events(paths: list[Path]) -> tuple[list[str], int, Problem | None]:
    """One writer's events in chain order: those before its first hash are counted as
    unchained; from there each must carry the hash its predecessor leads to."""
    from .findings_store import event_hash, read_events_file

    hashes: list[str] = []
    previous, unchained = "", 0
    for path in paths:
        for index, event in enumerate(read_events_file(path)):
            if not previous and not event.hash:
                unchained += 1
                hashes.append("")
                continue
            expected = event_hash(previous, event)
            if event.hash != expected:
                key = "event_chain_missing" if not event.hash else "event_chain_broken"
                line = _event_line(path.read_text(encoding="utf-8-sig"), index)
                return hashes, unchained, Problem(str(path), line, key, {"index": index + 1})
            previous = expected
            hashes.append(expected)
    return hashes, unchained, None


def _event_line(text: str, index: int) -> int | None:
    lines = [n for n, line in enumerate(text.splitlines(), start=1) if line.strip() == "[[event]]"]
    return lines[index] if index < len(lines) else None


def heads_of_report(text: str, name: str) -> tuple[ChainHead, ...]:
    """The chain heads a JSON report wrote down; FileProblems when it is not such a report,
    or was written before reports recorded them."""
    import json
    import re

    from .report import REPORT_KIND

    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise FileProblems([Problem(name, getattr(exc, "lineno", None), "verify_not_report")]) from exc
    if not isinstance(data, dict) or data.get("kind") != REPORT_KIND:
        raise FileProblems([Problem(name, None, "verify_not_report")])
    source = data.get("source")
    chains = source.get("chains") if isinstance(source, dict) else None
    if not isinstance(chains, list):
        raise FileProblems([Problem(name, None, "verify_no_heads")])
    heads = []
    for number, item in enumerate(chains, start=1):
        ok = isinstance(item, dict) and item.get("kind") in ("records", "findings")
        ok = ok and all(isinstance(item.get(k), str) for k in ("campaign", "writer", "last_hash"))
        entries = item.get("entries") if isinstance(item, dict) else None
        ok = ok and isinstance(entries, int) and not isinstance(entries, bool) and entries >= 0
        ok = ok and re.fullmatch(r"(?:[0-9a-f]{64})?", item["last_hash"]) is not None
        if not ok or not isinstance(entries, int):
            raise FileProblems([Problem(name, None, "verify_bad_head", {"index": number})])
        heads.append(ChainHead(item["kind"], item["campaign"], item["writer"], entries, item["last_hash"]))
    return tuple(heads)
