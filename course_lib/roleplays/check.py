"""Check a role-play scenario file and report every problem with its file, line and node.

The checker reads the YAML once, remembering the line of every key and list item, validates the structure against a
JSON Schema (``SCHEMA``) and then checks what a schema cannot: links between nodes, reachability, endings that can
never be reached, loops with no way out, competencies that do not exist. Every check is a single pass or a
breadth-first search over the nodes, so the time grows linearly with the size of the scenario.

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

import difflib
import gc
import re
from collections import deque
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema
import yaml

from course_lib.problems import Problem
from course_lib.roleplays.model import (
    FORMAT_VERSION,
    MOOD_CHANGE_LIMIT,
    MOOD_MAX,
    MOOD_MIN,
    OUTCOMES,
    POINTS_LIMIT,
)

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
_TEXT = {"type": "string", "pattern": r"\S"}
_ID = {"type": "string", "pattern": ID_PATTERN}
_MOOD = {"type": "integer", "minimum": MOOD_MIN, "maximum": MOOD_MAX}

# The structure of a scenario file. Links, reachability and competency names are checked in Python afterwards.
SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["format", "id", "title", "module", "practises", "setting", "persona", "start_mood",
                 "competencies", "nodes"],
    "additionalProperties": False,
    "properties": {
        "format": {"const": FORMAT_VERSION},
        "id": _ID,
        "title": _TEXT,
        "module": {"type": "string", "pattern": r"^\d\d$"},
        "practises": _TEXT,
        "setting": {
            "type": "object", "required": ["who", "where", "what_happened"], "additionalProperties": False,
            "properties": {"who": _TEXT, "where": _TEXT, "what_happened": _TEXT},
        },
        "persona": {
            "type": "object", "required": ["name", "description"], "additionalProperties": False,
            "properties": {"name": _TEXT, "description": _TEXT},
        },
        "start_mood": _MOOD,
        "start": _ID,
        "allow_back": {"type": "boolean"},
        "competencies": {"type": "array", "minItems": 1, "uniqueItems": True, "items": _ID},
        "nodes": {
            "type": "array", "minItems": 1,
            "items": {
                "type": "object", "required": ["id", "says"], "additionalProperties": False,
                "properties": {
                    "id": _ID,
                    "says": _TEXT,
                    "speaker": _TEXT,
                    "narration": _TEXT,
                    "cue": _TEXT,
                    "allow_back": {"type": "boolean"},
                    "choices": {
                        "type": "array", "minItems": 1,
                        "items": {
                            "type": "object", "required": ["text", "feedback", "next"],
                            "additionalProperties": False,
                            "properties": {
                                "text": _TEXT,
                                "feedback": _TEXT,
                                "next": _ID,
                                "effects": {
                                    "type": "object",
                                    "properties": {"mood": {"type": "integer", "minimum": -MOOD_CHANGE_LIMIT,
                                                            "maximum": MOOD_CHANGE_LIMIT}},
                                    "additionalProperties": {"type": "integer", "minimum": 0,
                                                             "maximum": POINTS_LIMIT},
                                },
                                "condition": {
                                    "type": "object", "minProperties": 1, "additionalProperties": False,
                                    "properties": {
                                        "mood_at_most": _MOOD,
                                        "mood_at_least": _MOOD,
                                        "at_least": {"type": "object", "minProperties": 1,
                                                     "additionalProperties": {"type": "integer", "minimum": 1}},
                                    },
                                },
                            },
                        },
                    },
                    "ending": {
                        "type": "object", "required": ["outcome", "debrief"], "additionalProperties": False,
                        "properties": {"outcome": {"enum": list(OUTCOMES)}, "debrief": _TEXT},
                    },
                },
            },
        },
    },
}
if TYPE_CHECKING:
    import jsonschema


@cache
def full_validator() -> jsonschema.Draft202012Validator:
    """jsonschema's validator: collects every error with its place in the file. Imported only when a file has
    errors, because importing jsonschema takes seconds on a slow machine."""
    import jsonschema

    return jsonschema.Draft202012Validator(SCHEMA)


@cache
def _fast_validator():
    return fastjsonschema.compile(SCHEMA)  # compiled to Python: about ten times faster than jsonschema


# libyaml (bundled with PyYAML's wheels) reads a 10,000-node file about ten times faster than pure Python.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SUGGESTION_LIMIT = 50  # "did you mean" costs a scan of all ids; stop suggesting after this many, to stay linear

Place = tuple  # a place in the file: keys and list positions, e.g. ("nodes", 3, "choices", 0, "next")


class LineIndex:
    """The line of every key and list item of a YAML document, found from PyYAML's composed nodes."""

    def __init__(self):
        self.lines: dict[Place, int] = {(): 1}
        self.duplicate_keys: list[tuple[Place, int, int]] = []  # (path, line, first line)
        self.recursive_at: int | None = None

    def add(self, node: yaml.Node, path: Place = ()) -> None:
        """Walk the composed document once. An alias that points back into its own anchor is noted in
        ``self.recursive_at`` (the line), because such a document would go on forever."""
        self.lines[path] = node.start_mark.line + 1
        on_path: set[int] = set()
        done: set[int] = set()
        stack: list[tuple[yaml.Node, Place, bool]] = [(node, path, False)]
        while stack:
            node, path, leaving = stack.pop()
            if leaving:
                on_path.discard(id(node))
                done.add(id(node))
                continue
            if id(node) in on_path:
                self.recursive_at = self.lines.get(path, node.start_mark.line + 1)
                continue
            if id(node) in done:  # an alias used again elsewhere: its lines are already known
                continue
            on_path.add(id(node))
            stack.append((node, path, True))
            if isinstance(node, yaml.MappingNode):
                seen: dict[str, int] = {}
                for key, value in node.value:
                    name = key.value if isinstance(key, yaml.ScalarNode) else None
                    if name is None:
                        continue
                    here = path + (name,)
                    line = key.start_mark.line + 1
                    if name in seen:
                        self.duplicate_keys.append((here, line, seen[name]))
                        continue
                    seen[name] = line
                    self.lines[here] = line
                    stack.append((value, here, False))
            elif isinstance(node, yaml.SequenceNode):
                for position, item in enumerate(node.value):
                    here = path + (position,)
                    self.lines[here] = item.start_mark.line + 1
                    stack.append((item, here, False))

    def line(self, path: Place) -> int:
        """The line of ``path``, or of the nearest enclosing place that has one."""
        path = tuple(path)
        while path not in self.lines:
            path = path[:-1]
        return self.lines[path]


class _Parsed:
    def __init__(self, data: Any, lines: LineIndex):
        self.data, self.lines = data, lines


def parse_yaml(text: str, path: Path) -> _Parsed | Problem:
    """The data in ``text`` and the line of each part of it, or the YAML error as a Problem."""
    loader = None
    collecting = gc.isenabled()
    gc.disable()  # building many small objects at once: the cycle collector would run often and find nothing
    try:
        loader = _Loader(text)  # may already fail on characters YAML does not allow
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        lines = LineIndex()
        if node is not None:
            lines.add(node)
    except yaml.reader.ReaderError as err:
        line = text[:err.position].count("\n") + 1 if isinstance(err.position, int) else None
        return Problem(path, line, None, f"not valid YAML: {err.reason} (character {chr(err.character)!r})")
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        context, opened = getattr(err, "context", None), getattr(err, "context_mark", None)
        if context and opened is not None and (mark is None or opened.line != mark.line):
            problem += f" ({context} that starts on line {opened.line + 1})"
        return Problem(path, mark.line + 1 if mark is not None else None, None, f"not valid YAML: {problem}")
    except Exception as err:  # noqa: BLE001 - PyYAML's value constructors fail in many ways on odd values
        # e.g. a date that does not exist (2024-02-30) raises ValueError, an empty "!!int ''" IndexError.
        return Problem(path, None, None, "not valid YAML: a value cannot be read as what it looks like or is tagged "
                       f"as, e.g. a date that does not exist ({type(err).__name__}: {err})")
    finally:
        if loader is not None:
            loader.dispose()
        if collecting:
            gc.enable()
    if lines.recursive_at is not None:
        return Problem(path, lines.recursive_at, None, "not valid YAML for a scenario: an alias (*name) points back "
                       "into the anchor (&name) that contains it, so the content would repeat forever")
    return _Parsed(data, lines)


def _suggest(name: object, known) -> str:
    close = difflib.get_close_matches(str(name), list(known), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _describe(value: object) -> str:
    kinds = {str: "text", bool: "yes/no", int: "a whole number", float: "a number", list: "a list", dict: "a mapping",
             type(None): "empty"}
    kind = kinds.get(type(value), type(value).__name__)
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return f"{kind} ({value!r})"
    return kind


_EXPECTED = {"string": "text", "integer": "a whole number", "boolean": "true or false", "array": "a list",
             "object": "a mapping of keys to values"}


def _schema_message(error: jsonschema.ValidationError) -> Iterator[tuple[Place, str]]:
    """Trainer-friendly words for one schema error, with the place in the file it belongs to."""
    path = tuple(error.absolute_path)
    name = f"'{path[-1]}'" if path and isinstance(path[-1], str) else "this item"
    kind, value = error.validator, error.validator_value
    if kind == "required":
        missing = re.match(r"'(.*)' is a required property", error.message)
        yield path, f"'{missing.group(1) if missing else error.message}' is missing"
    elif kind == "additionalProperties":
        known = error.schema.get("properties", {})
        for key in error.instance:
            if key not in known:
                yield path + (key,), f"unknown key '{key}'{_suggest(key, known)}"
    elif kind == "type":
        yield path, f"{name} must be {_EXPECTED.get(value, value)}, not {_describe(error.instance)}"
    elif kind in ("minimum", "maximum"):
        low, high = error.schema.get("minimum"), error.schema.get("maximum")
        bounds = f"from {low} to {high}" if high is not None else f"at least {low}"
        yield path, f"{name} is {error.instance}, outside the allowed range: it must be {bounds}"
    elif kind == "pattern" and value == r"\S":
        yield path, f"{name} is empty"
    elif kind == "pattern" and value == ID_PATTERN:
        yield path, (f"{name} is {error.instance!r}: an id uses lower-case letters, digits and _ and starts with a "
                     "letter, e.g. 'ask_details'")
    elif kind == "pattern":
        yield path, f"{name} is {error.instance!r}: it must be a two-digit module number such as \"05\""
    elif kind == "const":
        yield path, f"format is {error.instance!r}; this version of the course reads format {value}"
    elif kind == "enum":
        options = ", ".join(map(str, value))
        yield path, f"{name} is {error.instance!r}{_suggest(error.instance, value)}; choose one of: {options}"
    elif kind in ("minItems", "minProperties"):
        yield path, f"{name} is empty"
    elif kind == "uniqueItems":
        yield path, f"{name} lists the same item twice"
    else:  # pragma: no cover - every keyword SCHEMA uses is handled above
        yield path, error.message


def schema_valid(data: Any) -> bool:
    """Whether ``data`` matches SCHEMA, by the fast compiled validator (tests check it agrees with jsonschema)."""
    try:
        _fast_validator()(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def _node_label(nodes: Any, position: int) -> str:
    if isinstance(nodes, list) and position < len(nodes):
        node = nodes[position]
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            return f"node '{node['id']}'"
    return f"node {position + 1}"


def _where_and_message(data: Any, path: Place, message: str) -> tuple[str | None, str]:
    """Turn ('nodes', 3, 'choices', 1, ...) into "node 'id'" and a message that starts with "choice 2"."""
    if len(path) >= 2 and path[0] == "nodes" and isinstance(path[1], int):
        where = _node_label(data.get("nodes"), path[1])
        if len(path) >= 4 and path[2] == "choices" and isinstance(path[3], int):
            message = f"choice {path[3] + 1}: {message}"
        return where, message
    return None, message


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _as_dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _graph_problems(data: dict, report) -> None:
    """Links, reachability, endings and loops: single passes and breadth-first searches, linear in the file's size."""
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


class _Report:
    def __init__(self, path: Path, data: Any, lines: LineIndex):
        self.path, self.data, self.lines = path, data, lines
        self.problems: list[Problem] = []

    def line(self, place: Place) -> int:
        return self.lines.line(place)

    def add(self, place: Place, message: str, severity: str, line: int | None = None) -> None:
        where, message = _where_and_message(_as_dict(self.data), tuple(place), message)
        self.problems.append(Problem(self.path, line or self.line(place), where, message, severity))

    def error(self, place: Place, message: str, line: int | None = None) -> None:
        self.add(place, message, "error", line)

    def warning(self, place: Place, message: str) -> None:
        self.add(place, message, "warning")


def check_scenario_data(data: Any, lines: LineIndex, path: Path) -> list[Problem]:
    """Every problem in parsed scenario data, in file order."""
    report = _Report(Path(path), data, lines)
    for place, line, first_line in lines.duplicate_keys:
        report.error(place, f"the key '{place[-1]}' appears twice in the same place (first on line {first_line}); "
                     "only the last one would count", line)
    if not isinstance(data, dict):
        report.error((), "a scenario file must be a mapping with keys such as 'id', 'title', 'nodes', not "
                     f"{_describe(data)}")
        return report.problems
    if not schema_valid(data):
        for error in full_validator().iter_errors(data):
            for place, message in _schema_message(error):
                report.error(place, message)
    _graph_problems(data, report)
    if isinstance(data.get("id"), str) and Path(path).suffix in (".yaml", ".yml") and data["id"] != Path(path).stem:
        report.warning(("id",), f"the id '{data['id']}' differs from the file name '{Path(path).name}'; "
                       f"roleplay(\"{Path(path).stem}\") finds a scenario by its file name")
    order = {"error": 0, "warning": 1}
    return sorted(report.problems, key=lambda p: (p.line or 0, order[p.severity]))


def check_scenario_text(text: str, path: Path | str = "<text>") -> list[Problem]:
    """Every problem in the text of a scenario file (see the module docstring for an example)."""
    parsed = parse_yaml(text, Path(path))
    if isinstance(parsed, Problem):
        return [parsed]
    return check_scenario_data(parsed.data, parsed.lines, Path(path))


def check_scenario_file(path: Path | str) -> list[Problem]:
    """Every problem in one scenario file; this is what ``course check`` runs on ``content/scenarios/*.yaml``."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return [Problem(path, None, None, "file not found")]
    except UnicodeDecodeError as err:
        return [Problem(path, None, None, f"not UTF-8 text ({err.reason} at byte {err.start})")]
    return check_scenario_text(text, path)
