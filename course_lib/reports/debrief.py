"""The trainer's class debrief: what a whole class chose, got wrong and found hard, without names.

It reads events (``course_lib.record.store.load_events`` combines a shared classroom record and CSV exports) and
summarises them. The event shapes it expects (the role-play engine and the reply coach record these):

- role-play decisions: activity ``roleplay:SCENARIO``, verb ``chose``,
  response ``{"node": NODE_ID, "choice": INDEX (0-based), "text": CHOICE_TEXT}``;
- role-play endings: activity ``roleplay:SCENARIO``, verb ``completed``, response ``{"ending": ENDING_ID}``;
- quiz answers: activity ``quiz:QUIZ/QUESTION``, verb ``answered``, success True/False, score 0-100;
- coach attempts: activity ``coach:EXERCISE``, verb ``attempted``, response ``{"findings": [KIND, ...]}``;
- self-assessments: activity ``skills:self_assessment``, verb ``completed``, response ``{"ratings": {...}}``;
- comment coding (module 08): activity ``coding:survey_comments``, verb ``completed``, score, response
  ``{"coding": {CONTACT_ID: [THEME, ...]}, ...}``;
- action plans: activity ``plan:PLAN``, verb ``completed`` or ``responded`` (a draft), response
  ``{"actions": [{..., "measure": KPI}, ...]}``.

Only each learner's *first* try counts for decisions and quiz items (it shows the class's instinct, not what
they learnt from the feedback), and the latest self-assessment per learner counts for the group profile. No
pseudonym appears in any table.

>>> import tempfile, pathlib
>>> from course_lib.record.store import load_events
>>> path = synthetic_classroom(pathlib.Path(tempfile.mkdtemp()) / "class.sqlite", learners=6)
>>> summary = class_summary(load_events([path]))
>>> summary.learners, len(summary.roleplay) > 0, list(summary.quiz.columns)
(6, True, ['quiz', 'question', 'learners', 'right first time', 'mean score'])
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd

from course_lib.quizzes.quiz import answer_for_record, grade, load_quiz, quiz_names
from course_lib.record.store import write_events
from course_lib.skills.assessment import ACTIVITY as SKILLS_ACTIVITY
from course_lib.skills.assessment import load_skills

#: Where a debrief finds the feedback for a role-play option: {(scenario, node, choice index): feedback}, or a
#: function (scenario, node, choice) -> feedback or None. The role-play content provides it.
FeedbackLookup = Mapping[tuple[str, str, int], str] | Callable[[str, str, int], str | None]


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


def _first_per_learner(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return frame.sort_values("timestamp", kind="stable").drop_duplicates(["learner", *keys], keep="first")


def _feedback_for(lookup: FeedbackLookup | None, scenario: str, node: str, choice: int) -> str:
    if lookup is None:
        return ""
    found = lookup(scenario, node, choice) if callable(lookup) else lookup.get((scenario, node, choice))
    return found or ""


def roleplay_choices(events: pd.DataFrame, feedback: FeedbackLookup | None = None) -> pd.DataFrame:
    """How the class chose at each role-play decision: one row per option chosen, with the share (%) of the
    learners who reached that decision, and the option's feedback when ``feedback`` is given."""
    columns = ["scenario", "decision", "choice", "option", "learners", "share", "feedback"]
    chose = events[events["activity"].str.startswith("roleplay:") & (events["verb"] == "chose")].copy()
    chose = chose[chose["response"].map(lambda r: isinstance(r, dict) and "node" in r and "choice" in r)
                  .astype(bool)]
    if chose.empty:
        return pd.DataFrame(columns=columns)
    chose["scenario"] = chose["activity"].str.removeprefix("roleplay:")
    chose["decision"] = chose["response"].map(lambda r: str(r["node"]))
    chose["choice"] = chose["response"].map(lambda r: int(r["choice"]))
    chose["option"] = chose["response"].map(lambda r: str(r.get("text", "")))
    first = _first_per_learner(chose, ["scenario", "decision"])
    reached = first.groupby(["scenario", "decision"])["learner"].nunique()
    table = (first.groupby(["scenario", "decision", "choice"], sort=False)
             .agg(option=("option", "first"), learners=("learner", "nunique")).reset_index())
    table["share"] = [round(100 * row.learners / reached[(row.scenario, row.decision)], 1)
                      for row in table.itertuples()]
    table["feedback"] = [_feedback_for(feedback, row.scenario, row.decision, row.choice)
                         for row in table.itertuples()]
    order = first.drop_duplicates(["scenario", "decision"])[["scenario", "decision"]].reset_index(drop=True)
    order["decision_order"] = range(len(order))
    table = table.merge(order, on=["scenario", "decision"])
    table = table.sort_values(["decision_order", "choice"]).drop(columns="decision_order")
    return table[columns].reset_index(drop=True)


def hardest_quiz_items(events: pd.DataFrame) -> pd.DataFrame:
    """Each quiz question, hardest first: how many learners answered, the share right at the first try (%), and
    the mean score of first tries (%)."""
    columns = ["quiz", "question", "learners", "right first time", "mean score"]
    answered = events[events["activity"].str.startswith("quiz:") & (events["verb"] == "answered")
                      & events["activity"].str.contains("/", regex=False)].copy()
    if answered.empty:
        return pd.DataFrame(columns=columns)
    answered[["quiz", "question"]] = answered["activity"].str.removeprefix("quiz:").str.split("/", n=1, expand=True)
    first = _first_per_learner(answered, ["activity"])
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
    attempts = events[events["activity"].str.startswith("coach:") & (events["verb"] == "attempted")]
    if attempts.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for row in attempts.itertuples():
        findings = row.response.get("findings", []) if isinstance(row.response, dict) else []
        for kind in sorted(set(map(str, findings))):
            rows.append({"finding": kind, "learner": row.learner, "event": row.event_id})
    if not rows:
        return pd.DataFrame(columns=columns)
    found = pd.DataFrame(rows)
    table = found.groupby("finding").agg(attempts=("event", "nunique"), learners=("learner", "nunique")).reset_index()
    table["share of attempts"] = (100 * table["attempts"] / len(attempts)).round(1)
    return table.sort_values(["attempts", "finding"], ascending=[False, True]).reset_index(drop=True)[columns]


def group_skills(events: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The group's self-assessment profile from each learner's latest assessment: per skill (mean, lowest,
    highest rating, 1-5) and per group of skills (mean)."""
    content = load_skills()
    done = events[(events["activity"] == SKILLS_ACTIVITY) & (events["verb"] == "completed")]
    done = done[done["response"].map(lambda r: isinstance(r, dict) and isinstance(r.get("ratings"), dict))
                .astype(bool)]
    latest = done.sort_values("timestamp", kind="stable").drop_duplicates("learner", keep="last")
    rows = [{"group": s.group, "skill": s.name, "rating": int(r["ratings"][s.id]), "learner": learner}
            for learner, r in zip(latest["learner"], latest["response"], strict=True)
            for s in content.skills if s.id in r["ratings"]]
    per_skill_columns = ["group", "skill", "mean rating", "lowest", "highest", "learners"]
    if not rows:
        return pd.DataFrame(columns=per_skill_columns), pd.DataFrame(columns=["group", "mean rating", "learners"])
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
    from course_lib.data.datasets import load_dataset
    from course_lib.voice.comment_coding import ACTIVITY, reference_themes
    from course_lib.voice.themes import load_themes

    done = events[(events["activity"] == ACTIVITY) & (events["verb"] == "completed")]
    done = done[done["response"].map(lambda r: isinstance(r, dict) and isinstance(r.get("coding"), dict))
                .astype(bool)]
    if done.empty:
        return pd.DataFrame(columns=CODING_COLUMNS)
    first = _first_per_learner(done, [])
    comments = load_dataset("surveys").set_index("contact_id")["comment"]
    labels = {t.id: t.label for t in load_themes()}
    rows = []
    for response in first["response"]:
        for contact_id, coded in response["coding"].items():
            comment = comments.get(int(contact_id))
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

    saved = events[events["activity"].str.startswith("plan:") & events["verb"].isin(["completed", "responded"])]
    saved = saved[saved["response"].map(lambda r: isinstance(r, dict) and isinstance(r.get("actions"), list))
                  .astype(bool)]
    if saved.empty:
        return pd.DataFrame(columns=PLAN_COLUMNS)
    latest = saved.sort_values("timestamp", kind="stable").drop_duplicates(["learner", "activity"], keep="last")
    rows = [{"plan": activity.split(":", 1)[1], "learner": learner,
             "measure": MEASURES[a["measure"]].label if a.get("measure") in MEASURES else "(none chosen)"}
            for activity, learner, response in zip(latest["activity"], latest["learner"], latest["response"],
                                                   strict=True)
            for a in response["actions"] if isinstance(a, dict)]
    if not rows:
        return pd.DataFrame(columns=PLAN_COLUMNS)
    table = (pd.DataFrame(rows).groupby(["plan", "measure"])
             .agg(actions=("learner", "size"), learners=("learner", "nunique")).reset_index())
    return table.sort_values(["plan", "actions", "measure"], ascending=[True, False, True]).reset_index(
        drop=True)[PLAN_COLUMNS]


def class_summary(events: pd.DataFrame, feedback: FeedbackLookup | None = None) -> ClassSummary:
    """Everything the debrief shows, from the class's events (no pseudonyms in any table)."""
    per_skill, per_group = group_skills(events)
    return ClassSummary(
        learners=int(events["learner"].nunique()),
        events=len(events),
        roleplay=roleplay_choices(events, feedback),
        quiz=hardest_quiz_items(events),
        coach=coach_findings(events),
        skills=per_skill,
        skill_groups=per_group,
        coding=comment_coding(events),
        plans=plan_measures(events),
    )


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
    return "\n".join(out)


# --- a synthetic classroom, so the debrief can be tried and tested without real learners ------------------------

#: An invented role-play (the real scenarios live with the role-play engine) used by the synthetic classroom:
#: decision -> options as (text, feedback, how likely a learner picks it).
SYNTHETIC_ROLEPLAY: dict[str, list[tuple[str, str, float]]] = {
    "opening": [
        ("I'm sorry, that's really disappointing after waiting for it. Tell me what happened.",
         "Apologises without excuses and invites the customer to explain: the temperature drops.", 0.55),
        ("Our drivers check every sofa, so it must have happened after delivery.",
         "Defensive: blames the customer before understanding the problem.", 0.2),
        ("What's your order number?",
         "Efficient but cold: the customer does not feel heard yet.", 0.25),
    ],
    "offer": [
        ("I'll send a technician to inspect it and repair or replace it; I'll call you tomorrow by noon.",
         "A concrete next step with a time you can keep.", 0.5),
        ("We'll deliver a new sofa tomorrow, don't worry.",
         "Promises what you may not be able to deliver.", 0.3),
        ("You'll have to fill in the damage form on our website.",
         "'You'll have to' is one of the five forbidden phrases: it pushes the work back to the customer.", 0.2),
    ],
    "closing": [
        ("So: the technician comes on Thursday, and I'll call you on Friday to check. Is there anything else?",
         "Summarises, confirms satisfaction and closes: creating closure.", 0.6),
        ("OK, bye.", "Ends abruptly: the customer is not sure what happens next.", 0.4),
    ],
}
SYNTHETIC_FEEDBACK: dict[tuple[str, str, int], str] = {
    ("sofa_delivery", node, index): option[1]
    for node, options in SYNTHETIC_ROLEPLAY.items() for index, option in enumerate(options)
}
#: The quizzes the invented class takes (a fixed list, so that adding a quiz does not change the demo).
SYNTHETIC_QUIZZES = ("service_recovery", "feedback_methods")
SYNTHETIC_COACH_FINDINGS = {"no_empathy": 0.45, "forbidden_phrase": 0.35, "blame": 0.2, "no_next_step": 0.4,
                            "jargon": 0.15}
SYNTHETIC_PSEUDONYMS = ["Otter", "Heron", "Lynx", "Robin", "Marten", "Wren", "Badger", "Finch", "Hare", "Kestrel",
                        "Vole", "Plover", "Stoat", "Swift", "Teal", "Dunlin"]
_START = datetime.fromisoformat("2026-01-12T09:00:00+00:00")


def _synthetic_answer(question, skill: float, rng: random.Random):
    knows = rng.random() < skill
    if question.type == "single":
        right = next(i for i, o in enumerate(question.options) if o.correct)
        return right if knows else rng.choice([i for i in range(len(question.options)) if i != right])
    if question.type == "multiple":
        return [i for i, o in enumerate(question.options) if o.correct != (not knows and rng.random() < 0.4)] or [0]
    if question.type == "order":
        order = list(range(len(question.options)))
        if not knows:
            a, b = rng.sample(order, 2)
            order[a], order[b] = order[b], order[a]
        return order
    return [p.match if knows or rng.random() < 0.5 else rng.choice(question.answers) for p in question.pairs]


def synthetic_events(learners: int = 12, seed: int = 2024) -> list[dict]:
    """Invented events of a class: role-play choices, quiz answers, coach attempts, two rounds of
    self-assessment, module 08's comment coding and an action plan. The same seed gives the same events, ids and
    timestamps."""
    rng = random.Random(seed)
    skills = load_skills().skills
    rows: list[dict] = []
    clock = _START

    def add(learner, activity, verb, response=None, score=None, success=None, module=None):
        nonlocal clock
        clock += timedelta(seconds=rng.randint(20, 200))
        rows.append({"event_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                     "timestamp": clock.isoformat(), "learner": learner, "activity": activity, "verb": verb,
                     "response": response, "score": score, "success": success, "module": module})

    for learner in SYNTHETIC_PSEUDONYMS[:learners] + [f"Learner {n}" for n in range(len(SYNTHETIC_PSEUDONYMS),
                                                                                    learners)]:
        ability = rng.uniform(0.35, 0.9)
        baseline = {s.id: rng.choice([2, 3, 3, 4]) for s in skills}
        add(learner, SKILLS_ACTIVITY, "completed", {"ratings": baseline}, module="01")
        for attempt in range(rng.choice([1, 1, 2])):
            good = 0
            for node, options in SYNTHETIC_ROLEPLAY.items():
                weights = [w + (0.3 * attempt if i == 0 else 0) for i, (_, _, w) in enumerate(options)]
                choice = rng.choices(range(len(options)), weights)[0]
                good += choice == 0
                add(learner, "roleplay:sofa_delivery", "chose",
                    {"node": node, "choice": choice, "text": options[choice][0]}, module="05")
            ending = "restored_trust" if good >= 2 else "customer_leaves"
            add(learner, "roleplay:sofa_delivery", "completed", {"ending": ending},
                score=round(100 * good / len(SYNTHETIC_ROLEPLAY), 1), success=good >= 2, module="05")
        for name in (n for n in SYNTHETIC_QUIZZES if n in quiz_names()):
            quiz = load_quiz(name)
            results = []
            for question in quiz.questions:
                answer = _synthetic_answer(question, ability, rng)
                result = grade(question, answer)
                results.append(result)
                add(learner, f"quiz:{name}/{question.id}", "answered", answer_for_record(question, answer),
                    result.score, result.correct, quiz.module)
            score = round(sum(r.score for r in results) / len(results), 1)
            add(learner, f"quiz:{name}", "completed", {"correct": sum(r.correct for r in results),
                                                        "questions": len(results)}, score, score >= 70, quiz.module)
        for _ in range(rng.randint(1, 3)):
            findings = sorted(k for k, p in SYNTHETIC_COACH_FINDINGS.items() if rng.random() < p * (1.3 - ability))
            add(learner, "coach:late_delivery", "attempted", {"findings": findings},
                score=max(0.0, 100.0 - 25 * len(findings)), module="03")
        later = {k: min(5, v + (1 if rng.random() < 0.4 else 0)) for k, v in baseline.items()}
        add(learner, SKILLS_ACTIVITY, "completed", {"ratings": later}, module="01")
    rows += _synthetic_coding_and_plans(sorted({row["learner"] for row in rows}), clock, seed)
    return rows


#: The KPIs the invented class measures its actions by, with how likely each is chosen.
SYNTHETIC_MEASURES = {"service_level": 0.3, "abandonment_rate": 0.2, "csat": 0.25, "fcr": 0.15, "aht": 0.1}


def _synthetic_coding_and_plans(learners: list[str], clock: datetime, seed: int) -> list[dict]:
    """Module 08's hand coding and one action plan per invented learner (a random stream of their own, so the
    events above stay as they were)."""
    from course_lib.data.datasets import load_dataset
    from course_lib.voice.comment_coding import ACTIVITY, MODULE, coding_sample, reference_themes
    from course_lib.voice.themes import tag_comment

    rng = random.Random(seed + 1)
    sample = coding_sample(load_dataset("surveys"))
    rows = []
    for learner in learners:
        coding = {}
        for contact_id, comment in zip(sample["contact_id"], sample["comment"], strict=True):
            key = list(reference_themes(comment))
            tagged = [m.theme for m in tag_comment(comment)]
            # most learners code most comments like the key; some follow the words, as the tagger does
            coding[str(contact_id)] = key if rng.random() < 0.7 else (tagged or key)
        agreed = sum(set(v) == set(reference_themes(c)) for v, c in zip(coding.values(), sample["comment"],
                                                                           strict=True))
        actions = [{"finding": "", "action": "An action", "owner": "A person", "due": "2025-04-30",
                    "measure": rng.choices(list(SYNTHETIC_MEASURES), list(SYNTHETIC_MEASURES.values()))[0],
                    "target": "80"} for _ in range(rng.randint(1, 3))]
        for activity, verb, response, score, module in (
                (ACTIVITY, "completed", {"coding": coding, "agreed": agreed}, round(100 * agreed / len(sample), 1),
                 MODULE),
                ("plan:kpi_review", "completed", {"actions": actions}, None, "07")):
            clock += timedelta(seconds=rng.randint(20, 200))
            rows.append({"event_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                         "timestamp": clock.isoformat(), "learner": learner, "activity": activity, "verb": verb,
                         "response": response, "score": score, "success": True, "module": module})
    return rows


def synthetic_classroom(path: Path | str, learners: int = 12, seed: int = 2024) -> Path:
    """Write a synthetic classroom record (``synthetic_events``) to a new file and return its path."""
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} already exists; the synthetic classroom is written to a new file")
    write_events(synthetic_events(learners, seed), path)
    return path
