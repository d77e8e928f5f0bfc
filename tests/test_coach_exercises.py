"""`course check` on coach_exercises.yaml: each mistake a trainer can make is named with its line."""

import textwrap

from course_lib.coaching.exercises import EXERCISES_FILE, get_exercise, practise
from course_lib.contentfile.check import check_files


def exercises_file(tmp_path, text):
    path = tmp_path / "coach_exercises.yaml"
    path.write_text(textwrap.dedent(text) + "\nkind: coach_exercises\n", encoding="utf-8")  # last: lines stay put
    return path


def test_shipped_exercises_pass():
    assert check_files([EXERCISES_FILE]) == []


def test_a_broken_exercise_file_reports_every_problem(tmp_path):
    path = exercises_file(tmp_path, """\
        format: 1
        exercises:
          - id: one
            module: "03"
            title: One
            from: A customer
            message: Where is my parcel?
            task: Reply.
            look_for: [ownershp]
            model_answer: I'll check.
          - id: one
            module: 3
            title: Two
            from: A customer
            message: Where is my parcel?
            task: Reply.
            look_for: [next_step]
            model_answer: I don't know, you'll have to wait.
            tip: extra
          - id: three
            module: "02"
            from: A customer
            message: Hi
            task: Reply.
            look_for: [open_question]
            model_answer: Thanks.
        """)
    found = [str(p) for p in check_files([path])]
    assert found == [
        f"{path}:9: exercise 'one': 'look_for' has 'ownershp', which is not a strength (did you mean 'ownership'?)",
        f"{path}:11: exercise 'one': duplicate id 'one' (first used on line 3)",
        f"{path}:12: exercise 'one': 'module' must be text, not a whole number (3)",
        f"{path}:19: exercise 'one': unknown key 'tip'",
        f"{path}:20: exercise 'three': 'title' is missing",
    ]


def test_a_model_answer_with_a_phrase_to_avoid_is_refused(tmp_path):
    path = exercises_file(tmp_path, """\
        format: 1
        exercises:
          - id: bad_model
            module: "03"
            title: Bad model
            from: A customer
            message: Where is my parcel?
            task: Reply.
            look_for: [next_step]
            model_answer: I don't know, you'll have to wait.
        """)
    found = [str(p) for p in check_files([path])]
    assert found == [
        f"{path}:10: exercise 'bad_model': the model answer contains \"I don't know\" (I don't know): "
        "rewrite it or the learners will copy it",
        f"{path}:10: exercise 'bad_model': the model answer contains \"you'll have to\" (You'll have to...): "
        "rewrite it or the learners will copy it",
        f"{path}:10: exercise 'bad_model': the model answer does not show next_step, which the exercise looks for",
    ]


def test_feedback_on_a_reply_to_an_agent_speaks_of_the_team_member_not_a_customer():
    exercise = get_exercise("agent_said_calm_down")
    assert exercise.audience == "team member"
    practice = practise(exercise, "I can see that was a stressful call. What could we try next time?")
    text = " ".join(practice.report.summary) + " ".join(f.title for f in practice.focus)
    assert "the team member's feelings" in text and "customer" not in text
    customer_side = practise(get_exercise("late_delivery"), "I can see why that's frustrating.")
    assert "the customer's feelings" in " ".join(customer_side.report.summary)


def test_an_unknown_audience_is_named(tmp_path):
    path = exercises_file(tmp_path, """\
        format: 1
        exercises:
          - id: to_agent
            module: "06"
            title: To an agent
            from: Sam, an agent
            audience: agent
            message: That call was awful.
            task: Reply.
            look_for: [open_question]
            model_answer: What happened on the call?
        """)
    assert [str(p) for p in check_files([path])] == [
        f"{path}:7: exercise 'to_agent': 'audience' is 'agent'; choose one of: customer, team member"]


def test_an_exercise_belongs_to_a_teaching_module_of_the_outline(tmp_path):
    path = exercises_file(tmp_path, """\
        format: 1
        exercises:
          - id: start_page
            module: "00"
            title: On the start page
            from: A customer
            message: Where is my parcel?
            task: Reply.
            look_for: [ownership]
            model_answer: Let me check that for you.
          - id: no_such_module
            module: "13"
            title: In a module that does not exist
            from: A customer
            message: Where is my parcel?
            task: Reply.
            look_for: [ownership]
            model_answer: Let me check that for you.
        """)
    found = [str(p).replace(str(path), "FILE") for p in check_files([path])]
    assert found[0].startswith("FILE:4: exercise 'start_page': unknown module '00'")
    assert found[1].startswith("FILE:12: exercise 'no_such_module': unknown module '13'")
    assert len(found) == 2
