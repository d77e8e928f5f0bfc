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
import math
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from course_lib.record.fileformat import APPLICATION_ID, COLUMNS, SCHEMA_VERSION, SQLITE_HEADER, RecordError
from course_lib.record.store import ACTIVITY_ID, VERBS, events, events_frame, to_json

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


#: Why a row of a CSV export cannot be read, by column: each check takes the cell's text and returns the value to
#: keep, or raises ValueError.
_SUCCESS = {"": None, "True": 1, "False": 0, "true": 1, "false": 0, "1": 1, "0": 0, "1.0": 1, "0.0": 0}


def _required(text: str) -> str:
    if not text.strip():
        raise ValueError("is empty")
    return text


def _timestamp(text: str) -> str:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        raise ValueError("is not a date and time (ISO 8601, as the export writes it)") from None
    return text


def _activity(text: str) -> str:
    if not ACTIVITY_ID.match(text):
        raise ValueError("is not an activity id (such as quiz:service_recovery)")
    return text


def _verb(text: str) -> str:
    if text not in VERBS:
        raise ValueError(f"is not one of the verbs {', '.join(VERBS)}")
    return text


def _response(text: str) -> str | None:
    try:
        return to_json(json.loads(text)) if text else None
    except json.JSONDecodeError:
        raise ValueError("is not JSON text") from None


def _score(text: str) -> float | None:
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise ValueError("is not a number from 0 to 100") from None
    if not math.isfinite(value) or not 0 <= value <= 100:
        raise ValueError("is not a number from 0 to 100")
    return value


def _success(text: str) -> int | None:
    if text not in _SUCCESS:
        raise ValueError("is not True, False or empty")
    return _SUCCESS[text]


_CELL_CHECKS = {"event_id": _required, "timestamp": _timestamp, "learner": _required, "activity": _activity,
                "verb": _verb, "response": _response, "score": _score, "success": _success}


def _choice_problem(activity: str, verb: str, response: str | None) -> str:
    """A role-play decision whose response holds no whole-number choice (a hand-edited ``"choice": "two"``)."""
    if not (activity.startswith("roleplay:") and verb == "chose"):
        return ""
    decision = json.loads(response) if response else None
    if not isinstance(decision, dict) or type(decision.get("choice")) is not int or decision["choice"] < 0:
        return "holds a role-play decision without a whole-number 'choice'"
    return ""


def _line_list(lines: list[int], shown: int = 8) -> str:
    text = ", ".join(str(n) for n in lines[:shown])
    return text + (f" and {len(lines) - shown} more" if len(lines) > shown else "")


@dataclass(frozen=True)
class CsvRead:
    """The events of one CSV export, and what was skipped: one line per column that held values it cannot use."""

    events: pd.DataFrame
    skipped: int
    notes: tuple[str, ...]


def read_csv_rows(source: Path | str) -> CsvRead:
    """Read a CSV written by ``export_csv``; rows holding a value that cannot be an event are skipped and named.

    The file is refused (RecordError, one line) when it cannot be a record export at all: empty, not text in
    UTF-8, not CSV, or missing a column. A row with a bad value (score "abc", choice "two", an unknown verb) is
    skipped; the notes name the file, the column and the line numbers, so the trainer can fix the file.
    """
    source = Path(source)
    try:
        frame = pd.read_csv(source, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except pd.errors.EmptyDataError:
        raise RecordError(f"{source}: the file is empty, not a record export (export it again from the "
                          "course)") from None
    except (OSError, pd.errors.ParserError, UnicodeDecodeError, ValueError) as err:
        raise RecordError(f"{source}: cannot be read as a record export ({' '.join(str(err).split())})") from None
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise RecordError(f"{source}: not a record export (missing columns: {', '.join(missing)})")
    bad: dict[tuple[str, str], list[int]] = {}
    rows = []
    for number, row in enumerate(frame[COLUMNS].itertuples(index=False, name=None), start=2):
        cells = dict(zip(COLUMNS, row, strict=True))
        values, problems = {}, []
        for column, check in _CELL_CHECKS.items():
            try:
                values[column] = check(cells[column])
            except ValueError as err:
                problems.append((column, str(err)))
        if not problems:
            choice = _choice_problem(values["activity"], values["verb"], values["response"])
            if choice:
                problems.append(("response", choice))
        for problem in problems:
            bad.setdefault(problem, []).append(number)
        if problems:
            continue
        rows.append((values["event_id"], values["timestamp"], values["learner"], values["activity"],
                     cells["module"] or None, values["verb"], values["response"], values["score"],
                     values["success"]))
    skipped = len(frame) - len(rows)
    notes = tuple(f"{source}: column '{column}' {why} on line(s) {_line_list(lines)}"
                  for (column, why), lines in bad.items())
    return CsvRead(events_frame(rows), skipped, notes)


def read_csv_export(source: Path | str) -> pd.DataFrame:
    """Read a CSV written by ``export_csv`` back into the same shape as ``events()``; refuse (RecordError) a file
    with a row it cannot read, naming the column and the lines (``read_csv_rows`` skips such rows instead)."""
    read = read_csv_rows(source)
    if read.notes:
        raise RecordError(f"{read.notes[0]}" + (f" (and {len(read.notes) - 1} more problem(s))"
                                                if len(read.notes) > 1 else ""))
    return read.events


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


def read_record_file(source: Path | str) -> pd.DataFrame:
    """Every event in a record file (SQLite), read without ever writing to it.

    ``events(path=...)`` opens a record to write to it (and creates one in an empty file); a report reads its
    inputs only, so this opens the file read-only and refuses, in one line, a file that is not a course record.
    """
    source = Path(source)
    try:
        with source.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except OSError as err:
        raise RecordError(f"{source}: cannot be read ({err.strerror})") from None
    if not head:
        raise RecordError(f"{source}: is not a course record (the file is empty; it was left unchanged)")
    if head != SQLITE_HEADER:
        raise RecordError(f"{source}: is not a course record (not an SQLite database) nor a CSV export; give a "
                          "record (.sqlite) or a .csv file the course exported")
    # Read-only; and when no other program has the record open (no -wal or -shm file beside it), immutable too:
    # SQLite then creates no -wal and -shm files either, so the folder is left exactly as it was.
    in_use = any(source.with_name(source.name + suffix).exists() for suffix in ("-wal", "-shm", "-journal"))
    options = "mode=ro" if in_use else "mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(f"{source.resolve().as_uri()}?{options}", uri=True, timeout=10)
    except sqlite3.Error as err:
        raise RecordError(f"{source}: cannot be opened ({err})") from None
    try:
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if application_id != APPLICATION_ID:
            raise RecordError(f"{source}: is not a course record (it is some other SQLite database)")
        if version > SCHEMA_VERSION:
            raise RecordError(f"{source}: written by a newer version of the course (record format {version}); "
                              "update course_lib to read it")
        rows = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM events ORDER BY seq").fetchall()
    except sqlite3.Error as err:
        raise RecordError(f"{source}: cannot be read as a course record ({err})") from None
    finally:
        conn.close()
    return events_frame(rows)


@dataclass(frozen=True)
class EventsRead:
    """What a report read: the events (oldest first, without duplicates), the files, and the rows it skipped."""

    events: pd.DataFrame
    files: int
    skipped: int = 0
    notes: tuple[str, ...] = ()


def read_events(sources: Iterable[Path | str]) -> EventsRead:
    """Every event in one or more record files (SQLite, opened read-only) or CSV exports, and what was skipped.

    A file that cannot be read at all stops with a RecordError (one line naming it); rows of a CSV export that
    hold bad values are skipped and named in ``notes``. No input is ever written.
    """
    frames, skipped, notes, files = [], 0, [], 0
    for source in sources:
        source = Path(source)
        if not source.is_file():
            raise RecordError(f"{source}: file not found" if not source.exists() else f"{source}: not a file")
        if source.suffix.lower() == ".csv":
            read = read_csv_rows(source)
            frames.append(read.events)
            skipped += read.skipped
            notes.extend(read.notes)
        else:
            frames.append(read_record_file(source))
        files += 1
    if not frames:
        return EventsRead(events_frame([]), 0)
    combined = pd.concat(frames, ignore_index=True).drop_duplicates("event_id")
    combined = combined.sort_values("timestamp", kind="stable").reset_index(drop=True)
    return EventsRead(combined, files, skipped, tuple(notes))


def load_events(sources: Iterable[Path | str]) -> pd.DataFrame:
    """Every event in one or more record files (SQLite) or CSV exports, oldest first, without duplicates.

    The class debrief uses it to combine a shared classroom record with files learners exported at home; rows a
    CSV export cannot hold are skipped (``read_events`` also says which).
    """
    return read_events(sources).events
