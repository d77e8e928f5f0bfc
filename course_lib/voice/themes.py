"""A transparent keyword tagger for survey comments: which themes a comment is about, and *why*.

The themes live in ``course_lib/content/themes.yaml``: each has an id, a label, a one-line description and plain
keywords. A comment gets a theme when one of the theme's keywords appears in it as whole words (capitals and
punctuation ignored). Every theme found comes with the keyword that triggered it and where it is, so a learner can
see why the tagger decided what it did, and where it is fooled.

>>> [(m.theme, m.keyword) for m in tag_comment("I waited ages, then was put on hold twice.")]
[('wait_time', 'waited'), ('hold', 'hold')]
>>> print(explain(tag_comment("Nobody actually fixed anything.")))
resolved_quickly ('fixed' at character 16)

A keyword cannot read: "Nobody actually fixed anything" is a complaint, yet the keyword ``fixed`` files it under
"Solved quickly". Module 08 measures how often this happens (:mod:`course_lib.voice.comment_coding`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from course_lib.contentfile.files import content_path
from course_lib.contentfile.lines import LineDict, LineList, check_content_file, read_yaml_with_lines
from course_lib.errors import ContentError, DataError
from course_lib.problems import Problem, did_you_mean

THEMES_FILE = content_path("themes.yaml")
THEMES_FORMAT = 1
TOP_KEYS = ("format", "themes")
THEME_KEYS = ("id", "label", "description", "keywords", "should_tag", "should_not_tag")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")
#: Segments a theme summary can be split by, and the table each comes from.
SEGMENTS = {"channel": "contacts", "agent": "contacts", "topic": "contacts", "week": "contacts",
            "plan": "customers"}


@dataclass(frozen=True)
class Theme:
    """One theme: what it is called, what it covers, and the keywords that find it."""

    id: str
    label: str
    description: str
    keywords: tuple[str, ...]
    should_tag: tuple[str, ...] = ()
    should_not_tag: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    """A theme found in a comment: the keyword that triggered it, and where (``start``/``end`` characters)."""

    theme: str
    label: str
    keyword: str
    start: int
    end: int
    text: str  # the words of the comment that matched, as written

    def __str__(self) -> str:
        return f"{self.theme} ('{self.text}' at character {self.start})"


def _normalise(text: str) -> str:
    """Lower case, curly apostrophes made straight (same length, so positions stay valid)."""
    return str(text).lower().replace("\u2019", "'").replace("\u2018", "'")


def keyword_words(keyword: str) -> list[str]:
    """The words a keyword is made of, as the tagger compares them.

    >>> keyword_words("Didn't listen!"), keyword_words("e-mail")
    (["didn't", 'listen'], ['e', 'mail'])
    """
    return _WORD.findall(_normalise(keyword))


@cache
def _pattern(keyword: str) -> re.Pattern:
    words = keyword_words(keyword)
    body = r"[^a-z0-9']+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![a-z0-9']){body}(?![a-z0-9'])")


def find_keyword(comment: str, keyword: str) -> tuple[int, int] | None:
    """Where ``keyword`` first appears in ``comment`` as whole words, as (start, end); None when it does not.

    >>> find_keyword("Long queue again.", "again"), find_keyword("I waited.", "wait")
    ((11, 16), None)
    """
    if not keyword_words(keyword) or not isinstance(comment, str):
        return None
    found = _pattern(keyword).search(_normalise(comment))
    return (found.start(), found.end()) if found else None


def tag_comment(comment: str | None, themes: tuple[Theme, ...] | None = None) -> list[Match]:
    """The themes a comment is about, in the order they appear, each with its first matching keyword.

    An empty or missing comment has no themes.

    >>> [str(m) for m in tag_comment("My bill was wrong again.")]
    ["billing ('bill' at character 3)", "not_resolved ('again' at character 18)"]
    >>> tag_comment(None)
    []
    """
    if not isinstance(comment, str) or not comment.strip():
        return []
    found = []
    for theme in themes if themes is not None else load_themes():
        hits = [(span, kw) for kw in theme.keywords if (span := find_keyword(comment, kw))]
        if hits:
            (start, end), keyword = min(hits, key=lambda hit: (hit[0][0], -hit[0][1]))
            found.append(Match(theme.id, theme.label, keyword, start, end, comment[start:end]))
    return sorted(found, key=lambda m: (m.start, m.theme))


def why_tagged(comment: str, themes: tuple[Theme, ...] | None = None) -> pd.DataFrame:
    """The themes of one comment as a table: theme, label, the words that triggered it, and at which character
    (counting from 0) they start.

    >>> why_tagged("Put on hold twice, then my bill was wrong.")
         theme                label words  at
    0     hold         Kept on hold  hold   7
    1  billing  Billing and refunds  bill  27
    """
    rows = [{"theme": m.theme, "label": m.label, "words": m.text, "at": m.start} for m in tag_comment(comment, themes)]
    return pd.DataFrame(rows, columns=["theme", "label", "words", "at"])


def explain(matches: list[Match]) -> str:
    """The themes found, with the words that triggered each, in one line ("no theme found" when none)."""
    return "; ".join(str(m) for m in matches) if matches else "no theme found"


# --------------------------------------------------------------------------------------------- whole tables


def _comments(surveys: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(surveys, pd.DataFrame):
        raise DataError(f"expected the surveys table (a pandas DataFrame), got {type(surveys).__name__}",
                        table="surveys")
    missing = [c for c in ("contact_id", "comment") if c not in surveys.columns]
    if missing:
        raise DataError(f"needs the column(s) {', '.join(map(repr, missing))}; the table has: "
                        f"{', '.join(map(str, surveys.columns))}", table="surveys", column=missing[0])
    text = surveys["comment"]
    has_text = text.notna() & text.astype(str).str.strip().ne("")
    return surveys[has_text]


def tag_surveys(surveys: pd.DataFrame, themes: tuple[Theme, ...] | None = None) -> pd.DataFrame:
    """One row per (commented survey, theme found): contact_id, theme, label, keyword, the comment, and csat
    (when the surveys have it). Surveys without a comment, and comments with no theme, have no row.

    >>> surveys = pd.DataFrame({"contact_id": [1, 2, 3], "csat": [2, 5, 4],
    ...                         "comment": ["Put on hold twice.", None, "Quick and easy."]})
    >>> tag_surveys(surveys)[["contact_id", "theme", "keyword"]]
       contact_id             theme keyword
    0           1              hold    hold
    1           3  resolved_quickly   quick
    """
    commented = _comments(surveys)
    rows = []
    extra = [c for c in ("csat",) if c in commented.columns]
    themes = themes if themes is not None else load_themes()
    # The same wording often comes back ("Still not fixed."): tag each distinct comment once.
    tagged = {text: tag_comment(text, themes) for text in commented["comment"].unique()}
    for record in commented[["contact_id", "comment", *extra]].itertuples(index=False):
        for match in tagged[record.comment]:
            row = {"contact_id": record.contact_id, "theme": match.theme, "label": match.label,
                   "keyword": match.keyword, "comment": record.comment}
            for column in extra:
                row[column] = getattr(record, column)
            rows.append(row)
    return pd.DataFrame(rows, columns=["contact_id", "theme", "label", "keyword", "comment", *extra])


def survey_segments(surveys: pd.DataFrame, contacts: pd.DataFrame,
                    customers: pd.DataFrame | None = None) -> pd.DataFrame:
    """The surveys with the segments a manager splits them by: channel, agent, topic and week (from the contact
    each survey is about, joined on contact_id) and, with ``customers``, the customer's plan (joined on
    customer_id). ``week`` is the Monday the week starts on.

    >>> surveys = pd.DataFrame({"contact_id": [1, 2], "csat": [5, 2]})
    >>> contacts = pd.DataFrame({"contact_id": [1, 2], "customer_id": [7, 8], "channel": ["phone", "chat"],
    ...                          "arrived_at": pd.to_datetime(["2025-01-08", "2025-01-14"])})
    >>> customers = pd.DataFrame({"customer_id": [7, 8], "plan": ["basic", "premium"]})
    >>> survey_segments(surveys, contacts, customers)[["contact_id", "channel", "week", "plan"]]
       contact_id channel       week     plan
    0           1   phone 2025-01-06    basic
    1           2    chat 2025-01-13  premium
    """
    for name, table, key in (("surveys", surveys, "contact_id"), ("contacts", contacts, "contact_id")):
        if key not in table.columns:
            raise DataError(f"needs a column '{key}' to join surveys to contacts", table=name, column=key)
    wanted = [c for c in ("contact_id", "customer_id", "channel", "agent", "topic", "arrived_at")
              if c in contacts.columns]
    about = contacts[wanted]
    if "arrived_at" in about.columns:
        day = pd.to_datetime(about["arrived_at"]).dt.normalize()
        about = about.assign(week=day - pd.to_timedelta(day.dt.day_of_week, unit="D"))
    own = [c for c in about.columns if c in surveys.columns and c != "contact_id"]
    out = surveys.drop(columns=own).merge(about, on="contact_id", how="left", validate="many_to_one")
    if customers is not None:
        if "customer_id" not in out.columns:
            raise DataError("cannot add the plan: the contacts have no column 'customer_id'", table="contacts",
                            column="customer_id")
        if "plan" not in customers.columns:
            raise DataError("needs a column 'plan'", table="customers", column="plan")
        out = out.drop(columns=[c for c in ("plan",) if c in out.columns]).merge(
            customers[["customer_id", "plan"]], on="customer_id", how="left", validate="many_to_one")
    return out


def theme_summary(surveys: pd.DataFrame, by: str | list[str] | None = None, *,
                  contacts: pd.DataFrame | None = None, customers: pd.DataFrame | None = None,
                  themes: tuple[Theme, ...] | None = None) -> pd.DataFrame:
    """How often each theme comes up: ``comments`` (commented surveys with the theme), ``share`` (% of the
    commented surveys in that group) and ``mean_csat`` (mean CSAT, 1-5, of the comments with the theme).

    ``by`` splits it by a segment: a column of the surveys, or channel, agent, topic, week (with
    ``contacts=``) or plan (with ``contacts=`` and ``customers=``). A comment can have several themes, so the
    shares add up to more than 100 %. Themes that never come up are left out.

    >>> surveys = pd.DataFrame({"contact_id": [1, 2, 3, 4], "csat": [1, 2, 5, 4],
    ...                         "comment": ["Put on hold twice.", "Held on hold, bill wrong.", "Quick.", None]})
    >>> theme_summary(surveys)
                  theme                label  comments  share  mean_csat
    0              hold         Kept on hold         2   66.7        1.5
    1           billing  Billing and refunds         1   33.3        2.0
    2  resolved_quickly       Solved quickly         1   33.3        5.0
    """
    groups = [by] if isinstance(by, str) else list(by or [])
    table = surveys
    needs_join = [g for g in groups if g not in surveys.columns]
    if needs_join:
        if contacts is None:
            raise DataError(f"cannot split by {', '.join(map(repr, needs_join))}: the surveys have no such column. "
                            "Pass contacts=contacts (and customers=customers for the plan)", table="surveys",
                            column=needs_join[0])
        table = survey_segments(surveys, contacts, customers if "plan" in needs_join else None)
        unknown = [g for g in groups if g not in table.columns]
        if unknown:
            hint = "; the plan needs customers=customers" if "plan" in unknown else ""
            raise DataError(f"cannot split by {', '.join(map(repr, unknown))}{hint}", table="surveys",
                            column=unknown[0])
    commented = _comments(table)
    tagged = tag_surveys(commented, themes)
    if groups:
        tagged = tagged.merge(commented[["contact_id", *groups]].drop_duplicates("contact_id"), on="contact_id")
        base = commented.groupby(groups, dropna=False).size().rename("base").reset_index()
    else:
        base = pd.DataFrame({"base": [len(commented)]})
    score = "csat" if "csat" in tagged.columns else None
    agg = {"comments": ("contact_id", "nunique")}
    if score:
        agg["mean_csat"] = ("csat", lambda s: float(pd.to_numeric(s, errors="coerce").mean()))
    out = tagged.groupby([*groups, "theme", "label"], dropna=False).agg(**agg).reset_index()
    out = out.merge(base, on=groups) if groups else out.assign(base=int(base["base"].iloc[0]))
    out["share"] = (100 * out["comments"] / out["base"]).round(1)
    columns = [*groups, "theme", "label", "comments", "share"] + (["mean_csat"] if score else [])
    out = out.sort_values([*groups, "comments", "theme"], ascending=[True] * len(groups) + [False, True])
    out = out[columns].reset_index(drop=True)
    if score:
        out["mean_csat"] = out["mean_csat"].astype(float).round(2)
    return out


# ---------------------------------------------------------------------------------------- reading themes.yaml


def _texts(value: Any) -> list[str] | None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    return list(value)


def parse_themes(raw: Any, path: Path | str = THEMES_FILE) -> tuple[tuple[Theme, ...] | None, list[Problem]]:
    """Check the themes file; return the themes (None when there are errors) and every problem, with lines.

    Besides the format, each ``should_tag`` example must get the theme and each ``should_not_tag`` example must
    not, so the examples are a trainer's tests of the keywords.
    """
    path = Path(path)
    problems: list[Problem] = []

    def add(line, where, message, severity="error"):
        problems.append(Problem(path, line, where, message, severity))

    if not isinstance(raw, LineDict):
        add(getattr(raw, "line", None), None, "expected the keys 'format' and 'themes'")
        return None, problems
    if raw.get("format") != THEMES_FORMAT:
        add(raw.line_of("format"), None, f"'format' should be {THEMES_FORMAT}, not {raw.get('format')!r}")
    for key in raw:
        if key not in TOP_KEYS:
            add(raw.line_of(key), None, f"unknown key '{key}'{did_you_mean(key, TOP_KEYS)}")
    items = raw.get("themes")
    if not isinstance(items, LineList) or not items:
        add(raw.line_of("themes"), None, "'themes' should be a list of themes, each with id, label, description "
            "and keywords")
        return None, problems
    themes: list[Theme] = []
    seen: dict[str, int] = {}
    keyword_owner: dict[tuple[str, ...], str] = {}
    for index, item in enumerate(items):
        if not isinstance(item, LineDict):
            add(items.line_of(index), f"theme {index + 1}", "expected id, label, description and keywords")
            continue
        theme_id = item.get("id")
        where = f"theme '{theme_id}'" if isinstance(theme_id, str) else f"theme {index + 1}"
        errors_before = sum(p.is_error for p in problems)
        if not isinstance(theme_id, str) or not _ID.match(theme_id):
            add(item.line_of("id"), where, "needs an 'id' in snake_case (lower-case letters, digits, underscores)")
        elif theme_id in seen:
            add(item.line_of("id"), where, f"duplicate id: already used on line {seen[theme_id]}")
        else:
            seen[theme_id] = item.line_of("id")
        for key, line in item.lines.items():
            if key not in THEME_KEYS:
                add(line, where, f"unknown key '{key}'{did_you_mean(key, THEME_KEYS)}")
        for key in ("label", "description"):
            if not isinstance(item.get(key), str) or not item.get(key).strip():
                add(item.line_of(key), where, f"'{key}' is missing or empty")
        keywords = item.get("keywords")
        if not isinstance(keywords, list) or not keywords:
            add(item.line_of("keywords"), where, "'keywords' is missing or empty: list at least one word or phrase")
            keywords = []
        clean: list[str] = []
        for position, keyword in enumerate(keywords):
            line = keywords.line_of(position) if isinstance(keywords, LineList) else item.line_of("keywords")
            if not isinstance(keyword, str) or not keyword_words(keyword):
                add(line, where, f"keyword {position + 1} ({keyword!r}) has no letters or digits to match")
                continue
            words = tuple(keyword_words(keyword))
            if keyword in clean:
                add(line, where, f"keyword '{keyword}' is listed twice", "warning")
            owner = keyword_owner.setdefault(words, str(theme_id))
            if owner != str(theme_id):
                add(line, where, f"keyword '{keyword}' is also a keyword of theme '{owner}': every comment with it "
                    "gets both themes", "warning")
            clean.append(keyword)
        examples = {}
        for key in ("should_tag", "should_not_tag"):
            value = item.get(key, [])
            texts = _texts(value)
            if texts is None:
                add(item.line_of(key), where, f"'{key}' should be a list of example comments")
                texts = []
            examples[key] = texts
        if not examples["should_tag"]:
            add(item.line_of("should_tag"), where, "'should_tag' needs at least one example comment that must get "
                "this theme")
        if sum(p.is_error for p in problems) > errors_before:
            continue
        theme = Theme(theme_id, item["label"].strip(), item["description"].strip(), tuple(clean),
                      tuple(examples["should_tag"]), tuple(examples["should_not_tag"]))
        for key, wanted in (("should_tag", True), ("should_not_tag", False)):
            lines = item.get(key) if isinstance(item.get(key), LineList) else None
            for position, example in enumerate(examples[key]):
                line = lines.line_of(position) if lines is not None else item.line_of(key)
                hit = next((m for m in tag_comment(example, (theme,))), None)
                if wanted and hit is None:
                    add(line, where, f"example {example!r} should get this theme, but none of its keywords "
                        "appears in it")
                elif not wanted and hit is not None:
                    add(line, where, f"example {example!r} should not get this theme, but the keyword "
                        f"'{hit.keyword}' appears in it")
        themes.append(theme)
    if any(p.is_error for p in problems):
        return None, problems
    return tuple(themes), problems


def check_themes_file(path: Path) -> list[Problem]:
    """Every problem in a themes file (``course check`` calls this for ``themes.yaml``)."""
    return check_content_file(path, parse_themes)


@cache
def load_themes(path: Path | str = THEMES_FILE) -> tuple[Theme, ...]:
    """The shipped themes (read once per session); a broken file raises a ContentError with its first problem.

    >>> [t.id for t in load_themes()][:3]
    ['wait_time', 'email_slow', 'agent_rude']
    """
    themes, problems = parse_themes(read_yaml_with_lines(path), path)
    if themes is None:
        first = next(p for p in problems if p.is_error)
        raise ContentError(first.message, path=first.file, line=first.line, where=first.where)
    return themes


def theme_labels(themes: tuple[Theme, ...] | None = None) -> dict[str, str]:
    """Theme id -> label, in the order of the themes file."""
    return {t.id: t.label for t in (themes if themes is not None else load_themes())}


def theme_chart(summary: pd.DataFrame, *, title: str | None = None):
    """One horizontal bar per theme (the table from :func:`theme_summary` without ``by``): the share of commented
    surveys that mention it, most frequent at the top, each bar labelled with its share, its count and the mean
    CSAT of those comments. Themes whose comments average below 3 of 5 are hatched and named in the legend, so
    they stand out without relying on colour.

    >>> surveys = pd.DataFrame({"contact_id": [1, 2], "csat": [1, 5], "comment": ["On hold.", "Quick."]})
    >>> theme_chart(theme_summary(surveys)).axes[0].get_title()
    'What 2 commented surveys talk about'
    """
    from matplotlib.patches import Patch

    from course_lib.kpi.charts import BLUE, SKY, VERMILION, Chart

    needed = ["label", "comments", "share", "mean_csat"]
    missing = [c for c in needed if c not in summary.columns]
    if missing or any(c in summary.columns for c in SEGMENTS):
        raise DataError(f"theme_chart needs the table of theme_summary(surveys) without by= (columns {needed})")
    data = summary.sort_values(["share", "label"], ascending=[True, False])
    fig = Chart(figsize=(8, max(2.5, 0.42 * len(data) + 1.2)))
    ax = fig.subplots()
    low = data["mean_csat"].to_numpy(dtype=float) < 3
    bars = ax.barh(data["label"].tolist(), data["share"].to_numpy(dtype=float), color=[VERMILION if x else SKY
                                                                                      for x in low],
                   edgecolor=BLUE)
    for bar, is_low, share, n, score in zip(bars, low, data["share"], data["comments"], data["mean_csat"],
                                            strict=True):
        if is_low:
            bar.set_hatch("//")
        ax.annotate(f"{share:.1f} %  (n={n}, CSAT {score:.1f})", (share, bar.get_y() + 0.4), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=9)
    ax.legend(handles=[Patch(facecolor=VERMILION, edgecolor=BLUE, hatch="//", label="mean CSAT below 3 of 5"),
                       Patch(facecolor=SKY, edgecolor=BLUE, label="mean CSAT 3 or more")],
              loc="lower right", frameon=False)
    base = int(round(data["comments"].iloc[-1] * 100 / data["share"].iloc[-1])) if len(data) else 0
    ax.set_title(title or f"What {base:,} commented surveys talk about")
    ax.set_xlabel("% of commented surveys that mention the theme\n(CSAT: the mean score, 1-5, of those comments)")
    ax.set_xlim(0, max(float(data["share"].max()) * 1.6, 10))
    ax.grid(axis="y", visible=False)
    fig.tight_layout()
    return fig
