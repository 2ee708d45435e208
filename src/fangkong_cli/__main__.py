"""Entry point: pick the language, build the app, turn every error into a message and exit code."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from .errors import ExitCode, FangkongError, FileProblems
from .messages import format_problem, resolve_lang, t


def _lang_from_argv(argv: Sequence[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _hoist_lang(args: Sequence[str]) -> list[str]:
    """Let --lang stand anywhere (`fangkong status --lang en`): it belongs to the whole app."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        if arg == "--lang" and i + 1 < len(args):
            front += [arg, args[i + 1]]
            i += 2
            continue
        if arg.startswith("--lang="):
            front.append(arg)
        else:
            rest.append(arg)
        i += 1
    return front + rest


def _harden_streams() -> None:
    """A GBK console or a closed pipe must not crash a run: replace what cannot be encoded."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            pass


def _err(text: str) -> None:
    try:
        sys.stderr.write(text + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _out(text: str) -> None:
    try:
        sys.stdout.write(text.rstrip("\n") + "\n")
        sys.stdout.flush()
    except (OSError, ValueError):
        pass


def _command_names(command: object) -> list[str]:
    names: list[str] = []
    for name, sub in getattr(command, "commands", {}).items():
        names.append(name)
        names += [f"{name} {n}" for n in getattr(sub, "commands", {})]
    return names


def _start_completion() -> bool:
    """When the shell asks for completions (see `completion`), typer's completion is readied."""
    if not os.environ.get("_FANGKONG_COMPLETE"):
        return False
    from typer._completion_classes import completion_init

    completion_init()
    return True


def run(argv: Sequence[str] | None = None) -> int:
    """Run fangkong with `argv` and return its exit code (0 to 4, nothing else)."""
    import typer

    from .cli.app import build_command
    from .cli.clickcompat import click_exceptions
    from .cli.output import OutputFailed, guard_stdout

    errors = click_exceptions()
    args = _hoist_lang(sys.argv[1:] if argv is None else argv)
    lang = resolve_lang(_lang_from_argv(args), os.environ)
    completing = _start_completion()
    command = None
    stdout = sys.stdout
    try:
        sys.stdout = guard_stdout(stdout)  # a full disk on stdout is said as such (exit 3)
        command = build_command(lang, () if completing else args)
        result = command.main(args=args, prog_name="fangkong", standalone_mode=False)
        return result if isinstance(result, int) and 0 <= result <= 4 else ExitCode.OK
    except OutputFailed as exc:
        _err(t(lang, "error_prefix") + t(lang, exc.key, **exc.params))
        _silence_stdout()  # what is still buffered would fail again at exit
        return exc.exit_code
    except FileProblems as exc:
        for problem in exc.problems:
            _err(format_problem(lang, problem))
        return exc.exit_code
    except FangkongError as exc:
        _err(t(lang, "error_prefix") + t(lang, exc.key, **exc.params))
        return exc.exit_code
    except typer.Exit as exc:
        return exc.exit_code if 0 <= exc.exit_code <= 4 else ExitCode.USAGE
    except typer.Abort:
        _err(t(lang, "interrupted"))
        return ExitCode.USAGE
    except errors.ClickException as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":
            _out(exc.format_message())
            return ExitCode.OK
        from .cli.usage import usage_message

        _err(usage_message(lang, exc, args, _command_names(command)))
        return ExitCode.USAGE
    except KeyboardInterrupt:
        _err(t(lang, "interrupted"))
        return ExitCode.USAGE
    except BrokenPipeError:
        # The reader went away (`fangkong status | head`): nothing left to say to it.
        _silence_stdout()
        return ExitCode.OK
    except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback
        if os.environ.get("FANGKONG_DEBUG"):
            raise
        _err(t(lang, "internal_error", kind=type(exc).__name__, detail=str(exc)[:300]))
        return ExitCode.DATA
    finally:
        sys.stdout = stdout


def _silence_stdout() -> None:
    """Point stdout at the null device: the interpreter's last flush has nowhere to fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def main() -> None:
    # pydantic's plugin discovery scans every installed package's entry points (20-40 ms) for
    # plugins fangkong does not use.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    _harden_streams()
    code = run()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    except OSError as exc:  # what the last write left in the buffer did not fit either
        lang = resolve_lang(_lang_from_argv(sys.argv[1:]), os.environ)
        _err(t(lang, "error_prefix") + t(lang, "stdout_failed", reason=exc.strerror or str(exc)))
        _silence_stdout()
        code = ExitCode.DATA
    sys.exit(code)


if __name__ == "__main__":
    main()
