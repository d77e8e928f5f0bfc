"""The action plans file (``course_lib/content/action_plans.yaml``): its checks and its loader.

The structure is checked by ``content/schemas/action_plans.schema.json``; :func:`check_action_plans_links` checks
what a schema cannot: unique ids, a module that is in ``modules.yaml``, real dates, and an example action that
passes the same checks as a learner's own (:func:`course_lib.plans.actions.check_action`), since learners copy it.

>>> load_plan("kpi_review").module
'07'
"""

from __future__ import annotations

import datetime as dt
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from course_lib.contentfile.files import content_path, file_version
from course_lib.errors import ContentError
from course_lib.plans.actions import MEASURES, Action, Plan, check_action
from course_lib.problems import did_you_mean

PLANS_FILE = "action_plans.yaml"


def as_date(value: Any) -> date | None:
    """A date from YAML: a date as it is (a timestamp's day), an ISO text parsed; None when it is not a date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else []


def plans_place(data: Any, place: tuple, message: str) -> tuple[str | None, str]:
    """Name a place: ``("plans", 0, "example", "owner")`` is plan 'its_id' and a message starting "example: "."""
    if len(place) >= 2 and place[0] == "plans" and isinstance(place[1], int):
        plans = _as_list(data.get("plans") if isinstance(data, dict) else None)
        plan = plans[place[1]] if place[1] < len(plans) else None
        plan_id = plan.get("id") if isinstance(plan, dict) else None
        where = f"plan '{plan_id}'" if isinstance(plan_id, str) else f"plan {place[1] + 1}"
        return where, (f"example: {message}" if len(place) >= 3 and place[2] == "example" else message)
    return None, message


def _example_action(raw: dict) -> Action:
    return Action(*(" ".join(str(raw.get(k) or "").split()) for k in ("finding", "action", "owner")),
                  as_date(raw.get("due")), str(raw.get("measure") or ""), str(raw.get("target") or ""))


def check_action_plans_links(data: dict, report) -> None:
    """What the schema cannot check: unique ids, modules in modules.yaml, dates that exist, and an example action
    that passes :func:`check_action` (with its due date on or after the plan's ``starts``)."""
    from course_lib.contentfile.modules import known_modules, unknown_module

    known = known_modules()
    seen: dict[str, int] = {}
    for index, plan in enumerate(_as_list(data.get("plans"))):
        if not isinstance(plan, dict):
            continue
        here = ("plans", index)
        plan_id = plan.get("id")
        if isinstance(plan_id, str):
            if plan_id in seen:
                report.error(here + ("id",), f"id '{plan_id}' is used twice (first on line {seen[plan_id]})")
            else:
                seen[plan_id] = report.line(here + ("id",))
        module = plan.get("module")
        problem = unknown_module(module, known) if isinstance(module, str) and known else None
        if problem:
            report.error(here + ("module",), problem)
        if plan.get("starts") is not None and as_date(plan["starts"]) is None:
            report.error(here + ("starts",), f"'starts' is {plan['starts']!r}, which is not a date (YYYY-MM-DD)")
        example = plan.get("example")
        if not isinstance(example, dict):
            continue
        if example.get("due") is not None and as_date(example.get("due")) is None:
            report.error(here + ("example", "due"), f"'due' is {example['due']!r}, which is not a date (YYYY-MM-DD)")
            continue
        texts = ("finding", "action", "owner", "target")
        if not all(isinstance(example.get(k), str) and example[k].strip() for k in texts) or \
                not isinstance(example.get("measure"), str) or example["measure"] not in MEASURES or \
                example.get("due") is None:
            continue  # the schema says what is missing; the checks below would only say it again
        # The example is what learners copy: it must pass the same checks as their own actions.
        for found in check_action(_example_action(example), starts=as_date(plan.get("starts"))):
            field = found.field if found.field in example else None
            report.error(here + ("example",) + ((field,) if field else ()), f"{found.field}: {found.message}")


def _plan(raw: dict, line: int | None) -> Plan:
    return Plan(raw["id"], raw["module"], " ".join(raw["title"].split()), " ".join(raw["intro"].split()),
                tuple(" ".join(f.split()) for f in raw["findings"]), _example_action(raw["example"]),
                as_date(raw.get("starts")), line)


@cache
def _load(path: str, _version: tuple[int, int]) -> dict[str, Plan]:
    from course_lib.contentfile.check import load_checked

    loaded = load_checked(path, "action_plans")
    return {raw["id"]: _plan(raw, loaded.lines.line(("plans", i)))
            for i, raw in enumerate(loaded.data["plans"])}


def load_plans(path: Path | str | None = None) -> dict[str, Plan]:
    """The plans by id (default: the course's action_plans.yaml), read again only when the file changes; a broken
    file raises ContentError naming its first problem (``course check`` lists them all)."""
    path = Path(path) if path is not None else content_path(PLANS_FILE)
    # (0, 0) for a missing file: the loader then reports it with the file's name
    return _load(str(path), file_version(path) or (0, 0))


def load_plan(name: str) -> Plan:
    """One plan by id, with a "did you mean" when the name is mistyped."""
    plans = load_plans()
    if name not in plans:
        raise ContentError(f"there is no action plan '{name}'{did_you_mean(name, sorted(plans))}",
                           path=content_path(PLANS_FILE))
    return plans[name]

