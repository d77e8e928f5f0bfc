"""The skills self-assessment view: one labelled drop-down per skill, grouped; save; see the profile chart,
strengths, three priorities with their modules, and what changed since last time."""

from __future__ import annotations

import io

import ipywidgets as widgets

from course_lib.record import events as record_events
from course_lib.record import store as record
from course_lib.skills.assessment import (
    SkillsContent,
    assessments_in,
    changes,
    check_ratings,
    load_skills,
    priorities,
    profile_figure,
    strengths,
)
from course_lib.widgets.base import Activity, escape, refresh_note

_WIDE = widgets.Layout(width="95%")


def figure_png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def render_results(ratings: dict[str, int], previous: dict[str, int] | None, content: SkillsContent) -> str:
    """Strengths, priorities (with the next level and the modules) and changes, as escaped HTML."""
    strong = strengths(ratings, content=content)
    strong_html = ("".join(f"<li>{escape(s.name)} ({ratings[s.id]} of 5)</li>" for s in strong)
                   or "<li>No skill rated 4 or 5 yet: your priorities below are the place to start.</li>")
    priority_html = "".join(
        f"<li><b>{escape(p.skill.name)}</b> (now {p.rating} of 5). Next level: {escape(p.next_level)} "
        f"Modules: {escape(', '.join(p.modules))}.</li>" for p in priorities(ratings, content=content))
    if previous is None:
        change_html = "<p>This is your first self-assessment. Take it again later to see your progress.</p>"
    else:
        changed = changes(previous, ratings, content)
        items = "".join(f"<li>{escape(row.skill)}: {row.before} &rarr; {row.now} "
                        f"({'up' if row.change > 0 else 'down'} {abs(row.change)})</li>"
                        for row in changed.itertuples(index=False))
        change_html = (f"<p><b>Since your previous assessment</b></p><ul>{items}</ul>" if items
                       else "<p>No change since your previous assessment.</p>")
    return (f"<div role='status'><p><b>Your strengths</b></p><ul>{strong_html}</ul>"
            f"<p><b>Your three development priorities</b></p><ol>{priority_html}</ol>{change_html}</div>")


class SelfAssessment(Activity):
    """Rate yourself on every manager skill; the result is saved to your learner record."""

    def __init__(self, content: SkillsContent | None = None):
        self.content = content or load_skills()
        self.note = widgets.HTML(escape(record.recording_note()))
        self.intro = widgets.HTML(
            "<p>For each skill, choose the description that sounds most like what you <i>do</i> today. "
            "There are no right answers; the result is for you.</p>")
        history = assessments_in(record.my_events())
        self.previous = history[-1] if history else None
        self.dropdowns: dict[str, widgets.Dropdown] = {}
        rows: list[widgets.Widget] = []
        for group in self.content.groups:
            rows.append(widgets.HTML(f"<h4>{escape(group.title)}</h4>"))
            for skill in group.skills:
                options = [("Choose a level...", None)] + [
                    (f"{n} {self.content.scale[n]}: {skill.levels[n]}", n) for n in skill.levels]
                dropdown = widgets.Dropdown(options=options, description=skill.name,
                                            value=(self.previous or {}).get(skill.id), layout=_WIDE,
                                            style={"description_width": "220px"})
                self.dropdowns[skill.id] = dropdown
                rows.append(dropdown)
        self.save_button = widgets.Button(description="Save my self-assessment", button_style="primary",
                                          tooltip="Save the ratings to your record and see your profile",
                                          layout=widgets.Layout(width="auto"))
        self.save_button.on_click(self._save)
        self.message = widgets.HTML()
        self.chart = widgets.Image(format="png", layout=widgets.Layout(max_width="800px"))
        self.chart.layout.display = "none"
        self.results = widgets.HTML()
        super().__init__([self.note, self.intro, *rows, self.save_button, self.message, self.chart, self.results],
                         name="skills self-assessment")

    def ratings(self) -> dict[str, int]:
        return {skill_id: d.value for skill_id, d in self.dropdowns.items() if d.value is not None}

    def _save(self, _button=None) -> None:
        try:
            ratings = check_ratings(self.ratings(), self.content)
        except ValueError as err:
            self.message.value = f"<div role='status'><p>{escape(str(err).capitalize())}.</p></div>"
            return
        previous = self.previous
        record_events.self_assessment(ratings)
        refresh_note(self.note)
        self.message.value = ("<div role='status'><p>Saved to your record.</p></div>"
                              if record.record_state() == "saving" else
                              f"<div role='status'><p>{escape(record.recording_note())}</p></div>")
        self.chart.value = figure_png(profile_figure(ratings, previous, self.content))
        self.chart.layout.display = None
        self.results.value = render_results(ratings, previous, self.content)
        self.previous = ratings


def self_assessment() -> SelfAssessment:
    """Rate yourself on the manager skills and see your profile, strengths and priorities: ``self_assessment()``."""
    return SelfAssessment()

