"""Module 03 (positive language): its notebook uses every module-03 exercise, and its quiz and new exercise work."""

import json
import re
from pathlib import Path

import course_lib
from course_lib.coaching.exercises import get_exercise, load_exercises
from course_lib.quizzes.quiz import grade, load_quiz, summarise

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "03_positive_language.ipynb"


def notebook_source() -> str:
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    return "\n".join("".join(cell["source"]) for cell in nb["cells"] if cell["cell_type"] == "code")


def test_the_notebook_practises_every_module_03_exercise_and_no_other():
    used = re.findall(r"coach_exercise\(\"(\w+)\"\)", notebook_source())
    module_03 = {e.id for e in load_exercises().values() if e.module == "03"}
    assert set(used) == module_03
    assert len(used) == len(set(used)) >= 5
    assert 'course_lib.quiz("positive_language")' in notebook_source()


def test_the_right_answers_pass_the_quiz_and_the_forbidden_phrases_are_all_in_it():
    quiz = load_quiz("positive_language")
    results = {}
    for q in quiz.questions:
        if q.type == "single":
            answer = next(i for i, o in enumerate(q.options) if o.correct)
        elif q.type == "multiple":
            answer = [i for i, o in enumerate(q.options) if o.correct]
        else:
            answer = [p.match for p in q.pairs]
        results[q.id] = grade(q, answer)
    assert summarise(quiz, results).score == 100.0
    match = quiz.question("match_the_reframes")
    assert len(match.pairs) == len(course_lib.phrase_table("forbidden_phrase")) == 5


def test_matching_the_distractor_is_marked_wrong_with_a_reason():
    question = load_quiz("positive_language").question("match_the_reframes")
    answer = [p.match for p in question.pairs]
    answer[1] = question.distractors[0]  # "We can't do that" -> "That's our policy"
    result = grade(question, answer)
    assert not result.correct and result.score == 80.0
    assert not result.parts[1].right and "lead with what you can do" in result.parts[1].feedback


def test_lost_booking_flags_an_excuse_apology_and_praises_a_joined_one():
    view = course_lib.coach_exercise("lost_booking")
    assert "Mrs Adeyemi" in view.prompt.value and get_exercise("lost_booking").module == "03"
    view.reply.value = "Sorry, but the system was updated last night."
    view.check_button.click()
    assert "[change 1] &ldquo;Sorry, but&rdquo;" in view.feedback.value
    assert "An apology joined to a solution: <b>&#10007; not yet</b>" in view.feedback.value
    view.reply.value = "I'm so sorry we lost your booking. I've booked a van for 8am tomorrow and I'll call you by 5pm."
    view.check_button.click()
    assert view.feedback.value.count("&#10003; found") == 3
    assert "<mark class='coach-change'" not in view.feedback.value
