"""The 'my progress' view: a table of modules, what is done and the scores, refreshed on request."""

from __future__ import annotations

import math

import ipywidgets as widgets
import pandas as pd

from course_lib.record import store as record
from course_lib.record.learner import current_learner
from course_lib.reports.catalogue import load_catalogue
from course_lib.reports.progress import progress_table
from course_lib.widgets.base import Activity, escape


def _cell(value: float, suffix: str = "%") -> str:
    return "&ndash;" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.0f}{suffix}"


def render_progress(table: pd.DataFrame, learner: str) -> str:
    """The progress table as accessible HTML (a caption, header cells, numbers in words where empty)."""
    rows = "".join(
        f"<tr><td>{escape(row.module)}</td><td>{escape(row.title)}</td>"
        f"<td>{row.done} of {row.activities}</td><td>{_cell(row.completion)}</td><td>{_cell(row.score)}</td></tr>"
        for row in table.itertuples(index=False))
    return (f"<table><caption>Progress of {escape(learner)} (scores are the latest attempt)</caption>"
            "<thead><tr><th scope='col'>Module</th><th scope='col'>Title</th><th scope='col'>Activities done</th>"
            "<th scope='col'>Completion</th><th scope='col'>Score</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


class MyProgress(Activity):
    def __init__(self):
        self.note = widgets.HTML()
        self.table = widgets.HTML()
        self.refresh_button = widgets.Button(description="Refresh", tooltip="Read my record again",
                                             icon="refresh")
        self.refresh_button.on_click(self.refresh)
        super().__init__([self.note, self.table, self.refresh_button], name="my progress")
        self.refresh()

    def refresh(self, _button=None) -> None:
        catalogue = load_catalogue()
        notes = [note for note in (record.recording_note(), *catalogue.notes) if note]
        self.note.value = "".join(f"<p>{escape(note)}</p>" for note in notes)
        self.table.value = render_progress(progress_table(record.my_events(), catalogue), current_learner())


def my_progress() -> MyProgress:
    """Your completion and scores per module, from your learner record: ``my_progress()``."""
    return MyProgress()
