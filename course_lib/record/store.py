"""The learner record: every activity a learner does, kept safely in one SQLite file.

What is stored is one row per *event*: who (a pseudonym the learner picks, nothing else about them), which
activity, what they did (a verb), and optionally what they answered, a score and whether it was a success.
The record feeds ``my_progress()``, the trainer's class debrief (``course report``) and exports an LMS can
import (CSV, xAPI statements).

Where the file is
    ``COURSE_RECORD`` (environment variable) names the file; by default it is ``course_record.sqlite`` in the
    user's data folder. For a classroom on one server, the trainer points every learner at one shared file.

Why nothing is lost
    Each event is written in its own transaction, in SQLite's WAL mode: many kernels can write at once, and a
    process killed in the middle of writing leaves a file that opens with every committed event intact.

When the file is not usable
    A file that is corrupt, written by a newer version of the course, or not a course record at all is never
    changed. ``record_event`` then switches recording off for this session and ``recording_note()`` returns a
    note saying why (every activity widget shows it); the course itself keeps working. ``events()`` and the
    exports raise :class:`RecordError` with the same explanation.

How activities report what happened (the one call: ``record_event``)
    ``record_event(activity, verb, response=None, score=None, success=None)``

    (it can be passed as an ``on_event`` hook as it is). The event's module is found from the content: a quiz's
    ``module``, the ``module`` key of ``content/scenarios/SCENARIO.yaml`` (role-plays) or
    ``content/coach/EXERCISE.yaml`` (coach exercises); pass ``module="05"`` to say it explicitly.

    - ``activity``: ``"KIND:NAME"`` or ``"KIND:NAME/PART"`` (lower-case ids),
      e.g. ``"quiz:service_recovery/first_step"``.
    - ``verb``: one of :data:`VERBS` (xAPI verbs; the export maps each to its IRI).
    - ``response``: anything JSON can hold (text, number, list, dict); stored as JSON.
    - ``score``: a percentage from 0 to 100 (exported as xAPI ``score.scaled`` = score / 100 and ``score.raw``).
    - ``success``: True, False or None.

    The shapes each kind of activity uses (the class debrief reads these; see ``course_lib.reports.debrief``):

    ============================  ============  ===============================================================
    activity                      verb          response / score / success
    ============================  ============  ===============================================================
    ``roleplay:SCENARIO``         ``chose``     ``{"node": NODE_ID, "choice": INDEX (0-based), "text": TEXT}``
    ``roleplay:SCENARIO``         ``completed`` ``{"ending": ENDING_ID}``; score 0-100; success
    ``quiz:QUIZ/QUESTION``        ``answered``  ``{"answer": ANSWER, "text": ...}`` (``quiz.answer_for_record``);
                                                score; success
    ``quiz:QUIZ``                 ``completed`` ``{"correct": N, "questions": M}``; score; success
    ``coach:EXERCISE``            ``attempted`` ``{"findings": [KIND, ...]}`` (the kinds of finding); score
    ``skills:self_assessment``    ``completed`` ``{"ratings": {SKILL_ID: 1-5, ...}}``
    ``plan:PLAN``                 ``completed`` ``{"actions": [{finding, action, owner, due, measure, target}]}``;
                                                success True (every action complete)
    ``plan:PLAN``                 ``responded`` the same, for a draft (saved on every change); success False
    ``coding:survey_comments``    ``completed`` ``{"agreed": N, "comments": M, "tagger_agreed": T, "coding":
                                                {CONTACT_ID: [THEME, ...]}}``; score (% agreeing with the key)
    ============================  ============  ===============================================================

>>> import os, tempfile
>>> saved = os.environ.get("COURSE_RECORD", "")
>>> os.environ["COURSE_RECORD"] = os.path.join(tempfile.mkdtemp(), "demo.sqlite")  # a record of our own
>>> set_learner("River", remember=False)
'River'
>>> event_id = record_event("quiz:service_recovery/first_step", "answered", response=1, score=100, success=True)
>>> events()[["learner", "activity", "verb", "score", "success"]]
  learner                          activity      verb  score success
0   River  quiz:service_recovery/first_step  answered  100.0    True
>>> reset_session(); os.environ["COURSE_RECORD"] = saved  # back to the usual record
"""

from __future__ import annotations

import difflib
import functools
import json
import os
import re
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import platformdirs

from course_lib.errors import CourseError

#: The record format this version writes and reads; a file with a higher number came from a newer course.
SCHEMA_VERSION = 1
#: Marks an SQLite file as a course record (``PRAGMA application_id``): the bytes of "CSRC".
APPLICATION_ID = 0x43535243
#: Where xAPI activity ids and the learner's account live (an LMS only needs them to be stable IRIs).
BASE_IRI = "https://open-course.example.org/customer-service"
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 30.0

#: The verbs activities may record, with their xAPI IRI (ADL vocabulary where it has one).
VERBS: dict[str, str] = {
    "answered": "http://adlnet.gov/expapi/verbs/answered",
    "attempted": "http://adlnet.gov/expapi/verbs/attempted",
    "chose": "http://id.tincanapi.com/verb/selected",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "experienced": "http://adlnet.gov/expapi/verbs/experienced",
    "failed": "http://adlnet.gov/expapi/verbs/failed",
    "passed": "http://adlnet.gov/expapi/verbs/passed",
    "responded": "http://adlnet.gov/expapi/verbs/responded",
}

COLUMNS = ["event_id", "timestamp", "learner", "activity", "module", "verb", "response", "score", "success"]

ACTIVITY_ID = re.compile(r"^[a-z][a-z0-9_]*:[a-z0-9_][a-z0-9_.-]*(?:/[a-z0-9_][a-z0-9_.-]*)*$")
DEFAULT_LEARNER = "anonymous"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id  TEXT NOT NULL UNIQUE,
    timestamp TEXT NOT NULL,
    learner   TEXT NOT NULL,
    activity  TEXT NOT NULL,
    module    TEXT,
    verb      TEXT NOT NULL,
    response  TEXT,
    score     REAL CHECK (score IS NULL OR (score >= 0 AND score <= 100)),
    success   INTEGER CHECK (success IS NULL OR success IN (0, 1))
);
CREATE INDEX IF NOT EXISTS events_by_learner ON events (learner, activity);
"""


class RecordError(CourseError):
    """The record file cannot be used (corrupt, from a newer version, not a record); the message says why."""


class LearnerNameError(CourseError, ValueError):
    """The pseudonym a learner typed is not acceptable; the message says what to change."""


_lock = threading.Lock()
_learner: str | None = None
_disabled: dict[Path, str] = {}  # record path -> why recording is off for this session
_connections: dict[tuple[Path, int], sqlite3.Connection] = {}


# --- where the record is, and who the learner is -------------------------------------------------------------


def record_path() -> Path:
    """The record file in use: ``$COURSE_RECORD``, or ``course_record.sqlite`` in the user's data folder."""
    configured = os.environ.get("COURSE_RECORD", "").strip()
    if configured:
        return Path(configured).expanduser().resolve()
    return platformdirs.user_data_path("course_lib", appauthor=False) / "course_record.sqlite"


def _learner_file() -> Path:
    configured = os.environ.get("COURSE_LEARNER_FILE", "").strip()
    if configured:
        return Path(configured).expanduser()
    return platformdirs.user_config_path("course_lib", appauthor=False) / "learner.txt"


def check_learner_name(name: object) -> str:
    """The pseudonym, tidied; raise LearnerNameError saying what to change when it is not acceptable.

    A pseudonym is 2 to 30 letters, digits, spaces, dots, dashes or underscores. It must not look like an e-mail
    address or a phone or staff number: the record keeps no personal data.

    >>> check_learner_name("  Blue Heron ")
    'Blue Heron'
    >>> check_learner_name("sam@example.com")
    Traceback (most recent call last):
    ...
    course_lib.record.store.LearnerNameError: 'sam@example.com' looks like an e-mail address: pick a nickname instead \
(the record keeps no personal data)
    """
    if not isinstance(name, str):
        raise LearnerNameError(f"a pseudonym is text, like 'Blue Heron', not {name!r}")
    cleaned = " ".join(name.split())
    if "@" in cleaned:
        raise LearnerNameError(f"'{cleaned}' looks like an e-mail address: pick a nickname instead "
                               "(the record keeps no personal data)")
    if sum(ch.isdigit() for ch in cleaned) >= 5:
        raise LearnerNameError(f"'{cleaned}' looks like a phone or staff number: pick a nickname with at most "
                               "4 digits (the record keeps no personal data)")
    if not 2 <= len(cleaned) <= 30:
        raise LearnerNameError(f"a pseudonym has 2 to 30 characters; '{cleaned}' has {len(cleaned)}")
    bad = sorted({ch for ch in cleaned if not (ch.isalnum() or ch in " ._-")})
    if bad:
        raise LearnerNameError(f"'{cleaned}' contains {' '.join(repr(ch) for ch in bad)}: use letters, digits, "
                               "spaces, dots, dashes or underscores")
    if not cleaned[0].isalnum():
        raise LearnerNameError(f"'{cleaned}' should start with a letter or a digit")
    return cleaned


def set_learner(name: str, *, remember: bool = True) -> str:
    """Record this session's activities under ``name``, a pseudonym you choose (no other personal data is kept).

    With ``remember=True`` the pseudonym is also saved in your settings folder, so the next notebook you open
    uses it too. Returns the pseudonym as it will be recorded.
    """
    global _learner
    cleaned = check_learner_name(name)
    _learner = cleaned
    if remember:
        try:
            target = _learner_file()
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(cleaned + "\n", encoding="utf-8")
        except OSError:
            pass  # remembering is a convenience; the session still uses the pseudonym
    return cleaned


def current_learner() -> str:
    """The pseudonym events are recorded under: ``set_learner``'s, else ``$COURSE_LEARNER``, else the one
    remembered from an earlier session, else ``'anonymous'``."""
    if _learner:
        return _learner
    for candidate in (os.environ.get("COURSE_LEARNER", ""), _remembered_learner()):
        try:
            return check_learner_name(candidate)
        except LearnerNameError:
            continue
    return DEFAULT_LEARNER


def _remembered_learner() -> str:
    try:
        return _learner_file().read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return ""


# --- opening a record safely ---------------------------------------------------------------------------------


def _explain(path: Path, what: str) -> RecordError:
    return RecordError(f"the learner record {path} {what}")


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    except OSError as err:
        raise _explain(path, f"cannot be read ({err.strerror}). Point COURSE_RECORD at a file you may "
                       "write to.") from None
    if head and head != SQLITE_HEADER:
        raise _explain(path, "is not a course record (it is not an SQLite database at all). "
                       "Point COURSE_RECORD at another file, or move this one away.")


def _initialise(conn: sqlite3.Connection) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if application_id == 0 and tables == 0:
            # statement by statement: executescript would commit and end this transaction
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def open_record(path: Path | str | None = None, *, create: bool = True) -> sqlite3.Connection:
    """A connection to a checked course record (created when missing and ``create``); raise RecordError when
    the file is corrupt, from a newer version, or not a record. The file is never changed in those cases."""
    path = Path(path).expanduser().resolve() if path is not None else record_path()
    key = (path, os.getpid())
    if key in _connections:
        return _connections[key]
    _check_header(path)
    if not path.exists():
        if not create:
            raise _explain(path, "does not exist")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise _explain(path, f"cannot be created ({err.strerror})") from None
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as err:
        raise _explain(path, f"cannot be opened ({err})") from None
    try:
        _validate(conn, path)
        _use_wal(conn)
        conn.execute("PRAGMA synchronous = FULL")
    except RecordError:
        conn.close()
        raise
    except sqlite3.OperationalError as err:  # cannot open, locked for too long, read-only folder...
        conn.close()
        raise _explain(path, f"cannot be used ({err}). Check that its folder exists and that you may write "
                       "there.") from None
    except sqlite3.DatabaseError as err:
        conn.close()
        raise _explain(path, f"is damaged and cannot be read ({err}). Keep a copy for the trainer, then point "
                       "COURSE_RECORD at a new file.") from None
    _connections[key] = conn
    return conn


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch the file to WAL mode (it stays so). The switch needs the file to itself and SQLite does not wait
    for that, so when other kernels are opening the same new record at that moment, try again for a while."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        try:
            if conn.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower() == "wal":
                break
        except sqlite3.OperationalError as err:
            if "locked" not in str(err):
                raise
        if time.monotonic() > deadline:
            raise sqlite3.OperationalError("database is locked (could not switch it to WAL mode)")
        time.sleep(0.01)


def _header(conn: sqlite3.Connection) -> tuple[int, int, int]:
    """application_id, user_version and the number of tables, read in one snapshot.

    Read one by one, another process could finish creating the record between two reads (seen with eight
    kernels opening a new shared record at once), and a half-old, half-new view looks like a foreign file.
    """
    conn.execute("BEGIN")
    try:
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    finally:
        conn.execute("COMMIT")
    return application_id, version, tables


def _validate(conn: sqlite3.Connection, path: Path) -> None:
    application_id, version, tables = _header(conn)
    if application_id == 0 and version == 0 and tables == 0:
        _initialise(conn)
        application_id, version, tables = _header(conn)
    if application_id != APPLICATION_ID:
        raise _explain(path, "is not a course record (it is some other SQLite database). Point COURSE_RECORD "
                       "at another file.")
    if version > SCHEMA_VERSION:
        raise _explain(path, f"was written by a newer version of the course (record format {version}; this "
                       f"version reads format {SCHEMA_VERSION} and older). Update course_lib to use it.")
    check = conn.execute("PRAGMA quick_check").fetchone()[0]
    if check != "ok":
        raise _explain(path, f"is damaged ({check}). Keep a copy for the trainer, then point COURSE_RECORD at "
                       "a new file.")
    columns = {row[1] for row in conn.execute("PRAGMA table_info(events)")}
    if not set(COLUMNS) <= columns:
        raise _explain(path, "is damaged (its events table lacks columns "
                       f"{', '.join(sorted(set(COLUMNS) - columns))})")


def close_record() -> None:
    """Close this process's connections (tests and long-running servers call it; learners never need to)."""
    with _lock:
        for key, conn in list(_connections.items()):
            if key[1] == os.getpid():
                conn.close()
            del _connections[key]


def reset_session() -> None:
    """Forget this session's learner, connections and 'recording is off' notes (used by tests)."""
    global _learner
    close_record()
    _learner = None
    _disabled.clear()


# --- writing -------------------------------------------------------------------------------------------------


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _check_event(activity: str, verb: str, score: float | None, success: bool | None) -> None:
    if not isinstance(activity, str) or not ACTIVITY_ID.match(activity):
        raise ValueError(f"activity {activity!r} should look like 'kind:name' or 'kind:name/part' "
                         "(lower-case letters, digits and underscores), e.g. 'quiz:service_recovery/first_step'")
    if verb not in VERBS:
        close = difflib.get_close_matches(str(verb), VERBS, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else f"; use one of: {', '.join(VERBS)}"
        raise ValueError(f"unknown verb {verb!r}{hint}")
    if score is not None and (isinstance(score, bool) or not isinstance(score, int | float) or not 0 <= score <= 100):
        raise ValueError(f"score is a percentage from 0 to 100, not {score!r}")
    if success not in (None, True, False):
        raise ValueError(f"success is True, False or None, not {success!r}")


def write_events(rows: Iterable[dict[str, Any]], path: Path | str | None = None) -> int:
    """Append complete event rows (with their own timestamps and ids) in one transaction; return how many.

    For generators and imports (e.g. the synthetic classroom); activities use ``record_event``.
    """
    conn = open_record(path)
    values = []
    for row in rows:
        _check_event(row["activity"], row["verb"], row.get("score"), row.get("success"))
        learner = check_learner_name(row["learner"])
        values.append((
            row.get("event_id") or str(uuid.uuid4()), row.get("timestamp") or _now(), learner, row["activity"],
            row.get("module"), row["verb"], _to_json(row.get("response")), _float(row.get("score")),
            _bool_int(row.get("success")),
        ))
    with _lock:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany(
                "INSERT INTO events (event_id, timestamp, learner, activity, module, verb, response, score, "
                "success) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", values)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return len(values)


def _to_json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _bool_int(value: Any) -> int | None:
    return None if value is None else int(bool(value))


def record_event(activity: str, verb: str, response: Any = None, score: float | None = None,
                 success: bool | None = None, *, module: str | None = None) -> str | None:
    """Record one thing the learner did, in its own transaction; return the event's id (None if recording is off).

    ``activity`` is ``'kind:name'`` or ``'kind:name/part'``; ``verb`` one of VERBS; ``response`` any JSON value;
    ``score`` a percentage 0-100; ``success`` True/False/None; ``module`` the course module ("05"), found from
    the content when not given. A mistake in the call (unknown verb, score 140) raises ValueError; a record file
    that cannot be used switches recording off with a note (``recording_note()``) instead of stopping the course.
    """
    _check_event(activity, verb, score, success)
    _to_json(response)  # fails early (TypeError) when response is not JSON-serialisable
    path = record_path()
    if path in _disabled:
        return None
    event_id = str(uuid.uuid4())
    row = {"event_id": event_id, "learner": current_learner(), "activity": activity, "verb": verb,
           "response": response, "score": score, "success": success,
           "module": module if module is not None else module_of(activity)}
    try:
        write_events([row], path)
    except RecordError as err:
        _disabled[path] = str(err)
        return None
    except sqlite3.Error as err:
        _disabled[path] = f"the learner record {path} could not be written ({err})"
        return None
    return event_id


def recording_note() -> str:
    """Plain text saying why recording is off (empty when it works). Activity widgets show it.

    It opens the record once, so a bad file is noticed before the first activity, not after it.
    """
    path = record_path()
    if path not in _disabled:
        try:
            open_record(path)
        except RecordError as err:
            _disabled[path] = str(err)
    if path in _disabled:
        reason = _disabled[path].rstrip(".")
        return (f"Your answers are not being saved in this session: {reason}. "
                "Everything else in the course works as usual.")
    return ""


def module_of(activity: str) -> str | None:
    """The course module an activity belongs to, from the content files ("05"), or None when unknown.

    >>> module_of("quiz:service_recovery/first_step")
    '05'
    >>> module_of("skills:self_assessment")
    '01'
    """
    kind, _, rest = activity.partition(":")
    return _module_of(kind, rest.split("/", 1)[0])


@functools.lru_cache(maxsize=256)
def _module_of(kind: str, name: str) -> str | None:
    if kind == "skills":
        return "01"
    if kind == "quiz":
        from course_lib.quizzes.quiz import quiz_modules

        return quiz_modules().get(name)
    if kind == "plan":
        from course_lib.plans.actions import load_plans

        try:
            plan = load_plans().get(name)
        except CourseError:
            return None
        return plan.module if plan is not None else None
    if kind == "coach":
        from course_lib.coaching.exercises import load_exercises

        try:
            exercise = load_exercises().get(name)
        except CourseError:
            return None
        return exercise.module if exercise is not None else None
    from course_lib.contentfile.files import CONTENT_DIR, read_yaml

    candidate = CONTENT_DIR / "scenarios" / f"{name}.yaml" if kind == "roleplay" else None
    if candidate is not None and candidate.exists():
        try:
            raw = read_yaml(candidate)
        except CourseError:
            return None
        module = raw.get("module") if isinstance(raw, dict) else None
        return None if module is None else str(module).zfill(2)
    return None


# --- reading and exporting -----------------------------------------------------------------------------------


def _frame(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["response"] = frame["response"].astype(object).map(lambda text: json.loads(text) if isinstance(text, str)
                                                             else None)
    frame["score"] = frame["score"].astype("float64")
    frame["success"] = pd.Series([None if v is None or pd.isna(v) else bool(v) for v in frame["success"]],
                                 index=frame.index, dtype=object)
    return frame


def events(*, everyone: bool = False, path: Path | str | None = None) -> pd.DataFrame:
    """Your recorded events, oldest first, as a DataFrame (``everyone=True``: every learner in the file).

    Columns: event_id, timestamp (ISO 8601, UTC), learner, activity, module, verb, response (decoded JSON),
    score (0-100), success.
    """
    conn = open_record(path)
    query = f"SELECT {', '.join(COLUMNS)} FROM events"
    params: tuple = ()
    if not everyone:
        query += " WHERE learner = ?"
        params = (current_learner(),)
    with _lock:
        rows = conn.execute(query + " ORDER BY seq", params).fetchall()
    return _frame(rows)


def my_events() -> pd.DataFrame:
    """Your events for an activity view to read: like ``events()``, but an empty table when the record cannot be
    used (``recording_note()`` says why), so that a view still opens.

    >>> list(my_events().columns) == COLUMNS
    True
    """
    try:
        return events()
    except RecordError:
        return _frame([])


def export_csv(target: Path | str, *, everyone: bool = False, path: Path | str | None = None) -> Path:
    """Write the events to a CSV file (response as JSON text) and return its path.

    The class debrief reads such files back (``course report a.csv b.csv``).
    """
    frame = events(everyone=everyone, path=path)
    frame["response"] = frame["response"].map(_to_json)
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
            response = _to_json(json.loads(row.response)) if row.response else None
        except json.JSONDecodeError:
            raise RecordError(f"{source}:{number}: column 'response' is not JSON: {row.response[:60]!r}") from None
        success = row.success
        if isinstance(success, str):
            success = {"True": 1, "False": 0, "": None}.get(success, success)
        rows.append((row.event_id, row.timestamp, row.learner, row.activity, row.module or None, row.verb,
                     response, None if pd.isna(row.score) else float(row.score),
                     None if success is None or pd.isna(success) else int(bool(success))))
    return _frame(rows)


#: xAPI activity types (ADL vocabulary) by kind of activity; a part of a quiz is a question (an interaction).
ACTIVITY_TYPES = {
    "quiz": "http://adlnet.gov/expapi/activities/assessment",
    "question": "http://adlnet.gov/expapi/activities/cmi.interaction",
    "roleplay": "http://adlnet.gov/expapi/activities/simulation",
    "coach": "http://adlnet.gov/expapi/activities/interaction",
    "skills": "http://adlnet.gov/expapi/activities/assessment",
}


def activity_titles() -> dict[str, str]:
    """Human-readable names for the shipped activities (quizzes, their questions, the self-assessment, ...)."""
    from course_lib.quizzes.quiz import load_quiz, quiz_modules
    from course_lib.reports.progress import activity_catalogue

    titles = dict(zip(*[activity_catalogue()[c] for c in ("activity", "title")], strict=True))
    for name in quiz_modules():
        for question in load_quiz(name).questions:
            titles[f"quiz:{name}/{question.id}"] = question.prompt
    return titles


def xapi_statement(event: dict[str, Any], base_iri: str = BASE_IRI,
                   titles: dict[str, str] | None = None) -> dict[str, Any]:
    """One event as an xAPI statement (actor, verb, object, result, timestamp, id), the shape an LMS imports.

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
        "verb": {"id": VERBS[event["verb"]], "display": {"en-US": event["verb"]}},
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
    if module:
        statement["context"] = {"contextActivities": {"grouping": [
            {"objectType": "Activity", "id": f"{base_iri}/activities/module/{module}"}]}}
    return statement


def export_xapi(target: Path | str, *, everyone: bool = False, path: Path | str | None = None,
                base_iri: str = BASE_IRI) -> Path:
    """Write the events as a JSON list of xAPI statements (for an LMS or learning record store)."""
    frame = events(everyone=everyone, path=path)
    titles = activity_titles()
    statements = [xapi_statement(row, base_iri, titles) for row in frame.to_dict("records")]
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
        return _frame([])
    combined = pd.concat(frames, ignore_index=True).drop_duplicates("event_id")
    return combined.sort_values("timestamp", kind="stable").reset_index(drop=True)
