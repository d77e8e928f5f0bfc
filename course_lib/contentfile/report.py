"""Collect the problems found in one content file, each at its line and named the way a trainer reads it.

A kind's check function gets a :class:`Report` and calls ``report.error(place, message)`` or
``report.warning(place, message)``; a place is the keys and list positions that lead to the value, e.g.
``("questions", 2, "options")``. The report finds the line and asks the kind how to name the place.

>>> from course_lib.contentfile.yaml_read import load_yaml_text
>>> loaded = load_yaml_text("title: Quiz\\nquestions:\\n  - id: a\\n", "q.yaml")
>>> report = Report("q.yaml", loaded.data, loaded.lines)
>>> report.error(("questions", 0, "id"), "the id 'a' is too short")
>>> print(report.problems[0])
q.yaml:3: the id 'a' is too short
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from course_lib.contentfile.lines import LineIndex, Place
from course_lib.problems import Problem

#: How a kind names a place: (data, place, message) -> (where, message), e.g. ("node 'start'", "choice 2: ...").
Namer = Callable[[Any, Place, str], tuple[str | None, str]]


def no_names(data: Any, place: Place, message: str) -> tuple[str | None, str]:
    """The default namer: no "where", the message as it is."""
    return None, message


def data_place(data: Any, place: Place) -> Place:
    """``place`` with each key as it is in ``data``: schema errors name keys as text ("1"), YAML may hold 1."""
    found: list = []
    current = data
    for part in place:
        if isinstance(current, dict) and part not in current:
            part = next((key for key in current if str(key) == str(part)), part)
        found.append(part)
        try:
            current = current[part] if isinstance(current, dict | list) else None
        except (KeyError, IndexError, TypeError):
            current = None
    return tuple(found)


class Report:
    """The problems of one file, in the order they were found (``sorted_problems()`` puts them in file order)."""

    def __init__(self, path: Path | str, data: Any, lines: LineIndex, namer: Namer | None = None):
        self.path, self.data, self.lines = Path(path), data, lines
        self.namer = namer or no_names
        self.problems: list[Problem] = []

    def line(self, place: Place) -> int:
        return self.lines.line(data_place(self.data, tuple(place)))

    def add(self, place: Place, message: str, severity: str, line: int | None = None) -> None:
        place = data_place(self.data, tuple(place))
        try:
            where, message = self.namer(self.data, place, message)
        except Exception:  # noqa: BLE001 - naming a place must never hide the problem itself
            where = None
        self.problems.append(Problem(self.path, line or self.lines.line(place), where, message, severity))

    def error(self, place: Place, message: str, line: int | None = None) -> None:
        self.add(place, message, "error", line)

    def warning(self, place: Place, message: str, line: int | None = None) -> None:
        self.add(place, message, "warning", line)

    def sorted_problems(self) -> list[Problem]:
        order = {"error": 0, "warning": 1}
        return sorted(self.problems, key=lambda p: (p.line or 0, order.get(p.severity, 2)))

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)
