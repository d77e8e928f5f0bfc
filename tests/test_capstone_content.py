"""The capstone's content keeps its promises: the final quiz spans modules 01-09 and every option's feedback says
which module to revisit; the capstone's own activities belong to module 10."""

import re

from course_lib.coaching.exercises import get_exercise
from course_lib.plans.plan_file import load_plan
from course_lib.quizzes import load_quiz
from course_lib.roleplays import RolePlay, load_scenario

MODULE = re.compile(r"\bmodules? (\d\d)(?:(?:,| and) (\d\d))*")


def feedback_texts(question):
    return [o.feedback for o in question.options] + [p.feedback for p in question.pairs]


def modules_named(text):
    return set(re.findall(r"\b0[1-9]\b|\b10\b", " ".join(m.group(0) for m in MODULE.finditer(text))))


def test_every_feedback_of_the_final_quiz_names_a_module_to_revisit():
    quiz = load_quiz("final")
    for question in quiz.questions:
        for text in feedback_texts(question):
            assert MODULE.search(text), f"final quiz, question '{question.id}': feedback names no module: {text}"


def test_the_final_quiz_spans_modules_01_to_09_with_every_question_type():
    quiz = load_quiz("final")
    assert quiz.module == "10" and 10 <= len(quiz.questions) <= 15
    named = set().union(*(modules_named(t) for q in quiz.questions for t in feedback_texts(q)))
    assert {f"{n:02d}" for n in range(1, 10)} <= named
    assert {q.type for q in quiz.questions} == {"single", "multiple", "order", "match"}


def test_the_capstone_activities_belong_to_module_10():
    assert load_scenario("capstone_escalated_complaint").module == "10"
    assert get_exercise("capstone_ben_call").module == "10"
    assert load_plan("capstone").module == "10"
    assert load_quiz("capstone_kpi_dip").module == "10" and load_quiz("capstone_staffing").module == "10"


def test_the_capstone_role_play_gives_full_marks_on_its_best_path_and_the_best_is_not_always_first():
    scenario = load_scenario("capstone_escalated_complaint")
    play = RolePlay(scenario)
    best = play.summary().best_path
    for step in best:
        play.choose(step.choice_number)
    summary = play.summary()
    assert summary.outcome.outcome == "resolved"
    assert summary.earned == summary.possible  # no point "missed" for choosing the best option
    assert len({step.choice_number for step in best}) > 1  # "always choose 1" is not the way through
