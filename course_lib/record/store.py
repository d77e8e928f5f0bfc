"""The learner record's file: one SQLite database of events, kept safe and read back as a table.

What is stored is one row per *event*: who (a pseudonym, see :mod:`course_lib.record.learner`), which activity,
what they did (a verb), and optionally what they answered, a score and whether it was a success. The shapes of
the events each activity writes are defined in one place, :mod:`course_lib.record.events` (writers for the
widgets, readers for the reports); CSV and xAPI exports are in :mod:`course_lib.record.export`. This module knows
nothing of quizzes, role-plays or reports: it only stores and reads rows.

Where the file is
    ``COURSE_RECORD`` (environment variable) names the file, else ``course_record.sqlite`` in the user's data
    folder. For a classroom on one server, the trainer points every learner at one shared file.

Why nothing is lost
    Each event is written in its own transaction, in SQLite's WAL mode: many kernels can write at once, and a
    process killed in the middle of writing leaves a file that opens with every committed event intact.

When the file is busy
    Another program holding the write lock (a backup) does not stop recording: events wait in memory and are
    written by a later save once the lock is gone (:mod:`course_lib.record.queue`); ``recording_note()`` says so.

When the file is not usable
    A file that is corrupt, written by a newer version of the course, or not a course record at all is never
    changed, and a ``COURSE_RECORD`` whose folder does not exist is not created (a typo would split a class's
    record in two). ``record_event`` then switches recording off for this session and ``recording_note()``
    says why and what to fix (every activity widget shows it); the course itself keeps working. ``events()`` and
    the exports raise :class:`RecordError` with the same explanation.

>>> import os, tempfile
>>> from course_lib.record.learner import set_learner
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
import json
import os
import re
import sqlite3
import threading
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from course_lib.record import queue as waiting
from course_lib.record.fileformat import (  # noqa: F401  (the file's format and errors, used from here)
    APPLICATION_ID,
    COLUMNS,
    SCHEMA_VERSION,
    RecordBusyError,
    RecordError,
    _check_header,
    _explain,
    _use_wal,
    _validate,
)
from course_lib.record.learner import check_learner_name, current_learner, forget_session_learner

if TYPE_CHECKING:  # pandas is imported when events are read, so that a process that only writes starts quickly
    import pandas as pd


#: The verbs activities may record (xAPI verbs: ``course_lib.record.export.VERB_IRIS`` maps each to its IRI).
VERBS = ("answered", "attempted", "chose", "completed", "experienced", "failed", "passed", "responded")


ACTIVITY_ID = re.compile(r"^[a-z][a-z0-9_]*:[a-z0-9_][a-z0-9_.-]*(?:/[a-z0-9_][a-z0-9_.-]*)*$")


_lock = threading.Lock()
_disabled: dict[Path, str] = {}  # record path -> why recording is off for this session
_connections: dict[tuple[Path, int], sqlite3.Connection] = {}
_waiting: dict[Path, waiting.Waiting] = {}  # record path -> events waiting for its lock


def default_record_path() -> Path:
    """``course_record.sqlite`` in the user's data folder (the only record whose folder the course creates)."""
    return platformdirs.user_data_path("course_lib", appauthor=False) / "course_record.sqlite"


def record_path() -> Path:
    """The record file in use: ``$COURSE_RECORD``, or ``course_record.sqlite`` in the user's data folder."""
    configured = os.environ.get("COURSE_RECORD", "").strip()
    if configured:
        return Path(configured).expanduser().resolve()
    return default_record_path()


# --- opening a record safely ---------------------------------------------------------------------------------


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
        if not path.parent.is_dir() and path != default_record_path():
            raise _explain(path, f"cannot be created: the folder {path.parent} does not exist: check COURSE_RECORD "
                           "(or create the folder)")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise _explain(path, f"cannot be created ({err.strerror})") from None
    try:
        conn = sqlite3.connect(str(path), timeout=waiting.busy_timeout_s(), isolation_level=None,
                               check_same_thread=False)
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
        if waiting.is_busy(err):
            raise RecordBusyError(f"the learner record {path} is busy ({err})") from None
        raise _explain(path, f"cannot be used ({err}). Check that its folder exists and that you may write "
                       "there.") from None
    except sqlite3.DatabaseError as err:
        conn.close()
        raise _explain(path, f"is damaged and cannot be read ({err}). Keep a copy for the trainer, then point "
                       "COURSE_RECORD at a new file.") from None
    _connections[key] = conn
    return conn


def close_record() -> None:
    """Close this process's connections (tests and long-running servers call it; learners never need to)."""
    with _lock:
        for key, conn in list(_connections.items()):
            if key[1] == os.getpid():
                conn.close()
            del _connections[key]


def reset_session() -> None:
    """Forget this session's learner, connections, waiting events and 'recording is off' notes (used by tests)."""
    close_record()
    forget_session_learner()
    _disabled.clear()
    _waiting.clear()


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

    A row whose event_id the record already holds is skipped, so writing the same events again adds nothing.

    For generators and imports (e.g. the demo class); activities use the writers of ``record.events``.
    """
    conn = open_record(path)
    values = []
    for row in rows:
        _check_event(row["activity"], row["verb"], row.get("score"), row.get("success"))
        learner = check_learner_name(row["learner"])
        values.append((
            row.get("event_id") or str(uuid.uuid4()), row.get("timestamp") or _now(), learner, row["activity"],
            row.get("module"), row["verb"], to_json(row.get("response")),
            None if row.get("score") is None else float(row["score"]),
            None if row.get("success") is None else int(bool(row["success"])),
        ))
    with _lock:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany(
                "INSERT INTO events (event_id, timestamp, learner, activity, module, verb, response, score, "
                "success) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING", values)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return len(values)


def to_json(value: Any) -> str | None:
    """A response as the JSON text the record stores (keys sorted, so equal responses give equal text)."""
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def record_event(activity: str, verb: str, response: Any = None, score: float | None = None,
                 success: bool | None = None, *, module: str | None = None) -> str | None:
    """Record one thing the learner did, in its own transaction; return the event's id (None if recording is off).

    ``activity`` is ``'kind:name'`` or ``'kind:name/part'``; ``verb`` one of VERBS; ``response`` any JSON value;
    ``score`` a percentage 0-100; ``success`` True/False/None; ``module`` the course module ("05"); the reports
    fill in a missing one from the content (the record itself never reads content). A mistake in the call
    (unknown verb, score 140) raises ValueError; a busy record keeps the event waiting (it is written by a later
    call) and a record file that cannot be used switches recording off, each with a note (``recording_note()``)
    instead of stopping the course. Activities call the writers in
    :mod:`course_lib.record.events` rather than this function, so every event of a kind has the same shape.
    """
    _check_event(activity, verb, score, success)
    to_json(response)  # fails early (TypeError) when response is not JSON-serialisable
    path = record_path()
    if path in _disabled:
        return None
    event_id = str(uuid.uuid4())  # made once: a retry writes the same id, which the record never stores twice
    row = {"event_id": event_id, "timestamp": _now(), "learner": current_learner(), "activity": activity,
           "verb": verb, "response": response, "score": score, "success": success, "module": module}
    try:
        waiting.save_or_wait(_waiting.setdefault(path, waiting.Waiting()), path, row, write_events)
    except RecordError as err:
        _disabled[path] = str(err)
        return None
    except sqlite3.Error as err:
        _disabled[path] = f"the learner record {path} could not be written ({err})"
        return None
    return event_id


def _checked_path() -> Path:
    """The record path, opened once so that a bad file is noticed before the first activity, not after it."""
    path = record_path()
    if path not in _disabled:
        try:
            open_record(path)
        except RecordBusyError:
            pass  # busy now: the next save tries again
        except RecordError as err:
            _disabled[path] = str(err)
    return path


def record_state() -> str:
    """'saving' (answers are saved), 'waiting' (some wait for a busy record) or 'off' (see ``recording_note()``).

    >>> record_state() in ("saving", "waiting", "off")
    True
    """
    path = _checked_path()
    if path in _disabled:
        return "off"
    return "waiting" if _waiting.get(path) and _waiting[path].rows else "saving"


def recording_note() -> str:
    """Plain text saying why answers are not saved, or that some wait (empty when all is saved). Activity widgets
    show it, and refresh it after each save."""
    path = _checked_path()
    if path in _disabled:
        reason = _disabled[path].rstrip(".")
        return (f"Your answers are not being saved in this session: {reason}. "
                "Everything else in the course works as usual.")
    return waiting.note(_waiting.get(path))


# --- reading --------------------------------------------------------------------------------------------


def events_frame(rows: list[tuple]) -> pd.DataFrame:
    """Rows as stored (COLUMNS, response as JSON text) as the table ``events()`` returns."""
    import pandas as pd

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
    return events_frame(rows)


def my_events() -> pd.DataFrame:
    """Your events for an activity view to read: like ``events()``, but an empty table when the record cannot be
    used (``recording_note()`` says why), so that a view still opens.

    >>> list(my_events().columns) == COLUMNS
    True
    """
    try:
        return events()
    except RecordError:
        return events_frame([])
