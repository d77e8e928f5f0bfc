"""How many agents do I need? Erlang C (callers wait as long as it takes) and Erlang A (some callers hang up).

A contact centre plans each interval (usually 15 or 30 minutes) from three numbers: how many calls will arrive,
how long each call takes to handle (the average handle time, AHT), and the service it promises (for example
80% of calls answered within 20 seconds). Erlang C turns those into the number of agents who must be on the
phones; shrinkage (breaks, training, sickness) turns that into the number to schedule.

Conventions, the same as everywhere in the course:

* every share is a **percentage from 0 to 100**: service level, occupancy, probability of waiting, shrinkage,
  targets, abandonment;
* every time is in **seconds**: the interval, the AHT, the answer-within threshold, the average speed of answer.

Every function takes single numbers or whole columns (lists, numpy arrays, pandas Series: a week of 15-minute
intervals in one call). Single numbers give a single answer; columns give a column (or a DataFrame).

>>> round(service_level(agents=14, calls=100, interval_seconds=1800, aht_seconds=180, answer_within_seconds=20), 1)
88.8

How many agents an interval needs (:func:`~course_lib.staffing.planning.required_agents`), staffing a whole
forecast and what a wrong forecast does are in ``staffing/planning.py``; the formulas are here.

How it is computed (no factorials, so it works for any number of agents):
the Erlang B blocking probability follows the recurrence ``B(0) = 1``, ``B(k) = a*B(k-1) / (k + a*B(k-1))``,
which never overflows; Erlang C is then ``C = N*B / (N - a*(1 - B))``. For Erlang A the queue's stationary
distribution is summed as a series in log space (see :func:`erlang_a`).
"""


from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from course_lib.staffing.inputs import StaffingError, _arrays, _check_agents, _check_calls, _check_times

__all__ = [
    "ErlangAResult",
    "StaffingError",
    "abandonment",
    "average_speed_of_answer",
    "erlang_a",
    "occupancy",
    "probability_of_waiting",
    "service_level",
    "traffic_intensity",
]


def traffic_intensity(calls, interval_seconds, aht_seconds):
    """The workload in Erlangs: how many agents would be busy all the time (calls x AHT / interval length).

    >>> traffic_intensity(calls=100, interval_seconds=1800, aht_seconds=180)
    10.0
    """
    shape, a = _arrays(calls=calls, interval_seconds=interval_seconds, aht_seconds=aht_seconds)
    _check_calls(shape, a["calls"])
    _check_times(shape, a["interval_seconds"], a["aht_seconds"])
    return shape.column(a["calls"] * a["aht_seconds"] / a["interval_seconds"])


# --------------------------------------------------------------------------------------------------------------
# Erlang C


def _erlang_b(agents: np.ndarray, traffic: np.ndarray) -> np.ndarray:
    """Erlang B blocking probability by the stable recurrence; agents may differ from row to row."""
    if traffic.size == 1:  # one interval: a plain float loop is ten times quicker than numpy steps
        b, a = 1.0, float(traffic[0])
        for k in range(1, int(agents[0]) + 1):
            b = a * b / (k + a * b)
        return np.array([b])
    blocking = np.ones_like(traffic)
    todo = np.flatnonzero(agents >= 1)
    k = 1
    while todo.size:
        a_b = traffic[todo] * blocking[todo]
        blocking[todo] = a_b / (k + a_b)
        todo = todo[agents[todo] > k]
        k += 1
    return blocking


def _erlang_c_from_b(agents, traffic, blocking):
    return agents * blocking / (agents - traffic * (1.0 - blocking))


def _erlang_c_inputs(agents, calls, interval_seconds, aht_seconds, answer_within_seconds=None):
    shape, a = _arrays(agents=agents, calls=calls, interval_seconds=interval_seconds, aht_seconds=aht_seconds,
                       answer_within_seconds=0 if answer_within_seconds is None else answer_within_seconds)
    _check_agents(shape, a["agents"])
    _check_calls(shape, a["calls"])
    _check_times(shape, a["interval_seconds"], a["aht_seconds"], a["answer_within_seconds"])
    traffic = a["calls"] * a["aht_seconds"] / a["interval_seconds"]
    too_few = a["agents"] <= traffic
    if too_few.any():
        i = np.flatnonzero(too_few)[0]
        raise StaffingError(
            f"agents must be more than the workload (calls x AHT / interval = {traffic[i]:.4g} agents busy all the "
            f"time); got {a['agents'][i]:g} agents{shape.where(too_few)}. With that few agents the queue grows "
            "without limit and Erlang C has no answer: add agents, or use erlang_a() to see how many callers "
            "would hang up."
        )
    return shape, a, traffic


def _erlang_c_metrics(agents, traffic, aht, within):
    """P(wait), service level, ASA and occupancy as fractions and seconds, for valid arrays."""
    waiting = _erlang_c_from_b(agents, traffic, _erlang_b(agents, traffic))
    spare = agents - traffic
    level = 1.0 - waiting * np.exp(-spare * within / aht)
    asa = waiting * aht / spare
    return waiting, level, asa, traffic / agents


def probability_of_waiting(agents, calls, interval_seconds, aht_seconds):
    """The percentage of callers who find every agent busy and have to wait (Erlang C).

    >>> round(probability_of_waiting(agents=13, calls=100, interval_seconds=1800, aht_seconds=180), 2)
    28.53
    """
    shape, a, traffic = _erlang_c_inputs(agents, calls, interval_seconds, aht_seconds)
    waiting, *_ = _erlang_c_metrics(a["agents"], traffic, a["aht_seconds"], a["answer_within_seconds"])
    return shape.column(100.0 * waiting)


def service_level(agents, calls, interval_seconds, aht_seconds, answer_within_seconds):
    """The percentage of calls answered within ``answer_within_seconds`` (Erlang C).

    >>> round(service_level(13, calls=100, interval_seconds=1800, aht_seconds=180, answer_within_seconds=20), 1)
    79.6
    >>> service_level([12, 13, 14], 100, 1800, 180, 20).round(1)
    array([64. , 79.6, 88.8])
    """
    shape, a, traffic = _erlang_c_inputs(agents, calls, interval_seconds, aht_seconds, answer_within_seconds)
    _, level, _, _ = _erlang_c_metrics(a["agents"], traffic, a["aht_seconds"], a["answer_within_seconds"])
    return shape.column(100.0 * level)


def average_speed_of_answer(agents, calls, interval_seconds, aht_seconds):
    """The average time in seconds a caller waits before an agent answers (ASA), counting those who wait 0 s.

    >>> round(average_speed_of_answer(13, calls=100, interval_seconds=1800, aht_seconds=180), 1)
    17.1
    """
    shape, a, traffic = _erlang_c_inputs(agents, calls, interval_seconds, aht_seconds)
    _, _, asa, _ = _erlang_c_metrics(a["agents"], traffic, a["aht_seconds"], a["answer_within_seconds"])
    return shape.column(asa)


def occupancy(agents, calls, interval_seconds, aht_seconds):
    """The percentage of their logged-in time the agents spend handling calls (workload / agents).

    >>> round(occupancy(13, calls=100, interval_seconds=1800, aht_seconds=180), 1)
    76.9
    """
    shape, a, traffic = _erlang_c_inputs(agents, calls, interval_seconds, aht_seconds)
    return shape.column(100.0 * traffic / a["agents"])


# --------------------------------------------------------------------------------------------------------------
# Erlang A: callers hang up after an exponentially distributed patience time
#
# With n agents, arrival rate lam, service rate mu and abandonment rate theta (1 / mean patience), write
# x = n*mu/theta and y = lam/theta. A caller who finds j others queued ahead waits (if patient enough) a sum of
# exponential phases with rates n*mu + i*theta, i = 0..j. Summing over the stationary queue (Palm; Garnett,
# Mandelbaum and Reiman 2002) everything is a series in
#     t_j = y^j / ((x+1)(x+2)...(x+j)),      S(x, y) = sum_j t_j   (= x e^y y^-x lower_gamma(x, y)),
# and, with E the Erlang B value for n agents and D = (1 - E) + E*S(x, y):
#     P(wait)          = E*S(x, y) / D
#     P(abandon)       = E*(S(x, y) - sum_j t_j x/(x+j+1)) / D
#     answered in time = ((1 - E) + E * x/(x+1) * [S(x+1, y) - e^{-(x+1) theta T} e^{y-z} S(x+1, z)]) / D,
#                        z = y e^{-theta T}
#     mean wait of answered calls = E * sum_j t_j x/(x+j+1) * sum_{i=1..j+1} 1/(theta (x+i)) / D / (1 - P(abandon))
# The series are summed in log space around their largest term, so nothing overflows however long the queue.


def _log_series(x: np.ndarray, y: np.ndarray, *, weights: bool = False):
    """log S(x, y) and, with weights, log sum t_j x/(x+j+1) and log sum t_j x/(x+j+1) H_j (H_j = sum 1/(x+i))."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    from scipy.special import gammaln  # only Erlang A needs it; importing scipy costs a quarter of a second

    size = x.size
    peak = np.maximum(0.0, np.floor(y - x))  # the largest term
    with np.errstate(divide="ignore"):
        log_y = np.log(y)
    safe_log_y = np.log(np.where(y > 0, y, 1.0))
    scale = np.where(y > 0, peak * safe_log_y - (gammaln(x + peak + 1) - gammaln(x + 1)), 0.0)
    total = np.zeros(size)
    served = np.zeros(size)
    waited = np.zeros(size)
    log_term = np.zeros(size)  # log t_0 = 0
    harmonic = np.zeros(size)
    todo = np.arange(size)
    j = 0
    while todo.size:
        xi = x[todo]
        term = np.exp(log_term[todo] - scale[todo])
        total[todo] += term
        if weights:
            harmonic[todo] += 1.0 / (xi + j + 1)
            share = term * xi / (xi + j + 1)
            served[todo] += share
            waited[todo] += share * harmonic[todo]
        done = (j >= peak[todo]) & (term <= 1e-17 * total[todo])
        todo = todo[~done]
        j += 1
        with np.errstate(divide="ignore"):
            log_term[todo] += log_y[todo] - np.log(x[todo] + j)
    with np.errstate(divide="ignore"):
        if not weights:
            return scale + np.log(total)
        return scale + np.log(total), scale + np.log(served), scale + np.log(waited)


@dataclass(frozen=True)
class ErlangAResult:
    """The service one interval gets when callers may hang up (Erlang A); shares in %, times in seconds."""

    agents: int
    abandonment: float
    service_level: float
    probability_of_waiting: float
    average_speed_of_answer: float
    occupancy: float

    def __str__(self) -> str:
        return (
            f"{self.agents} agents: {self.abandonment:.1f}% of callers hang up, {self.service_level:.1f}% answered "
            f"in time, {self.probability_of_waiting:.1f}% wait, answered calls wait {self.average_speed_of_answer:.1f}"
            f" s on average, occupancy {self.occupancy:.1f}%"
        )


def _erlang_a_columns(agents, traffic, calls, interval, aht, within, patience):
    mu = 1.0 / aht
    theta = 1.0 / patience
    lam = calls / interval
    x = agents * mu / theta
    y = lam / theta
    z = y * np.exp(-theta * within)
    blocking = _erlang_b(agents, traffic)
    log_e = np.log(blocking, where=blocking > 0, out=np.full_like(blocking, -np.inf))
    log_not_e = np.log1p(-blocking)
    log_s, log_served, log_waited = _log_series(x, y, weights=True)
    log_s1y = _log_series(x + 1, y)
    log_s1z = _log_series(x + 1, z)
    log_den = np.logaddexp(log_not_e, log_e + log_s)
    p_wait = np.exp(log_e + log_s - log_den)
    p_served_if_queued = np.exp(log_served - log_s)  # share of queued callers eventually answered
    p_abandon = p_wait * (1.0 - p_served_if_queued)
    # Queued callers answered within the threshold, relative to the queue's total weight S(x, y):
    late = np.exp(-(x + 1) * theta * within + y - z + log_s1z - log_s1y)
    in_time_if_queued = x / (x + 1) * np.exp(log_s1y - log_s) * (1.0 - late)
    level = np.exp(log_not_e - log_den) + p_wait * in_time_if_queued
    answered = 1.0 - p_abandon
    asa = np.exp(log_e + log_waited - log_den) / theta / answered
    return {
        "agents": agents.astype(int),
        "abandonment": 100.0 * p_abandon,
        "service_level": 100.0 * level,
        "probability_of_waiting": 100.0 * p_wait,
        "average_speed_of_answer": asa,
        "occupancy": 100.0 * traffic * answered / agents,
    }


def erlang_a(agents, calls, interval_seconds, aht_seconds, patience_seconds, answer_within_seconds):
    """The service an interval gets when callers hang up after waiting ``patience_seconds`` on average (Erlang A).

    Unlike Erlang C this works even with fewer agents than the workload: the queue stays finite because callers
    give up. Returns the abandonment (% of callers who hang up), the service level (% of *all* callers answered
    within the threshold; those who hang up count as not answered in time), the probability of waiting (%), the
    average speed of answer of the answered calls (seconds) and the occupancy (%). Patience is assumed to be
    exponentially distributed (the Palm/Erlang-A model).

    >>> print(erlang_a(13, calls=100, interval_seconds=1800, aht_seconds=180, patience_seconds=120,
    ...                answer_within_seconds=20))
    13 agents: 3.8% of callers hang up, 88.9% answered in time, 19.4% wait, answered calls wait 3.9 s on average, \
occupancy 74.0%
    >>> erlang_a([8, 9], 100, 1800, 180, 120, 20)[["agents", "abandonment", "service_level"]].round(1)
       agents  abandonment  service_level
    0       8         25.8           40.3
    1       9         19.2           52.4
    """
    shape, a = _arrays(agents=agents, calls=calls, interval_seconds=interval_seconds, aht_seconds=aht_seconds,
                       patience_seconds=patience_seconds, answer_within_seconds=answer_within_seconds)
    _check_agents(shape, a["agents"])
    _check_calls(shape, a["calls"])
    _check_times(shape, a["interval_seconds"], a["aht_seconds"], a["answer_within_seconds"], a["patience_seconds"])
    traffic = a["calls"] * a["aht_seconds"] / a["interval_seconds"]
    columns = _erlang_a_columns(a["agents"], traffic, a["calls"], a["interval_seconds"], a["aht_seconds"],
                                a["answer_within_seconds"], a["patience_seconds"])
    if shape.scalar:
        return ErlangAResult(**{name: (int(v[0]) if v.dtype.kind == "i" else float(v[0]))
                                for name, v in columns.items()})
    return shape.frame(columns)


def abandonment(agents, calls, interval_seconds, aht_seconds, patience_seconds):
    """The percentage of callers who hang up before being answered (Erlang A, exponential patience).

    >>> round(abandonment(13, calls=100, interval_seconds=1800, aht_seconds=180, patience_seconds=120), 2)
    3.84
    """
    result = erlang_a(agents, calls, interval_seconds, aht_seconds, patience_seconds, 0)
    return result.abandonment if isinstance(result, ErlangAResult) else result["abandonment"].to_numpy()
