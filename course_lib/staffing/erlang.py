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

>>> plan = required_agents(calls=100, interval_seconds=1800, aht_seconds=180,
...                        answer_within_seconds=20, target_service_level=80, shrinkage=30)
>>> plan.agents_on_phones, plan.agents_to_schedule
(14, 20)
>>> round(plan.service_level, 1)
88.8

How it is computed (no factorials, so it works for any number of agents):
the Erlang B blocking probability follows the recurrence ``B(0) = 1``, ``B(k) = a*B(k-1) / (k + a*B(k-1))``,
which never overflows; Erlang C is then ``C = N*B / (N - a*(1 - B))``. For Erlang A the queue's stationary
distribution is summed as a series in log space (see :func:`erlang_a`).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd
from scipy.special import gammaln

from course_lib.errors import CourseError

__all__ = [
    "ErlangAResult",
    "StaffingError",
    "StaffingPlan",
    "abandonment",
    "average_speed_of_answer",
    "erlang_a",
    "forecast_error_table",
    "occupancy",
    "plan_staffing",
    "probability_of_waiting",
    "required_agents",
    "service_level",
    "service_level_by_agents",
    "traffic_intensity",
]


class StaffingError(CourseError, ValueError):
    """A staffing input that cannot be right (negative calls, shrinkage of 100%, too few agents...).

    The message names the input, the rows (for columns) and what to change.
    """


# --------------------------------------------------------------------------------------------------------------
# Inputs: accept numbers, lists, numpy arrays and pandas Series; remember how to give the answer back.


class _Shape:
    """Whether the inputs were single numbers, plain arrays or pandas Series (and which index to give back)."""

    def __init__(self, values: dict[str, object]):
        self.index = None
        self.scalar = True
        for value in values.values():
            if isinstance(value, pd.Series):
                if self.index is None:
                    self.index = value.index
                self.scalar = False
            elif np.ndim(value) > 0:
                self.scalar = False

    def where(self, mask: np.ndarray) -> str:
        """' (rows 0, 3)' naming the rows where mask is true, or '' for single numbers."""
        if self.scalar:
            return ""
        positions = np.flatnonzero(np.ravel(mask))
        labels = list(self.index[positions]) if self.index is not None else list(positions)
        shown = ", ".join(str(label) for label in labels[:5]) + (f" and {len(labels) - 5} more" if len(labels) > 5
                                                                 else "")
        return f" (row{'s' if len(labels) > 1 else ''} {shown})"

    def column(self, values: np.ndarray):
        if self.scalar:
            return float(np.ravel(values)[0])
        if self.index is not None:
            return pd.Series(values, index=self.index)
        return values

    def frame(self, columns: dict[str, np.ndarray]) -> pd.DataFrame:
        return pd.DataFrame(columns, index=self.index)


def _arrays(**named) -> tuple[_Shape, dict[str, np.ndarray]]:
    shape = _Shape(named)
    converted = {}
    for name, value in named.items():
        raw = value.to_numpy() if isinstance(value, pd.Series) else value
        try:
            converted[name] = np.asarray(raw, dtype=float)
        except (TypeError, ValueError):
            raise StaffingError(f"{name} must be a number or a column of numbers; got {value!r}") from None
        if converted[name].ndim > 1:
            raise StaffingError(f"{name} must be a number or a single column of numbers, not a table")
    lengths = {len(v) for v in converted.values() if v.ndim == 1}
    if len(lengths) > 1:
        detail = ", ".join(f"{name}: {len(v)}" for name, v in converted.items() if v.ndim == 1)
        raise StaffingError(f"the columns must have the same length; got {detail}")
    broadcast = np.broadcast_arrays(*converted.values())
    arrays = {name: np.array(v, dtype=float).ravel() for name, v in zip(converted, broadcast, strict=True)}
    return shape, arrays


def _check(shape: _Shape, name: str, values: np.ndarray, bad: np.ndarray, rule: str, advice: str) -> None:
    bad = bad | ~np.isfinite(values)
    if bad.any():
        first = values[np.ravel(bad)][0]
        shown = f"{first:g}" if np.isfinite(first) else str(first)
        raise StaffingError(f"{name} must be {rule}; got {shown}{shape.where(bad)}. {advice}")


def _check_calls(shape, calls):
    _check(shape, "calls", calls, calls < 0, "zero or more", "Use the number of calls expected in the interval.")


def _check_times(shape, interval, aht, within=None, patience=None):
    _check(shape, "interval_seconds", interval, interval <= 0, "more than 0 seconds",
           "A 15-minute interval is 900 seconds, half an hour is 1800.")
    _check(shape, "aht_seconds", aht, aht <= 0, "more than 0 seconds",
           "The average handle time is talk plus hold plus after-call work, in seconds (3 minutes = 180).")
    if within is not None:
        _check(shape, "answer_within_seconds", within, within < 0, "0 seconds or more",
               "For '80% answered within 20 seconds' use 20.")
    if patience is not None:
        _check(shape, "patience_seconds", patience, patience <= 0, "more than 0 seconds",
               "It is how long callers wait on average before hanging up, in seconds.")


def _check_agents(shape, agents):
    _check(shape, "agents", agents, (agents < 1) | (agents != np.round(agents)), "a whole number, 1 or more",
           "Agents are people: use whole numbers.")


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
# How many agents


@dataclass(frozen=True)
class StaffingPlan:
    """What :func:`required_agents` recommends for one interval, and the service it gives."""

    calls: float
    traffic_erlangs: float
    agents_on_phones: int
    agents_to_schedule: int
    service_level: float
    occupancy: float
    probability_of_waiting: float
    average_speed_of_answer: float

    def __str__(self) -> str:
        return (
            f"{self.agents_on_phones} agents on the phones ({self.agents_to_schedule} to schedule): "
            f"{self.service_level:.1f}% answered in time, occupancy {self.occupancy:.1f}%, "
            f"{self.probability_of_waiting:.1f}% of callers wait, average speed of answer "
            f"{self.average_speed_of_answer:.1f} s"
        )


PLAN_COLUMNS = list(StaffingPlan.__dataclass_fields__)


def _schedule(on_phones: np.ndarray, shrinkage: np.ndarray) -> np.ndarray:
    """Agents to schedule so that, after shrinkage, enough are on the phones (rounded up, exact for whole %)."""
    raw = on_phones * 100.0 / (100.0 - shrinkage)
    return np.ceil(np.round(raw, 9))


def _required(calls, interval, aht, within, target, max_occupancy):
    """The smallest agent count meeting both targets for every row, in one upward sweep of the recurrence.

    The Erlang B value for k agents comes from the value for k - 1, so trying 1, 2, 3... agents costs one step
    each and every row stops at its own answer.
    """
    traffic = calls * aht / interval
    n = traffic.size
    agents = np.zeros(n)
    blocking = np.ones(n)
    todo = np.flatnonzero(calls > 0)
    k = 0
    while todo.size:
        k += 1
        a_t = traffic[todo]
        a_b = a_t * blocking[todo]
        b = a_b / (k + a_b)
        blocking[todo] = b
        stable = k > a_t
        with np.errstate(divide="ignore", invalid="ignore"):
            waiting = _erlang_c_from_b(k, a_t, b)
            level = 100.0 * (1.0 - waiting * np.exp(-(k - a_t) * within[todo] / aht[todo]))
        # A hair of tolerance so that a target met exactly (in exact arithmetic) is not missed by rounding.
        met = stable & (level >= target[todo] - 1e-9) & (100.0 * a_t / k <= max_occupancy[todo] + 1e-9)
        agents[todo[met]] = k
        todo = todo[~met]
    return agents, traffic


def _plan_columns(calls, interval, aht, within, agents, traffic, shrinkage):
    waiting = np.zeros_like(traffic)
    level = np.full_like(traffic, 100.0)
    asa = np.zeros_like(traffic)
    busy = np.zeros_like(traffic)
    some = agents > 0
    if some.any():
        w, sl, av, occ = _erlang_c_metrics(agents[some], traffic[some], aht[some], within[some])
        waiting[some], level[some], asa[some], busy[some] = 100.0 * w, 100.0 * sl, av, 100.0 * occ
    return {
        "calls": calls,
        "traffic_erlangs": traffic,
        "agents_on_phones": agents.astype(int),
        "agents_to_schedule": _schedule(agents, shrinkage).astype(int),
        "service_level": level,
        "occupancy": busy,
        "probability_of_waiting": waiting,
        "average_speed_of_answer": asa,
    }


def required_agents(calls, interval_seconds, aht_seconds, answer_within_seconds, target_service_level,
                    shrinkage=0, max_occupancy=100):
    """How many agents an interval needs to answer ``target_service_level`` % of calls within the threshold.

    Returns the agents needed on the phones (Erlang C, also keeping occupancy at or below ``max_occupancy`` %),
    the agents to schedule once ``shrinkage`` % of paid time is lost to breaks, training and absence, and the
    service level, occupancy, probability of waiting (all %) and average speed of answer (seconds) they give.

    For single numbers the answer is a :class:`StaffingPlan`; for columns (a day or a week of intervals) it is a
    DataFrame with one row per interval. An interval with 0 calls needs 0 agents.

    >>> print(required_agents(100, 1800, 180, answer_within_seconds=20, target_service_level=80))
    14 agents on the phones (14 to schedule): 88.8% answered in time, occupancy 71.4%, 17.4% of callers wait, \
average speed of answer 7.8 s
    >>> required_agents([0, 50, 100, 200], 1800, 180, 20, 80, shrinkage=30)[["agents_on_phones", "agents_to_schedule"]]
       agents_on_phones  agents_to_schedule
    0                 0                   0
    1                 8                  12
    2                14                  20
    3                24                  35
    """
    shape, a = _arrays(calls=calls, interval_seconds=interval_seconds, aht_seconds=aht_seconds,
                       answer_within_seconds=answer_within_seconds, target_service_level=target_service_level,
                       shrinkage=shrinkage, max_occupancy=max_occupancy)
    _check_calls(shape, a["calls"])
    _check_times(shape, a["interval_seconds"], a["aht_seconds"], a["answer_within_seconds"])
    target = a["target_service_level"]
    _check(shape, "target_service_level", target, (target <= 0) | (target > 100), "more than 0 and at most 100 (%)",
           "For '80% answered within 20 seconds' use 80, not 0.8.")
    _check(shape, "shrinkage", a["shrinkage"], (a["shrinkage"] < 0) | (a["shrinkage"] >= 100),
           "from 0 up to (not including) 100 (%)", "Shrinkage is the % of paid time not on the phones, e.g. 30.")
    _check(shape, "max_occupancy", a["max_occupancy"], (a["max_occupancy"] <= 0) | (a["max_occupancy"] > 100),
           "more than 0 and at most 100 (%)", "Use 100 for no limit, or e.g. 85.")
    agents, traffic = _required(a["calls"], a["interval_seconds"], a["aht_seconds"], a["answer_within_seconds"],
                                target, a["max_occupancy"])
    columns = _plan_columns(a["calls"], a["interval_seconds"], a["aht_seconds"], a["answer_within_seconds"], agents,
                            traffic, a["shrinkage"])
    if shape.scalar:
        return StaffingPlan(**{name: (int(v[0]) if v.dtype.kind == "i" else float(v[0]))
                               for name, v in columns.items()})
    return shape.frame(columns)


def plan_staffing(intervals: pd.DataFrame, *, calls_column="calls", aht_column="aht_seconds",
                  interval_seconds=900, answer_within_seconds=20, target_service_level=80, shrinkage=0,
                  max_occupancy=100) -> pd.DataFrame:
    """Staff every interval of a forecast table: its calls and AHT columns in, the plan's columns added.

    ``aht_column`` may also be a number (the same AHT for every interval); a blank AHT is accepted where there
    were no calls. The table is not changed; a copy with the plan's columns is returned.

    >>> day = pd.DataFrame({"start": ["09:00", "09:15"], "calls": [40, 65], "aht_seconds": [300, 280]})
    >>> plan_staffing(day)[["start", "calls", "agents_on_phones", "service_level"]].round(1)
       start  calls  agents_on_phones  service_level
    0  09:00     40                18           87.9
    1  09:15     65                25           83.7
    """
    if not isinstance(intervals, pd.DataFrame):
        raise StaffingError(f"plan_staffing needs a table (a pandas DataFrame); got {type(intervals).__name__}")
    for column in (calls_column, aht_column):
        if isinstance(column, str) and column not in intervals.columns:
            raise StaffingError(f"the table has no column '{column}'; its columns are: "
                                f"{', '.join(map(str, intervals.columns))}. Name the right one with "
                                f"{'calls_column' if column == calls_column else 'aht_column'}=...")
    aht = intervals[aht_column] if isinstance(aht_column, str) else aht_column
    if isinstance(aht, pd.Series):
        # An interval with no calls has no handle time (exports leave it blank); it needs nobody either way.
        aht = aht.where(aht.notna() | (intervals[calls_column] != 0), 1.0)
    plan = required_agents(intervals[calls_column], interval_seconds, aht, answer_within_seconds,
                           target_service_level, shrinkage, max_occupancy)
    if isinstance(plan, StaffingPlan):  # a one-row table gave plain numbers back
        plan = pd.DataFrame([asdict(plan)], index=intervals.index)
    added = plan.drop(columns=[c for c in ("calls",) if c in intervals.columns])
    return pd.concat([intervals, added], axis=1)


def service_level_by_agents(calls, interval_seconds, aht_seconds, answer_within_seconds, agents=None,
                            ) -> pd.DataFrame:
    """Service level, ASA, occupancy and probability of waiting for a range of agent counts (for a chart).

    By default from the fewest agents that can keep up to the count where 99.9% of calls are answered in time.

    >>> service_level_by_agents(100, 1800, 180, 20)[["agents", "service_level", "occupancy"]].head(3).round(1)
       agents  service_level  occupancy
    0      11           39.0       90.9
    1      12           64.0       83.3
    2      13           79.6       76.9
    """
    shape, a = _arrays(calls=calls, interval_seconds=interval_seconds, aht_seconds=aht_seconds,
                       answer_within_seconds=answer_within_seconds)
    if not shape.scalar:
        raise StaffingError("service_level_by_agents is for one interval: give single numbers, not columns")
    _check_calls(shape, a["calls"])
    _check_times(shape, a["interval_seconds"], a["aht_seconds"], a["answer_within_seconds"])
    traffic = float(a["calls"][0] * a["aht_seconds"][0] / a["interval_seconds"][0])
    if agents is None:
        low = math.floor(traffic) + 1
        high, _ = _required(a["calls"], a["interval_seconds"], a["aht_seconds"], a["answer_within_seconds"],
                            np.array([99.9]), np.array([100.0]))
        agents = np.arange(low, max(int(high[0]), low + 1) + 1)
    agents = np.asarray(agents, dtype=float)
    keep = agents > traffic
    agents = agents[keep]
    waiting, level, asa, busy = _erlang_c_metrics(agents, np.full_like(agents, traffic), a["aht_seconds"][0],
                                                  a["answer_within_seconds"][0])
    return pd.DataFrame({"agents": agents.astype(int), "service_level": 100 * level, "occupancy": 100 * busy,
                         "probability_of_waiting": 100 * waiting, "average_speed_of_answer": asa})


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


# --------------------------------------------------------------------------------------------------------------
# What if the forecast is wrong?


def forecast_error_table(calls, interval_seconds, aht_seconds, answer_within_seconds, target_service_level,
                         shrinkage=0, max_occupancy=100, error_percent=20, patience_seconds=None) -> pd.DataFrame:
    """Staff for the forecast, then see the service if the calls come in ``error_percent`` % lower or higher.

    One row per case (fewer calls, as forecast, more calls): the calls, the agents on the phones (always the
    number planned for the forecast), the service level, occupancy and average speed of answer they would give,
    and how many agents that case would really have needed. If the planned agents cannot keep up with the
    calls, Erlang C has no finite answer: the service level shows 0, the ASA is infinite and the note says the
    queue keeps growing. With ``patience_seconds`` the table also shows Erlang A's abandonment, which stays
    finite however busy it gets.

    >>> table = forecast_error_table(100, 1800, 180, 20, 80)
    >>> table[["case", "calls", "agents_on_phones", "service_level", "agents_needed"]].round(1)
                  case  calls  agents_on_phones  service_level  agents_needed
    0  20% fewer calls   80.0                14           98.0             11
    1      as forecast  100.0                14           88.8             14
    2   20% more calls  120.0                14           61.4             16
    """
    if not 0 < error_percent < 100:
        raise StaffingError(f"error_percent must be more than 0 and less than 100; got {error_percent}. "
                            "Use 20 to see what a forecast 20% too high or too low would do.")
    plan = required_agents(calls, interval_seconds, aht_seconds, answer_within_seconds, target_service_level,
                           shrinkage, max_occupancy)
    if not isinstance(plan, StaffingPlan):
        raise StaffingError("forecast_error_table is for one interval: give single numbers, not columns")
    cases = [(f"{error_percent:g}% fewer calls", 1 - error_percent / 100), ("as forecast", 1.0),
             (f"{error_percent:g}% more calls", 1 + error_percent / 100)]
    agents = plan.agents_on_phones
    rows = []
    for case, factor in cases:
        volume = plan.calls * factor
        needed = required_agents(volume, interval_seconds, aht_seconds, answer_within_seconds, target_service_level,
                                 shrinkage, max_occupancy)
        traffic = volume * aht_seconds / interval_seconds
        row = {"case": case, "calls": volume, "agents_on_phones": agents}
        if volume == 0:
            row |= {"service_level": 100.0, "occupancy": 0.0, "average_speed_of_answer": 0.0, "note": ""}
        elif agents > traffic:
            waiting, level, asa, busy = _erlang_c_metrics(np.array([float(agents)]), np.array([traffic]),
                                                          float(aht_seconds), float(answer_within_seconds))
            met = 100 * level[0] >= target_service_level - 1e-9
            row |= {"service_level": 100 * level[0], "occupancy": 100 * busy[0], "average_speed_of_answer": asa[0],
                    "note": "target met" if met else "target missed"}
        else:
            row |= {"service_level": 0.0, "occupancy": 100.0, "average_speed_of_answer": math.inf,
                    "note": "too few agents: the queue keeps growing"}
        if patience_seconds is not None and agents > 0 and volume > 0:
            row["abandonment"] = abandonment(agents, volume, interval_seconds, aht_seconds, patience_seconds)
        elif patience_seconds is not None:
            row["abandonment"] = 0.0
        row["agents_needed"] = needed.agents_on_phones
        row["agents_to_schedule_needed"] = needed.agents_to_schedule
        rows.append(row)
    return pd.DataFrame(rows)
