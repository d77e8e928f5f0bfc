"""The start-here check-in view: a rating, a difficulty, a button, and a tip."""

from __future__ import annotations

import ipywidgets as widgets

from course_lib.checkin import Tip, confidence_tip, load_checkin
from course_lib.widgets.base import Activity, escape


def render_tip(tip: Tip) -> str:
    """The tip as HTML; every piece of text is escaped."""
    return (
        f"<div role='status'><p><b>You said:</b> {tip.confidence} of 5 (&ldquo;{escape(tip.level_label)}&rdquo;).</p>"
        f"<p>{escape(tip.level_advice)}</p>"
        f"<p><b>Try this with &ldquo;{escape(tip.challenge.lower())}&rdquo;:</b> {escape(tip.technique)}</p>"
        f"<p><b>Where to learn more:</b> module {escape(tip.module)} (see the module map above).</p></div>"
    )


class ConfidenceCheckin(Activity):
    """Rate your confidence with an angry customer, name what you find hardest, get a specific tip."""

    def __init__(self):
        content = load_checkin()
        self.question = widgets.HTML(f"<b>{escape(content.question)}</b>")
        self.confidence = widgets.IntSlider(
            value=3, min=1, max=5, description="Confidence (1-5)", style={"description_width": "initial"},
            layout=widgets.Layout(width="320px"),
        )
        self.level_label = widgets.Label()
        self.challenge = widgets.Dropdown(
            options=[(c.label, c.id) for c in content.challenges],
            description="Hardest for me",
            style={"description_width": "initial"},
        )
        self.button = widgets.Button(description="Get my tip", button_style="primary", icon="lightbulb-o")
        self.feedback = widgets.HTML()
        self._levels = content.levels
        self.confidence.observe(self._show_level, names="value")
        self.button.on_click(self._give_tip)
        self._show_level()
        super().__init__(
            [self.question, widgets.HBox([self.confidence, self.level_label]), self.challenge, self.button,
             self.feedback],
            name="confidence check-in",
        )

    def _show_level(self, _change=None) -> None:
        self.level_label.value = self._levels[self.confidence.value]

    def _give_tip(self, _button=None) -> None:
        self.feedback.value = render_tip(confidence_tip(self.confidence.value, self.challenge.value))


def confidence_checkin() -> ConfidenceCheckin:
    """The first activity of the course: ``confidence_checkin()`` in a notebook cell shows it."""
    return ConfidenceCheckin()
