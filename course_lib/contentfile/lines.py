"""Read YAML content keeping the line of every key and list item, so a checker can say where a problem is.

>>> data = parse_yaml_with_lines("title: Quiz\\nquestions:\\n  - id: a\\n    prompt: Why?\\n")
>>> data["questions"][0]["prompt"], data["questions"][0].line, data["questions"][0].lines["prompt"]
('Why?', 3, 4)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from course_lib.contentfile.files import parse_yaml, read_text
from course_lib.errors import ContentError
from course_lib.problems import Problem


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


class _LineLoader(yaml.SafeLoader):
    pass


def _mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            result.duplicates.append((key, key_node.start_mark.line + 1))
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = key_node.start_mark.line + 1
    return result


def _sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.lines = [child.start_mark.line + 1 for child in node.value]
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def parse_yaml_with_lines(text: str, path: Path | str | None = None) -> Any:
    """Parse YAML text into LineDict / LineList / plain values; a syntax error becomes a ContentError with the line."""
    return parse_yaml(text, path, _LineLoader)


def read_yaml_with_lines(path: Path | str) -> Any:
    """Read one YAML file like ``content_files.read_yaml``, keeping line numbers."""
    path = Path(path)
    text = read_text(path)
    return parse_yaml_with_lines(text, path)


def check_content_file(path: Path | str, parse: Callable[[Any, Path], tuple[Any, list[Problem]]]) -> list[Problem]:
    """Every problem in one content file: its YAML syntax error, or every problem ``parse(raw, path)`` reports.

    This is what each ``course check`` checker does; ``parse`` returns (what it read, the problems).
    """
    path = Path(path)
    try:
        raw = read_yaml_with_lines(path)
    except ContentError as err:
        return [Problem(err.path or path, err.line, err.where, err.detail)]
    return parse(raw, path)[1]
