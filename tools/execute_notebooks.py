"""Re-execute notebooks in place, each in a fresh kernel, and strip volatile metadata (idempotent).

    .venv/bin/python tools/execute_notebooks.py                 # every notebook under notebooks/
    .venv/bin/python tools/execute_notebooks.py notebooks/00_start_here.ipynb

Run tools/build_navigation.py first when you added, renamed or retitled a notebook.
"""

import os
import sys
import tempfile
from pathlib import Path

from course_lib.authoring import execute_notebook

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    # Activities in the notebooks save to the learner record: keep the author's own record out of it.
    _private = Path(tempfile.mkdtemp(prefix="execute-notebooks-"))
    os.environ["COURSE_RECORD"] = str(_private / "record.sqlite")
    os.environ["COURSE_LEARNER_FILE"] = str(_private / "learner.txt")
    paths = [Path(p) for p in sys.argv[1:]] or sorted(
        p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
    )
    for path in paths:
        changed = execute_notebook(path)
        print(f"{'updated' if changed else 'unchanged'} {path}")
