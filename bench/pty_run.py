"""Run a command in a pseudo-terminal with a line already typed, as an officer would answer.

    python bench/pty_run.py TYPED COMMAND...

The typed text waits in the terminal's input until the command reads it, so the run ends as
soon as the command has asked and read its answer. util-linux `script` hands typed input on
in ticks of about 0.25 s, which made a question asked at 0.3 s look like 0.53 s.
"""

from __future__ import annotations

import os
import pty
import sys


def main(argv: list[str]) -> int:
    typed, command = argv[0].encode().decode("unicode_escape").encode(), argv[1:]
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command, its terminal the pseudo-terminal
        os.execvp(command[0], command)
    os.write(fd, typed)
    while True:  # pass on what it shows; a pseudo-terminal says EIO once the command is gone
        try:
            shown = os.read(fd, 65536)
        except OSError:
            break
        if not shown:
            break
        sys.stdout.buffer.write(shown)
    sys.stdout.flush()
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
