"""`fangkong checklist import`: draft a checklist from a notice file, then print what was guessed."""

# No `from __future__ import annotations`: typer reads these annotations at definition time.

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer


class SummaryFormat(StrEnum):
    text = "text"
    json = "json"


def register(checklist_app: typer.Typer, h: Callable[[str], str]) -> None:
    """Add `import` to the `checklist` group."""

    @checklist_app.command("import", help=h("checklist.import"))
    def checklist_import(
        ctx: typer.Context,
        file: Annotated[Path, typer.Argument(help=h("checklist.import.file"), show_default=False)],
        output: Annotated[Path | None, typer.Option("--output", "-o", help=h("checklist.import.output"), show_default=False)] = None,
        force: Annotated[bool, typer.Option("--force", help=h("checklist.import.force"))] = False,
        fmt: Annotated[SummaryFormat, typer.Option("--format", "-f", help=h("checklist.import.format"))] = SummaryFormat.text,
    ) -> None:
        from ..notice_import.output import import_notice
        from ..notice_import.summary import summarise
        from .app import dump_json, env_of

        env = env_of(ctx)
        out = output if output is not None else Path.cwd() / f"{file.stem or 'notice'}_checklist"
        draft = import_notice(file, out, force)
        summary = summarise(draft, out, env.lang)
        if fmt is SummaryFormat.json:
            env.output.data(dump_json(summary))
        else:
            env.output.data(render_text(summary, env.output.t))


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
