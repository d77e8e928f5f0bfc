"""The manager skills self-assessment: read and check skills.yaml, turn ratings into a profile, strengths,
three development priorities (with the modules that build them) and the change since last time.

>>> content = load_skills()
>>> len(content.skills), [g.title for g in content.groups][:2]
(32, ['Staying calm and steady', 'Listening and communicating'])
>>> ratings = {s.id: 3 for s in content.skills} | {"active_listening": 5, "strong_boundaries": 1, "patience": 2}
>>> [p.skill.name for p in priorities(ratings)]
['Strong boundaries', 'Patience', 'A cool head']
>>> [s.name for s in strengths(ratings)]
['Active listening']
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from course_lib.contentfile.files import content_path, read_yaml
from course_lib.contentfile.lines import LineDict, check_content_file, read_yaml_with_lines
from course_lib.errors import ContentError
from course_lib.problems import Problem

SKILLS_FILE = content_path("skills.yaml")
SKILLS_FORMAT = 1
ACTIVITY = "skills:self_assessment"
LEVELS = (1, 2, 3, 4, 5)
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_SOURCE = re.compile(r"^(\d{3}):(\d+)$")


@dataclass(frozen=True)
class Skill:
    id: str
    name: str
    group: str  # the group's title
    sources: tuple[str, ...]
    modules: tuple[str, ...]
    levels: dict[int, str]


@dataclass(frozen=True)
class Group:
    id: str
    title: str
    skills: tuple[Skill, ...]


@dataclass(frozen=True)
class SkillsContent:
    scale: dict[int, str]
    groups: tuple[Group, ...]

    @property
    def skills(self) -> tuple[Skill, ...]:
        return tuple(skill for group in self.groups for skill in group.skills)

    def skill(self, skill_id: str) -> Skill:
        for skill in self.skills:
            if skill.id == skill_id:
                return skill
        raise KeyError(_unknown_skill(skill_id, self))


@dataclass(frozen=True)
class Priority:
    """A skill to develop: where you are, what the next level looks like, and which modules build it."""

    skill: Skill
    rating: int
    next_level: str
    modules: tuple[str, ...]


def _unknown_skill(skill_id: object, content: SkillsContent) -> str:
    ids = [s.id for s in content.skills]
    close = difflib.get_close_matches(str(skill_id), ids, n=1)
    return f"unknown skill '{skill_id}'" + (f" (did you mean '{close[0]}'?)" if close else "")


# --- checking skills.yaml -----------------------------------------------------------------------------------------


def parse_skills(raw: Any, path: Path) -> tuple[SkillsContent | None, list[Problem]]:
    """Check skills.yaml; return the content (None if it has errors) and every problem, with lines."""
    problems: list[Problem] = []

    def add(line, where, message):
        problems.append(Problem(path, line, where, message))

    if not isinstance(raw, LineDict):
        add(None, None, "expected the keys format, sources, scale and groups")
        return None, problems
    fmt = raw.get("format")
    if fmt != SKILLS_FORMAT:
        add(raw.line_of("format"), None, f"'format' should be {SKILLS_FORMAT}, not {fmt!r}"
            + (" (this file is from a newer version of the course)" if isinstance(fmt, int) and fmt > 1 else ""))
    for key in raw:
        if key not in {"format", "sources", "scale", "groups"}:
            close = difflib.get_close_matches(str(key), ["format", "sources", "scale", "groups"], n=1)
            add(raw.line_of(key), None, f"unknown key '{key}'" + (f" (did you mean '{close[0]}'?)" if close else ""))
    scale = raw.get("scale")
    if not isinstance(scale, dict) or set(scale) != set(LEVELS) or not all(isinstance(v, str) for v in scale.values()):
        add(raw.line_of("scale"), None, "'scale' needs a name for each of the levels 1, 2, 3, 4 and 5")
        scale = {n: str(n) for n in LEVELS}
    sources = raw.get("sources")
    expected_items: dict[str, int] = {}
    if not isinstance(sources, dict):
        add(raw.line_of("sources"), None, "'sources' should list each source list with its number of items")
    else:
        for key, value in sources.items():
            if not isinstance(value, dict) or not isinstance(value.get("items"), int):
                add(sources.line_of(key), f"source '{key}'", "needs 'title' and 'items' (how many skills it lists)")
            else:
                expected_items[str(key)] = value["items"]
    known_modules = [str(m["number"]) for m in read_yaml(content_path("modules.yaml"))["modules"]]
    used: dict[str, str] = {}
    seen_ids: dict[str, int] = {}
    groups: list[Group] = []
    raw_groups = raw.get("groups")
    if not isinstance(raw_groups, list) or not raw_groups:
        add(raw.line_of("groups"), None, "'groups' should be a list of groups, each with id, title and skills")
        raw_groups = []
    for group_raw in raw_groups:
        if not isinstance(group_raw, LineDict):
            add(raw.line_of("groups"), None, "each group needs id, title and skills")
            continue
        gid = group_raw.get("id")
        title = group_raw.get("title")
        gwhere = f"group '{gid}'"
        if not isinstance(gid, str) or not _ID.match(gid):
            add(group_raw.line, gwhere, "needs an 'id' in snake_case")
        if not isinstance(title, str) or not title.strip():
            add(group_raw.line_of("title"), gwhere, "'title' is missing")
        skills = []
        raw_skills = group_raw.get("skills")
        if not isinstance(raw_skills, list) or not raw_skills:
            add(group_raw.line_of("skills"), gwhere, "'skills' should be a list of skills")
            raw_skills = []
        for skill_raw in raw_skills:
            skill = _parse_skill(skill_raw, str(title), add, known_modules, expected_items, used, seen_ids)
            if skill:
                skills.append(skill)
        groups.append(Group(str(gid), str(title), tuple(skills)))
    for source, count in expected_items.items():
        missing = [f"{source}:{n}" for n in range(1, count + 1) if f"{source}:{n}" not in used]
        if missing:
            add(raw.line_of("groups"), None, f"source items not covered by any skill: {', '.join(missing)}")
    if problems:
        return None, problems
    return SkillsContent({int(k): str(v) for k, v in scale.items()}, tuple(groups)), problems


def _parse_skill(raw, group_title, add, known_modules, expected_items, used, seen_ids) -> Skill | None:
    if not isinstance(raw, LineDict):
        add(None, None, f"each skill in group '{group_title}' needs id, name, sources, modules and levels")
        return None
    sid = raw.get("id")
    where = f"skill '{sid}'"
    errors = []

    def fail(line, message):
        errors.append(message)
        add(line, where, message)

    if not isinstance(sid, str) or not _ID.match(sid):
        fail(raw.line_of("id"), "needs an 'id' in snake_case")
    elif sid in seen_ids:
        fail(raw.line_of("id"), f"id '{sid}' is already used at line {seen_ids[sid]}")
    else:
        seen_ids[sid] = raw.line_of("id")
    for key in raw:
        if key not in {"id", "name", "sources", "modules", "levels"}:
            close = difflib.get_close_matches(str(key), ["id", "name", "sources", "modules", "levels"], n=1)
            fail(raw.line_of(key), f"unknown key '{key}'" + (f" (did you mean '{close[0]}'?)" if close else ""))
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        fail(raw.line_of("name"), "'name' is missing")
    sources = raw.get("sources")
    if not isinstance(sources, list) or not sources:
        fail(raw.line_of("sources"), "'sources' should list the source items it comes from, e.g. [\"000:7\"]")
        sources = []
    for item in sources:
        match = _SOURCE.match(str(item))
        if not match or match.group(1) not in expected_items or not 1 <= int(match.group(2)) <= expected_items[
                match.group(1)]:
            fail(raw.line_of("sources"), f"source item '{item}' does not exist (use LIST:NUMBER, e.g. \"000:7\")")
        elif str(item) in used:
            fail(raw.line_of("sources"), f"source item '{item}' is already covered by skill '{used[str(item)]}' "
                 "(merge the two skills instead)")
        else:
            used[str(item)] = str(sid)
    modules = raw.get("modules")
    if not isinstance(modules, list) or not modules:
        fail(raw.line_of("modules"), "'modules' should list the modules that build this skill, e.g. [\"04\"]")
        modules = []
    for module in modules:
        if str(module) not in known_modules or str(module) == "00":
            close = difflib.get_close_matches(str(module), known_modules, n=1)
            fail(raw.line_of("modules"), f"unknown module '{module}'" + (f" (did you mean '{close[0]}'?)"
                                                                         if close else ""))
    levels = raw.get("levels")
    if not isinstance(levels, dict):
        fail(raw.line_of("levels"), "'levels' should describe what you do at each level 1 to 5")
        levels = {}
    else:
        missing = [n for n in LEVELS if not isinstance(levels.get(n), str) or not levels.get(n).strip()]
        extra = [k for k in levels if k not in LEVELS]
        if missing:
            fail(levels.line, f"levels {', '.join(map(str, missing))} need a description")
        if extra:
            fail(levels.line_of(extra[0]), f"level '{extra[0]}' is not one of 1 to 5")
    if errors:
        return None
    return Skill(sid, " ".join(name.split()), group_title, tuple(map(str, sources)), tuple(map(str, modules)),
                 {n: " ".join(levels[n].split()) for n in LEVELS})


def check_skills_file(path: Path) -> list[Problem]:
    """Every problem in skills.yaml (the checker ``course check`` uses)."""
    return check_content_file(path, parse_skills)


@cache
def load_skills() -> SkillsContent:
    """The shipped skills content, checked."""
    content, problems = parse_skills(read_yaml_with_lines(SKILLS_FILE), SKILLS_FILE)
    if content is None:
        raise ContentError("skills.yaml has problems; run `course check`:\n" + "\n".join(map(str, problems)))
    return content


# --- ratings into results -----------------------------------------------------------------------------------------


def check_ratings(ratings: dict[str, int], content: SkillsContent | None = None) -> dict[str, int]:
    """The ratings, checked: every skill rated with a whole number from 1 to 5; raise ValueError otherwise."""
    content = content or load_skills()
    for skill_id, value in ratings.items():
        if skill_id not in {s.id for s in content.skills}:
            raise ValueError(_unknown_skill(skill_id, content))
        if isinstance(value, bool) or not isinstance(value, int) or value not in LEVELS:
            raise ValueError(f"skill '{skill_id}': a rating is a whole number from 1 to 5, not {value!r}")
    missing = [s.name for s in content.skills if s.id not in ratings]
    if missing:
        raise ValueError(f"rate every skill first: {len(missing)} left, starting with {missing[0]}")
    return {s.id: ratings[s.id] for s in content.skills}


def profile(ratings: dict[str, int], content: SkillsContent | None = None) -> pd.DataFrame:
    """One row per skill, in the file's order: group, skill_id, skill, rating, level (the scale's name).

    >>> content = load_skills()
    >>> profile({s.id: 4 for s in content.skills}).iloc[0].to_dict()
    {'group': 'Staying calm and steady', 'skill_id': 'patience', 'skill': 'Patience', 'rating': 4, 'level': 'Strong'}
    """
    content = content or load_skills()
    ratings = check_ratings(ratings, content)
    return pd.DataFrame([{"group": s.group, "skill_id": s.id, "skill": s.name, "rating": ratings[s.id],
                          "level": content.scale[ratings[s.id]]} for s in content.skills])


def group_profile(ratings: dict[str, int], content: SkillsContent | None = None) -> pd.DataFrame:
    """The mean rating (1-5) per group, in the file's order."""
    table = profile(ratings, content)
    return (table.groupby("group", sort=False)["rating"].mean().round(1).rename("mean rating").reset_index())


def strengths(ratings: dict[str, int], n: int = 3, content: SkillsContent | None = None) -> list[Skill]:
    """Up to ``n`` skills rated 4 or 5, the highest first (file order among equals)."""
    content = content or load_skills()
    ratings = check_ratings(ratings, content)
    strong = [s for s in content.skills if ratings[s.id] >= 4]
    return sorted(strong, key=lambda s: -ratings[s.id])[:n]


def priorities(ratings: dict[str, int], n: int = 3, content: SkillsContent | None = None) -> list[Priority]:
    """The ``n`` lowest-rated skills (file order among equals), each with its next level and its modules."""
    content = content or load_skills()
    ratings = check_ratings(ratings, content)
    candidates = [s for s in content.skills if ratings[s.id] < 5]
    chosen = sorted(candidates, key=lambda s: ratings[s.id])[:n]
    return [Priority(s, ratings[s.id], s.levels[ratings[s.id] + 1], s.modules) for s in chosen]


def changes(previous: dict[str, int] | None, current: dict[str, int],
            content: SkillsContent | None = None) -> pd.DataFrame:
    """The skills whose rating changed since the previous assessment: skill, before, now, change.

    >>> changes({"patience": 2, "empathy": 3}, {"patience": 4, "empathy": 3})
          skill  before  now  change
    0  Patience       2    4       2
    """
    content = content or load_skills()
    rows = []
    if previous:
        for skill in content.skills:
            before, now = previous.get(skill.id), current.get(skill.id)
            if before is not None and now is not None and before != now:
                rows.append({"skill": skill.name, "before": before, "now": now, "change": now - before})
    return pd.DataFrame(rows, columns=["skill", "before", "now", "change"])


def assessments_in(events: pd.DataFrame) -> list[dict[str, int]]:
    """The self-assessments (ratings) found in a learner's events, oldest first."""
    done = events[(events["activity"] == ACTIVITY) & (events["verb"] == "completed")]
    found = []
    for response in done["response"]:
        if isinstance(response, dict) and isinstance(response.get("ratings"), dict):
            found.append({str(k): int(v) for k, v in response["ratings"].items()})
    return found


def profile_figure(ratings: dict[str, int], previous: dict[str, int] | None = None,
                   content: SkillsContent | None = None):
    """The profile as a horizontal bar chart (a matplotlib Figure): one bar per skill, grouped, with the previous
    assessment as a marker. Values are written on the bars, so colour is never the only signal."""
    from matplotlib.figure import Figure

    content = content or load_skills()
    table = profile(ratings, content)
    figure = Figure(figsize=(8, 10), dpi=100)
    axes = figure.subplots()
    labels, values, positions, colours = [], [], [], []
    palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]
    y = 0
    group_rows = []
    for index, group in enumerate(content.groups):
        group_rows.append((y, group.title))
        y += 1
        for skill in group.skills:
            labels.append(skill.name)
            values.append(int(table.loc[table["skill_id"] == skill.id, "rating"].item()))
            positions.append(y)
            colours.append(palette[index % len(palette)])
            y += 1
    axes.barh(positions, values, color=colours, height=0.7)
    for position, value in zip(positions, values, strict=True):
        axes.text(value + 0.05, position, str(value), va="center", fontsize=8)
    if previous:
        before = [(p, previous[s.id]) for p, s in zip(positions, content.skills, strict=True) if s.id in previous]
        if before:
            axes.scatter([b for _, b in before], [p for p, _ in before], marker="|", s=120, color="black",
                         label="previous assessment", zorder=3)
            axes.legend(loc="lower right", fontsize=8)
    for row, title in group_rows:
        axes.text(0, row, title, fontweight="bold", va="center", fontsize=9)
    axes.set_yticks(positions, labels, fontsize=8)
    axes.set_ylim(y, -1)
    axes.set_xlim(0, 5.6)
    axes.set_xticks(list(LEVELS), [f"{n}\n{content.scale[n]}" for n in LEVELS], fontsize=8)
    axes.set_title("Your skills profile (1 = not yet, 5 = role model)")
    axes.grid(axis="y", visible=False)
    figure.tight_layout()
    return figure
