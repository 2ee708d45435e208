"""The application assembled: every command module registered, help put into the user's language."""

from collections.abc import Sequence
from typing import Annotated

import typer

from .. import __version__
from ..errors import UsageProblem
from ..messages import Lang, t
from .commands import NAMES, modules
from .context import make_env


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"fangkong {__version__}")
        raise typer.Exit()


def _root(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", help="version", callback=_show_version, is_eager=True)] = False,
    lang_opt: Annotated[str | None, typer.Option("--lang", help="lang", show_default=False)] = None,
) -> None:
    # The language was chosen before parsing (help texts need it); here it is only checked.
    if lang_opt is not None and lang_opt.strip().lower()[:2] not in ("zh", "en"):
        raise UsageProblem("bad_lang", value=lang_opt)


def build_app(only: str | None = None) -> typer.Typer:
    """The app with every command, or with command `only` alone (a run of that command)."""
    app = typer.Typer(
        help="app",
        add_completion=False,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(_root)
    for module in modules([only] if only is not None else NAMES):
        module.register(app)
    return app


def _translate(command: typer.core.TyperCommand | typer.core.TyperGroup, lang: Lang) -> None:
    """Help texts are catalog keys until here: put each into `lang`, give every value a
    placeholder saying what it is (日期, 月份, 状态), and in Chinese draw the help page in
    Chinese (click's own is English only)."""
    from .helptext import ZhContext, placeholder

    if command.help:
        command.help = t(lang, f"help.{command.help}")
    for param in command.params:
        help_key = getattr(param, "help", None)
        if help_key:
            param.help = t(lang, f"help.{help_key}")  # type: ignore[attr-defined]
        metavar = placeholder(lang, param)
        if metavar is not None:
            param.metavar = metavar + ("..." if param.nargs == -1 else "")
    if lang == "zh":
        command.context_class = ZhContext
    for sub in getattr(command, "commands", {}).values():
        _translate(sub, lang)


def wanted_command(args: Sequence[str]) -> str | None:
    """The command `args` run, when it is one of fangkong's: the first word that is not an
    option (or an option's value); None for the command list, --help, --version, a typo."""
    words = iter(args)
    for word in words:
        if word in ("--lang",):
            next(words, None)
        elif not word.startswith("-"):
            return word if word in NAMES else None
        else:
            return None  # --help, --version, -h before any command: the whole app
    return None


def build_command(lang: Lang, args: Sequence[str] = ()) -> typer.core.TyperGroup:
    """The click command fangkong runs, with help in `lang` and the run's Env as its object;
    with `args`, only the command they ask for is built (what a run of it needs)."""
    command = typer.main.get_command(build_app(wanted_command(args)))
    assert isinstance(command, typer.core.TyperGroup)
    _translate(command, lang)
    command.context_settings["obj"] = make_env(lang)
    return command
