"""Module 09: did the training work? The before/after comparison next to the team and the trend before the date.

Every table here is small enough to check by hand: one row per contact, a handle time per week, a team that is
flat or moves.
"""

import matplotlib
import pandas as pd
import pytest

import course_lib
from course_lib.errors import DataError
from course_lib.kpi.training_effect import training_effect, training_effect_chart

matplotlib.use("Agg")

MONDAYS = pd.date_range("2025-01-06", periods=6, freq="7D")  # 6 Jan ... 10 Feb


def contacts_table(agent_seconds, team_seconds, *, team_counts=None):
    """One contact per week for the agent "Jo" (handle time = talk time) and ``team_counts`` for "Al" each week."""
    rows = []
    for week, seconds in zip(MONDAYS, agent_seconds, strict=True):
        rows.append({"arrived_at": week, "agent": "Jo", "talk_seconds": seconds})
    for week, seconds in zip(MONDAYS, team_seconds, strict=True):
        for _ in range(team_counts or 1):
            rows.append({"arrived_at": week + pd.Timedelta(hours=1), "agent": "Al", "talk_seconds": seconds})
    table = pd.DataFrame(rows)
    return table.assign(answered=True, hold_seconds=0, acw_seconds=0)


def test_a_learning_curve_is_not_credited_to_the_training():
    # Jo gets 50 s quicker every week whatever happens; the training on 27 Jan changes nothing.
    result = training_effect(contacts_table([600, 550, 500, 450, 400, 350], [300] * 6), None, "Jo", "2025-01-27")
    assert result.weeks["period"].tolist() == ["before"] * 3 + ["after"] * 3
    assert result.weeks["Jo"].tolist() == [600, 550, 500, 450, 400, 350]
    assert result.weeks["trend"].tolist() == [600, 550, 500, 450, 400, 350]  # the line through 600, 550, 500
    # Before/after alone: 550 -> 400; the team: no change; against the trend: exactly where it pointed.
    assert result.summary["baseline"].tolist() == [550.0, 300.0, 400.0]
    assert result.summary["after"].tolist() == [400.0, 300.0, 400.0]
    assert result.summary["change"].tolist() == [-150.0, 0.0, 0.0]
    assert result.wobble == 0.0
    assert "already on pointed to at least this much improvement" in result.reading()


def test_a_step_after_the_date_stands_out_against_a_flat_trend():
    result = training_effect(contacts_table([500, 500, 500, 400, 400, 400], [300] * 6), None, "Jo", "2025-01-27")
    assert result.summary["change"].tolist() == [-100.0, 0.0, -100.0]
    assert "goes beyond the trend before the date and beyond the team's" in result.reading()


def test_a_change_the_whole_team_shares_points_elsewhere():
    # Everyone is 100 s quicker from 27 Jan (a new system, say): Jo's step is the team's step.
    team = [300, 300, 300, 200, 200, 200]
    result = training_effect(contacts_table([500, 500, 500, 400, 400, 400], team), None, "Jo", "2025-01-27")
    assert result.summary.loc[1, "change"] == -100.0
    assert "The rest of the team improved too" in result.reading()


def test_a_gain_within_the_usual_ups_and_downs_is_called_chance():
    # Before: 480, 540, 480 around a flat line at 500 (residuals -20, 40, -20: standard deviation 34.6 s);
    # after: 470 every week, 30 s better than the line, which is less than twice the usual wobble.
    result = training_effect(contacts_table([480, 540, 480, 470, 470, 470], [300] * 6), None, "Jo", "2025-01-27")
    assert result.weeks["trend"].tolist() == [500.0] * 6
    assert result.wobble == 34.6
    assert result.summary.loc[2].tolist()[1:] == [500.0, 470.0, -30.0]
    assert "within Jo's usual ups and downs from week to week (about 34.6 s" in result.reading()


def test_no_improvement_is_said_plainly():
    result = training_effect(contacts_table([500, 500, 500, 520, 520, 520], [300] * 6), None, "Jo", "2025-01-27")
    assert result.summary.loc[0, "change"] == 20.0
    assert result.reading().splitlines()[3].startswith("The number did not improve after the date")


def test_the_trend_stays_within_the_kpis_scale():
    # 300, 200, 100 s: the line carried on would reach 0 s and then -100 s; a handle time cannot be negative.
    result = training_effect(contacts_table([300, 200, 100, 100, 100, 100], [300] * 6), None, "Jo", "2025-01-27")
    assert result.weeks["trend"].tolist() == [300.0, 200.0, 100.0, 0.0, 0.0, 0.0]


def test_the_rest_of_the_team_is_pooled_over_their_contacts():
    contacts = contacts_table([500] * 6, [300] * 6)
    extra = pd.DataFrame({"arrived_at": MONDAYS, "agent": "Bo", "talk_seconds": 100}).assign(
        answered=True, hold_seconds=0, acw_seconds=0)
    contacts = pd.concat([contacts, extra, extra, extra])  # Bo: three contacts of 100 s a week; Al one of 300 s
    result = training_effect(contacts, None, "Jo", "2025-01-27")
    assert result.weeks["rest_of_team"].tolist() == [150.0] * 6  # (300 + 3 x 100) / 4, not the mean of 300 and 100


def test_the_week_that_contains_a_midweek_date_is_left_out():
    # Wednesday 29 January: the week of 27 January is partly before and partly after, so it is left out.
    result = training_effect(contacts_table([600, 550, 500, 450, 400, 350], [300] * 6), None, "Jo", "2025-01-29",
                             weeks_after=None)
    assert result.weeks["week"].dt.strftime("%d %b").tolist() == ["06 Jan", "13 Jan", "20 Jan", "03 Feb", "10 Feb"]
    assert result.weeks["period"].tolist() == ["before"] * 3 + ["after"] * 2


def test_weeks_after_keeps_only_the_first_weeks():
    result = training_effect(contacts_table([600, 550, 500, 450, 400, 350], [300] * 6), None, "Jo", "2025-01-27",
                             weeks_after=1)
    assert result.weeks["period"].tolist() == ["before"] * 3 + ["after"]
    assert result.summary.loc[0, "after"] == 450.0


def test_survey_kpis_come_from_the_surveys_linked_to_the_contacts():
    contacts = contacts_table([300] * 6, [300] * 6).reset_index(drop=True)
    contacts["contact_id"] = range(1, len(contacts) + 1)
    jo = contacts.index[contacts["agent"] == "Jo"]
    # Jo: satisfied (4-5) in weeks 1, 2 and 4-6, not in week 3; Al always satisfied.
    csat = pd.Series(5, index=contacts.index)
    csat[jo[2]] = 2
    surveys = pd.DataFrame({"contact_id": contacts["contact_id"], "csat": csat})
    result = training_effect(contacts, surveys, "Jo", "2025-01-27", kpi="csat")
    assert result.weeks["Jo"].tolist() == [100.0, 100.0, 0.0, 100.0, 100.0, 100.0]
    assert result.weeks["rest_of_team"].tolist() == [100.0] * 6
    assert list(result.weeks.columns) == ["week", "period", "Jo", "trend", "rest_of_team", "responses"]
    assert result.summary.loc[0].tolist()[1:] == [66.7, 100.0, 33.3]
    assert "Some weeks rest on only 1 response:" in result.reading()


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"agent": "Joe"}, "no contacts handled by an agent called 'Joe'. Did you mean 'Jo'?"),
    ({"kpi": "speed"}, "training_effect measures one of aht, fcr"),
    ({"kpi": "csat"}, "csat comes from the surveys: pass the surveys table"),
    ({"since": "17/02/2025x"}, "is not a date; write it as YYYY-MM-DD"),
    ({"since": "2025-01-20"}, "Jo has 2 week\\(s\\) of aht before 2025-01-20; the trend needs at least 3"),
    ({"since": "2025-03-03"}, "Jo has no weeks of aht from 2025-03-03 on"),
])
def test_bad_input_gets_a_clear_error(kwargs, message):
    arguments = {"agent": "Jo", "since": "2025-01-27", "kpi": "aht"} | kwargs
    with pytest.raises(DataError, match=message):
        training_effect(contacts_table([500] * 6, [300] * 6), None, arguments["agent"], arguments["since"],
                        arguments["kpi"])


def test_a_table_without_agents_is_a_clear_error():
    with pytest.raises(DataError, match="needs the contacts table with a column 'agent'"):
        training_effect(contacts_table([500] * 6, [300] * 6).drop(columns="agent"), None, "Jo", "2025-01-27")


def test_the_chart_names_every_line_and_marks_the_date():
    result = training_effect(contacts_table([600, 550, 500, 450, 400, 350], [300] * 6), None, "Jo", "2025-01-27")
    figure = training_effect_chart(result)
    ax = figure.axes[0]
    assert [t.get_text() for t in figure.legends[0].get_texts()] == [
        "rest of the team", "Jo", "Jo's trend before the date, carried on"]
    assert ax.get_title() == "Jo's average handle time by week, before and after 27 January 2025"
    assert [line.get_linestyle() for line in ax.get_lines()[:3]] == ["--", "-", ":"]


def test_plain_text_and_html_show_the_same_comparisons():
    result = training_effect(contacts_table([600, 550, 500, 450, 400, 350], [300] * 6), None, "Jo", "2025-01-27")
    text, html = repr(result), result._repr_html_()
    assert "Jo against the trend before" in text and "Jo against the trend before" in html
    assert "<script" not in html


def test_jonas_workshop_story_in_the_course_data():
    """The notebook's story: Jonas's handle time falls after the 17 February workshop, but no faster than the
    learning curve he was already on, while the rest of the team hardly moves."""
    contacts = course_lib.load_dataset("contacts")
    result = course_lib.training_effect(contacts, None, "Jonas", "2025-02-17")
    alone, team, beyond = result.summary["change"].tolist()
    assert alone < -50, "Jonas's AHT should fall clearly after the date"
    assert abs(team) < 10, "the rest of the team's AHT should hardly move"
    assert beyond >= 0, "the trend before the date should point to at least as much improvement"
    assert result.weeks["period"].tolist() == ["before"] * 4 + ["after"] * 4
