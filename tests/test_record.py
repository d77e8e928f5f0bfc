"""The learner record: nothing lost under concurrency or a killed process; bad files get clear errors and the
course keeps running; exports have the shape an LMS imports."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from course_lib.record import export, learner
from course_lib.record import store as record
from course_lib.record.learner import LearnerNameError
from course_lib.record.store import RecordError
from course_lib.reports import exports
from course_lib.reports.catalogue import load_catalogue


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """A record of this test's own, and a session with no learner or notes left over from other tests."""
    path = tmp_path / "record.sqlite"
    monkeypatch.setenv("COURSE_RECORD", str(path))
    monkeypatch.setenv("COURSE_LEARNER_FILE", str(tmp_path / "learner.txt"))
    monkeypatch.delenv("COURSE_LEARNER", raising=False)
    record.reset_session()
    yield path
    record.reset_session()


WRITER = """
import sys
from course_lib.record import store as record
from course_lib.record.learner import set_learner
set_learner(sys.argv[1], remember=False)
for i in range(int(sys.argv[2])):
    event_id = record.record_event("quiz:service_recovery/q", "answered", response={"i": i}, score=50, success=True)
    assert event_id is not None, record.recording_note()
    print(event_id, flush=True)
"""


def _writer(name: str, count: int, env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WRITER, name, str(count)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


# --- nothing is lost ------------------------------------------------------------------------------------------


def test_eight_processes_writing_500_events_each_lose_nothing(fresh):
    env = dict(os.environ)
    writers = [_writer(f"writer {n}", 500, env) for n in range(8)]
    reported = []
    for process in writers:
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
        reported.extend(out.split())
    frame = record.events(everyone=True)
    assert len(frame) == 4000
    assert len(reported) == 4000
    assert set(frame["event_id"]) == set(reported)
    assert frame.groupby("learner").size().to_dict() == {f"writer {n}": 500 for n in range(8)}
    with sqlite3.connect(fresh) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_writer_killed_mid_stream_leaves_every_committed_event(fresh):
    record.record_event("quiz:service_recovery/q", "answered")  # create the file first
    record.close_record()
    process = _writer("victim", 100_000, dict(os.environ))
    committed = []
    deadline = time.monotonic() + 120
    while len(committed) < 300 and time.monotonic() < deadline:  # let it get well into the stream
        line = process.stdout.readline()
        if not line:
            break
        committed.append(line.strip())
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    committed.extend(line.strip() for line in process.stdout.read().splitlines() if line.strip())
    assert process.returncode == -signal.SIGKILL
    assert len(committed) >= 300, process.stderr.read()

    stored = set(record.events(everyone=True)["event_id"])
    assert set(committed) <= stored
    # at most the one event in flight was committed without being reported
    assert len(stored) - 1 - len(committed) in (0, 1)
    with sqlite3.connect(fresh) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_each_event_is_committed_at_once_and_visible_to_another_connection(fresh):
    event_id = record.record_event("quiz:service_recovery/q", "answered", response="a")
    with sqlite3.connect(fresh) as other:
        assert other.execute("SELECT count(*) FROM events WHERE event_id = ?", (event_id,)).fetchone()[0] == 1


# --- files that are not usable ---------------------------------------------------------------------------------


def _bad_files(tmp_path):
    corrupt = tmp_path / "corrupt.sqlite"
    record.write_events([{"learner": "ok", "activity": "quiz:a", "verb": "answered"}] * 50, corrupt)
    record.close_record()
    data = bytearray(corrupt.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page is overwritten
    corrupt.write_bytes(bytes(data))

    foreign = tmp_path / "shop.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE orders (id INTEGER, total REAL)")

    newer = tmp_path / "newer.sqlite"
    record.write_events([{"learner": "ok", "activity": "quiz:a", "verb": "answered"}], newer)
    record.close_record()
    with sqlite3.connect(newer) as conn:
        conn.execute(f"PRAGMA user_version = {record.SCHEMA_VERSION + 1}")

    text = tmp_path / "notes.sqlite"
    text.write_text("these are my notes, not a database\n" * 20)
    return {"corrupt": (corrupt, "damaged"), "foreign": (foreign, "some other SQLite database"),
            "newer": (newer, "newer version of the course"), "text": (text, "not an SQLite database")}


@pytest.mark.parametrize("kind", ["corrupt", "foreign", "newer", "text"])
def test_a_bad_record_file_gets_a_clear_error_and_is_left_untouched(kind, tmp_path, fresh):
    path, words = _bad_files(tmp_path)[kind]
    before = path.read_bytes()
    with pytest.raises(RecordError) as caught:
        record.events(path=path)
    assert str(path) in str(caught.value) and words in str(caught.value)
    assert path.read_bytes() == before


@pytest.mark.parametrize("kind", ["corrupt", "foreign", "newer", "text"])
def test_with_a_bad_record_the_course_runs_and_says_recording_is_off(kind, tmp_path, monkeypatch, fresh):
    path, words = _bad_files(tmp_path)[kind]
    monkeypatch.setenv("COURSE_RECORD", str(path))
    record.reset_session()
    assert record.record_event("quiz:service_recovery/q", "answered", response=1) is None
    note = record.recording_note()
    assert note.startswith("Your answers are not being saved in this session")
    assert words in note and "Everything else in the course works" in note


def test_recording_note_is_empty_when_the_record_works(fresh):
    assert record.recording_note() == ""
    assert record.record_event("quiz:service_recovery/q", "answered") is not None


def test_an_empty_file_becomes_a_record(fresh):
    fresh.write_bytes(b"")
    assert record.record_event("quiz:service_recovery/q", "answered") is not None
    assert len(record.events()) == 1


def test_record_path_comes_from_the_environment_or_the_user_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("COURSE_RECORD", str(tmp_path / "x.sqlite"))
    assert record.record_path() == (tmp_path / "x.sqlite").resolve()
    monkeypatch.delenv("COURSE_RECORD")
    assert record.record_path().name == "course_record.sqlite"
    assert "course_lib" in record.record_path().parts


# --- what record_event accepts ----------------------------------------------------------------------------------


@pytest.mark.parametrize("activity, verb, score, success, message", [
    ("Quiz service recovery", "answered", None, None, "should look like 'kind:name'"),
    ("quiz:service_recovery", "answred", None, None, "did you mean 'answered'"),
    ("quiz:service_recovery", "answered", 140, None, "percentage from 0 to 100"),
    ("quiz:service_recovery", "answered", 0.5, "yes", "True, False or None"),
])
def test_mistakes_in_a_call_are_reported_not_recorded(fresh, activity, verb, score, success, message):
    with pytest.raises(ValueError, match=message):
        record.record_event(activity, verb, score=score, success=success)
    assert not fresh.exists() or len(record.events(everyone=True)) == 0


def test_responses_round_trip_as_json(fresh):
    response = {"node": "offer", "choice": 2, "text": "I'll sort it — today", "findings": ["blame", "jargon"]}
    record.record_event("roleplay:sofa_delivery", "chose", response=response)
    assert record.events()["response"].tolist() == [response]


# --- learners ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name, message", [
    ("jo@example.com", "e-mail address"),
    ("07700 900123", "phone or staff number"),
    ("J", "2 to 30 characters"),
    ("x" * 31, "2 to 30 characters"),
    ("Robert'); DROP TABLE events;--", "contains"),
    ("<b>Bold</b>", "contains"),
    ("-dash", "start with a letter"),
    (42, "is text"),
])
def test_learner_names_that_could_identify_or_break_things_are_refused(fresh, name, message):
    with pytest.raises(LearnerNameError, match=message):
        learner.set_learner(name)


def test_the_pseudonym_is_used_for_events_and_remembered_for_the_next_session(fresh):
    assert learner.current_learner() == "anonymous"
    assert learner.set_learner("  Blue   Heron ") == "Blue Heron"
    record.record_event("quiz:service_recovery/q", "answered")
    record.reset_session()  # a new notebook, a new kernel
    assert learner.current_learner() == "Blue Heron"
    assert record.events()["learner"].tolist() == ["Blue Heron"]


def test_a_learner_sees_only_their_own_events_unless_everyone_is_asked_for(fresh):
    learner.set_learner("Ana", remember=False)
    record.record_event("quiz:service_recovery/q", "answered")
    learner.set_learner("Ben", remember=False)
    record.record_event("quiz:service_recovery/q", "answered")
    record.record_event("quiz:service_recovery/q", "answered")
    assert len(record.events()) == 2
    assert sorted(record.events(everyone=True)["learner"]) == ["Ana", "Ben", "Ben"]


# --- exports -------------------------------------------------------------------------------------------------------


def _some_events():
    learner.set_learner("River", remember=False)
    record.record_event("quiz:service_recovery/recovery_steps", "answered", response=[0, 1, 2], score=50.0,
                        success=False)
    record.record_event("roleplay:sofa_delivery", "chose", response={"node": "start", "choice": 1, "text": "Sorry"})
    record.record_event("skills:self_assessment", "completed", response={"ratings": {"patience": 4}})


def test_xapi_export_has_the_statement_shape_an_lms_imports(fresh, tmp_path):
    _some_events()
    statements = json.loads(exports.export_xapi(tmp_path / "x.json").read_text())
    assert len(statements) == 3
    for statement in statements:
        assert {"id", "actor", "verb", "object", "timestamp"} <= set(statement)
        assert statement["actor"]["account"] == {"homePage": export.BASE_IRI, "name": "River"}
        assert statement["verb"]["id"].startswith("http") and statement["verb"]["display"]["en-US"]
        assert statement["object"]["id"].startswith(export.BASE_IRI + "/activities/")
        assert statement["object"]["definition"]["name"]["en-US"]
        stamp = datetime.fromisoformat(statement["timestamp"])
        assert stamp.tzinfo is not None and stamp.utcoffset().total_seconds() == 0
        assert len(statement["id"]) == 36
    quiz = statements[0]
    assert quiz["verb"]["id"] == "http://adlnet.gov/expapi/verbs/answered"
    assert quiz["result"] == {"score": {"scaled": 0.5, "raw": 50.0, "min": 0, "max": 100}, "success": False,
                              "response": "[0, 1, 2]"}
    assert quiz["context"]["contextActivities"]["grouping"][0]["id"].endswith("/module/05")
    assert "result" in statements[1] and "score" not in statements[1]["result"]
    assert quiz["object"]["definition"]["name"]["en-US"].startswith("Put the six steps of service recovery")
    assert quiz["object"]["definition"]["type"] == "http://adlnet.gov/expapi/activities/cmi.interaction"
    assert statements[2]["object"]["definition"]["name"]["en-US"] == "Skills self-assessment"


def test_csv_export_reads_back_to_the_same_events(fresh, tmp_path):
    _some_events()
    target = exports.export_csv(tmp_path / "mine.csv")
    header = target.read_text().splitlines()[0]
    assert header == ",".join(record.COLUMNS)
    back = export.read_csv_export(target)
    original = record.events()
    assert back["event_id"].tolist() == original["event_id"].tolist()
    assert back["response"].tolist() == original["response"].tolist()
    assert back["success"].tolist() == original["success"].tolist()
    assert back["score"].isna().tolist() == original["score"].isna().tolist()


def test_load_events_combines_records_and_exports_without_duplicates(fresh, tmp_path):
    _some_events()
    csv = exports.export_csv(tmp_path / "mine.csv")
    combined = export.load_events([fresh, csv])
    assert len(combined) == 3
    with pytest.raises(RecordError, match="file not found"):
        export.load_events([tmp_path / "missing.csv"])


def test_a_csv_that_is_not_an_export_gets_a_clear_error(tmp_path):
    other = tmp_path / "other.csv"
    other.write_text("name,total\na,1\n")
    with pytest.raises(RecordError, match="not a record export .missing columns: event_id"):
        export.read_csv_export(other)


def test_the_module_of_an_event_recorded_without_one_comes_from_the_content_in_exports(fresh, tmp_path):
    modules = load_catalogue().modules
    quiz = next(activity for activity in modules if activity.startswith("quiz:"))
    record.record_event(f"{quiz}/some_question", "answered")  # no module given: the record reads no content
    record.record_event("quiz:no_such_quiz", "completed")
    assert record.events()["module"].isna().all()
    statements = json.loads(exports.export_xapi(tmp_path / "x.json").read_text())
    assert statements[0]["context"]["contextActivities"]["grouping"][0]["id"].endswith(f"/module/{modules[quiz]}")
    assert "context" not in statements[1]
    back = export.read_csv_export(exports.export_csv(tmp_path / "x.csv"))["module"]
    assert back.iloc[0] == modules[quiz] and back.isna().iloc[1]


def test_the_record_package_imports_no_content_or_activity_package():
    code = ("import sys, course_lib.record.store, course_lib.record.events, course_lib.record.export; "
            "print(sorted(m for m in sys.modules if m.startswith('course_lib.')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert eval(loaded) == ["course_lib.errors", "course_lib.record", "course_lib.record.events",  # noqa: S307
                            "course_lib.record.export", "course_lib.record.fileformat", "course_lib.record.learner",
                            "course_lib.record.queue", "course_lib.record.store"]


def test_a_process_that_only_writes_events_does_not_load_pandas(fresh):
    code = ("import sys\nfrom course_lib.record import events\n"
            "assert events.quiz_completed('service_recovery', 1, 2, 50.0, False, module='05')\n"
            "print('pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=dict(os.environ))
    assert out.stdout.strip() == "False"
    assert record.events(everyone=True)["activity"].tolist() == ["quiz:service_recovery"]


def test_the_shared_test_record_is_not_the_users_real_one():
    # set by the project's conftest.py for every pytest run, and inherited by nbval's kernels
    assert record.record_path().parent.name.startswith("course-test-record-")
    assert Path(os.environ["COURSE_LEARNER_FILE"]).parent == record.record_path().parent


def test_a_record_path_that_cannot_be_opened_is_explained(tmp_path, monkeypatch, fresh):
    folder = tmp_path / "a_folder"
    folder.mkdir()
    monkeypatch.setenv("COURSE_RECORD", str(folder))
    record.reset_session()
    assert record.record_event("quiz:service_recovery/q", "answered") is None
    note = record.recording_note()
    assert f"the learner record {folder} cannot be read (Is a directory). Point COURSE_RECORD at a file" in note


def _open_after_barrier(barrier, path, results):
    from course_lib.record import store as record_module

    record_module._connections.clear()  # a forked child must open its own connection
    barrier.wait()
    try:
        record_module.open_record(path)
        results.put("ok")
    except Exception as err:  # noqa: BLE001 - the test reports whatever went wrong
        results.put(f"{type(err).__name__}: {err}")


def test_many_kernels_opening_a_new_shared_record_at_once_all_succeed(tmp_path):
    """Regression: a process that read the header while another was creating the record took it for a foreign
    file. Eight processes start together on a fresh file, thirty times over."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    failures = []
    for trial in range(30):
        path = tmp_path / f"class_{trial}.sqlite"
        barrier, results = context.Barrier(8), context.Queue()
        workers = [context.Process(target=_open_after_barrier, args=(barrier, path, results)) for _ in range(8)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=60)
        outcomes = [results.get(timeout=10) for _ in workers]
        failures += [outcome for outcome in outcomes if outcome != "ok"]
    assert not failures, failures[:3]
