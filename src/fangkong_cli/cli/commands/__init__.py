"""The commands of fangkong, one module each; each module's `register` adds its command(s).

The list below is the order `fangkong --help` shows them in. A new command is one new
module here plus one entry in COMMANDS.
"""

from . import (
    aggregate,
    campaign,
    check,
    checklist,
    completion,
    finding,
    history,
    init,
    mark,
    remind,
    report,
    sheet,
    status,
    today,
    undo,
    verify,
)

COMMANDS = (
    init, check, mark, undo, status, today, history, finding, remind, report, sheet, aggregate,
    campaign, checklist, verify, completion,
)
