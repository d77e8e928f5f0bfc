"""Answers waiting to be saved: what the record does while another program holds its write lock.

A backup, a copy or another tool can hold the record's write lock for longer than a write waits (30 s). Turning
recording off then would drop every later answer too, after the lock is gone. Instead the event waits here, in
memory and in order, and each later save first writes what is waiting (one transaction, oldest first). Retries
back off (1 s, 2 s, 4 s... up to a minute) so that a long lock does not make every click wait 30 s. There is no
background thread: the next save, or nothing, writes the queue.

Each event's id is made once, when it is first recorded, and the record ignores an id it already has, so an
event is never written twice, even when a write that reported "locked" did in fact commit.

>>> fake_now = [0.0]
>>> clock = lambda: fake_now[0]
>>> queue = Waiting()
>>> def busy(rows, path): raise sqlite3.OperationalError("database is locked")
>>> save_or_wait(queue, Path("r.sqlite"), {"event_id": "a"}, busy, clock=clock)
>>> note(queue)
'1 answer is waiting to be saved: the learner record is busy; it will be saved when it is free.'
>>> saved = []
>>> save_or_wait(queue, Path("r.sqlite"), {"event_id": "b"}, lambda rows, path: saved.extend(rows), clock=clock)
>>> saved, len(queue.rows)  # too soon to try again: b waits behind a
([], 2)
>>> fake_now[0] = 1.0
>>> save_or_wait(queue, Path("r.sqlite"), {"event_id": "c"}, lambda rows, path: saved.extend(rows), clock=clock)
>>> [row["event_id"] for row in saved], note(queue)
(['a', 'b', 'c'], '')
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: At most this many events wait in memory for one record; later ones are counted as lost (the oldest are kept,
#: so what is saved stays a true beginning of what the learner did).
MAX_WAITING = 10_000
#: The first wait before trying a busy record again, doubled at each failure up to MAX_DELAY_S.
FIRST_DELAY_S = 1.0
MAX_DELAY_S = 60.0
#: How long one write waits for a lock before its event is queued; ``COURSE_RECORD_BUSY_TIMEOUT`` overrides it
#: (tests make it short).
BUSY_TIMEOUT_S = 30.0
#: The clock retries are timed with (seconds, only differences matter); tests replace it.
clock: Callable[[], float] = time.monotonic

Write = Callable[[list[dict[str, Any]], Path], Any]


def busy_timeout_s() -> float:
    """Seconds a write waits for another program's lock: ``$COURSE_RECORD_BUSY_TIMEOUT`` or BUSY_TIMEOUT_S.

    >>> busy_timeout_s() > 0
    True
    """
    configured = os.environ.get("COURSE_RECORD_BUSY_TIMEOUT", "").strip()
    try:
        return max(0.0, float(configured)) if configured else BUSY_TIMEOUT_S
    except ValueError:
        return BUSY_TIMEOUT_S


def is_busy(err: BaseException) -> bool:
    """Whether a failed write failed only because another program holds the record (worth trying again).

    >>> is_busy(sqlite3.OperationalError("database is locked")), is_busy(sqlite3.DatabaseError("malformed"))
    (True, False)
    """
    if getattr(err, "busy", False):
        return True
    message = str(err).lower()
    return isinstance(err, sqlite3.OperationalError) and ("locked" in message or "busy" in message)


def _module_clock() -> Callable[[], float]:
    return clock  # read at each call, so that a test's replacement is seen


@dataclass
class Waiting:
    """The events waiting for one record, and when to try it next."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    lost: int = 0  # events dropped because MAX_WAITING were already waiting
    delay: float = 0.0  # the current wait between tries (0: the last try worked)
    next_try: float = 0.0  # clock time before which no write is tried

    def add(self, row: dict[str, Any]) -> None:
        if len(self.rows) < MAX_WAITING:
            self.rows.append(row)
        else:
            self.lost += 1


def save_or_wait(queue: Waiting, path: Path, row: dict[str, Any], write_rows: Write, *,
                 clock: Callable[[], float] | None = None) -> None:
    """Write what waits in ``queue`` and then ``row`` (one transaction), or add ``row`` to the queue when the record
    is busy or was busy too recently. Any other error is raised (the caller switches recording off)."""
    clock = clock or _module_clock()
    if queue.rows and clock() < queue.next_try:
        queue.add(row)
        return
    try:
        write_rows([*queue.rows, row], path)
    except Exception as err:
        if not is_busy(err):
            raise
        queue.add(row)
        queue.delay = min(MAX_DELAY_S, queue.delay * 2 or FIRST_DELAY_S)
        queue.next_try = clock() + queue.delay
        return
    queue.rows.clear()
    queue.delay = queue.next_try = 0.0


def note(queue: Waiting | None) -> str:
    """Plain words for what waits (empty when nothing does); the lost count stays until the session is reset.

    >>> queue = Waiting(rows=[{}, {}], lost=3)
    >>> print(note(queue))
    2 answers are waiting to be saved: the learner record is busy; they will be saved when it is free. 3 later \
answers were not kept while it was busy (at most 10000 can wait) and are not saved.
    """
    if queue is None:
        return ""
    parts = []
    count = len(queue.rows)
    if count == 1:
        parts.append("1 answer is waiting to be saved: the learner record is busy; it will be saved when it is free.")
    elif count:
        parts.append(f"{count} answers are waiting to be saved: the learner record is busy; they will be saved when "
                     "it is free.")
    if queue.lost:
        parts.append(f"{queue.lost} later answer{'s were' if queue.lost > 1 else ' was'} not kept while it was busy "
                     f"(at most {MAX_WAITING} can wait) and {'are' if queue.lost > 1 else 'is'} not saved.")
    return " ".join(parts)
