"""HTML: one self-contained, printable (A4) file; inline CSS and SVG, no script, no network."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from .. import __version__
from .. import cn_dates as cn
from ..aggregate import Rollup
from ..messages import Lang, t
from ..report import Bar, Report, SectionPart
from . import labels as tx
from . import tables as tb

CSS = """
@page { size: A4; margin: 16mm 14mm 16mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif;
  font-size: 11pt; line-height: 1.5; color: #111; margin: 0 auto; padding: 6mm 3vw; }
h1, h2, h3 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; font-weight: bold; }
h1 { font-size: 17pt; text-align: center; margin: 0 0 4mm; }
h2 { font-size: 13.5pt; margin: 7mm 0 2mm; border-bottom: 1px solid #999; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 4mm 0 1mm; break-after: avoid; }
dl.head { display: grid; grid-template-columns: max-content 1fr; gap: 0 4mm; margin: 0 0 4mm; }
dl.head dt { font-weight: bold; white-space: nowrap; } dl.head dd { margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; margin: 2mm 0 3mm; }
thead { display: table-header-group; }
th, td { border: 1px solid #666; padding: 1mm 1.2mm; vertical-align: top; text-align: left; overflow-wrap: break-word; }
th { background: #e8edf3; font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-weight: normal;
  word-break: keep-all; vertical-align: bottom; }
td.k { white-space: nowrap; }
td.n, th.n { text-align: right; white-space: nowrap; }
th.n { white-space: normal; }
tr { break-inside: avoid; }
tr.total td { font-weight: bold; }
p.explain, p.figures { font-size: 9.5pt; color: #333; }
ul.overdue { margin: 0 0 2mm; padding-left: 6mm; font-size: 10pt; }
ul.overdue b { font-weight: normal; white-space: nowrap; }
figure { margin: 2mm 0; break-inside: avoid; }
figcaption { font-size: 9.5pt; color: #333; }
svg { display: block; width: 100%; max-width: 180mm; height: auto; }
.sign { display: grid; grid-template-columns: 1fr 1fr; gap: 3mm 10mm; margin-top: 4mm; }
.sign span.fill { display: inline-block; min-width: 40mm; border-bottom: 1px solid #000; }
@media print { body { padding: 0; font-size: 10.5pt; } table { font-size: 9pt; } }
"""


def e(value: object) -> str:
    return escape(str(value), quote=True)


def heading(text: str) -> str:
    """A column heading that may break between its words only (keep-all plus <wbr>)."""
    return "<wbr>".join(e(piece) for piece in tb.header_pieces(text))


def table(tab: tb.Table) -> str:
    def css(i: int) -> str:
        if i in tab.numeric:
            return ' class="n"'
        return ' class="k"' if i in tab.keep else ""

    head = "".join(f"<th{css(i) if i in tab.numeric else ''}>{heading(h)}</th>" for i, h in enumerate(tab.headers))
    body = []
    for r, row in enumerate(tab.rows):
        total = ' class="total"' if tab.total and r == len(tab.rows) - 1 else ""
        body.append(f"<tr{total}>" + "".join(f"<td{css(i)}>{e(v)}</td>" for i, v in enumerate(row)) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def bar_label(lang: Lang, bar: Bar) -> str:
    return cn.cn_bar(bar.label, bar.start, bar.end) if lang == "zh" else bar.label


def chart(lang: Lang, bars: Sequence[Bar]) -> str:
    """Bars per day, week or month: the slots due (light) and answered (dark)."""
    if not bars or not any(b.due for b in bars):
        return ""
    width, height, base, top, font = 680, 150, 122, 16, 13
    step = width / len(bars)
    most = max(b.due for b in bars)
    parts = [
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{e(t(lang, "rep.chart"))}" '
        f'font-family="Noto Sans CJK SC, SimHei, sans-serif">',
        f'<line x1="0" y1="{base}" x2="{width}" y2="{base}" stroke="#666" stroke-width="1"/>',
        f'<text x="2" y="{top - 3}" font-size="{font}" fill="#333">{most}</text>',
    ]
    for i, b in enumerate(bars):
        x = i * step + step * 0.15
        w = step * 0.7
        due_h = (base - top) * b.due / most
        done_h = (base - top) * b.answered / most
        label = t(lang, "rep.chart_label", label=bar_label(lang, b), due=b.due, answered=b.answered)
        parts.append(f"<g><title>{e(label)}</title>")
        parts.append(f'<rect x="{x:.1f}" y="{base - due_h:.1f}" width="{w:.1f}" height="{due_h:.1f}" fill="#c9d3df"/>')
        if b.answered:
            parts.append(
                f'<rect x="{x:.1f}" y="{base - done_h:.1f}" width="{w:.1f}" height="{done_h:.1f}" fill="#2f6b45"/>'
            )
        parts.append("</g>")
    labels = [bar_label(lang, b) for b in bars]
    room = max(len(label) for label in labels) * font + 8  # CJK glyphs are about one font size wide
    every = max(1, -(-room // int(step)) if step >= 1 else len(bars))
    for i, label in enumerate(labels):
        if i % every == 0:
            x = min(max(i * step + step / 2, room / 2), width - room / 2)
            parts.append(
                f'<text x="{x:.1f}" y="{base + font + 4}" font-size="{font}" text-anchor="middle" fill="#333">{e(label)}</text>'
            )
    parts.append("</svg>")
    return f"<figure>{''.join(parts)}<figcaption>{e(t(lang, 'rep.chart'))}</figcaption></figure>"


def _section(lang: Lang, s: SectionPart) -> str:
    out = [f'<section class="part"><h2>{e(tx.section_name(s.number, s.title))}</h2>']
    out.append(f'<p class="figures">{e(tx.section_line(lang, s.figures))}</p>')
    out.append(chart(lang, s.bars))
    out.append(table(tb.measure_table(lang, s)))
    out.append(f"<h3>{e(t(lang, 'rep.overdue_slots'))}</h3>")
    overdue = tb.overdue_lines(lang, s)
    if overdue:
        items = "".join(
            f"<li><b>{e(mid)}</b> {e(title)}{e(tx.colon(lang))}{e(slots)}</li>" for mid, title, slots in overdue
        )
        out.append(f'<ul class="overdue">{items}</ul>')
    else:
        out.append(f"<p>{e(t(lang, 'rep.no_overdue'))}</p>")
    out.append(f"<h3>{e(t(lang, 'rep.notes'))}</h3>")
    remarks = tb.remark_table(lang, s.measures)
    out.append(table(remarks) if remarks else f"<p>{e(t(lang, 'rep.no_notes'))}</p>")
    out.append("</section>")
    return "".join(out)


def page(lang: Lang, title: str, body: Sequence[str]) -> bytes:
    html_lang = "zh-CN" if lang == "zh" else "en"
    head = (
        f'<!DOCTYPE html>\n<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="fangkong {__version__}">\n'
        f"<title>{e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
    )
    return (head + "\n".join(body) + "\n</body>\n</html>\n").encode("utf-8")


def write_report(report: Report, lang: Lang) -> bytes:
    title = tx.title(lang, report.notice_title, report.checklist)
    body = [f"<h1>{e(title)}</h1>"]
    body.append(
        '<dl class="head">'
        + "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in tx.head_lines(lang, report))
        + "</dl>"
    )
    body.append(f"<h2>{e(t(lang, 'rep.summary'))}</h2>")
    body.append(table(tb.summary_table(lang, report)))
    body.append(f'<p class="explain">{e(t(lang, "rep.explain"))}</p>')
    if report.calendar_fallback:
        body.append(
            f'<p class="explain">{e(t(lang, "rep.calendar", years="、".join(map(str, report.calendar_fallback))))}</p>'
        )
    body += [_section(lang, s) for s in report.sections]
    body.append(f"<h2>{e(t(lang, 'rep.na'))}</h2>")
    na = tb.na_table(lang, report)
    body.append(table(na) if na else f"<p>{e(t(lang, 'rep.no_na'))}</p>")
    body += _ledger(lang, report)
    body.append(f"<h2>{e(t(lang, 'rep.signoff'))}</h2>")
    sign = "".join(
        f'<div>{e(k)}{e(tx.colon(lang))}<span class="fill">{e(v) if v else "&nbsp;"}</span></div>'
        for k, v in tx.signoff_lines(lang, report)
    )
    body.append(f'<div class="sign">{sign}</div>')
    return page(lang, title, body)


def write_rollup(rollup: Rollup, lang: Lang) -> bytes:
    title = tx.rollup_title(lang, rollup.notice_title, rollup.checklist)
    body = [f"<h1>{e(title)}</h1>", f'<p class="figures">{e(tx.totals_line(lang, rollup))}</p>']
    body.append(f'<p class="figures">{e(tx.completeness_line(lang, rollup.completeness, rollup.timely_days))}</p>')
    nodes = tb.nodes_table(lang, rollup)
    if nodes is not None:
        body += [f"<h2>{e(t(lang, 'agg.nodes'))}</h2>", table(nodes)]
    body.append(f"<h2>{e(t(lang, 'agg.units'))}</h2>")
    body.append(table(tb.rollup_table(lang, rollup)))
    body.append(
        f'<p class="explain">{e(t(lang, "agg.sections_legend"))}{e(tx.colon(lang))}{e(tb.rollup_legend(rollup))}</p>'
    )
    body += _listings(tx.rollup_listings(lang, rollup))
    body.append(f"<h2>{e(t(lang, 'agg.top', count=len(rollup.top)))}</h2>")
    top = tb.top_table(lang, rollup)
    body.append(table(top) if top else f"<p>{e(t(lang, 'agg.top_none'))}</p>")
    findings = tx.findings_listing(lang, rollup)
    body += _listings([findings] if findings else [])
    return page(lang, title, body)


def _listings(listings: list[tx.Listing]) -> list[str]:
    """Each list under its heading: units as a bulleted list, a lone sentence as a paragraph."""
    out = []
    for listing in listings:
        if listing.heading:
            out.append(f"<h2>{e(listing.heading)}</h2>")
        if not listing.lines:
            out.append(f"<p>{e(listing.empty)}</p>")
        elif listing.heading:
            out.append("<ul>" + "".join(f"<li>{e(line)}</li>" for line in listing.lines) + "</ul>")
        else:
            out += [f"<p>{e(line)}</p>" for line in listing.lines]
    return out


def _ledger(lang: Lang, report: Report) -> list[str]:
    """The 整改台账 of the period (rows from ledger.py)."""
    from . import rectification as ledger

    out = [f"<h2>{e(ledger.title(lang))}</h2>", f'<p class="figures">{e(ledger.summary(lang, report.findings))}</p>']
    tab = ledger.table(lang, report.findings)
    if tab is not None:
        out.append(table(tab))
    return out
