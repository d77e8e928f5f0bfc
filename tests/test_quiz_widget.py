"""The quiz view, driven as a learner would: choose, click, read the feedback, go on, see the summary, retry."""

import pytest

import course_lib
from course_lib.quizzes import load_quiz, quiz_names, shuffled_steps
from course_lib.record import store as record

# Every test here answers into a fresh record of its own (fixture in tests/conftest.py).
pytestmark = pytest.mark.usefixtures("own_record")


def answer_correctly(activity):
    question = activity.question
    if question.type == "single":
        activity.controls[0].value = next(i for i, o in enumerate(question.options) if o.correct)
    elif question.type == "multiple":
        for box, index in zip(activity.controls, activity.option_order, strict=True):
            box.value = question.options[index].correct
    elif question.type == "order":
        for position, dropdown in enumerate(activity.controls):
            dropdown.value = position
    else:
        for dropdown, pair in zip(activity.controls, question.pairs, strict=True):
            dropdown.value = pair.match


def answer_wrongly(activity):
    question = activity.question
    if question.type == "single":
        activity.controls[0].value = next(i for i, o in enumerate(question.options) if not o.correct)
    elif question.type == "multiple":
        for box, index in zip(activity.controls, activity.option_order, strict=True):
            box.value = not question.options[index].correct
    elif question.type == "order":
        for position, dropdown in enumerate(activity.controls):
            dropdown.value = len(activity.controls) - 1 - position
    else:
        wrong = [a for a in question.answers]
        for dropdown, pair in zip(activity.controls, question.pairs, strict=True):
            dropdown.value = next(a for a in wrong if a != pair.match)


@pytest.mark.parametrize("name", quiz_names())
def test_a_full_run_with_every_answer_right(name):
    activity = course_lib.quiz(name)
    quiz = load_quiz(name)
    for number, question in enumerate(quiz.questions, start=1):
        assert activity.question == question
        assert activity.progress.value == f"Question {number} of {len(quiz.questions)}"
        assert activity.next_button.disabled
        answer_correctly(activity)
        activity.check_button.click()
        assert "Correct" in activity.feedback.value and "Not quite" not in activity.feedback.value
        assert activity.check_button.disabled and not activity.next_button.disabled
        assert all(control.disabled for control in activity.controls)
        activity.next_button.click()
    assert f"{len(quiz.questions)} of {len(quiz.questions)} questions fully right (score 100.0%): passed" \
        in activity.summary.value
    assert activity.retry_button.layout.display is None
    answered = record.events()
    assert (answered["verb"] == "answered").sum() == len(quiz.questions)
    completed = answered[answered["verb"] == "completed"].iloc[0]
    assert completed["activity"] == f"quiz:{name}" and completed["score"] == 100 and completed["success"] is True


def test_wrong_answers_say_not_quite_in_words_and_explain_every_option():
    activity = course_lib.quiz("service_recovery")
    answer_wrongly(activity)
    activity.check_button.click()
    shown = activity.feedback.value
    assert "Not quite" in shown and "score 0%" in shown
    for option in activity.question.options:
        assert option.feedback.split()[0] in shown  # every option's explanation is there
    assert "Your answer" in shown and "This is the right answer." in shown


def test_checking_without_an_answer_asks_for_one_and_records_nothing():
    activity = course_lib.quiz("service_recovery")
    activity.check_button.click()
    assert "Choose an answer first" in activity.feedback.value
    assert not activity.check_button.disabled and activity.next_button.disabled
    assert len(record.events()) == 0


def test_order_question_shows_steps_shuffled_and_explains_positions():
    activity = course_lib.quiz("service_recovery")
    quiz = load_quiz("service_recovery")
    order_index = next(i for i, q in enumerate(quiz.questions) if q.type == "order")
    for _ in range(order_index):
        answer_correctly(activity)
        activity.check_button.click()
        activity.next_button.click()
    question = activity.question
    shown = [value for _, value in activity.controls[0].options][1:]
    assert shown == shuffled_steps("service_recovery", question) and shown != sorted(shown)
    assert [c.description for c in activity.controls] == [f"Step {n}" for n in range(1, 7)]
    for position, dropdown in enumerate(activity.controls):
        dropdown.value = [1, 0, 2, 3, 4, 5][position]  # first two swapped
    activity.check_button.click()
    assert "Not quite" in activity.feedback.value and "score 67%" in activity.feedback.value
    assert "You put it at position 2; it belongs at position 1." in activity.feedback.value
    stored = record.events().iloc[-1]
    assert stored["response"]["answer"] == [1, 0, 2, 3, 4, 5] and stored["success"] is False


def test_the_summary_lists_what_to_review_and_retry_starts_again():
    activity = course_lib.quiz("feedback_methods")
    for _ in load_quiz("feedback_methods").questions:
        answer_wrongly(activity)
        activity.check_button.click()
        activity.next_button.click()
    assert "not passed yet (the pass mark is 70%)" in activity.summary.value
    assert "Worth another look" in activity.summary.value
    activity.retry_button.click()
    assert activity.progress.value == "Question 1 of 4"
    assert activity.summary.value == "" and activity.feedback.value == ""
    assert activity.retry_button.layout.display == "none"


def test_every_control_has_a_label():
    activity = course_lib.quiz("feedback_methods")
    for _ in load_quiz("feedback_methods").questions:
        for control in activity.controls:
            assert control.description.strip()
        for button in (activity.check_button, activity.next_button, activity.retry_button):
            assert button.description and button.tooltip
        answer_correctly(activity)
        activity.check_button.click()
        activity.next_button.click()


def test_with_a_broken_record_the_quiz_works_and_shows_the_note(tmp_path, monkeypatch):
    bad = tmp_path / "bad.sqlite"
    bad.write_text("not a database")
    monkeypatch.setenv("COURSE_RECORD", str(bad))
    record.reset_session()
    activity = course_lib.quiz("service_recovery")
    assert "not being saved" in activity.note.value
    answer_correctly(activity)
    activity.check_button.click()
    assert "Correct" in activity.feedback.value


def test_plain_text_form_is_stable():
    assert repr(course_lib.quiz("service_recovery")) == (
        "Interactive activity: quiz 'Complaints and service recovery'. Run this cell to use it.")


def test_match_feedback_names_the_right_answer_only_where_it_was_missed():
    activity = course_lib.quiz("feedback_methods")
    for dropdown, answer in zip(activity.controls, ["Peer feedback", "Formal performance review", "Peer feedback",
                                                    "360-degree feedback"], strict=True):
        dropdown.value = answer
    activity.check_button.click()
    shown = activity.feedback.value
    assert "Not quite" in shown and "score 75%" in shown
    assert "You chose &ldquo;Peer feedback&rdquo;; the best match is &ldquo;One-on-one meeting&rdquo;." in shown
    assert "You chose &ldquo;Formal performance review&rdquo;, the best match." in shown


def test_learner_and_content_text_is_escaped(monkeypatch):
    from course_lib.quizzes import Option, Question, Quiz
    from course_lib.widgets.quiz import QuizActivity

    hostile = Quiz("x", "<b>T</b>", "05", "<script>i</script>", (
        Question("q", "single", "<img src=x>", "", (Option("<u>a</u>", True, "<i>f</i>"), Option("b", False, "g"))),))
    activity = QuizActivity(hostile)
    activity.controls[0].value = 0
    activity.check_button.click()
    shown = activity.title.value + activity.prompt.value + activity.feedback.value
    assert "<script>" not in shown and "<img" not in shown and "<u>" not in shown and "<i>f" not in shown


def test_options_are_shown_shuffled_so_the_right_answer_is_not_always_first():
    """Authors tend to write the right answer first; shown that way, position would give it away."""
    first_is_right = shown = 0
    for name in quiz_names():
        activity = course_lib.quiz(name)
        for index, question in enumerate(load_quiz(name).questions):
            if question.type not in ("single", "multiple"):
                continue
            activity.index = index
            activity._show_question()
            order = activity.option_order
            assert sorted(order) == list(range(len(question.options)))
            labels = ([label for label, _ in activity.controls[0].options] if question.type == "single"
                      else [box.description for box in activity.controls])
            assert labels == [question.options[i].text for i in order]
            if question.type == "single":
                shown += 1
                first_is_right += question.options[order[0]].correct
    assert first_is_right / shown < 0.5, f"the right answer is shown first in {first_is_right} of {shown}"


def test_a_ticked_box_is_graded_as_the_option_it_shows():
    activity = course_lib.quiz("service_recovery")
    quiz = load_quiz("service_recovery")
    activity.index = next(i for i, q in enumerate(quiz.questions) if q.type == "multiple")
    activity._show_question()
    shown_last = activity.option_order[-1]
    activity.controls[-1].value = True
    assert activity.current_answer() == [shown_last]
    activity.check_button.click()
    assert activity.question.options[shown_last].text in activity.feedback.value
