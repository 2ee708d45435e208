"""Findings for people: one finding as plain text (its fields, then every change with who
and when), and which finding a shortfall was filed under."""

from __future__ import annotations

from collections.abc import Sequence

from ..findings import SHORTFALLS, FindingLine, load_findings
from ..messages import Lang, t
from ..models import Record
from ..workspace import Workspace
from ..writers import rectification as ledger
from .context import Env


def finding_detail(lang: Lang, line: FindingLine) -> str:
    f = line.finding
    sep = "：" if lang == "zh" else ": "
    cells = ledger.row(lang, line)
    out = [f"{h}{sep}{c}" for h, c in zip(ledger.headers(lang), cells, strict=True) if c]
    for e in f.evidence:
        out.append(f"{t(lang, 'ledger.col.evidence')}{sep}{t(lang, 'evidence.' + e.kind)} {e.value}")
    for deadline, reason in f.extensions:
        out.append(f"{t(lang, 'finding.action.extend')}{sep}{deadline.isoformat()} {reason}")
    out.append("")
    out.append(t(lang, "ledger.history"))
    for event in f.history:
        fields = dict(event.fields)
        said = [str(fields[k]) for k in ("found", "rectification", "reason", "note") if fields.get(k)]
        said += [e.value for e in fields.get("evidence", ())]
        out.append(
            f"  {event.at:%Y-%m-%d %H:%M}  {t(lang, 'finding.action.' + event.action)}  {event.by}  {'；'.join(said)}".rstrip()
        )
    return "\n".join(out) + "\n"


def tell_opened(env: Env, ws: Workspace, records: Sequence[Record]) -> None:
    """After `mark` or `check`: which finding each 未完成 / 部分完成 answer is filed under."""
    wanted = [(r.measure, r.slot) for r in records if r.status in SHORTFALLS]
    if not wanted:
        return
    filed = {(f.measure, f.slot): f.id for f in load_findings(ws) if f.is_open}
    for measure, slot in dict.fromkeys(wanted):
        if (measure, slot) in filed:
            env.output.say("finding.auto_opened", id=filed[(measure, slot)], measure=measure, slot=slot)
