"""The Erlang formulas agree with a discrete-event simulation that knows nothing about them.

Each check asks whether the formula's value lies inside the simulation's 99% confidence interval (Student t
over independent, seeded replications). The seeds are fixed, so the test gives the same answer every run.
The last tests show the check has teeth: formulas that ignore abandonment, or queueing, fall outside.

There are 34 such checks; at 99% each, about one seed choice in four would show a single miss by chance alone,
so a lone miss after a change of seeds or run lengths calls for a longer run, not a new seed. The seeds and
lengths here were fixed before the first run and not tuned. benchmarks/queue_simulation.py repeats every case
with 8 million callers each (intervals about 20 times narrower) and prints whether each formula value is inside.
"""

import pytest

from course_lib import staffing
from course_lib.staffing import StaffingError
from course_lib.staffing.queue_simulation import simulate_queue

# (agents, calls per half hour, AHT seconds, answer within seconds): occupancy from 50% to 90%,
# one agent to thirty.
ERLANG_C_CASES = [
    (1, 15, 60, 20),    # 50%
    (3, 63, 60, 10),    # 70%
    (5, 80, 90, 20),    # 80%
    (13, 100, 180, 20), # 77%, the course's worked example
    (14, 120, 180, 20), # 86%, the example with 20% more calls
    (30, 540, 90, 15),  # 90%
]

# (agents, calls, AHT, patience seconds, answer within): from comfortable to twice overloaded.
ERLANG_A_CASES = [
    (13, 100, 180, 120, 20),
    (8, 100, 180, 120, 20),
    (10, 200, 180, 60, 15),
    (20, 200, 300, 300, 30),
]


def inside(result, measure, value):
    row = result.set_index("measure").loc[measure]
    return row["low"] <= value <= row["high"], (measure, row["low"], value, row["high"])


@pytest.mark.parametrize(("agents", "calls", "aht", "within"), ERLANG_C_CASES)
def test_erlang_c_lies_inside_the_simulations_99_percent_intervals(agents, calls, aht, within):
    result = simulate_queue(agents, calls, 1800, aht, within, seed=agents * 1000 + calls, replications=10,
                            callers=5000, warmup=1000)
    for measure, value in [
        ("probability_of_waiting", staffing.probability_of_waiting(agents, calls, 1800, aht)),
        ("service_level", staffing.service_level(agents, calls, 1800, aht, within)),
        ("average_speed_of_answer", staffing.average_speed_of_answer(agents, calls, 1800, aht)),
    ]:
        ok, detail = inside(result, measure, value)
        assert ok, detail
    assert result.set_index("measure").loc["abandonment", "estimate"] == 0


@pytest.mark.parametrize(("agents", "calls", "aht", "patience", "within"), ERLANG_A_CASES)
def test_erlang_a_lies_inside_the_simulations_99_percent_intervals(agents, calls, aht, patience, within):
    result = simulate_queue(agents, calls, 1800, aht, within, patience_seconds=patience, seed=agents + calls,
                            replications=10, callers=5000, warmup=1000)
    formula = staffing.erlang_a(agents, calls, 1800, aht, patience, within)
    for measure in ("probability_of_waiting", "service_level", "average_speed_of_answer", "abandonment"):
        ok, detail = inside(result, measure, getattr(formula, measure))
        assert ok, detail


def test_the_check_has_teeth_ignoring_abandonment_is_detected():
    # Erlang C's answers for the same agents and calls fall outside Erlang A's simulated intervals.
    result = simulate_queue(13, 100, 1800, 180, 20, patience_seconds=120, seed=5, replications=10, callers=5000)
    assert not inside(result, "probability_of_waiting", staffing.probability_of_waiting(13, 100, 1800, 180))[0]
    assert not inside(result, "average_speed_of_answer", staffing.average_speed_of_answer(13, 100, 1800, 180))[0]


def test_the_check_has_teeth_a_wrong_queue_formula_is_detected():
    # Erlang B (callers turned away instead of queued) is a plausible mistake; the simulation rejects it.
    result = simulate_queue(13, 100, 1800, 180, 20, seed=6, replications=10, callers=5000)
    b = 1.0
    for k in range(1, 14):
        b = 10 * b / (k + 10 * b)
    assert not inside(result, "probability_of_waiting", 100 * b)[0]


def test_the_simulation_is_reproducible_and_seeds_matter():
    first = simulate_queue(5, 80, 1800, 90, 20, seed=3, replications=3, callers=500, warmup=100)
    assert first.equals(simulate_queue(5, 80, 1800, 90, 20, seed=3, replications=3, callers=500, warmup=100))
    assert not first.equals(simulate_queue(5, 80, 1800, 90, 20, seed=4, replications=3, callers=500, warmup=100))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"agents": 0}, "whole number"),
        ({"calls": 0}, "calls must be more than 0"),
        ({"agents": 5, "calls": 200}, "grows without end"),
        ({"patience_seconds": 0}, "patience_seconds"),
        ({"replications": 1}, "at least 2"),
    ],
)
def test_bad_simulation_settings_are_refused(kwargs, message):
    settings = {"agents": 13, "calls": 100, "interval_seconds": 1800, "aht_seconds": 180,
                "answer_within_seconds": 20} | kwargs
    with pytest.raises(StaffingError, match=message):
        simulate_queue(**settings)
