"""A discrete-event simulation of a call queue, to check the Erlang formulas against what "really" happens.

Callers arrive at random (a Poisson process), each call takes an exponentially distributed handle time, the
first free agent answers the caller who has waited longest (first come, first served), and, if a patience is
given, each caller hangs up after an exponentially distributed patience time unless answered first. That is the
M/M/c queue behind Erlang C and, with patience, the M/M/c+M queue behind Erlang A.

The simulation knows nothing of the formulas: it follows callers one by one. Each agent is represented by the
time they next become free; a caller is answered at the earliest of those times (or on arrival if an agent is
free), or hangs up if that is later than their patience allows. Several independent replications, each started
empty and run past a warm-up, give a confidence interval for every measure.

>>> result = simulate_queue(agents=13, calls=100, interval_seconds=1800, aht_seconds=180,
...                         answer_within_seconds=20, seed=1, replications=5, callers=2000)
>>> result.columns.tolist()
['measure', 'estimate', 'low', 'high']
>>> bool(result.set_index("measure").loc["service_level", "low"] < 80)
True
"""

from __future__ import annotations

import heapq
import math

import numpy as np
import pandas as pd
from scipy import stats

from course_lib.staffing.inputs import StaffingError

MEASURES = ("probability_of_waiting", "service_level", "average_speed_of_answer", "abandonment")


def _one_run(rng: np.random.Generator, agents: int, arrival_rate: float, aht: float, patience: float | None,
             within: float, callers: int, warmup: int) -> list[float]:
    """One replication: the four measures (%, %, seconds, %) over the callers after the warm-up."""
    total = warmup + callers
    arrivals = np.cumsum(rng.exponential(1.0 / arrival_rate, total))
    handle = rng.exponential(aht, total)
    give_up = rng.exponential(patience, total) if patience is not None else np.full(total, math.inf)
    free_at = [0.0] * agents  # a heap: when each agent is next free
    waited = np.empty(total)
    answered = np.empty(total, dtype=bool)
    for i in range(total):
        arrive = arrivals[i]
        start = free_at[0] if free_at[0] > arrive else arrive
        wait = start - arrive
        if wait > give_up[i]:
            waited[i] = give_up[i]
            answered[i] = False
        else:
            waited[i] = wait
            answered[i] = True
            heapq.heapreplace(free_at, start + handle[i])
    waited, answered = waited[warmup:], answered[warmup:]
    in_time = answered & (waited <= within)
    return [
        100.0 * np.mean(waited > 0),
        100.0 * np.mean(in_time),
        float(np.mean(waited[answered])) if answered.any() else math.nan,
        100.0 * np.mean(~answered),
    ]


def simulate_queue(agents: int, calls: float, interval_seconds: float, aht_seconds: float,
                   answer_within_seconds: float, patience_seconds: float | None = None, *, seed: int = 0,
                   replications: int = 10, callers: int = 5000, warmup: int = 1000,
                   confidence: float = 99) -> pd.DataFrame:
    """Simulate the queue and return each measure with its ``confidence`` % confidence interval.

    Rows: probability_of_waiting (% of callers who wait at all, including those who then hang up),
    service_level (% of all callers answered within ``answer_within_seconds``), average_speed_of_answer
    (seconds, answered callers only) and abandonment (% who hang up; 0 without a patience). The interval is
    Student's t over independent replications, each of ``callers`` callers after ``warmup`` discarded ones.
    """
    if int(agents) != agents or agents < 1:
        raise StaffingError(f"agents must be a whole number, 1 or more; got {agents}")
    for name, value in (("calls", calls), ("interval_seconds", interval_seconds), ("aht_seconds", aht_seconds)):
        if not value > 0:
            raise StaffingError(f"{name} must be more than 0; got {value}")
    if patience_seconds is not None and not patience_seconds > 0:
        raise StaffingError(f"patience_seconds must be more than 0 (or None for callers who never hang up); "
                            f"got {patience_seconds}")
    if patience_seconds is None and agents <= calls * aht_seconds / interval_seconds:
        raise StaffingError("with no patience limit the queue grows without end unless agents are more than "
                            "calls x AHT / interval; add agents or give patience_seconds")
    if replications < 2:
        raise StaffingError("a confidence interval needs at least 2 replications")
    rng = np.random.default_rng(seed)
    runs = np.array([
        _one_run(generator, int(agents), calls / interval_seconds, aht_seconds, patience_seconds,
                 answer_within_seconds, callers, warmup)
        for generator in rng.spawn(replications)
    ])
    mean = runs.mean(axis=0)
    half = stats.t.ppf(0.5 + confidence / 200, replications - 1) * runs.std(axis=0, ddof=1) / math.sqrt(replications)
    return pd.DataFrame({"measure": MEASURES, "estimate": mean, "low": mean - half, "high": mean + half})
