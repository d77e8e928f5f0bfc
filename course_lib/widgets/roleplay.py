"""The role-play view: setting, the other person's line, a mood meter, one button per choice, feedback, a debrief.

The view holds no logic: each click calls the engine (:mod:`course_lib.roleplays.engine`) and the view then copies
the engine's state into widget values. Every piece of text is HTML-escaped before it is shown.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from itertools import zip_longest
from typing import Any

import ipywidgets as widgets

from course_lib.record import events as record_events
from course_lib.roleplays.engine import RolePlay, Step, Summary
from course_lib.roleplays.model import Node, Scenario, mood_label
from course_lib.widgets.base import Activity, escape, refresh_note

# Long choices must wrap inside their buttons instead of being cut off with an ellipsis.
_STYLE = (
    "<style>.course-choice{white-space:normal !important;text-align:left !important;height:auto !important;"
    "line-height:1.4 !important;padding:6px 10px !important;}"
    ".course-roleplay table{border-collapse:collapse;} .course-roleplay td,.course-roleplay th{border:1px solid #999;"
    "padding:4px 8px;vertical-align:top;text-align:left;}</style>"
)
_BAR_STYLE = {"calm": "success", "uneasy": "info", "upset": "warning", "angry": "danger", "furious": "danger"}


def render_setting(scenario: Scenario) -> str:
    s = scenario
    return (
        f"<h3>{escape(s.title)}</h3><p><b>You practise:</b> {escape(s.practises)}</p>"
        f"<p><b>Who:</b> {escape(s.setting.who)}<br><b>Where:</b> {escape(s.setting.where)}<br>"
        f"<b>What happened:</b> {escape(s.setting.what_happened)}</p>"
        f"<p><b>{escape(s.persona.name)}:</b> {escape(s.persona.description)}</p>"
    )


def render_node(scenario: Scenario, node: Node) -> str:
    parts = []
    if node.narration:
        parts.append(f"<p><i>{escape(node.narration)}</i></p>")
    parts.append(f"<p><b>{escape(scenario.speaker(node))}:</b> &ldquo;{escape(node.says.strip())}&rdquo;</p>")
    if node.cue:
        parts.append(f"<p><i>({escape(node.cue)})</i></p>")
    return "".join(parts)


def render_mood(mood: int) -> str:
    """The mood in words and numbers, next to the bar (so colour is never the only signal)."""
    return f"<span><b>{mood}/10</b> ({escape(mood_label(mood))}; 0 is calm, 10 is furious)</span>"


def render_feedback(step: Step) -> str:
    change = step.mood_after - step.mood_before
    trend = "calmer" if change < 0 else "more upset" if change > 0 else "no change"
    return (
        f"<div role='status'><p><b>You said:</b> {escape(step.choice.text)}</p>"
        f"<p><b>Why it matters:</b> {escape(step.feedback)}</p>"
        f"<p><b>Mood:</b> {step.mood_before} &rarr; {step.mood_after} ({trend}).</p></div>"
    )


def _steps_cell(step: Step | None) -> str:
    if step is None:
        return "<td></td>"
    return f"<td>{escape(step.choice.text)}<br><i>Why:</i> {escape(step.feedback)}</td>"


def render_summary(summary: Summary) -> str:
    """The ending: outcome and debrief, a scorecard per competency, and the learner's path beside the best path."""
    out = summary.outcome
    rows = "".join(
        f"<tr><td>{escape(s.competency)}</td><td>{s.earned}</td><td>{s.possible}</td><td>{s.percent}%</td>"
        f"<td>{s.best}</td></tr>" for s in summary.scores
    )
    paths = "".join(
        f"<tr><td>{number}</td>{_steps_cell(mine)}{_steps_cell(best)}</tr>"
        for number, (mine, best) in enumerate(zip_longest(summary.path, summary.best_path), start=1)
    )
    return (
        f"<div role='status'><h4>Outcome: {escape(out.outcome_label)}</h4><p>{escape(out.debrief)}</p>"
        "<h4>Scorecard</h4><table><tr><th>Competency</th><th>Your points</th><th>Most your path allowed</th>"
        f"<th>Share</th><th>Best path</th></tr>{rows}</table>"
        f"<h4>Your path and the best path (which ends: {escape(summary.best_outcome.outcome_label)})</h4>"
        f"<table><tr><th>Step</th><th>Your path</th><th>Best path</th></tr>{paths}</table></div>"
    )


class RolePlayActivity(Activity):
    """Play a scenario with buttons.

    Each choice and each ending is saved to the learner record (``course_lib.record.events``). ``on_event`` (optional)
    is called as well, with
    ``{"type": "choice", "scenario", "node", "choice_number", "mood_before", "mood_after", "points"}`` after each
    choice, and ``{"type": "ending", "scenario", "outcome", "scores": {competency: [earned, possible]}}`` when an
    ending is reached.
    """

    def __init__(self, scenario: Scenario | str, on_event: Callable[[dict[str, Any]], None] | None = None):
        self.play = RolePlay(scenario)
        self.on_event = on_event
        self.setting = widgets.HTML(_STYLE + render_setting(self.play.scenario))
        self.mood_bar = widgets.IntProgress(min=0, max=10, description="Mood", style={"description_width": "initial"})
        self.mood_text = widgets.HTML()
        self.feedback = widgets.HTML()
        self.line = widgets.HTML()
        self.choice_box = widgets.VBox()
        self.choice_buttons: list[widgets.Button] = []  # the buttons on show, one per choice on offer
        self._button_pool: list[widgets.Button] = []
        self.back_button = widgets.Button(description="Take back my last answer", icon="undo",
                                          tooltip="Go back one step and choose again")
        self.debrief = widgets.HTML()
        self.note = widgets.HTML()  # whether choices are being saved, refreshed after each one
        refresh_note(self.note)
        self.try_again = widgets.Button(description="Try again", icon="refresh", button_style="primary",
                                        tooltip="Start this conversation again from the beginning")
        self.back_button.on_click(self._back)
        self.try_again.on_click(self._restart)
        self._last_step: Step | None = None
        super().__init__(
            [self.setting, self.note, widgets.HBox([self.mood_bar, self.mood_text]), self.feedback, self.line,
             self.choice_box, self.back_button, self.debrief, self.try_again],
            name=f"role-play '{self.play.scenario.title}'",
        )
        self.add_class("course-roleplay")
        self._show()

    # --- callbacks: call the engine, then show its state -----------------------------------------------------
    def _choose(self, index: int) -> None:
        self._last_step = self.play.choose(index)
        self._emit_choice(self._last_step)
        self._show()

    def _on_choice(self, index: int, _button=None) -> None:
        self._choose(index)

    def _back(self, _button=None) -> None:
        self.play.back()
        self._last_step = None
        self._show()

    def _restart(self, _button=None) -> None:
        self.play.restart()
        self._last_step = None
        self._show()

    def _emit_choice(self, step: Step) -> None:
        scenario = self.play.scenario
        record_events.roleplay_choice(scenario.id, step.node.id, step.choice_number, step.choice.text,
                                      module=scenario.module)
        refresh_note(self.note)
        if self.on_event is not None:
            self.on_event({"type": "choice", "scenario": scenario.id, "node": step.node.id,
                           "choice_number": step.choice_number, "mood_before": step.mood_before,
                           "mood_after": step.mood_after, "points": dict(step.choice.points)})
        if not self.play.is_over:
            return
        summary = self.play.summary()
        record_events.roleplay_ending(scenario.id, self.play.current.id, summary.outcome.outcome, summary.score,
                                      summary.success, module=scenario.module)
        refresh_note(self.note)
        if self.on_event is not None:
            self.on_event({"type": "ending", "scenario": scenario.id, "outcome": summary.outcome.outcome,
                           "scores": {s.competency: [s.earned, s.possible] for s in summary.scores}})

    # --- copying the engine's state into widget values ---------------------------------------------------------
    def _show(self) -> None:
        play = self.play
        self.mood_bar.value = play.mood
        self.mood_bar.bar_style = _BAR_STYLE[mood_label(play.mood)]
        self.mood_text.value = render_mood(play.mood)
        self.feedback.value = render_feedback(self._last_step) if self._last_step else ""
        self.line.value = render_node(play.scenario, play.current)
        # Buttons are reused (only their labels change), so keyboard focus stays in the list of choices.
        choices = play.choices
        while len(self._button_pool) < len(choices):
            button = widgets.Button(layout=widgets.Layout(width="100%", height="auto"))
            button.add_class("course-choice")
            button.on_click(functools.partial(self._on_choice, len(self._button_pool)))
            self._button_pool.append(button)
        for number, (button, choice) in enumerate(zip(self._button_pool, choices, strict=False), start=1):
            button.description = f"{number}. {choice.text.strip()}"
            button.tooltip = f"Say this (choice {number} of {len(choices)})"
        self.choice_buttons = self._button_pool[:len(choices)]
        self.choice_box.children = self.choice_buttons
        self.back_button.layout.display = None if play.can_go_back and not play.is_over else "none"
        self.back_button.disabled = not play.can_go_back or play.is_over
        self.debrief.value = render_summary(play.summary()) if play.is_over else ""
        self.try_again.layout.display = None if play.is_over else "none"
        self.try_again.disabled = not play.is_over


def roleplay(scenario: str, on_event: Callable[[dict[str, Any]], None] | None = None) -> RolePlayActivity:
    """Practise a conversation: ``roleplay("sofa_delivery")`` in a notebook cell shows the role-play.

    >>> roleplay("sofa_delivery")
    Interactive activity: role-play 'The torn sofa'. Run this cell to use it.
    """
    return RolePlayActivity(scenario, on_event=on_event)
