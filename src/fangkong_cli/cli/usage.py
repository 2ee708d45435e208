"""Click's usage errors in the user's language: click writes them in English only, so each
kind is recognised (by class, and by the fixed shape of its message) and said again from
the catalog; "did you mean" suggestions are kept."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..messages import Lang, t
from .clickcompat import click_exceptions


def _quoted(text: str) -> list[str]:
    return re.findall(r"'([^']+)'", text)


def _param_label(param: Any) -> str:
    if param is None:
        return ""
    if param.param_type_name == "argument":
        return str(param.metavar or param.name or "").removesuffix("...")
    return "/".join(param.opts) or str(param.name or "")


def _detail(lang: Lang, exc: Any) -> str:
    errors = click_exceptions()
    message = getattr(exc, "message", "") or ""
    if isinstance(exc, errors.NoSuchOption):
        detail = t(lang, "no_such_option", option=exc.option_name)
        if exc.possibilities:
            detail += t(lang, "did_you_mean", names="、".join(sorted(exc.possibilities)))
        return detail
    if isinstance(exc, errors.MissingParameter):
        key = (
            "missing_option" if exc.param is not None and exc.param.param_type_name == "option" else "missing_argument"
        )
        return t(lang, key, param=_param_label(exc.param))
    if isinstance(exc, errors.BadParameter):
        name = _param_label(exc.param) or (exc.param_hint or "")
        choices = getattr(getattr(exc.param, "type", None), "choices", None)
        if choices:
            values = "、".join(str(getattr(c, "value", c)) for c in choices)
            return t(lang, "bad_choice", param=name, choices=values)
        return t(lang, "bad_parameter", param=name)
    if isinstance(exc, errors.BadOptionUsage):
        if "requires" in message:
            return t(lang, "option_needs_value", option=exc.option_name)
        if "does not take a value" in message:
            return t(lang, "option_takes_no_value", option=exc.option_name)
        return t(lang, "bad_option_usage", option=exc.option_name)
    if message.startswith("Got unexpected extra argument"):
        extra = message[message.rfind("(") + 1 : message.rfind(")")] if message.endswith(")") else ""
        return t(lang, "extra_arguments", args=extra)
    if message.startswith("No such command"):
        names = _quoted(message)
        detail = t(lang, "no_such_command", name=names[0] if names else "")
        if len(names) > 1:
            detail += t(lang, "did_you_mean", names="、".join(names[1:]))
        return detail
    if message.startswith("Missing command"):
        return t(lang, "missing_command")
    if isinstance(exc, errors.BadArgumentUsage):
        return t(lang, "bad_argument_usage")
    return t(lang, "usage_other") if lang == "zh" else message


def usage_message(lang: Lang, exc: Exception, args: Sequence[str], commands: Sequence[str]) -> str:
    """One line: what is wrong, and which --help to read."""
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        command = ctx.command_path
    else:  # errors raised while parsing options carry no context: find the command typed
        words = [a for a in args if a in commands]
        command = " ".join(["fangkong", *words[:1]])
    return t(lang, "usage", detail=_detail(lang, exc)) + t(lang, "usage_hint", command=command)
