"""The staffing planner, driven the way a learner would: change values, click, read what is shown."""

import io
import re

import matplotlib.image
import pytest

import course_lib
from course_lib import staffing
from course_lib.staffing.chart import figure_png, service_level_chart
from course_lib.widgets import staffing as planner_view


def shown_number(html: str, label: str) -> float:
    return float(re.search(re.escape(label) + r"\D*([\d.]+)", html).group(1))


def test_the_example_shows_the_plan_the_library_computes():
    planner = course_lib.staffing_planner()
    plan = staffing.required_agents(100, 1800, 180, 20, 80, shrinkage=30, max_occupancy=85)
    html = planner.summary.value
    assert shown_number(html, "Agents needed on the phones:") == plan.agents_on_phones == 14
    assert shown_number(html, "Agents to schedule:") == plan.agents_to_schedule == 20
    assert f"Service level: {plan.service_level:.1f}% answered within 20 s" in html
    assert f"Occupancy: {plan.occupancy:.1f}%" in html
    assert f"Average speed of answer: {plan.average_speed_of_answer:.1f} s" in html
    assert f"Callers who wait at all: {plan.probability_of_waiting:.1f}%" in html
    abandon = staffing.abandonment(14, 100, 1800, 180, 120)
    assert f"hang up first (Erlang A): {abandon:.1f}%" in html


def test_changing_the_forecast_updates_everything():
    planner = course_lib.staffing_planner()
    before = (planner.summary.value, planner.chart.value, planner.forecast.value)
    planner.calls.value = 300
    plan = staffing.required_agents(300, 1800, 180, 20, 80, shrinkage=30, max_occupancy=85)
    assert shown_number(planner.summary.value, "Agents needed on the phones:") == plan.agents_on_phones
    assert planner.chart.value != before[1] and planner.forecast.value != before[2]
    assert "<td>360</td>" in planner.forecast.value and "<td>240</td>" in planner.forecast.value


def test_each_control_changes_the_answer_the_right_way():
    planner = course_lib.staffing_planner()

    def agents(label="Agents to schedule:"):
        return shown_number(planner.summary.value, label)

    start = agents()
    planner.shrinkage.value = 40
    assert agents() > start
    planner.shrinkage.value = 30
    planner.target.value = 95
    assert agents("Agents needed on the phones:") > 14
    planner.target.value = 80
    planner.within.value = 60
    assert agents("Agents needed on the phones:") < 14
    planner.within.value = 20
    planner.max_occupancy.value = 60
    assert agents("Agents needed on the phones:") == 17  # 10 Erlangs at no more than 60% busy
    planner.aht.value = 360
    assert shown_number(planner.summary.value, "workload") == 20.0


def test_the_buttons_recalculate_and_reset():
    planner = course_lib.staffing_planner()
    first = planner.summary.value
    planner.calculate.click()
    assert planner.summary.value == first
    planner.calls.value = 250
    planner.shrinkage.value = 10
    assert planner.summary.value != first
    planner.reset.click()
    assert planner.calls.value == 100 and planner.shrinkage.value == 30
    assert planner.summary.value == first
    assert planner.calculate.description == "Work out the staffing"
    assert planner.reset.description == "Back to the starting values"


def test_every_control_has_a_label():
    planner = course_lib.staffing_planner()
    labels = [control.description for control in planner._controls()]
    assert labels == ["Calls per half hour", "Average handle time (seconds)", "Target: % of calls answered",
                      "... within (seconds)", "Shrinkage (%)", "Maximum occupancy (%)",
                      "Average patience (seconds)"]


def test_the_forecast_table_shows_the_library_table():
    planner = course_lib.staffing_planner()
    table = staffing.forecast_error_table(100, 1800, 180, 20, 80, shrinkage=30, max_occupancy=85,
                                          patience_seconds=120)
    html = planner.forecast.value
    assert "<caption>If the forecast is 20% wrong" in html
    for _, row in table.iterrows():
        assert f"<th scope='row'>{row['case']}</th>" in html
        assert f"<td>{row['service_level']:.1f}</td>" in html
        assert f"<td>{row['note']}</td>" in html
    assert "target missed" in html  # 20% more calls with the planned 14 agents


def test_a_quiet_half_hour_needs_nobody_and_draws_no_chart():
    planner = course_lib.staffing_planner()
    planner.calls.value = 0
    assert "Agents needed on the phones: 0" in planner.summary.value
    assert planner.chart.value == b""


def test_the_chart_is_a_real_png_picture():
    planner = course_lib.staffing_planner()
    picture = matplotlib.image.imread(io.BytesIO(planner.chart.value), format="png")
    assert picture.shape[0] > 300 and picture.shape[1] > 700


def test_errors_are_shown_escaped_instead_of_crashing(monkeypatch):
    def refuse(*args, **kwargs):
        raise staffing.StaffingError("<b>bad</b> input")

    monkeypatch.setattr(planner_view, "required_agents", refuse)
    planner = planner_view.StaffingPlanner()
    assert "role='alert'" in planner.summary.value
    assert "&lt;b&gt;bad&lt;/b&gt;" in planner.summary.value and "<b>bad</b>" not in planner.summary.value
    assert planner.chart.value == b"" and planner.forecast.value == ""


def test_plain_text_form_tells_the_reader_to_run_the_cell():
    bundle = course_lib.staffing_planner()._repr_mimebundle_()
    assert bundle["text/plain"] == "Interactive activity: staffing planner. Run this cell to use it."


# The chart function itself: pure, returns a Figure drawn from the library's numbers.


def test_the_chart_draws_the_library_curve_target_and_plan():
    plan = staffing.required_agents(100, 1800, 180, 20, 80)
    figure = service_level_chart(100, 1800, 180, 20, 80, plan=plan)
    axes = figure.axes[0]
    level, occupancy_line, target, marker = axes.get_lines()
    curve = staffing.service_level_by_agents(100, 1800, 180, 20)
    assert list(level.get_xdata()) == curve["agents"].tolist()
    assert list(level.get_ydata()) == pytest.approx(curve["service_level"].tolist())
    assert list(occupancy_line.get_ydata()) == pytest.approx(curve["occupancy"].tolist())
    assert list(target.get_ydata()) == [80, 80]
    assert list(marker.get_xdata()) == [14, 14]
    assert level.get_linestyle() != occupancy_line.get_linestyle()  # not told apart by colour alone
    assert [text.get_text() for text in axes.texts] == ["14 agents: 88.8%"]
    assert axes.get_legend() is not None
    with_cap = service_level_chart(100, 1800, 180, 20, 80, plan=plan, max_occupancy=85).axes[0]
    assert [line.get_label() for line in with_cap.get_lines()][3] == "Maximum occupancy: 85%"
    assert list(with_cap.get_lines()[3].get_ydata()) == [85, 85]


def test_the_same_figure_gives_the_same_bytes():
    assert figure_png(service_level_chart(80, 1800, 240, 30, 90)) == figure_png(
        service_level_chart(80, 1800, 240, 30, 90))


def test_the_planner_can_start_from_a_trainers_numbers():
    planner = course_lib.staffing_planner(calls_per_half_hour=240, aht_seconds=300, target_service_level=90,
                                          answer_within_seconds=30, shrinkage=25, max_occupancy=90,
                                          patience_seconds=60)
    plan = staffing.required_agents(240, 1800, 300, 30, 90, shrinkage=25, max_occupancy=90)
    assert shown_number(planner.summary.value, "Agents to schedule:") == plan.agents_to_schedule
    planner.calls.value = 10
    planner.reset.click()
    assert planner.calls.value == 240 and planner.patience.value == 60


@pytest.mark.parametrize(("kwargs", "message"), [({"shrinkage": 100}, "'Shrinkage \\(%\\)' must be from 0 to 95"),
                                                 ({"target_service_level": 0.8}, "must be from 1 to 100")])
def test_starting_values_out_of_range_are_refused_not_clipped(kwargs, message):
    with pytest.raises(staffing.StaffingError, match=message):
        course_lib.staffing_planner(**kwargs)
