"""Exports of the learner record an LMS or a trainer can read: CSV (and reading it back) and xAPI statements.

The record knows no content: the titles and modules of activities (the *catalogue*, built from the content in
:mod:`course_lib.reports.catalogue`) are passed in by the caller. ``course_lib.export_csv`` and
``course_lib.export_xapi`` (:mod:`course_lib.reports.exports`) do that for a notebook.

>>> event = {"event_id": "e1", "timestamp": "2026-01-05T09:00:00+00:00", "learner": "River",
...          "activity": "skills:self_assessment", "verb": "completed", "response": None, "score": None,
...          "success": None, "module": None}
>>> xapi_statement(event, titles={"skills:self_assessment": "Skills self-assessment"},
...                modules={"skills:self_assessment": "01"})["context"]["contextActivities"]["grouping"][0]["id"]
'https://open-course.example.org/customer-service/activities/module/01'
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from course_lib.record.store import COLUMNS, RecordError, events, events_frame, to_json

#: The xAPI IRI of each verb the record accepts (ADL vocabulary where it has one).
VERB_IRIS: dict[str, str] = {
    "answered": "http://adlnet.gov/expapi/verbs/answered",
    "attempted": "http://adlnet.gov/expapi/verbs/attempted",
    "chose": "http://id.tincanapi.com/verb/selected",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "experienced": "http://adlnet.gov/expapi/verbs/experienced",
    "failed": "http://adlnet.gov/expapi/verbs/failed",
    "passed": "http://adlnet.gov/expapi/verbs/passed",
    "responded": "http://adlnet.gov/expapi/verbs/responded",
}

#: Where xAPI activity ids and the learner's account live (an LMS only needs them to be stable IRIs).
BASE_IRI = "https://open-course.example.org/customer-service"


def whole_activity(activity: str) -> str:
    """The activity an event belongs to, without its part: ``quiz:q/first_step`` -> ``quiz:q``.

    >>> whole_activity("quiz:service_recovery/first_step")
    'quiz:service_recovery'
    """
    return activity.split("/", 1)[0]


def with_modules(frame: pd.DataFrame, modules: Mapping[str, str] | None) -> pd.DataFrame:
    """The events, with the module filled in from ``modules`` (whole activity -> module) where none was recorded."""
    if not modules or frame.empty:
        return frame
    missing = frame["module"].isna() | (frame["module"].astype(str) == "")
    frame = frame.copy()
    frame.loc[missing, "module"] = [modules.get(whole_activity(a)) for a in frame.loc[missing, "activity"]]
    return frame


def export_csv(target: Path | str, *, everyone: bool = False, path: Path | str | None = None,
               modules: Mapping[str, str] | None = None) -> Path:
    """Write the events to a CSV file (response as JSON text) and return its path.

    ``modules`` (whole activity -> module) fills in the module of events recorded without one. The class debrief
    reads such files back (``course report a.csv b.csv``).
    """
    frame = with_modules(events(everyone=everyone, path=path), modules)
    frame["response"] = frame["response"].map(to_json)
    target = Path(target)
    frame.to_csv(target, index=False)
    return target


def read_csv_export(source: Path | str) -> pd.DataFrame:
    """Read a CSV written by ``export_csv`` back into the same shape as ``events()``."""
    source = Path(source)
    try:
        frame = pd.read_csv(source, dtype={"module": str, "learner": str, "response": str}, keep_default_na=False,
                            na_values={"score": [""], "success": [""]})
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as err:
        raise RecordError(f"{source}: cannot be read as a record export ({err})") from None
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise RecordError(f"{source}: not a record export (missing columns: {', '.join(missing)})")
    rows = []
    for number, row in enumerate(frame.itertuples(index=False), start=2):
        try:
            response = to_json(json.loads(row.response)) if row.response else None
        except json.JSONDecodeError:
            raise RecordError(f"{source}:{number}: column 'response' is not JSON: {row.response[:60]!r}") from None
        success = row.success
        if isinstance(success, str):
            success = {"True": 1, "False": 0, "": None}.get(success, success)
        rows.append((row.event_id, row.timestamp, row.learner, row.activity, row.module or None, row.verb,
                     response, None if pd.isna(row.score) else float(row.score),
                     None if success is None or pd.isna(success) else int(bool(success))))
    return events_frame(rows)



#: xAPI activity types (ADL vocabulary) by kind of activity; a part of a quiz is a question (an interaction).
ACTIVITY_TYPES = {
    "quiz": "http://adlnet.gov/expapi/activities/assessment",
    "question": "http://adlnet.gov/expapi/activities/cmi.interaction",
    "roleplay": "http://adlnet.gov/expapi/activities/simulation",
    "coach": "http://adlnet.gov/expapi/activities/interaction",
    "skills": "http://adlnet.gov/expapi/activities/assessment",
}


def xapi_statement(event: dict[str, Any], base_iri: str = BASE_IRI, titles: Mapping[str, str] | None = None,
                   modules: Mapping[str, str] | None = None) -> dict[str, Any]:
    """One event as an xAPI statement (actor, verb, object, result, timestamp, id), the shape an LMS imports.

    ``titles`` (activity -> name) names the activity (its id when missing); ``modules`` (whole activity ->
    module) gives the module of an event recorded without one.

    >>> event = {"event_id": "0b6f5cbe-4a39-4c3f-9d7e-0f5f2bd8a9a1", "timestamp": "2026-01-05T09:00:00+00:00",
    ...          "learner": "River", "activity": "quiz:service_recovery/first_step", "verb": "answered",
    ...          "response": 1, "score": 100.0, "success": True, "module": "05"}
    >>> s = xapi_statement(event)
    >>> s["actor"]["account"]["name"], s["verb"]["id"]
    ('River', 'http://adlnet.gov/expapi/verbs/answered')
    >>> s["object"]["id"].removeprefix(BASE_IRI)
    '/activities/quiz/service_recovery/first_step'
    >>> s["result"]
    {'score': {'scaled': 1.0, 'raw': 100.0, 'min': 0, 'max': 100}, 'success': True, 'response': '1'}
    """
    kind, _, rest = event["activity"].partition(":")
    definition: dict[str, Any] = {"name": {"en-US": (titles or {}).get(event["activity"], event["activity"])}}
    activity_type = ACTIVITY_TYPES.get("question" if kind == "quiz" and "/" in rest else kind)
    if activity_type:
        definition["type"] = activity_type
    statement: dict[str, Any] = {
        "id": event["event_id"],
        "actor": {"objectType": "Agent", "account": {"homePage": base_iri, "name": event["learner"]}},
        "verb": {"id": VERB_IRIS[event["verb"]], "display": {"en-US": event["verb"]}},
        "object": {
            "objectType": "Activity",
            "id": f"{base_iri}/activities/{kind}/{rest}",
            "definition": definition,
        },
        "timestamp": event["timestamp"],
    }
    result: dict[str, Any] = {}
    score = event.get("score")
    if score is not None and not pd.isna(score):
        result["score"] = {"scaled": round(float(score) / 100, 4), "raw": float(score), "min": 0, "max": 100}
    success = event.get("success")
    if success is not None and not pd.isna(success):
        result["success"] = bool(success)
    response = event.get("response")
    if response is not None:
        result["response"] = response if isinstance(response, str) else json.dumps(response, ensure_ascii=False,
                                                                                   sort_keys=True)
    if result:
        statement["result"] = result
    module = event.get("module")
    if not isinstance(module, str) or not module:
        module = (modules or {}).get(whole_activity(event["activity"]))
    if module:
        statement["context"] = {"contextActivities": {"grouping": [
            {"objectType": "Activity", "id": f"{base_iri}/activities/module/{module}"}]}}
    return statement


def export_xapi(target: Path | str, *, everyone: bool = False, path: Path | str | None = None,
                base_iri: str = BASE_IRI, titles: Mapping[str, str] | None = None,
                modules: Mapping[str, str] | None = None) -> Path:
    """Write the events as a JSON list of xAPI statements (for an LMS or learning record store).

    ``titles`` and ``modules`` come from the content's catalogue (see :func:`xapi_statement`).
    """
    frame = events(everyone=everyone, path=path)
    statements = [xapi_statement(row, base_iri, titles, modules) for row in frame.to_dict("records")]
    target = Path(target)
    target.write_text(json.dumps(statements, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return target


def load_events(sources: Iterable[Path | str]) -> pd.DataFrame:
    """Every event in one or more record files (SQLite) or CSV exports, oldest first, without duplicates.

    The class debrief uses it to combine a shared classroom record with files learners exported at home.
    """
    frames = []
    for source in sources:
        source = Path(source)
        if not source.exists():
            raise RecordError(f"{source}: file not found")
        if source.suffix.lower() == ".csv":
            frames.append(read_csv_export(source))
        else:
            frames.append(events(everyone=True, path=source))
    if not frames:
        return events_frame([])
    combined = pd.concat(frames, ignore_index=True).drop_duplicates("event_id")
    return combined.sort_values("timestamp", kind="stable").reset_index(drop=True)
