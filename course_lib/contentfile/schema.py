"""Check a content file against its kind's JSON Schema and say what is wrong in a trainer's words.

Each kind has ``course_lib/content/schemas/KIND.schema.json`` (draft 2020-12; its ``title`` and ``description``
texts are written for trainers). A file is first checked by fastjsonschema (compiled to Python, about ten times
faster than jsonschema); only when it fails is jsonschema imported, to list *every* error with its place, and
:func:`schema_messages` turns each into words such as ``'feedback' is missing`` or
``unknown key 'feedbak' (did you mean 'feedback'?)``.

>>> from course_lib.contentfile.yaml_read import load_yaml_text
>>> from course_lib.contentfile.report import Report
>>> loaded = load_yaml_text("format: 1\\nmodules:\\n  - number: '01'\\n    titel: Skills\\n", "modules.yaml")
>>> report = Report("modules.yaml", loaded.data, loaded.lines)
>>> check_schema("modules", loaded.data, report)
False
>>> for problem in report.sorted_problems():
...     print(problem)
modules.yaml:3: 'title' is missing
modules.yaml:3: 'purpose' is missing
modules.yaml:4: unknown key 'titel' (did you mean 'title'?)
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

import fastjsonschema

from course_lib.contentfile.files import SCHEMA_DIR
from course_lib.contentfile.lines import Place
from course_lib.problems import did_you_mean

if TYPE_CHECKING:
    import jsonschema

    from course_lib.contentfile.report import Report

#: The pattern for non-empty text; its failure reads "'x' is empty".
TEXT_PATTERN = r"\S"

_EXPECTED = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
             "array": "a list", "object": "a mapping of keys to values", "null": "empty"}


@cache
def load_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of a kind, from ``content/schemas/NAME.schema.json``."""
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


@cache
def _fast_validator(name: str):
    return fastjsonschema.compile(load_schema(name))


@cache
def full_validator(name: str) -> jsonschema.Draft202012Validator:
    """jsonschema's validator: collects every error with its place. Imported only when a file has errors, because
    importing jsonschema takes a second on a slow machine."""
    import jsonschema

    return jsonschema.Draft202012Validator(load_schema(name))


def as_json(value: Any) -> Any:
    """``value`` as JSON Schema sees it: mapping keys as text (YAML reads ``1:`` as a number), dates as text."""
    if isinstance(value, dict):
        return {str(key): as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def schema_valid(name: str, data: Any) -> bool:
    """Whether ``data`` (already ``as_json``) matches the schema ``name``, by the fast compiled validator."""
    try:
        _fast_validator(name)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    except Exception:  # noqa: BLE001 - an odd Python value the compiled code does not expect: let jsonschema say
        return False
    return True


def describe(value: object) -> str:
    """A value in a trainer's words: ``text ('hi')``, ``a whole number (3)``, ``a list``."""
    kinds = {str: "text", bool: "true or false", int: "a whole number", float: "a number", list: "a list",
             dict: "a mapping", type(None): "empty"}
    kind = kinds.get(type(value), type(value).__name__)
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
        return f"{kind} ({shown})"
    return kind


def _suggest(name: object, known) -> str:
    hint = did_you_mean(name, known)
    return hint if hint.startswith(" (") else ""


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def schema_messages(error: jsonschema.ValidationError) -> Iterator[tuple[Place, str]]:
    """Trainer-friendly words for one schema error, with the place in the file it belongs to."""
    path = tuple(error.absolute_path)
    name = f"'{path[-1]}'" if path and isinstance(path[-1], str) else "this item"
    kind, value, schema, instance = error.validator, error.validator_value, error.schema, error.instance
    if kind == "required":
        missing = re.match(r"'(.*)' is a required property", error.message)
        yield path, f"'{missing.group(1) if missing else error.message}' is missing"
    elif kind == "additionalProperties":
        known = list(schema.get("properties", {}))
        for key in instance:
            if key not in known:
                yield path + (key,), f"unknown key '{key}'{_suggest(key, known)}"
    elif kind == "type":
        expected = " or ".join(_EXPECTED.get(v, v) for v in ([value] if isinstance(value, str) else value))
        yield path, f"{name} must be {expected}, not {describe(instance)}"
    elif kind in ("minimum", "maximum"):
        low, high = schema.get("minimum"), schema.get("maximum")
        bounds = f"from {low} to {high}" if low is not None and high is not None else (
            f"at least {low}" if low is not None else f"at most {high}")
        yield path, f"{name} is {instance}, outside the allowed range: it must be {bounds}"
    elif kind == "pattern" and value == TEXT_PATTERN:
        yield path, f"{name} is empty"
    elif kind == "pattern":
        words = schema.get("description") or f"it must match the pattern {value}"
        yield path, f"{name} is {instance!r}: {words}"
    elif kind == "const" and path and path[-1] == "format":
        yield path, f"format is {instance!r}; this version of the course reads format {value}"
    elif kind == "const":
        yield path, f"{name} must be {value!r}, not {describe(instance)}"
    elif kind == "enum":
        options = ", ".join(map(str, value))
        yield path, f"{name} is {instance!r}{_suggest(instance, [str(v) for v in value])}; choose one of: {options}"
    elif kind in ("minItems", "minProperties", "minLength") and value == 1:
        yield path, f"{name} is empty"
    elif kind in ("minItems", "minProperties"):
        yield path, f"{name} needs at least {_count(value, 'entry' if kind == 'minItems' else 'key')}, " \
                    f"not {len(instance)}"
    elif kind in ("maxItems", "maxProperties"):
        yield path, f"{name} may have at most {value}, not {len(instance)}"
    elif kind == "maxLength":
        yield path, f"{name} is {len(instance)} characters long; at most {value} are allowed"
    elif kind == "uniqueItems":
        yield path, f"{name} lists the same item twice"
    elif kind == "propertyNames":
        yield path, f"{name} has a key that is not allowed: {error.message}"
    else:
        words = schema.get("description") if isinstance(schema, dict) else None
        yield path, f"{name}: {words}" if words else error.message


def check_schema(name: str, data: Any, report: Report) -> bool:
    """Report every way ``data`` breaks the schema ``name``; return whether it matched."""
    data = as_json(data)
    if schema_valid(name, data):
        return True
    found = False
    for error in full_validator(name).iter_errors(data):
        for place, message in schema_messages(error):
            found = True
            report.error(place, message)
    return not found
