"""The KPI dashboard, driven the way a learner would: choose values, read what is shown."""

import pandas as pd
import pytest

import course_lib
from course_lib.widgets.kpi_dashboard import KpiDashboard, render_table

T0 = pd.Timestamp("2025-01-06 09:00")
CONTACTS = pd.DataFrame({
    "contact_id": [1, 2, 3, 4, 5],
    "customer_id": [1, 2, 3, 4, 5],
    "arrived_at": [T0, T0 + pd.Timedelta(hours=1), T0 + pd.Timedelta(days=7), T0 + pd.Timedelta(days=8),
                   T0 + pd.Timedelta(days=8, hours=2)],
    "channel": ["phone", "chat", "phone", "phone", "phone"],
    "topic": ["billing"] * 5,
    "agent": ["Ana", "Bo", "Ana", "Bo", None],
    "answered": [True, True, True, True, False],
    "wait_seconds": [10, 30, 50, 5, 90],
    "talk_seconds": [100, 200, 300, 400, None],
    "resolved": [True, True, False, True, False],
})
SURVEYS = pd.DataFrame({"contact_id": [1, 2, 3, 4], "csat": [5, 2, 4, 1], "nps": [10, 3, 9, 0],
                        "ces": [7, 2, 6, 1], "comment": ["<b>great</b>", None, None, None]})


@pytest.fixture
def dashboard():
    return KpiDashboard(CONTACTS, SURVEYS)


def test_opens_on_csat_by_agent_for_all_weeks(dashboard):
    assert repr(dashboard) == "Interactive activity: KPI dashboard. Run this cell to use it."
    assert dashboard.kpi.value == "CSAT (% satisfied)" and dashboard.group.value == "Agent"
    assert dashboard.period.value == (0, 1)
    assert "weeks 1-2 (06 Jan to 19 Jan 2025)" in dashboard.summary.value
    assert "Highest: Ana 100.0 % (2 responses). Lowest: Bo 0.0 % (2 responses)." in dashboard.summary.value
    assert "<td>Ana</td>" in dashboard.table.value and "<td>100.0</td>" in dashboard.table.value
    assert dashboard.chart.value.startswith("<img src='data:image/png;base64,")
    assert "alt='Chart of CSAT (% satisfied) by agent'" in dashboard.chart.value


def test_choosing_kpi_grouping_period_and_channel_changes_what_is_shown(dashboard):
    dashboard.kpi.value = "Average handle time (s)"
    assert "Best: Ana 200 s (2 contacts). Worst: Bo 300 s (2 contacts)." in dashboard.summary.value
    dashboard.group.value = "Whole team"
    assert "250 s, from 4 contacts." in dashboard.summary.value and dashboard.chart.value == ""
    dashboard.period.value = (1, 1)
    assert "week 2 (13 Jan to 19 Jan 2025)" in dashboard.summary.value
    assert "350 s, from 2 contacts." in dashboard.summary.value
    dashboard.kpi.value = "Abandonment rate (%)"
    assert "33.3 %, from 3 contacts." in dashboard.summary.value
    dashboard.period.value = (0, 1)
    dashboard.channel.value = "chat"
    dashboard.kpi.value = "NPS"
    assert "chat" in dashboard.summary.value and "-100.0, from 1 responses." in dashboard.summary.value


def test_a_choice_without_data_says_so_instead_of_failing(dashboard):
    dashboard.channel.value = "chat"
    dashboard.period.value = (1, 1)
    assert "no CSAT responses to compute CSAT from" in dashboard.summary.value
    assert dashboard.table.value == "" and dashboard.chart.value == ""


def test_service_level_uses_channel_targets(dashboard):
    dashboard.kpi.value = "Service level (% in target time)"
    dashboard.group.value = "Channel"
    table = course_lib.kpi.dashboard_table(CONTACTS, SURVEYS, "service_level", by="channel")
    assert table.set_index("channel")["service_level"].to_dict() == {"chat": 100.0, "phone": 50.0}
    assert "Highest: chat 100.0 %" in dashboard.summary.value


def test_every_control_has_a_label(dashboard):
    for control in (dashboard.kpi, dashboard.group, dashboard.channel, dashboard.period):
        assert control.description


def test_the_table_is_escaped():
    table = pd.DataFrame({"agent": ["<script>x</script>"], "csat": [50.0], "responses": [2]})
    html = render_table(table)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_the_shipped_data_set_opens():
    dashboard = course_lib.kpi_dashboard()
    assert "Highest: Amara" in dashboard.summary.value
    assert len(dashboard.period.options) == 13
