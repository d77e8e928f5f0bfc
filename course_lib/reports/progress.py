"""Progress per module, worked out from the learner record: how many activities are done, and the scores.

An activity is ``KIND:NAME`` (a quiz, a role-play, a coach exercise, the self-assessment); events on its parts
(``quiz:service_recovery/first_step``) belong to it. It counts as *done* once it has a ``completed``,
``passed``, ``failed`` or (for coach exercises) ``attempted`` event. Its score is the score of its latest such
event. The list of activities comes from the content files, so progress shows what is still ahead.

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

from course_lib.contentfile.files import CONTENT_DIR, content_path, read_yaml
from course_lib.errors import CourseError

DONE_VERBS = ("completed", "passed", "failed", "attempted")
PROGRESS_COLUMNS = ["module", "title", "activities", "done", "completion", "score"]


def _modules() -> list[dict]:
    return [m for m in read_yaml(content_path("modules.yaml"))["modules"] if str(m["number"]) != "00"]


def activity_catalogue() -> pd.DataFrame:
    """Every activity the shipped content defines: activity id, module, title.

    >>> catalogue = activity_catalogue()
    >>> catalogue.loc[catalogue["activity"] == "quiz:service_recovery", "module"].item()
    '05'
    """
    from course_lib.coaching.exercises import load_exercises
    from course_lib.plans.actions import load_plans
    from course_lib.quizzes.quiz import load_quiz, quiz_modules

    rows = [{"activity": f"quiz:{name}", "module": module, "title": f"Quiz: {load_quiz(name).title}"}
            for name, module in quiz_modules().items()]
    if content_path("skills.yaml").exists():
        rows.append({"activity": "skills:self_assessment", "module": "01", "title": "Skills self-assessment"})
    for path in sorted((CONTENT_DIR / "scenarios").glob("*.yaml")):
        try:
            raw = read_yaml(path)
        except CourseError:
            continue
        if isinstance(raw, dict) and raw.get("module") is not None:
            title = str(raw.get("title") or path.stem.replace("_", " "))
            rows.append({"activity": f"roleplay:{path.stem}", "module": str(raw["module"]).zfill(2),
                         "title": f"Role-play: {title}"})
    if content_path("themes.yaml").exists():
        rows.append({"activity": "coding:survey_comments", "module": "08",
                     "title": "Code survey comments by hand"})
    try:
        exercises = load_exercises()
    except CourseError:
        exercises = {}
    try:
        plans = load_plans()
    except CourseError:
        plans = {}
    rows += [{"activity": f"plan:{plan.id}", "module": plan.module, "title": f"Action plan: {plan.title}"}
             for plan in plans.values()]
    rows += [{"activity": f"coach:{exercise.id}", "module": exercise.module, "title": f"Reply coach: {exercise.title}"}
             for exercise in exercises.values()]
    return pd.DataFrame(rows, columns=["activity", "module", "title"])


def activity_modules(log: pd.DataFrame, catalogue: pd.DataFrame) -> dict[str, str]:
    """The module of each activity (``KIND:NAME``): the catalogue's, else the one recorded with its events.

    ``log`` needs the columns top (the activity without its part) and module.
    """
    recorded = log.dropna(subset=["module"]).groupby("top")["module"].last().to_dict() if len(log) else {}
    return recorded | dict(zip(catalogue["activity"], catalogue["module"], strict=True))


def progress_table(events: pd.DataFrame, catalogue: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per module: activities, how many are done, completion (%) and the mean latest score (%).

    ``events`` needs the columns activity, module, verb, score (as ``course_lib.record.store.events()`` returns);
    ``catalogue`` the columns activity, module (``activity_catalogue()`` when None).
    """
    catalogue = activity_catalogue() if catalogue is None else catalogue
    log = events.assign(top=events["activity"].str.split("/", n=1).str[0])
    module_of_top = activity_modules(log, catalogue)
    finished = log[log["verb"].isin(DONE_VERBS) & (log["activity"] == log["top"])]
    latest = finished.groupby("top").tail(1).set_index("top")["score"]
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
