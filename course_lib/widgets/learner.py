"""Choose the pseudonym your activities are saved under, without writing code."""

from __future__ import annotations

import ipywidgets as widgets

from course_lib.record import learner as record
from course_lib.record.store import recording_note
from course_lib.widgets.base import Activity, escape


class ChoosePseudonym(Activity):
    def __init__(self):
        current = record.current_learner()
        self.intro = widgets.HTML(
            "<p>Your answers are saved under a <b>pseudonym</b> you choose: a nickname, not your real name. "
            "Nothing else about you is stored.</p>")
        self.name = widgets.Text(value="" if current == record.DEFAULT_LEARNER else current,
                                 placeholder="e.g. Blue Heron", description="My pseudonym",
                                 style={"description_width": "initial"})
        self.save_button = widgets.Button(description="Save my pseudonym", button_style="primary",
                                          tooltip="Save answers under this pseudonym from now on")
        self.feedback = widgets.HTML()
        self.note = widgets.HTML(escape(recording_note()))
        self.save_button.on_click(self._save)
        super().__init__([self.intro, widgets.HBox([self.name, self.save_button]), self.feedback, self.note],
                         name="choose your pseudonym")

    def _save(self, _button=None) -> None:
        try:
            saved = record.set_learner(self.name.value)
        except record.LearnerNameError as err:
            self.feedback.value = f"<div role='status'><p>Not saved: {escape(err)}.</p></div>"
            return
        self.name.value = saved
        self.feedback.value = (f"<div role='status'><p>Saved. From now on your activities are saved as "
                               f"<b>{escape(saved)}</b>, in this and your next notebooks.</p></div>")


def choose_pseudonym() -> ChoosePseudonym:
    """A box to choose the pseudonym your activities are saved under: ``choose_pseudonym()``."""
    return ChoosePseudonym()
