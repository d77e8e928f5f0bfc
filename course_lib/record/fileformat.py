"""What makes a file a course record, and how one is checked before anything is written to it.

:mod:`course_lib.record.store` opens the file and calls these; they are apart so each module stays short. A file
that fails a check is never changed: the check raises :class:`RecordError` saying why and what to do.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from course_lib.errors import CourseError
from course_lib.record import queue as waiting

#: The record format this version writes and reads; a file with a higher number came from a newer course.
SCHEMA_VERSION = 1
#: Marks an SQLite file as a course record (``PRAGMA application_id``): the bytes of "CSRC".
APPLICATION_ID = 0x43535243
SQLITE_HEADER = b"SQLite format 3\x00"

COLUMNS = ["event_id", "timestamp", "learner", "activity", "module", "verb", "response", "score", "success"]

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


class RecordBusyError(RecordError):
    """Another program holds the record's lock for now (worth trying again later)."""

    busy = True


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



def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch the file to WAL mode (it stays so). The switch needs the file to itself and SQLite does not wait
    for that, so when other kernels are opening the same new record at that moment, try again for a while."""
    deadline = time.monotonic() + waiting.busy_timeout_s()
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


