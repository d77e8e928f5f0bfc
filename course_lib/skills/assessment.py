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
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from course_lib.chart_text import literal_chart
from course_lib.contentfile.check import check_file_as, load_checked
from course_lib.contentfile.files import content_path, file_version
from course_lib.contentfile.modules import unknown_module
from course_lib.contentfile.schema import as_json
from course_lib.errors import ContentError
from course_lib.problems import Problem

if TYPE_CHECKING:
    import pandas as pd

SKILLS_FORMAT = 1
ACTIVITY = "skills:self_assessment"
LEVELS = (1, 2, 3, 4, 5)
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_SOURCE = re.compile(r"^(\d{3}):(\d+)$")


def skills_file() -> Path:
    """Where the skills content is read from (under ``content_dir()``, so ``COURSE_CONTENT`` moves it)."""
    return content_path("skills.yaml")


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


# --- checking skills.yaml (the structure is content/schemas/skills.schema.json) ------------------------------------


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _as_dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def skills_place(data: Any, place: tuple, message: str) -> tuple[str | None, str]:
    """Name a place: "group 'id'", "skill 'id'" or "source '000'"; a missing level reads "level 5 needs ..."."""
    if len(place) >= 2 and place[0] == "sources":
        return f"source '{place[1]}'", message
    if len(place) < 2 or place[0] != "groups" or not isinstance(place[1], int):
        return None, message
    groups = _as_list(_as_dict(data).get("groups"))
    group = _as_dict(groups[place[1]]) if place[1] < len(groups) else {}
    if len(place) >= 4 and place[2] == "skills" and isinstance(place[3], int):
        skills = _as_list(group.get("skills"))
        skill = _as_dict(skills[place[3]]) if place[3] < len(skills) else {}
        missing_level = re.fullmatch(r"'(\d)' is missing", message)
        if place[4:] == ("levels",) and missing_level:
            message = f"level {missing_level.group(1)} needs a description"
        sid = skill.get("id")
        return (f"skill '{sid}'" if isinstance(sid, str) else f"skill {place[3] + 1}"), message
    gid = group.get("id")
    return (f"group '{gid}'" if isinstance(gid, str) else f"group {place[1] + 1}"), message


def check_skills_links(data: dict, report) -> None:
    """What the schema cannot check: every source item used exactly once, modules that exist, unique ids. Runs on
    any mapping (valid or not), so every problem is found at once."""
    expected_items = {str(key): value["items"] for key, value in _as_dict(data.get("sources")).items()
                      if isinstance(value, dict) and isinstance(value.get("items"), int)}
    used: dict[str, str] = {}
    seen_ids: dict[str, int] = {}
    for g, group in enumerate(_as_list(data.get("groups"))):
        for s, skill in enumerate(_as_list(_as_dict(group).get("skills"))):
            skill = _as_dict(skill)
            here = ("groups", g, "skills", s)
            sid = skill.get("id")
            if isinstance(sid, str) and sid in seen_ids:
                report.error(here + ("id",), f"id '{sid}' is already used at line {seen_ids[sid]}")
            elif isinstance(sid, str):
                seen_ids[sid] = report.line(here + ("id",))
            for n, item in enumerate(_as_list(skill.get("sources"))):
                match = _SOURCE.match(str(item))
                if match and (match.group(1) not in expected_items
                              or not 1 <= int(match.group(2)) <= expected_items[match.group(1)]):
                    report.error(here + ("sources", n), f"source item '{item}' does not exist (use LIST:NUMBER, "
                                 "e.g. \"000:7\", with a list under 'sources')")
                elif match and str(item) in used:
                    report.error(here + ("sources", n), f"source item '{item}' is already covered by skill "
                                 f"'{used[str(item)]}' (merge the two skills instead)")
                elif match:
                    used[str(item)] = str(sid)
            for n, module in enumerate(_as_list(skill.get("modules"))):
                problem = unknown_module(module, allow_start=False) if isinstance(module, str) else None
                if problem:
                    report.error(here + ("modules", n), problem)
    for source, count in expected_items.items():
        missing = [f"{source}:{n}" for n in range(1, count + 1) if f"{source}:{n}" not in used]
        if missing:
            report.error(("groups",), f"source items not covered by any skill: {', '.join(missing)}")


def _words(text: str) -> str:
    return " ".join(text.split())


def build_skills(data: dict) -> SkillsContent:
    """The model of skills data the checker has accepted (no checks here)."""
    groups = []
    for group in data["groups"]:
        skills = tuple(Skill(s["id"], _words(s["name"]), group["title"], tuple(s["sources"]), tuple(s["modules"]),
                             {int(n): _words(text) for n, text in s["levels"].items()}) for s in group["skills"])
        groups.append(Group(group["id"], group["title"], skills))
    return SkillsContent({int(n): str(name) for n, name in data["scale"].items()}, tuple(groups))


def check_skills_file(path: Path | str) -> list[Problem]:
    """Every problem in a skills file, read as skills whatever its name or folder."""
    return check_file_as(path, "skills")


@lru_cache(maxsize=4)
def _load(path: Path, stamp: tuple[int, int]) -> SkillsContent:
    return build_skills(as_json(load_checked(path, "skills").data))


def load_skills() -> SkillsContent:
    """The shipped skills content, checked (read again when the file changes); a ContentError names the first
    problem and how many more there are."""
    path = skills_file()
    version = file_version(path)
    if version is None:
        raise ContentError("file not found", path=path)
    return _load(path, version)


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
    import pandas as pd  # here, so that checking content (`course check`) does not load pandas

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
    import pandas as pd

    return pd.DataFrame(rows, columns=["skill", "before", "now", "change"])


def assessments_in(events: pd.DataFrame) -> list[dict[str, int]]:
    """The self-assessments (ratings) found in a learner's events, oldest first (read through the record's
    contract, :func:`course_lib.record.events.self_assessments`)."""
    from course_lib.record.events import self_assessments

    return list(self_assessments(events)["ratings"])


@literal_chart
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
