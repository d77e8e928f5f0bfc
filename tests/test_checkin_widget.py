"""The check-in view, driven the way a learner would: set values, click, read what is shown."""

import course_lib
from course_lib.checkin import Challenge, CheckinContent
from course_lib.widgets import checkin as checkin_view


def test_clicking_gives_the_tip_for_the_chosen_difficulty():
    activity = course_lib.confidence_checkin()
    assert activity.feedback.value == ""
    activity.confidence.value = 1
    activity.challenge.value = "saying_no"
    activity.button.click()
    assert "Lead with what you can do" in activity.feedback.value
    assert "module 03" in activity.feedback.value
    assert "1 of 5" in activity.feedback.value


def test_changing_the_answer_changes_the_tip():
    activity = course_lib.confidence_checkin()
    activity.challenge.value = "staying_calm"
    activity.button.click()
    first = activity.feedback.value
    activity.challenge.value = "ending"
    activity.button.click()
    assert activity.feedback.value != first
    assert "closure" in activity.feedback.value


def test_the_level_description_follows_the_slider():
    activity = course_lib.confidence_checkin()
    activity.confidence.value = 5
    assert activity.level_label.value == course_lib.checkin.load_checkin().levels[5]


def test_text_from_content_files_is_escaped(monkeypatch):
    hostile = CheckinContent(
        question="<script>alert(1)</script>",
        levels={n: f"<i>level {n}</i>" for n in range(1, 6)},
        level_advice={"low": "a & b", "middle": "<b>m</b>", "high": "h"},
        challenges=(Challenge("x", "<img src=x onerror=alert(1)>", "tip <u>here</u>", "04"),),
    )
    monkeypatch.setattr(checkin_view, "load_checkin", lambda: hostile)
    monkeypatch.setattr("course_lib.checkin.load_checkin", lambda: hostile)
    activity = checkin_view.ConfidenceCheckin()
    activity.confidence.value = 3
    activity.button.click()
    shown = activity.question.value + activity.feedback.value
    assert "<script>" not in shown and "<img" not in shown and "<u>" not in shown
    assert "&lt;script&gt;" in activity.question.value
    assert "&lt;b&gt;m&lt;/b&gt;" in activity.feedback.value


def test_plain_text_form_tells_the_reader_to_run_the_cell():
    bundle = course_lib.confidence_checkin()._repr_mimebundle_()
    assert bundle["text/plain"] == "Interactive activity: confidence check-in. Run this cell to use it."
