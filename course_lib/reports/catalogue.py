"""The activity catalogue: which activities the shipped content defines, their module and title.

The learner record stores events and knows no content; the reports (progress, course summary, debrief) and the
exports look activities up here. Each content file is read on its own: a file with problems leaves its
activities out (their events still count under the module recorded with them, and show by their id) and adds a
one-line note naming the file, so that one broken quiz never breaks anyone's progress, summary, export or debrief.

>>> catalogue = load_catalogue()
>>> catalogue.modules["quiz:service_recovery"], catalogue.notes
('05', ())
>>> catalogue.titles["roleplay:sofa_delivery"]
'Role-play: The torn sofa'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from course_lib.contentfile.files import CONTENT_DIR, content_path
from course_lib.errors import CourseError
from course_lib.record.events import COMMENT_CODING, COMMENT_CODING_MODULE, SELF_ASSESSMENT, SELF_ASSESSMENT_MODULE

CATALOGUE_COLUMNS = ["activity", "module", "title"]
T = TypeVar("T")

# What a loader may raise for a file it cannot read. Content loaders raise ContentError (a CourseError); the
# others are listed until every loader reports every problem that way, because a learner's record view must open
# whatever a trainer saved.
UNREADABLE = (CourseError, ValueError, TypeError, KeyError, AttributeError)


@dataclass(frozen=True)
class Catalogue:
    """The shipped activities, the scenarios (for the debrief's feedback) and notes on files that could not be
    read."""

    activities: pd.DataFrame  # CATALOGUE_COLUMNS: one row per activity (KIND:NAME)
    titles: dict[str, str]  # activity, or activity/part (a quiz question) -> title
    scenarios: dict[str, Any] = field(default_factory=dict)  # scenario id -> roleplays.model.Scenario
    skills: Any = None  # skills.assessment.SkillsContent, or None when skills.yaml cannot be read
    notes: tuple[str, ...] = ()  # one line per content file that could not be read

    @property
    def modules(self) -> dict[str, str]:
        """Whole activity -> module."""
        return dict(zip(self.activities["activity"], self.activities["module"], strict=True))


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(CONTENT_DIR.parents[1]))
    except ValueError:
        return str(path)


def unreadable_note(path: Path, error: Exception) -> str:
    """One line naming a content file that could not be read and what that means for the learner.

    >>> unreadable_note(CONTENT_DIR / "quizzes" / "q.yaml", ValueError("day is out of range for month"))
    'course_lib/content/quizzes/q.yaml could not be read (day is out of range for month): its activities are shown \
by their id'
    """
    reason = str(error).splitlines()[0] if str(error) else type(error).__name__
    shown = _shown(path)
    for prefix in (f"{path}:", f"{shown}:"):
        reason = reason.removeprefix(prefix).lstrip("0123456789:").strip()
    return f"{shown} could not be read ({reason}): its activities are shown by their id"


def _try(load: Callable[[], T], path: Path, notes: list[str]) -> T | None:
    try:
        return load()
    except UNREADABLE as err:
        notes.append(unreadable_note(path, err))
        return None


def load_catalogue() -> Catalogue:
    """Every activity the shipped content defines, read file by file (see the module docstring)."""
    from course_lib.coaching.exercises import EXERCISES_FILE, load_exercises
    from course_lib.plans.plan_file import PLANS_FILE, load_plans
    from course_lib.quizzes.load import load_quiz, quiz_dir, quiz_names
    from course_lib.roleplays.load import load_scenario, scenario_dir, shipped_scenarios
    from course_lib.skills.assessment import load_skills

    notes: list[str] = []
    rows: list[dict[str, str]] = []
    titles: dict[str, str] = {}

    def add(activity: str, module: str, title: str) -> None:
        rows.append({"activity": activity, "module": module, "title": title})
        titles[activity] = title

    for name in quiz_names():
        quiz = _try(lambda name=name: load_quiz(name), quiz_dir() / f"{name}.yaml", notes)
        if quiz is not None:
            add(f"quiz:{name}", quiz.module, f"Quiz: {quiz.title}")
            titles.update({f"quiz:{name}/{q.id}": q.prompt for q in quiz.questions})
    skills = None
    if content_path("skills.yaml").exists():
        skills = _try(load_skills, content_path("skills.yaml"), notes)
        add(SELF_ASSESSMENT, SELF_ASSESSMENT_MODULE, "Skills self-assessment")
    scenarios = {}
    for name in shipped_scenarios():
        scenario = _try(lambda name=name: load_scenario(name), scenario_dir() / f"{name}.yaml", notes)
        if scenario is not None:
            scenarios[name] = scenario
            add(f"roleplay:{name}", str(scenario.module).zfill(2), f"Role-play: {scenario.title}")
    if content_path("themes.yaml").exists():
        add(COMMENT_CODING, COMMENT_CODING_MODULE, "Code survey comments by hand")
    for plan in (_try(load_plans, content_path(PLANS_FILE), notes) or {}).values():
        add(f"plan:{plan.id}", plan.module, f"Action plan: {plan.title}")
    for exercise in (_try(load_exercises, Path(EXERCISES_FILE), notes) or {}).values():
        add(f"coach:{exercise.id}", exercise.module, f"Reply coach: {exercise.title}")
    return Catalogue(pd.DataFrame(rows, columns=CATALOGUE_COLUMNS), titles, scenarios, skills,
                     tuple(dict.fromkeys(notes)))


def activity_catalogue() -> pd.DataFrame:
    """Every activity the shipped content defines: activity id, module, title (``load_catalogue().activities``).

    >>> catalogue = activity_catalogue()
    >>> catalogue.loc[catalogue["activity"] == "quiz:service_recovery", "module"].item()
    '05'
    """
    return load_catalogue().activities
