"""HTML: one self-contained, printable (A4) file; inline CSS and SVG, no script, no network."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ..aggregate import Rollup
from ..messages import Lang, t
from ..report import Bar, Report, SectionPart
from . import text as tx

CSS = """
@page { size: A4; margin: 18mm 16mm; }
* { box-sizing: border-box; }
body { font-family: "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif;
  font-size: 11pt; line-height: 1.5; color: #111; max-width: 190mm; margin: 0 auto; padding: 8mm 0; }
h1, h2, h3 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; font-weight: bold; }
h1 { font-size: 17pt; text-align: center; margin: 0 0 4mm; }
h2 { font-size: 13.5pt; margin: 7mm 0 2mm; border-bottom: 1px solid #999; page-break-after: avoid; }
h3 { font-size: 11.5pt; margin: 4mm 0 1mm; page-break-after: avoid; }
dl.head { display: grid; grid-template-columns: max-content 1fr; gap: 0 4mm; margin: 0 0 4mm; }
dl.head dt { font-weight: bold; } dl.head dd { margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; margin: 2mm 0 3mm; }
th, td { border: 1px solid #666; padding: 1mm 1.5mm; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { background: #e8edf3; font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-weight: normal; }
td.n, th.n { text-align: right; white-space: nowrap; }
tr { page-break-inside: avoid; }
tr.total td { font-weight: bold; }
p.explain, p.figures { font-size: 9.5pt; color: #333; }
ul.overdue { margin: 0 0 2mm; padding-left: 6mm; font-size: 10pt; }
figure { margin: 2mm 0; page-break-inside: avoid; }
figcaption { font-size: 9pt; color: #333; }
svg { display: block; max-width: 100%; height: auto; }
.sign { display: grid; grid-template-columns: 1fr 1fr; gap: 3mm 10mm; margin-top: 4mm; }
.sign span.fill { display: inline-block; min-width: 40mm; border-bottom: 1px solid #000; }
@media print { body { padding: 0; } section.part { page-break-before: auto; } }
"""


def e(value: object) -> str:
    return escape(str(value), quote=True)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], numeric: Sequence[int] = (), total: bool = False) -> str:
    def cells(tag: str, values: Sequence[object]) -> str:
        return "".join(
            f'<{tag} class="n">{e(v)}</{tag}>' if i in numeric else f"<{tag}>{e(v)}</{tag}>" for i, v in enumerate(values)
        )

    body = []
    for i, row in enumerate(rows):
        css = ' class="total"' if total and i == len(rows) - 1 else ""
        body.append(f"<tr{css}>{cells('td', row)}</tr>")
    return f"<table><thead><tr>{cells('th', headers)}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def chart(lang: Lang, bars: Sequence[Bar]) -> str:
    """Bars per day, week or month: the slots due (light) and answered (dark)."""
    if not bars or not any(b.due for b in bars):
        return ""
    width, height, base, top = 640, 120, 100, 8
    step = width / len(bars)
    most = max(b.due for b in bars)
    parts = [
        f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{e(t(lang, "rep.chart"))}">',
        f'<line x1="0" y1="{base}" x2="{width}" y2="{base}" stroke="#666" stroke-width="1"/>',
        f'<text x="2" y="{top + 2}" font-size="9" fill="#333">{most}</text>',
    ]
    for i, b in enumerate(bars):
        x = i * step + step * 0.15
        w = step * 0.7
        due_h = (base - top) * b.due / most
        done_h = (base - top) * b.answered / most
        label = t(lang, "rep.chart_label", label=b.label, due=b.due, answered=b.answered)
        parts.append(f"<g><title>{e(label)}</title>")
        parts.append(f'<rect x="{x:.1f}" y="{base - due_h:.1f}" width="{w:.1f}" height="{due_h:.1f}" fill="#c9d3df"/>')
        if b.answered:
            parts.append(f'<rect x="{x:.1f}" y="{base - done_h:.1f}" width="{w:.1f}" height="{done_h:.1f}" fill="#2f6b45"/>')
        parts.append("</g>")
    every = max(1, round(len(bars) / 8))
    for i, b in enumerate(bars):
        if i % every == 0 or i == len(bars) - 1:
            x = i * step + step / 2
            parts.append(f'<text x="{x:.1f}" y="{base + 13}" font-size="9" text-anchor="middle" fill="#333">{e(b.label)}</text>')
    parts.append("</svg>")
    return f'<figure>{"".join(parts)}<figcaption>{e(t(lang, "rep.chart"))}</figcaption></figure>'


def _section(lang: Lang, s: SectionPart) -> str:
    out = [f'<section class="part"><h2>{e(tx.section_name(s.number, s.title))}</h2>']
    out.append(f'<p class="figures">{e(tx.section_line(lang, s.figures))}</p>')
    out.append(chart(lang, s.bars))
    headers = [t(lang, "rep.col.id"), t(lang, "rep.col.measure"), t(lang, "rep.col.frequency"), t(lang, "rep.col.state"), *tx.measure_figure_headers(lang)]
    rows = [[m.id, m.title, tx.frequency(lang, m.frequency), tx.measure_state(lang, m), *tx.measure_figure_values(m.figures)] for m in s.measures]
    out.append(table(headers, rows, range(4, 12)))
    out.append(f"<h3>{e(t(lang, 'rep.overdue_slots'))}</h3>")
    overdue = [m for m in s.measures if m.overdue]
    if overdue:
        items = "".join(f"<li>{e(m.id)} {e(m.title)}{e(tx.colon(lang))}{e(tx.runs_text(lang, m.overdue))}</li>" for m in overdue)
        out.append(f'<ul class="overdue">{items}</ul>')
    else:
        out.append(f"<p>{e(t(lang, 'rep.no_overdue'))}</p>")
    out.append(f"<h3>{e(t(lang, 'rep.notes'))}</h3>")
    remarks = tx.remark_rows(lang, s)
    if remarks:
        out.append(table(tx.remark_headers(lang), remarks))
    else:
        out.append(f"<p>{e(t(lang, 'rep.no_notes'))}</p>")
    out.append("</section>")
    return "".join(out)


def page(lang: Lang, title: str, body: Sequence[str]) -> bytes:
    html_lang = "zh-CN" if lang == "zh" else "en"
    head = (
        f'<!DOCTYPE html>\n<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
    )
    return (head + "\n".join(body) + "\n</body>\n</html>\n").encode("utf-8")


def write_report(report: Report, lang: Lang) -> bytes:
    title = tx.title(lang, report.notice_title, report.checklist)
    body = [f"<h1>{e(title)}</h1>"]
    body.append('<dl class="head">' + "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in tx.head_lines(lang, report)) + "</dl>")
    body.append(f"<h2>{e(t(lang, 'rep.summary'))}</h2>")
    rows = [[tx.section_name(s.number, s.title), *tx.figure_values(s.figures)] for s in report.sections]
    rows.append([t(lang, "rep.total"), *tx.figure_values(report.figures)])
    body.append(table([t(lang, "rep.col.section"), *tx.figure_headers(lang)], rows, range(1, 10), total=True))
    body.append(f'<p class="explain">{e(t(lang, "rep.explain"))}</p>')
    if report.calendar_fallback:
        body.append(f'<p class="explain">{e(t(lang, "rep.calendar", years="、".join(map(str, report.calendar_fallback))))}</p>')
    body += [_section(lang, s) for s in report.sections]
    body.append(f"<h2>{e(t(lang, 'rep.na'))}</h2>")
    if report.not_applicable:
        keys = ("rep.col.id", "rep.col.measure", "rep.col.reason", "rep.col.source", "rep.col.slots")
        rows = [
            [n.measure, n.title, n.reason, t(lang, "rep.na.tailored" if n.tailored else "rep.na.record"),
             t(lang, "rep.na.slots", count=len(n.slots), slots=tx.compact(n.slots))]
            for n in report.not_applicable
        ]
        body.append(table([t(lang, k) for k in keys], rows))
    else:
        body.append(f"<p>{e(t(lang, 'rep.no_na'))}</p>")
    body += _ledger(lang, report)
    body.append(f"<h2>{e(t(lang, 'rep.signoff'))}</h2>")
    sign = "".join(
        f'<div>{e(k)}{e(tx.colon(lang))}<span class="fill">{e(v) if v else "&nbsp;"}</span></div>' for k, v in tx.signoff_lines(lang, report)
    )
    body.append(f'<div class="sign">{sign}</div>')
    return page(lang, title, body)


def write_rollup(rollup: Rollup, lang: Lang) -> bytes:
    title = tx.rollup_title(lang, rollup.notice_title, rollup.checklist)
    body = [f"<h1>{e(title)}</h1>", f'<p class="figures">{e(tx.totals_line(lang, rollup))}</p>']
    body.append(f"<h2>{e(t(lang, 'agg.units'))}</h2>")
    headers = [t(lang, "agg.col.unit"), t(lang, "agg.col.as_of")]
    headers += [s.number or s.id for s in rollup.sections] + [t(lang, "agg.col.total")]
    rows = []
    for u in rollup.units:
        cells = []
        for head in rollup.sections:
            f = u.section_figures(head.id)
            cells.append("—" if f is None else t(lang, "agg.cell", coverage=tx.pct(f.coverage), overdue=f.overdue))
        cells.append(t(lang, "agg.cell", coverage=tx.pct(u.figures.coverage), overdue=u.figures.overdue))
        rows.append([f"{u.unit_name} ({u.unit_id})", u.as_of.isoformat(), *cells])
    body.append(table(headers, rows, range(2, len(headers))))
    legend = "；".join(tx.section_name(s.number, s.title) for s in rollup.sections)
    body.append(f'<p class="explain">{e(t(lang, "agg.sections_legend"))}{e(tx.colon(lang))}{e(legend)}</p>')
    body.append(f"<h2>{e(t(lang, 'agg.missing'))}</h2>")
    if rollup.expected is None:
        body.append(f"<p>{e(t(lang, 'agg.no_expect'))}</p>")
    elif rollup.missing:
        body.append("<ul>" + "".join(f"<li>{e(u)}</li>" for u in rollup.missing) + "</ul>")
    else:
        body.append(f"<p>{e(t(lang, 'agg.missing_none'))}</p>")
    if rollup.unexpected:
        body.append(f"<p>{e(t(lang, 'agg.unexpected', units='、'.join(rollup.unexpected)))}</p>")
    body.append(f"<h2>{e(t(lang, 'agg.top', count=len(rollup.top)))}</h2>")
    if rollup.top:
        keys = ("rep.col.id", "rep.col.measure", "agg.col.units", "agg.col.slots")
        body.append(table([t(lang, k) for k in keys], [[m.id, m.title, m.units, m.slots] for m in rollup.top], (2, 3)))
    else:
        body.append(f"<p>{e(t(lang, 'agg.top_none'))}</p>")
    return page(lang, title, body)


def _ledger(lang: Lang, report: Report) -> list[str]:
    """The 整改台账 of the period (rows from ledger.py)."""
    from . import ledger

    out = [f"<h2>{e(ledger.title(lang))}</h2>", f'<p class="figures">{e(ledger.summary(lang, report.findings))}</p>']
    if report.findings:
        out.append(table(ledger.headers(lang), ledger.rows(lang, report.findings)))
    return out
