"""Text drawn from data is literal in every chart: names with ``$``, ``_``, ``^``, ``\\`` and ``{`` are drawn as
written (no mathtext, no parse error), tick labels, legends and titles included."""

from io import BytesIO

import matplotlib
import pandas as pd
import pytest
from matplotlib.text import Text

from course_lib.kpi import charts
from course_lib.kpi.team_feedback import agent_vs_team_chart
from course_lib.kpi.training_effect import training_effect, training_effect_chart
from course_lib.reports.debrief import ClassSummary, skill_groups_figure
from course_lib.skills.assessment import build_skills, profile_figure
from course_lib.staffing.chart import service_level_chart
from course_lib.voice.theme_chart import theme_chart

matplotlib.use("Agg")

#: Names that mathtext would read as maths (or fail on): each holds $, _, ^, \ or {.
HOSTILE = ["Top_up $5_$10", r"$\frac{a}{b}$", "x^2 {y}", "back\\slash $", "$$", r"\alpha_$"]


def drawn_texts(figure) -> set[str]:
    """Every text the figure holds once drawn (tick labels are made at draw time)."""
    figure.savefig(BytesIO(), format="png")
    return {text.get_text() for text in figure.findobj(Text)}


def assert_literal(figure, names):
    texts = drawn_texts(figure)
    for name in names:
        assert name in texts or any(name in text for text in texts), f"{name!r} not drawn as written"
    assert all(not text.get_parse_math() for text in figure.findobj(Text))


@pytest.mark.parametrize("name", HOSTILE)
def test_agent_comparison_draws_hostile_agent_names_as_written(name):
    table = pd.DataFrame({"agent": [name, "Bo"], "aht": [300.0, 420.0], "contacts": [500, 300]})
    figure = charts.agent_comparison(table, "aht", title=name)
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels() + figure.axes[0].get_xticklabels()]
    assert name in labels
    assert_literal(figure, [name])


def test_trend_nps_and_service_level_titles_are_literal():
    weekly = pd.DataFrame({"week": pd.date_range("2025-01-06", periods=3, freq="7D"), "csat": [80.0, 70.0, 60.0],
                           "responses": [10, 12, 9]})
    for title in HOSTILE:
        assert_literal(charts.trend_vs_target(weekly, "csat", target=75, title=title), [title])
    surveys = pd.DataFrame({"nps": [0, 5, 7, 8, 9, 10]})
    assert_literal(charts.nps_distribution(surveys, title=HOSTILE[0]), [HOSTILE[0]])
    hourly = pd.DataFrame({"hour": [9, 10], "service_level": [85.0, 60.0], "contacts": [40, 50]})
    assert_literal(charts.service_level_by_hour(hourly, title=HOSTILE[1]), [HOSTILE[1]])


def test_agent_vs_team_chart_names_a_hostile_agent_as_written():
    name = HOSTILE[0]
    table = pd.DataFrame({"week": pd.date_range("2025-01-06", periods=2, freq="7D"), name: [90.0, 40.0],
                          "team": [78.0, 77.0], "responses": [25, 30], "difference": [12.0, -37.0]})
    figure = agent_vs_team_chart(table)
    assert_literal(figure, [name, f"{name}'s CSAT by week, against the team's"])


def test_training_effect_chart_names_a_hostile_agent_as_written():
    name = HOSTILE[1]
    mondays = pd.date_range("2025-01-06", periods=6, freq="7D")
    rows = [{"arrived_at": week, "agent": name, "talk_seconds": 500 - 10 * i} for i, week in enumerate(mondays)]
    rows += [{"arrived_at": week + pd.Timedelta(hours=1), "agent": "Al", "talk_seconds": 300} for week in mondays]
    contacts = pd.DataFrame(rows).assign(answered=True, hold_seconds=0, acw_seconds=0)
    figure = training_effect_chart(training_effect(contacts, None, name, "2025-01-27"))
    assert_literal(figure, [name, f"{name}'s trend before the date, carried on"])


def test_theme_chart_draws_hostile_theme_labels_as_written():
    summary = pd.DataFrame({"label": HOSTILE, "comments": [5] * len(HOSTILE), "share": [10.0 + i for i in
                                                                                        range(len(HOSTILE))],
                            "mean_csat": [2.0, 4.0] * (len(HOSTILE) // 2)})
    figure = theme_chart(summary, title=HOSTILE[2])
    assert set(HOSTILE) <= {t.get_text() for t in figure.axes[0].get_yticklabels()}
    assert_literal(figure, HOSTILE)


def test_profile_figure_draws_hostile_skill_and_group_names_as_written():
    content = build_skills({
        "scale": {n: f"level {n} $" for n in range(1, 6)},
        "groups": [{"id": "g", "title": HOSTILE[3], "skills": [
            {"id": f"s{i}", "name": name, "sources": [], "modules": [], "levels": {1: "a", 5: "b"}}
            for i, name in enumerate(HOSTILE)]}],
    })
    ratings = {f"s{i}": 3 for i in range(len(HOSTILE))}
    figure = profile_figure(ratings, previous=ratings, content=content)
    assert_literal(figure, HOSTILE + ["level 1 $"])


def test_skill_groups_figure_draws_hostile_group_names_as_written():
    groups = pd.DataFrame({"group": HOSTILE, "mean rating": [3.0] * len(HOSTILE), "learners": [4] * len(HOSTILE)})
    empty = pd.DataFrame()
    summary = ClassSummary(4, 10, empty, empty, empty, empty, groups)
    figure = skill_groups_figure(summary)
    assert set(HOSTILE) <= {t.get_text() for t in figure.axes[0].get_yticklabels()}
    assert_literal(figure, HOSTILE)


def test_staffing_chart_is_literal_too():
    figure = service_level_chart(100, 1800, 180, 20, 80)
    drawn_texts(figure)
    assert all(not text.get_parse_math() for text in figure.findobj(Text))


def test_without_the_guard_matplotlib_would_fail_on_these_names():
    # The test above can fail: a plain figure with the same name stops with mathtext's parse error.
    from matplotlib.figure import Figure

    figure = Figure()
    figure.subplots().set_title(HOSTILE[0])
    with pytest.raises(ValueError):
        figure.savefig(BytesIO(), format="png")
