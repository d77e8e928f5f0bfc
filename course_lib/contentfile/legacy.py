"""Checkers of the kinds whose own parsers still check them (phrases, coach exercises, action plans, themes).

Each reads its file through the safe reader (``lines.read_yaml_with_lines``), so size, alias and value problems are
reported the same way as for every other kind; a kind moves off this list once it has a schema (``kinds.py``).
"""

from __future__ import annotations

from pathlib import Path

from course_lib.problems import Problem


def check_phrases(path: Path) -> list[Problem]:
    from course_lib.coaching.reply import check_examples
    from course_lib.coaching.rules import read_phrase_book

    book, problems = read_phrase_book(path)
    if book is not None:
        problems = problems + check_examples(book, path)
    return problems


def check_action_plans(path: Path) -> list[Problem]:
    from course_lib.plans.actions import check_plans_file

    return check_plans_file(path)


def check_coach_exercises(path: Path) -> list[Problem]:
    from course_lib.coaching.exercises import check_exercises_file

    return check_exercises_file(path)


def check_themes(path: Path) -> list[Problem]:
    from course_lib.voice.themes import check_themes_file

    return check_themes_file(path)

