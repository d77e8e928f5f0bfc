"""Action plans: turn what the numbers and the comments showed into actions with an owner, a date and a measure.

A plan is defined in ``course_lib/content/action_plans.yaml`` (the findings to choose from, an example action;
read and checked by :mod:`course_lib.plans.plan_file`); the learner writes the actions. Each action answers five
questions, and :func:`check_action` says which answer is missing or too vague, in words a manager can act on:

- **finding**: which problem does it address?
- **action**: what exactly will be done? (a verb and enough words to act on)
- **owner**: who answers for it? One named person, not "the team": a task everyone owns, nobody does.
- **due**: by when?
- **measure** and **target**: which KPI will show whether it worked, and what number counts as success?

>>> action = Action(finding="Callers hang up at the morning peak", action="Move two email agents to phones 10-12",
...                 owner="Priya (team leader)", due=date(2025, 4, 30), measure="abandonment_rate",
...                 target="below 10 % from 10:00 to 12:00")
>>> check_action(action)
[]
>>> for problem in check_action(Action(action="Train", owner="the team", measure="csat", target="95 to 120 %")):
...     print(problem)
action: 'Train' is too short to act on: say what will be done, e.g. 'Run a 30-minute refresher on paraphrasing'.
owner: 'the team' is not one person. Name one person who answers for it (they can involve others).
due: give a date by which it will be done.
target: CSAT (% satisfied 4-5) is a percentage from 0 to 100, so 120 cannot be a target.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Measure:
    """A KPI an action can be measured by: its label, its unit and the range a target must fall in."""

    label: str
    unit: str
    low: float | None = None
    high: float | None = None


#: The KPIs an action can be measured by (the ones module 07 computes), in the course's units.
MEASURES: dict[str, Measure] = {
    "csat": Measure("CSAT (% satisfied 4-5)", "%", 0, 100),
    "nps": Measure("NPS (-100 to 100)", "points", -100, 100),
    "ces": Measure("CES (ease, 1-7)", "score", 1, 7),
    "fcr": Measure("First-contact resolution (%)", "%", 0, 100),
    "resolution_rate": Measure("Resolved by the agent (%)", "%", 0, 100),
    "aht": Measure("Average handle time (seconds)", "s", 0, None),
    "asa": Measure("Average speed of answer (seconds)", "s", 0, None),
    "service_level": Measure("Service level (% answered in time)", "%", 0, 100),
    "abandonment_rate": Measure("Abandonment (% who hung up)", "%", 0, 100),
    "resolution_time": Measure("Resolution time (seconds)", "s", 0, None),
    "churn_rate": Measure("Churn (% of customers who left)", "%", 0, 100),
    "retention_rate": Measure("Retention (% of customers who stayed)", "%", 0, 100),
    "other": Measure("Another measure (name it in the target)", "", None, None),
}

#: Owners that name a group instead of one person (compared in lower case, without punctuation).
GROUP_OWNERS = {
    "all", "all staff", "all of us", "everybody", "everyone", "management", "nobody", "someone", "staff", "tbc",
    "tbd", "team", "the team", "the whole team", "us", "we", "whole team", "agents", "the agents", "all agents",
}
_NUMBER = re.compile(r"(?:(?<![\w:.])[-−])?\d+(?:[.,]\d+)?")
_MINUTES = re.compile(r"\b(min|mins|minute|minutes|hour|hours|hrs?)\b", re.IGNORECASE)


@dataclass
class Action:
    """One line of an action plan, as the learner wrote it (every field may still be empty)."""

    finding: str = ""
    action: str = ""
    owner: str = ""
    due: date | None = None
    measure: str = ""
    target: str = ""

    def to_record(self) -> dict[str, Any]:
        """A JSON-ready dict (the date as ``YYYY-MM-DD``) for the learner record."""
        data = asdict(self)
        data["due"] = self.due.isoformat() if self.due else None
        return data

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> Action:
        """The inverse of :meth:`to_record`; unknown keys are ignored, a bad date becomes no date.

        >>> Action.from_record({"action": "Call back", "due": "2025-04-30", "colour": "red"}).due
        datetime.date(2025, 4, 30)
        """
        due = data.get("due")
        try:
            due = date.fromisoformat(due) if isinstance(due, str) and due else None
        except ValueError:
            due = None
        return cls(**{k: str(data.get(k) or "") for k in ("finding", "action", "owner", "measure", "target")},
                   due=due)


@dataclass(frozen=True)
class ActionProblem:
    """What is missing or vague in one field of an action, and how to fix it."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


@dataclass(frozen=True)
class Plan:
    """An action plan as the content defines it."""

    id: str
    module: str
    title: str
    intro: str
    findings: tuple[str, ...]
    example: Action
    starts: date | None = None
    line: int | None = field(default=None, compare=False)


def check_action(action: Action, *, starts: date | None = None) -> list[ActionProblem]:
    """Every problem in one action, in the order of its fields (an empty list: the action is complete).

    ``starts``: the day the plan starts; a due date before it is a mistake.

    >>> check_action(Action(action="Offer call-backs when the wait passes 2 minutes", owner="Sam", measure="asa",
    ...              target="ASA under 1.5 minutes", due=date(2025, 3, 1)), starts=date(2025, 4, 7))[0].message
    'the due date 2025-03-01 is before the plan starts (2025-04-07).'
    """
    problems: list[ActionProblem] = []

    def add(name: str, message: str) -> None:
        problems.append(ActionProblem(name, message))

    what = " ".join(action.action.split())
    if not what:
        add("action", "say what will be done, starting with a verb, e.g. 'Offer call-backs during the morning peak'.")
    elif len(what.split()) < 3:
        add("action", f"'{what}' is too short to act on: say what will be done, "
                      "e.g. 'Run a 30-minute refresher on paraphrasing'.")
    owner = " ".join(action.owner.split())
    if not owner:
        add("owner", "name one person who answers for it (they can involve others).")
    elif re.sub(r"[^\w ]", "", owner.lower()).strip() in GROUP_OWNERS:
        add("owner", f"'{owner}' is not one person. Name one person who answers for it (they can involve others).")
    if action.due is None:
        add("due", "give a date by which it will be done.")
    elif starts is not None and action.due < starts:
        add("due", f"the due date {action.due.isoformat()} is before the plan starts ({starts.isoformat()}).")
    measure = MEASURES.get(action.measure)
    if measure is None:
        add("measure", "choose the KPI that will show whether the action worked.")
    target = " ".join(action.target.split())
    if not target:
        add("target", "say what result counts as success, with a number, e.g. 'from 62 % to 75 % by the end of May'.")
    elif not _NUMBER.search(target):
        add("target", f"'{target}' has no number: say what result counts as success, e.g. 'from 62 % to 75 %'.")
    elif measure is not None:
        problems.extend(_target_range_problems(measure, target))
    return problems


def _target_range_problems(measure: Measure, target: str) -> list[ActionProblem]:
    if measure.unit == "s" and _MINUTES.search(target):
        return [ActionProblem("target", f"{measure.label}: the course counts durations in seconds, so write the "
                                        f"target in seconds (e.g. '240 s' rather than '4 minutes').")]
    numbers = [float(n.replace("−", "-").replace(",", ".")) for n in _NUMBER.findall(target)]
    outside = [n for n in numbers if (measure.low is not None and n < measure.low)
               or (measure.high is not None and n > measure.high)]
    if not outside:
        return []
    span = (f"from {measure.low:g} to {measure.high:g}" if measure.high is not None
            else f"{measure.low:g} or more")
    kind = "a percentage" if measure.unit == "%" else "a number"
    return [ActionProblem("target", f"{measure.label} is {kind} {span}, so {outside[0]:g} cannot be a target.")]


def check_plan(actions: list[Action], *, starts: date | None = None) -> dict[int, list[ActionProblem]]:
    """Problems per action (by position, from 0); actions with none are left out. No actions at all is a problem.

    >>> check_plan([])
    {-1: [ActionProblem(field='plan', message='add at least one action.')]}
    """
    if not actions:
        return {-1: [ActionProblem("plan", "add at least one action.")]}
    found = {i: check_action(a, starts=starts) for i, a in enumerate(actions)}
    return {i: problems for i, problems in found.items() if problems}


def is_blank(action: Action) -> bool:
    """An action the learner added but has not started to fill in (saved drafts leave it out)."""
    return not any([action.finding.strip(), action.action.strip(), action.owner.strip(), action.due,
                    action.measure, action.target.strip()])


# --- saving and reloading ------------------------------------------------------------------------------------


def activity_id(name: str) -> str:
    return f"plan:{name}"


def save_plan(plan: Plan, actions: list[Action]) -> tuple[bool, dict[int, list[ActionProblem]]]:
    """Save the actions to the learner record and check them; return (complete, problems).

    Every save is kept, complete or not, so a draft survives a crashed kernel: a complete plan is recorded as
    ``completed`` (it then counts in ``my_progress()``), a draft as ``responded``.
    """
    from course_lib.record.events import plan_saved

    kept = [a for a in actions if not is_blank(a)]
    problems = check_plan(kept, starts=plan.starts)
    complete = not problems
    plan_saved(plan.id, [a.to_record() for a in kept], complete, module=plan.module)
    return complete, problems


def saved_actions(plan: Plan) -> list[Action]:
    """The actions of the learner's latest save of this plan (none when nothing was saved or recording is off)."""
    from course_lib.record.events import plan_saves
    from course_lib.record.store import my_events

    saves = plan_saves(my_events())
    mine = saves[saves["plan"] == plan.id]
    if mine.empty:
        return []
    return [Action.from_record(item) for item in mine.iloc[-1]["actions"]]
