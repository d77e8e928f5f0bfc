"""Quiz content: the checker finds every problem with its line; grading and summaries are right."""

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from course_lib.cli import main
from course_lib.contentfile.check import check_files
from course_lib.quizzes import grade, load_quiz, missing_answer, quiz_names, summarise

BROKEN = """\
format: 1
title: Broken quiz
module: "55"
questions:
  - id: first
    type: single
    prompt: Which one?
    options:
      - text: A
        correct: true
        feedback: Because A.
      - text: B
        correct: true
        feedback: Because B.
  - id: first
    type: multi
    prompt: Tick them
  - id: steps
    type: order
    prompt: Order these
    steps:
      - text: One
        feedback: first
      - text: Two
      - text: Three
        feedbak: third
  - id: pairs
    type: match
    prompt: Match
    pairs:
      - item: X
        match: Same
        feedback: fx
      - item: Y
        match: Same
        feedback: fy
  - id: opts
    type: multiple
    prompt: Tick
    options:
      - text: P
        correct: yes please
        feedback: fp
      - text: Q
        correct: false
"""


def write(tmp_path, text, name="broken_quiz.yaml"):
    folder = tmp_path / "quizzes"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text)
    return path


def test_the_shipped_quizzes_are_clean_and_cover_every_question_type():
    assert check_files() == []
    types = {q.type for name in quiz_names() for q in load_quiz(name).questions}
    assert types == {"single", "multiple", "order", "match"}
    recovery = load_quiz("service_recovery").question("recovery_steps")
    assert [o.text.split()[0] for o in recovery.options] == ["Apologise,", "Understand", "Determine", "Explore",
                                                             "Implement", "Follow"]


def test_the_checker_reports_every_problem_with_file_line_and_question(tmp_path):
    path = write(tmp_path, BROKEN)
    messages = [str(p) for p in check_files([path])]
    expected = [
        f"{path}:1: warning: no 'kind:' key: read as kind 'quiz' because it has 'questions'; add 'kind: quiz' as the "
        "first line",
        f"{path}:3: unknown module '55'; expected one of: ",
        f"{path}:8: question 'first': a single-choice question needs exactly one correct option; this one has 2",
        f"{path}:15: question 'first': id 'first' is already used by the question at line 5",
        f"{path}:16: question 'first': 'type' is 'multi' (did you mean 'multiple'?); choose one of: single, multiple, "
        "order, match",
        f"{path}:24: question 'steps': step 2 ('Two'): 'feedback' is missing",
        f"{path}:26: question 'steps': step 3 ('Three'): unknown key 'feedbak' (did you mean 'feedback'?)",
        f"{path}:25: question 'steps': step 3 ('Three'): 'feedback' is missing",
        f"{path}:30: question 'pairs': a matching question needs at least two different answers",
        f"{path}:42: question 'opts': option 1 ('P'): 'correct' must be true or false, not text ('yes please')",
        f"{path}:44: question 'opts': option 2 ('Q'): 'feedback' is missing",
        f"{path}:40: question 'opts': a multiple-select question needs at least one correct option",
    ]
    for line in expected:
        assert any(m.startswith(line) for m in messages), f"missing: {line}\ngot:\n" + "\n".join(messages)
    assert len(messages) == len(expected), "\n".join(messages)


def test_a_quiz_from_a_newer_course_and_bad_yaml_are_explained(tmp_path):
    newer = write(tmp_path, "kind: quiz\nformat: 2\ntitle: T\nmodule: '05'\nquestions: []\n", "newer.yaml")
    assert [str(p) for p in check_files([newer])] == [
        f"{newer}:2: this file uses quiz format 2; this version of the course reads format 1. "
        "Update course_lib to use it."]
    bad = write(tmp_path, "format: 1\ntitle: [unclosed\n", "bad.yaml")
    [problem] = check_files([bad])
    assert problem.line is not None and "not valid YAML" in problem.message


def test_course_check_exits_1_and_prints_the_problems(tmp_path, capsys):
    path = write(tmp_path, BROKEN)
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "did you mean 'multiple'" in out and "11 error(s)" in out


@pytest.mark.parametrize("answer, right", [(0, True), (1, False), (2, False)])
def test_single_choice_grading(answer, right):
    question = load_quiz("service_recovery").question("defensive_helper")
    result = grade(question, answer)
    assert result.correct is right and result.score == (100.0 if right else 0.0)
    assert [p.feedback for p in result.parts] == [o.feedback for o in question.options]


def test_match_grading_gives_feedback_per_pair():
    question = load_quiz("feedback_methods").question("method_to_situation")
    answer = [p.match for p in question.pairs]
    answer[0], answer[1] = answer[1], answer[0]
    result = grade(question, answer)
    assert result.score == 50.0 and [p.right for p in result.parts] == [False, False, True, True]
    assert result.parts[0].expected == "One-on-one meeting"


def test_order_with_a_step_used_twice_says_so():
    question = load_quiz("service_recovery").question("recovery_steps")
    result = grade(question, [0, 0, 2, 3, 4, 5])
    assert "more than once" in result.problem and not result.correct


def test_answers_of_the_wrong_shape_are_refused():
    question = load_quiz("service_recovery").question("recovery_steps")
    with pytest.raises(ValueError, match="all 6 step indices"):
        grade(question, [0, 1])
    assert "position 1 is empty" in missing_answer(question, [None] * 6)


def test_summary_counts_unanswered_questions_as_zero():
    quiz = load_quiz("service_recovery")
    results = {q.id: grade(q, 0 if q.type == "single" else [0]) for q in quiz.questions if q.type != "order"
               and q.type != "match"}
    summary = summarise(quiz, results)
    assert summary.questions == 6
    assert len(summary.to_review) == summary.questions - summary.correct


def test_every_option_in_shipped_quizzes_explains_why():
    for name in quiz_names():
        for question in load_quiz(name).questions:
            for part in [*question.options, *question.pairs]:
                assert len(part.feedback.split()) >= 5, f"{name}/{question.id}: feedback too short"


def test_unknown_quiz_name_suggests_the_right_one():
    with pytest.raises(Exception, match="did you mean 'service_recovery'"):
        load_quiz("service_recovry")


def test_files_outside_quizzes_folder_are_not_taken_for_quizzes(tmp_path):
    other = tmp_path / "notes.yaml"
    other.write_text("a: 1\n")
    assert "not a course content file" in str(check_files([Path(other)])[0])

ALL_QUESTIONS = [q for name in quiz_names() for q in load_quiz(name).questions]


def _answers(question):
    n = len(question.options)
    if question.type == "single":
        return st.integers(0, n - 1)
    if question.type == "multiple":
        return st.lists(st.integers(0, n - 1), min_size=1, unique=True)
    if question.type == "order":
        return st.permutations(range(n))
    return st.lists(st.sampled_from(question.answers), min_size=len(question.pairs), max_size=len(question.pairs))


@given(st.sampled_from(ALL_QUESTIONS).flatmap(lambda q: st.tuples(st.just(q), _answers(q))))
def test_grading_is_consistent_for_any_answer(question_and_answer):
    question, answer = question_and_answer
    result = grade(question, answer)
    assert 0 <= result.score <= 100
    assert result.correct == (result.score == 100.0) == all(p.right for p in result.parts)
    assert len(result.parts) == len(question.options or question.pairs)
    assert all(p.feedback for p in result.parts)


def test_an_unquoted_date_as_text_is_read_as_the_text_typed(tmp_path, monkeypatch):
    from course_lib.contentfile.files import content_dir

    copy = tmp_path / "content"
    shutil.copytree(content_dir(), copy)
    path = copy / "quizzes" / "service_recovery.yaml"
    path.write_text(path.read_text().replace("title: Complaints and service recovery", "title: 2024-05-01"))
    monkeypatch.setenv("COURSE_CONTENT", str(copy))
    assert load_quiz("service_recovery").title == "2024-05-01"
