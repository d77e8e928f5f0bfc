"""How fast and how far does course_lib.staffing go? Prints figures; asserts nothing about time.

1. required_agents for 100,000 intervals (about two years of 15-minute intervals) in one vectorised call,
   against a per-interval Python loop written the way common open-source calculators do it (try N = A+1,
   A+2, ... and compute Erlang C from scratch for each N), on the same intervals; both must agree.
2. The textbook factorial formula, as many spreadsheet and blog calculators write it: where it overflows.
3. The largest agent count course_lib handles: probability of waiting against a 60-digit decimal reference
   for growing centres, until the reference itself gets too slow to compute.

Run: .venv/bin/python benchmarks/staffing.py   (or python3 run.py bench)
"""

from __future__ import annotations

import math
import time
from decimal import Decimal, localcontext

import numpy as np

from course_lib.staffing import probability_of_waiting, required_agents

INTERVALS = 100_000
INTERVAL_SECONDS = 900
WITHIN, TARGET, SHRINKAGE, MAX_OCCUPANCY = 20, 80, 30, 85


def forecast(seed: int = 2024) -> tuple[np.ndarray, np.ndarray]:
    """A mid-size centre: 0 to 250 calls per 15 minutes (quiet nights to busy Mondays), AHT 3 to 8 minutes."""
    rng = np.random.default_rng(seed)
    calls = np.round(rng.gamma(2.0, 40.0, INTERVALS)).clip(0, 250)
    aht = rng.uniform(180, 480, INTERVALS).round()
    return calls, aht


# -- the per-interval loop, as open-source calculators write it -------------------------------------------------


def loop_erlang_c(agents: int, traffic: float) -> float:
    inverse_b = 1.0
    for k in range(1, agents + 1):  # Erlang B recurrence, recomputed from scratch for each candidate N
        inverse_b = 1.0 + inverse_b * k / traffic
    b = 1.0 / inverse_b
    return agents * b / (agents - traffic * (1.0 - b))


def loop_required(calls: float, aht: float) -> int:
    if calls == 0:
        return 0
    traffic = calls * aht / INTERVAL_SECONDS
    agents = math.floor(traffic) + 1
    while True:
        waiting = loop_erlang_c(agents, traffic)
        level = 100.0 * (1.0 - waiting * math.exp(-(agents - traffic) * WITHIN / aht))
        if level >= TARGET - 1e-9 and 100.0 * traffic / agents <= MAX_OCCUPANCY + 1e-9:
            return agents
        agents += 1


def factorial_erlang_c(agents: int, traffic: float) -> float:
    """The formula as printed: A^N/N! * N/(N-A) over the sum of A^k/k! plus the same."""
    top = traffic**agents / math.factorial(agents) * agents / (agents - traffic)
    return top / (sum(traffic**k / math.factorial(k) for k in range(agents)) + top)


def decimal_erlang_c(agents: int, traffic: Decimal, digits: int = 60) -> Decimal:
    with localcontext() as context:
        context.prec = digits
        term, total = Decimal(1), Decimal(0)
        for k in range(agents):
            total += term
            term = term * traffic / (k + 1)
        top = term * agents / (agents - traffic)
        return top / (total + top)


def timed(function, *args, repeat: int = 1, **kwargs):
    best, result = math.inf, None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(*args, **kwargs)
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    calls, aht = forecast()
    traffic = calls * aht / INTERVAL_SECONDS
    print(f"1. required_agents for {INTERVALS:,} intervals of 15 minutes "
          f"(0-{calls.max():.0f} calls, workload up to {traffic.max():.0f} Erlangs; "
          f"target {TARGET}% in {WITHIN} s, shrinkage {SHRINKAGE}%, max occupancy {MAX_OCCUPANCY}%)")
    vector_time, table = timed(required_agents, calls, INTERVAL_SECONDS, aht, WITHIN, TARGET, shrinkage=SHRINKAGE,
                               max_occupancy=MAX_OCCUPANCY, repeat=3)
    print(f"   vectorised, one call:      {vector_time:8.3f} s   (best of 3; "
          f"agents on the phones up to {table['agents_on_phones'].max()})")
    loop_time, looped = timed(lambda: [loop_required(c, a) for c, a in zip(calls, aht, strict=True)])
    print(f"   per-interval Python loop:  {loop_time:8.3f} s")
    print(f"   ratio (loop / vectorised): {loop_time / vector_time:8.1f} x")
    agree = np.array_equal(np.array(looped), table["agents_on_phones"].to_numpy())
    print(f"   same agents in every interval: {agree}")

    print("\n2. The factorial formula as printed in many calculators (A = 0.95 N):")
    largest = None
    for agents in range(100, 400):
        try:
            factorial_erlang_c(agents, 0.95 * agents)
            largest = agents
        except OverflowError as error:
            print(f"   works up to N = {largest} agents; at N = {agents}: OverflowError ({error})")
            break

    print("\n3. course_lib.staffing: probability of waiting against a 60-digit decimal reference "
          "of the textbook formula")
    print("   (workload A = N - sqrt(N), so about 1 caller in 5 waits at every size; AHT 300 s, 30-minute interval)")
    print(f"   {'agents N':>9}  {'P(wait) %':>19}  {'relative error':>14}  {'time':>8}")
    for agents in (10, 100, 1_000, 10_000, 100_000, 1_000_000):
        with localcontext() as context:
            context.prec = 60
            a = Decimal(agents) - Decimal(agents).sqrt()
        took, got = timed(probability_of_waiting, agents, float(a) * 1800 / 300, 1800, 300)
        want = float(decimal_erlang_c(agents, a)) * 100
        print(f"   {agents:>9,}  {got:>19.15f}  {abs(got - want) / want:>14.1e}  {took:>7.3f}s")

if __name__ == "__main__":
    main()
