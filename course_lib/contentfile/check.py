"""`course check`: find every problem in the course's content files, not just the first.

Each kind of content has its own checker; this module finds the files and sends each to the right one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from course_lib.checkin import parse_checkin
from course_lib.contentfile.files import CONTENT_DIR, read_yaml
from course_lib.errors import ContentError
from course_lib.problems import Problem
from course_lib.quizzes.quiz import check_quiz_file
from course_lib.roleplays.check import check_scenario_file
from course_lib.skills.assessment import check_skills_file
from course_lib.voice.themes import check_themes_file


def _check_checkin(path: Path) -> list[Problem]:
    try:
        parse_checkin(read_yaml(path), path)
    except ContentError as err:
        return [Problem(err.path or path, err.line, err.where, err.detail)]
    return []


def _check_phrases(path: Path) -> list[Problem]:
    from course_lib.coaching.reply import check_examples
    from course_lib.coaching.rules import read_phrase_book

    book, problems = read_phrase_book(path)
    if book is not None:
        problems = problems + check_examples(book, path)
    return problems


def _check_action_plans(path: Path) -> list[Problem]:
    from course_lib.plans.actions import check_plans_file

    return check_plans_file(path)


def _check_coach_exercises(path: Path) -> list[Problem]:
    from course_lib.coaching.exercises import check_exercises_file

    return check_exercises_file(path)


# Which checker reads which file, by file name (and, for folders of content, by folder name).
CHECKERS_BY_NAME: dict[str, Callable[[Path], list[Problem]]] = {
    "action_plans.yaml": _check_action_plans,
    "checkin.yaml": _check_checkin,
    "phrases.yaml": _check_phrases,
    "coach_exercises.yaml": _check_coach_exercises,
    "skills.yaml": check_skills_file,
    "themes.yaml": check_themes_file,
}
CHECKERS_BY_FOLDER: dict[str, Callable[[Path], list[Problem]]] = {
    "quizzes": check_quiz_file,
    "scenarios": check_scenario_file,
}


def checker_for(path: Path) -> Callable[[Path], list[Problem]] | None:
    return CHECKERS_BY_NAME.get(path.name) or CHECKERS_BY_FOLDER.get(path.parent.name)


def shipped_content_files() -> list[Path]:
    return sorted(p for p in CONTENT_DIR.rglob("*.yaml") if checker_for(p))


def check_files(paths: Iterable[Path] | None = None) -> list[Problem]:
    """Every problem in the given content files (all shipped content when ``paths`` is None).

    >>> check_files()
    []
    """
    problems: list[Problem] = []
    for path in (shipped_content_files() if paths is None else [Path(p) for p in paths]):
        if path.is_dir():
            problems.extend(check_files(sorted(p for p in path.rglob("*.yaml") if checker_for(p))))
            continue
        checker = checker_for(path)
        if not path.exists():
            problems.append(Problem(path, None, None, "file not found"))
        elif checker is None:
            problems.append(Problem(path, None, None, "not a course content file this checker knows "
                                    "(expected checkin.yaml, or a .yaml file in a folder named scenarios)"))
        else:
            problems.extend(checker(path))
    return problems
