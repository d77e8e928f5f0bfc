"""Progress per module: the pure table and the view on top of it."""

import math
import re

import pandas as pd
import pytest

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


# --- one broken content file never breaks anyone's record views ------------------------------------------------


@pytest.fixture
def broken_content(monkeypatch):
    """One quiz file the loader refuses (a ContentError naming the file), and an action-plan file whose loader
    crashes with a plain error (as PyYAML's date parser does on ``due: 2024-02-30``). Stands in for a temporary
    content copy until the content folder can be set by an environment variable."""
    from course_lib.contentfile.files import content_path
    from course_lib.errors import ContentError
    from course_lib.plans import plan_file
    from course_lib.quizzes import load as quizzes

    broken = quizzes.quiz_names()[0]
    real_quiz = quizzes.load_quiz(broken)
    real_load = quizzes.load_quiz
    quiz_file = quizzes.quiz_dir() / f"{broken}.yaml"

    def load_quiz(name):
        if name == broken:
            raise ContentError("'title' is not text: 2024-02-30", path=quiz_file, line=1)
        return real_load(name)

    def load_plans():
        raise ValueError("day is out of range for month")

    monkeypatch.setattr(quizzes, "load_quiz", load_quiz)
    monkeypatch.setattr(plan_file, "load_plans", load_plans)
    return real_quiz, quiz_file.name, content_path(plan_file.PLANS_FILE).name


def test_a_broken_content_file_leaves_every_record_view_working_with_a_note(own_record, broken_content, tmp_path):
    import json

    from course_lib.record import events as record_events
    from course_lib.reports import exports
    from course_lib.reports.debrief import class_summary, report_text

    quiz, quiz_file, plans_file = broken_content
    record_events.quiz_completed(quiz.name, 3, 4, 75.0, True, module=quiz.module)
    record_events.plan_saved("kpi_review", [{"action": "x"}], True, module="07")

    progress = course_lib.my_progress()
    assert quiz_file in progress.note.value and plans_file in progress.note.value
    row = re.search(rf"<td>{quiz.module}</td><td>[^<]*</td><td>(\d+) of (\d+)</td>", progress.table.value)
    assert row and int(row.group(1)) >= 1, "the broken quiz still counts as done, under its recorded module"

    summary = course_lib.course_summary()
    assert quiz_file in summary.note.value and plans_file in summary.note.value
    assert quiz.name.replace("_", " ") in summary.summary.value  # shown by its id, made readable

    for export in (exports.export_xapi, exports.export_csv):
        with pytest.warns(UserWarning) as warned:
            target = export(tmp_path / f"{export.__name__}.out")
        warnings = " ".join(str(w.message) for w in warned)
        assert quiz_file in warnings and plans_file in warnings
    statements = json.loads((tmp_path / "export_xapi.out").read_text())
    assert statements[0]["object"]["definition"]["name"]["en-US"] == f"quiz:{quiz.name}"
    assert target.read_text().count("\n") == 3  # the CSV: a header and both events

    debrief = class_summary(record.events(everyone=True))
    assert any(quiz_file in note for note in debrief.notes)
    text = report_text(debrief)
    assert "Content that could not be read" in text and quiz_file in text and plans_file in text
