"""Help pages in Chinese: usage line, headings, placeholders and click's own texts all in
the user's language, wrapped by display width (a Chinese character takes two cells).

Click (vendored in typer) writes its help and errors in English with no translation hook,
so in Chinese mode fangkong draws the help page itself from the same command objects
(see `ZhContext`); `--lang en` keeps click's own page, with the same placeholders.
"""

from __future__ import annotations

import os
import re
from typing import Any

from ..messages import Lang, t
from .clickcompat import click_core
from .plain import cell_len

_core = click_core()

# Placeholders by option or argument name: say what is expected, not its Python type.
METAVARS = {
    "--date": "date",
    "--from": "date",
    "--to": "date",
    "--start": "date",
    "--end": "date",
    "--month": "month",
    "--week": "week",
    "--status": "status",
    "--by": "name",
    "--unit-name": "name",
    "--unit-id": "unit_id",
    "--note": "text",
    "--reason": "text",
    "--evidence": "evidence",
    "--workspace": "folder",
    "--dir": "folder",
    "--checklist": "checklist",
    "--output": "file",
    "--expect": "file",
    "--section": "section",
    "--timezone": "timezone",
    "--lang": "lang",
    "--units": "file",
    "--under": "unit_id",
    "--level": "levels",
    "--on-time-days": "days",
    "ids": "ids",
    "measure_id": "id",
    "id": "id",
    "item": "id",
    "paths": "paths",
    "files": "paths",
    "shell": "shell",
}
_CLOSING = set("，。；：、）」』！？》,.;:)!?")
MAX_WIDTH = 100


def placeholder(lang: Lang, param: Any) -> str | None:
    """The metavar `param` gets, or None to leave it to click (choices, flags)."""
    names = [*getattr(param, "opts", ()), param.name or ""]
    key = next((METAVARS[n] for n in names if n in METAVARS), None)
    return t(lang, f"metavar.{key}") if key else None


def help_width() -> int:
    columns = os.environ.get("COLUMNS", "")
    width = int(columns) if columns.isdigit() and int(columns) > 20 else 80
    return min(width, MAX_WIDTH)


def _units(text: str) -> list[str]:
    """Pieces a line may break between: ASCII words, single wide characters, spaces;
    closing punctuation stays with what it closes."""
    units: list[str] = []
    for ch in text:
        if ch.isspace():
            units.append(" ")
        elif ch in _CLOSING and units and units[-1] != " ":
            units[-1] += ch
        elif ch.isascii() and units and units[-1] != " " and units[-1][-1].isascii():
            units[-1] += ch
        else:
            units.append(ch)
    return units


_BREAK_AFTER = set("，。；：、）」』！？》,.;:!? ")
LOOK_BACK = 14  # cells: a line may end this much early to break after punctuation


def _cut(line: list[str]) -> int:
    """Where to end a full line: after the nearest punctuation, else the nearest space,
    within LOOK_BACK cells; else right here."""
    for marks in (_BREAK_AFTER - {" "}, {" "}):
        for i in range(len(line) - 1, 0, -1):
            if cell_len("".join(line[i:])) > LOOK_BACK:
                break
            if line[i - 1][-1] in marks:
                return i
    return len(line)


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` cells, broken between words or wide characters,
    after punctuation where one is near (phrases stay whole)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line: list[str] = []
        for unit in _units(paragraph):
            if unit == " " and not line:
                continue
            if line and cell_len("".join(line) + unit) > width:
                cut = _cut(line)
                lines.append("".join(line[:cut]).rstrip())
                line = [u for u in line[cut:] if line[cut:] and u] if cut < len(line) else []
                while line and line[0] == " ":
                    line.pop(0)
                if unit != " " or line:
                    line.append(unit)
            else:
                line.append(unit)
        lines.append("".join(line).rstrip())
    return lines


def _rows(rows: list[tuple[str, str]], width: int) -> list[str]:
    """Two columns: names, then help wrapped beside them (or below when names are long)."""
    first = min(max((cell_len(a) for a, _ in rows), default=0), 28)
    out: list[str] = []
    room = max(20, width - first - 4)
    for name, text in rows:
        wrapped = wrap(text, room) if text else [""]
        if cell_len(name) > first:
            out.append("  " + name)
            out += [" " * (first + 4) + w for w in wrapped if w]
            continue
        pad = " " * (first - cell_len(name))
        out.append(("  " + name + pad + "  " + wrapped[0]).rstrip())
        out += [" " * (first + 4) + w for w in wrapped[1:]]
    return out


def _param_name(lang: Lang, ctx: Any, param: Any) -> str:
    if param.param_type_name == "argument":
        name = placeholder(lang, param) or (param.name or "").upper()
        return name + ("..." if param.nargs == -1 else "")
    opts = ", ".join(sorted([*param.opts, *param.secondary_opts], key=lambda o: o.startswith("--")))
    if param.is_flag:
        return opts
    choices = getattr(param.type, "choices", None)
    metavar = (
        "[" + "|".join(str(getattr(c, "value", c)) for c in choices) + "]" if choices else placeholder(lang, param)
    )
    return f"{opts} {metavar or t(lang, 'metavar.value')}"


def _param_help(lang: Lang, param: Any) -> str:
    text = getattr(param, "help", None) or ""
    if param.name == "help":
        text = t(lang, "help.help")
    extra = []
    default = getattr(param.default, "value", param.default)
    shown = getattr(param, "show_default", True)
    if (
        shown
        and default not in (None, False, "", ())
        and not getattr(param, "is_flag", False)
        and param.param_type_name == "option"
    ):
        extra.append(t(lang, "help.default", value=default))
    if param.required:
        extra.append(t(lang, "help.required"))
    return (text + ("  " + " ".join(extra) if extra else "")).strip()


def render(ctx: Any, lang: Lang) -> str:
    """The help page of `ctx.command` in `lang`."""
    command = ctx.command
    width = help_width()
    params = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]
    arguments = [p for p in params if p.param_type_name == "argument"]
    options = [p for p in params if p.param_type_name == "option"]
    pieces = [t(lang, "help.usage_options")] if options else []
    for a in arguments:
        name = _param_name(lang, ctx, a)
        pieces.append(name if a.required else f"[{name}]")
    subcommands = getattr(command, "commands", None)
    if subcommands:
        pieces.append(t(lang, "help.usage_command"))
    out = wrap(t(lang, "help.usage", path=ctx.command_path, pieces=" ".join(pieces)), width)
    if command.help:
        out.append("")
        out += wrap(re.sub(r"\n(?!\n)", "\n", command.help), width)
    if arguments:
        out += ["", t(lang, "help.arguments")]
        out += _rows([(_param_name(lang, ctx, a), _param_help(lang, a)) for a in arguments], width)
    if options:
        out += ["", t(lang, "help.options")]
        out += _rows([(_param_name(lang, ctx, o), _param_help(lang, o)) for o in options], width)
    if subcommands:
        rows = []
        for name, sub in subcommands.items():
            if not getattr(sub, "hidden", False):
                rows.append((name, (sub.help or "").split("\n")[0]))
        out += ["", t(lang, "help.commands")]
        out += _rows(rows, width)
    return "\n".join(out)


class ZhContext(_core.Context):  # type: ignore[misc, name-defined]
    """A click context whose help page is drawn in Chinese."""

    def get_help(self) -> str:
        return render(self, "zh")
