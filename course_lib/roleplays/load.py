"""Read a scenario file (YAML a trainer edits) into a :class:`~course_lib.roleplays.model.Scenario`, and back.

Loading always runs the checker first, so a scenario that loads is one ``course check`` accepts; a file with
problems raises :class:`ScenarioError` listing every one of them.

>>> scenario = load_scenario("sofa_delivery")
>>> scenario.persona.name
'Mr. Jones'
>>> load_scenario("sofa_delivry")
Traceback (most recent call last):
...
course_lib.roleplays.load.ScenarioError: there is no scenario 'sofa_delivry' (did you mean 'sofa_delivery'?)
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import yaml

from course_lib.contentfile.files import content_path, read_text
from course_lib.contentfile.schema import as_json
from course_lib.errors import ContentError
from course_lib.problems import Problem
from course_lib.roleplays.check import check_scenario_data, parse_yaml
from course_lib.roleplays.model import (
    FORMAT_VERSION,
    Choice,
    Condition,
    Ending,
    Node,
    Persona,
    Scenario,
    Setting,
)


def scenario_dir() -> Path:
    """The folder of the shipped scenarios (under ``content_dir()``, so ``COURSE_CONTENT`` moves it)."""
    return content_path("scenarios")


class ScenarioError(ContentError):
    """A scenario file has problems; ``.problems`` lists all of them (the message shows the first)."""

    def __init__(self, problems: list[Problem], *, detail: str | None = None):
        self.problems = problems
        if detail is not None:
            super().__init__(detail)
            return
        first = problems[0]
        more = len(problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''}; run `course check {first.file}`)" if more else ""
        super().__init__(first.message + suffix, path=first.file, line=first.line, where=first.where)


def shipped_scenarios() -> list[str]:
    """The ids of the scenarios that ship with the course.

    >>> "sofa_delivery" in shipped_scenarios()
    True
    """
    return sorted(p.stem for p in scenario_dir().glob("*.yaml"))


def scenario_path(name: str | Path) -> Path:
    """Where a scenario lives: a shipped id such as ``"sofa_delivery"``, or a path to any ``.yaml`` file."""
    if isinstance(name, Path) or str(name).endswith((".yaml", ".yml")):
        return Path(name)
    path = scenario_dir() / f"{name}.yaml"
    if not path.exists():
        known = shipped_scenarios()
        close = difflib.get_close_matches(str(name), known, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else f"; the shipped ones are: {', '.join(known)}"
        raise ScenarioError([], detail=f"there is no scenario '{name}'{hint}")
    return path


def _condition(raw: dict | None) -> Condition | None:
    if raw is None:
        return None
    at_least = raw.get("at_least") or {}
    return Condition(mood_at_most=raw.get("mood_at_most"), mood_at_least=raw.get("mood_at_least"),
                     at_least=tuple((str(k), int(v)) for k, v in at_least.items()))


def build_scenario(data: dict) -> Scenario:
    """The model for data that the checker has accepted (no checks here: see ``check.py``)."""
    competencies = tuple(data["competencies"])
    nodes = []
    for raw in data["nodes"]:
        choices = []
        for choice in raw.get("choices") or ():
            effects = choice.get("effects") or {}
            choices.append(Choice(
                text=choice["text"], feedback=choice["feedback"], next=choice["next"], mood=int(effects.get("mood", 0)),
                points=tuple((c, int(effects[c])) for c in competencies if c in effects),
                condition=_condition(choice.get("condition")),
            ))
        ending = raw.get("ending")
        nodes.append(Node(
            id=raw["id"], says=raw["says"], speaker=raw.get("speaker"), narration=raw.get("narration"),
            cue=raw.get("cue"), choices=tuple(choices),
            ending=Ending(ending["outcome"], ending["debrief"]) if ending else None, allow_back=raw.get("allow_back"),
        ))
    setting, persona = data["setting"], data["persona"]
    return Scenario(
        id=data["id"], title=data["title"], module=data["module"], practises=data["practises"],
        setting=Setting(setting["who"], setting["where"], setting["what_happened"]),
        persona=Persona(persona["name"], persona["description"]), start_mood=int(data["start_mood"]),
        competencies=competencies, nodes=tuple(nodes), start=data.get("start", data["nodes"][0]["id"]),
        allow_back=data.get("allow_back", True), format=data["format"],
    )


def parse_scenario(text: str, path: Path | str = "<text>") -> Scenario:
    """The scenario in ``text``; raises ScenarioError (a ContentError) listing every problem, never anything else."""
    path = Path(path)
    parsed = parse_yaml(text, path)
    if isinstance(parsed, Problem):
        raise ScenarioError([parsed])
    errors = [p for p in check_scenario_data(parsed.data, parsed.lines, path) if p.is_error]
    if errors:
        raise ScenarioError(errors)
    return build_scenario(as_json(parsed.data))


def load_scenario(name: str | Path) -> Scenario:
    """A shipped scenario by id (``load_scenario("sofa_delivery")``) or any scenario file by path."""
    path = scenario_path(name)
    try:
        text = read_text(path)
    except ContentError as err:
        raise ScenarioError([Problem(path, err.line, err.where, err.detail)]) from None
    return parse_scenario(text, path)


def scenario_to_data(scenario: Scenario) -> dict[str, Any]:
    """The scenario as plain data in the file format (the inverse of :func:`build_scenario`)."""
    def choice_data(choice: Choice) -> dict[str, Any]:
        out: dict[str, Any] = {"text": choice.text, "feedback": choice.feedback}
        effects = ({"mood": choice.mood} if choice.mood else {}) | dict(choice.points)
        if effects:
            out["effects"] = effects
        if choice.condition is not None:
            cond = choice.condition
            out["condition"] = {k: v for k, v in (("mood_at_most", cond.mood_at_most),
                                                  ("mood_at_least", cond.mood_at_least)) if v is not None}
            if cond.at_least:
                out["condition"]["at_least"] = dict(cond.at_least)
        out["next"] = choice.next
        return out

    def node_data(node: Node) -> dict[str, Any]:
        out: dict[str, Any] = {"id": node.id, "says": node.says}
        out |= {k: v for k, v in (("speaker", node.speaker), ("narration", node.narration), ("cue", node.cue),
                                  ("allow_back", node.allow_back)) if v is not None}
        if node.ending is not None:
            out["ending"] = {"outcome": node.ending.outcome, "debrief": node.ending.debrief}
        else:
            out["choices"] = [choice_data(c) for c in node.choices]
        return out

    s = scenario
    return {
        "kind": "scenario",
        "format": FORMAT_VERSION, "id": s.id, "title": s.title, "module": s.module, "practises": s.practises,
        "setting": {"who": s.setting.who, "where": s.setting.where, "what_happened": s.setting.what_happened},
        "persona": {"name": s.persona.name, "description": s.persona.description},
        "start_mood": s.start_mood, "start": s.start, "allow_back": s.allow_back,
        "competencies": list(s.competencies), "nodes": [node_data(n) for n in s.nodes],
    }


def dump_scenario(scenario: Scenario) -> str:
    """The scenario as YAML text in the file format; ``parse_scenario(dump_scenario(s)) == s``."""
    return yaml.safe_dump(scenario_to_data(scenario), sort_keys=False, allow_unicode=True, width=100)
