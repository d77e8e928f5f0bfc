"""Module 06 helpers: one agent's weekly survey KPI against the team's, its chart, and what customers wrote."""

import matplotlib
import pandas as pd
import pytest

from course_lib import kpi, load_dataset
from course_lib.errors import DataError
from course_lib.kpi.team_feedback import agent_comments, agent_vs_team, agent_vs_team_chart

matplotlib.use("Agg")

CONTACTS = pd.DataFrame({
    "contact_id": [1, 2, 3, 4, 5, 6],
    "arrived_at": pd.to_datetime(["2025-01-06", "2025-01-07", "2025-01-08", "2025-01-13", "2025-01-14",
                                  "2025-01-15"]),
    "agent": ["Ben", "Ben", "Ana", "Ben", "Ana", "Ana"],
})
SURVEYS = pd.DataFrame({"contact_id": [1, 2, 3, 4, 5, 6], "csat": [5, 4, 2, 1, 5, 4], "nps": [10, 9, 3, 2, 9, 8],
                        "comment": ["Lovely", None, "Slow", "I felt rushed.", None, "Fine"]})


def test_agent_vs_team_puts_the_agent_next_to_the_whole_team_each_week():
    table = agent_vs_team(SURVEYS, CONTACTS, "Ben")
    assert list(table.columns) == ["week", "Ben", "team", "responses", "difference"]
    # Week 1: Ben 2 of 2 satisfied, team 2 of 3; week 2: Ben 0 of 1, team 2 of 3.
    assert table["Ben"].tolist() == [100.0, 0.0]
    assert table["team"].tolist() == [66.7, 66.7]
    assert table["responses"].tolist() == [2, 1]
    assert table["difference"].tolist() == [33.3, -66.7]


def test_agent_vs_team_works_for_nps_too():
    table = agent_vs_team(SURVEYS, CONTACTS, "Ana", "nps")
    # Ana: week 1 one detractor (-100); week 2 one promoter and one passive (50).
    assert table["Ana"].tolist() == [-100.0, 50.0]


def test_a_mistyped_agent_gets_a_did_you_mean():
    with pytest.raises(DataError, match="Did you mean 'Ben'"):
        agent_vs_team(SURVEYS, CONTACTS, "ben")


def test_only_survey_kpis_are_accepted():
    with pytest.raises(DataError, match="survey KPIs only"):
        agent_vs_team(SURVEYS, CONTACTS, "Ben", "aht")


def test_chart_tells_agent_and_team_apart_without_colour():
    fig = agent_vs_team_chart(agent_vs_team(SURVEYS, CONTACTS, "Ben"))
    ax = fig.axes[0]
    team, ben = ax.get_lines()
    assert (team.get_linestyle(), team.get_marker()) != (ben.get_linestyle(), ben.get_marker())
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["team (all agents)", "Ben"]
    assert [t.get_text() for t in ax.texts] == ["n=2", "n=1"]


def test_chart_refuses_a_table_it_cannot_draw():
    with pytest.raises(DataError, match="agent_vs_team"):
        agent_vs_team_chart(pd.DataFrame({"week": [1], "csat": [50.0]}))


def test_agent_comments_filters_by_agent_score_and_date():
    rows = agent_comments(SURVEYS, CONTACTS, "Ben", csat_at_most=2)
    assert rows["comment"].tolist() == ["I felt rushed."]
    assert agent_comments(SURVEYS, CONTACTS, "Ben")["comment"].tolist() == ["Lovely", "I felt rushed."]
    assert agent_comments(SURVEYS, CONTACTS, "Ben", since="2025-01-10")["csat"].tolist() == [1]


def test_ben_slides_below_the_team_in_the_course_data():
    contacts, surveys = load_dataset("contacts"), load_dataset("surveys")
    table = agent_vs_team(surveys, contacts, "Ben")
    assert table["difference"].iloc[:2].min() > 0          # above the team at the start
    assert table["difference"].iloc[-4:].max() < -20       # far below it in the last four weeks
    weekly = kpi.csat(surveys, by=["agent", "week"], contacts=contacts)
    assert table["Ben"].tolist() == weekly[weekly["agent"] == "Ben"]["csat"].round(1).tolist()


def test_long_comments_are_shown_in_full():
    long = "The agent seemed annoyed with my questions and kept cutting in before I had finished speaking."
    surveys = SURVEYS.assign(comment=[long, None, None, None, None, None])
    rows = agent_comments(surveys, CONTACTS, "Ben")
    assert long in repr(rows) and long in rows._repr_html_()
    assert type(rows.head(1)) is type(rows)
