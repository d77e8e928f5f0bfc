"""Module 03 (positive language): its notebook uses every module-03 exercise, and its quiz and new exercise work."""

import json
import re
from pathlib import Path

import course_lib
from course_lib.coaching.evaluation import read_corpus
from course_lib.coaching.exercises import get_exercise, load_exercises
from course_lib.coaching.reply import coach
from course_lib.coaching.rules import load_phrase_book
from course_lib.quizzes import grade, load_quiz, summarise

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "03_positive_language.ipynb"
# The shipped rules are the ones the coach's corpus was labelled for; a trainer's own banned phrase is not among them.
CORPUS = Path(__file__).parent / "data" / "coach_corpus.yaml"


def notebook_source() -> str:
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    return "\n".join("".join(cell["source"]) for cell in nb["cells"] if cell["cell_type"] == "code")


def test_the_notebook_practises_every_module_03_exercise_and_no_other():
    used = re.findall(r"coach_exercise\(\"(\w+)\"\)", notebook_source())
    module_03 = {e.id for e in load_exercises().values() if e.module == "03"}
    assert set(used) == module_03
    assert len(used) == len(set(used)) >= 5
    assert 'course_lib.quiz("positive_language")' in notebook_source()


def test_the_right_answers_pass_the_quiz_and_the_shipped_forbidden_phrases_are_all_in_it():
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
    # Each pair is one forbidden phrase (the coach says which) and a reframe the coach finds nothing wrong with.
    book = load_phrase_book()
    forbidden = {r.id for r in book.rules_of_kind("forbidden_phrase")}
    paired = []
    for pair in quiz.question("match_the_reframes").pairs:
        found = coach(pair.item.strip('"'), book=book).rules & forbidden
        assert len(found) == 1, f"{pair.item} should be exactly one forbidden phrase, the coach finds {found}"
        paired += found
        assert not [f for f in coach(pair.match, book=book).findings if f.category == "change"], pair.match
    shipped = forbidden & set(read_corpus(CORPUS, book).labelled_for)
    assert len(paired) == len(set(paired)) and set(paired) >= shipped and len(shipped) >= 5


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
