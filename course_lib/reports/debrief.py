"""The trainer's class debrief: what a whole class chose, got wrong and found hard, without names.

It reads events (``course_lib.record.export.load_events`` combines a shared classroom record and CSV exports)
through the readers of :mod:`course_lib.record.events`, the one place that knows the shape of each event, and
checks them against the shipped content (:mod:`course_lib.reports.catalogue`): the feedback shown for a
role-play option is the scenario's own, and an event whose scenario, decision, option or ending does not exist
in the content is counted under "events that match no shipped content", never mixed into the tables.

Only each learner's *first* try counts for decisions, endings and quiz items (it shows the class's instinct, not
what they learnt from the feedback), and the latest self-assessment per learner counts for the group profile. No
pseudonym appears in any table.

>>> import tempfile, pathlib
>>> from course_lib.record.export import load_events
>>> from course_lib.reports.demo_class import synthetic_classroom
>>> path = synthetic_classroom(pathlib.Path(tempfile.mkdtemp()) / "class.sqlite", learners=6)
>>> summary = class_summary(load_events([path]))
>>> summary.learners, len(summary.roleplay) > 0, len(summary.unmatched)
(6, True, 0)
>>> list(summary.quiz.columns)
['quiz', 'question', 'learners', 'right first time', 'mean score']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from course_lib.chart_text import literal_chart
from course_lib.record import events as record_events
from course_lib.reports.catalogue import UNREADABLE, Catalogue, load_catalogue
from course_lib.roleplays.model import OUTCOMES
from course_lib.skills.assessment import SkillsContent, load_skills


@dataclass(frozen=True)
class ClassSummary:
    learners: int
    events: int
    roleplay: pd.DataFrame  # scenario, decision, choice, option, learners, share (%), feedback
    quiz: pd.DataFrame  # quiz, question, learners, right first time (%), mean score (%)
    coach: pd.DataFrame  # finding, attempts, share of attempts (%), learners
    skills: pd.DataFrame  # group, skill, mean rating, lowest, highest, learners
    skill_groups: pd.DataFrame  # group, mean rating, learners
    coding: pd.DataFrame = field(default_factory=pd.DataFrame)  # comment, answer key, learners, matched key (%)
    plans: pd.DataFrame = field(default_factory=pd.DataFrame)  # plan, measure, actions, learners
    endings: pd.DataFrame = field(default_factory=pd.DataFrame)  # ENDING_COLUMNS
    unmatched: pd.DataFrame = field(default_factory=pd.DataFrame)  # UNMATCHED_COLUMNS
    notes: tuple[str, ...] = ()  # one line per content file that could not be read


def _first_per_learner(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return frame.sort_values("timestamp", kind="stable").drop_duplicates(["learner", *keys], keep="first")


def _shipped_scenarios() -> dict[str, Any]:
    return load_catalogue().scenarios


def choice_problem(scenarios: Mapping[str, Any], scenario: str, node: str, choice: int) -> str:
    """Why a recorded decision matches no shipped content ('' when it does): the scenario, the decision (node) or
    the option (0-based position in the node's list of choices) does not exist."""
    if scenario not in scenarios:
        return f"scenario '{scenario}' is not shipped"
    try:
        options = scenarios[scenario].node(node).choices
    except KeyError:
        return f"decision '{node}' does not exist in scenario '{scenario}'"
    if not 0 <= choice < len(options):
        return f"decision '{node}' of scenario '{scenario}' has no option {choice + 1}"
    return ""


def ending_problem(scenarios: Mapping[str, Any], scenario: str, ending: str | None) -> str:
    """Why a recorded ending matches no shipped content ('' when it does)."""
    if scenario not in scenarios:
        return f"scenario '{scenario}' is not shipped"
    try:
        node = scenarios[scenario].node(str(ending))
    except KeyError:
        node = None
    if node is None or not node.is_ending:
        return f"'{ending}' is not an ending of scenario '{scenario}'"
    return ""


def roleplay_choices(events: pd.DataFrame, scenarios: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """How the class chose at each role-play decision: one row per option chosen, with the share (%) of the
    learners who reached that decision and the option's feedback from the scenario (``scenarios``: id ->
    Scenario, the shipped ones when None). Decisions that match no shipped content are left out (see
    :func:`unmatched_events`)."""
    columns = ["scenario", "decision", "choice", "option", "learners", "share", "feedback"]
    scenarios = _shipped_scenarios() if scenarios is None else scenarios
    chose = record_events.roleplay_choices(events).rename(columns={"node": "decision", "text": "option"})
    chose = chose[[not choice_problem(scenarios, s, n, c)
                   for s, n, c in zip(chose["scenario"], chose["decision"], chose["choice"], strict=True)]]
    if chose.empty:
        return pd.DataFrame(columns=columns)
    first = _first_per_learner(chose, ["scenario", "decision"])
    reached = first.groupby(["scenario", "decision"])["learner"].nunique()
    table = (first.groupby(["scenario", "decision", "choice"], sort=False)
             .agg(option=("option", "first"), learners=("learner", "nunique")).reset_index())
    table["share"] = [round(100 * row.learners / reached[(row.scenario, row.decision)], 1)
                      for row in table.itertuples()]
    table["feedback"] = [scenarios[row.scenario].node(row.decision).choices[row.choice].feedback
                         for row in table.itertuples()]
    order = first.drop_duplicates(["scenario", "decision"])[["scenario", "decision"]].reset_index(drop=True)
    order["decision_order"] = range(len(order))
    table = table.merge(order, on=["scenario", "decision"])
    table = table.sort_values(["decision_order", "choice"]).drop(columns="decision_order")
    return table[columns].reset_index(drop=True)


ENDING_COLUMNS = ["scenario", "ending", "outcome", "learners", "share"]


def roleplay_endings(events: pd.DataFrame, scenarios: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """Where the class's first play of each role-play ended: one row per ending reached, with its outcome
    ("Resolved"), how many learners and their share (%) of the learners who finished that role-play."""
    scenarios = _shipped_scenarios() if scenarios is None else scenarios
    ended = record_events.roleplay_endings(events)
    ended = ended[[not ending_problem(scenarios, s, e) for s, e in zip(ended["scenario"], ended["ending"],
                                                                        strict=True)]]
    if ended.empty:
        return pd.DataFrame(columns=ENDING_COLUMNS)
    first = _first_per_learner(ended, ["scenario"])
    table = first.groupby(["scenario", "ending"]).agg(learners=("learner", "nunique")).reset_index()
    finished = first.groupby("scenario")["learner"].nunique()
    table["share"] = [round(100 * row.learners / finished[row.scenario], 1) for row in table.itertuples()]
    table["outcome"] = [OUTCOMES.get(scenarios[row.scenario].node(row.ending).ending.outcome, "")
                        for row in table.itertuples()]
    return table.sort_values(["scenario", "learners", "ending"], ascending=[True, False, True]).reset_index(
        drop=True)[ENDING_COLUMNS]


UNMATCHED_COLUMNS = ["activity", "problem", "events", "learners"]


def unmatched_events(events: pd.DataFrame, scenarios: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """The role-play events that match no shipped content (a scenario, decision, option or ending that does not
    exist, e.g. recorded with an older version of a scenario): what is wrong, how many events and learners."""
    scenarios = _shipped_scenarios() if scenarios is None else scenarios
    chose = record_events.roleplay_choices(events)
    ended = record_events.roleplay_endings(events)
    rows = [{"activity": f"roleplay:{s}", "problem": choice_problem(scenarios, s, n, c), "learner": learner}
            for s, n, c, learner in zip(chose["scenario"], chose["node"], chose["choice"], chose["learner"],
                                        strict=True)]
    rows += [{"activity": f"roleplay:{s}", "problem": ending_problem(scenarios, s, e), "learner": learner}
             for s, e, learner in zip(ended["scenario"], ended["ending"], ended["learner"], strict=True)]
    rows = [row for row in rows if row["problem"]]
    if not rows:
        return pd.DataFrame(columns=UNMATCHED_COLUMNS)
    table = (pd.DataFrame(rows).groupby(["activity", "problem"])
             .agg(events=("learner", "size"), learners=("learner", "nunique")).reset_index())
    return table.sort_values(["events", "activity", "problem"], ascending=[False, True, True]).reset_index(
        drop=True)[UNMATCHED_COLUMNS]


def hardest_quiz_items(events: pd.DataFrame) -> pd.DataFrame:
    """Each quiz question, hardest first: how many learners answered, the share right at the first try (%), and
    the mean score of first tries (%)."""
    columns = ["quiz", "question", "learners", "right first time", "mean score"]
    answered = record_events.quiz_answers(events)
    if answered.empty:
        return pd.DataFrame(columns=columns)
    first = _first_per_learner(answered, ["quiz", "question"])
    first = first.assign(right=first["success"].map(lambda v: 100.0 if v is True else 0.0))
    table = (first.groupby(["quiz", "question"])
             .agg(learners=("learner", "nunique"), **{"right first time": ("right", "mean")},
                  **{"mean score": ("score", "mean")}).reset_index())
    table["right first time"] = table["right first time"].round(1)
    table["mean score"] = table["mean score"].round(1)
    return table.sort_values(["right first time", "mean score", "quiz", "question"]).reset_index(drop=True)[columns]


def coach_findings(events: pd.DataFrame) -> pd.DataFrame:
    """The kinds of finding the reply coach raised, most frequent first: attempts with it, their share of all
    coach attempts (%), and how many learners met it."""
    columns = ["finding", "attempts", "share of attempts", "learners"]
    attempts = record_events.coach_attempts(events)
    found = attempts.explode("findings").dropna(subset=["findings"])
    if found.empty:
        return pd.DataFrame(columns=columns)
    table = (found.groupby("findings").agg(attempts=("event_id", "size"), learners=("learner", "nunique"))
             .reset_index().rename(columns={"findings": "finding"}))
    table["share of attempts"] = (100 * table["attempts"] / len(attempts)).round(1)
    return table.sort_values(["attempts", "finding"], ascending=[False, True]).reset_index(drop=True)[columns]


def group_skills(events: pd.DataFrame, content: SkillsContent | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The group's self-assessment profile from each learner's latest assessment: per skill (mean, lowest,
    highest rating, 1-5) and per group of skills (mean). ``content``: the skills list (the shipped one when
    None; with none readable, both tables are empty)."""
    per_skill_columns = ["group", "skill", "mean rating", "lowest", "highest", "learners"]
    empty = pd.DataFrame(columns=per_skill_columns), pd.DataFrame(columns=["group", "mean rating", "learners"])
    if content is None:
        try:
            content = load_skills()
        except UNREADABLE:
            return empty
    done = record_events.self_assessments(events)
    latest = done.sort_values("timestamp", kind="stable").drop_duplicates("learner", keep="last")
    rows = [{"group": s.group, "skill": s.name, "rating": ratings[s.id], "learner": learner}
            for learner, ratings in zip(latest["learner"], latest["ratings"], strict=True)
            for s in content.skills if s.id in ratings]
    if not rows:
        return empty
    ratings = pd.DataFrame(rows)
    per_skill = (ratings.groupby(["group", "skill"], sort=False)
                 .agg(**{"mean rating": ("rating", "mean")}, lowest=("rating", "min"), highest=("rating", "max"),
                      learners=("learner", "nunique")).reset_index())
    per_skill["mean rating"] = per_skill["mean rating"].round(1)
    per_group = (ratings.groupby("group", sort=False)
                 .agg(**{"mean rating": ("rating", "mean")}, learners=("learner", "nunique")).reset_index())
    per_group["mean rating"] = per_group["mean rating"].round(1)
    return per_skill[per_skill_columns], per_group


CODING_COLUMNS = ["comment", "answer key", "learners", "matched key"]


def comment_coding(events: pd.DataFrame) -> pd.DataFrame:
    """Module 08's hand coding, comment by comment, hardest first: the answer key and the share of learners (%)
    whose themes matched it exactly (each learner's first finished coding counts)."""
    done = record_events.comment_codings(events)
    if done.empty:
        return pd.DataFrame(columns=CODING_COLUMNS)
    from course_lib.data.datasets import load_dataset
    from course_lib.voice.comment_coding import reference_themes
    from course_lib.voice.themes import load_themes

    first = _first_per_learner(done, [])
    comments = load_dataset("surveys").set_index("contact_id")["comment"]
    labels = {t.id: t.label for t in load_themes()}
    rows = []
    for coding in first["coding"]:
        for contact_id, coded in coding.items():
            comment = comments.get(int(contact_id)) if str(contact_id).isdigit() else None
            if not isinstance(comment, str):
                continue
            key = reference_themes(comment)
            rows.append({"comment": comment, "answer key": ", ".join(labels.get(t, t) for t in key),
                         "matched": set(coded) == set(key)})
    if not rows:
        return pd.DataFrame(columns=CODING_COLUMNS)
    table = (pd.DataFrame(rows).groupby(["comment", "answer key"], sort=False)
             .agg(learners=("matched", "size"), matched=("matched", "mean")).reset_index())
    table["matched key"] = (100 * table["matched"]).round(1)
    return table.sort_values(["matched key", "comment"]).reset_index(drop=True)[CODING_COLUMNS]


PLAN_COLUMNS = ["plan", "measure", "actions", "learners"]


def plan_measures(events: pd.DataFrame) -> pd.DataFrame:
    """The KPIs the class chose to measure its actions by, per action plan (each learner's latest save)."""
    from course_lib.plans.actions import MEASURES

    saved = record_events.plan_saves(events)
    latest = saved.sort_values("timestamp", kind="stable").drop_duplicates(["learner", "plan"], keep="last")
    rows = [{"plan": plan, "learner": learner,
             "measure": MEASURES[a["measure"]].label if a.get("measure") in MEASURES else "(none chosen)"}
            for plan, learner, actions in zip(latest["plan"], latest["learner"], latest["actions"], strict=True)
            for a in actions]
    if not rows:
        return pd.DataFrame(columns=PLAN_COLUMNS)
    table = (pd.DataFrame(rows).groupby(["plan", "measure"])
             .agg(actions=("learner", "size"), learners=("learner", "nunique")).reset_index())
    return table.sort_values(["plan", "actions", "measure"], ascending=[True, False, True]).reset_index(
        drop=True)[PLAN_COLUMNS]


def class_summary(events: pd.DataFrame, catalogue: Catalogue | None = None) -> ClassSummary:
    """Everything the debrief shows, from the class's events (no pseudonyms in any table). ``catalogue`` is the
    shipped content's (:func:`~course_lib.reports.catalogue.load_catalogue`) when None."""
    catalogue = load_catalogue() if catalogue is None else catalogue
    notes = list(catalogue.notes)
    per_skill, per_group = group_skills(events, catalogue.skills)
    try:
        coding = comment_coding(events)
    except UNREADABLE as err:  # the themes or the survey data cannot be read: the rest of the debrief still shows
        notes.append(f"the comment coding could not be compared with its answer key ({err})")
        coding = pd.DataFrame(columns=CODING_COLUMNS)
    return ClassSummary(
        learners=int(events["learner"].nunique()) if "learner" in events else 0,
        events=len(events),
        roleplay=roleplay_choices(events, catalogue.scenarios),
        quiz=hardest_quiz_items(events),
        coach=coach_findings(events),
        skills=per_skill,
        skill_groups=per_group,
        coding=coding,
        plans=plan_measures(events),
        endings=roleplay_endings(events, catalogue.scenarios),
        unmatched=unmatched_events(events, catalogue.scenarios),
        notes=tuple(notes),
    )


@literal_chart
def skill_groups_figure(summary: ClassSummary):
    """The group's mean rating per group of skills, as a bar chart with the values written on the bars."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(7, 3), dpi=100)
    axes = figure.subplots()
    groups = summary.skill_groups
    axes.barh(groups["group"], groups["mean rating"], color="#0072B2")
    for position, value in enumerate(groups["mean rating"]):
        axes.text(value + 0.05, position, f"{value:.1f}", va="center")
    axes.set_xlim(0, 5.5)
    axes.invert_yaxis()
    axes.set_xlabel("mean self-rating (1 = not yet, 5 = role model)")
    axes.set_title(f"Self-assessment of the group ({int(groups['learners'].max()) if len(groups) else 0} learners)")
    figure.tight_layout()
    return figure


def _section(title: str, table: pd.DataFrame, empty: str, line: Callable[[dict], str]) -> list[str]:
    """One section of the text report: a blank line, the title, then a line per row (or the note when empty)."""
    return ["", title] + ([f"  {empty}"] if table.empty else [f"  {line(row)}" for row in table.to_dict("records")])


def report_text(summary: ClassSummary, top: int = 5) -> str:
    """The debrief as plain text for a terminal (``course report``)."""
    out = [f"Class debrief: {summary.learners} learner(s), {summary.events} event(s). No names are shown.", ""]
    out.append("How the class chose at each role-play decision (first choice of each learner)")
    if summary.roleplay.empty:
        out.append("  no role-play decisions recorded")
    for (scenario, decision), rows in summary.roleplay.groupby(["scenario", "decision"], sort=False):
        out.append(f"  {scenario}, decision '{decision}':")
        for row in rows.itertuples():
            out.append(f"    {row.share:5.1f}%  ({row.learners})  option {row.choice + 1}: {row.option}")
            if row.feedback:
                out.append(f"             feedback: {row.feedback}")
    out += _section("Where the class's first play of each role-play ended", summary.endings,
                    "no role-play endings recorded",
                    lambda r: f"{r['share']:5.1f}%  ({r['learners']})  {r['scenario']}: {r['outcome']} "
                              f"(ending '{r['ending']}')")
    out += _section(f"Hardest quiz items (share right at the first try; the {top} hardest)", summary.quiz.head(top),
                    "no quiz answers recorded",
                    lambda r: f"{r['right first time']:5.1f}% right  ({r['learners']} learners)  "
                              f"{r['quiz']} / {r['question']}")
    out += _section("Reply coach: findings that came up most", summary.coach.head(top), "no coach attempts recorded",
                    lambda r: f"{r['attempts']:3d} attempt(s) ({r['share of attempts']:5.1f}%)  "
                              f"{r['learners']} learner(s)  {r['finding']}")
    out += _section("Self-assessment profile of the group (mean rating, 1-5)", summary.skill_groups,
                    "no self-assessments recorded", lambda r: f"{r['mean rating']:.1f}  {r['group']}")
    if not summary.skills.empty:
        lowest = summary.skills.sort_values(["mean rating", "skill"]).head(3).to_dict("records")
        out.append("  lowest skills: " + ", ".join(f"{r['skill']} ({r['mean rating']:.1f})" for r in lowest))
    out += _section(f"Comment coding (module 08): the comments the class found hardest (the {top} hardest)",
                    summary.coding.head(top), "no comment coding recorded",
                    lambda r: f"{r['matched key']:5.1f}% matched the key  ({r['learners']} learners)  "
                              f"\"{r['comment']}\"  key: {r['answer key']}")
    out += _section("Action plans: the KPIs the class chose to measure its actions by", summary.plans,
                    "no action plans saved",
                    lambda r: f"{r['plan']}: {r['actions']:3d} action(s), {r['learners']} learner(s)  {r['measure']}")
    if not summary.unmatched.empty:
        out += _section("Events that match no shipped content (left out of the tables above)", summary.unmatched,
                        "", lambda r: f"{r['events']:3d} event(s), {r['learners']} learner(s)  {r['activity']}: "
                                      f"{r['problem']}")
    if summary.notes:
        out += ["", "Content that could not be read"] + [f"  {note}" for note in summary.notes]
    return "\n".join(out)
