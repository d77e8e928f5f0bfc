"""Reply-coach exercises: a message to answer, what to practise, and a model answer (from coach_exercises.yaml).

>>> exercise = get_exercise("late_delivery")
>>> exercise.module, exercise.look_for
('03', ('acknowledges_feelings', 'ownership', 'next_step'))
>>> practice = practise(exercise, "I don't know, you'll have to wait.")
>>> [(p.kind, p.found) for p in practice.focus]
[('acknowledges_feelings', False), ('ownership', False), ('next_step', False)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from course_lib.coaching.reply import CoachReport, addressed_to, coach
from course_lib.coaching.rules import PhraseBook, line_of, load_phrase_book
from course_lib.contentfile.files import content_path, read_yaml
from course_lib.contentfile.lines import check_content_file, read_yaml_with_lines
from course_lib.errors import ContentError
from course_lib.problems import Problem, did_you_mean

EXERCISES_FILE = content_path("coach_exercises.yaml")
#: The modules an exercise may belong to: every module of the course outline (modules.yaml) but 00.
MODULES = tuple(str(m["number"]) for m in read_yaml(content_path("modules.yaml"))["modules"]
                if str(m["number"]) != "00")
KEYS = ("id", "module", "title", "from", "audience", "message", "task", "look_for", "model_answer")
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


def parse_exercises(raw, path: Path | str = EXERCISES_FILE,
                    book: PhraseBook | None = None) -> tuple[dict[str, CoachExercise], list[Problem]]:
    """Check an exercises file: every problem (with its line), and the exercises that are well formed."""
    path = Path(path)
    book = book or load_phrase_book()
    strengths = sorted(k for k, c in book.kinds.items() if c == "strength")
    problems: list[Problem] = []

    def add(line, where, message):
        problems.append(Problem(path, line, where, message))

    if not isinstance(raw, dict) or not isinstance(raw.get("exercises"), list):
        add(None, None, "expected 'format: 1' and a list under 'exercises'")
        return {}, problems
    if raw.get("format") != 1:
        add(line_of(raw, "format"), None, f"'format' must be 1, not {raw.get('format')!r}")
    exercises: dict[str, CoachExercise] = {}
    seen: dict[str, int | None] = {}
    for number, item in enumerate(raw["exercises"], start=1):
        where = f"exercise {number}"
        if not isinstance(item, dict):
            add(line_of(raw["exercises"], number - 1), where, "each exercise must be a set of keys: " + ", ".join(KEYS))
            continue
        before = len(problems)
        ex_id = item.get("id")
        if not isinstance(ex_id, str) or not re.match(r"^[a-z][a-z0-9_]*$", ex_id):
            add(line_of(item, "id"), where, f"'id' must be a short snake_case name, not {ex_id!r}")
        else:
            where = f"exercise '{ex_id}'"
            if ex_id in seen:
                add(line_of(item, "id"), where, f"duplicate id '{ex_id}' (first used on line {seen[ex_id]})")
            seen.setdefault(ex_id, line_of(item, "id"))
        for key in item:
            if key not in KEYS:
                add(line_of(item, key), where, f"unknown key '{key}'{did_you_mean(key, KEYS)}")
        for key in ("title", "from", "message", "task", "model_answer"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                add(line_of(item, key) if key in item else line_of(item), where, f"'{key}' is missing or empty")
        module = str(item.get("module", ""))
        if module not in MODULES:
            add(line_of(item, "module"), where, f"'module' must be one of {', '.join(MODULES)} (in quotes), "
                f"not {item.get('module')!r}")
        audience = item.get("audience", "customer")
        if audience not in AUDIENCES:
            add(line_of(item, "audience"), where,
                f"'audience' must be one of: {', '.join(AUDIENCES)}, not {audience!r}")
        look_for = item.get("look_for")
        if not isinstance(look_for, list) or not look_for:
            add(line_of(item, "look_for") if "look_for" in item else line_of(item), where,
                f"'look_for' must list the strengths to practise, from: {', '.join(strengths)}")
            look_for = []
        for kind in look_for:
            if kind not in strengths:
                add(line_of(item, "look_for"), where, f"'look_for' has {kind!r}, which is not a strength"
                    f"{did_you_mean(kind, strengths)}")
        if len(problems) > before:
            continue
        exercise = CoachExercise(ex_id, module, item["title"].strip(), item["from"].strip(),
                                 " ".join(item["message"].split()), " ".join(item["task"].split()),
                                 tuple(look_for), " ".join(item["model_answer"].split()), audience)
        report = coach(exercise.model_answer, exercise.message, book=book, audience=audience)
        for change in report.changes:
            add(line_of(item, "model_answer"), where,
                f"the model answer contains {change.text!r} ({change.title}): rewrite it or the learners will copy it")
        missing = [k for k in exercise.look_for if k not in report.kinds]
        if missing:
            add(line_of(item, "model_answer"), where,
                f"the model answer does not show {', '.join(missing)}, which the exercise looks for")
        exercises[ex_id] = exercise
    return exercises, problems


def check_exercises_file(path: Path) -> list[Problem]:
    """Every problem in a coach exercises file (for ``course check``)."""
    return check_content_file(path, parse_exercises)


@cache
def load_exercises() -> dict[str, CoachExercise]:
    """The shipped exercises, by id (read once per session)."""
    exercises, problems = parse_exercises(read_yaml_with_lines(EXERCISES_FILE))
    if problems:
        first = problems[0]
        raise ContentError(first.message, path=first.file, line=first.line, where=first.where)
    return exercises


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
