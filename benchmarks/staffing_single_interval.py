"""One interval's required_agents: the plain-float path against numpy on one-element arrays, and against the
peer library pyworkforce. Prints figures; asserts nothing about time.

A staffing planner (the module 09 widget, forecast_error_table, a learner trying numbers) asks for one interval at a
time. Before, that went through the vectorised path built for a week of intervals, paying numpy's per-call cost on
one-element arrays at every step of the Erlang recurrence; now single numbers take a plain-float path with the
same arithmetic (the tests check the two agree to the last bit). pyworkforce (PyPI, pinned in
requirements-bench.txt) is timed doing the same job with ErlangC(...).required_positions(...) when it is installed.

Run from the repository root: .venv/bin/python benchmarks/staffing_single_interval.py
"""

from __future__ import annotations

import statistics
import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from course_lib.staffing import planning  # noqa: E402

# One half-hour interval: 100 calls, 3-minute AHT, 80% answered within 20 s, 30% shrinkage (the module 09 example).
CALLS, INTERVAL, AHT, WITHIN, TARGET, SHRINKAGE = 100, 1800, 180, 20, 80, 30
REPEATS, NUMBER = 15, 200


def median_microseconds(call) -> float:
    """Median over REPEATS runs of the time per call (each run times NUMBER calls), in microseconds."""
    call()  # warm up (first-call imports, caches)
    runs = timeit.repeat(call, number=NUMBER, repeat=REPEATS)
    return statistics.median(runs) / NUMBER * 1e6


def main() -> None:
    before = lambda: planning._required_agents_columns(CALLS, INTERVAL, AHT, WITHIN, TARGET, SHRINKAGE)  # noqa: E731
    after = lambda: planning.required_agents(CALLS, INTERVAL, AHT, WITHIN, TARGET, SHRINKAGE)  # noqa: E731
    plan = after()
    assert plan == before(), "the two paths must give the same plan"
    print(f"required_agents for one interval ({CALLS} calls in {INTERVAL // 60} min, AHT {AHT} s, {TARGET}% within "
          f"{WITHIN} s, shrinkage {SHRINKAGE}%): {plan.agents_on_phones} on the phones, "
          f"{plan.agents_to_schedule} to schedule")
    print(f"median of {REPEATS} runs x {NUMBER} calls, per call:")
    rows = [("numpy on one-element arrays (before)", median_microseconds(before), plan.agents_on_phones),
            ("plain floats (now)", median_microseconds(after), plan.agents_on_phones)]
    try:
        from pyworkforce.queuing import ErlangC
    except ImportError as error:  # pragma: no cover - depends on the bench environment
        print(f"  (pyworkforce is not installed or does not import: {error}; compared against the vectorised path "
              "only)")
    else:
        def peer():
            return ErlangC(transactions=CALLS, aht=AHT / 60, asa=WITHIN / 60, interval=INTERVAL // 60,
                           shrinkage=SHRINKAGE / 100).required_positions(service_level=TARGET / 100)
        answer = peer()
        rows.append(("pyworkforce ErlangC.required_positions", median_microseconds(peer), answer["raw_positions"]))
        print(f"  (pyworkforce's answer: {answer['raw_positions']} on the phones, {answer['positions']} to schedule)")
    anchor = rows[1][1]
    print(f"  {'':40} {'per call':>10} {'vs plain floats':>16} {'agents':>7}")
    for name, micro, agents in rows:
        print(f"  {name:40} {micro:8.1f} µs {micro / anchor:15.1f}x {agents:>7}")
    print("anchors from the issue (a quiet machine elsewhere): before about 2.2 ms, pyworkforce about 62 µs")


if __name__ == "__main__":
    main()
