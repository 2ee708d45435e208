"""`fangkong completion SHELL`: print the shell's completion script (commands, options,
choices complete with Tab). Install: see the README."""

from enum import StrEnum
from typing import Annotated

import typer

from ..context import env_of


class Shell(StrEnum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"
    powershell = "powershell"


def completion(ctx: typer.Context, shell: Annotated[Shell, typer.Argument(help="completion.shell")]) -> None:
    from typer._click.shell_completion import get_completion_class
    from typer._completion_classes import completion_init

    completion_init()
    cls = get_completion_class(shell.value)
    assert cls is not None  # every Shell member is registered by completion_init
    root = ctx.find_root().command
    env_of(ctx).output.data(cls(root, {}, "fangkong", "_FANGKONG_COMPLETE").source() + "\n")


def register(app: typer.Typer) -> None:
    app.command("completion", help="completion")(completion)
