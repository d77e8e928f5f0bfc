"""The registry of content kinds: what each kind of file is called, how it is checked and loaded, and how a file
without a ``kind:`` key is recognised.

A content file says what it is on its first line, e.g. ``kind: quiz``. For a file without that key, the fallback
rule (documented in ``course_lib/content/README.md``) is, in order: its well-known file name (``phrases.yaml`` is
phrases), then its shape (a mapping with ``nodes`` is a scenario, with ``questions`` a quiz, ...); a file
recognised this way gets a warning suggesting to add ``kind:``. Anything else is not recognised.

Functions are named as ``"module:function"`` and imported only when used, so that ``course check`` on one file
imports only that kind's checker.

>>> kind_for({"kind": "quiz", "questions": []}, "anything.yaml")[0].name
'quiz'
>>> kind, warning = kind_for({"format": 1, "questions": []}, "my_quiz.yaml")
>>> kind.name, warning
('quiz', "no 'kind:' key: read as kind 'quiz' because it has 'questions'; add 'kind: quiz' as the first line")
>>> kind_for({"a": 1}, "notes.yaml")
(None, None)
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Kind:
    """One kind of content file.

    ``check`` is ``"module:function"`` of ``function(data, report)``: the cross-reference checks the schema cannot
    do (a ``next`` that exists, a module that exists), reporting with ``report.error(place, message)``. It runs
    only on data that matched the schema, unless ``check_invalid`` is true. ``namer`` names a place
    (``(data, place, message) -> (where, message)``). ``legacy`` is ``"module:function"`` of
    ``function(path) -> list[Problem]`` for a kind not yet on the schema layer (no schema file yet).
    """

    name: str
    title: str
    schema: str | None = None  # the schema file's stem; None: no schema yet (legacy kinds)
    check: str | None = None
    namer: str | None = None
    load: str | None = None  # "module:function" that gives the model of a shipped file (documentation, tests)
    legacy: str | None = None
    file_names: tuple[str, ...] = ()
    shape: tuple[str, ...] = ()
    keys_hint: tuple[str, ...] = ()
    check_invalid: bool = False


def resolve(reference: str) -> Callable:
    """The function named ``"module:function"``."""
    module, _, name = reference.partition(":")
    return getattr(importlib.import_module(module), name)


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    """Add (or replace) a kind in the registry."""
    KINDS[kind.name] = kind
    return kind


register(Kind("scenario", "scenario", schema="scenario", check="course_lib.roleplays.check:check_scenario_links",
              namer="course_lib.roleplays.check:scenario_place", load="course_lib.roleplays.load:load_scenario",
              shape=("nodes",), keys_hint=("id", "title", "nodes"), check_invalid=True))
register(Kind("quiz", "quiz", schema="quiz", check="course_lib.quizzes.load:check_quiz_links",
              namer="course_lib.quizzes.load:quiz_place", load="course_lib.quizzes.load:load_quiz",
              shape=("questions",), keys_hint=("title", "module", "questions"), check_invalid=True))
register(Kind("skills", "skills", schema="skills", check="course_lib.skills.assessment:check_skills_links",
              namer="course_lib.skills.assessment:skills_place", load="course_lib.skills.assessment:load_skills",
              file_names=("skills.yaml",), shape=("groups", "scale"), keys_hint=("sources", "scale", "groups"),
              check_invalid=True))
register(Kind("checkin", "check-in", schema="checkin", check="course_lib.checkin:check_checkin_links",
              namer="course_lib.checkin:checkin_place", load="course_lib.checkin:load_checkin",
              file_names=("checkin.yaml",), shape=("level_advice",),
              keys_hint=("question", "levels", "level_advice", "challenges")))
register(Kind("modules", "modules outline", schema="modules", check="course_lib.contentfile.modules:check_modules",
              namer="course_lib.contentfile.modules:modules_place", load="course_lib.contentfile.modules:known_modules",
              file_names=("modules.yaml",), shape=("modules",), keys_hint=("modules",)))
# Kinds whose own parsers still check them (to be moved onto schemas): their checkers read the file themselves.
register(Kind("phrases", "phrase book", schema="phrases", check="course_lib.coaching.phrase_check:check_phrases_links",
              namer="course_lib.coaching.rules:phrases_place", load="course_lib.coaching.rules:load_phrase_book",
              file_names=("phrases.yaml",), shape=("rules",), keys_hint=("kinds", "rules"), check_invalid=True))
register(Kind("coach_exercises", "coach exercises", schema="coach_exercises",
              check="course_lib.coaching.exercises:check_coach_exercises_links",
              namer="course_lib.coaching.exercises:exercises_place",
              load="course_lib.coaching.exercises:load_exercises",
              file_names=("coach_exercises.yaml",), shape=("exercises",), keys_hint=("exercises",),
              check_invalid=True))
register(Kind("action_plans", "action plans", schema="action_plans",
              check="course_lib.plans.plan_file:check_action_plans_links",
              namer="course_lib.plans.plan_file:plans_place",
              load="course_lib.plans.plan_file:load_plans", file_names=("action_plans.yaml",), shape=("plans",),
              keys_hint=("plans",), check_invalid=True))
register(Kind("themes", "themes", schema="themes", check="course_lib.voice.theme_book:check_themes_links",
              namer="course_lib.voice.theme_book:themes_place", load="course_lib.voice.theme_book:load_themes",
              file_names=("themes.yaml",), shape=("themes",), keys_hint=("themes",), check_invalid=True))


def kind_named(name: str) -> Kind:
    """The registered kind ``name``; KeyError (with a suggestion) for an unknown one."""
    from course_lib.problems import did_you_mean

    if name not in KINDS:
        raise KeyError(f"unknown kind '{name}'{did_you_mean(name, sorted(KINDS))}")
    return KINDS[name]


def kind_for(data: Any, path: Path | str) -> tuple[Kind | None, str | None]:
    """The kind of a file from its content: (kind, a warning when it was guessed), or (None, None).

    A ``kind:`` naming no registered kind gives (None, the reason); call it with a mapping (or anything: a
    non-mapping is never recognised).
    """
    from course_lib.problems import did_you_mean

    if not isinstance(data, dict):
        return None, None
    declared = data.get("kind")
    if declared is not None:
        if isinstance(declared, str) and declared in KINDS:
            return KINDS[declared], None
        return None, f"'kind' is {declared!r}, which is not a kind of content{did_you_mean(declared, sorted(KINDS))}"
    name = Path(path).name
    for kind in KINDS.values():
        if name in kind.file_names:
            return kind, (f"no 'kind:' key: read as kind '{kind.name}' because the file is named '{name}'; "
                          f"add 'kind: {kind.name}' as the first line")
    for kind in KINDS.values():
        if kind.shape and all(key in data for key in kind.shape):
            keys = " and ".join(f"'{key}'" for key in kind.shape)
            return kind, (f"no 'kind:' key: read as kind '{kind.name}' because it has {keys}; "
                          f"add 'kind: {kind.name}' as the first line")
    return None, None
