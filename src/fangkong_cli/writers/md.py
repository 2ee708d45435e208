"""Markdown: readable as plain text and in any Markdown viewer; user text is escaped."""

from __future__ import annotations

import re

from ..aggregate import Rollup
from ..messages import Lang, t
from ..report import Report, SectionPart
from . import labels as tx
from . import tables as tb

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
# What starts a block only at the start of a line: a heading, list item, quote or underline.
_LEADING = re.compile(r"^(?:[#+\-]+(?=\s|$)|>|=+\s*$)")
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


def esc(value: str) -> str:
    """Text shown literally: markup characters backslash-escaped, kept on one line."""
    escaped = _SPECIAL.sub(r"\\\1", tx.one_line(value))
    escaped = _LEADING.sub(lambda m: "\\" + m.group(0), escaped)
    return _ORDERED.sub(r"\1\\\2", escaped)


def _cell(text: str) -> str:
    """A cell escaped; ideographic spaces leading it (a level's indentation) are kept."""
    lead = len(text) - len(text.lstrip("\u3000"))
    return "\u3000" * lead + esc(text) if text else " "


def table(tab: tb.Table) -> list[str]:
    """A pipe table; cells are escaped here, figures right-aligned."""
    align = ["---:" if i in tab.numeric else "---" for i in range(len(tab.headers))]
    out = ["| " + " | ".join(esc(h) for h in tab.headers) + " |", "| " + " | ".join(align) + " |"]
    for row in tab.rows:
        out.append("| " + " | ".join(_cell(str(c)) for c in row) + " |")
    return out


def _section(lang: Lang, section: SectionPart) -> list[str]:
    out = [f"## {esc(tx.section_name(section.number, section.title))}", ""]
    out.append(esc(tx.section_line(lang, section.figures)))
    out.append("")
    out += table(tb.measure_table(lang, section))
    out += ["", f"### {esc(t(lang, 'rep.overdue_slots'))}", ""]
    overdue = tb.overdue_lines(lang, section)
    if overdue:
        out += [f"- {esc(mid)} {esc(title)}{tx.colon(lang)}{esc(slots)}" for mid, title, slots in overdue]
    else:
        out.append(esc(t(lang, "rep.no_overdue")))
    out += ["", f"### {esc(t(lang, 'rep.notes'))}", ""]
    remarks = tb.remark_table(lang, section.measures)
    out += table(remarks) if remarks else [esc(t(lang, "rep.no_notes"))]
    out.append("")
    return out


def write_report(report: Report, lang: Lang) -> bytes:
    out = [f"# {esc(tx.title(lang, report.notice_title, report.checklist))}", ""]
    out += [f"- {esc(label)}{tx.colon(lang)}{esc(value)}" for label, value in tx.head_lines(lang, report)]
    out += [
        "",
        f"## {esc(t(lang, 'rep.summary'))}",
        "",
        *table(tb.summary_table(lang, report)),
        "",
        esc(t(lang, "rep.explain")),
        "",
    ]
    if report.calendar_fallback:
        out += [esc(t(lang, "rep.calendar", years="、".join(map(str, report.calendar_fallback)))), ""]
    for section in report.sections:
        out += _section(lang, section)
    out += [f"## {esc(t(lang, 'rep.na'))}", ""]
    na = tb.na_table(lang, report)
    out += [*(table(na) if na else [esc(t(lang, "rep.no_na"))]), ""]
    out += _ledger(lang, report)
    out += [f"## {esc(t(lang, 'rep.signoff'))}", ""]
    for label, value in tx.signoff_lines(lang, report):
        out.append(f"- {esc(label)}{tx.colon(lang)}{esc(value) if value else '__________'}")
    return ("\n".join(out).rstrip("\n") + "\n").encode("utf-8")


def write_rollup(rollup: Rollup, lang: Lang) -> bytes:
    out = [f"# {esc(tx.rollup_title(lang, rollup.notice_title, rollup.checklist))}", ""]
    out += [esc(tx.totals_line(lang, rollup)), ""]
    out += [esc(tx.completeness_line(lang, rollup.completeness, rollup.timely_days)), ""]
    nodes = tb.nodes_table(lang, rollup)
    if nodes is not None:
        out += [f"## {esc(t(lang, 'agg.nodes'))}", "", *table(nodes), ""]
    out += [f"## {esc(t(lang, 'agg.units'))}", ""]
    out += table(tb.rollup_table(lang, rollup))
    out += ["", esc(f"{t(lang, 'agg.sections_legend')}{tx.colon(lang)}{tb.rollup_legend(rollup)}")]
    out += _listings(tx.rollup_listings(lang, rollup))
    out += ["", f"## {esc(t(lang, 'agg.top', count=len(rollup.top)))}", ""]
    top = tb.top_table(lang, rollup)
    out += table(top) if top else [esc(t(lang, "agg.top_none"))]
    findings = tx.findings_listing(lang, rollup)
    out += _listings([findings] if findings else [])
    return ("\n".join(out).rstrip("\n") + "\n").encode("utf-8")


def _listings(listings: list[tx.Listing]) -> list[str]:
    """Each list under its heading, one item a line; a lone sentence as a paragraph."""
    out = []
    for listing in listings:
        out += ["", f"## {esc(listing.heading)}", ""] if listing.heading else [""]
        if not listing.lines:
            out.append(esc(listing.empty))
        elif listing.heading:
            out += [f"- {esc(line)}" for line in listing.lines]
        else:
            out += [esc(line) for line in listing.lines]
    return out


def _ledger(lang: Lang, report: Report) -> list[str]:
    """The 整改台账 of the period (rows from ledger.py)."""
    from . import rectification as ledger

    out = [f"## {esc(ledger.title(lang))}", "", esc(ledger.summary(lang, report.findings)), ""]
    tab = ledger.table(lang, report.findings)
    if tab is not None:
        out += [*table(tab), ""]
    return out
