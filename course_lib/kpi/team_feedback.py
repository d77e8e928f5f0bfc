"""One agent's survey numbers next to the team's, week by week: the evidence for a feedback conversation.

Module 06 prepares feedback to an agent whose satisfaction slid. Before the conversation, a manager wants two
things: the agent's weekly trend against the team's (is it a pattern or one bad week?) and what customers actually
wrote. :func:`agent_vs_team` builds the first as a tidy table, :func:`agent_vs_team_chart` draws it, and
:func:`agent_comments` lists the second.

>>> import pandas as pd
>>> contacts = pd.DataFrame({"contact_id": [1, 2, 3, 4],
...                          "arrived_at": pd.to_datetime(["2025-01-06", "2025-01-07", "2025-01-13", "2025-01-14"]),
...                          "agent": ["Ben", "Ana", "Ben", "Ana"]})
>>> surveys = pd.DataFrame({"contact_id": [1, 2, 3, 4], "csat": [5, 4, 2, 5],
...                         "comment": [None, None, "I felt rushed.", None]})
>>> agent_vs_team(surveys, contacts, "Ben")
        week    Ben   team  responses  difference
0 2025-01-06  100.0  100.0          1         0.0
1 2025-01-13    0.0   50.0          1       -50.0
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from course_lib import kpi
from course_lib.chart_text import literal_chart
from course_lib.errors import DataError
from course_lib.kpi.labels import LABELS

if TYPE_CHECKING:  # matplotlib is imported only when a chart is drawn
    from matplotlib.figure import Figure

#: The survey KPIs an agent can be compared on (each is a function of course_lib.kpi with by= and contacts=).
SURVEY_KPIS = ("csat", "csat_mean", "nps", "ces")


def _check_agent(contacts: pd.DataFrame, agent: str) -> None:
    if "agent" not in contacts.columns:
        raise DataError("the contacts table has no column 'agent', so it cannot say who handled each contact")
    known = sorted(str(a) for a in contacts["agent"].dropna().unique())
    if agent not in known:
        close = difflib.get_close_matches(str(agent), known, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise DataError(f"no contacts handled by an agent called {agent!r} in the contacts table.{hint} "
                        f"Agents in the table: {', '.join(known)}")


def agent_vs_team(surveys: pd.DataFrame, contacts: pd.DataFrame, agent: str, kpi_name: str = "csat",
                  by: str = "week") -> pd.DataFrame:
    """One agent's survey KPI per week (or ``by="month"``, ``"date"``) next to the whole team's.

    Columns: the period, the agent's value (the column is named after the agent), ``team`` (every agent,
    including this one), ``responses`` (how many survey answers the agent's value rests on: read small numbers with
    care) and ``difference`` (agent minus team, in the KPI's unit: percentage points for CSAT). ``kpi_name`` is
    one of ``"csat"`` (% of 4-5 answers, 0-100), ``"csat_mean"``, ``"nps"`` or ``"ces"``; the definitions are
    those of :mod:`course_lib.kpi`; values are rounded to one decimal. Periods in which the agent has no answers
    are left out.

    >>> import pandas as pd
    >>> contacts = pd.DataFrame({"contact_id": [1, 2], "arrived_at": pd.to_datetime(["2025-01-06", "2025-01-07"]),
    ...                          "agent": ["Ben", "Ana"]})
    >>> agent_vs_team(pd.DataFrame({"contact_id": [1, 2], "csat": [5, 4]}), contacts, "Bne")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    course_lib.errors.DataError: no contacts handled by an agent called 'Bne' ... Did you mean 'Ben'? Agents in ...
    """
    if kpi_name not in SURVEY_KPIS:
        raise DataError(f"agent_vs_team compares survey KPIs only: choose one of {', '.join(SURVEY_KPIS)} "
                        f"(got {kpi_name!r})")
    _check_agent(contacts, agent)
    compute = getattr(kpi, kpi_name)
    team = compute(surveys, by=by, contacts=contacts)
    theirs = compute(surveys, by=[by, "agent"], contacts=contacts)
    theirs = theirs[theirs["agent"] == agent]
    table = theirs[[by, kpi_name, "responses"]].rename(columns={kpi_name: agent}).merge(
        team[[by, kpi_name]].rename(columns={kpi_name: "team"}), on=by, how="left")
    table = table[[by, agent, "team", "responses"]].sort_values(by).reset_index(drop=True)
    table["difference"] = table[agent] - table["team"]
    return table.round({agent: 1, "team": 1, "difference": 1})


@literal_chart
def agent_vs_team_chart(table: pd.DataFrame, kpi_name: str = "csat", *, title: str | None = None) -> Figure:
    """Draw a table from :func:`agent_vs_team`: the agent as a solid line with dots, the team as a dashed line.

    The two lines differ in style and marker as well as colour, and each is named in the legend. Each of the
    agent's points is labelled with the number of answers it rests on (``n=``).

    >>> import pandas as pd
    >>> table = pd.DataFrame({"week": pd.date_range("2025-01-06", periods=2, freq="7D"), "Ben": [90.0, 40.0],
    ...                       "team": [78.0, 77.0], "responses": [25, 30], "difference": [12.0, -37.0]})
    >>> agent_vs_team_chart(table).axes[0].get_title()
    "Ben's CSAT by week, against the team's"
    """
    from course_lib.kpi.charts import BLACK, BLUE, Chart

    required = {"team", "responses"}
    if not isinstance(table, pd.DataFrame) or not required <= set(table.columns) or len(table.columns) < 4:
        raise DataError("agent_vs_team_chart needs the table made by agent_vs_team(surveys, contacts, 'Name')")
    if table.empty:
        raise DataError("agent_vs_team_chart: the table is empty (the agent has no survey answers)")
    period, agent = table.columns[0], table.columns[1]
    name, unit = LABELS.get(kpi_name, (kpi_name, ""))
    xs = table[period]
    fig = Chart(figsize=(8, 4))
    ax = fig.subplots()
    ax.plot(xs, table["team"], color=BLACK, linestyle="--", marker="s", markersize=5, linewidth=1.5,
            label="team (all agents)")
    ax.plot(xs, table[agent], color=BLUE, marker="o", linewidth=2.2, label=str(agent))
    for x, y, n in zip(xs, table[agent].to_numpy(dtype=float), table["responses"], strict=True):
        if np.isfinite(y):
            ax.annotate(f"n={n}", (x, y), xytext=(0, -14), textcoords="offset points", ha="center", fontsize=8)
    if kpi_name == "csat":
        ax.set_ylim(0, 105)  # a percentage: show the whole scale, so a slide is not exaggerated or hidden
    ax.set_title(title or f"{agent}'s {name} by {period}, against the team's")
    ax.set_xlabel(str(period).capitalize())
    ax.set_ylabel(f"{name} ({unit})" if unit else name)
    ax.legend(loc="best", frameon=False)
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig


class CommentTable(pd.DataFrame):
    """A table of customers' comments that shows every comment in full (pandas cuts long text at 50 characters)."""

    @property
    def _constructor(self):
        return CommentTable

    def __repr__(self) -> str:
        with pd.option_context("display.max_colwidth", None):
            return super().__repr__()

    def _repr_html_(self) -> str | None:
        with pd.option_context("display.max_colwidth", None):
            return super()._repr_html_()


def agent_comments(surveys: pd.DataFrame, contacts: pd.DataFrame, agent: str, *, since: str | None = None,
                   csat_at_most: int = 5, limit: int = 10) -> pd.DataFrame:
    """What customers wrote about one agent's contacts: date, CSAT (1-5) and comment, oldest first.

    Only surveys with a comment are kept. ``since`` (a date such as ``"2025-03-10"``) keeps contacts from that day
    on, ``csat_at_most=2`` keeps only dissatisfied answers, and ``limit`` caps the number of rows. Comments are
    shown in full, however long.

    >>> import pandas as pd
    >>> contacts = pd.DataFrame({"contact_id": [1, 2, 3],
    ...                          "arrived_at": pd.to_datetime(["2025-01-06", "2025-01-07", "2025-01-13"]),
    ...                          "agent": ["Ben", "Ben", "Ana"]})
    >>> surveys = pd.DataFrame({"contact_id": [1, 2, 3], "csat": [2, 5, 1],
    ...                         "comment": ["I felt rushed.", None, "Still not fixed."]})
    >>> agent_comments(surveys, contacts, "Ben", csat_at_most=2)
            date  csat         comment
    0 2025-01-06     2  I felt rushed.
    """
    _check_agent(contacts, agent)
    for column in ("contact_id", "csat", "comment"):
        if column not in surveys.columns:
            raise DataError(f"agent_comments needs the column {column!r} in the surveys table")
    said = surveys[["contact_id", "csat", "comment"]].merge(
        contacts[["contact_id", "agent", "arrived_at"]], on="contact_id")
    keep = (said["agent"] == agent) & said["comment"].notna() & (said["csat"] <= csat_at_most)
    if since is not None:
        keep &= said["arrived_at"] >= pd.Timestamp(since)
    rows = said[keep].sort_values("arrived_at").head(limit)
    return CommentTable({"date": rows["arrived_at"].dt.normalize(), "csat": rows["csat"],
                         "comment": rows["comment"]}).reset_index(drop=True)
