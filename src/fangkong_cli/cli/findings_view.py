"""One finding as plain text: its fields, then every change with who and when."""

from __future__ import annotations

from ..findings import FindingLine
from ..messages import Lang, t
from ..writers import rectification as ledger


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
        out.append(f"  {event.at:%Y-%m-%d %H:%M}  {t(lang, 'finding.action.' + event.action)}  {event.by}  {'；'.join(said)}".rstrip())
    return "\n".join(out) + "\n"
