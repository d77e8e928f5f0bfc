"""Progress per module: the pure table and the view on top of it."""

import math
import re

import pandas as pd

import course_lib
from course_lib.record import store as record
from course_lib.reports.progress import progress_table


def log(*rows):
    return pd.DataFrame(rows, columns=["activity", "module", "verb", "score"])


CATALOGUE = pd.DataFrame({"activity": ["quiz:a", "quiz:b", "roleplay:c"], "module": ["05", "05", "04"],
                          "title": ["A", "B", "C"]})


def test_completion_counts_finished_activities_against_the_catalogue():
    table = progress_table(log(("quiz:a/q1", "05", "answered", 100.0), ("quiz:a", "05", "completed", 60.0)),
                           CATALOGUE).set_index("module")
    assert table.loc["05", "activities"] == 2 and table.loc["05", "done"] == 1
    assert table.loc["05", "completion"] == 50.0 and table.loc["05", "score"] == 60.0
    assert table.loc["04", "done"] == 0 and math.isnan(table.loc["04", "score"])
    assert math.isnan(table.loc["07", "completion"])  # nothing to do there yet


def test_the_latest_attempt_counts_and_scores_average_over_activities():
    table = progress_table(log(("quiz:a", "05", "completed", 40.0), ("quiz:a", "05", "completed", 90.0),
                               ("quiz:b", "05", "completed", 70.0)), CATALOGUE).set_index("module")
    assert table.loc["05", "done"] == 2 and table.loc["05", "score"] == 80.0


def test_activities_not_in_the_catalogue_count_in_their_recorded_module():
    table = progress_table(log(("coach:late_delivery", "03", "attempted", 50.0)), CATALOGUE).set_index("module")
    assert table.loc["03", "activities"] == 1 and table.loc["03", "completion"] == 100.0


def test_answers_alone_do_not_make_an_activity_done():
    table = progress_table(log(("quiz:a/q1", "05", "answered", 100.0)), CATALOGUE).set_index("module")
    assert table.loc["05", "done"] == 0


def test_the_view_shows_the_table_and_refreshes(own_record):
    view = course_lib.my_progress()
    assert "Complaints and service recovery" in view.table.value
    assert re.search(r"<td>0 of [1-9][0-9]*</td>", view.table.value), "a module with activities, none done yet"
    record.record_event("quiz:service_recovery", "completed", score=75, success=True)
    view.refresh_button.click()
    assert "75%" in view.table.value
    assert view.note.value == ""
    assert repr(view) == "Interactive activity: my progress. Run this cell to use it."


def test_the_view_shows_the_note_when_the_record_is_unusable(tmp_path, monkeypatch):
    bad = tmp_path / "bad.sqlite"
    bad.write_text("no")
    monkeypatch.setenv("COURSE_RECORD", str(bad))
    record.reset_session()
    view = course_lib.my_progress()
    assert "not being saved" in view.note.value and "<table>" in view.table.value
    record.reset_session()
