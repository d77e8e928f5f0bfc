"""The themes file (``course_lib/content/themes.yaml``): its model, how a keyword matches, and its checks.

The structure of the file is checked by ``content/schemas/themes.schema.json``; what a schema cannot say is checked
here by :func:`check_themes_links` (unique ids, keywords with something to match, each theme's example comments
tagged as stated). Nothing here imports pandas or matplotlib, so ``course check`` stays light; the tagger that
uses the themes is :mod:`course_lib.voice.themes`.

>>> [t.id for t in load_themes()][:3]
['wait_time', 'email_slow', 'agent_rude']
>>> find_keyword("Long queue again.", "again"), find_keyword("I waited.", "wait")
((11, 16), None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from course_lib.contentfile.files import content_path, file_version

THEMES_FILE = content_path("themes.yaml")  # where the shipped file is when the package is imported
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")


@dataclass(frozen=True)
class Theme:
    """One theme: what it is called, what it covers, and the keywords that find it."""

    id: str
    label: str
    description: str
    keywords: tuple[str, ...]
    should_tag: tuple[str, ...] = ()
    should_not_tag: tuple[str, ...] = ()


# ------------------------------------------------------------------------------------------ how a keyword matches
def normalise(text: str) -> str:
    """Lower case, curly apostrophes made straight (same length, so positions stay valid)."""
    return str(text).lower().replace("\u2019", "'").replace("\u2018", "'")


def keyword_words(keyword: str) -> list[str]:
    """The words a keyword is made of, as the tagger compares them.

    >>> keyword_words("Didn't listen!"), keyword_words("e-mail")
    (["didn't", 'listen'], ['e', 'mail'])
    """
    return _WORD.findall(normalise(keyword))


@cache
def _pattern(keyword: str) -> re.Pattern:
    words = keyword_words(keyword)
    body = r"[^a-z0-9']+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![a-z0-9']){body}(?![a-z0-9'])")


def find_keyword(comment: str, keyword: str) -> tuple[int, int] | None:
    """Where ``keyword`` first appears in ``comment`` as whole words, as (start, end); None when it does not."""
    if not keyword_words(keyword) or not isinstance(comment, str):
        return None
    found = _pattern(keyword).search(normalise(comment))
    return (found.start(), found.end()) if found else None


def first_keyword(comment: str, theme: Theme) -> tuple[tuple[int, int], str] | None:
    """The theme's keyword that appears first in ``comment`` (the longest when two start together), with its
    span; None when none does."""
    hits = [(span, kw) for kw in theme.keywords if (span := find_keyword(comment, kw))]
    return min(hits, key=lambda hit: (hit[0][0], -hit[0][1])) if hits else None


# ------------------------------------------------------------------------------------------ checking the file
def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else []


def themes_place(data: Any, place: tuple, message: str) -> tuple[str | None, str]:
    """Name a place in the file: ``("themes", 2, ...)`` is "theme 'its_id'" (or "theme 3" without an id)."""
    if len(place) >= 2 and place[0] == "themes" and isinstance(place[1], int):
        items = _as_list(data.get("themes") if isinstance(data, dict) else None)
        item = items[place[1]] if place[1] < len(items) else None
        theme_id = item.get("id") if isinstance(item, dict) else None
        return (f"theme '{theme_id}'" if isinstance(theme_id, str) else f"theme {place[1] + 1}"), message
    return None, message


def check_themes_links(data: dict, report) -> None:
    """What the schema cannot check: unique ids, keywords with letters or digits (a keyword shared by two themes
    or listed twice is a warning), and each theme's ``should_tag`` / ``should_not_tag`` examples. Runs on files
    that break the schema too, so every problem is listed at once."""
    seen: dict[str, int] = {}
    owner_of: dict[tuple[str, ...], str] = {}
    for index, item in enumerate(_as_list(data.get("themes"))):
        if not isinstance(item, dict):
            continue
        here = ("themes", index)
        theme_id = item.get("id")
        if isinstance(theme_id, str):
            if theme_id in seen:
                report.error(here + ("id",), f"duplicate id: already used on line {seen[theme_id]}")
            else:
                seen[theme_id] = report.line(here + ("id",))
        keywords: list[str] = []
        for position, keyword in enumerate(_as_list(item.get("keywords"))):
            at = here + ("keywords", position)
            if not isinstance(keyword, str) or not keyword_words(keyword):
                report.error(at, f"keyword {position + 1} ({keyword!r}) has no letters or digits to match")
                continue
            if keyword in keywords:
                report.warning(at, f"keyword '{keyword}' is listed twice")
            owner = owner_of.setdefault(tuple(keyword_words(keyword)), str(theme_id))
            if owner != str(theme_id):
                report.warning(at, f"keyword '{keyword}' is also a keyword of theme '{owner}': every comment with "
                               "it gets both themes")
            keywords.append(keyword)
        if not keywords:
            continue  # the schema or the lines above already say why; every example would fail for the same reason
        theme = Theme(str(theme_id), "", "", tuple(keywords))
        for key, wanted in (("should_tag", True), ("should_not_tag", False)):
            for position, example in enumerate(_as_list(item.get(key))):
                if not isinstance(example, str):
                    continue
                hit = first_keyword(example, theme)
                if wanted and hit is None:
                    report.error(here + (key, position), f"example {example!r} should get this theme, but none of "
                                 "its keywords appears in it")
                elif not wanted and hit is not None:
                    report.error(here + (key, position), f"example {example!r} should not get this theme, but the "
                                 f"keyword '{hit[1]}' appears in it")


# ------------------------------------------------------------------------------------------ loading
@cache
def _load(path: str, _version: tuple[int, int]) -> tuple[Theme, ...]:
    from course_lib.contentfile.check import load_checked

    data = load_checked(path, "themes").data
    return tuple(Theme(t["id"], t["label"].strip(), t["description"].strip(), tuple(t["keywords"]),
                       tuple(t["should_tag"]), tuple(t.get("should_not_tag", ()))) for t in data["themes"])


def load_themes(path: Path | str | None = None) -> tuple[Theme, ...]:
    """The themes of ``path`` (default: the course's themes.yaml), read again only when the file changes; a broken
    file raises a ContentError with its first problem."""
    path = Path(path) if path is not None else content_path("themes.yaml")
    # (0, 0) for a missing file: the loader then reports it with the file's name
    return _load(str(path), file_version(path) or (0, 0))


def theme_labels(themes: tuple[Theme, ...] | None = None) -> dict[str, str]:
    """Theme id -> label, in the order of the themes file."""
    return {t.id: t.label for t in (themes if themes is not None else load_themes())}
