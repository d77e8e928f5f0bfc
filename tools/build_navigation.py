"""Regenerate every module's navigation cell and the module map in 00_start_here (idempotent).

    .venv/bin/python tools/build_navigation.py [NOTEBOOKS_FOLDER]
"""

import sys
from pathlib import Path

from course_lib.authoring import rebuild_navigation

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "notebooks"
    changed = rebuild_navigation(folder)
    for path in changed:
        print(f"updated {path}")
    print(f"navigation up to date ({len(changed)} notebook(s) changed)")
