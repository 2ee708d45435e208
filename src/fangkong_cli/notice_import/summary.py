"""The summary of a draft as plain data: what `checklist import` prints, and its JSON."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from ..messages import Lang, t
from ..models import Frequency
from .draft import Draft, DraftMeasure, Review


def _measure(m: DraftMeasure, lang: Lang) -> dict[str, Any]:
    c = m.cadence
    data: dict[str, Any] = {
        "id": m.id,
        "title": m.title,
        "source": m.source,
        "frequency": c.frequency.value,
        "reason": t(lang, c.reason, **c.params),
    }
    for key in ("due", "start", "end"):
        value = getattr(c, key)
        if value is not None:
            data[key] = value.isoformat()
    data["review"] = [t(lang, r.key, **r.params) for r in m.review]
    return data


def review_entry(review: Review, lang: Lang) -> dict[str, str]:
    where = t(lang, "imp.where_notice") if review.where == "notice" else review.where
    return {"where": where, "message": t(lang, review.key, **review.params)}


def summarise(draft: Draft, out: Path, lang: Lang) -> dict[str, Any]:
    """Sections, measures with their guessed frequency and its reason, and what to review."""
    counts = Counter(m.cadence.frequency.value for m in draft.measures)
    return {
        "output": str(out),
        "input": draft.source_file,
        "kind": draft.kind,
        "notice": {
            "id": draft.notice_id,
            "title": draft.title,
            "doc_number": draft.doc_number,
            "issuer": draft.issuer,
            "addressees": list(draft.addressees),
            "date": draft.date.isoformat() if draft.date else None,
            "reporting": dict(draft.reporting._asdict()) if draft.reporting else None,
        },
        "sections": [
            {
                "id": s.id,
                "number": s.number,
                "title": s.title,
                "measures": [_measure(m, lang) for m in s.measures],
                "skipped": list(s.skipped),
            }
            for s in draft.sections
        ],
        "frequencies": {f.value: counts[f.value] for f in Frequency if counts[f.value]},
        "review": [review_entry(r, lang) for r in draft.all_review],
        "counts": {
            "sections": len(draft.sections),
            "measures": len(draft.measures),
            "review": len(draft.all_review),
            "skipped": sum(len(s.skipped) for s in draft.sections),
        },
    }
