"""`fangkong verify`: check that no record or findings event was edited, removed or reordered."""

from pathlib import Path
from typing import Annotated

import typer

from ..context import env_of
from ..options import WorkspaceOpt


def verify(
    ctx: typer.Context,
    against: Annotated[Path | None, typer.Option("--against", help="verify.against", show_default=False)] = None,
    workspace: WorkspaceOpt = None,
) -> None:
    from ...provenance import ChainHead
    from ...verify import heads_of_report, verify_workspace

    env = env_of(ctx)
    heads: tuple[ChainHead, ...] = ()
    if against is not None:
        from ...errors import FileProblems
        from ...fileio import read_text

        text, problem = read_text(against, 64 * 1024 * 1024)
        if problem is not None:
            raise FileProblems([problem])
        heads = heads_of_report(text or "", str(against))
    found = verify_workspace(env.workspace(workspace), heads, str(against or ""))
    env.output.say("verify_ok", count=found.chained, writers=found.writers)
    if found.unchained:
        env.output.say("verify_unchained", count=found.unchained)
    if found.events:
        env.output.say("verify_events_ok", count=found.events)
    if found.events_unchained:
        env.output.say("verify_events_unchained", count=found.events_unchained)
    if against is not None:
        env.output.say("verify_against_ok", path=str(against), count=found.compared)


def register(app: typer.Typer) -> None:
    app.command("verify", help="verify")(verify)
