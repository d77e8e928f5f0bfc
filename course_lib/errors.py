"""The course's own errors: each message says what is wrong, where, and what to do about it."""

from __future__ import annotations

from pathlib import Path


class CourseError(Exception):
    """Base class for every error the course raises on purpose (bad content, bad data, bad settings)."""


class ContentError(CourseError):
    """A content file (YAML a trainer edits) is missing, unreadable or does not match its format.

    The message names the file and, where known, the line and the place in the file, so a trainer can fix it
    without reading Python.

    >>> print(ContentError("'question' is missing", path=Path("checkin.yaml"), line=2))
    checkin.yaml:2: 'question' is missing
    """

    def __init__(self, detail: str, *, path: Path | str | None = None, line: int | None = None,
                 where: str | None = None):
        self.detail = detail
        self.path = Path(path) if path is not None else None
        self.line = line
        self.where = where
        location = ""
        if self.path is not None:
            location = f"{self.path}:{line}: " if line else f"{self.path}: "
        super().__init__(f"{location}{where + ': ' if where else ''}{detail}")
