"""Module 02's content agrees with the reply coach: what the quiz calls the best paraphrase, the coach counts as a
paraphrase, and what the quiz calls an exact-word echo, the coach shows as the mirroring judgment call.

If a trainer rewrites a "pick the best paraphrase" question so that its right answer no longer reads as a
paraphrase to the coach, the learner would be taught one thing by the quiz and another by the coach a minute later.
"""

import re

import pytest

from course_lib import coach
from course_lib.coaching.exercises import load_exercises
from course_lib.quizzes import load_quiz

QUIZ = load_quiz("active_listening")
PARAPHRASE_QUESTIONS = [q for q in QUIZ.questions if q.id.startswith("paraphrase_")]


def quoted_message(prompt: str) -> str:
    """The message inside the prompt's outer double quotes."""
    found = re.search(r'"(.+)"', prompt, re.S)
    assert found, f"no quoted message in {prompt!r}"
    return found.group(1)


def test_there_are_at_least_three_pick_the_best_paraphrase_questions():
    assert len(PARAPHRASE_QUESTIONS) >= 3
    assert all(q.type == "single" for q in PARAPHRASE_QUESTIONS)


@pytest.mark.parametrize("question", PARAPHRASE_QUESTIONS, ids=lambda q: q.id)
def test_the_best_paraphrase_is_a_paraphrase_to_the_coach(question):
    message = quoted_message(question.prompt)
    best = next(o for o in question.options if o.correct)
    kinds = coach(best.text.strip('"'), message).kinds
    assert "paraphrase" in kinds
    assert "mirroring" not in kinds


def test_every_option_taught_as_an_echo_is_a_mirroring_judgment():
    echoes = [(q, o) for q in PARAPHRASE_QUESTIONS for o in q.options if "exact words" in o.feedback]
    assert echoes, "no 'pick the best paraphrase' question has an exact-word echo among its options"
    for question, option in echoes:
        assert "mirroring" in coach(option.text.strip('"'), quoted_message(question.prompt)).kinds, option.text


def test_every_module_02_exercise_practises_a_listening_or_questioning_strength():
    listening = {"paraphrase", "acknowledges_feelings", "open_question", "closed_question"}
    ours = [e for e in load_exercises().values() if e.module == "02"]
    assert len(ours) >= 4
    for exercise in ours:
        assert set(exercise.look_for) & listening, exercise.id


def test_a_word_for_word_summary_of_the_long_message_is_not_counted_as_a_paraphrase():
    exercise = load_exercises()["moved_house_bills"]
    first_sentence = exercise.message.split(". ")[0].replace("I moved", "You moved").replace("told you", "told us")
    kinds = coach(first_sentence + ".", exercise.message).kinds
    assert "mirroring" in kinds and "paraphrase" not in kinds
