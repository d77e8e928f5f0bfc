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

from dataclasses import dataclass

import pandas as pd

from course_lib.errors import DataError
from course_lib.voice.theme_book import (
    THEMES_FILE,
    Theme,
    find_keyword,
    first_keyword,
    keyword_words,
    load_themes,
    theme_labels,
)

__all__ = ["SEGMENTS", "THEMES_FILE", "Match", "Theme", "explain", "find_keyword", "keyword_words", "load_themes",
           "survey_segments", "tag_comment", "tag_surveys", "theme_labels", "theme_summary",
           "why_tagged"]
#: Segments a theme summary can be split by, and the table each comes from.
SEGMENTS = {"channel": "contacts", "agent": "contacts", "topic": "contacts", "week": "contacts",
            "plan": "customers"}


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
        hit = first_keyword(comment, theme)
        if hit:
            (start, end), keyword = hit
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

