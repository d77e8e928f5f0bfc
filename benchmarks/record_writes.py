"""How fast the learner record takes events: one writer, then 8 processes at once (prints figures, asserts nothing).

    .venv/bin/python benchmarks/record_writes.py [EVENTS_PER_WRITER]
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WRITER = """
import sys
from course_lib.record import events
from course_lib.record.learner import set_learner
set_learner(sys.argv[1], remember=False)
for i in range(int(sys.argv[2])):
    events.quiz_answer("service_recovery", "q", {"answer": i}, 50.0, True, module="05")
"""


def run(writers: int, events: int, folder: Path) -> float:
    env = dict(os.environ, COURSE_RECORD=str(folder / f"bench_{writers}.sqlite"),
               COURSE_LEARNER_FILE=str(folder / "learner.txt"))
    start = time.perf_counter()
    processes = [subprocess.Popen([sys.executable, "-c", WRITER, f"w{n}", str(events)], env=env)
                 for n in range(writers)]
    for process in processes:
        process.wait()
    return time.perf_counter() - start


if __name__ == "__main__":
    per_writer = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    with tempfile.TemporaryDirectory() as folder:
        for writers in (1, 8):
            seconds = run(writers, per_writer, Path(folder))
            total = writers * per_writer
            print(f"{writers} writer(s) x {per_writer} events: {seconds:.1f} s "
                  f"({total / seconds:.0f} events/s, including process start-up)")
