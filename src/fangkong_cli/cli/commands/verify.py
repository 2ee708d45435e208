"""`fangkong verify`: check that no record or findings event was edited, removed or reordered."""

import typer

from ..context import env_of
from ..options import WorkspaceOpt


def verify(ctx: typer.Context, workspace: WorkspaceOpt = None) -> None:
    from ...verify import verify_workspace

    env = env_of(ctx)
    found = verify_workspace(env.workspace(workspace))
    env.output.say("verify_ok", count=found.chained, writers=found.writers)
    if found.unchained:
        env.output.say("verify_unchained", count=found.unchained)
    if found.events:
        env.output.say("verify_events_ok", count=found.events)
    if found.events_unchained:
        env.output.say("verify_events_unchained", count=found.events_unchained)


def register(app: typer.Typer) -> None:
    app.command("verify", help="verify")(verify)
