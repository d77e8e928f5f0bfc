"""Code a sample of survey comments by hand, then compare with the keyword tagger and the answer key.

A thin view over :mod:`course_lib.voice.comment_coding`: one comment at a time with a tick box per theme, Previous and
Next to move, and "Compare" to see, comment by comment, your themes, the tagger's (with the word that triggered
each) and the answer key, with every disagreement explained. Agreement is recorded as a score in %.
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from course_lib.data.datasets import load_dataset
from course_lib.record import events as record_events
from course_lib.record import store as record
from course_lib.voice.comment_coding import (
    CodingComparison,
    coding_sample,
    compare_coding,
    unfinished,
)
from course_lib.voice.themes import Theme, load_themes
from course_lib.widgets.base import Activity, escape, refresh_note


def _labels(ids, labels: dict[str, str]) -> str:
    return ", ".join(escape(labels.get(t, t)) for t in ids) or "<i>none</i>"


def render_comparison(result: CodingComparison, themes: tuple[Theme, ...]) -> str:
    """The comparison as HTML: the two scores, then each comment with the three codings and the notes (all text
    escaped; "same as the answer key" / "differs" in words, not only in colour)."""
    labels = {t.id: t.label for t in themes}
    total = len(result.comments)
    parts = [
        "<div role='status'>",
        f"<p><b>You matched the answer key on {result.learner_agreed} of {total} comments "
        f"({result.learner_score:.1f} %). The keyword tagger matched it on {result.tagger_agreed} of {total} "
        f"({result.tagger_score:.1f} %).</b> A comment counts as matched when the themes are exactly the same: "
        "none missing, none extra.</p>",
    ]
    for number, coded in enumerate(result.comments, start=1):
        def verdict(agrees: bool) -> str:
            return "&#10004; same as the answer key" if agrees else "&#10008; differs"
        tagger = ", ".join(f"{escape(m.label)} (word: &lsquo;{escape(m.text)}&rsquo;)" for m in coded.tagger)
        parts.append(
            f"<div style='margin:0.6em 0;padding:0.4em;border-left:3px solid #0072B2'>"
            f"<p><b>Comment {number}:</b> &ldquo;{escape(coded.comment)}&rdquo;</p>"
            "<table><tbody>"
            f"<tr><th style='text-align:left'>You</th><td>{_labels(coded.learner, labels)}</td>"
            f"<td>{verdict(coded.learner_agrees)}</td></tr>"
            f"<tr><th style='text-align:left'>Tagger</th><td>{tagger or '<i>none</i>'}</td>"
            f"<td>{verdict(coded.tagger_agrees)}</td></tr>"
            f"<tr><th style='text-align:left'>Answer key</th><td>{_labels(coded.reference, labels)}</td><td></td></tr>"
            "</tbody></table>"
        )
        if coded.notes:
            parts.append("<ul>" + "".join(f"<li>{escape(note)}</li>" for note in coded.notes) + "</ul>")
        parts.append("</div>")
    parts.append("</div>")
    return "".join(parts)


class CommentCoding(Activity):
    """Tick the themes of each comment in a fixed sample, then compare with the tagger and the answer key."""

    def __init__(self, surveys: pd.DataFrame | None = None, themes: tuple[Theme, ...] | None = None):
        self.themes = themes if themes is not None else load_themes()
        self.sample = coding_sample(surveys if surveys is not None else load_dataset("surveys"), themes=self.themes)
        self.coding: dict[int, set[str]] = {int(c): set() for c in self.sample["contact_id"]}
        self.index = 0
        self._loading = False
        self.note = widgets.HTML(escape(record.recording_note()))
        self.position = widgets.Label()
        self.comment = widgets.HTML()
        self.checks = {t.id: widgets.Checkbox(value=False, description=t.label, indent=False, tooltip=t.description,
                                              layout=widgets.Layout(width="300px"))
                       for t in self.themes}
        for box in self.checks.values():
            box.observe(self._ticked, names="value")
        self.previous_button = widgets.Button(description="Previous comment", icon="arrow-left",
                                              tooltip="Go back to the previous comment")
        self.next_button = widgets.Button(description="Next comment", icon="arrow-right",
                                          tooltip="Go to the next comment")
        self.compare_button = widgets.Button(description="Compare", button_style="primary",
                                             tooltip="Compare your themes with the tagger's and the answer key")
        self.feedback = widgets.HTML()
        self.definitions = widgets.HTML(
            "<details><summary>What each theme means</summary><ul>"
            + "".join(f"<li><b>{escape(t.label)}</b>: {escape(t.description)}</li>" for t in self.themes)
            + "</ul></details>")
        self.previous_button.on_click(self._previous)
        self.next_button.on_click(self._next)
        self.compare_button.on_click(self._compare)
        self._show()
        grid = widgets.GridBox(list(self.checks.values()),
                               layout=widgets.Layout(grid_template_columns="repeat(2, 310px)"))
        super().__init__(
            [self.note, self.position, self.comment, widgets.Label("Themes in this comment (tick every one):"),
             grid, self.definitions,
             widgets.HBox([self.previous_button, self.next_button, self.compare_button]), self.feedback],
            name="code survey comments by hand",
        )

    @property
    def contact_id(self) -> int:
        return int(self.sample["contact_id"].iloc[self.index])

    def _show(self) -> None:
        self._loading = True
        chosen = self.coding[self.contact_id]
        for theme_id, box in self.checks.items():
            box.value = theme_id in chosen
        self._loading = False
        total = len(self.sample)
        self.position.value = f"Comment {self.index + 1} of {total}"
        text = self.sample["comment"].iloc[self.index]
        self.comment.value = f"<blockquote style='font-size:1.1em'>&ldquo;{escape(text)}&rdquo;</blockquote>"
        self.previous_button.disabled = self.index == 0
        self.next_button.disabled = self.index == total - 1

    def _ticked(self, _change=None) -> None:
        if not self._loading:
            self.coding[self.contact_id] = {t for t, box in self.checks.items() if box.value}

    def _previous(self, _button=None) -> None:
        self.index = max(0, self.index - 1)
        self._show()

    def _next(self, _button=None) -> None:
        self.index = min(len(self.sample) - 1, self.index + 1)
        self._show()

    def _compare(self, _button=None) -> None:
        missing = unfinished(self.sample, self.coding)
        if missing:
            self.feedback.value = (
                "<p role='status'><b>Not yet:</b> tick at least one theme for every comment. Comment(s) "
                f"{escape(', '.join(map(str, missing)))} have none ticked yet.</p>")
            return
        result = compare_coding(self.sample, self.coding, self.themes)
        self.feedback.value = render_comparison(result, self.themes)
        record_events.comment_coding(self.coding, result.learner_agreed, result.tagger_agreed,
                                     result.learner_score)
        refresh_note(self.note)


def code_comments() -> CommentCoding:
    """Code twelve of the course's survey comments by hand, then compare with the keyword tagger and the answer
    key: ``code_comments()`` in a notebook cell. The result goes to your record (score: % of comments you coded
    exactly like the answer key)."""
    return CommentCoding()
