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


class DataError(CourseError):
    """A table (contacts, surveys, customers, or a team's own export) cannot be used as it is.

    The message names the table, the column and the first offending rows, and says what was expected.

    >>> print(DataError("column 'csat' must be from 1 to 5; row 3 holds 6", table="surveys"))
    surveys: column 'csat' must be from 1 to 5; row 3 holds 6
    """

    def __init__(self, detail: str, *, table: str | None = None, column: str | None = None,
                 rows: list | None = None):
        self.detail = detail
        self.table = table
        self.column = column
        self.rows = list(rows) if rows is not None else []
        super().__init__(f"{table + ': ' if table else ''}{detail}")
