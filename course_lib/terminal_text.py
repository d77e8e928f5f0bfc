"""Text from data made safe to print to a terminal: the one function every command of ``course`` prints through.

A CSV a learner exported, a scenario file or a reply typed in can hold terminal control characters: an escape
sequence can recolour, clear or retitle the trainer's terminal, rewrite a line already printed (carriage return)
or hide text. :func:`printable` replaces each control character, and each whole escape sequence, by one visible
mark; tabs and line breaks are kept, because reports are laid out with them.

>>> printable("quiz:x\\x1b[31mRED\\x1b[0m done")
'quiz:x\\ufffdRED\\ufffd done'
>>> printable("line one\\nline two\\tend\\rover\\x07")
'line one\\nline two\\tend\\ufffdover\\ufffd'
>>> printable("a\\x1b]0;new title\\x07b \\u202eevil")
'a\\ufffdb \\ufffdevil'
"""

from __future__ import annotations

import re

#: What stands in for a control character, so the reader sees that something was there.
MARK = "\ufffd"

_CONTROLS = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, clearing the screen
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: window titles, hyperlinks (to BEL or ST)
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b.?"  # any other escape
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"  # the rest of C0 (but tab and newline), DEL and C1
    r"|[\u202a-\u202e\u2066-\u2069]",  # bidirectional overrides, which reorder what is shown
    re.DOTALL,
)


def printable(text: object) -> str:
    """``text`` as a string with every terminal control character (and escape sequence) replaced by one mark;
    tab and newline are kept."""
    return _CONTROLS.sub(MARK, str(text))
