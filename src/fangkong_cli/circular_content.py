"""What the 通报 (circular) on a roll-up says, as plain blocks; writers/circular.py lays them out.

Totals and rates, every node's reporting, the units that did not report or reported late by
name (grouped under the node they belong to), and the measures most often overdue, overall
and by node.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .aggregate import Rollup
from .completeness import NODE_KEYS, NodeRollup, TopMeasure, node_cells
from .messages import Lang, percent, t
from .report import Period

CN_NUMBERS = "一二三四五六七八九十"
DEFAULT_LEVEL = 2  # the circular lists the top two levels unless --level says otherwise


@dataclass(frozen=True)
class Block:
    kind: str  # issuer, title, to, h1, h2, p, table, signature, date
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()  # a table: the header row first


def cn_number(n: int) -> str:
    if n <= 10:
        return CN_NUMBERS[n - 1]
    return ("" if n < 20 else CN_NUMBERS[n // 10 - 1]) + "十" + (CN_NUMBERS[n % 10 - 1] if n % 10 else "")


def day_words(lang: Lang, day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else day.isoformat()


def period_words(lang: Lang, period: Period) -> str:
    """2021年1月, 2021年第5周, 2021年1月1日至2021年1月15日."""
    if lang != "zh":
        return period.label
    if re.fullmatch(r"\d{4}-\d{2}", period.label):
        return f"{period.first.year}年{period.first.month}月"
    week = re.fullmatch(r"(\d{4})-W(\d{2})", period.label)
    if week:
        return f"{week.group(1)}年第{int(week.group(2))}周"
    return f"{day_words(lang, period.first)}至{day_words(lang, period.last)}"


def _names(rollup: Rollup, ids: Sequence[str]) -> str:
    return "、".join(rollup.name_of(i) for i in ids)  # an enumeration comma reads well in English lists too


def _item(lang: Lang, n: int) -> str:
    return f"（{cn_number(n)}）" if lang == "zh" else f"({n}) "


def _colon(lang: Lang) -> str:
    return "：" if lang == "zh" else ": "


def _stop(lang: Lang) -> str:
    return "。" if lang == "zh" else "."


def _groups(lang: Lang, rollup: Rollup, pick: str) -> list[tuple[str, list[str]]]:
    """Units in the `pick` list (missing or late) under each node of the second level."""
    tree = rollup.tree
    listed: list[str] = list(getattr(rollup, pick))
    if tree is None or tree.flat or not listed:
        return [("", listed)] if listed else []
    roots = tree.children.get(None, ())
    heads = [c for r in roots for c in tree.children.get(r, ())] if len(roots) == 1 else list(roots)
    out: list[tuple[str, list[str]]] = []
    placed: set[str] = set()
    nodes = {n.id: n for n in rollup.nodes}
    for head in heads:
        under = [u for u in getattr(nodes[head], pick) if u in listed]
        if under:
            out.append((tree.units[head].name, under))
            placed.update(under)
    rest = [u for u in listed if u not in placed]
    if rest:
        out.append((t(lang, "circ.other_group"), rest))
    return out


def _who(lang: Lang, rollup: Rollup, pick: str, none_key: str) -> list[Block]:
    groups = _groups(lang, rollup, pick)
    if not groups and pick == "missing" and not rollup.completeness.known:
        return [Block("p", t(lang, "agg.no_expect"))]  # nobody is known to be missing without a list
    if not groups:
        return [Block("p", t(lang, none_key))]
    if len(groups) == 1 and not groups[0][0]:
        return [Block("p", _names(rollup, groups[0][1]) + _stop(lang))]
    return [
        Block(
            "p",
            f"{_item(lang, i)}{name}{t(lang, 'circ.group_count', count=len(ids))}{_colon(lang)}{_names(rollup, ids)}{_stop(lang)}",
        )
        for i, (name, ids) in enumerate(groups, start=1)
    ]


def _node_table(lang: Lang, nodes: Sequence[NodeRollup]) -> Block:
    rows = [tuple(t(lang, k) for k in NODE_KEYS)]
    for n in nodes:
        name, expected, reported, on_time, rate, on_time_rate, coverage, overdue = node_cells(n)
        figures = (expected, reported, on_time)
        rows.append((name, *map(str, figures), percent(rate), percent(on_time_rate), percent(coverage), str(overdue)))
    return Block("table", rows=tuple(rows))


def _measure_line(lang: Lang, m: TopMeasure) -> str:
    return t(lang, "circ.measure", id=m.id, title=m.title, units=m.units, slots=m.slots)


def _measures(lang: Lang, rollup: Rollup, level: int) -> list[Block]:
    if not rollup.top:
        return [Block("p", t(lang, "agg.top_none"))]
    out = [Block("p", f"{i}. {_measure_line(lang, m)}") for i, m in enumerate(rollup.top, start=1)]
    by_node = (
        [n for n in rollup.nodes if 1 < n.depth <= level and n.top] if rollup.tree and not rollup.tree.flat else []
    )
    if by_node:
        out.append(Block("p", t(lang, "circ.by_node")))
        out += [
            Block(
                "p",
                f"{_item(lang, i)}{n.name}{_colon(lang)}"
                + ("；" if lang == "zh" else "; ").join(_measure_line(lang, m) for m in n.top)
                + _stop(lang),
            )
            for i, n in enumerate(by_node, start=1)
        ]
    return out


def circular_blocks(rollup: Rollup, lang: Lang) -> list[Block]:
    """The 通报 as blocks: heading, opening, the figures, by node, who is missing or late, the
    measures most often overdue, what is asked, the signature."""
    level = rollup.level or DEFAULT_LEVEL
    tree = rollup.tree
    issuer = (
        (tree.issuer if tree is not None and tree.issuer else None) or rollup.issuer or t(lang, "circ.issuer_blank")
    )
    period = period_words(lang, rollup.period)
    notice = rollup.notice_title or rollup.checklist
    as_of = max((e.as_of for e in rollup.entries), default=rollup.period.last)
    to = (tree.addressees if tree is not None and tree.addressees else None) or t(lang, "circ.to_default")
    doc = ""
    if rollup.doc_number:
        doc = f"（{rollup.doc_number}）" if lang == "zh" else f"({rollup.doc_number})"
    blocks = [
        Block("issuer", issuer),
        Block("title", t(lang, "circ.title", period=period, notice=notice)),
        Block("to", to + ("：" if lang == "zh" else ":")),
        Block("p", t(lang, "circ.opening", notice=notice, doc=doc, period=period)),
        Block("h1", t(lang, "circ.h.overall")),
        *_overall(rollup, lang, as_of),
    ]
    shown = [n for n in rollup.nodes if n.depth <= level]
    if shown:
        blocks += [Block("h1", t(lang, "circ.h.nodes")), _node_table(lang, shown)]
    blocks += [Block("h1", t(lang, "circ.h.missing")), *_who(lang, rollup, "missing", "agg.missing_none")]
    blocks += [
        Block("h1", t(lang, "circ.h.late", days=rollup.timely_days)),
        *_who(lang, rollup, "late", "agg.late_none"),
    ]
    blocks += [Block("h1", t(lang, "circ.h.measures")), *_measures(lang, rollup, level)]
    blocks += [Block("h1", t(lang, "circ.h.asks")), Block("p", t(lang, "circ.asks"))]
    blocks += [Block("signature", issuer), Block("date", day_words(lang, as_of))]
    return _numbered(blocks, lang)


def _overall(rollup: Rollup, lang: Lang, as_of: date) -> list[Block]:
    """Who reported (when the list of units is known) and how the work stands."""
    c, f = rollup.completeness, rollup.figures
    if c.known:
        rates = {"rate": percent(c.reporting_rate), "on_time_rate": percent(c.on_time_rate)}
        counts = {"expected": c.expected, "missing": c.missing, "late": c.late, **rates}
        reporting = t(
            lang,
            "circ.reporting",
            as_of=day_words(lang, as_of),
            reported=c.reported,
            on_time=c.on_time,
            days=rollup.timely_days,
            **counts,
        )
    else:
        reporting = t(
            lang,
            "circ.reporting_unknown",
            as_of=day_words(lang, as_of),
            reported=c.reported,
            on_time=c.on_time,
            days=rollup.timely_days,
        )
    work = t(
        lang, "circ.work", due=f.due, answered=f.answered, coverage=percent(f.coverage),
        done=f.done, partial=f.partial, not_done=f.not_done, overdue=f.overdue,
    )  # fmt: skip
    return [Block("p", reporting), Block("p", work)]


def _numbered(blocks: list[Block], lang: Lang) -> list[Block]:
    """一、二、… before the level-one headings (1. 2. … in English)."""
    out, n = [], 0
    for b in blocks:
        if b.kind == "h1":
            n += 1
            b = Block("h1", (f"{cn_number(n)}、" if lang == "zh" else f"{n}. ") + b.text)
        out.append(b)
    return out
