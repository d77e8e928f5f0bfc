"""The reply-coach exercise view, driven the way a learner would: type, click, read what is shown."""

import pytest

import course_lib
from course_lib.coaching.exercises import load_exercises
from course_lib.widgets.coach import highlight


def test_checking_a_reply_highlights_each_finding_with_a_text_label():
    view = course_lib.coach_exercise("late_delivery")
    assert "Priya" in view.prompt.value and view.feedback.value == ""
    view.reply.value = "I don't know where it is. You'll have to wait."
    view.check_button.click()
    shown = view.feedback.value
    assert "<mark class='coach-change'" in shown
    assert "I don&#x27;t know</mark> <small>[change 1]</small>" in shown
    assert "have to</mark> <small>[change 2]</small>" in shown
    assert "[change 1] &ldquo;I don&#x27;t know&rdquo;</b> (I don&#x27;t know)" in shown
    assert "Let me find out for you" in shown  # the suggested rewrite
    assert "Takes ownership: <b>&#10007; not yet</b>" in shown


def test_a_good_reply_is_told_what_works():
    view = course_lib.coach_exercise("late_delivery")
    view.reply.value = "I can see why you're worried. Let me check with the courier and I'll email you by 2pm."
    view.check_button.click()
    shown = view.feedback.value
    assert "What works: Acknowledges the customer&#x27;s feelings; Takes ownership" in shown
    assert "<mark class='coach-change'" not in shown
    assert shown.count("&#10003; found") == 3


def test_the_model_answer_opens_only_after_a_first_attempt():
    view = course_lib.coach_exercise("late_delivery")
    assert view.model_button.disabled
    view.model_button.click()  # a disabled button in a browser cannot be clicked; in Python nothing happens
    assert view.model_answer.value == ""
    view.reply.value = "We'll look into it."
    view.check_button.click()
    assert not view.model_button.disabled
    view.model_button.click()
    assert "Let me find out where it is" in view.model_answer.value


def test_an_empty_reply_asks_for_text_and_is_not_an_attempt():
    view = course_lib.coach_exercise("hold_the_line")
    view.reply.value = "   "
    view.check_button.click()
    assert "Type a reply in the box first" in view.feedback.value
    assert view.model_button.disabled


def test_what_the_learner_types_is_escaped():
    view = course_lib.coach_exercise("late_delivery")
    view.reply.value = "<script>alert('x')</script> No. <img src=x onerror=alert(1)>"
    view.check_button.click()
    shown = view.feedback.value
    assert "<script>" not in shown and "<img" not in shown
    assert "&lt;script&gt;" in shown


def test_on_event_hears_each_check_and_the_model_answer():
    events = []
    view = course_lib.coach_exercise("damaged_sofa", on_event=events.append)
    view.reply.value = "Calm down, sir."
    view.check_button.click()
    view.model_button.click()
    assert [e["event"] for e in events] == ["checked", "model_answer_shown"]
    assert events[0]["exercise"] == "damaged_sofa" and events[0]["changes"] == 1 and events[0]["attempt"] == 1


def test_every_control_has_a_label_and_the_repr_is_friendly():
    view = course_lib.coach_exercise("late_delivery")
    assert view.reply.description == "Your reply"
    assert view.check_button.description == "Check my reply"
    assert view.model_button.description == "Show a model answer"
    assert repr(view) == "Interactive activity: reply coach: A late delivery. Run this cell to use it."


def test_a_mistyped_exercise_gets_a_did_you_mean():
    with pytest.raises(ValueError, match="did you mean 'late_delivery'"):
        course_lib.coach_exercise("late_delivry")


def test_overlapping_findings_each_keep_their_label():
    report = course_lib.coach("I'm sorry, but I can't help.")
    shown = highlight(report.reply, list(report.findings))
    assert shown.count("<small>[change") == len(report.changes) == 2
    assert "I&#x27;m sorry, but" in shown.replace("</mark>", "").replace(
        "<mark class='coach-change' style='background:#ffe08a'>", "")


def test_there_are_enough_exercises_in_every_module():
    exercises = load_exercises().values()
    assert len(exercises) >= 12
    by_module = {m: sum(e.module == m for e in exercises) for m in ("02", "03", "04", "05", "06")}
    assert all(count >= 2 for count in by_module.values()), by_module


@pytest.mark.parametrize("exercise_id", sorted(load_exercises()))
def test_each_model_answer_shows_what_its_exercise_practises(exercise_id):
    view = course_lib.coach_exercise(exercise_id)
    view.reply.value = view.exercise.model_answer
    view.check_button.click()
    assert "&#10007; not yet" not in view.feedback.value
    assert "<mark class='coach-change'" not in view.feedback.value


def test_each_check_is_saved_to_the_learner_record_without_the_words_typed():
    from course_lib.record import store as record

    before = len(record.events())
    view = course_lib.coach_exercise("late_delivery")
    view.reply.value = "I don't know where it is."
    view.check_button.click()
    view.model_button.click()
    new = record.events().iloc[before:]
    assert list(new["verb"]) == ["attempted", "experienced"]
    assert set(new["activity"]) == {"coach:late_delivery"}
    assert new.iloc[0]["response"] == {"findings": ["forbidden_phrase"]}
    assert "I don't know where" not in str(new["response"].tolist())
