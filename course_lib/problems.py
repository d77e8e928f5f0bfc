"""A problem found in a content file, reported the way a trainer can act on it: file, line, where, what."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a look) in a content file.

    >>> print(Problem(Path("a.yaml"), 3, "node 'start'", "choice 2 has no feedback"))
    a.yaml:3: node 'start': choice 2 has no feedback
    """

    file: Path
    line: int | None
    where: str | None
    message: str
    severity: str = "error"  # "error" fails `course check`; "warning" does not

    def __str__(self) -> str:
        location = f"{self.file}:{self.line}" if self.line else f"{self.file}"
        prefix = "warning: " if self.severity == "warning" else ""
        where = f" {self.where}:" if self.where else ""
        return f"{location}:{where} {prefix}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def did_you_mean(word: object, options) -> str:
    """The end of a message about an unknown name: the closest option, or the list of options.

    >>> did_you_mean("ownershp", ["ownership", "next_step"])
    " (did you mean 'ownership'?)"
    >>> did_you_mean("zzz", ["a", "b"])
    '; expected one of: a, b'
    """
    close = difflib.get_close_matches(str(word), list(options), n=1)
    return f" (did you mean '{close[0]}'?)" if close else f"; expected one of: {', '.join(options)}"
