"""Read and check quiz files (``content/quizzes/NAME.yaml``) and build :class:`~course_lib.quizzes.model.Quiz`.

The structure is checked by ``content/schemas/quiz.schema.json`` (through ``course_lib.contentfile``); this module
checks what a schema cannot: the module exists, ids are unique, a single question has exactly one right option,
a match question offers at least two different answers, no option is written twice.

>>> quiz = load_quiz("service_recovery")
>>> quiz.module, quiz.question("defensive_helper").type
('05', 'single')
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from course_lib.contentfile.check import check_file_as, check_loaded
from course_lib.contentfile.files import content_path, file_version
from course_lib.contentfile.modules import unknown_module
from course_lib.contentfile.report import Report
from course_lib.contentfile.schema import as_json
from course_lib.contentfile.yaml_read import read_document
from course_lib.errors import ContentError
from course_lib.problems import Problem
from course_lib.quizzes.model import Option, Pair, Question, Quiz, unknown

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
_LISTS = {"single": "options", "multiple": "options", "order": "steps", "match": "pairs"}
_WORD = {"options": "option", "steps": "step", "pairs": "pair"}


def quiz_dir() -> Path:
    """The folder of the shipped quizzes (under ``content_dir()``, so ``COURSE_CONTENT`` moves it)."""
    return content_path("quizzes")


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _as_dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _words(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def quiz_place(data: Any, place: tuple, message: str) -> tuple[str | None, str]:
    """Name a place: ("questions", 2, "steps", 1, ...) is "question 'id'" and a message starting "step 2 ('Two'): "."""
    if len(place) < 2 or place[0] != "questions" or not isinstance(place[1], int):
        return None, message
    questions = _as_list(_as_dict(data).get("questions"))
    question = _as_dict(questions[place[1]]) if place[1] < len(questions) else {}
    qid = question.get("id")
    where = f"question '{qid}'" if isinstance(qid, str) else f"question {place[1] + 1}"
    if len(place) >= 4 and place[2] in _WORD and isinstance(place[3], int):
        items = _as_list(question.get(place[2]))
        item = _as_dict(items[place[3]]) if place[3] < len(items) else {}
        text = _words(item.get("text") if place[2] != "pairs" else item.get("item"))
        label = f"{_WORD[place[2]]} {place[3] + 1}" + (f" ('{text[:40]}')" if text else "")
        message = f"{label}: {message}"
    return where, message


def check_quiz_links(data: dict, report: Report) -> None:
    """What the schema cannot check (runs on any mapping, valid or not, so every problem is found at once)."""
    module = data.get("module")
    if isinstance(module, str):
        problem = unknown_module(module)
        if problem:
            report.error(("module",), problem)
    if report.path.suffix in (".yaml", ".yml") and not ID_PATTERN.match(report.path.stem):
        report.error((), f"the file name '{report.path.name}' should be snake_case, like service_recovery.yaml "
                     "(a quiz is found by its file name)")
    seen: dict[str, int] = {}
    for number, question in enumerate(_as_list(data.get("questions"))):
        if not isinstance(question, dict):
            continue
        here = ("questions", number)
        qid = question.get("id")
        if isinstance(qid, str) and qid in seen:
            report.error(here + ("id",), f"id '{qid}' is already used by the question at line {seen[qid]}")
        elif isinstance(qid, str):
            seen[qid] = report.line(here + ("id",))
        kind = question.get("type")
        items = [_as_dict(item) for item in _as_list(question.get(_LISTS.get(kind, "")))]
        if kind in ("single", "multiple") and items:
            right = sum(item.get("correct") is True for item in items)
            if kind == "single" and right != 1:
                report.error(here + ("options",), "a single-choice question needs exactly one correct option; this "
                             f"one has {right} (use type 'multiple' for several)")
            if kind == "multiple" and right == 0:
                report.error(here + ("options",), "a multiple-select question needs at least one correct option")
        if kind == "match" and items:
            answers = {_words(item.get("match")) for item in items} - {""}
            distractors = {_words(d) for d in _as_list(question.get("distractors"))} - {""}
            clash = sorted(distractors & answers)
            if clash:
                report.error(here + ("distractors",), f"distractor '{clash[0]}' is also a right answer")
            if len(answers | distractors) < 2:
                report.error(here + ("pairs",), "a matching question needs at least two different answers")
        texts = [_words(item.get("item" if kind == "match" else "text")) for item in items]
        repeated = sorted({t for t in texts if t and texts.count(t) > 1})
        if repeated:
            report.error(here, f"'{repeated[0][:50]}' appears twice; each option must be different")


def build_quiz(name: str, data: dict) -> Quiz:
    """The model of quiz data the checker has accepted (no checks here)."""
    questions = []
    for raw in data["questions"]:
        kind = raw["type"]
        items = raw[_LISTS[kind]]
        options = () if kind == "match" else tuple(
            Option(_words(i["text"]), kind == "order" or i["correct"] is True, _words(i["feedback"])) for i in items)
        pairs = tuple(Pair(_words(i["item"]), _words(i["match"]), _words(i["feedback"])) for i in items) \
            if kind == "match" else ()
        distractors = tuple(_words(d) for d in raw.get("distractors", ()))
        questions.append(Question(raw["id"], kind, _words(raw["prompt"]), _words(raw.get("explanation") or ""),
                                  options, pairs, distractors))
    return Quiz(name, _words(data["title"]), data["module"], _words(data.get("intro") or ""), tuple(questions))


def check_quiz_file(path: Path | str) -> list[Problem]:
    """Every problem in one quiz file, read as a quiz whatever its name or folder."""
    return check_file_as(path, "quiz")


def parse_quiz(text_or_data: Any, path: Path | str) -> tuple[Quiz | None, list[Problem]]:
    """(the quiz, or None if it has errors; every problem) for a file already read by ``contentfile``."""
    path = Path(path)
    problems = check_loaded(text_or_data, "quiz", path)
    if any(p.is_error for p in problems):
        return None, problems
    return build_quiz(path.stem, as_json(text_or_data.data)), problems


def quiz_names() -> list[str]:
    """The shipped quizzes, by name, sorted.

    >>> names = quiz_names()
    >>> "service_recovery" in names, names == sorted(names)
    (True, True)
    """
    return sorted(p.stem for p in quiz_dir().glob("*.yaml"))


@lru_cache(maxsize=64)
def _load(path: Path, stamp: tuple[int, int]) -> Quiz:
    loaded = read_document(path)
    if isinstance(loaded, Problem):
        raise ContentError(loaded.message, path=path, line=loaded.line)
    quiz, problems = parse_quiz(loaded, path)
    if quiz is None:
        raise ContentError("this quiz has problems; run `course check` for the list:\n"
                           + "\n".join(str(p) for p in problems if p.is_error), path=path)
    return quiz


def load_quiz(name: str) -> Quiz:
    """The quiz ``content/quizzes/NAME.yaml``, checked; a ContentError lists every problem (read again when the
    file changes)."""
    path = quiz_dir() / f"{name}.yaml"
    version = file_version(path)
    if version is None:
        raise ContentError(unknown("quiz", name, quiz_names()))
    return _load(path, version)


def quiz_modules() -> dict[str, str]:
    """Which module each shipped quiz belongs to (quizzes with problems are left out, so one bad file never
    breaks a learner's progress or summary)."""
    modules = {}
    for name in quiz_names():
        try:
            modules[name] = load_quiz(name).module
        except ContentError:
            continue
    return modules
