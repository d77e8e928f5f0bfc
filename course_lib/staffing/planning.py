"""How many agents? One interval (:func:`required_agents`), a whole forecast (:func:`plan_staffing`), the service
for a range of agent counts (:func:`service_level_by_agents`) and what a wrong forecast does
(:func:`forecast_error_table`). The formulas behind them are in ``staffing/erlang.py``.

>>> plan = required_agents(calls=100, interval_seconds=1800, aht_seconds=180,
...                        answer_within_seconds=20, target_service_level=80, shrinkage=30)
>>> plan.agents_on_phones, plan.agents_to_schedule
(14, 20)
>>> round(plan.service_level, 1)
88.8

One interval given as single numbers takes a plain-float path (tens of times quicker than numpy on one-element
arrays); columns take the vectorised path, which staffs a week of intervals in one sweep. Both give the same
numbers to the last bit (``tests/test_staffing.py`` checks it on a grid).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from course_lib.staffing.erlang import _erlang_c_from_b, _erlang_c_metrics, abandonment
from course_lib.staffing.inputs import StaffingError, _arrays, _check, _check_calls, _check_times

__all__ = ["StaffingPlan", "forecast_error_table", "plan_staffing", "required_agents", "service_level_by_agents"]


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


def _schedule_one(on_phones: float, shrinkage: float) -> int:
    """:func:`_schedule` for one interval in Python floats: numpy rounds to 9 decimals as rint(x * 1e9) / 1e9, and
    ``round`` on a float is that same round-half-to-even."""
    raw = on_phones * 100.0 / (100.0 - shrinkage)
    return math.ceil(round(raw * 1e9) / 1e9)


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
    plan = _one_interval(calls, interval_seconds, aht_seconds, answer_within_seconds, target_service_level, shrinkage,
                         max_occupancy)
    if plan is not None:
        return plan
    return _required_agents_columns(calls, interval_seconds, aht_seconds, answer_within_seconds, target_service_level,
                                    shrinkage, max_occupancy)


def _required_agents_columns(calls, interval_seconds, aht_seconds, answer_within_seconds, target_service_level,
                             shrinkage=0, max_occupancy=100):
    """:func:`required_agents` on numpy arrays: any inputs, checked with messages that name the rows."""
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


# Plain numbers that the one-interval path takes as they are (anything else goes through the column path).
_NUMBER_TYPES = (int, float, np.integer, np.floating)


def _one_interval(calls, interval, aht, within, target, shrinkage, max_occupancy) -> StaffingPlan | None:
    """:func:`required_agents` for one interval given as plain numbers, in Python floats; None for anything else.

    The same arithmetic as :func:`_required` and :func:`_plan_columns`, step for step, so the answer is identical
    to the last bit (``np.exp`` is kept for the same reason: ``math.exp`` may round differently). Inputs that are
    not plain valid numbers return None, and the column path then raises its error naming the input.
    """
    values = (calls, interval, aht, within, target, shrinkage, max_occupancy)
    if not all(isinstance(v, _NUMBER_TYPES) for v in values):
        return None
    try:
        calls, interval, aht, within, target, shrinkage, max_occupancy = (float(v) for v in values)
    except OverflowError:  # an int too large for a float: the column path reports it as before
        return None
    if not (all(math.isfinite(v) for v in (calls, interval, aht, within, target, shrinkage, max_occupancy))
            and calls >= 0 and interval > 0 and aht > 0 and within >= 0 and 0 < target <= 100
            and 0 <= shrinkage < 100 and 0 < max_occupancy <= 100):
        return None
    traffic = calls * aht / interval
    agents, blocking = 0, 1.0
    if calls > 0:  # the upward sweep of _required: Erlang B for k agents from its value for k - 1
        k = 0
        while True:
            k += 1
            a_b = traffic * blocking
            blocking = a_b / (k + a_b)
            if k > traffic:
                waiting = _erlang_c_from_b(k, traffic, blocking)
                level = 100.0 * (1.0 - waiting * np.exp(-(k - traffic) * within / aht))
                if level >= target - 1e-9 and 100.0 * traffic / k <= max_occupancy + 1e-9:
                    agents = k
                    break
    waiting, level, asa, busy = 0.0, 100.0, 0.0, 0.0
    if agents > 0:  # _erlang_c_metrics for one interval (blocking is already Erlang B for these agents)
        on_phones = float(agents)
        chance = _erlang_c_from_b(on_phones, traffic, blocking)
        spare = on_phones - traffic
        waiting = 100.0 * chance
        level = 100.0 * (1.0 - chance * np.exp(-spare * within / aht))
        asa = chance * aht / spare
        busy = 100.0 * (traffic / on_phones)
    return StaffingPlan(calls=calls, traffic_erlangs=traffic, agents_on_phones=agents,
                        agents_to_schedule=_schedule_one(float(agents), shrinkage), service_level=float(level),
                        occupancy=busy, probability_of_waiting=waiting, average_speed_of_answer=asa)


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
