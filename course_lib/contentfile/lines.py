"""Where each part of a YAML document is: the line of every key and list item, found from PyYAML's nodes.

:class:`LineIndex` is the one way the course keeps lines: it maps a *place* (the keys and list positions that lead
to a value, e.g. ``("questions", 0, "prompt")``) to its line, and notes keys that appear twice.
:func:`with_lines` turns data and its index into :class:`LineDict` / :class:`LineList` for checkers written with
``.line`` and ``.lines[...]`` in mind.

(``yaml_read.parse_yaml_with_lines`` reads text into them:)

>>> from course_lib.contentfile.yaml_read import parse_yaml_with_lines
>>> data = parse_yaml_with_lines("title: Quiz\\nquestions:\\n  - id: a\\n    prompt: Why?\\n")
>>> data["questions"][0]["prompt"], data["questions"][0].line, data["questions"][0].lines["prompt"]
('Why?', 3, 4)
"""

from __future__ import annotations

from typing import Any

import yaml

Place = tuple  # a place in a document: keys and list positions, e.g. ("nodes", 3, "choices", 0, "next")


class LineIndex:
    """The line of every key and list item of a YAML document, found from PyYAML's composed nodes.

    ``lines[place]`` is the line of the key (or list item) that leads to a value; ``starts[place]`` the line where
    the value itself starts (for a block mapping under a key, the line after the key).
    """

    def __init__(self):
        self.lines: dict[Place, int] = {(): 1}
        self.starts: dict[Place, int] = {(): 1}
        self.duplicate_keys: list[tuple[Place, int, int]] = []  # (place, line, first line)

    def add(self, node: yaml.Node, key_value=None, path: Place = ()) -> None:
        """Walk the composed document once (it must have no alias inside its own anchor: ``yaml_read`` refuses
        those first). ``key_value(key_node)`` gives a key's constructed value (an int for ``1:``); by default the
        key's text. A node reached again through an alias is not walked again: its places take the alias's line."""
        self.lines[path] = self.starts[path] = node.start_mark.line + 1
        done: set[int] = set()
        stack: list[tuple[yaml.Node, Place]] = [(node, path)]
        while stack:
            node, path = stack.pop()
            if id(node) in done:
                continue
            done.add(id(node))
            if isinstance(node, yaml.MappingNode):
                seen: dict[Any, int] = {}
                for key, value in node.value:
                    if not isinstance(key, yaml.ScalarNode):
                        continue
                    name = key_value(key) if key_value is not None else key.value
                    here = path + (name,)
                    line = key.start_mark.line + 1
                    if name in seen:
                        self.duplicate_keys.append((here, line, seen[name]))
                        continue
                    seen[name] = line
                    self.lines[here] = line
                    self.starts[here] = value.start_mark.line + 1
                    stack.append((value, here))
            elif isinstance(node, yaml.SequenceNode):
                for position, item in enumerate(node.value):
                    here = path + (position,)
                    self.lines[here] = self.starts[here] = item.start_mark.line + 1
                    stack.append((item, here))

    def line(self, path: Place) -> int:
        """The line of ``path``, or of the nearest enclosing place that has one."""
        path = tuple(path)
        while path not in self.lines:
            path = path[:-1]
        return self.lines[path]

    def start(self, path: Place) -> int:
        """The line where the value at ``path`` starts (or of the nearest enclosing place that has one)."""
        path = tuple(path)
        while path not in self.starts:
            path = path[:-1]
        return self.starts[path]


class LineDict(dict):
    """A mapping that knows its own line (``.line``) and the line of each key (``.lines[key]``)."""

    line: int | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines: dict[Any, int] = {}
        self.duplicates: list[tuple[Any, int]] = []

    def line_of(self, key: Any) -> int | None:
        return self.lines.get(key, self.line)


class LineList(list):
    """A list that knows its own line (``.line``) and the line of each item (``.lines[i]``)."""

    line: int | None = None

    def __init__(self, *args):
        super().__init__(*args)
        self.lines: list[int] = []

    def line_of(self, index: int) -> int | None:
        return self.lines[index] if 0 <= index < len(self.lines) else self.line


def with_lines(data: Any, index: LineIndex, path: Place = ()) -> Any:
    """``data`` with every mapping a LineDict and every list a LineList, their lines taken from ``index``."""
    duplicates: dict[Place, list[tuple[Any, int]]] = {}
    for place, line, _first in index.duplicate_keys:
        duplicates.setdefault(place[:-1], []).append((place[-1], line))

    def convert(value: Any, here: Place) -> Any:
        if isinstance(value, dict):
            result = LineDict()
            result.line = index.start(here)
            for key, item in value.items():
                result[key] = convert(item, here + (key,))
                result.lines[key] = index.line(here + (key,))
            result.duplicates = duplicates.get(here, [])
            return result
        if isinstance(value, list):
            result = LineList(convert(item, here + (n,)) for n, item in enumerate(value))
            result.line = index.start(here)
            result.lines = [index.line(here + (n,)) for n in range(len(value))]
            return result
        return value

    return convert(data, path)
