"""Erlang C and Erlang A checked against references computed another way: exact fractions, high-precision
decimals, closed forms for small cases, published worked examples, and an independent Markov-chain computation."""

from __future__ import annotations

import math
from decimal import Decimal, localcontext
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
import scipy.linalg
from hypothesis import given
from hypothesis import strategies as st
from scipy.special import gammainc, gammaln

import course_lib
from course_lib import staffing
from course_lib.staffing import StaffingError, planning

# ------------------------------------------------------------------------------------------------------------
# References: the textbook Erlang C formula with factorials, in exact arithmetic.


def exact_erlang_c(agents: int, traffic: Fraction) -> Fraction:
    """C(N, A) = (A^N/N! * N/(N-A)) / (sum_{k<N} A^k/k! + A^N/N! * N/(N-A)), in exact fractions."""
    top = traffic**agents / math.factorial(agents) * Fraction(agents) / (agents - traffic)
    return top / (sum(traffic**k / math.factorial(k) for k in range(agents)) + top)


def decimal_exp(value: Fraction, digits: int = 40) -> Decimal:
    with localcontext() as context:
        context.prec = digits
        return (Decimal(value.numerator) / Decimal(value.denominator)).exp()


def exact_measures(agents, calls, interval, aht, within):
    """P(wait) %, service level % and ASA s from exact fractions (the exponential in 40-digit decimals)."""
    traffic = Fraction(calls) * Fraction(aht) / Fraction(interval)
    waiting = exact_erlang_c(agents, traffic)
    with localcontext() as context:
        context.prec = 40
        c = Decimal(waiting.numerator) / Decimal(waiting.denominator)
        level = 1 - c * decimal_exp(-(agents - traffic) * Fraction(within) / Fraction(aht))
    asa = waiting * Fraction(aht) / (agents - traffic)
    return 100 * float(waiting), 100 * float(level), float(asa)


# ------------------------------------------------------------------------------------------------------------
# Exact agreement


@given(
    agents_over=st.integers(min_value=1, max_value=12),
    calls=st.integers(min_value=1, max_value=400),
    aht=st.integers(min_value=10, max_value=900),
    within=st.integers(min_value=0, max_value=120),
)
def test_erlang_c_equals_the_exact_textbook_formula(agents_over, calls, aht, within):
    interval = 1800
    traffic = Fraction(calls * aht, interval)
    agents = math.floor(traffic) + agents_over
    want_wait, want_level, want_asa = exact_measures(agents, calls, interval, aht, within)
    assert staffing.probability_of_waiting(agents, calls, interval, aht) == pytest.approx(want_wait, rel=1e-12)
    assert staffing.service_level(agents, calls, interval, aht, within) == pytest.approx(want_level, rel=1e-12,
                                                                                          abs=1e-10)
    assert staffing.average_speed_of_answer(agents, calls, interval, aht) == pytest.approx(want_asa, rel=1e-12)
    assert staffing.occupancy(agents, calls, interval, aht) == pytest.approx(100 * float(traffic / agents),
                                                                              rel=1e-15)


def decimal_erlang_c(agents: int, traffic: Fraction, digits: int = 60) -> Decimal:
    """The same textbook formula term by term in 60-digit decimals (whose exponent range never overflows)."""
    with localcontext() as context:
        context.prec = digits
        a = Decimal(traffic.numerator) / Decimal(traffic.denominator)
        term, total = Decimal(1), Decimal(0)
        for k in range(agents):
            total += term
            term = term * a / (k + 1)  # term is now a^(k+1) / (k+1)!
        top = term * agents / (agents - a)
        return top / (total + top)


@pytest.mark.parametrize("agents", [200, 1000, 5000])
def test_thousands_of_agents_stay_exact(agents):
    # A busy system (95% occupancy) so the answer is neither 0 nor 1; factorials would overflow floats at 171.
    calls = Fraction(95 * agents, 100) * 1800 / 300
    traffic = calls * 300 / 1800
    want = float(decimal_erlang_c(agents, traffic)) * 100
    got = staffing.probability_of_waiting(agents, float(calls), 1800, 300)
    assert got == pytest.approx(want, rel=1e-11)
    assert 0 < got < 100


def test_a_hundred_thousand_agents_stay_exact():
    agents = 100_000
    traffic = Fraction(99 * agents, 100)  # 99% occupancy: about 1 caller in 1,200 waits
    want = float(decimal_erlang_c(agents, traffic)) * 100
    got = staffing.probability_of_waiting(agents, float(traffic) * 6, 1800, 300)
    assert got == pytest.approx(want, rel=1e-12)
    assert 0 < got < 1


def test_one_and_two_agents_match_their_closed_forms():
    # M/M/1: P(wait) = rho, ASA = rho / (mu - lam), SL = 1 - rho exp(-(mu - lam) t).
    lam, mu = 20 / 1800, 1 / 60
    rho = lam / mu
    assert staffing.probability_of_waiting(1, 20, 1800, 60) == pytest.approx(100 * rho, rel=1e-14)
    assert staffing.average_speed_of_answer(1, 20, 1800, 60) == pytest.approx(rho / (mu - lam), rel=1e-14)
    assert staffing.service_level(1, 20, 1800, 60, 30) == pytest.approx(100 * (1 - rho * math.exp(-(mu - lam) * 30)),
                                                                          rel=1e-14)
    # M/M/2: P(wait) = 2 rho^2 / (1 + rho) with rho = A / 2.
    rho = (50 * 60 / 1800) / 2
    assert staffing.probability_of_waiting(2, 50, 1800, 60) == pytest.approx(100 * 2 * rho**2 / (1 + rho), rel=1e-14)


# ------------------------------------------------------------------------------------------------------------
# Worked examples from the literature, recomputed here by hand in exact arithmetic


def test_call_centre_helper_worked_example():
    """Call Centre Helper, "Erlang C Formula - Made Simple With an Easy Worked Example": 100 calls per half hour,
    AHT 180 s, 80% within 20 s, maximum occupancy 85%, shrinkage 30%. The article works through the formula by
    hand from 11 agents upwards and concludes 14 agents on the phones, 20 to schedule. Each step is recomputed
    here in exact fractions; the library must agree with the recomputation and with the article's conclusion."""
    want_wait, want_level, _ = exact_measures(11, 100, 1800, 180, 20)
    assert round(want_wait, 2) == 68.21 and round(want_level, 1) == 39.0  # 11 agents: far from 80%
    assert staffing.probability_of_waiting(11, 100, 1800, 180) == pytest.approx(want_wait, rel=1e-13)
    assert staffing.service_level(11, 100, 1800, 180, 20) == pytest.approx(want_level, rel=1e-13)
    plan = course_lib.required_agents(100, 1800, 180, answer_within_seconds=20, target_service_level=80,
                                      shrinkage=30, max_occupancy=85)
    assert (plan.agents_on_phones, plan.agents_to_schedule) == (14, 20)
    # 13 agents fall short: recomputed by hand, 79.56% < 80%.
    assert exact_measures(13, 100, 1800, 180, 20)[1] < 80 <= exact_measures(14, 100, 1800, 180, 20)[1]
    assert plan.service_level == pytest.approx(exact_measures(14, 100, 1800, 180, 20)[1], rel=1e-13)
    assert plan.occupancy == pytest.approx(100 * 10 / 14)


def test_westbay_erlang_c_worked_example():
    """Westbay Engineers, "The Erlang-C formula" step by step: 360 calls per half hour, 4-minute calls, 55 agents,
    15-second answer target (traffic 48 Erlangs, occupancy 87.3%). Recomputed here with exact fractions."""
    want_wait, want_level, want_asa = exact_measures(55, 360, 1800, 240, 15)
    assert staffing.traffic_intensity(360, 1800, 240) == 48
    assert staffing.occupancy(55, 360, 1800, 240) == pytest.approx(100 * 48 / 55)
    assert staffing.probability_of_waiting(55, 360, 1800, 240) == pytest.approx(want_wait, rel=1e-13)
    assert staffing.service_level(55, 360, 1800, 240, 15) == pytest.approx(want_level, rel=1e-13)
    assert staffing.average_speed_of_answer(55, 360, 1800, 240) == pytest.approx(want_asa, rel=1e-13)


# ------------------------------------------------------------------------------------------------------------
# required_agents: the smallest count that meets every target


def brute_force_required(calls, interval, aht, within, target, max_occupancy):
    traffic = Fraction(calls) * aht / interval
    agents = math.floor(traffic) + 1
    while True:
        level = exact_measures(agents, calls, interval, aht, within)[1]
        if level >= target and 100 * traffic / agents <= max_occupancy:
            return agents
        agents += 1


@given(
    calls=st.integers(min_value=1, max_value=300),
    aht=st.integers(min_value=30, max_value=600),
    within=st.sampled_from([0, 10, 20, 30, 60]),
    target=st.sampled_from([50, 70, 80, 90, 95]),
    max_occupancy=st.sampled_from([75, 85, 100]),
)
def test_required_agents_is_the_smallest_count_meeting_both_targets(calls, aht, within, target, max_occupancy):
    plan = staffing.required_agents(calls, 1800, aht, within, target, max_occupancy=max_occupancy)
    assert plan.agents_on_phones == brute_force_required(calls, 1800, aht, within, target, max_occupancy)


def test_a_column_of_intervals_gives_the_same_answers_as_one_at_a_time():
    rng = np.random.default_rng(7)
    calls = rng.integers(0, 400, 60).astype(float)
    aht = rng.uniform(120, 400, 60)
    index = pd.date_range("2026-03-02 08:00", periods=60, freq="15min")
    table = staffing.required_agents(pd.Series(calls, index=index), 900, pd.Series(aht, index=index), 20, 80,
                                     shrinkage=35, max_occupancy=90)
    assert isinstance(table, pd.DataFrame) and table.index.equals(index)
    assert list(table.columns) == planning.PLAN_COLUMNS
    for i in range(60):
        one = staffing.required_agents(calls[i], 900, aht[i], 20, 80, shrinkage=35, max_occupancy=90)
        row = table.iloc[i]
        assert row["agents_on_phones"] == one.agents_on_phones
        assert row["agents_to_schedule"] == one.agents_to_schedule
        assert row["service_level"] == pytest.approx(one.service_level, rel=1e-14)
        assert row["average_speed_of_answer"] == pytest.approx(one.average_speed_of_answer, rel=1e-14)


# One interval given as plain numbers takes a float path; columns take numpy. They must agree to the last bit.
SCALAR_GRID = [
    (calls, interval, aht, within, target, shrinkage, max_occupancy)
    for calls in (0, 1, 12, 30, 74, 100, 133.5, 400, 2500)
    for interval, aht in ((900, 300), (1800, 180), (1800, 367), (3600, 45.5))
    for within in (0, 20)
    for target in (0.8, 80, 100)
    for shrinkage, max_occupancy in ((0, 100), (30, 85), (35, 90), (99.5, 100))
]


def test_one_interval_path_gives_exactly_the_column_paths_numbers():
    for inputs in SCALAR_GRID:
        scalar = planning._one_interval(*inputs)
        assert scalar is not None
        # The old one-interval route (numpy on one-element arrays) and a one-row column.
        assert scalar == planning._required_agents_columns(*inputs), inputs
        assert scalar == staffing.required_agents(*inputs), inputs
    # And all intervals at once: each row equals its one-interval plan, bit for bit.
    columns = [np.array(column, dtype=float) for column in zip(*SCALAR_GRID, strict=True)]
    table = staffing.required_agents(*columns)
    for i, inputs in enumerate(SCALAR_GRID):
        one = staffing.required_agents(*inputs)
        row = table.iloc[i]
        assert [one.agents_on_phones, one.agents_to_schedule] == [row["agents_on_phones"], row["agents_to_schedule"]]
        for name in ("calls", "traffic_erlangs", "service_level", "occupancy", "probability_of_waiting",
                     "average_speed_of_answer"):
            assert getattr(one, name) == row[name], (inputs, name)


@pytest.mark.parametrize("value", [np.int64(100), np.float64(100.0), np.float32(100.0), True])
def test_one_interval_path_takes_numpy_numbers_and_gives_plain_types(value):
    plan = staffing.required_agents(value, 1800, 180, 20, 80)
    assert plan == planning._required_agents_columns(value, 1800, 180, 20, 80)
    assert type(plan.agents_on_phones) is int and type(plan.service_level) is float and type(plan.calls) is float


@pytest.mark.parametrize("inputs", [(float("nan"), 1800, 180, 20, 80, 0, 100), (-1, 1800, 180, 20, 80, 0, 100),
                                    (100, 0, 180, 20, 80, 0, 100), (100, 1800, 180, 20, 101, 0, 100),
                                    (100, 1800, 180, 20, 80, 100, 100), (100, 1800, 180, 20, 80, 0, 0),
                                    (100, 1800, float("inf"), 20, 80, 0, 100), ("many", 1800, 180, 20, 80, 0, 100),
                                    ([100], 1800, 180, 20, 80, 0, 100), (10**400, 1800, 180, 20, 80, 0, 100)])
def test_inputs_the_one_interval_path_cannot_take_go_to_the_column_path(inputs):
    assert planning._one_interval(*inputs) is None


def test_shrinkage_rounds_up_exactly():
    # 14 / (1 - 0.30) = 20 exactly; floating point gives 20.000000000000004, which must not become 21.
    assert planning._schedule(np.array([14.0, 8.0, 7.0]), np.array([30.0, 20.0, 30.0])).tolist() == [20, 10, 10]



def test_one_interval_rounding_up_matches_the_column_rounding():
    agents = np.arange(0, 600, dtype=float)
    for shrinkage in (0, 10, 20, 25, 30, 33.3, 35, 40, 50, 66.7, 80, 99.5):
        columns = planning._schedule(agents, np.full_like(agents, shrinkage))
        assert [planning._schedule_one(a, shrinkage) for a in agents] == columns.tolist(), shrinkage

def test_quiet_intervals_need_nobody():
    table = staffing.required_agents([0, 0], 900, 300, 20, 80, shrinkage=30)
    assert table["agents_on_phones"].tolist() == [0, 0]
    assert table["service_level"].tolist() == [100, 100]


def test_metric_functions_keep_a_series_index_and_accept_lists():
    index = pd.Index(["09:00", "09:30"], name="start")
    level = staffing.service_level(pd.Series([14, 15], index=index), 100, 1800, 180, 20)
    assert isinstance(level, pd.Series) and level.index.equals(index)
    assert level.tolist() == pytest.approx(staffing.service_level([14, 15], 100, 1800, 180, 20).tolist())


def test_plan_staffing_reads_any_table():
    day = pd.DataFrame({"slot": ["a", "b", "c"], "offered": [30, 0, 90], "handle": [240, 240, 300]})
    planned = staffing.plan_staffing(day, calls_column="offered", aht_column="handle", interval_seconds=1800)
    assert planned["slot"].tolist() == ["a", "b", "c"]
    assert planned["agents_on_phones"].tolist() == [
        staffing.required_agents(c, 1800, h, 20, 80).agents_on_phones for c, h in [(30, 240), (0, 240), (90, 300)]
    ]
    assert "calls" in planned and "offered" in planned
    same_aht = staffing.plan_staffing(day, calls_column="offered", aht_column=240, interval_seconds=1800)
    assert same_aht["agents_on_phones"].iloc[0] == planned["agents_on_phones"].iloc[0]
    blank = pd.DataFrame({"calls": [0, 12], "aht_seconds": [float("nan"), 200]})
    assert staffing.plan_staffing(blank)["agents_on_phones"].tolist() == [
        0, staffing.required_agents(12, 900, 200, 20, 80).agents_on_phones]
    blank.loc[1, "aht_seconds"] = float("nan")
    with pytest.raises(StaffingError, match=r"aht_seconds must be more than 0 seconds; got nan \(row 1\)"):
        staffing.plan_staffing(blank)
    with pytest.raises(StaffingError, match="no column 'calls'.*offered"):
        staffing.plan_staffing(day)


# ------------------------------------------------------------------------------------------------------------
# Errors that tell the learner what to change


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: staffing.service_level(10, 100, 1800, 180, 20), r"agents must be more than the workload.*10 agents"),
        (lambda: staffing.service_level(9.5, 10, 1800, 180, 20), "whole number"),
        (lambda: staffing.service_level(12, -5, 1800, 180, 20), "calls must be zero or more; got -5"),
        (lambda: staffing.service_level(12, 100, 0, 180, 20), "interval_seconds must be more than 0"),
        (lambda: staffing.service_level(12, 100, 1800, 0, 20), "aht_seconds must be more than 0"),
        (lambda: staffing.service_level(12, 100, 1800, 180, -1), "answer_within_seconds must be 0 seconds or more"),
        (lambda: staffing.required_agents(100, 1800, 180, 20, 0.8), None),
        (lambda: staffing.required_agents(100, 1800, 180, 20, 0), "target_service_level must be more than 0"),
        (lambda: staffing.required_agents(100, 1800, 180, 20, 101), "use 80, not 0.8"),
        (lambda: staffing.required_agents(100, 1800, 180, 20, 80, shrinkage=100), "shrinkage must be from 0"),
        (lambda: staffing.required_agents(100, 1800, 180, 20, 80, shrinkage=-1), "shrinkage"),
        (lambda: staffing.required_agents(100, 1800, 180, 20, 80, max_occupancy=0), "max_occupancy"),
        (lambda: staffing.required_agents(float("nan"), 1800, 180, 20, 80), "calls must be zero or more; got nan"),
        (lambda: staffing.required_agents("many", 1800, 180, 20, 80), "calls must be a number"),
        (lambda: staffing.required_agents([1, 2], 1800, [180, 200, 300], 20, 80), "same length"),
        (lambda: staffing.erlang_a(10, 100, 1800, 180, 0, 20), "patience_seconds must be more than 0"),
    ],
)
def test_impossible_inputs_are_refused_with_advice(call, message):
    if message is None:  # 0.8 is a valid (if tiny) target of 0.8%; the learner gets a plan, not a crash
        assert call().agents_on_phones >= 11
        return
    with pytest.raises(StaffingError, match=message):
        call()


def test_errors_name_the_rows_and_are_value_errors():
    with pytest.raises(ValueError, match=r"rows 1, 3\)"):
        staffing.required_agents([10, -1, 5, -2], 900, 300, 20, 80)
    with pytest.raises(StaffingError, match=r"\(row 09:30\)"):
        staffing.probability_of_waiting(pd.Series([20, 5], index=["09:00", "09:30"]), 100, 1800, 180)
    assert issubclass(StaffingError, course_lib.CourseError)


# ------------------------------------------------------------------------------------------------------------
# Erlang A


def erlang_a_closed_forms(agents, calls, interval, aht, patience):
    """Mandelbaum and Zeltyn's closed forms via the incomplete gamma function (scipy), an independent route:
    A(x, y) = x e^y y^-x gamma(x, y); P(wait) = A E / (1 + (A - 1) E); P(abandon | wait) = 1/(rho A) + 1 - 1/rho."""
    lam, mu, theta = calls / interval, 1 / aht, 1 / patience
    x, y = agents * mu / theta, lam / theta
    big_a = math.exp(math.log(x) + y - x * math.log(y) + gammaln(x) + math.log(gammainc(x, y)))
    traffic = lam / mu
    b = 1.0
    for k in range(1, agents + 1):
        b = traffic * b / (k + traffic * b)
    p_wait = big_a * b / (1 + (big_a - 1) * b)
    rho = lam / (agents * mu)
    return 100 * p_wait, 100 * p_wait * (1 / (rho * big_a) + 1 - 1 / rho)


@pytest.mark.parametrize(("agents", "calls", "aht", "patience"),
                         [(13, 100, 180, 120), (8, 100, 180, 120), (30, 400, 240, 60), (5, 200, 300, 30),
                          (60, 600, 300, 600)])
def test_erlang_a_matches_the_incomplete_gamma_closed_forms(agents, calls, aht, patience):
    want_wait, want_abandon = erlang_a_closed_forms(agents, calls, 1800, aht, patience)
    got = staffing.erlang_a(agents, calls, 1800, aht, patience, 20)
    assert got.probability_of_waiting == pytest.approx(want_wait, rel=1e-9)
    assert got.abandonment == pytest.approx(want_abandon, rel=1e-9)


def markov_chain_reference(agents, calls, interval, aht, patience, within):
    """Service level and ASA from the birth-death chain directly: the stationary distribution by solving the
    balance equations on a truncated state space, and each queued caller's fate by a matrix exponential."""
    lam, mu, theta = calls / interval, 1 / aht, 1 / patience
    top = agents + 400
    rates = [min(k, agents) * mu + max(k - agents, 0) * theta for k in range(top + 1)]
    weights = [1.0]
    for k in range(1, top + 1):
        weights.append(weights[-1] * lam / rates[k])
    pi = np.array(weights) / sum(weights)
    # A tagged caller with j ahead: states j..0 then "answered" and "hung up". From j the line moves on at rate
    # agents*mu + j*theta, and the caller hangs up at rate theta.
    queue = 300
    generator = np.zeros((queue + 2, queue + 2))
    answered, hung_up = queue, queue + 1
    for j in range(queue):
        move = agents * mu + j * theta
        generator[j, j - 1 if j else answered] += move
        generator[j, hung_up] += theta
        generator[j, j] = -(move + theta)
    at_t = scipy.linalg.expm(generator * within)
    in_time = pi[:agents].sum() + sum(pi[agents + j] * at_t[j, answered] for j in range(queue))
    # Mean wait of answered callers: integral over time of P(still waiting and will be answered).
    served_if = np.array([agents * mu / (agents * mu + (j + 1) * theta) for j in range(queue)])
    wait_if = np.array([served_if[j] * sum(1 / (agents * mu + (i + 1) * theta) for i in range(j + 1))
                        for j in range(queue)])
    answered_share = pi[:agents].sum() + float(pi[agents:agents + queue] @ served_if)
    return 100 * in_time, float(pi[agents:agents + queue] @ wait_if) / answered_share


@pytest.mark.parametrize(("agents", "calls", "aht", "patience", "within"),
                         [(13, 100, 180, 120, 20), (8, 100, 180, 120, 20), (10, 150, 200, 45, 30),
                          (3, 40, 300, 90, 0)])
def test_erlang_a_service_level_matches_a_direct_markov_chain_computation(agents, calls, aht, patience, within):
    want_level, want_asa = markov_chain_reference(agents, calls, 1800, aht, patience, within)
    got = staffing.erlang_a(agents, calls, 1800, aht, patience, within)
    assert got.service_level == pytest.approx(want_level, rel=1e-9)
    assert got.average_speed_of_answer == pytest.approx(want_asa, rel=1e-9)


def test_erlang_a_with_very_patient_callers_becomes_erlang_c():
    got = staffing.erlang_a(14, 100, 1800, 180, 1e9, 20)
    assert got.probability_of_waiting == pytest.approx(staffing.probability_of_waiting(14, 100, 1800, 180), rel=1e-5)
    assert got.service_level == pytest.approx(staffing.service_level(14, 100, 1800, 180, 20), rel=1e-5)
    assert got.average_speed_of_answer == pytest.approx(staffing.average_speed_of_answer(14, 100, 1800, 180),
                                                        rel=1e-5)
    assert got.abandonment < 1e-5


def test_erlang_a_with_no_calls_or_no_threshold():
    quiet = staffing.erlang_a(3, 0, 1800, 180, 60, 20)
    assert (quiet.abandonment, quiet.service_level, quiet.probability_of_waiting) == (0, 100, 0)
    at_once = staffing.erlang_a(3, 50, 1800, 180, 60, 0)
    assert at_once.service_level == pytest.approx(100 - at_once.probability_of_waiting)


def test_erlang_a_copes_with_heavy_overload_and_big_centres():
    # Twice the workload the agents can handle: most wait, many hang up, nothing overflows.
    result = staffing.erlang_a([50, 2000], [1200, 40_000], 1800, 150, 60, 20)
    assert np.all(np.isfinite(result.to_numpy(dtype=float)))
    assert result["abandonment"].iloc[0] > 40
    assert result["occupancy"].iloc[0] == pytest.approx(100 * (1 - result["abandonment"].iloc[0] / 100) * 100 / 50)
    # Occupancy cannot exceed 100%: whatever is not answered was abandoned.
    assert (result["occupancy"] <= 100 + 1e-9).all()


def test_abandonment_falls_as_agents_are_added():
    shares = staffing.abandonment(np.arange(5, 20), 100, 1800, 180, 120)
    assert np.all(np.diff(shares) < 0)


# ------------------------------------------------------------------------------------------------------------
# What if the forecast is 20% wrong


def test_forecast_error_table_keeps_the_planned_agents_and_recomputes_the_service():
    table = course_lib.forecast_error_table(100, 1800, 180, 20, 80, shrinkage=30, patience_seconds=120)
    assert table["case"].tolist() == ["20% fewer calls", "as forecast", "20% more calls"]
    assert table["calls"].tolist() == pytest.approx([80, 100, 120])
    assert table["agents_on_phones"].tolist() == [14, 14, 14]
    for _, row in table.iterrows():
        assert row["service_level"] == pytest.approx(staffing.service_level(14, row["calls"], 1800, 180, 20))
        assert row["abandonment"] == pytest.approx(staffing.abandonment(14, row["calls"], 1800, 180, 120))
        assert row["agents_needed"] == staffing.required_agents(row["calls"], 1800, 180, 20, 80).agents_on_phones
    assert table["note"].tolist() == ["target met", "target met", "target missed"]
    assert table["agents_to_schedule_needed"].iloc[1] == 20


def test_forecast_error_table_says_when_the_queue_would_grow_without_limit():
    table = staffing.forecast_error_table(100, 1800, 180, 0, 10, error_percent=50)
    overloaded = table.iloc[2]
    assert overloaded["agents_on_phones"] <= overloaded["calls"] * 180 / 1800
    assert overloaded["service_level"] == 0 and math.isinf(overloaded["average_speed_of_answer"])
    assert "queue keeps growing" in overloaded["note"]
    with pytest.raises(StaffingError, match="error_percent"):
        staffing.forecast_error_table(100, 1800, 180, 20, 80, error_percent=0)


def test_service_level_by_agents_covers_the_range_to_almost_everyone_answered():
    curve = staffing.service_level_by_agents(100, 1800, 180, 20)
    assert curve["agents"].iloc[0] == 11
    assert curve["service_level"].iloc[-1] >= 99.9 > curve["service_level"].iloc[-2]
    assert np.all(np.diff(curve["service_level"]) > 0)
