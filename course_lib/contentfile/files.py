"""Find and read the course's content files (YAML), relative to the package, never the working directory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from course_lib.errors import ContentError

CONTENT_DIR = Path(__file__).resolve().parents[1] / "content"


def content_path(relative: str) -> Path:
    """Where a shipped content file lives, e.g. ``content_path("checkin.yaml")``."""
    return CONTENT_DIR / relative


def read_text(path: Path) -> str:
    """A content file's text; a missing or non-UTF-8 file becomes a ContentError naming it."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError("file not found", path=path) from None
    except UnicodeDecodeError as err:
        raise ContentError(f"not UTF-8 text ({err.reason} at byte {err.start})", path=path) from None


def read_yaml(path: Path) -> Any:
    """Parse one YAML file, turning every failure into a ContentError that names the file and line.

    >>> read_yaml(content_path("checkin.yaml"))["format"]
    1
    """
    path = Path(path)
    return parse_yaml(read_text(path), path)


def parse_yaml(text: str, path: Path | str | None = None, loader: type = yaml.SafeLoader) -> Any:
    """Parse YAML text with ``loader`` (a SafeLoader or subclass); a syntax error becomes a ContentError with
    the file and line."""
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - only SafeLoader and its subclasses are passed
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or str(err)
        line = mark.line + 1 if mark is not None else None
        raise ContentError(f"not valid YAML: {problem}", path=path, line=line) from None
