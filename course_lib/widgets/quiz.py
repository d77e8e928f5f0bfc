"""The quiz view: one question at a time, the explanation after each answer, a summary at the end, retry.

Every control is a standard, keyboard-operable widget (radio buttons, tick boxes, drop-downs) with a label;
feedback says "Correct" or "Not quite" in words (colour is only a second signal). The grading and the texts come
from ``course_lib.quiz``; each answer is saved with ``course_lib.record.events.quiz_answer``.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from course_lib.quizzes import (
    PASS_MARK,
    Question,
    Quiz,
    Result,
    Summary,
    answer_for_record,
    grade,
    load_quiz,
    missing_answer,
    shown_options,
    shuffled_steps,
    summarise,
)
from course_lib.record import events as record_events
from course_lib.record import store as record
from course_lib.widgets.base import Activity, escape, refresh_note

CHOOSE = "Choose..."
_WIDE = widgets.Layout(width="auto")
_LABEL_STYLE = {"description_width": "initial"}


def render_result(question: Question, result: Result, order: list[int] | None = None) -> str:
    """The feedback after an answer: the verdict in words, then why, for every option, step or pair.

    ``order``: the order the options were shown in (feedback follows it), when they were shuffled.
    """
    verdict = "Correct" if result.correct else "Not quite"
    mark = "&#10004;" if result.correct else "&#10008;"
    rows = []
    parts = [result.parts[i] for i in order] if order is not None else list(result.parts)
    for part in parts:
        status = "Right" if part.right else "Not right"
        if question.type == "single":
            status = "Your answer" if part.chosen == "chosen" else "Other option"
            head = "This is the right answer." if part.expected == "the right answer" else "Not the right answer."
        elif question.type == "multiple":
            head = f"You {'ticked' if part.chosen == 'ticked' else 'did not tick'} it: {status.lower()} " \
                   f"({'it should be ticked' if part.expected == 'tick it' else 'it should be left'})."
        elif question.type == "order":
            head = (f"You put it at {escape(part.chosen)}, where it belongs." if part.right else
                    f"You put it at {escape(part.chosen)}; it belongs at {escape(part.expected)}.")
        elif part.right:
            head = f"You chose &ldquo;{escape(part.chosen)}&rdquo;, the best match."
        else:
            head = (f"You chose &ldquo;{escape(part.chosen)}&rdquo;; the best match is "
                    f"&ldquo;{escape(part.expected)}&rdquo;.")
        rows.append(f"<li><b>{status}:</b> <i>{escape(part.text)}</i><br>{head} {escape(part.feedback)}</li>")
    problem = f"<p>{escape(result.problem)}</p>" if result.problem else ""
    explanation = f"<p>{escape(result.explanation)}</p>" if result.explanation else ""
    return (f"<div role='status'><p><b>{mark} {verdict}</b> (score {result.score:.0f}%)</p>{problem}"
            f"<ul>{''.join(rows)}</ul>{explanation}</div>")


def render_summary(quiz: Quiz, summary: Summary) -> str:
    """The end-of-quiz summary: score, pass or not, and the questions to look at again."""
    review = "".join(f"<li>{escape(prompt)}</li>" for prompt in summary.to_review)
    review_block = (f"<p><b>Worth another look</b> (module {escape(quiz.module)}):</p><ul>{review}</ul>"
                    if review else "<p>Every question fully right. Well done.</p>")
    return (f"<div role='status'><h4>Summary: {escape(quiz.title)}</h4><p>{escape(summary.text())}</p>"
            f"{review_block}</div>")


class QuizActivity(Activity):
    """One quiz: ``quiz("service_recovery")`` in a notebook cell shows it."""

    def __init__(self, quiz: Quiz):
        self.quiz = quiz
        self.title = widgets.HTML(f"<h3>{escape(quiz.title)}</h3><p>{escape(quiz.intro)}</p>")
        self.note = widgets.HTML(escape(record.recording_note()))
        self.progress = widgets.Label()
        self.prompt = widgets.HTML()
        self.answer_box = widgets.VBox()
        self.check_button = widgets.Button(description="Check my answer", button_style="primary",
                                           tooltip="Check the answer and see why each option is right or not")
        self.next_button = widgets.Button(description="Next question", tooltip="Go to the next question")
        self.feedback = widgets.HTML()
        self.summary = widgets.HTML()
        self.retry_button = widgets.Button(description="Try the quiz again", tooltip="Start the quiz again")
        self.check_button.on_click(self._check)
        self.next_button.on_click(self._next)
        self.retry_button.on_click(self._retry)
        self.controls: list[widgets.Widget] = []
        self.results: dict[str, Result] = {}
        self.index = 0
        super().__init__(
            [self.title, self.note, self.progress, self.prompt, self.answer_box,
             widgets.HBox([self.check_button, self.next_button]), self.feedback, self.summary, self.retry_button],
            name=f"quiz '{quiz.title}'",
        )
        self._show_question()

    @property
    def question(self) -> Question:
        return self.quiz.questions[self.index]

    def _controls_for(self, question: Question) -> list[widgets.Widget]:
        if question.type == "single":
            return [widgets.RadioButtons(options=[(question.options[i].text, i) for i in self.option_order],
                                         value=None, description="Your answer", layout=_WIDE, style=_LABEL_STYLE)]
        if question.type == "multiple":
            return [widgets.Checkbox(value=False, description=question.options[i].text, indent=False, layout=_WIDE)
                    for i in self.option_order]
        if question.type == "order":
            steps = [(question.options[i].text, i) for i in shuffled_steps(self.quiz.name, question)]
            return [widgets.Dropdown(options=[(CHOOSE, None), *steps], value=None, description=f"Step {n}",
                                     layout=_WIDE, style=_LABEL_STYLE)
                    for n in range(1, len(steps) + 1)]
        return [widgets.Dropdown(options=[(CHOOSE, None), *[(a, a) for a in question.answers]], value=None,
                                 description=pair.item, layout=_WIDE, style=_LABEL_STYLE)
                for pair in question.pairs]

    def current_answer(self) -> Any:
        """The answer as the controls show it, in the shape ``course_lib.quizzes.grade`` takes."""
        if self.question.type == "single":
            return self.controls[0].value
        if self.question.type == "multiple":
            return sorted(i for i, box in zip(self.option_order, self.controls, strict=True) if box.value)
        return [control.value for control in self.controls]

    def _show_question(self) -> None:
        question = self.question
        self.progress.value = f"Question {self.index + 1} of {len(self.quiz.questions)}"
        hint = {"single": "Choose one answer.", "multiple": "Tick every answer that applies.",
                "order": "Choose which step comes first, second, and so on.",
                "match": "For each situation, choose the best match."}[question.type]
        self.prompt.value = f"<p><b>{escape(question.prompt)}</b></p><p><i>{hint}</i></p>"
        self.option_order = (shown_options(self.quiz.name, question) if question.type in ("single", "multiple")
                             else None)
        self.controls = self._controls_for(question)
        self.answer_box.children = tuple(self.controls)
        self.feedback.value = ""
        self.summary.value = ""
        self.check_button.disabled = False
        self.next_button.disabled = True
        self.next_button.description = ("Next question" if self.index + 1 < len(self.quiz.questions)
                                        else "See my summary")
        self.retry_button.layout.display = "none"

    def _check(self, _button=None) -> None:
        answer = self.current_answer()
        missing = missing_answer(self.question, answer)
        if missing:
            self.feedback.value = f"<div role='status'><p>{escape(missing)}</p></div>"
            return
        result = grade(self.question, answer)
        self.results[self.question.id] = result
        self.feedback.value = render_result(self.question, result, self.option_order)
        for control in self.controls:
            control.disabled = True
        self.check_button.disabled = True
        self.next_button.disabled = False
        record_events.quiz_answer(self.quiz.name, self.question.id, answer_for_record(self.question, answer),
                                  result.score, result.correct, module=self.quiz.module)
        refresh_note(self.note)

    def _next(self, _button=None) -> None:
        if self.index + 1 < len(self.quiz.questions):
            self.index += 1
            self._show_question()
            return
        summary = summarise(self.quiz, self.results)
        self.summary.value = render_summary(self.quiz, summary)
        self.next_button.disabled = True
        self.retry_button.layout.display = None
        record_events.quiz_completed(self.quiz.name, summary.correct, summary.questions, summary.score,
                                     summary.score >= PASS_MARK, module=self.quiz.module)
        refresh_note(self.note)

    def _retry(self, _button=None) -> None:
        self.results = {}
        self.index = 0
        self._show_question()


def quiz(name: str) -> QuizActivity:
    """Take a quiz, one question at a time: ``quiz("service_recovery")``. Your answers go to your record."""
    return QuizActivity(load_quiz(name))
