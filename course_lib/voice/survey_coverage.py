"""Who answers surveys, and who writes comments: the biases to know before reading any feedback.

A survey hears only from customers who were asked and chose to answer; a comment box hears mostly from those
with something strong to say. These two tables show both in a team's own data.

>>> import pandas as pd
>>> contacts = pd.DataFrame({"contact_id": [1, 2, 3, 4], "channel": ["phone", "phone", "phone", "chat"],
...                          "answered": [True, True, False, True]})
>>> response_rates(contacts, pd.DataFrame({"contact_id": [1, 4]}))
  channel  contacts  abandoned  surveys  response_rate  abandoned_surveyed
0    chat         1          0        1          100.0                 0.0
1   phone         3          1        1           33.3                 0.0
"""

from __future__ import annotations

import pandas as pd

from course_lib.errors import DataError


def _need(table: pd.DataFrame, name: str, columns: list[str]) -> None:
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise DataError(f"needs the column(s) {', '.join(map(repr, missing))}; the table has: "
                        f"{', '.join(map(str, table.columns))}", table=name, column=missing[0])


def response_rates(contacts: pd.DataFrame, surveys: pd.DataFrame, by: str = "channel") -> pd.DataFrame:
    """Per group of contacts: ``contacts``, ``abandoned`` (gave up before an answer), ``surveys`` (answered
    surveys about them), ``response_rate`` (surveys / contacts, %) and ``abandoned_surveyed`` (% of the abandoned
    contacts with a survey: 0 means their voice is missing from every survey score)."""
    _need(contacts, "contacts", ["contact_id", by, "answered"])
    _need(surveys, "surveys", ["contact_id"])
    surveyed = contacts["contact_id"].isin(set(surveys["contact_id"]))
    abandoned = ~contacts["answered"].astype(bool)
    data = pd.DataFrame({by: contacts[by], "contacts": 1, "abandoned": abandoned, "surveys": surveyed,
                         "abandoned_and_surveyed": abandoned & surveyed})
    out = data.groupby(by, dropna=False).sum().reset_index()
    out["response_rate"] = (100 * out["surveys"] / out["contacts"]).round(1)
    out["abandoned_surveyed"] = (100 * out["abandoned_and_surveyed"] / out["abandoned"].where(out["abandoned"] > 0)
                                 ).fillna(0).round(1)
    out[["abandoned", "surveys"]] = out[["abandoned", "surveys"]].astype(int)
    return out[[by, "contacts", "abandoned", "surveys", "response_rate", "abandoned_surveyed"]]


def comment_rates(surveys: pd.DataFrame, score: str = "csat") -> pd.DataFrame:
    """Per survey score: ``surveys``, ``with_comment`` and ``comment_rate`` (% that wrote a comment). When the
    rate is higher at the extremes (1 and 5), the comments over-represent strong feelings.

    >>> surveys = pd.DataFrame({"csat": [1, 1, 3, 5], "comment": ["Awful.", "Slow.", None, "Great."]})
    >>> comment_rates(surveys)
       csat  surveys  with_comment  comment_rate
    0     1        2             2         100.0
    1     3        1             0           0.0
    2     5        1             1         100.0
    """
    _need(surveys, "surveys", [score, "comment"])
    text = surveys["comment"]
    has = text.notna() & text.astype(str).str.strip().ne("")
    data = pd.DataFrame({score: surveys[score], "surveys": 1, "with_comment": has}).dropna(subset=[score])
    out = data.groupby(score).sum().reset_index()
    out["with_comment"] = out["with_comment"].astype(int)
    out["comment_rate"] = (100 * out["with_comment"] / out["surveys"]).round(1)
    return out
