"""Choosing a pseudonym without code: type, click, read the answer."""

import pytest

import course_lib
from course_lib.record import store as record


@pytest.fixture(autouse=True)
def fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_RECORD", str(tmp_path / "r.sqlite"))
    monkeypatch.setenv("COURSE_LEARNER_FILE", str(tmp_path / "learner.txt"))
    record.reset_session()
    yield
    record.reset_session()


def test_a_good_pseudonym_is_saved_and_used():
    view = course_lib.choose_pseudonym()
    assert view.name.value == ""
    view.name.value = "  Blue   Heron "
    view.save_button.click()
    assert "Saved" in view.feedback.value and "<b>Blue Heron</b>" in view.feedback.value
    assert view.name.value == "Blue Heron" and record.current_learner() == "Blue Heron"
    record.reset_session()
    assert course_lib.choose_pseudonym().name.value == "Blue Heron"  # remembered for the next notebook


def test_an_email_is_refused_with_the_reason_escaped():
    view = course_lib.choose_pseudonym()
    view.name.value = "<b>me</b>@example.com"
    view.save_button.click()
    assert "Not saved" in view.feedback.value and "e-mail address" in view.feedback.value
    assert "<b>me" not in view.feedback.value
    assert record.current_learner() == "anonymous"
