"""The close of the course: a summary of a learner's own record.

``summarise_record(events)`` reads the events of one learner (``course_lib.record.store.events()`` returns them) and
works out what a learner wants to see at the end of a course:

- **activities done**, per module and overall (the same counting as ``my_progress()``: see
  ``course_lib.reports.progress``);
- **quiz scores**: the latest attempt of each quiz, with how many questions were right;
- **role-play endings reached**: every ending met in each role-play, and the latest score;
- **coach exercises attempted**, and how many times;
- **action plans** saved, with how many actions and whether every action passed the check;
- **the self-assessment change** between the first and the latest assessment: which skills rose or fell, by how
  much, and the mean rating of each group of skills;
- **what next**: a few sentences naming the modules not finished, the quizzes and role-plays worth another go,
  and the lowest-rated skills with the modules that build them.

Every part works on an empty record (a learner who skipped everything gets a kind, useful note instead of an
error) and on a record with a single self-assessment. Percentages are 0-100; ratings are 1-5.

>>> import pandas as pd
>>> log = pd.DataFrame({"activity": ["quiz:service_recovery"], "module": ["05"], "verb": ["completed"],
...                     "response": [{"correct": 5, "questions": 6}], "score": [83.3], "success": [True]})
>>> summary = summarise_record(log)
>>> quiz = summary.quizzes.iloc[0]
>>> print(f"{quiz['title']} (module {quiz['module']}): {format_percent(quiz['score'])}, "
...       f"{quiz['correct']} of {quiz['questions']} right")
Complaints and service recovery (module 05): 83.3 %, 5 of 6 right
>>> summary.assessments
0
>>> print(summary.next_steps[-1])
Take the self-assessment (module 01, or again at the end of the capstone): it shows your strengths and the three \
skills to work on next.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from course_lib.errors import CourseError
from course_lib.quizzes import PASS_MARK
from course_lib.record import events as record_events
from course_lib.reports.catalogue import UNREADABLE, Catalogue, load_catalogue
from course_lib.reports.progress import activity_modules, progress_table
from course_lib.roleplays.model import OUTCOMES
from course_lib.skills.assessment import SkillsContent, load_skills

QUIZ_COLUMNS = ["quiz", "title", "module", "attempts", "score", "correct", "questions", "passed"]
ROLEPLAY_COLUMNS = ["scenario", "title", "module", "plays", "endings", "latest_ending", "latest_score",
                    "best_reached"]
COACH_COLUMNS = ["exercise", "title", "module", "attempts", "model_answer_seen"]
PLAN_COLUMNS = ["plan", "title", "module", "actions", "complete"]
SKILL_CHANGE_COLUMNS = ["group", "skill", "before", "now", "change", "modules"]
GROUP_CHANGE_COLUMNS = ["group", "before", "now", "change"]
LOWEST_COLUMNS = ["skill", "rating", "modules"]

_TITLE_PREFIXES = ("Quiz: ", "Role-play: ", "Reply coach: ", "Action plan: ")


@dataclass(frozen=True)
class CourseSummary:
    """What a learner's record says about their course; every table may be empty."""

    events: int  # how many events the record holds for this learner
    progress: pd.DataFrame  # one row per module: module, title, activities, done, completion (%), score (%)
    quizzes: pd.DataFrame  # QUIZ_COLUMNS: the latest attempt of each quiz
    roleplays: pd.DataFrame  # ROLEPLAY_COLUMNS: endings reached (outcome names, first reached first)
    coach: pd.DataFrame  # COACH_COLUMNS: coach exercises attempted
    plans: pd.DataFrame  # PLAN_COLUMNS: action plans saved (the latest save of each)
    assessments: int  # how many self-assessments the record holds
    skill_changes: pd.DataFrame  # SKILL_CHANGE_COLUMNS: skills whose rating changed, first vs latest
    group_changes: pd.DataFrame  # GROUP_CHANGE_COLUMNS: mean rating per group, first vs latest
    lowest: pd.DataFrame  # LOWEST_COLUMNS: the lowest-rated skills in the latest assessment
    next_steps: tuple[str, ...] = field(default=())
    notes: tuple[str, ...] = field(default=())  # one line per content file that could not be read

    @property
    def done(self) -> int:
        """Activities done, all modules together."""
        return int(self.progress["done"].sum())

    @property
    def total(self) -> int:
        """Activities the course offers (that the record knows of), all modules together."""
        return int(self.progress["activities"].sum())

    @property
    def completion(self) -> float:
        """Activities done as a percentage (0-100) of all activities, one decimal."""
        return round(100 * self.done / self.total, 1) if self.total else 0.0

    @property
    def is_empty(self) -> bool:
        """True when the record holds nothing finished: no activity done and no self-assessment."""
        return self.done == 0 and self.assessments == 0

    @property
    def rose(self) -> pd.DataFrame:
        """The skills rated higher in the latest assessment than in the first, the biggest rise first."""
        return self.skill_changes[self.skill_changes["change"] > 0].reset_index(drop=True)

    @property
    def fell(self) -> pd.DataFrame:
        """The skills rated lower in the latest assessment than in the first, the biggest fall first."""
        fell = self.skill_changes[self.skill_changes["change"] < 0]
        return fell.sort_values("change", kind="stable").reset_index(drop=True)

    def headline(self) -> str:
        """One sentence on the whole record.

        >>> summarise_record(pd.DataFrame(columns=["activity", "module", "verb", "response", "score",
        ...                                         "success"])).headline()
        'Your record has no finished activities yet.'
        """
        if self.is_empty:
            return "Your record has no finished activities yet."
        return (f"You have done {self.done} of the course's {self.total} activities "
                f"({format_percent(self.completion)}).")


def format_percent(value: float | None) -> str:
    """A percentage as a learner reads it: whole numbers without decimals, others with one.

    >>> format_percent(62.5), format_percent(80.0), format_percent(float("nan"))
    ('62.5 %', '80 %', 'no score')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "no score"
    value = round(float(value), 1)
    return f"{value:.0f} %" if value == int(value) else f"{value:.1f} %"


def _plain_title(title: str) -> str:
    for prefix in _TITLE_PREFIXES:
        if title.startswith(prefix):
            return title.removeprefix(prefix)
    return title


def _titles(catalogue: pd.DataFrame) -> dict[str, str]:
    return {activity: _plain_title(str(title))
            for activity, title in zip(catalogue["activity"], catalogue["title"], strict=True)}


def quiz_results(events: pd.DataFrame, titles: dict[str, str], modules: dict[str, str]) -> pd.DataFrame:
    """The latest attempt of each quiz finished (QUIZ_COLUMNS), in module order."""
    rows = []
    for quiz, attempts in record_events.quiz_completions(events).groupby("quiz", sort=False):
        latest = attempts.iloc[-1]
        score, success = latest["score"], latest["success"]
        passed = bool(success) if isinstance(success, bool) else (not math.isnan(score) and score >= PASS_MARK)
        rows.append({"quiz": quiz, "title": titles.get(f"quiz:{quiz}", quiz.replace("_", " ")),
                     "module": modules.get(f"quiz:{quiz}"), "attempts": len(attempts), "score": score,
                     "correct": latest["correct"], "questions": latest["questions"], "passed": passed})
    return _sorted(pd.DataFrame(rows, columns=QUIZ_COLUMNS), "quiz")


def _outcome_label(scenario: Any, outcome: str | None, ending: str | None) -> str:
    """The ending as a learner reads it ("Resolved"), from the event or, for older events, the scenario."""
    if outcome in OUTCOMES:
        return OUTCOMES[outcome]
    if ending is None:
        return "an ending"
    try:
        return OUTCOMES[scenario.node(ending).ending.outcome]
    except (CourseError, KeyError, AttributeError, ValueError):
        return ending.replace("_", " ")


def _shipped_scenario(name: str) -> Any:
    from course_lib.roleplays.load import load_scenario

    try:
        return load_scenario(name)
    except UNREADABLE:
        return None


def roleplay_results(events: pd.DataFrame, titles: dict[str, str], modules: dict[str, str],
                     scenarios: dict[str, Any] | None = None) -> pd.DataFrame:
    """Each role-play played to an ending (ROLEPLAY_COLUMNS): the endings reached, the latest ending and score,
    and whether the best ending was ever reached. ``scenarios`` (id -> Scenario) names the endings of older
    events, which recorded no outcome."""
    rows = []
    for scenario, plays in record_events.roleplay_endings(events).groupby("scenario", sort=False):
        content = scenarios.get(scenario) if scenarios is not None else _shipped_scenario(scenario)
        labels = [_outcome_label(content, o, e) for o, e in zip(plays["outcome"], plays["ending"], strict=True)]
        activity = f"roleplay:{scenario}"
        rows.append({"scenario": scenario, "title": titles.get(activity, scenario.replace("_", " ")),
                     "module": modules.get(activity), "plays": len(plays), "endings": tuple(dict.fromkeys(labels)),
                     "latest_ending": labels[-1], "latest_score": plays.iloc[-1]["score"],
                     "best_reached": bool(any(v is True for v in plays["success"]))})
    return _sorted(pd.DataFrame(rows, columns=ROLEPLAY_COLUMNS), "scenario")


def coach_results(events: pd.DataFrame, titles: dict[str, str], modules: dict[str, str]) -> pd.DataFrame:
    """Each coach exercise attempted (COACH_COLUMNS): how many replies were checked, and whether the model
    answer was opened."""
    seen = set(record_events.coach_model_answers(events)["exercise"])
    rows = []
    for exercise, attempts in record_events.coach_attempts(events).groupby("exercise", sort=False):
        activity = f"coach:{exercise}"
        rows.append({"exercise": exercise, "title": titles.get(activity, exercise.replace("_", " ")),
                     "module": modules.get(activity), "attempts": len(attempts),
                     "model_answer_seen": exercise in seen})
    return _sorted(pd.DataFrame(rows, columns=COACH_COLUMNS), "exercise")


def plan_results(events: pd.DataFrame, titles: dict[str, str], modules: dict[str, str]) -> pd.DataFrame:
    """Each action plan saved (PLAN_COLUMNS): the number of actions in its latest save, and whether that save
    passed every check (a complete plan is recorded as ``completed``, a draft as ``responded``)."""
    rows = []
    for plan, saves in record_events.plan_saves(events).groupby("plan", sort=False):
        latest = saves.iloc[-1]
        activity = f"plan:{plan}"
        rows.append({"plan": plan, "title": titles.get(activity, plan.replace("_", " ")),
                     "module": modules.get(activity), "actions": len(latest["actions"]),
                     "complete": bool(latest["complete"])})
    return _sorted(pd.DataFrame(rows, columns=PLAN_COLUMNS), "plan")


def _sorted(table: pd.DataFrame, key: str) -> pd.DataFrame:
    if table.empty:
        return table
    return table.sort_values(["module", key], key=lambda s: s.fillna("99").astype(str),
                             kind="stable").reset_index(drop=True)


def skill_changes(first: dict[str, int], latest: dict[str, int], content: SkillsContent) -> pd.DataFrame:
    """The skills whose rating changed between two assessments (SKILL_CHANGE_COLUMNS), the biggest rise first.

    Skills missing from either assessment (an older skills list) are left out rather than guessed.

    >>> content = load_skills()
    >>> skill_changes({"patience": 2, "empathy": 4}, {"patience": 4, "empathy": 3}, content)[
    ...     ["skill", "before", "now", "change"]]
          skill  before  now  change
    0  Patience       2    4       2
    1   Empathy       4    3      -1
    """
    rows = []
    for skill in content.skills:
        before, now = first.get(skill.id), latest.get(skill.id)
        if before is not None and now is not None and before != now:
            rows.append({"group": skill.group, "skill": skill.name, "before": before, "now": now,
                         "change": now - before, "modules": skill.modules})
    table = pd.DataFrame(rows, columns=SKILL_CHANGE_COLUMNS)
    return table.sort_values("change", ascending=False, kind="stable").reset_index(drop=True)


def group_changes(first: dict[str, int], latest: dict[str, int], content: SkillsContent) -> pd.DataFrame:
    """The mean rating (1-5, one decimal) of each group of skills, first and latest, and the change; only the
    skills rated in both count."""
    rows = []
    for group in content.groups:
        both = [s.id for s in group.skills if s.id in first and s.id in latest]
        if not both:
            continue
        before = round(sum(first[s] for s in both) / len(both), 1)
        now = round(sum(latest[s] for s in both) / len(both), 1)
        # the change of the rounded means, so that it matches the two numbers a learner reads
        rows.append({"group": group.title, "before": before, "now": now, "change": round(now - before, 1)})
    return pd.DataFrame(rows, columns=GROUP_CHANGE_COLUMNS)


def lowest_skills(latest: dict[str, int], content: SkillsContent, n: int = 3) -> pd.DataFrame:
    """The ``n`` lowest-rated skills (file order among equals) with the modules that build them; skills rated 5
    are never listed.

    >>> ratings = {s.id: 4 for s in load_skills().skills} | {"patience": 2, "strong_boundaries": 1}
    >>> lowest_skills(ratings, load_skills(), n=2)
                   skill  rating modules
    0  Strong boundaries       1   (04,)
    1           Patience       2   (04,)
    """
    rated = [s for s in content.skills if isinstance(latest.get(s.id), int) and latest[s.id] < 5]
    chosen = sorted(rated, key=lambda s: latest[s.id])[:n]
    return pd.DataFrame([{"skill": s.name, "rating": latest[s.id], "modules": s.modules} for s in chosen],
                        columns=LOWEST_COLUMNS)


def _module_names(progress: pd.DataFrame) -> dict[str, str]:
    return dict(zip(progress["module"], progress["title"], strict=True))


def _modules_text(modules: tuple[str, ...], names: dict[str, str]) -> str:
    parts = [f"{m} {names[m]}" if m in names else m for m in modules]
    return ("module " if len(parts) == 1 else "modules ") + _join(parts)


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def what_next(progress: pd.DataFrame, quizzes: pd.DataFrame, roleplays: pd.DataFrame, plans: pd.DataFrame,
              assessments: int, lowest: pd.DataFrame, *, empty: bool) -> tuple[str, ...]:
    """A few sentences on what to do next, most useful first."""
    names = _module_names(progress)
    steps = []
    if empty:
        steps.append("Nothing is saved under your pseudonym yet, and that is fine: the course is here whenever you "
                     "are. If you used another pseudonym before, choose it again in module 01 (Your skill map) "
                     "and press Refresh. Otherwise, start with module 01: ten minutes there gives you your skill "
                     "map and shows which modules to take first.")
    offered = progress[progress["activities"] > 0]
    unfinished = offered[offered["done"] < offered["activities"]]
    if not empty and len(offered) and unfinished.empty:
        steps.append("You have done every activity in the course: well done.")
    elif not empty and len(unfinished):
        listed = [f"{row.module} {row.title} ({row.done} of {row.activities} done)"
                  for row in unfinished.head(4).itertuples(index=False)]
        more = len(unfinished) - len(listed)
        if more > 0:
            listed.append(f"{more} more (see the table)")
        steps.append("Modules with activities still open: " + _join(listed) + ".")
    retake = quizzes[~quizzes["passed"].astype(bool)] if len(quizzes) else quizzes
    if len(retake):
        listed = [f"{row.title} (module {row.module}, latest score {format_percent(row.score)})"
                  for row in retake.itertuples(index=False)]
        steps.append(f"Worth another go (the pass mark is {format_percent(PASS_MARK)}): the quiz"
                     + ("zes " if len(listed) > 1 else " ") + _join(listed) + ".")
    replay = roleplays[~roleplays["best_reached"].astype(bool)] if len(roleplays) else roleplays
    if len(replay):
        listed = [f"{row.title} (module {row.module})" for row in replay.itertuples(index=False)]
        steps.append("Play again for the best ending: " + _join(listed) + ".")
    drafts = plans[~plans["complete"].astype(bool)] if len(plans) else plans
    if len(drafts):
        listed = [f"{row.title} (module {row.module})" for row in drafts.itertuples(index=False)]
        steps.append("Finish your action plan" + ("s " if len(listed) > 1 else " ") + _join(listed)
                     + ": its check still lists something missing, such as an owner, a date or a target.")
    if assessments == 0:
        steps.append("Take the self-assessment (module 01, or again at the end of the capstone): it shows your "
                     "strengths and the three skills to work on next.")
    else:
        if assessments == 1:
            steps.append("You have one self-assessment so far: take it again (the capstone has it) to see how "
                         "your ratings changed since you started.")
        if len(lowest):
            listed = [f"{row.skill}, {row.rating} of 5 ({_modules_text(tuple(row.modules), names)})"
                      for row in lowest.itertuples(index=False)]
            steps.append("Your lowest-rated skills now: " + "; ".join(listed) + ". Pick one, reread its module, "
                         "and practise it at work this week.")
    return tuple(steps)


def summarise_record(events: pd.DataFrame, catalogue: pd.DataFrame | Catalogue | None = None,
                     content: SkillsContent | None = None) -> CourseSummary:
    """Summarise one learner's events (the shape ``course_lib.record.store.events()`` returns) for the close of the
    course. ``catalogue`` (a Catalogue, or a table of activity, module, title) defaults to the shipped content's
    activities, ``content`` to the shipped skills list. A content file that cannot be read leaves its activities
    out of the catalogue and adds a line to ``notes``; the rest of the summary is still worked out."""
    full = load_catalogue() if catalogue is None else catalogue
    table = full.activities if isinstance(full, Catalogue) else full
    notes = full.notes if isinstance(full, Catalogue) else ()
    scenarios = full.scenarios if isinstance(full, Catalogue) else None
    content = content or (full.skills if isinstance(full, Catalogue) else None) or _shipped_skills()
    titles = _titles(table)
    modules = activity_modules(events, table)
    progress = progress_table(events, table)
    quizzes = quiz_results(events, titles, modules)
    roleplays = roleplay_results(events, titles, modules, scenarios)
    coach = coach_results(events, titles, modules)
    plans = plan_results(events, titles, modules)
    history = list(record_events.self_assessments(events)["ratings"])
    first, latest = (history[0], history[-1]) if history else ({}, {})
    if len(history) >= 2:
        changed, groups = skill_changes(first, latest, content), group_changes(first, latest, content)
    else:
        changed = pd.DataFrame(columns=SKILL_CHANGE_COLUMNS)
        groups = pd.DataFrame(columns=GROUP_CHANGE_COLUMNS)
    lowest = lowest_skills(latest, content) if history else pd.DataFrame(columns=LOWEST_COLUMNS)
    empty = int(progress["done"].sum()) == 0 and not history
    steps = what_next(progress, quizzes, roleplays, plans, len(history), lowest, empty=empty)
    return CourseSummary(events=len(events), progress=progress, quizzes=quizzes, roleplays=roleplays, coach=coach,
                         plans=plans, assessments=len(history), skill_changes=changed, group_changes=groups,
                         lowest=lowest, next_steps=steps, notes=notes)


def _shipped_skills() -> SkillsContent:
    """The shipped skills list, or an empty one when skills.yaml cannot be read (the catalogue notes why)."""
    try:
        return load_skills()
    except UNREADABLE:
        return SkillsContent(scale={}, groups=())
