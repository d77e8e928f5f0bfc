"""The course outline (``modules.yaml``): its check, and the one helper every kind uses to ask "does this module
exist?".

>>> "05" in known_modules()
True
>>> unknown_module("055")
"unknown module '055' (did you mean '05'?)"
>>> unknown_module("05") is None
True
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from course_lib.contentfile.files import content_path
from course_lib.problems import did_you_mean


@lru_cache(maxsize=8)
def _numbers(path: Path, stamp: tuple[int, int]) -> tuple[str, ...]:
    from course_lib.contentfile.yaml_read import read_document

    loaded = read_document(path)
    data = getattr(loaded, "data", None)
    modules = data.get("modules") if isinstance(data, dict) else None
    if not isinstance(modules, list):
        return ()
    return tuple(str(m["number"]) for m in modules if isinstance(m, dict) and isinstance(m.get("number"), str | int))


def known_modules() -> list[str]:
    """The module numbers in ``modules.yaml`` ("00", "01", ...), read again whenever the file changes; empty if the
    file cannot be read (``course check`` reports why)."""
    path = content_path("modules.yaml")
    try:
        stat = path.stat()
    except OSError:
        return []
    return list(_numbers(path, (stat.st_mtime_ns, stat.st_size)))


def unknown_module(value: Any, known: list[str] | None = None, *, allow_start: bool = True) -> str | None:
    """The message for a module number that is not in ``modules.yaml`` (None when it is). ``allow_start=False``
    refuses "00" (the start page), for content that belongs to a teaching module."""
    known = known_modules() if known is None else known
    if not allow_start:
        known = [m for m in known if m != "00"]
    if str(value) in known:
        return None
    return f"unknown module '{value}'{did_you_mean(value, known)}"


def modules_place(data: Any, place: tuple, message: str) -> tuple[str | None, str]:
    """Name a place in modules.yaml: "module '05'"."""
    if len(place) >= 2 and place[0] == "modules" and isinstance(place[1], int):
        modules = data.get("modules") if isinstance(data, dict) else None
        entry = modules[place[1]] if isinstance(modules, list) and place[1] < len(modules) else None
        number = entry.get("number") if isinstance(entry, dict) else None
        return (f"module '{number}'" if isinstance(number, str) else f"module {place[1] + 1}"), message
    return None, message


def check_modules(data: dict, report) -> None:
    """Numbers are unique and in order ("00", "01", ... with no gap), so the module map reads straight through."""
    seen: dict[str, int] = {}
    for position, module in enumerate(data["modules"]):
        number = module["number"]
        if number in seen:
            report.error(("modules", position, "number"), f"the number '{number}' is used twice (first on line "
                         f"{seen[number]}); each module needs its own number")
            continue
        seen[number] = report.line(("modules", position, "number"))
        expected = f"{position:02d}"
        if number != expected and len(seen) == position + 1:
            report.error(("modules", position, "number"), f"modules are numbered in order from \"00\"; this one "
                         f"should be \"{expected}\", not \"{number}\"")
