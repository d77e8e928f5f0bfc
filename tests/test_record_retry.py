"""The record keeps trying: a lock held by another program makes answers wait, not vanish.

Another connection holding ``BEGIN EXCLUSIVE`` stands in for a backup; the busy timeout is cut to 50 ms and the
retry clock is a number the test moves, so nothing here depends on the wall clock.
"""

import sqlite3
from contextlib import contextmanager

import pytest

import course_lib
from course_lib.quizzes import quiz_names
from course_lib.record import queue
from course_lib.record import store as record
from course_lib.roleplays import shipped_scenarios
from tests.test_quiz_widget import answer_correctly

WAITING = "the learner record is busy; {} will be saved when it is free"


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(own_record, monkeypatch):
    """A fresh record that exists, a 50 ms busy timeout, and a retry clock the test moves by hand."""
    monkeypatch.setenv("COURSE_RECORD_BUSY_TIMEOUT", "0.05")
    record.close_record()  # connections opened from now on wait 50 ms for a lock
    fake = FakeClock()
    monkeypatch.setattr(queue, "clock", fake)
    assert record.recording_note() == ""  # creates the record
    return fake


@contextmanager
def held_lock(path=None):
    """Another program (a backup, say) holding the record's write lock."""
    other = sqlite3.connect(str(path or record.record_path()), isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def _record(n):
    return record.record_event(f"quiz:retry/q{n}", "answered", response=n, score=100, success=True)


def _saved_ids():
    return record.events(everyone=True)["event_id"].tolist()


def test_events_wait_while_the_record_is_locked_and_are_saved_once_in_order_after(clock):
    with held_lock():
        ids = [_record(n) for n in range(3)]
        assert all(ids) and len(set(ids)) == 3
        assert _saved_ids() == []  # readers still read under a write lock
        assert record.record_state() == "waiting"
        assert record.recording_note() == ("3 answers are waiting to be saved: " + WAITING.format("they") + ".")
    ids.append(_record(3))  # lock gone, but within the backoff: waits too, no write is tried
    assert _saved_ids() == [] and record.record_state() == "waiting"
    clock.now = queue.FIRST_DELAY_S
    ids.append(_record(4))
    assert _saved_ids() == ids  # every event once, oldest first
    assert record.record_state() == "saving" and record.recording_note() == ""
    ids.append(_record(5))
    assert _saved_ids() == ids


def test_one_waiting_answer_is_named_in_the_singular(clock):
    with held_lock():
        _record(0)
        assert record.recording_note() == "1 answer is waiting to be saved: " + WAITING.format("it") + "."


def test_retries_back_off_up_to_a_cap(clock, monkeypatch):
    tries = []
    real_write = record.write_events

    def counting_write(rows, path=None):
        tries.append(clock.now)
        return real_write(rows, path)

    monkeypatch.setattr(record, "write_events", counting_write)
    with held_lock():
        for step in range(40):
            clock.now = step * 10.0
            _record(step)
    gaps = [later - earlier for earlier, later in zip(tries, tries[1:], strict=False)]
    assert gaps[:3] == [10.0, 10.0, 10.0]  # 1, 2, 4... s waits are each over before the next 10 s step
    assert gaps[-1] == 60.0 and max(gaps) == queue.MAX_DELAY_S  # the wait grows, then stops growing
    assert len(tries) < 40
    clock.now += queue.MAX_DELAY_S
    _record(40)
    assert len(_saved_ids()) == 41


def test_a_write_that_is_tried_again_never_stores_an_event_twice(clock):
    row = {"event_id": "the-same-id", "learner": "Tester", "activity": "quiz:retry/q", "verb": "answered"}
    record.write_events([row])
    record.write_events([row])
    assert _saved_ids() == ["the-same-id"]


def test_at_most_max_waiting_events_wait_the_oldest_are_kept_and_the_note_counts_the_rest(clock, monkeypatch):
    monkeypatch.setattr(queue, "MAX_WAITING", 3)
    with held_lock():
        ids = [_record(n) for n in range(5)]
        note = record.recording_note()
        assert note.startswith("3 answers are waiting to be saved")
        assert "2 later answers were not kept while it was busy (at most 3 can wait) and are not saved." in note
    clock.now = queue.FIRST_DELAY_S
    last = _record(5)
    assert _saved_ids() == [*ids[:3], last]
    assert record.record_state() == "saving"
    assert record.recording_note().startswith("2 later answers were not kept")  # a loss is never silent


def test_a_new_record_locked_before_it_is_set_up_waits_too(tmp_path, clock, monkeypatch):
    path = tmp_path / "new.sqlite"
    monkeypatch.setenv("COURSE_RECORD", str(path))
    with held_lock(path):
        event_id = _record(0)
        assert event_id and record.record_state() == "waiting"
    clock.now = queue.FIRST_DELAY_S
    assert _record(1) and len(_saved_ids()) == 2


def test_a_damaged_file_still_switches_recording_off(tmp_path, clock, monkeypatch):
    path = tmp_path / "damaged.sqlite"
    path.write_bytes(b"not a database at all" * 10)
    monkeypatch.setenv("COURSE_RECORD", str(path))
    assert _record(0) is None
    assert record.record_state() == "off"
    assert "not being saved" in record.recording_note()


def test_a_roleplay_says_its_choices_wait_and_then_that_all_is_saved(clock):
    activity = course_lib.roleplay(shipped_scenarios()[0])
    assert activity.note in activity.children and activity.note.value == ""
    with held_lock():
        activity.choice_buttons[0].click()
        assert "1 answer is waiting to be saved" in activity.note.value
    clock.now = queue.FIRST_DELAY_S
    activity.back_button.click()
    activity.choice_buttons[0].click()
    assert activity.note.value == ""
    saved = record.events(everyone=True)
    assert len(saved) == 2 and saved["verb"].tolist() == ["chose", "chose"]


def test_a_quiz_opened_before_the_lock_says_its_answers_wait_and_then_are_saved(clock):
    activity = course_lib.quiz(quiz_names()[0])
    assert activity.note.value == ""
    with held_lock():
        answer_correctly(activity)
        activity.check_button.click()
        assert "1 answer is waiting to be saved" in activity.note.value
    clock.now = queue.FIRST_DELAY_S
    activity.next_button.click()  # the next question, or the summary: either way one more save
    if not activity.check_button.disabled:
        answer_correctly(activity)
        activity.check_button.click()
    assert activity.note.value == ""
    assert len(record.events(everyone=True)) == 2


def test_a_course_record_in_a_missing_folder_is_not_created(tmp_path, monkeypatch, own_record):
    folder = tmp_path / "cuorse"
    monkeypatch.setenv("COURSE_RECORD", str(folder / "record.sqlite"))
    assert _record(0) is None
    assert not folder.exists()
    assert record.record_state() == "off"
    assert f"the folder {folder} does not exist: check COURSE_RECORD" in record.recording_note()


def test_the_default_record_folder_is_created_when_missing(tmp_path, monkeypatch, own_record):
    default = tmp_path / "user-data" / "course_lib" / "course_record.sqlite"
    monkeypatch.delenv("COURSE_RECORD")
    monkeypatch.setattr(record, "default_record_path", lambda: default)
    assert record.record_path() == default
    assert _record(0) is not None
    assert default.exists() and record.record_state() == "saving"


def test_the_busy_timeout_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("COURSE_RECORD_BUSY_TIMEOUT", "0.25")
    assert queue.busy_timeout_s() == 0.25
    monkeypatch.setenv("COURSE_RECORD_BUSY_TIMEOUT", "soon")
    assert queue.busy_timeout_s() == queue.BUSY_TIMEOUT_S
