"""How long loading a team's own export takes, and how much memory, on 20 and 200 MB files, against DuckDB.

    .venv/bin/python benchmarks/own_data_load.py              # 20 and 200 MB
    .venv/bin/python benchmarks/own_data_load.py --big        # and 1,000 MB (needs about 3 GB of memory)
    .venv/bin/python benchmarks/own_data_load.py --code DIR   # load with the course_lib found in DIR (a checkout)

For each size it writes (seeded) a CSV shaped like the course's ``datasets/example_phone_export.csv`` (separate
``Date`` and ``Start time``, durations as hh:mm:ss, Y/N flags, ids like ``PH-0014213``, an unused ``Site``
column) into a temporary folder, then in a fresh child process per measurement:

- the course: ``load_contacts(path, columns={"Start time": "time"}, show_report=False)``;
- the anchor: DuckDB's ``read_csv`` of the same file into a pandas table (``.df()``).

Each child prints its wall time (``time.perf_counter``) and its peak resident memory (``resource.getrusage``'s
``ru_maxrss``, which includes the interpreter and the imports, about 100 MB). The aim: well under a minute for
200 MB and peak memory under 3x the file. Nothing here is asserted: the figures are printed.

Seen on a 2-core machine (2026-12), 200 MB / 2.06 million rows: 66.3 s and 2,284 MB peak before the loader read
in blocks and converted distinct values once, 13.8 s and 573 MB after; DuckDB 5.3 s and 1,638 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
AGENTS = ["Amara", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi", "Luca"]
TOPICS = ["Billing", "Delivery", "Technical", "Returns", "Account"]
SITES = ["Leeds", "Porto", "Cork"]
BLOCK_ROWS = 20_000

COURSE = """
import json, resource, sys, time
start = time.perf_counter()
from course_lib.data.own_data import load_contacts
contacts = load_contacts(sys.argv[1], columns={"Start time": "time"}, show_report=False)
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "rows": len(contacts)}))
"""

DUCKDB = """
import json, resource, sys, time
start = time.perf_counter()
import duckdb
contacts = duckdb.read_csv(sys.argv[1]).df()
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "rows": len(contacts)}))
"""


def _clock(seconds: np.ndarray) -> np.ndarray:
    seconds = seconds.astype(int)
    return np.char.add(np.char.add(np.char.zfill((seconds // 3600).astype(str), 2), ":"),
                       np.char.add(np.char.add(np.char.zfill((seconds // 60 % 60).astype(str), 2), ":"),
                                   np.char.zfill((seconds % 60).astype(str), 2)))


def export_block(rng: np.random.Generator, first_id: int, rows: int) -> pd.DataFrame:
    """``rows`` calls shaped like the course's example phone export (same columns, units and codes)."""
    answered = rng.random(rows) < 0.9
    day = rng.integers(0, 90, rows)
    start = rng.integers(8 * 3600, 20 * 3600, rows)
    talk = np.where(answered, rng.gamma(2.0, 150.0, rows), 0)
    return pd.DataFrame({
        "Call ID": np.char.add("PH-", np.char.zfill(np.arange(first_id, first_id + rows).astype(str), 7)),
        "Customer": rng.integers(100_000, 200_000, rows),
        "Date": (pd.Timestamp("2025-01-01") + pd.to_timedelta(day, unit="D")).strftime("%Y-%m-%d"),
        "Start time": _clock(start),
        "Reason": rng.choice(TOPICS, rows),
        "Agent name": np.where(answered, rng.choice(AGENTS, rows), ""),
        "Answered (Y/N)": np.where(answered, "Y", "N"),
        "Queue time": _clock(rng.exponential(40.0, rows)),
        "Talk time": _clock(talk),
        "Hold time": _clock(np.where(answered & (rng.random(rows) < 0.3), rng.exponential(45.0, rows), 0)),
        "Wrap-up time": _clock(np.where(answered, rng.gamma(2.0, 30.0, rows), 0)),
        "Resolved (Y/N)": np.where(answered & (rng.random(rows) < 0.75), "Y", "N"),
        "Site": rng.choice(SITES, rows),
    })


def write_export(path: Path, megabytes: int, seed: int = 20) -> int:
    """Write blocks of calls until the file holds ``megabytes`` MB; returns the number of rows."""
    rng = np.random.default_rng(seed)
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        while out.tell() < megabytes * 1_000_000:
            export_block(rng, rows, BLOCK_ROWS).to_csv(out, index=False, header=rows == 0)
            rows += BLOCK_ROWS
    return rows


def measure(script: str, path: Path, code: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(code))
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, env=env,
                          cwd=code, check=False)  # cwd: "python -c" puts it first on the path
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", action="store_true", help="also 1,000 MB")
    parser.add_argument("--code", type=Path, default=ROOT, help="folder whose course_lib is timed")
    args = parser.parse_args(argv)
    sizes = [20, 200] + ([1000] if args.big else [])
    print(f"course_lib from {args.code}")
    print(f"{'file':>9} {'rows':>10} | {'course s':>9} {'peak MB':>8} {'x file':>6} | {'DuckDB s':>9} "
          f"{'peak MB':>8} | {'time ratio':>10}")
    with tempfile.TemporaryDirectory() as folder:
        for megabytes in sizes:
            path = Path(folder) / f"export_{megabytes}mb.csv"
            rows = write_export(path, megabytes)
            size_mb = path.stat().st_size / 1e6
            course = measure(COURSE, path, args.code)
            duck = measure(DUCKDB, path, args.code)
            if "error" in course or "error" in duck:
                print(f"{size_mb:7.0f}MB {rows:>10,} | course: {course.get('error', 'ok')} | "
                      f"DuckDB: {duck.get('error', 'ok')}")
                continue
            print(f"{size_mb:7.0f}MB {rows:>10,} | {course['seconds']:9.1f} {course['peak_mb']:8.0f} "
                  f"{course['peak_mb'] / size_mb:6.1f} | {duck['seconds']:9.1f} {duck['peak_mb']:8.0f} | "
                  f"{course['seconds'] / duck['seconds']:9.1f}x")
            path.unlink()


if __name__ == "__main__":
    main()
