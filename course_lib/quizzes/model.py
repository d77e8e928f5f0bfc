"""The quiz format as Python objects: a quiz, its questions (single, multiple, order, match) and what a learner
sees after answering. Reading and checking files is ``load.py``; grading is ``grading.py``."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

QUIZ_FORMAT = 1
TYPES = ("single", "multiple", "order", "match")
#: A quiz counts as passed at this score (percent).
PASS_MARK = 70.0


def unknown(kind: str, value: object, known: Sequence[str]) -> str:
    """"unknown quiz 'x' (did you mean 'y'?)", or the list of what is known.

    >>> unknown("quiz", "servic_recovery", ["service_recovery", "final"])
    "unknown quiz 'servic_recovery' (did you mean 'service_recovery'?)"
    """
    close = difflib.get_close_matches(str(value), list(known), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else (f"; expected one of: {', '.join(known)}" if known else "")
    return f"unknown {kind} '{value}'{hint}"


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Pair:
    item: str
    match: str
    feedback: str


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    prompt: str
    explanation: str = ""
    options: tuple[Option, ...] = ()  # single, multiple; for order: the steps in the right order
    pairs: tuple[Pair, ...] = ()
    distractors: tuple[str, ...] = ()

    @property
    def answers(self) -> tuple[str, ...]:
        """For a match question: every answer the learner can pick, alphabetical (right ones and distractors)."""
        return tuple(sorted({p.match for p in self.pairs} | set(self.distractors), key=str.lower))


@dataclass(frozen=True)
class Quiz:
    name: str
    title: str
    module: str
    intro: str
    questions: tuple[Question, ...]

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(unknown("question", question_id, [q.id for q in self.questions]))


@dataclass(frozen=True)
class OptionFeedback:
    """What the learner sees for one option (or step, or pair) after answering."""

    text: str
    chosen: str  # what the learner did with it: "ticked", "not ticked", "position 3", the answer they picked
    right: bool  # whether the learner got this part right
    expected: str  # what was right: "ticked", "not ticked", "position 2", the right answer
    feedback: str


@dataclass(frozen=True)
class Result:
    question_id: str
    correct: bool
    score: float  # 0-100: the share of the parts the learner got right
    parts: tuple[OptionFeedback, ...]
    explanation: str
    problem: str = ""  # a note on the answer itself (e.g. a step used twice)

    @property
    def verdict(self) -> str:
        return "Correct" if self.correct else "Not quite"


@dataclass(frozen=True)
class Summary:
    correct: int
    questions: int
    score: float  # 0-100, the mean of the question scores
    passed: bool
    to_review: tuple[str, ...]  # prompts of the questions not fully right

    def text(self) -> str:
        """One line for the learner.

        >>> Summary(5, 6, 88.9, True, ("x",)).text()
        '5 of 6 questions fully right (score 88.9%): passed.'
        """
        outcome = "passed" if self.passed else f"not passed yet (the pass mark is {PASS_MARK:.0f}%)"
        return f"{self.correct} of {self.questions} questions fully right (score {self.score:.1f}%): {outcome}."
