"""The commands of fangkong, one module each; each module's `register` adds its command(s).

The list below is the order `fangkong --help` shows them in. A new command is one new
module here plus one entry in COMMANDS.
"""

from . import (
    aggregate,
    check,
    checklist,
    completion,
    history,
    init,
    mark,
    report,
    status,
    today,
    undo,
)

COMMANDS = (init, check, mark, undo, status, today, history, report, aggregate, checklist, completion)
