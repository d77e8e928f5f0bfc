"""How long does the course's code take to start? Prints figures beside their anchors; asserts nothing about time.

Each probe runs in a fresh Python process (``subprocess``) several times; the median wall time (``time.perf_counter``
around the whole process) is printed next to a bare Python start and ``import pandas``, the two anchors: nothing can
start quicker than the first, and every course notebook pays for the second. A second run of each probe, inside
the same kind of process, lists which of the heavy libraries (ipywidgets, matplotlib, scipy) it imported: the
trainer's command line should import none of them.

Probes: bare ``python -c pass``; ``import pandas``; ``import course_lib`` (the notebook face, lazy);
``python -m course_lib.cli --version``; the installed ``course --version`` script when there is one;
``python -m course_lib.cli check course_lib/content/quizzes/final.yaml``.

Run from the repository root:

    .venv/bin/python benchmarks/startup.py                 # this checkout
    .venv/bin/python benchmarks/startup.py --root OTHER    # another checkout of the course (e.g. an older commit)

The checkout measured is put first on ``PYTHONPATH`` (and is the working directory), so an installed copy of
course_lib elsewhere does not get measured by mistake; each probe reports where the course_lib it used lives.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HEAVY = ("ipywidgets", "matplotlib", "scipy")
QUIZ = "course_lib/content/quizzes/final.yaml"
# Printed after a probe has run in-process: the heavy modules it imported, and which course_lib it used.
REPORT = ("import sys; m = sys.modules.get('course_lib'); "
          f"print('@@', sorted(n for n in {HEAVY!r} if n in sys.modules), "
          "getattr(m, '__file__', None) or '-')")
# What the issue measured before the reorganisation (a quiet machine elsewhere), shown for comparison.
ISSUE_FIGURES = {"bare": "0.03 s", "course_lib": "1.3 s (3.7x pandas)", "version": "1.8 s (aim: under 0.5 s)"}


def run_cli(args: list[str]) -> str:
    """Python source that runs the course CLI with ``args`` in-process, as ``python -m`` would, then reports."""
    return ("import runpy, sys\n"
            f"sys.argv = ['course', *{args!r}]\n"
            "try:\n    runpy.run_module('course_lib.cli', run_name='__main__', alter_sys=True)\n"
            "except SystemExit:\n    pass\n" + REPORT)


def run_script(script: Path, args: list[str]) -> str:
    """Python source that runs an installed console script's entry point (``course_lib.cli:main``), then reports."""
    return ("import sys\n"
            f"sys.argv = [{str(script)!r}, *{args!r}]\n"
            "from course_lib.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n" + REPORT)


def probes(root: Path) -> list[tuple[str, str, list[str], str]]:
    """(key, label, the command timed, Python source that does the same and reports its imports)."""
    python = sys.executable
    found = [
        ("bare", "python -c pass", [python, "-c", "pass"], REPORT),
        ("pandas", "python -c 'import pandas'", [python, "-c", "import pandas"], "import pandas; " + REPORT),
        ("course_lib", "python -c 'import course_lib'", [python, "-c", "import course_lib"],
         "import course_lib; " + REPORT),
        ("version", "python -m course_lib.cli --version", [python, "-m", "course_lib.cli", "--version"],
         run_cli(["--version"])),
    ]
    for script in (root / ".venv" / "bin" / "course", Path(python).parent / "course"):
        if script.exists():
            found.append(("script", "course --version (installed script)", [str(script), "--version"],
                          run_script(script, ["--version"])))
            break
    found.append(("check", f"python -m course_lib.cli check {QUIZ}", [python, "-m", "course_lib.cli", "check", QUIZ],
                  run_cli(["check", QUIZ])))
    return found


def median_seconds(command: list[str], env: dict[str, str], cwd: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def imports_of(source: str, env: dict[str, str], cwd: Path) -> tuple[str, str]:
    done = subprocess.run([sys.executable, "-c", source], env=env, cwd=cwd, capture_output=True, text=True,
                          check=False)
    line = next((x for x in reversed(done.stdout.splitlines()) if x.startswith("@@ ")), None)
    if line is None:
        return f"(probe failed: {done.stderr.strip().splitlines()[-1:] or done.returncode})", "-"
    heavy, _, where = line[3:].rpartition("] ")
    return heavy + "]", where


def main() -> None:
    here = Path(__file__).resolve().parents[1]
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=here, help="the checkout to measure (default: this one)")
    parser.add_argument("--runs", type=int, default=7, help="runs per probe; the median is printed (default 7)")
    args = parser.parse_args()
    root = args.root.resolve()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(root), *filter(None, [os.environ.get("PYTHONPATH")])]),
               MPLCONFIGDIR=os.environ.get("MPLCONFIGDIR", "/tmp/course-startup-mpl"))
    print(f"start-up of {root} with {sys.executable} (Python {sys.version.split()[0]}), "
          f"median of {args.runs} runs, wall time of the whole process")
    rows = []
    for key, label, command, source in probes(root):
        subprocess.run(command, env=env, cwd=root, capture_output=True, check=False)  # warm the file cache
        seconds = median_seconds(command, env, root, args.runs)
        heavy, where = imports_of(source, env, root)
        rows.append((key, label, seconds, heavy, where))
    bare = next(r[2] for r in rows if r[0] == "bare")
    pandas = next(r[2] for r in rows if r[0] == "pandas")
    width = max(len(r[1]) for r in rows)
    print(f"  {'probe':{width}}  {'median':>8}  {'x bare':>7}  {'x pandas':>8}  heavy imports"
          "                      issue's figure before")
    for key, label, seconds, heavy, _ in rows:
        print(f"  {label:{width}}  {seconds:7.3f}s  {seconds / bare:6.1f}x  {seconds / pandas:7.2f}x  {heavy:34} "
              f"{ISSUE_FIGURES.get(key, '')}")
    used = sorted({r[4] for r in rows if r[4] != "-"})
    print(f"  course_lib measured: {', '.join(used) or '(none imported)'}")
    scripts = [c[0] for k, _, c, _ in probes(root) if k == "script"]
    if scripts:
        print(f"  installed script: {scripts[0]}")


if __name__ == "__main__":
    main()
