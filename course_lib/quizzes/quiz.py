"""Quizzes: read and check the YAML, grade an answer, explain every option, summarise the attempt.

A quiz file in ``course_lib/content/quizzes/NAME.yaml`` has ``format: 1``, a ``title``, a ``module`` ("05"),
an optional ``intro`` and a list of ``questions``. Each question has an ``id``, a ``type``, a ``prompt``, an
optional ``explanation`` and, by type:

- ``single``: ``options`` (``text``, ``correct``, ``feedback``), exactly one correct;
- ``multiple``: ``options`` as above, at least one correct (the learner ticks every right one);
- ``order``: ``steps`` (``text``, ``feedback``) written in the right order; the learner sees them shuffled;
- ``match``: ``pairs`` (``item``, ``match``, ``feedback``) and optional ``distractors`` (wrong answers).

Answers, as the widget sends them and the record stores them:

- single: the index of the chosen option; multiple: the list of ticked indices;
- order: the list of step indices in the order the learner put them;
- match: for each pair, the answer text the learner chose (a list, in the order of the pairs).

>>> q = load_quiz("service_recovery")
>>> result = grade(q.question("defensive_helper"), 0)
>>> result.correct, result.score, result.verdict
(True, 100.0, 'Correct')
"""

from __future__ import annotations

import difflib
import random
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from course_lib.contentfile.files import CONTENT_DIR, content_path, read_yaml
from course_lib.contentfile.lines import LineDict, LineList, check_content_file, read_yaml_with_lines
from course_lib.errors import ContentError
from course_lib.problems import Problem

QUIZ_DIR = content_path("quizzes")
QUIZ_FORMAT = 1
TYPES = ("single", "multiple", "order", "match")
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
#: A quiz counts as passed at this score (percent).
PASS_MARK = 70.0

_QUIZ_KEYS = {"format", "title", "module", "intro", "questions"}
_QUESTION_KEYS = {
    "single": {"id", "type", "prompt", "explanation", "options"},
    "multiple": {"id", "type", "prompt", "explanation", "options"},
    "order": {"id", "type", "prompt", "explanation", "steps"},
    "match": {"id", "type", "prompt", "explanation", "pairs", "distractors"},
}
_OPTION_KEYS = {"text", "correct", "feedback"}
_STEP_KEYS = {"text", "feedback"}
_PAIR_KEYS = {"item", "match", "feedback"}


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
        raise KeyError(_unknown("question", question_id, [q.id for q in self.questions]))


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


def _unknown(kind: str, value: object, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(str(value), list(known), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else (f"; expected one of: {', '.join(known)}" if known else "")
    return f"unknown {kind} '{value}'{hint}"


# --- checking a quiz file ------------------------------------------------------------------------------------


class _Collector:
    def __init__(self, path: Path):
        self.path = path
        self.problems: list[Problem] = []

    def add(self, line: int | None, where: str | None, message: str, severity: str = "error") -> None:
        self.problems.append(Problem(self.path, line, where, message, severity))


def _text(container: Any, key: str, collect: _Collector, where: str | None, what: str) -> str:
    value = container.get(key) if isinstance(container, dict) else None
    if not isinstance(value, str) or not value.strip():
        line = container.line_of(key) if isinstance(container, LineDict) else None
        collect.add(line, where, f"{what} '{key}' is missing or empty" if value in (None, "") else
                    f"{what} '{key}' should be text, not {type(value).__name__}")
        return ""
    return " ".join(value.split())


def _unknown_keys(mapping: LineDict, allowed: set[str], collect: _Collector, where: str | None) -> None:
    for key in mapping:
        if key not in allowed:
            collect.add(mapping.line_of(key), where, _unknown("key", key, sorted(allowed)))
    for key, line in mapping.duplicates:
        collect.add(line, where, f"key '{key}' appears more than once (only the last one counts)")


def _items(question: LineDict, key: str, minimum: int, collect: _Collector, where: str) -> list[LineDict]:
    items = question.get(key)
    if not isinstance(items, list) or len(items) < minimum:
        collect.add(question.line_of(key), where, f"needs a list '{key}' with at least {minimum} entries")
        return []
    good = []
    for index, item in enumerate(items):
        if not isinstance(item, LineDict):
            line = items.line_of(index) if isinstance(items, LineList) else question.line_of(key)
            collect.add(line, where, f"{key} entry {index + 1} should be a set of keys (text, feedback, ...)")
        else:
            good.append(item)
    return good


def _parse_question(raw: LineDict, collect: _Collector, seen: dict[str, int]) -> Question | None:
    qid = raw.get("id")
    where = f"question '{qid}'" if qid else f"question at line {raw.line}"
    if not isinstance(qid, str) or not ID_PATTERN.match(qid):
        collect.add(raw.line_of("id"), where, "needs an 'id' in snake_case (lower-case letters, digits, _), "
                    f"not {qid!r}" if qid is not None else "'id' is missing")
    elif qid in seen:
        collect.add(raw.line_of("id"), where, f"id '{qid}' is already used by the question at line {seen[qid]}")
    else:
        seen[qid] = raw.line_of("id")
    kind = raw.get("type")
    if kind not in TYPES:
        collect.add(raw.line_of("type"), where, _unknown("type", kind, TYPES) if kind is not None else
                    f"'type' is missing (one of: {', '.join(TYPES)})")
        return None
    _unknown_keys(raw, _QUESTION_KEYS[kind], collect, where)
    prompt = _text(raw, "prompt", collect, where, "the question's")
    explanation = " ".join(str(raw.get("explanation") or "").split())
    problems_before = len(collect.problems)
    options: list[Option] = []
    pairs: list[Pair] = []
    distractors: tuple[str, ...] = ()
    if kind in ("single", "multiple"):
        for number, item in enumerate(_items(raw, "options", 2, collect, where), start=1):
            _unknown_keys(item, _OPTION_KEYS, collect, where)
            text = _text(item, "text", collect, where, f"option {number}:")
            feedback = _text(item, "feedback", collect, where, f"option {number} ('{text[:40]}'):")
            correct = item.get("correct")
            if not isinstance(correct, bool):
                collect.add(item.line_of("correct"), where, f"option {number} ('{text[:40]}'): 'correct' must be "
                            f"true or false, not {correct!r}")
            options.append(Option(text, correct is True, feedback))
        right = sum(o.correct for o in options)
        if options and kind == "single" and right != 1:
            collect.add(raw.line_of("options"), where, f"a single-choice question needs exactly one correct option; "
                        f"this one has {right} (use type 'multiple' for several)")
        if options and kind == "multiple" and right == 0:
            collect.add(raw.line_of("options"), where, "a multiple-select question needs at least one correct option")
    elif kind == "order":
        for number, item in enumerate(_items(raw, "steps", 3, collect, where), start=1):
            _unknown_keys(item, _STEP_KEYS, collect, where)
            text = _text(item, "text", collect, where, f"step {number}:")
            feedback = _text(item, "feedback", collect, where, f"step {number} ('{text[:40]}'):")
            options.append(Option(text, True, feedback))
    else:
        for number, item in enumerate(_items(raw, "pairs", 2, collect, where), start=1):
            _unknown_keys(item, _PAIR_KEYS, collect, where)
            pairs.append(Pair(_text(item, "item", collect, where, f"pair {number}:"),
                              _text(item, "match", collect, where, f"pair {number}:"),
                              _text(item, "feedback", collect, where, f"pair {number}:")))
        raw_distractors = raw.get("distractors", [])
        if not isinstance(raw_distractors, list) or not all(isinstance(d, str) and d.strip() for d in raw_distractors):
            collect.add(raw.line_of("distractors"), where, "'distractors' should be a list of answer texts")
        else:
            distractors = tuple(" ".join(d.split()) for d in raw_distractors)
            clash = sorted(set(distractors) & {p.match for p in pairs})
            if clash:
                collect.add(raw.line_of("distractors"), where, f"distractor '{clash[0]}' is also a right answer")
        if pairs and len({p.match for p in pairs} | set(distractors)) < 2:
            collect.add(raw.line_of("pairs"), where, "a matching question needs at least two different answers")
    texts = [o.text for o in options] + [p.item for p in pairs]
    repeated = sorted({t for t in texts if t and texts.count(t) > 1})
    if repeated:
        collect.add(raw.line, where, f"'{repeated[0][:50]}' appears twice; each option must be different")
    if len(collect.problems) > problems_before or not qid:
        return None
    return Question(str(qid), kind, prompt, explanation, tuple(options), tuple(pairs), distractors)


def parse_quiz(raw: Any, path: Path) -> tuple[Quiz | None, list[Problem]]:
    """Check a parsed quiz file; return the quiz (None if it has errors) and every problem found."""
    collect = _Collector(path)
    if not isinstance(raw, LineDict):
        collect.add(None, None, "a quiz file needs the keys format, title, module and questions")
        return None, collect.problems
    fmt = raw.get("format")
    if fmt is None:
        collect.add(raw.line, None, f"'format' is missing (add 'format: {QUIZ_FORMAT}' at the top)")
    elif not isinstance(fmt, int) or isinstance(fmt, bool) or fmt < 1:
        collect.add(raw.line_of("format"), None, f"'format' should be a whole number like {QUIZ_FORMAT}, not {fmt!r}")
    elif fmt > QUIZ_FORMAT:
        collect.add(raw.line_of("format"), None, f"this file uses quiz format {fmt}; this version of the course "
                    f"reads format {QUIZ_FORMAT}. Update course_lib to use it.")
        return None, collect.problems
    _unknown_keys(raw, _QUIZ_KEYS, collect, None)
    title = _text(raw, "title", collect, None, "the quiz's")
    module = str(raw.get("module", "")).zfill(2) if raw.get("module") is not None else ""
    known_modules = [str(m["number"]) for m in read_yaml(CONTENT_DIR / "modules.yaml")["modules"]]
    if module not in known_modules:
        collect.add(raw.line_of("module"), None, _unknown("module", module, known_modules) if module else
                    "'module' is missing (the module this quiz belongs to, e.g. \"05\")")
    if not ID_PATTERN.match(path.stem):
        collect.add(None, None, "the file name should be snake_case, like service_recovery.yaml")
    raw_questions = raw.get("questions")
    questions: list[Question] = []
    seen: dict[str, int] = {}
    if not isinstance(raw_questions, list) or not raw_questions:
        collect.add(raw.line_of("questions"), None, "'questions' should be a list with at least one question")
    else:
        for index, item in enumerate(raw_questions):
            if not isinstance(item, LineDict):
                collect.add(raw_questions.line_of(index), None, f"question {index + 1} should be a set of keys")
                continue
            question = _parse_question(item, collect, seen)
            if question:
                questions.append(question)
    if any(p.is_error for p in collect.problems):
        return None, collect.problems
    intro = " ".join(str(raw.get("intro") or "").split())
    return Quiz(path.stem, title, module, intro, tuple(questions)), collect.problems


def check_quiz_file(path: Path) -> list[Problem]:
    """Every problem in one quiz file (the checker ``course check`` uses for content/quizzes/)."""
    return check_content_file(path, parse_quiz)


def quiz_names() -> list[str]:
    """The shipped quizzes, by name, sorted.

    >>> names = quiz_names()
    >>> "service_recovery" in names, names == sorted(names)
    (True, True)
    """
    return sorted(p.stem for p in QUIZ_DIR.glob("*.yaml"))


@cache
def load_quiz(name: str) -> Quiz:
    """The quiz ``content/quizzes/NAME.yaml``, checked; a ContentError lists every problem."""
    path = QUIZ_DIR / f"{name}.yaml"
    if not path.exists():
        raise ContentError(_unknown("quiz", name, quiz_names()))
    quiz, problems = parse_quiz(read_yaml_with_lines(path), path)
    if quiz is None:
        raise ContentError("this quiz has problems; run `course check` for the list:\n"
                           + "\n".join(str(p) for p in problems if p.is_error), path=path)
    return quiz


@cache
def quiz_modules() -> dict[str, str]:
    """Which module each shipped quiz belongs to (quizzes with problems are left out)."""
    modules = {}
    for name in quiz_names():
        try:
            modules[name] = load_quiz(name).module
        except ContentError:
            continue
    return modules


# --- presenting and grading ----------------------------------------------------------------------------------


def shuffled_steps(quiz_name: str, question: Question) -> list[int]:
    """The order the steps of an order question are shown in: shuffled, the same on every run, never correct.

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
