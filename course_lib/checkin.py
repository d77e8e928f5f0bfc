"""The start-here check-in: turn a confidence rating and a named difficulty into one specific tip."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache

from course_lib.contentfile.files import content_path, read_yaml
from course_lib.errors import ContentError

CHECKIN_FILE = content_path("checkin.yaml")


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


def _require(mapping: dict, key: str, path) -> object:
    if key not in mapping or mapping[key] in (None, "", [], {}):
        raise ContentError(f"'{key}' is missing or empty", path=path)
    return mapping[key]


def parse_checkin(raw: object, path=CHECKIN_FILE) -> CheckinContent:
    """Check the check-in content and turn it into a CheckinContent; every problem names the file and key."""
    if not isinstance(raw, dict):
        raise ContentError("expected keys 'question', 'levels', 'level_advice' and 'challenges'", path=path)
    levels_raw = _require(raw, "levels", path)
    if not isinstance(levels_raw, dict) or set(levels_raw) != {1, 2, 3, 4, 5}:
        raise ContentError("'levels' must describe each of the levels 1, 2, 3, 4 and 5", path=path)
    advice = _require(raw, "level_advice", path)
    missing = [band for band in ("low", "middle", "high") if not isinstance(advice, dict) or not advice.get(band)]
    if missing:
        raise ContentError(f"'level_advice' needs text for: {', '.join(missing)}", path=path)
    challenges_raw = _require(raw, "challenges", path)
    if not isinstance(challenges_raw, list):
        raise ContentError("'challenges' must be a list, each with id, label, tip and module", path=path)
    challenges = []
    for number, item in enumerate(challenges_raw, start=1):
        if not isinstance(item, dict):
            raise ContentError(f"challenge {number} must have id, label, tip and module", path=path)
        for key in ("id", "label", "tip", "module"):
            if not item.get(key):
                raise ContentError(f"challenge {number} ('{item.get('id', '?')}'): '{key}' is missing", path=path)
        challenges.append(Challenge(str(item["id"]), item["label"], item["tip"], str(item["module"])))
    ids = [c.id for c in challenges]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ContentError(f"challenge ids must be unique; repeated: {', '.join(duplicates)}", path=path)
    return CheckinContent(
        question=str(_require(raw, "question", path)),
        levels={int(k): str(v) for k, v in levels_raw.items()},
        level_advice={k: str(advice[k]) for k in ("low", "middle", "high")},
        challenges=tuple(challenges),
    )


@cache
def load_checkin() -> CheckinContent:
    """The shipped check-in content (read once per session)."""
    return parse_checkin(read_yaml(CHECKIN_FILE))


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
