"""Check a role-play scenario file and report every problem with its file, line and node.

The content layer (``course_lib.contentfile``) reads the YAML safely, remembering the line of every key and list
item, and validates the structure against ``content/schemas/scenario.schema.json``. This module checks what a
schema cannot: links between nodes, reachability, endings that can never be reached, loops with no way out,
competencies that do not exist. Every check is a single pass or a breadth-first search over the nodes, so the time
grows linearly with the size of the scenario.

>>> problems = check_scenario_text('''
... format: 1
... id: demo
... title: Demo
... module: "04"
... practises: Calming an upset caller
... setting: {who: a caller, where: the phone, what_happened: a late parcel}
... persona: {name: Ana, description: polite but worried}
... start_mood: 6
... competencies: [empathy]
... nodes:
...   - id: start
...     says: Where is my parcel?
...     choices:
...       - text: I can see why you are worried.
...         feedback: Naming the feeling (empathetic language) lowers the temperature.
...         effects: {mood: -2, empaty: 2}
...         next: calmed
...   - id: calm
...     says: Thank you.
...     ending: {outcome: resolved, debrief: You acknowledged the worry first.}
... ''', "demo.yaml")
>>> for problem in problems:  # doctest: +NORMALIZE_WHITESPACE
...     print(problem)
demo.yaml:10: warning: no choice gives points for 'empathy', so it is always scored 0 of 0
demo.yaml:17: node 'start': choice 1: gives points for 'empaty', which is not one of the scenario's
    competencies (did you mean 'empathy'?)
demo.yaml:18: node 'start': choice 1: goes to 'calmed', which does not exist (did you mean 'calm'?)
"""

from __future__ import annotations

import re
from collections import deque
from pathlib import Path
from typing import Any

from course_lib.contentfile.check import check_file_as, check_loaded, check_text
from course_lib.contentfile.lines import LineIndex, Place
from course_lib.contentfile.report import Report
from course_lib.contentfile.schema import as_json
from course_lib.contentfile.schema import full_validator as _full_validator
from course_lib.contentfile.schema import schema_valid as _schema_valid
from course_lib.contentfile.yaml_read import Loaded, read_document_text
from course_lib.problems import Problem, did_you_mean

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
_SUGGESTION_LIMIT = 50  # "did you mean" costs a scan of all ids; stop suggesting after this many, to stay linear


def _suggest(name: object, known) -> str:
    hint = did_you_mean(name, known)
    return hint if hint.startswith(" (") else ""


def full_validator():
    """jsonschema's validator for scenarios (collects every error with its place)."""
    return _full_validator("scenario")


def schema_valid(data: Any) -> bool:
    """Whether ``data`` matches the scenario schema, by the fast compiled validator (tests check it agrees with
    jsonschema)."""
    return _schema_valid("scenario", as_json(data))


def parse_yaml(text: str, path: Path | str) -> Loaded | Problem:
    """The data in ``text`` and the line of each part of it (``.data``, ``.lines``), or the YAML problem."""
    return read_document_text(text, path)


def _node_label(nodes: Any, position: int) -> str:
    if isinstance(nodes, list) and position < len(nodes):
        node = nodes[position]
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            return f"node '{node['id']}'"
    return f"node {position + 1}"


def scenario_place(data: Any, path: Place, message: str) -> tuple[str | None, str]:
    """Name a place: ('nodes', 3, 'choices', 1, ...) becomes "node 'id'" and a message that starts with "choice 2".
    """
    if len(path) >= 2 and path[0] == "nodes" and isinstance(path[1], int):
        where = _node_label(_as_dict(data).get("nodes"), path[1])
        if len(path) >= 4 and path[2] == "choices" and isinstance(path[3], int):
            message = f"choice {path[3] + 1}: {message}"
        return where, message
    return None, message


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _as_dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def check_scenario_links(data: dict, report: Report) -> None:
    """What the schema cannot check: links, reachability, endings and loops (single passes and breadth-first
    searches, linear in the file's size), competencies, and an id that differs from the file name."""
    _links(data, report)
    path = report.path
    if isinstance(data.get("id"), str) and path.suffix in (".yaml", ".yml") and data["id"] != path.stem:
        report.warning(("id",), f"the id '{data['id']}' differs from the file name '{path.name}'; "
                       f"roleplay(\"{path.stem}\") finds a scenario by its file name")


def _links(data: dict, report: Report) -> None:
    nodes = _as_list(data.get("nodes"))
    competencies = [c for c in _as_list(data.get("competencies")) if isinstance(c, str)]
    known_competencies = set(competencies)
    first_at: dict[str, int] = {}
    for position, node in enumerate(nodes):
        node_id = _as_dict(node).get("id")
        if not isinstance(node_id, str):
            continue
        if node_id in first_at:
            first = nodes[first_at[node_id]]
            first_line = report.line(("nodes", first_at[node_id])) if isinstance(first, dict) else None
            report.error(("nodes", position, "id"), f"the id '{node_id}' is used twice (first on line {first_line}); "
                         "each node needs its own id")
        else:
            first_at[node_id] = position

    start = data.get("start")
    if start is None and nodes and isinstance(_as_dict(nodes[0]).get("id"), str):
        start = nodes[0]["id"]
    elif isinstance(start, str) and start not in first_at:
        report.error(("start",), f"the start node '{start}' does not exist{_suggest(start, first_at)}")
        start = None

    successors: dict[int, list[int]] = {}
    predecessors: dict[int, list[int]] = {p: [] for p in first_at.values()}
    endings, broken, suggestions = [], set(), 0
    feedback_seen: dict[str, tuple[str, int]] = {}
    scored: set[str] = set()
    for position, node in enumerate(nodes):
        if not isinstance(node, dict) or not isinstance(node.get("id"), str) or first_at[node["id"]] != position:
            continue
        here = ("nodes", position)
        choices, ending = node.get("choices"), node.get("ending")
        if ending is not None and choices is not None:
            report.error(here + ("ending",), "has both 'choices' and an 'ending'; a node is one or the other")
        elif ending is None and choices is None:
            report.error(here, "has neither 'choices' nor an 'ending': the conversation would stop here with "
                         "nothing to say")
        if ending is not None:
            endings.append(position)
        targets = successors.setdefault(position, [])
        conditional = 0
        for number, choice in enumerate(_as_list(choices)):
            choice = _as_dict(choice)
            at = here + ("choices", number)
            target = choice.get("next")
            if isinstance(target, str) and target in first_at:
                targets.append(first_at[target])
                predecessors[first_at[target]].append(position)
            else:
                broken.add(position)  # a missing or malformed link; the schema reports a malformed one
                if isinstance(target, str) and re.match(ID_PATTERN, target):
                    hint = _suggest(target, first_at) if suggestions < _SUGGESTION_LIMIT else ""
                    suggestions += 1
                    report.error(at + ("next",), f"goes to '{target}', which does not exist{hint}")
            for name in _as_dict(choice.get("effects")):
                if name == "mood":
                    continue
                scored.add(name)
                if name not in known_competencies:
                    report.error(at + ("effects", name), f"gives points for '{name}', which is not one of the "
                                 f"scenario's competencies{_suggest(name, competencies)}")
            condition = choice.get("condition")
            if condition is not None:
                conditional += 1
                for name in _as_dict(_as_dict(condition).get("at_least")):
                    if name not in known_competencies:
                        report.error(at + ("condition", "at_least", name),
                                     f"the condition uses '{name}', which is not one of the scenario's "
                                     f"competencies{_suggest(name, competencies)}")
                low, high = _as_dict(condition).get("mood_at_least"), _as_dict(condition).get("mood_at_most")
                if isinstance(low, int) and isinstance(high, int) and low > high:
                    report.error(at + ("condition",), f"the condition can never hold: mood at least {low} and at "
                                 f"most {high}")
            feedback = choice.get("feedback")
            if isinstance(feedback, str) and feedback.strip():
                key = " ".join(feedback.split()).casefold()
                if key in feedback_seen:
                    other, other_line = feedback_seen[key]
                    report.warning(at + ("feedback",), f"the feedback repeats {other}'s word for word (line "
                                   f"{other_line}); say why *this* choice works or not")
                else:
                    feedback_seen[key] = (f"node '{node['id']}' choice {number + 1}", report.line(at + ("feedback",)))
        if choices is not None and conditional and conditional == len(_as_list(choices)):
            report.error(here + ("choices",), "every choice has a condition, so the learner could be left with "
                         "nothing to say; leave at least one choice without a condition")

    for name in competencies:
        if name not in scored:
            place = ("competencies", competencies.index(name))
            report.warning(place, f"no choice gives points for '{name}', so it is always scored 0 of 0")

    if not isinstance(start, str) or start not in first_at:
        return
    # Forward search from the start: what the learner can reach.
    reachable = {first_at[start]}
    queue = deque(reachable)
    while queue:
        for target in successors.get(queue.popleft(), ()):
            if target not in reachable:
                reachable.add(target)
                queue.append(target)
    # Backward search from the endings: from where an ending can still be reached.
    can_finish = set(endings)
    queue = deque(endings)
    while queue:
        for source in predecessors.get(queue.popleft(), ()):
            if source not in can_finish:
                can_finish.add(source)
                queue.append(source)
    if not endings:
        report.error(("nodes",), "no node is an ending: give at least one node an 'ending' with an outcome and a "
                     "debrief")
    # While a link is broken, nodes behind it look unreachable: report those once the links are fixed.
    links_broken = bool(broken)
    for position in sorted(first_at.values()):
        node = nodes[position]
        if position not in reachable and not links_broken:
            also = "; this ending can never happen" if node.get("ending") is not None else ""
            report.error(("nodes", position), f"cannot be reached from the start node '{start}'{also}")
        elif endings and position not in can_finish and position not in broken and node.get("choices"):
            report.error(("nodes", position), "no ending can be reached from here: every choice leads round in a "
                         "loop; give the loop a way out to an ending")


_graph_problems = _links  # the old name (benchmarks use it)


def _Report(path: Path | str, data: Any, lines: LineIndex) -> Report:  # noqa: N802 - the old name of a class
    return Report(path, data, lines, scenario_place)


def check_scenario_data(data: Any, lines: LineIndex, path: Path | str) -> list[Problem]:
    """Every problem in parsed scenario data, in file order."""
    return check_loaded(Loaded(data, lines, Path(path)), "scenario", path)


def check_scenario_text(text: str, path: Path | str = "<text>") -> list[Problem]:
    """Every problem in the text of a scenario file (see the module docstring for an example)."""
    return check_text(text, "scenario", path)


def check_scenario_file(path: Path | str) -> list[Problem]:
    """Every problem in one scenario file, read as a scenario whatever its name or folder."""
    return check_file_as(path, "scenario")
