"""What every activity view shares: a friendly plain-text form and safe HTML."""

from __future__ import annotations

import ipywidgets as widgets

from course_lib.record.store import recording_note
from course_lib.text import escape


def refresh_note(note: widgets.HTML) -> None:
    """Show in ``note`` whether answers are being saved (empty when they are). Views call it after every save,
    so a note tells of a busy or unusable record, and of its recovery, in a view opened before either.

    >>> note = widgets.HTML("stale")
    >>> refresh_note(note); note.value == escape(recording_note())
    True
    """
    note.value = escape(recording_note())


class Activity(widgets.VBox):
    """A course activity: a VBox whose plain-text form tells a reader what to do.

    A notebook stores only this plain text (the live widget needs a running kernel), so a learner who opens a
    notebook before running it reads a hint instead of an error, and nbval compares a stable line.

    >>> Activity([], name="Check-in")
    Interactive activity: Check-in. Run this cell to use it.
    """

    def __init__(self, children, *, name: str, **kwargs):
        super().__init__(children, **kwargs)
        self.activity_name = name
        self.add_class("course-activity")

    def __repr__(self) -> str:
        return f"Interactive activity: {self.activity_name}. Run this cell to use it."
