"""Long simulation runs of every case in tests/test_queue_simulation.py: is each formula value inside the 99%
confidence interval when the interval is about 20 times narrower than in the fast tests? Prints a table.

Run: .venv/bin/python benchmarks/queue_simulation.py   (about a minute and a half on two cores)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from test_queue_simulation import ERLANG_A_CASES, ERLANG_C_CASES  # noqa: E402

from course_lib import staffing  # noqa: E402
from course_lib.staffing.queue_simulation import simulate_queue  # noqa: E402

RUN = {"replications": 40, "callers": 200_000, "warmup": 5_000}


def report(label, result, formula):
    rows = result.set_index("measure")
    for measure, value in formula.items():
        low, high = rows.loc[measure, "low"], rows.loc[measure, "high"]
        verdict = "inside" if low <= value <= high else "OUTSIDE"
        print(f"{label:<31} {measure:<24} {value:10.4f}   [{low:10.4f}, {high:10.4f}]  {verdict}")


def main() -> None:
    start = time.perf_counter()
    print(f"{'case':<31} {'measure':<24} {'formula':>10}   {'simulated 99% interval':^24}")
    for i, (agents, calls, aht, within) in enumerate(ERLANG_C_CASES):
        result = simulate_queue(agents, calls, 1800, aht, within, seed=10_000 + i, **RUN)
        report(f"C: {agents} agents, {calls} calls, {aht} s", result, {
            "probability_of_waiting": staffing.probability_of_waiting(agents, calls, 1800, aht),
            "service_level": staffing.service_level(agents, calls, 1800, aht, within),
            "average_speed_of_answer": staffing.average_speed_of_answer(agents, calls, 1800, aht),
        })
    for i, (agents, calls, aht, patience, within) in enumerate(ERLANG_A_CASES):
        result = simulate_queue(agents, calls, 1800, aht, within, patience_seconds=patience, seed=20_000 + i, **RUN)
        formula = staffing.erlang_a(agents, calls, 1800, aht, patience, within)
        report(f"A: {agents} agents, {calls} calls, {patience} s", result, {
            m: getattr(formula, m)
            for m in ("probability_of_waiting", "service_level", "average_speed_of_answer", "abandonment")})
    print(f"{RUN['replications'] * RUN['callers']:,} callers per case; {time.perf_counter() - start:.0f} s in all")


if __name__ == "__main__":
    main()
