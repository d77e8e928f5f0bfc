"""An invented class, so the trainer's debrief can be tried and tested without real learners.

Every event is made the way the activities make theirs: the role-plays are *played* with the engine
(:class:`~course_lib.roleplays.engine.RolePlay`) on the shipped scenarios, a seeded random choice per learner
(abler learners pick the option worth most points more often), quizzes are answered and graded with the shipped
questions, and every event goes through the writers of :mod:`course_lib.record.events`. So each demo event
matches the content: the debrief's feedback, endings and "events that match no shipped content" count are what a
real class would give. The same seed gives the same events, ids and timestamps.

>>> rows = synthetic_events(learners=2, seed=1)
>>> sorted({row["activity"].split(":")[0] for row in rows})
['coach', 'coding', 'plan', 'quiz', 'roleplay', 'skills']
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from course_lib.coaching.exercises import load_exercises
from course_lib.plans.plan_file import load_plans
from course_lib.quizzes import answer_for_record, grade, load_quiz, quiz_names
from course_lib.record import events as record_events
from course_lib.record.store import write_events
from course_lib.roleplays.engine import RolePlay
from course_lib.roleplays.load import load_scenario, shipped_scenarios
from course_lib.skills.assessment import load_skills

#: The role-plays, quizzes, coach exercise and action plan the invented class takes (fixed, so that adding content
#: does not change the demo). Those not shipped are skipped; when none is, the first shipped one stands in.
SYNTHETIC_SCENARIOS = ("sofa_delivery",)
SYNTHETIC_QUIZZES = ("service_recovery", "feedback_methods")
SYNTHETIC_COACH_EXERCISE = "late_delivery"
SYNTHETIC_PLAN = "kpi_review"
SYNTHETIC_COACH_FINDINGS = {"no_empathy": 0.45, "forbidden_phrase": 0.35, "blame": 0.2, "no_next_step": 0.4,
                            "jargon": 0.15}
SYNTHETIC_PSEUDONYMS = ["Otter", "Heron", "Lynx", "Robin", "Marten", "Wren", "Badger", "Finch", "Hare", "Kestrel",
                        "Vole", "Plover", "Stoat", "Swift", "Teal", "Dunlin"]
#: The KPIs the invented class measures its actions by, with how likely each is chosen.
SYNTHETIC_MEASURES = {"service_level": 0.3, "abandonment_rate": 0.2, "csat": 0.25, "fcr": 0.15, "aht": 0.1}
_START = datetime.fromisoformat("2026-01-12T09:00:00+00:00")


def _shipped(wanted: tuple[str, ...], shipped: list[str]) -> list[str]:
    """The wanted names that are shipped, else the first shipped one (so the demo survives a trainer's edits)."""
    return [name for name in wanted if name in shipped] or sorted(shipped)[:1]


class _Class:
    """Collects events as the writers make them, each with its learner, a seeded id and a later timestamp."""

    def __init__(self, rng: random.Random, clock: datetime = _START):
        self.rng, self.clock, self.rows, self.learner = rng, clock, [], ""

    def write(self, activity: str, verb: str, response: Any = None, score: float | None = None,
              success: bool | None = None, *, module: str | None = None) -> str:
        self.clock += timedelta(seconds=self.rng.randint(20, 200))
        event_id = str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
        self.rows.append({"event_id": event_id, "timestamp": self.clock.isoformat(), "learner": self.learner,
                          "activity": activity, "verb": verb, "response": response, "score": score,
                          "success": success, "module": module})
        return event_id


def play_roleplay(play: RolePlay, ability: float, rng: random.Random) -> None:
    """Play to an ending: at each decision, the option worth most points with probability ``ability``, else any
    other option on offer."""
    while not play.is_over:
        options = play.choices
        worth = [sum(points for _, points in option.points) for option in options]
        best = worth.index(max(worth))
        others = [i for i in range(len(options)) if i != best]
        play.choose(best if not others or rng.random() < ability else rng.choice(others))


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


def _roleplays(room: _Class, scenarios: list, ability: float) -> None:
    for attempt in range(room.rng.choice([1, 1, 2])):
        for scenario in scenarios:
            play = RolePlay(scenario)
            play_roleplay(play, min(0.95, ability + 0.2 * attempt), room.rng)
            for step in play.history:
                record_events.roleplay_choice(scenario.id, step.node.id, step.choice_number, step.choice.text,
                                              module=scenario.module, write=room.write)
            summary = play.summary()
            record_events.roleplay_ending(scenario.id, play.current.id, summary.outcome.outcome, summary.score,
                                          summary.success, module=scenario.module, write=room.write)


def _quizzes(room: _Class, ability: float) -> None:
    for name in _shipped(SYNTHETIC_QUIZZES, quiz_names()):
        quiz = load_quiz(name)
        results = []
        for question in quiz.questions:
            answer = _synthetic_answer(question, ability, room.rng)
            result = grade(question, answer)
            results.append(result)
            record_events.quiz_answer(name, question.id, answer_for_record(question, answer), result.score,
                                      result.correct, module=quiz.module, write=room.write)
        score = round(sum(r.score for r in results) / len(results), 1)
        record_events.quiz_completed(name, sum(r.correct for r in results), len(results), score, score >= 70,
                                     module=quiz.module, write=room.write)


def synthetic_events(learners: int = 12, seed: int = 2024) -> list[dict]:
    """Invented events of a class: role-plays played with the engine, quiz answers, coach attempts, two rounds
    of self-assessment, module 08's comment coding and an action plan."""
    room = _Class(random.Random(seed))
    skills = load_skills().skills
    scenarios = [load_scenario(name) for name in _shipped(SYNTHETIC_SCENARIOS, shipped_scenarios())]
    exercises = load_exercises()
    exercise = exercises[_shipped((SYNTHETIC_COACH_EXERCISE,), list(exercises))[0]]
    names = SYNTHETIC_PSEUDONYMS[:learners] + [f"Learner {n}" for n in range(len(SYNTHETIC_PSEUDONYMS), learners)]
    for learner in names:
        room.learner = learner
        ability = room.rng.uniform(0.35, 0.9)
        baseline = {s.id: room.rng.choice([2, 3, 3, 4]) for s in skills}
        record_events.self_assessment(baseline, write=room.write)
        _roleplays(room, scenarios, ability)
        _quizzes(room, ability)
        for _ in range(room.rng.randint(1, 3)):
            findings = sorted(k for k, p in SYNTHETIC_COACH_FINDINGS.items()
                              if room.rng.random() < p * (1.3 - ability))
            record_events.coach_attempt(exercise.id, findings, module=exercise.module, write=room.write)
        later = {k: min(5, v + (1 if room.rng.random() < 0.4 else 0)) for k, v in baseline.items()}
        record_events.self_assessment(later, write=room.write)
    return room.rows + _synthetic_coding_and_plans(sorted(set(names)), room.clock, seed)


def _synthetic_coding_and_plans(learners: list[str], clock: datetime, seed: int) -> list[dict]:
    """Module 08's hand coding and one action plan per invented learner (a random stream of their own, so the
    events above stay as they were)."""
    from course_lib.data.datasets import load_dataset
    from course_lib.voice.comment_coding import coding_sample, reference_themes
    from course_lib.voice.themes import tag_comment

    room = _Class(random.Random(seed + 1), clock)
    sample = coding_sample(load_dataset("surveys"))
    plans = load_plans()
    plan = plans[_shipped((SYNTHETIC_PLAN,), list(plans))[0]]
    for learner in learners:
        room.learner = learner
        coding = {}
        for contact_id, comment in zip(sample["contact_id"], sample["comment"], strict=True):
            key = list(reference_themes(comment))
            tagged = [m.theme for m in tag_comment(comment)]
            # most learners code most comments like the key; some follow the words, as the tagger does
            coding[int(contact_id)] = key if room.rng.random() < 0.7 else (tagged or key)
        agreed = sum(set(v) == set(reference_themes(c)) for v, c in zip(coding.values(), sample["comment"],
                                                                           strict=True))
        tagger = sum(set(m.theme for m in tag_comment(c)) == set(reference_themes(c)) for c in sample["comment"])
        record_events.comment_coding(coding, agreed, tagger, round(100 * agreed / len(sample), 1), write=room.write)
        actions = [{"finding": "", "action": "An action", "owner": "A person", "due": "2025-04-30",
                    "measure": room.rng.choices(list(SYNTHETIC_MEASURES), list(SYNTHETIC_MEASURES.values()))[0],
                    "target": "80"} for _ in range(room.rng.randint(1, 3))]
        record_events.plan_saved(plan.id, actions, True, module=plan.module, write=room.write)
    return room.rows


def synthetic_classroom(path: Path | str, learners: int = 12, seed: int = 2024) -> Path:
    """Write a synthetic classroom record (``synthetic_events``) to a new file and return its path."""
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} already exists; the synthetic classroom is written to a new file")
    write_events(synthetic_events(learners, seed), path)
    return path
