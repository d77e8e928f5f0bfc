"""How kpi_summary scales: wall time and peak memory on 1, 3 and 10 million contacts, against DuckDB.

    .venv/bin/python benchmarks/kpi_scale.py            # 1, 3 and 10 million contacts
    .venv/bin/python benchmarks/kpi_scale.py 1 3        # only 1 and 3 million
    python3 run.py bench                                # every benchmark (installs requirements-bench.txt)

For each size it builds a contacts table (and surveys for a fifth of the answered contacts) shaped like the
course's data set, then times ``kpi_summary(contacts, surveys, by="agent")`` and the equivalent DuckDB SQL
query over the same in-memory pandas tables (DuckDB reads them directly), checks that both give the same numbers,
and prints wall time, peak memory above the starting point, and the ratios. The aims: within 2x of DuckDB's time,
peak memory under 3x the tables' size in memory, and time growing linearly with the number of contacts.

Peak memory is the growth of the process's resident set (Linux ``VmHWM``, reset before each run through
``/proc/self/clear_refs``, after handing freed memory back with ``malloc_trim``), so it counts numpy, pandas and
DuckDB allocations alike; for pandas the larger of that and tracemalloc's peak is shown. Each figure is the best of
``REPEATS`` runs for time and the largest for memory. Nothing here is asserted: the figures are printed.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from course_lib.kpi import kpi_summary  # noqa: E402

REPEATS = 2
AGENTS = ["Amara", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi", "Luca"]
TOPICS = ["billing", "delivery", "technical", "returns", "account", "recall"]

SQL = """
WITH c AS (
    SELECT *,
        (NOT answered AND coalesce(wait_seconds, 1e18) < 5) AS short_abandon,
        LEAD(arrived_at) OVER (PARTITION BY customer_id, topic ORDER BY arrived_at) AS next_at
    FROM contacts
),
last AS (SELECT max(arrived_at) - INTERVAL 7 DAY AS complete_until FROM contacts),
g AS (
    SELECT agent,
        count(*) AS contacts,
        count_if(answered AND wait_seconds <= 20) AS in_time,
        count_if(answered OR NOT short_abandon) AS offered,
        count_if(answered) AS answered_n,
        sum(CASE WHEN answered THEN wait_seconds ELSE 0 END) AS wait_sum,
        count_if(NOT answered AND NOT short_abandon) AS abandoned,
        sum(CASE WHEN answered THEN coalesce(talk_seconds, 0) + coalesce(hold_seconds, 0)
                 + coalesce(acw_seconds, 0) ELSE 0 END) AS handle_sum,
        count_if(answered AND arrived_at <= complete_until) AS fcr_base,
        count_if(answered AND arrived_at <= complete_until
                 AND NOT coalesce(next_at - arrived_at <= INTERVAL 7 DAY, false)) AS fcr_ok,
        count_if(answered AND resolved) AS resolved_n
    FROM c, last
    GROUP BY agent
),
s AS (
    SELECT k.agent, count(*) AS responses,
        count(csat) AS csat_n, count_if(csat >= 4) AS csat_ok,
        count(nps) AS nps_n, sum(CASE WHEN nps >= 9 THEN 1 WHEN nps <= 6 THEN -1 ELSE 0 END) AS nps_net,
        count(ces) AS ces_n, sum(ces) AS ces_sum
    FROM surveys JOIN contacts k USING (contact_id)
    GROUP BY k.agent
)
SELECT g.agent, contacts,
    100.0 * in_time / offered AS service_level,
    wait_sum / answered_n AS asa,
    100.0 * abandoned / offered AS abandonment_rate,
    handle_sum / answered_n AS aht,
    100.0 * fcr_ok / fcr_base AS fcr,
    100.0 * resolved_n / answered_n AS resolution_rate,
    coalesce(responses, 0) AS responses,
    100.0 * csat_ok / csat_n AS csat,
    100.0 * nps_net / nps_n AS nps,
    ces_sum / ces_n AS ces
FROM g LEFT JOIN s ON g.agent IS NOT DISTINCT FROM s.agent
ORDER BY g.agent NULLS LAST
"""


def make_tables(n: int, seed: int = 2024) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A contacts table of n rows shaped like the course's (13 weeks, 12 agents, 3 channels) and its surveys."""
    rng = np.random.default_rng(seed)
    seconds = np.sort(rng.integers(0, 91 * 86400, n))
    channel = rng.choice(np.array(["phone", "chat", "email"], dtype=object), n, p=[0.56, 0.26, 0.18])
    answered = (rng.random(n) > 0.08) | (channel == "email")
    wait = np.round(rng.lognormal(np.log(15), 1.2, n))
    talk = np.where(answered, np.round(rng.lognormal(np.log(260), 0.55, n)), np.nan)
    hold = np.where(answered & (channel == "phone"), np.round(rng.lognormal(np.log(60), 0.7, n))
                    * (rng.random(n) < 0.3), np.nan)
    acw = np.where(answered, np.round(rng.lognormal(np.log(35), 0.5, n)), np.nan)
    agent = np.where(answered, rng.choice(np.array(AGENTS, dtype=object), n), None)
    contacts = pd.DataFrame({
        "contact_id": np.arange(1, n + 1),
        "customer_id": rng.integers(100000, 100000 + max(n // 3, 1), n),
        "arrived_at": np.datetime64("2025-01-06T08:00:00", "s") + seconds.astype("timedelta64[s]"),
        "channel": pd.array(channel, dtype="str"),
        "topic": pd.array(rng.choice(np.array(TOPICS, dtype=object), n), dtype="str"),
        "agent": pd.array(agent, dtype="str"),
        "answered": answered,
        "wait_seconds": wait,
        "talk_seconds": talk,
        "hold_seconds": hold,
        "acw_seconds": acw,
        "resolved": answered & (rng.random(n) < 0.82),
    })
    rated = np.flatnonzero(answered & (rng.random(n) < 0.2))
    m = len(rated)
    surveys = pd.DataFrame({
        "contact_id": rated + 1,
        "csat": rng.integers(1, 6, m).astype(float),
        "nps": np.where(rng.random(m) < 0.96, rng.integers(0, 11, m), np.nan),
        "ces": np.where(rng.random(m) < 0.92, rng.integers(1, 8, m), np.nan),
    })
    return contacts, surveys


def _rss_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"{field} not in /proc/self/status")


def _trim() -> None:
    """Give freed memory back to the system, so the next peak is not hidden by reused free space."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: the resident-set figure may undercount
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def measure(call) -> tuple[float, float, object]:
    """(seconds, peak MB above the starting resident set, result) for one call."""
    _trim()
    Path("/proc/self/clear_refs").write_text("5")  # reset the peak resident set to the current one
    before = _rss_kb("VmRSS")
    start = time.perf_counter()
    result = call()
    elapsed = time.perf_counter() - start
    peak = _rss_kb("VmHWM")
    return elapsed, (peak - before) / 1024, result


def traced_peak(call) -> float:
    """Peak MB of Python and numpy allocations during one call (tracemalloc; a second, independent figure)."""
    _trim()
    tracemalloc.start()
    call()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def compare(ours: pd.DataFrame, theirs: pd.DataFrame) -> float:
    """The largest absolute difference between the two scorecards' numbers."""
    columns = ["contacts", "service_level", "asa", "abandonment_rate", "aht", "fcr", "resolution_rate", "responses",
               "csat", "nps", "ces"]
    a = ours[columns].to_numpy(dtype=float)
    b = theirs[columns].to_numpy(dtype=float)
    both = ~(np.isnan(a) & np.isnan(b))
    return float(np.nanmax(np.abs(a - b)[both])) if both.any() else 0.0


def main(sizes_in_millions: list[float]) -> None:
    import duckdb

    threads = duckdb.execute("SELECT current_setting('threads')").fetchall()[0][0]
    print(f"pandas {pd.__version__}, numpy {np.__version__}, duckdb {duckdb.__version__}; "
          f"best of {REPEATS} runs; DuckDB threads: {threads}; pandas: 1 thread")
    header = (f"{'contacts':>10} {'table MB':>9} | {'pandas s':>8} {'peak MB':>8} {'x table':>7} | "
              f"{'duckdb s':>8} {'peak MB':>8} | {'time x':>6} {'s per M':>7} | max diff")
    print(header)
    print("-" * len(header))
    for millions in sizes_in_millions:
        n = int(millions * 1_000_000)
        contacts, surveys = make_tables(n)
        table_mb = (contacts.memory_usage(deep=True).sum() + surveys.memory_usage(deep=True).sum()) / 2**20
        runs = [measure(lambda c=contacts, s=surveys: kpi_summary(c, s, by="agent", threshold_seconds=20))
                for _ in range(REPEATS)]
        ours_s, ours_mb, ours = min(r[0] for r in runs), max(r[1] for r in runs), runs[-1][2]
        ours_mb = max(ours_mb, traced_peak(lambda c=contacts, s=surveys: kpi_summary(c, s, by="agent",
                                                                                      threshold_seconds=20)))
        connection = duckdb.connect()
        connection.register("contacts", contacts)
        connection.register("surveys", surveys)
        runs = [measure(lambda c=connection: c.execute(SQL).df()) for _ in range(REPEATS)]
        duck_s, duck_mb, theirs = min(r[0] for r in runs), max(r[1] for r in runs), runs[-1][2]
        connection.close()
        print(f"{n:>10,} {table_mb:>9.0f} | {ours_s:>8.2f} {ours_mb:>8.0f} {ours_mb / table_mb:>7.2f} | "
              f"{duck_s:>8.2f} {duck_mb:>8.0f} | {ours_s / duck_s:>6.2f} {ours_s / millions:>7.2f} | "
              f"{compare(ours, theirs):.2g}", flush=True)
        del contacts, surveys, ours, theirs, runs
        gc.collect()
    print("time x = pandas time / DuckDB time (aim: at most 2); x table = pandas peak / tables' size (aim: under 3);"
          " s per M = pandas seconds per million contacts (linear growth keeps it flat).")


if __name__ == "__main__":
    sizes = [float(a) for a in sys.argv[1:]] or [1, 3, 10]
    main(sizes)
