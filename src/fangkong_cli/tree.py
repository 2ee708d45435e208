"""The union tree: 省 → 市州 → 县区 → 基层, with 产业工会 and 直属工会 beside the cities.

A tree is read from units.toml (units_file.py), made flat from an --expect list, or carried
inside a roll-up; roll-ups of roll-ups graft the trees they carry onto the province's own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property

DEFAULT_TIMELY_DAYS = 5


@dataclass(frozen=True)
class TreeUnit:
    """A union in the tree; `reports` False for a node that only collects (the province itself)."""

    id: str
    name: str
    parent: str | None = None
    joined: date | None = None
    left: date | None = None
    reports: bool = True

    def member_during(self, first: date, last: date) -> bool:
        """A member on some day of [first, last]: then one report is expected for it."""
        return (self.joined is None or self.joined <= last) and (self.left is None or self.left >= first)


@dataclass(frozen=True)
class Graft:
    """A unit that two inputs place differently; the first placement is kept."""

    unit: str
    kept_parent: str | None
    kept_from: str
    other_parent: str | None
    other_from: str


@dataclass(frozen=True)
class Tree:
    units: Mapping[str, TreeUnit]  # every parent named is a unit of the tree; no cycles
    source: str = ""
    timely_days: int | None = None
    timely_by_checklist: Mapping[str, int] = field(default_factory=dict)
    flat: bool = False  # a plain list of expected units (--expect), not a hierarchy
    issuer: str | None = None  # who signs the circular (通报)
    addressees: str | None = None  # to whom it is addressed (主送), e.g. 各市（州）总工会

    @cached_property
    def children(self) -> dict[str | None, tuple[str, ...]]:
        out: dict[str | None, list[str]] = {}
        for unit in self.units.values():
            out.setdefault(unit.parent, []).append(unit.id)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def order(self) -> tuple[str, ...]:
        """Every unit, parents before children, siblings in the order they were listed."""
        out: list[str] = []
        stack = list(reversed(self.children.get(None, ())))
        while stack:
            uid = stack.pop()
            out.append(uid)
            stack.extend(reversed(self.children.get(uid, ())))
        return tuple(out)

    @cached_property
    def depth(self) -> dict[str, int]:
        """1 for a root, 2 for its children, …"""
        out: dict[str, int] = {}
        for uid in self.order:
            parent = self.units[uid].parent
            out[uid] = 1 if parent is None else out[parent] + 1
        return out

    def ancestors(self, uid: str) -> list[str]:
        """The unit itself, its parent, …, up to its root."""
        chain = []
        current: str | None = uid
        while current is not None:
            chain.append(current)
            current = self.units[current].parent
        return chain

    def subtree(self, uid: str) -> Tree:
        """`uid` and everything below it, `uid` as the root."""
        keep = {uid}
        for other in self.order:
            parent = self.units[other].parent
            if parent in keep:
                keep.add(other)
        units = {k: self.units[k] for k in self.order if k in keep}
        units[uid] = replace(units[uid], parent=None)
        return replace(self, units=units)

    def name_of(self, uid: str) -> str | None:
        unit = self.units.get(uid)
        return unit.name if unit is not None else None

    def timely_for(self, checklist: str) -> int | None:
        return self.timely_by_checklist.get(checklist, self.timely_days)


def flat_tree(units: Iterable[tuple[str, str]], source: str) -> Tree:
    """An --expect list as a tree: every unit a root, expected in every period."""
    return Tree({uid: TreeUnit(uid, name or uid) for uid, name in units}, source, flat=True)


def find_cycle(parents: Mapping[str, str | None]) -> list[str] | None:
    """A chain of units that lead back to themselves through `parent`, or None."""
    state: dict[str, int] = {}  # 1 being followed, 2 known to reach a root
    for start in parents:
        chain: list[str] = []
        current: str | None = start
        while current is not None and current in parents and state.get(current) is None:
            state[current] = 1
            chain.append(current)
            current = parents[current]
        if current is not None and state.get(current) == 1:
            return chain[chain.index(current) :] + [current]
        for uid in chain:
            state[uid] = 2
    return None


def graft(base: Tree | None, carried: Iterable[Tree]) -> tuple[Tree | None, tuple[Graft, ...]]:
    """The province's tree with the trees carried by roll-ups added below it.

    A unit the base tree (or an earlier roll-up) already places keeps that place; a unit
    placed differently by a later roll-up is reported once. Parents unknown to the result
    make their children roots.
    """
    carried = list(carried)
    if not carried:
        return base, ()
    units: dict[str, TreeUnit] = dict(base.units) if base is not None else {}
    origin = dict.fromkeys(units, base.source if base is not None else "")
    conflicts: list[Graft] = []
    for tree in carried:
        for unit in tree.units.values():
            held = units.get(unit.id)
            if held is None:
                units[unit.id] = unit
                origin[unit.id] = tree.source
            elif held.parent != unit.parent and unit.parent is not None and not tree.flat:
                # (a lower roll-up's own root has no parent there: no disagreement with ours)
                conflicts.append(Graft(unit.id, held.parent, origin[unit.id], unit.parent, tree.source))
    units = {uid: u if u.parent is None or u.parent in units else replace(u, parent=None) for uid, u in units.items()}
    while (cycle := find_cycle({uid: u.parent for uid, u in units.items()})) is not None:
        # roll-ups that each place the other's unit above their own: cut the loop there
        units[cycle[0]] = replace(units[cycle[0]], parent=None)
    template = base if base is not None else carried[0]
    flat = all(t.flat for t in carried) and (base is None or base.flat)
    return replace(template, units=units, flat=flat), tuple(conflicts)
