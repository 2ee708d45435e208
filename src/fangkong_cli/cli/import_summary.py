"""The summary `checklist import` prints for people: what was drafted and what to review."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def render_text(summary: dict[str, Any], t: Callable[..., str]) -> str:
    """The summary for people: the notice, sections, frequencies, what to review, what next."""
    notice = summary["notice"]
    counts = summary["counts"]
    lines = [
        t("imp.done", path=summary["output"], sections=counts["sections"], measures=counts["measures"]),
        t("imp.notice", title=notice["title"], doc_number=notice["doc_number"], issuer=notice["issuer"]),
    ]
    if notice["date"]:
        lines.append(t("imp.notice_date", date=notice["date"]))
    lines += [
        t("imp.section_line", id=s["id"], number=s["number"], title=s["title"], count=len(s["measures"]))
        for s in summary["sections"]
    ]
    sep = "，" if t("imp.where_notice") == "通知" else ", "
    listed = sep.join(f"{t('freq.' + k)} {v}" for k, v in summary["frequencies"].items())
    lines.append(t("imp.frequencies", list=listed))
    if summary["review"]:
        lines.append(t("imp.review_head", count=len(summary["review"])))
        lines += [t("imp.review_line", where=r["where"], text=r["message"]) for r in summary["review"]]
    else:
        lines.append(t("imp.no_review"))
    if counts["skipped"]:
        lines.append(t("imp.skipped", count=counts["skipped"]))
    lines.append(t("imp.next", path=summary["output"]))
    return "\n".join(lines) + "\n"
