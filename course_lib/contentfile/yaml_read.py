"""Read YAML safely: a size limit, a budget for aliases, and every value PyYAML cannot build reported, not raised.

Reading has three steps. PyYAML *composes* the document into a graph of nodes (libyaml's C parser when PyYAML has
it, about a hundred times faster than pure Python on a large file). Before anything is built, the graph is measured
as it would be once every alias (``*name``) is expanded: a node reached through aliases counts each time it is
reached, so a 540-byte file of nested anchors (the "billion laughs") measures in the billions and is refused at
once, instead of filling the memory. Then the data is *constructed*; a value PyYAML cannot build (an impossible
date such as ``2024-02-30``, ``!!float x``, a list used as a key) becomes a ContentError with the line of that value.

>>> loaded = load_yaml_text("title: Demo\\nitems: [a, b]\\n", "demo.yaml")
>>> loaded.data, loaded.lines.line(("items", 1))
({'title': 'Demo', 'items': ['a', 'b']}, 2)
>>> load_yaml_text("when: 2024-02-30\\n", "dates.yaml")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
course_lib.errors.ContentError: dates.yaml:1: not valid YAML: a value cannot be read as what it looks like ...
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from course_lib.contentfile.files import read_text
from course_lib.contentfile.lines import LineIndex, with_lines
from course_lib.errors import ContentError
from course_lib.problems import Problem

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: The expanded size a document may have, at least: far above any real content file (the largest has ~10,000 nodes).
MIN_EXPANSION_BUDGET = 100_000
#: ... and at most this many times its number of distinct nodes (aliases may repeat a part, not multiply it).
EXPANSION_FACTOR = 10

_TAG_WORDS = {"timestamp": "a date", "float": "a number", "int": "a whole number", "bool": "true or false",
              "binary": "binary data", "map": "a mapping", "seq": "a list", "set": "a set", "omap": "an ordered map",
              "pairs": "pairs", "null": "empty", "str": "text"}


@dataclass
class Loaded:
    """A YAML document read safely: its data, and the line of every key and list item."""

    data: Any
    lines: LineIndex
    path: Path | None = None


class _ValueProblem(Exception):
    """A value PyYAML could not build, with the node it came from (so the message can give its line)."""

    def __init__(self, node: yaml.Node, error: Exception):
        super().__init__(str(error))
        self.node, self.error = node, error


class _Loader(_BaseLoader):
    """The safe loader (C when available) that builds everything at once and tells which node a failure is at."""

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep=True)
        except (_ValueProblem, RecursionError):
            raise
        except Exception as err:  # noqa: BLE001 - PyYAML's constructors raise ValueError, IndexError, TypeError...
            raise _ValueProblem(node, err) from None

    def construct_document(self, node):
        data = self.construct_object(node, deep=True)
        self.built = self.constructed_objects  # kept so the line index can name keys by their values (1, not "1")
        self.constructed_objects, self.recursive_objects = {}, {}
        return data


def _children(node: yaml.Node) -> list:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return node.value
    return []


def _shares_a_node(root: yaml.Node) -> bool:
    """Whether any node is reached twice (only aliases do that): one quick pass, for the common case of none."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return False


def expanded_size(root: yaml.Node) -> tuple[int, int, yaml.Node | None]:
    """(size once every alias is expanded, number of distinct nodes, a node that contains an alias to itself or
    None). Each node is measured once (memoised), so this takes time in proportion to the distinct nodes."""
    size: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        key = id(node)
        children = _children(node)
        if leaving:
            on_path.discard(key)
            size[key] = 1 + sum(size[id(child)] for child in children)
            continue
        if key in size:
            continue
        on_path.add(key)
        stack.append((node, True))
        for child in children:
            if id(child) in on_path:
                return 0, len(size), child
            if id(child) not in size:
                stack.append((child, False))
    return size[id(root)], len(size), None


def _first_alias_line(text: str, inside: yaml.Node | None = None) -> int | None:
    """The line of the first alias (``*name``) in the text, or of the first one inside the node ``inside``."""
    try:
        for token in yaml.scan(text, Loader=_BaseLoader):
            if isinstance(token, yaml.AliasToken) and (
                    inside is None or inside.start_mark.index <= token.start_mark.index < inside.end_mark.index):
                return token.start_mark.line + 1
    except yaml.YAMLError:
        return None
    return None


def _value_message(problem: _ValueProblem) -> tuple[int, str]:
    node, error = problem.node, problem.error
    mark = getattr(error, "problem_mark", None) or node.start_mark
    if isinstance(error, yaml.MarkedYAMLError) and "unhashable" in str(error.problem):
        return mark.line + 1, "not valid YAML: a list or a mapping is used as a key; a key must be a single value"
    if isinstance(error, yaml.MarkedYAMLError):
        return mark.line + 1, f"not valid YAML: {error.problem or error}"
    tag = node.tag.rsplit(":", 1)[-1]
    what = _TAG_WORDS.get(tag, f"'{node.tag}'")
    shown = node.value if isinstance(node, yaml.ScalarNode) else ""
    shown = shown if len(shown) <= 40 else shown[:37] + "..."
    return mark.line + 1, (f"not valid YAML: a value cannot be read as what it looks like or is tagged as: "
                           f"{shown!r} read as {what} fails ({type(error).__name__}: {error}); put it in quotes if it "
                           "is meant as text")


def _syntax_problem(err: yaml.YAMLError, text: str) -> tuple[int | None, str]:
    if isinstance(err, yaml.reader.ReaderError):
        line = text[:err.position].count("\n") + 1 if isinstance(err.position, int) else None
        return line, f"not valid YAML: {err.reason} (character {chr(err.character)!r})"
    mark = getattr(err, "problem_mark", None)
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    context, opened = getattr(err, "context", None), getattr(err, "context_mark", None)
    if context and opened is not None and (mark is None or opened.line != mark.line):
        problem += f" ({context} that starts on line {opened.line + 1})"
    return (mark.line + 1 if mark is not None else None), f"not valid YAML: {problem}"


def load_yaml_text(text: str, path: Path | str | None = None) -> Loaded:
    """Read YAML text safely into data and lines; raise ContentError (with the line) for anything wrong."""
    path = Path(path) if path is not None else None
    loader = None
    collecting = gc.isenabled()
    gc.disable()  # building many small objects at once: the cycle collector would run often and find nothing
    try:
        loader = _Loader(text)  # may already fail on characters YAML does not allow
        node = loader.get_single_node()
        lines = LineIndex()
        if node is None:
            return Loaded(None, lines, path)
        # Only an alias (written with '*') can make a node count twice: without one, nothing to measure.
        shared = "*" in text and _shares_a_node(node)
        size, distinct, recursive = expanded_size(node) if shared else (0, 0, None)
        if recursive is not None:
            line = _first_alias_line(text, inside=recursive)
            raise ContentError("not valid YAML here: an alias (*name) points back into the anchor (&name) that "
                               "contains it, so the content would repeat forever", path=path, line=line)
        budget = max(MIN_EXPANSION_BUDGET, EXPANSION_FACTOR * distinct)
        if size > budget:
            raise ContentError(f"aliases (*name) would expand this file to {size:,} values, from {distinct:,} written "
                               f"ones; aliases may not expand a file beyond {budget:,} values (copy the part instead, "
                               "or use fewer nested aliases)", path=path, line=_first_alias_line(text))
        data = loader.construct_document(node)
        built = loader.built
        lines.add(node, key_value=lambda key: built.get(key, key.value))
        return Loaded(data, lines, path)
    except yaml.YAMLError as err:
        line, message = _syntax_problem(err, text)
        raise ContentError(message, path=path, line=line) from None
    except _ValueProblem as problem:
        line, message = _value_message(problem)
        raise ContentError(message, path=path, line=line) from None
    except RecursionError:
        raise ContentError("not valid YAML here: the lists and mappings are nested too deeply to read", path=path,
                           line=None) from None
    finally:
        if loader is not None:
            loader.dispose()
        if collecting:
            gc.enable()


def load_yaml_file(path: Path | str) -> Loaded:
    """Read one YAML file safely (size limit, UTF-8, aliases, values); raise ContentError for anything wrong."""
    path = Path(path)
    return load_yaml_text(read_text(path), path)


def read_document(path: Path | str) -> Loaded | Problem:
    """Read one YAML file safely; the first thing wrong with it comes back as a Problem, never raised."""
    path = Path(path)
    try:
        return load_yaml_file(path)
    except ContentError as err:
        return Problem(err.path or path, err.line, err.where, err.detail)


def read_document_text(text: str, path: Path | str) -> Loaded | Problem:
    """Like :func:`read_document`, from text already read."""
    path = Path(path)
    try:
        return load_yaml_text(text, path)
    except ContentError as err:
        return Problem(err.path or path, err.line, err.where, err.detail)


# --- helpers for callers that want plain data, or mappings that know their lines -------------------------------

def read_yaml(path: Path | str) -> Any:
    """Parse one YAML file safely, turning every failure into a ContentError that names the file and line.

    >>> from course_lib.contentfile.files import content_path
    >>> read_yaml(content_path("checkin.yaml"))["format"]
    1
    """
    loaded = load_yaml_file(path)
    return loaded.data


def parse_yaml_with_lines(text: str, path: Path | str | None = None) -> Any:
    """Parse YAML text safely into LineDict / LineList / plain values; any problem becomes a ContentError with the
    file and line."""
    loaded = load_yaml_text(text, path)
    return with_lines(_without_kind(loaded.data), loaded.lines)


def read_yaml_with_lines(path: Path | str) -> Any:
    """Read one YAML file safely like ``files.read_yaml``, keeping line numbers. The top-level ``kind:`` key is
    left out, so a parser that knows its own keys need not know it."""
    loaded = load_yaml_file(path)
    return with_lines(_without_kind(loaded.data), loaded.lines)


def _without_kind(data: Any) -> Any:
    if isinstance(data, dict) and "kind" in data:
        data = {key: value for key, value in data.items() if key != "kind"}
    return data
