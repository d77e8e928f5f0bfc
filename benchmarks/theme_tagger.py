"""How fast is module 08's keyword tagger? Prints figures; nothing here is asserted.

    .venv/bin/python benchmarks/theme_tagger.py

Tags the course's commented surveys, then the same comments repeated 10x and 100x, and times the tagger against
the answer key (``tagger_accuracy``) once. ``tag_surveys`` tags each distinct wording once, so the repeats
measure building the table; the real ticket export (../shared/realdata, when it is there: 8,469 longer texts,
nearly all different) measures the tagging itself. The tickets have no answer key: only the time and the themes
found are printed.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from course_lib.data.datasets import load_dataset  # noqa: E402
from course_lib.voice.comment_coding import tagger_accuracy  # noqa: E402
from course_lib.voice.themes import tag_surveys  # noqa: E402


def timed(label: str, function, *args) -> object:
    start = time.process_time()
    result = function(*args)
    seconds = time.process_time() - start
    print(f"{label:<52} {seconds:8.3f} s CPU")
    return result


def main() -> None:
    surveys = load_dataset("surveys")
    commented = surveys[surveys["comment"].notna()]
    print(f"{len(commented):,} commented surveys in datasets/surveys.csv\n")
    for factor in (1, 10, 100):
        table = pd.concat([commented] * factor, ignore_index=True)
        tags = timed(f"tag_surveys, {len(table):,} comments", tag_surveys, table)
        print(f"{'':<52} {len(tags):,} themes found")
    timed("tagger_accuracy (tagger vs answer key, all comments)", tagger_accuracy, surveys)

    realdata = Path(os.environ.get("COURSE_REALDATA", ROOT.parent / "shared" / "realdata"))
    tickets = realdata / "customer_support_tickets.csv"
    if tickets.exists():
        raw = pd.read_csv(tickets, usecols=["Ticket ID", "Ticket Description"])
        table = pd.DataFrame({"contact_id": raw["Ticket ID"], "comment": raw["Ticket Description"]})
        tags = timed(f"tag_surveys, {len(table):,} real ticket descriptions", tag_surveys, table)
        print("themes found in the tickets:", tags["theme"].value_counts().to_dict())


if __name__ == "__main__":
    main()
