"""The start-here check-in: turn a confidence rating and a named difficulty into one specific tip."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from course_lib.contentfile.check import check_loaded, load_checked
from course_lib.contentfile.files import content_path, file_version
from course_lib.contentfile.lines import LineIndex
from course_lib.contentfile.modules import unknown_module
from course_lib.contentfile.schema import as_json
from course_lib.contentfile.yaml_read import Loaded
from course_lib.errors import ContentError


def checkin_file() -> Path:
    """Where the check-in content is read from (under ``content_dir()``, so ``COURSE_CONTENT`` moves it)."""
    return content_path("checkin.yaml")


@dataclass(frozen=True)
class Challenge:
    id: str
    label: str
    tip: str
    module: str


@dataclass(frozen=True)
class CheckinContent:
    question: str
    levels: dict[int, str]
    level_advice: dict[str, str]
    challenges: tuple[Challenge, ...]


@dataclass(frozen=True)
class Tip:
    """What the learner gets back: advice for their level, a concrete technique, and where to learn more."""

    confidence: int
    level_label: str
    level_advice: str
    challenge: str
    technique: str
    module: str


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else []


def checkin_place(data: Any, place: tuple, message: str) -> tuple[str | None, str]:
    """Name a place: "challenge 2 ('saying_no'): ..."; a missing level or advice says which one is missing."""
    missing = re.fullmatch(r"'(.+)' is missing", message)
    if place == ("levels",) and missing:
        return None, f"'levels' must describe each of the levels 1, 2, 3, 4 and 5 (level {missing.group(1)} is missing)"
    if place == ("level_advice",) and missing:
        return None, f"'level_advice' needs text for: {missing.group(1)}"
    if len(place) >= 2 and place[0] == "challenges" and isinstance(place[1], int):
        challenges = _as_list(data.get("challenges") if isinstance(data, dict) else None)
        item = challenges[place[1]] if place[1] < len(challenges) else None
        cid = item.get("id") if isinstance(item, dict) else None
        return None, f"challenge {place[1] + 1}" + (f" ('{cid}')" if isinstance(cid, str) else "") + f": {message}"
    return None, message


def check_checkin_links(data: dict, report) -> None:
    """What the schema cannot check: each challenge's module exists, challenge ids are unique."""
    seen: set[str] = set()
    for number, item in enumerate(data["challenges"]):
        if item["id"] in seen:
            report.error(("challenges", number, "id"), f"challenge ids must be unique; repeated: {item['id']}")
        seen.add(item["id"])
        problem = unknown_module(item["module"], allow_start=False)
        if problem:
            report.error(("challenges", number, "module"), problem)


def build_checkin(data: dict) -> CheckinContent:
    """The model of check-in data the checker has accepted (no checks here)."""
    return CheckinContent(
        question=str(data["question"]),
        levels={int(k): str(v) for k, v in data["levels"].items()},
        level_advice={k: str(data["level_advice"][k]) for k in ("low", "middle", "high")},
        challenges=tuple(Challenge(c["id"], c["label"], c["tip"], c["module"]) for c in data["challenges"]),
    )


def parse_checkin(raw: object, path: Path | str | None = None) -> CheckinContent:
    """Check check-in data (already read from YAML) and build it; the first error raises a ContentError naming the
    file and what is wrong (``course check`` lists every problem with its line)."""
    path = Path(path) if path is not None else checkin_file()
    errors = [p for p in check_loaded(Loaded(raw, LineIndex()), "checkin", path) if p.is_error]
    if errors:
        raise ContentError(errors[0].message, path=path, where=errors[0].where)
    return build_checkin(as_json(raw))


@lru_cache(maxsize=4)
def _load(path: Path, stamp: tuple[int, int]) -> CheckinContent:
    return build_checkin(as_json(load_checked(path, "checkin").data))


def load_checkin() -> CheckinContent:
    """The shipped check-in content (read again when the file changes)."""
    path = checkin_file()
    version = file_version(path)
    if version is None:
        raise ContentError("file not found", path=path)
    return _load(path, version)


def _band(confidence: int) -> str:
    return "low" if confidence <= 2 else "middle" if confidence == 3 else "high"


def confidence_tip(confidence: int, challenge: str, content: CheckinContent | None = None) -> Tip:
    """A specific tip for someone at ``confidence`` (1-5) who finds ``challenge`` hardest.

    >>> tip = confidence_tip(2, "saying_no")
    >>> tip.module
    '03'
    >>> tip.technique.startswith("Lead with what you can do")
    True
    >>> confidence_tip(2, "saying_noo")
    Traceback (most recent call last):
    ...
    ValueError: unknown challenge 'saying_noo' (did you mean 'saying_no'?)
    """
    content = content or load_checkin()
    if isinstance(confidence, bool) or not isinstance(confidence, int) or confidence not in content.levels:
        raise ValueError(f"confidence must be a whole number from 1 to 5, not {confidence!r}")
    by_id = {c.id: c for c in content.challenges}
    if challenge not in by_id:
        close = difflib.get_close_matches(str(challenge), by_id, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else f"; choose one of: {', '.join(by_id)}"
        raise ValueError(f"unknown challenge '{challenge}'{hint}")
    chosen = by_id[challenge]
    return Tip(
        confidence=confidence,
        level_label=content.levels[confidence],
        level_advice=content.level_advice[_band(confidence)],
        challenge=chosen.label,
        technique=chosen.tip,
        module=chosen.module,
    )
