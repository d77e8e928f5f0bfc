"""The reply-coach view: a message, a text box, "Check my reply", the feedback, and a model answer after a try.

The view only wires widgets to :func:`course_lib.coaching.exercises.practise`; the HTML is built by the pure
functions below, which are tested without a kernel. Everything the learner typed is escaped; a highlighted span
always carries a text label ("change 1", "strength 2"), so colour is never the only signal.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from course_lib.coaching.exercises import CoachExercise, Practice, get_exercise, practise
from course_lib.coaching.reply import Finding
from course_lib.record import events as record_events
from course_lib.record.store import recording_note
from course_lib.widgets.base import Activity, escape, refresh_note

_STYLE = {"change": "background:#ffe08a", "strength": "background:#c8f0c8", "judgment": "background:#dcdcff"}
_WORD = {"change": "change", "strength": "strength", "judgment": "judgment call"}


def _labels(findings: list[Finding]) -> dict[int, str]:
    """A label per finding ("change 1", "strength 2"), numbered within its category in reading order."""
    counts: dict[str, int] = {}
    labels = {}
    for i, finding in sorted(enumerate(findings), key=lambda pair: (pair[1].start, pair[1].end)):
        counts[finding.category] = counts.get(finding.category, 0) + 1
        labels[i] = f"{_WORD.get(finding.category, finding.category)} {counts[finding.category]}"
    return labels


def highlight(reply: str, findings: list[Finding]) -> str:
    """The reply as HTML: escaped, each finding's span in <mark>, with its label in brackets after it.

    >>> from course_lib.coaching.reply import coach
    >>> report = coach("No <b>way</b>. Let me check.")
    >>> print(highlight(report.reply, list(report.findings)))
    <mark class='coach-change' style='background:#ffe08a'>No</mark> <small>[change 1]</small> &lt;b&gt;way&lt;/b&gt;. \
<mark class='coach-strength' style='background:#c8f0c8'>Let me</mark> <small>[strength 1]</small> check.
    """
    labels = _labels(findings)
    cuts = sorted({0, len(reply), *(f.start for f in findings), *(f.end for f in findings)})
    parts = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = [f for f in findings if f.start <= a and b <= f.end]
        piece = escape(reply[a:b])
        if covering:
            category = covering[0].category
            piece = f"<mark class='coach-{category}' style='{_STYLE.get(category, '')}'>{piece}</mark>"
        parts.append(piece)
        ending = [labels[i] for i, f in enumerate(findings) if f.end == b]
        if ending:
            parts.append(" " + " ".join(f"<small>[{label}]</small>" for label in ending))
    return "".join(parts).replace("\n", "<br>")


def render_practice(practice: Practice) -> str:
    """The whole feedback for one attempt: the highlighted reply, the summary, each finding, the exercise focus."""
    report = practice.report
    findings = list(report.findings)
    labels = _labels(findings)
    html = ["<div role='status' class='coach-feedback'>",
            f"<p><b>Your reply</b> (highlighted parts are labelled):</p><blockquote>{highlight(report.reply, findings)}"
            "</blockquote>"]
    html.append("<ul>" + "".join(f"<li>{escape(line)}</li>" for line in report.summary) + "</ul>")
    for category, heading in (("change", "What to change"), ("strength", "What works"),
                              ("judgment", "A judgment call")):
        items = [(labels[i], f) for i, f in enumerate(findings) if f.category == category]
        if not items:
            continue
        html.append(f"<p><b>{heading}</b></p><ol>")
        for label, f in items:
            better = f" <i>Try instead:</i> {escape(f.suggestion)}" if f.suggestion else ""
            html.append(f"<li><b>[{escape(label)}] &ldquo;{escape(f.text)}&rdquo;</b> ({escape(f.title)}): "
                        f"{escape(f.why)}{better}</li>")
        html.append("</ol>")
    html.append("<p><b>This exercise practises:</b></p><ul>")
    for focus in practice.focus:
        mark = "&#10003; found" if focus.found else "&#10007; not yet"
        html.append(f"<li>{escape(focus.title)}: <b>{mark}</b></li>")
    html.append("</ul></div>")
    return "".join(html)


def render_prompt(exercise: CoachExercise) -> str:
    return (f"<h4>{escape(exercise.title)}</h4>"
            f"<p><b>From:</b> {escape(exercise.sender)}</p>"
            f"<blockquote>&ldquo;{escape(exercise.message)}&rdquo;</blockquote>"
            f"<p><b>Your task:</b> {escape(exercise.task)}</p>")


def render_model_answer(exercise: CoachExercise) -> str:
    return (f"<div class='coach-model'><p><b>A model answer</b> (one good way among many):</p>"
            f"<blockquote>{escape(exercise.model_answer)}</blockquote></div>")


class CoachExerciseView(Activity):
    """Type a reply to a message, check it, read the feedback; the model answer opens after a first attempt."""

    def __init__(self, exercise: CoachExercise, on_event: Callable[[dict], None] | None = None):
        self.exercise = exercise
        self.on_event = on_event
        self.attempts = 0
        self.prompt = widgets.HTML(render_prompt(exercise))
        self.reply = widgets.Textarea(
            description="Your reply", placeholder="Type your reply to the message above",
            rows=6, layout=widgets.Layout(width="100%"), style={"description_width": "initial"},
        )
        self.check_button = widgets.Button(description="Check my reply", button_style="primary",
                                           tooltip="Get feedback on the reply you typed", icon="check")
        self.model_button = widgets.Button(description="Show a model answer", disabled=True,
                                           tooltip="Available after your first attempt", icon="eye")
        self.feedback = widgets.HTML()
        self.model_answer = widgets.HTML()
        self.note = widgets.HTML(escape(recording_note()))
        self.check_button.on_click(self._check)
        self.model_button.on_click(self._show_model)
        super().__init__(
            [self.prompt, self.note, self.reply, widgets.HBox([self.check_button, self.model_button]),
             self.feedback, self.model_answer],
            name=f"reply coach: {exercise.title}",
        )

    def _emit(self, event: str, **details) -> None:
        if self.on_event is not None:
            self.on_event({"activity": "coach_exercise", "exercise": self.exercise.id, "event": event, **details})

    def _check(self, _button=None) -> None:
        if not self.reply.value.strip():
            self.feedback.value = "<p role='status'>Type a reply in the box first, then check it.</p>"
            return
        practice = practise(self.exercise, self.reply.value)
        self.attempts += 1
        self.feedback.value = render_practice(practice)
        self.model_button.disabled = False
        self.model_button.tooltip = "See one good reply to compare with yours"
        # The learner record keeps what was found, not the words typed: a class debrief needs no more.
        record_events.coach_attempt(self.exercise.id, practice.report.kinds, module=self.exercise.module)
        refresh_note(self.note)
        self._emit("checked", attempt=self.attempts, reply=self.reply.value,
                   kinds=practice.report.kinds, changes=len(practice.report.changes))

    def _show_model(self, _button=None) -> None:
        if self.attempts == 0:
            return
        self.model_answer.value = render_model_answer(self.exercise)
        record_events.coach_model_answer_seen(self.exercise.id, module=self.exercise.module)
        refresh_note(self.note)
        self._emit("model_answer_shown", attempt=self.attempts)


def coach_exercise(exercise_id: str, on_event: Callable[[dict], None] | None = None) -> CoachExerciseView:
    """A reply-coach exercise: ``coach_exercise("late_delivery")`` in a notebook cell shows it.

    ``on_event``, if given, is called with a small dict each time the learner checks a reply or opens the model
    answer (for a learner record).
    """
    return CoachExerciseView(get_exercise(exercise_id), on_event)
