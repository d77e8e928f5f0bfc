"""Reply-coach exercises: a message to answer, what to practise, and a model answer (from coach_exercises.yaml).

>>> exercise = get_exercise("late_delivery")
>>> exercise.module, exercise.look_for
('03', ('acknowledges_feelings', 'ownership', 'next_step'))
>>> practice = practise(exercise, "I don't know, you'll have to wait.")
>>> [(p.kind, p.found) for p in practice.focus]
[('acknowledges_feelings', False), ('ownership', False), ('next_step', False)]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from course_lib.coaching.reply import CoachReport, addressed_to, coach
from course_lib.coaching.rules import PhraseBook, load_phrase_book
from course_lib.contentfile.files import content_path, file_version
from course_lib.errors import ContentError
from course_lib.problems import did_you_mean

EXERCISES_FILE = content_path("coach_exercises.yaml")  # where the shipped file is when the package is imported
#: Who the learner writes to; the coach's feedback speaks of them ("the team member's feelings").
AUDIENCES = ("customer", "team member")


@dataclass(frozen=True)
class CoachExercise:
    id: str
    module: str
    title: str
    sender: str
    message: str
    task: str
    look_for: tuple[str, ...]
    model_answer: str
    audience: str = "customer"


@dataclass(frozen=True)
class Focus:
    """One strength the exercise practises, and whether the reply shows it."""

    kind: str
    title: str
    found: bool


@dataclass(frozen=True)
class Practice:
    """The coach's report on a learner's reply, plus how it did on what this exercise practises."""

    exercise: CoachExercise
    report: CoachReport
    focus: tuple[Focus, ...]


def _kind_titles(book: PhraseBook) -> dict[str, str]:
    titles: dict[str, str] = {}
    for rule in book.rules:
        titles.setdefault(rule.kind, rule.title)
    return titles


def exercises_place(data: Any, place: tuple, message: str) -> tuple[str | None, str]:
    """Name a place: ``("exercises", 2, ...)`` is "exercise 'its_id'" (or "exercise 3" without an id)."""
    if len(place) >= 2 and place[0] == "exercises" and isinstance(place[1], int):
        items = data.get("exercises") if isinstance(data, dict) else None
        item = items[place[1]] if isinstance(items, list) and place[1] < len(items) else None
        ex_id = item.get("id") if isinstance(item, dict) else None
        return (f"exercise '{ex_id}'" if isinstance(ex_id, str) else f"exercise {place[1] + 1}"), message
    return None, message


def _exercise(item: dict) -> CoachExercise:
    return CoachExercise(item["id"], item["module"], item["title"].strip(), item["from"].strip(),
                         " ".join(item["message"].split()), " ".join(item["task"].split()), tuple(item["look_for"]),
                         " ".join(item["model_answer"].split()), item.get("audience", "customer"))


def check_coach_exercises_links(data: dict, report) -> None:
    """What the schema cannot check: unique ids, teaching modules of modules.yaml, strengths of phrases.yaml in
    ``look_for``, and a model answer in which the coach finds every ``look_for`` strength and nothing to change
    (learners copy it). Runs on files that break the schema too, so every problem is listed at once."""
    from course_lib.contentfile.modules import unknown_module

    try:
        book = load_phrase_book()
    except ContentError as err:
        report.error(("exercises",), f"look_for and the model answers cannot be checked: phrases.yaml has a problem "
                     f"({err.detail})")
        return
    strengths = sorted(k for k, c in book.kinds.items() if c == "strength")
    seen: dict[str, int] = {}
    items = data.get("exercises")
    for index, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict):
            continue
        here = ("exercises", index)
        ex_id = item.get("id")
        if isinstance(ex_id, str):
            if ex_id in seen:
                report.error(here + ("id",), f"duplicate id '{ex_id}' (first used on line {seen[ex_id]})")
            else:
                seen[ex_id] = report.line(here + ("id",))
        if isinstance(item.get("module"), str) and (problem := unknown_module(item["module"], allow_start=False)):
            report.error(here + ("module",), problem)
        look_for = item.get("look_for") if isinstance(item.get("look_for"), list) else []
        wrong = [kind for kind in look_for if kind not in strengths]
        for position, kind in enumerate(look_for):
            if kind not in strengths:
                report.error(here + ("look_for", position), f"'look_for' has {kind!r}, which is not a strength"
                             f"{did_you_mean(kind, strengths)}")
        start = report.line(here)
        end = report.line(("exercises", index + 1)) if index + 1 < len(items) else float("inf")
        if wrong or any(p.is_error and p.line is not None and start <= p.line < end for p in report.problems):
            continue  # the model answer is checked once the exercise itself is well formed
        exercise = _exercise(item)
        answer = coach(exercise.model_answer, exercise.message, book=book, audience=exercise.audience)
        for change in answer.changes:
            report.error(here + ("model_answer",), f"the model answer contains {change.text!r} ({change.title}): "
                         "rewrite it or the learners will copy it")
        missing = [k for k in exercise.look_for if k not in answer.kinds]
        if missing:
            report.error(here + ("model_answer",), f"the model answer does not show {', '.join(missing)}, which the "
                         "exercise looks for")


@cache
def _load(path: str, _version: tuple[int, int]) -> dict[str, CoachExercise]:
    from course_lib.contentfile.check import load_checked

    return {item["id"]: _exercise(item) for item in load_checked(path, "coach_exercises").data["exercises"]}


def load_exercises(path: Path | str | None = None) -> dict[str, CoachExercise]:
    """The exercises by id (default: the course's coach_exercises.yaml), read again only when the file changes."""
    path = Path(path) if path is not None else content_path("coach_exercises.yaml")
    # (0, 0) for a missing file: the loader then reports it with the file's name
    return _load(str(path), file_version(path) or (0, 0))


def get_exercise(exercise_id: str) -> CoachExercise:
    """One exercise by id; a mistyped id gets a "did you mean".

    >>> get_exercise("late_delivry")
    Traceback (most recent call last):
    ...
    ValueError: no coach exercise 'late_delivry' (did you mean 'late_delivery'?)
    """
    exercises = load_exercises()
    if exercise_id not in exercises:
        raise ValueError(f"no coach exercise {exercise_id!r}{did_you_mean(exercise_id, exercises)}")
    return exercises[exercise_id]


def practise(exercise: CoachExercise, reply: str) -> Practice:
    """Coach a reply to an exercise's message and say which of its target strengths the reply shows."""
    book = load_phrase_book()
    report = coach(reply, exercise.message, book=book, audience=exercise.audience)
    titles = _kind_titles(book)
    focus = tuple(Focus(k, addressed_to(titles.get(k, k), exercise.audience), k in report.kinds)
                  for k in exercise.look_for)
    return Practice(exercise, report, focus)
