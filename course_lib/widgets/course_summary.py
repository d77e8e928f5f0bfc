"""The close of the course: a summary of the learner's own record, read again on request.

All the counting is in ``course_lib.course_summary``; this view reads the record, calls it, and sets HTML.
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from course_lib.record import store as record
from course_lib.record.learner import current_learner
from course_lib.reports.course_summary import CourseSummary, format_percent, summarise_record
from course_lib.widgets.base import Activity, escape


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _quizzes(summary: CourseSummary) -> str:
    if summary.quizzes.empty:
        return "<p>No quiz finished yet.</p>"
    items = []
    for row in summary.quizzes.itertuples(index=False):
        right = (f", {int(row.correct)} of {int(row.questions)} right"
                 if pd.notna(row.correct) and pd.notna(row.questions) else "")
        verdict = "passed" if row.passed else "not passed yet"
        tries = f", {row.attempts} attempts" if row.attempts > 1 else ""
        items.append(f"{escape(row.title)} (module {escape(row.module)}): {escape(format_percent(row.score))}"
                     f"{escape(right)}, {verdict}{escape(tries)}")
    return _list(items)


def _roleplays(summary: CourseSummary) -> str:
    if summary.roleplays.empty:
        return "<p>No role-play played to an ending yet.</p>"
    items = []
    for row in summary.roleplays.itertuples(index=False):
        endings = ", ".join(row.endings)
        best = "best ending reached" if row.best_reached else "best ending not reached yet"
        items.append(f"{escape(row.title)} (module {escape(row.module)}): endings reached: {escape(endings)}; "
                     f"latest score {escape(format_percent(row.latest_score))}; {best}")
    return _list(items)


def _coach(summary: CourseSummary) -> str:
    if summary.coach.empty:
        return "<p>No reply checked with the coach yet.</p>"
    items = [f"{escape(row.title)} (module {escape(row.module)}): {row.attempts} "
             f"{'reply' if row.attempts == 1 else 'replies'} checked"
             + ("; model answer read" if row.model_answer_seen else "")
             for row in summary.coach.itertuples(index=False)]
    return _list(items)


def _plans(summary: CourseSummary) -> str:
    if summary.plans.empty:
        return "<p>No action plan saved yet.</p>"
    items = [f"{escape(row.title)} (module {escape(row.module)}): {row.actions} "
             f"{'action' if row.actions == 1 else 'actions'}, "
             + ("complete" if row.complete else "a draft: its check still lists something missing")
             for row in summary.plans.itertuples(index=False)]
    return _list(items)


def _signed(value: float) -> str:
    text = f"{abs(value):g}"
    return f"up {text}" if value > 0 else f"down {text}" if value < 0 else "no change"


def _skills(summary: CourseSummary) -> str:
    if summary.assessments == 0:
        return "<p>No self-assessment yet.</p>"
    if summary.assessments == 1:
        return ("<p>One self-assessment so far, so there is no change to show yet. Take it again to compare.</p>")
    parts = [f"<p>Your first and latest self-assessments ({summary.assessments} in all), on the scale 1 to 5.</p>"]
    if summary.skill_changes.empty:
        parts.append("<p>No rating changed between the two.</p>")
    else:
        for label, table in (("Rose", summary.rose), ("Fell", summary.fell)):
            if table.empty:
                continue
            items = [f"{escape(row.skill)}: {row.before} &rarr; {row.now} ({_signed(row.change)})"
                     for row in table.itertuples(index=False)]
            parts.append(f"<p><b>{label}</b></p>" + _list(items))
    if not summary.group_changes.empty:
        rows = "".join(f"<tr><th scope='row'>{escape(row.group)}</th><td>{row.before:.1f}</td>"
                       f"<td>{row.now:.1f}</td><td>{_signed(row.change)}</td></tr>"
                       for row in summary.group_changes.itertuples(index=False))
        parts.append("<table><caption>Mean rating per group of skills (1 to 5)</caption><thead><tr>"
                     "<th scope='col'>Group</th><th scope='col'>First</th><th scope='col'>Latest</th>"
                     f"<th scope='col'>Change</th></tr></thead><tbody>{rows}</tbody></table>")
    return "".join(parts)


def _progress(summary: CourseSummary) -> str:
    rows = []
    for row in summary.progress.itertuples(index=False):
        if row.activities:
            done = f"{row.done} of {row.activities}"
            completion, score = format_percent(row.completion), format_percent(row.score)
        else:
            done, completion, score = "none recorded", "&ndash;", "&ndash;"
        rows.append(f"<tr><td>{escape(row.module)}</td><td>{escape(row.title)}</td><td>{done}</td>"
                    f"<td>{escape(completion)}</td><td>{escape(score)}</td></tr>")
    return ("<table><caption>Activities done per module (score: the mean of your latest scores)</caption>"
            "<thead><tr><th scope='col'>Module</th><th scope='col'>Title</th><th scope='col'>Activities done</th>"
            "<th scope='col'>Completion</th><th scope='col'>Score</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def render_summary(summary: CourseSummary, learner: str) -> str:
    """The summary as accessible HTML (headings, lists, captioned tables); every piece of text is escaped."""
    steps = _list([escape(step) for step in summary.next_steps])
    if summary.is_empty:
        return (f"<div><h4>Course record of {escape(learner)}</h4>"
                f"<p>{escape(summary.headline())}</p><h4>What next</h4>{steps}</div>")
    return (f"<div><h4>Course record of {escape(learner)}</h4>"
            f"<p>{escape(summary.headline())}</p>"
            f"<h4>Activities done, by module</h4>{_progress(summary)}"
            f"<h4>Quizzes (latest attempt)</h4>{_quizzes(summary)}"
            f"<h4>Role-plays</h4>{_roleplays(summary)}"
            f"<h4>Reply coach</h4>{_coach(summary)}"
            f"<h4>Action plans</h4>{_plans(summary)}"
            f"<h4>Your self-assessment</h4>{_skills(summary)}"
            f"<h4>What next</h4>{steps}</div>")


class CourseSummaryView(Activity):
    """Your whole record at the close of the course; press Refresh after doing more activities."""

    def __init__(self):
        self.note = widgets.HTML()
        self.summary = widgets.HTML()
        self.refresh_button = widgets.Button(description="Refresh", icon="refresh",
                                             tooltip="Read my record again (after doing more activities)")
        self.refresh_button.on_click(self._refresh_clicked)
        self.status = widgets.HTML()
        super().__init__([self.note, self.summary, self.refresh_button, self.status], name="course summary")
        self.refresh()

    def _refresh_clicked(self, _button=None) -> None:
        self.refresh()
        # a short live message, so that a screen-reader user hears that the summary above was read again
        self.status.value = "<p role='status'>Your record was read again; the summary above is up to date.</p>"

    def refresh(self, _button=None) -> None:
        summary = summarise_record(record.my_events())
        notes = [note for note in (record.recording_note(), *summary.notes) if note]
        self.note.value = "".join(f"<p>{escape(note)}</p>" for note in notes)
        self.summary.value = render_summary(summary, current_learner())


def course_summary() -> CourseSummaryView:
    """Your course in one view: activities done, quiz scores, role-play endings, coach exercises, how your
    self-assessment changed, and what to do next: ``course_summary()``."""
    return CourseSummaryView()
