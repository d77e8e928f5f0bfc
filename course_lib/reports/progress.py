"""Progress per module, worked out from the learner record: how many activities are done, and the scores.

An activity is ``KIND:NAME`` (a quiz, a role-play, a coach exercise, the self-assessment); events on its parts
(``quiz:service_recovery/first_step``) belong to it. It counts as *done* once it has a ``completed``,
``passed``, ``failed`` or (for coach exercises) ``attempted`` event (``course_lib.record.events.DONE_VERBS``).
Its score is the score of its latest such event. The list of activities comes from the content files
(:mod:`course_lib.reports.catalogue`), so progress shows what is still ahead.

>>> import pandas as pd
>>> log = pd.DataFrame({"activity": ["quiz:service_recovery/first_step", "quiz:service_recovery"],
...                     "module": ["05", "05"], "verb": ["answered", "completed"], "score": [100.0, 80.0]})
>>> catalogue = pd.DataFrame({"activity": ["quiz:service_recovery", "roleplay:sofa_delivery"],
...                           "module": ["05", "05"], "title": ["Quiz", "Role-play"]})
>>> table = progress_table(log, catalogue)
>>> row = table[table["module"] == "05"]
>>> print(row[["activities", "done", "completion", "score"]].to_string(index=False))
 activities  done  completion  score
          2     1        50.0   80.0
"""

from __future__ import annotations

import pandas as pd

from course_lib.contentfile.files import content_path
from course_lib.contentfile.yaml_read import read_yaml
from course_lib.record.events import DONE_VERBS, finished_activities, recorded_modules
from course_lib.reports.catalogue import Catalogue, activity_catalogue, load_catalogue

__all__ = ["DONE_VERBS", "PROGRESS_COLUMNS", "activity_catalogue", "activity_modules", "progress_table"]

PROGRESS_COLUMNS = ["module", "title", "activities", "done", "completion", "score"]


def _modules() -> list[dict]:
    return [m for m in read_yaml(content_path("modules.yaml"))["modules"] if str(m["number"]) != "00"]


def activity_modules(events: pd.DataFrame, catalogue: pd.DataFrame) -> dict[str, str]:
    """The module of each activity (``KIND:NAME``): the catalogue's, else the one recorded with its events."""
    return recorded_modules(events) | dict(zip(catalogue["activity"], catalogue["module"], strict=True))


def progress_table(events: pd.DataFrame, catalogue: pd.DataFrame | Catalogue | None = None) -> pd.DataFrame:
    """One row per module: activities, how many are done, completion (%) and the mean latest score (%).

    ``events`` needs the columns activity, module, verb, score (as ``course_lib.record.store.events()`` returns);
    ``catalogue`` the columns activity, module (the shipped content's activities when None).
    """
    catalogue = load_catalogue() if catalogue is None else catalogue
    if isinstance(catalogue, Catalogue):
        catalogue = catalogue.activities
    module_of_top = activity_modules(events, catalogue)
    latest = finished_activities(events).groupby("activity").tail(1).set_index("activity")["score"]
    rows = []
    for module in _modules():
        number = str(module["number"])
        tops = sorted(top for top, mod in module_of_top.items() if mod == number)
        done = [top for top in tops if top in latest.index]
        scores = latest.reindex(done).dropna()
        rows.append({
            "module": number,
            "title": module["title"],
            "activities": len(tops),
            "done": len(done),
            "completion": round(100 * len(done) / len(tops), 1) if tops else float("nan"),
            "score": round(float(scores.mean()), 1) if len(scores) else float("nan"),
        })
    return pd.DataFrame(rows, columns=PROGRESS_COLUMNS)
