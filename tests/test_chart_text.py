"""Text in charts is literal: names from data with $, _, ^, backslash or braces are drawn as typed, never read as
maths (which would draw a formula, or stop the chart with a parse error)."""

import io

import matplotlib
import pytest
from matplotlib.text import Text

import course_lib
from course_lib import kpi
from course_lib.kpi import charts
from course_lib.kpi.team_feedback import agent_vs_team, agent_vs_team_chart
from course_lib.kpi.training_effect import training_effect
from course_lib.voice.theme_chart import theme_chart
from course_lib.voice.themes import theme_summary

matplotlib.use("Agg")

HOSTILE = "Top_up $5_$10 ^2 \\x {y}"
CONTACTS = course_lib.load_dataset("contacts")
SURVEYS = course_lib.load_dataset("surveys")


def drawn_texts(figure) -> list[str]:
    figure.savefig(io.BytesIO(), format="png")  # measuring and drawing are where maths parsing would fail
    return [t.get_text() for t in figure.findobj(Text)]


@pytest.fixture(scope="module")
def renamed():
    """The course's data with one agent renamed to a name full of maths characters."""
    contacts = CONTACTS.copy()
    agent = contacts["agent"].dropna().iloc[0]
    contacts["agent"] = contacts["agent"].replace(agent, HOSTILE)
    return contacts


def test_the_hostile_name_really_breaks_a_plain_matplotlib_figure():
    # the reason for the test: without literal text, this name stops a chart
    from matplotlib.figure import Figure

    figure = Figure()
    figure.subplots().set_title(HOSTILE)
    with pytest.raises(ValueError):
        figure.savefig(io.BytesIO(), format="png")


def test_agent_comparison_draws_the_name_as_typed(renamed):
    figure = charts.agent_comparison(kpi.aht(renamed, by="agent"), "aht")
    assert HOSTILE in drawn_texts(figure)


def test_trend_title_from_data_is_literal():
    figure = charts.trend_vs_target(kpi.aht(CONTACTS, by="week"), "aht", target=400, title=HOSTILE)
    assert HOSTILE in drawn_texts(figure)


def test_agent_against_team_chart_names_the_agent_as_typed(renamed):
    figure = agent_vs_team_chart(agent_vs_team(SURVEYS, renamed, HOSTILE))
    assert any(HOSTILE in text for text in drawn_texts(figure))


def test_training_effect_chart_names_the_agent_as_typed(renamed):
    first, last = renamed["arrived_at"].min(), renamed["arrived_at"].max()
    since = (first + (last - first) / 2).strftime("%Y-%m-%d")
    figure = training_effect(renamed, SURVEYS, HOSTILE, since).chart()
    assert any(HOSTILE in text for text in drawn_texts(figure))


def test_theme_chart_draws_theme_labels_as_typed():
    summary = theme_summary(SURVEYS.head(400))
    summary.loc[summary.index[0], "label"] = HOSTILE
    assert HOSTILE in drawn_texts(theme_chart(summary))


def test_the_debrief_chart_draws_group_names_as_typed():
    from types import SimpleNamespace

    import pandas as pd

    from course_lib.chart_text import LiteralFigure
    from course_lib.reports.debrief import skill_groups_figure

    # the chart reads only the group table of a class summary
    groups = pd.DataFrame({"group": [HOSTILE, "Calm_$x$"], "mean rating": [3.5, 2.0], "learners": [4, 4]})
    figure = skill_groups_figure(SimpleNamespace(skill_groups=groups))
    assert isinstance(figure, LiteralFigure)
    assert {HOSTILE, "Calm_$x$"} <= set(drawn_texts(figure))
