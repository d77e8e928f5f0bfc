"""Grading a quiz answer: right or not, a score, feedback for every option, and the end-of-quiz summary.

Answers, as the widget sends them and the record stores them:

- single: the index of the chosen option; multiple: the list of ticked indices;
- order: the list of step indices in the order the learner put them;
- match: for each pair, the answer text the learner chose (a list, in the order of the pairs).

>>> from course_lib.quizzes.load import load_quiz
>>> q = load_quiz("service_recovery")
>>> result = grade(q.question("defensive_helper"), 0)
>>> result.correct, result.score, result.verdict
(True, 100.0, 'Correct')
"""

from __future__ import annotations

import random
import zlib
from typing import Any

from course_lib.quizzes.model import PASS_MARK, OptionFeedback, Question, Quiz, Result, Summary


def shuffled_steps(quiz_name: str, question: Question) -> list[int]:
    """The order the steps of an order question are shown in: shuffled, the same on every run, never correct.

    >>> from course_lib.quizzes.load import load_quiz
    >>> shuffled_steps("service_recovery", load_quiz("service_recovery").question("recovery_steps"))
    [2, 5, 4, 3, 1, 0]
    """
    indices = list(range(len(question.options)))
    rng = random.Random(zlib.crc32(f"{quiz_name}/{question.id}".encode()))
    for _ in range(20):
        rng.shuffle(indices)
        if indices != sorted(indices):
            break
    return indices


def shown_options(quiz_name: str, question: Question) -> list[int]:
    """The order the options of a single or multiple question are shown in: shuffled, the same on every run.

    A trainer writes the right answer wherever it comes naturally (often first); shown in that order, a learner
    could learn where the right answers sit instead of why they are right.

    >>> from course_lib.quizzes.load import load_quiz
    >>> shown_options("service_recovery", load_quiz("service_recovery").question("defensive_helper"))
    [2, 1, 0]
    """
    indices = list(range(len(question.options)))
    random.Random(zlib.crc32(f"{quiz_name}/{question.id}/options".encode())).shuffle(indices)
    return indices


def _ordinal(position: int) -> str:
    return f"position {position}"


def grade(question: Question, answer: Any) -> Result:
    """Grade one answer: right or not, a score 0-100, and feedback for every option, step or pair.

    >>> from course_lib.quizzes.load import load_quiz
    >>> q = load_quiz("service_recovery").question("why_silent")
    >>> r = grade(q, [0, 1, 3])
    >>> r.verdict, round(r.score), [p.right for p in r.parts]
    ('Not quite', 50, [True, True, False, False])
    """
    if question.type == "single":
        if isinstance(answer, bool) or not isinstance(answer, int) or not 0 <= answer < len(question.options):
            raise ValueError(f"question '{question.id}': the answer is the index of one option "
                             f"(0 to {len(question.options) - 1}), not {answer!r}")
        parts = tuple(
            OptionFeedback(o.text, "chosen" if i == answer else "not chosen", (i == answer) == o.correct,
                           "the right answer" if o.correct else "not the right answer", o.feedback)
            for i, o in enumerate(question.options))
        correct = question.options[answer].correct
        return Result(question.id, correct, 100.0 if correct else 0.0, parts, question.explanation)
    if question.type == "multiple":
        ticked = set(answer or [])
        if not all(isinstance(i, int) and 0 <= i < len(question.options) for i in ticked):
            raise ValueError(f"question '{question.id}': the answer is a list of option indices, not {answer!r}")
        parts = tuple(
            OptionFeedback(o.text, "ticked" if i in ticked else "not ticked", (i in ticked) == o.correct,
                           "tick it" if o.correct else "leave it", o.feedback)
            for i, o in enumerate(question.options))
        return _result(question, parts)
    if question.type == "order":
        order = list(answer or [])
        n = len(question.options)
        if len(order) != n or not all(isinstance(i, int) and 0 <= i < n for i in order):
            raise ValueError(f"question '{question.id}': the answer lists all {n} step indices in order, "
                             f"not {answer!r}")
        placed = {step: position for position, step in enumerate(order, start=1)}
        parts = tuple(
            OptionFeedback(o.text, _ordinal(placed[i]) if i in placed else "not placed", placed.get(i) == i + 1,
                           _ordinal(i + 1), o.feedback)
            for i, o in enumerate(question.options))
        used_twice = sorted({question.options[i].text for i in order if order.count(i) > 1})
        problem = (f"You used '{used_twice[0]}' more than once; each step belongs in one place." if used_twice else "")
        result = _result(question, parts)
        return Result(result.question_id, result.correct, result.score, parts, result.explanation, problem)
    chosen = list(answer or [])
    if len(chosen) != len(question.pairs):
        raise ValueError(f"question '{question.id}': the answer has one choice per pair "
                         f"({len(question.pairs)}), not {answer!r}")
    parts = tuple(
        OptionFeedback(p.item, chosen[i] if chosen[i] else "no answer", chosen[i] == p.match, p.match, p.feedback)
        for i, p in enumerate(question.pairs))
    return _result(question, parts)


def _result(question: Question, parts: tuple[OptionFeedback, ...]) -> Result:
    right = sum(p.right for p in parts)
    score = round(100 * right / len(parts), 1)
    return Result(question.id, right == len(parts), score, parts, question.explanation)


def summarise(quiz: Quiz, results: dict[str, Result]) -> Summary:
    """The end-of-quiz summary: how many questions were fully right, the mean score, and what to review.

    >>> from course_lib.quizzes.load import load_quiz
    >>> q = load_quiz("feedback_methods")
    >>> s = summarise(q, {"peer_risk": grade(q.question("peer_risk"), 0)})
    >>> s.correct, s.questions, s.score, s.passed
    (1, 4, 25.0, False)
    """
    scores = [results[q.id].score if q.id in results else 0.0 for q in quiz.questions]
    correct = sum(1 for q in quiz.questions if q.id in results and results[q.id].correct)
    score = round(sum(scores) / len(scores), 1) if scores else 0.0
    review = tuple(q.prompt for q in quiz.questions if q.id not in results or not results[q.id].correct)
    return Summary(correct, len(quiz.questions), score, score >= PASS_MARK, review)


def answer_for_record(question: Question, answer: Any) -> dict[str, Any]:
    """What the record keeps of an answer: the raw answer and its texts, so a debrief can read it unaided."""
    if question.type == "single":
        return {"answer": answer, "text": question.options[answer].text}
    if question.type in ("multiple", "order"):
        return {"answer": list(answer), "text": [question.options[i].text for i in answer]}
    return {"answer": list(answer)}


def missing_answer(question: Question, answer: Any) -> str:
    """What is missing from an answer before it can be checked ('' when it is complete).

    >>> from course_lib.quizzes.load import load_quiz
    >>> missing_answer(load_quiz("service_recovery").question("recovery_steps"), [0, None, 2, 3, 4, 5])
    'Choose a step for every position first (position 2 is empty).'
    """
    if question.type == "single":
        return "Choose an answer first." if answer is None else ""
    if question.type == "multiple":
        return "Tick at least one answer first." if not answer else ""
    empty = [n for n, value in enumerate(answer, start=1) if value is None]
    if not empty:
        return ""
    if question.type == "order":
        return f"Choose a step for every position first (position {empty[0]} is empty)."
    return f"Choose a match for every situation first ({question.pairs[empty[0] - 1].item!r} has none)."
