"""Regenerate the course's data sets (datasets/*.csv) from the course seed; idempotent.

    .venv/bin/python tools/generate_datasets.py            # rewrite datasets/*.csv
    .venv/bin/python tools/generate_datasets.py --check    # only say whether the committed files are up to date

The same seed always writes the same bytes, so a re-run changes nothing unless the generator changed.
The mechanics are described in datasets/README.md and in course_lib/data/generate.py.
"""

import argparse
import sys
import tempfile
from pathlib import Path

from course_lib.data.datasets import DATASETS_DIR
from course_lib.data.generate import write_datasets
from course_lib.notebook_setup import SEED

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=SEED, help=f"random seed (default: the course seed, {SEED})")
    parser.add_argument("--check", action="store_true", help="compare with the committed files, write nothing")
    args = parser.parse_args()
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = write_datasets(tmp, seed=args.seed)
            stale = [p.name for p in fresh.values() if not (DATASETS_DIR / p.name).exists()
                     or p.read_bytes() != (DATASETS_DIR / p.name).read_bytes()]
        print("up to date" if not stale else f"out of date: {', '.join(stale)}")
        sys.exit(1 if stale else 0)
    for path in write_datasets(DATASETS_DIR, seed=args.seed).values():
        print(f"wrote {Path(path).relative_to(DATASETS_DIR.parent)} ({path.stat().st_size / 1e6:.2f} MB)")
