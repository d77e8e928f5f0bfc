"""Charts: labelled, colour-blind-safe, never colour alone; and they refuse tables they cannot draw."""

import matplotlib
import pandas as pd
import pytest
from matplotlib.figure import Figure

from course_lib import kpi
from course_lib.errors import DataError
from course_lib.kpi import charts
from course_lib.notebook_setup import COLOURBLIND_SAFE

matplotlib.use("Agg")

WEEKLY = pd.DataFrame({"week": pd.date_range("2025-01-06", periods=4, freq="7D"),
                       "csat": [80.0, 76.0, 70.0, 64.0], "responses": [120, 130, 110, 90]})
AGENTS = pd.DataFrame({"agent": ["Ana", "Bo", "Cy"], "aht": [300.0, 420.0, 360.0], "contacts": [500, 12, 300]})


def colours(artists):
    return {matplotlib.colors.to_hex(a.get_facecolor()).upper() for a in artists}


def palette():
    return {c.upper() for c in COLOURBLIND_SAFE} | {"#FFFFFF"}


def test_trend_marks_missed_points_with_a_shape_not_only_colour():
    fig = charts.trend_vs_target(WEEKLY, "csat", target=75)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.get_title() == "CSAT by week, against a target of 75"
    assert ax.get_xlabel() == "Week" and ax.get_ylabel() == "CSAT (% satisfied (4-5 of 5))"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["CSAT", "target 75", "missed target (2)"]
    missed = [line for line in ax.get_lines() if line.get_marker() == "v"]
    assert len(missed) == 1 and list(missed[0].get_ydata()) == [70.0, 64.0]


def test_trend_for_a_lower_is_better_kpi_marks_values_above_target():
    table = WEEKLY.rename(columns={"csat": "abandonment_rate"})
    ax = charts.trend_vs_target(table, "abandonment_rate", target=75).axes[0]
    missed = [line for line in ax.get_lines() if line.get_marker() == "v"]
    assert list(missed[0].get_ydata()) == [80.0, 76.0]


def test_agent_comparison_labels_values_and_hatches_small_groups():
    fig = charts.agent_comparison(AGENTS, "aht", team_value=350)
    ax = fig.axes[0]
    bars = ax.patches
    # Drawn bottom to top: the best (lowest handle time) at the top.
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Bo", "Cy", "Ana"]
    assert [b.get_hatch() for b in bars] == ["//", None, None]  # Bo has 12 contacts
    notes = sorted(t.get_text() for t in ax.texts)
    assert notes == ["300.0  (n=500)", "360.0  (n=300)", "420.0  (n=12)"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["team 350.0", "fewer than 30 contacts"]
    assert colours(bars) <= palette()


def test_agent_comparison_of_a_scorecard_uses_the_right_count_and_skips_empty_groups():
    card = pd.DataFrame({"agent": ["Ana", "Bo", None], "contacts": [500, 400, 90], "aht": [300.0, 350.0, None],
                         "responses": [12, 80, 0], "csat": [80.0, 70.0, None]})
    ax = charts.agent_comparison(card, "aht").axes[0]
    assert sorted(t.get_text() for t in ax.texts) == ["300.0  (n=500)", "350.0  (n=400)"]
    assert ax.get_legend() is None  # no small group among the contacts counts
    ax = charts.agent_comparison(card, "csat").axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Bo", "Ana"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["fewer than 30 responses"]


def test_agent_comparison_draws_nps_intervals():
    surveys = pd.DataFrame({"contact_id": range(8), "nps": [10, 9, 3, 8, 10, 0, 9, 9], "team": list("AABBAABB")})
    table = kpi.nps_interval(surveys, by="team")
    ax = charts.agent_comparison(table, "nps").axes[0]
    assert "95 % interval" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_nps_distribution_groups_have_colour_hatch_and_words():
    surveys = pd.DataFrame({"contact_id": range(6), "nps": [0, 6, 7, 9, 10, 10]})
    ax = charts.nps_distribution(surveys).axes[0]
    assert ax.get_title() == "NPS +17 from 6 responses"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["detractors (0-6): 33 %", "passives (7-8): 17 %", "promoters (9-10): 50 %"]
    hatches = {b.get_hatch() for b in ax.patches}
    assert hatches == {"xx", "..", ""}
    assert [b.get_height() for b in ax.patches] == [1, 0, 0, 0, 0, 0, 1, 1, 0, 1, 2]
    assert colours(ax.patches) <= palette()


def test_service_level_by_hour_hatches_hours_below_target():
    table = pd.DataFrame({"hour": [8, 9, 10], "service_level": [90.0, 70.0, 85.0], "contacts": [50, 80, 60]})
    ax = charts.service_level_by_hour(table, target=80).axes[0]
    assert [b.get_hatch() for b in ax.patches] == [None, "//", None]
    assert ax.get_title() == "Service level by hour (1 of 3 hours below target)"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["8:00", "9:00", "10:00"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["at or above target", "below target",
                                                                   "target 80 %"]


def test_charts_refuse_tables_they_cannot_draw():
    with pytest.raises(DataError, match="trend_vs_target needs the column\\(s\\) 'nps'"):
        charts.trend_vs_target(WEEKLY, "nps")
    with pytest.raises(DataError, match="needs a table from a KPI function with by=..., got float"):
        charts.agent_comparison(72.5, "csat")
    with pytest.raises(DataError, match="service_level_by_hour: the table is empty"):
        charts.service_level_by_hour(pd.DataFrame({"hour": [], "service_level": []}))


def test_png_export_is_deterministic():
    first = charts.figure_to_png(charts.agent_comparison(AGENTS, "aht"))
    assert first[:8] == b"\x89PNG\r\n\x1a\n"
    assert first == charts.figure_to_png(charts.agent_comparison(AGENTS, "aht"))
