"""The staffing formulas against the course's own contact log: the recall day (issue 6's surge-day check)."""

import math

import pytest

import course_lib
from course_lib.data.centre import PATIENCE
from course_lib.errors import DataError
from course_lib.staffing.workload import hourly_workload, needed_vs_had

RECALL_DAY, SAME_WEEKDAY_BEFORE = "2025-02-18", "2025-02-11"


@pytest.fixture(scope="module")
def contacts():
    return course_lib.load_dataset("contacts")


def test_the_recall_day_needed_several_times_the_agents_it_had(contacts):
    day = needed_vs_had(hourly_workload(contacts, RECALL_DAY))
    busy = day[day["calls"] >= 100]
    assert len(busy) >= 4, "the recall surge should fill several hours with 100+ calls"
    assert (busy["agents_needed"] >= 3 * busy["agents_answering"]).all()


def test_a_normal_tuesday_was_staffed_about_right(contacts):
    day = needed_vs_had(hourly_workload(contacts, SAME_WEEKDAY_BEFORE))
    assert (day["agents_needed"] <= day["agents_answering"] + 1).all()
    assert day["abandonment_rate"].mean() < 10


def test_erlang_a_with_the_agents_who_answered_predicts_the_observed_abandonment(contacts):
    """The generator queues callers and lets them hang up after a random patience; Erlang A models the same thing
    with exponential patience of the same mean. Where an hour has enough calls to measure, both tell one story."""
    median, sigma = PATIENCE["phone"]
    mean_patience = median * math.exp(sigma**2 / 2)  # mean of the generator's log-normal patience
    day = needed_vs_had(hourly_workload(contacts, RECALL_DAY), patience_seconds=mean_patience)
    measured = day[day["calls"] >= 50]
    gap = (measured["predicted_abandonment"] - measured["abandonment_rate"]).abs()
    assert gap.max() < 15, measured[["hour", "abandonment_rate", "predicted_abandonment"]]
    assert (measured["predicted_service_level"] < 30).all() and (measured["service_level"] < 30).all()


def test_a_day_without_contacts_is_a_clear_error(contacts):
    with pytest.raises(DataError, match="no phone contacts on 2024-12-25"):
        hourly_workload(contacts, "2024-12-25")
