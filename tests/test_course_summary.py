"""The close of the course: the record summary (pure logic on hand-built event tables) and its view."""

import pandas as pd
import pytest

import course_lib
from course_lib.record import store as record
from course_lib.reports.course_summary import format_percent, summarise_record
from course_lib.roleplays import load_scenario
from course_lib.skills.assessment import ACTIVITY as SKILLS
from course_lib.skills.assessment import load_skills
from course_lib.widgets.course_summary import render_summary

CATALOGUE = pd.DataFrame({
    "activity": ["quiz:service_recovery", "quiz:final", "roleplay:sofa_delivery", "coach:cold_soup",
                 "skills:self_assessment", "plan:capstone"],
    "module": ["05", "10", "05", "05", "01", "10"],
    "title": ["Quiz: Complaints and service recovery", "Quiz: Final quiz", "Role-play: The torn sofa",
              "Reply coach: Cold soup", "Skills self-assessment", "Action plan: The capstone week's action plan"],
})
SKILL_IDS = [s.id for s in load_skills().skills]


def log(*rows):
    """Events as record.events() returns them (only the columns the summary reads, plus a timestamp)."""
    frame = pd.DataFrame(rows, columns=["activity", "module", "verb", "response", "score", "success"])
    frame["timestamp"] = [f"2026-01-05T09:{n:02d}:00+00:00" for n in range(len(frame))]
    return frame


def ratings(base=3, **changed):
    return {"ratings": {skill: changed.get(skill, base) for skill in SKILL_IDS}}


def assessment(base=3, **changed):
    return (SKILLS, "01", "completed", ratings(base, **changed), None, None)


EMPTY = log()


def test_an_empty_record_gives_a_kind_useful_message_not_an_error():
    summary = summarise_record(EMPTY, CATALOGUE)
    assert summary.is_empty and summary.events == 0 and summary.done == 0 and summary.total == 6
    assert summary.quizzes.empty and summary.roleplays.empty and summary.coach.empty and summary.plans.empty
    assert summary.skill_changes.empty and summary.lowest.empty and summary.assessments == 0
    assert summary.headline() == "Your record has no finished activities yet."
    text = " ".join(summary.next_steps)
    assert "that is fine" in text and "module 01" in text and "pseudonym" in text
    assert "Take the self-assessment" in text
    html = render_summary(summary, "River")
    assert "no finished activities" in html and "Activities done, by module" not in html


def test_a_record_without_the_columns_that_carry_no_data_still_summarises():
    # the bare minimum a CSV export or a trainer's hand-made table might have
    bare = pd.DataFrame({"activity": ["quiz:service_recovery"], "verb": ["completed"], "score": [90.0]})
    summary = summarise_record(bare, CATALOGUE)
    assert summary.done == 1 and summary.quizzes.loc[0, "passed"]


def test_a_partial_record_counts_done_activities_per_module_and_overall():
    events = log(
        ("quiz:service_recovery/first_step", "05", "answered", {"answer": 1}, 100.0, True),
        ("quiz:service_recovery", "05", "completed", {"correct": 3, "questions": 6}, 50.0, False),
        ("coach:cold_soup", "05", "attempted", {"findings": ["ownership"]}, None, None),
        ("coach:cold_soup", "05", "attempted", {"findings": []}, None, None),
        assessment(),
    )
    summary = summarise_record(events, CATALOGUE)
    progress = summary.progress.set_index("module")
    assert progress.loc["05", "done"] == 2 and progress.loc["05", "activities"] == 3
    assert progress.loc["01", "done"] == 1 and progress.loc["10", "done"] == 0
    assert (summary.done, summary.total, summary.completion) == (3, 6, 50.0)
    assert summary.headline() == "You have done 3 of the course's 6 activities (50 %)."
    quiz = summary.quizzes.iloc[0]
    assert (quiz["quiz"], quiz["correct"], quiz["questions"], quiz["passed"]) == ("service_recovery", 3, 6, False)
    coach = summary.coach.iloc[0]
    assert (coach["title"], coach["attempts"], coach["model_answer_seen"]) == ("Cold soup", 2, False)
    steps = " ".join(summary.next_steps)
    assert "05 Complaints and service recovery (2 of 3 done)" in steps
    assert "10 Capstone (0 of 2 done)" in steps
    assert "Complaints and service recovery (module 05, latest score 50 %)" in steps
    # one assessment only: no change to show, an invitation to retake, and the lowest skills (all rated 3)
    assert summary.assessments == 1 and summary.skill_changes.empty and summary.group_changes.empty
    assert "one self-assessment so far" in steps and len(summary.lowest) == 3
    html = render_summary(summary, "River")
    assert "One self-assessment so far" in html
    assert "<td>Complaints and service recovery</td><td>2 of 3</td><td>66.7 %</td><td>50 %</td>" in html
    assert "<td>KPI analysis</td><td>none recorded</td>" in html  # no activity of 07 in this catalogue


def test_a_draft_action_plan_is_not_done_and_what_next_says_to_finish_it():
    events = log(("plan:capstone", "10", "completed", {"actions": [{"action": "a"}]}, None, True),
                 ("plan:capstone", "10", "responded", {"actions": [{"action": "a"}, {"owner": "the team"}]},
                  None, False))
    summary = summarise_record(events, CATALOGUE)
    assert summary.plans.loc[0, "actions"] == 2 and not summary.plans.loc[0, "complete"]
    assert any(s.startswith("Finish your action plan The capstone week's action plan (module 10)")
               for s in summary.next_steps)
    assert "2 actions, a draft" in render_summary(summary, "River")


def test_the_latest_quiz_attempt_counts_and_answers_alone_are_not_a_finished_quiz():
    events = log(
        ("quiz:service_recovery", "05", "completed", {"correct": 2, "questions": 6}, 33.3, False),
        ("quiz:service_recovery", "05", "completed", {"correct": 6, "questions": 6}, 100.0, True),
        ("quiz:final/q1", "10", "answered", {"answer": 0}, 0.0, False),
    )
    quizzes = summarise_record(events, CATALOGUE).quizzes
    assert list(quizzes["quiz"]) == ["service_recovery"]
    assert quizzes.loc[0, "attempts"] == 2 and quizzes.loc[0, "score"] == 100.0 and quizzes.loc[0, "passed"]


def test_roleplay_endings_reached_are_listed_once_each_in_the_order_first_reached():
    events = log(
        ("roleplay:sofa_delivery", "05", "chose", {"node": "opening", "choice": 1, "text": "..."}, None, None),
        ("roleplay:sofa_delivery", "05", "completed", {"ending": "x", "outcome": "escalated"}, 40.0, False),
        ("roleplay:sofa_delivery", "05", "completed", {"ending": "y", "outcome": "resolved"}, 100.0, True),
        ("roleplay:sofa_delivery", "05", "completed", {"ending": "x", "outcome": "escalated"}, 45.0, False),
    )
    summary = summarise_record(events, CATALOGUE)
    play = summary.roleplays.iloc[0]
    assert play["endings"] == ("Escalated", "Resolved") and play["plays"] == 3
    assert play["latest_ending"] == "Escalated" and play["latest_score"] == 45.0 and play["best_reached"]
    assert "Play again" not in " ".join(summary.next_steps)  # the best ending was reached once


def test_an_ending_recorded_without_its_outcome_is_named_from_the_scenario():
    sofa = load_scenario("sofa_delivery")
    ending = sofa.endings[0]
    events = log(("roleplay:sofa_delivery", "05", "completed", {"ending": ending.id}, 70.0, False),
                 ("roleplay:gone_scenario", "04", "completed", {"ending": "end_lost"}, 10.0, False))
    table = summarise_record(events, CATALOGUE).roleplays.set_index("scenario")
    assert table.loc["sofa_delivery", "endings"] == (ending.ending.outcome_label,)
    assert table.loc["gone_scenario", "endings"] == ("end lost",)  # no scenario file: its id, readable
    assert table.loc["gone_scenario", "module"] == "04"  # the module recorded with the event


def test_self_assessment_change_between_the_first_and_the_latest():
    events = log(
        assessment(patience=2, empathy=4),
        assessment(patience=3, empathy=4),  # in between: not compared
        assessment(patience=4, empathy=3, active_listening=5),
    )
    summary = summarise_record(events, CATALOGUE)
    assert summary.assessments == 3
    rose = summary.rose.set_index("skill")
    assert rose.loc["Patience", "before"] == 2 and rose.loc["Patience", "now"] == 4
    assert rose.loc["Patience", "change"] == 2 and rose.loc["Active listening", "change"] == 2
    assert list(summary.fell["skill"]) == ["Empathy"] and summary.fell.loc[0, "change"] == -1
    # groups: calm has 8 skills (patience 2 -> 4), communicating 7 (empathy 4 -> 3, active listening 3 -> 5)
    groups = summary.group_changes.set_index("group")
    assert tuple(groups.loc["Staying calm and steady"]) == (2.9, 3.1, 0.2)  # 23/8 -> 25/8
    assert tuple(groups.loc["Listening and communicating"]) == (3.1, 3.3, 0.2)  # 22/7 -> 23/7, as shown
    assert (groups.drop(["Staying calm and steady", "Listening and communicating"])["change"] == 0).all()
    assert list(summary.lowest["rating"]) == [3, 3, 3] and "Patience" not in list(summary.lowest["skill"])
    html = render_summary(summary, "River")
    assert "Patience: 2 &rarr; 4 (up 2)" in html and "Empathy: 4 &rarr; 3 (down 1)" in html


def test_ratings_of_skills_no_longer_in_the_list_are_ignored_not_an_error():
    old = {"ratings": {"patience": 2, "a_skill_since_removed": 1}}
    events = log((SKILLS, "01", "completed", old, None, None), assessment(patience=4))
    summary = summarise_record(events, CATALOGUE)
    assert list(summary.skill_changes["skill"]) == ["Patience"]
    assert "a_skill_since_removed" not in " ".join(summary.next_steps)


def test_lowest_skills_name_their_modules_and_skills_rated_five_are_never_lowest():
    top = {skill: 5 for skill in SKILL_IDS}
    events = log((SKILLS, "01", "completed", {"ratings": top | {"strong_boundaries": 2}}, None, None))
    summary = summarise_record(events, CATALOGUE)
    assert list(summary.lowest["skill"]) == ["Strong boundaries"]
    step = next(s for s in summary.next_steps if s.startswith("Your lowest-rated"))
    assert "Strong boundaries, 2 of 5 (module 04 De-escalation and difficult customers)." in step


def test_a_full_record_says_every_activity_is_done():
    events = log(
        ("quiz:service_recovery", "05", "completed", {"correct": 6, "questions": 6}, 100.0, True),
        ("quiz:final", "10", "completed", {"correct": 10, "questions": 12}, 83.3, True),
        ("roleplay:sofa_delivery", "05", "completed", {"ending": "e", "outcome": "resolved"}, 90.0, True),
        ("coach:cold_soup", "05", "attempted", {"findings": []}, None, None),
        ("coach:cold_soup", "05", "experienced", {"model_answer": True}, None, None),
        ("plan:capstone", "10", "responded", {"actions": [{"action": "draft"}]}, None, False),
        ("plan:capstone", "10", "completed", {"actions": [{"action": "a"}, {"action": "b"}]}, None, True),
        assessment(), assessment(patience=4),
    )
    summary = summarise_record(events, CATALOGUE)
    assert (summary.done, summary.total, summary.completion) == (6, 6, 100.0)
    plan = summary.plans.iloc[0]
    assert (plan["title"], plan["actions"], plan["complete"]) == ("The capstone week's action plan", 2, True)
    assert "The capstone week&#x27;s action plan (module 10): 2 actions, complete" in render_summary(summary, "R")
    assert summary.next_steps[0] == "You have done every activity in the course: well done."
    assert summary.coach.loc[0, "model_answer_seen"]
    assert not any("Worth another go" in s or "Play again" in s for s in summary.next_steps)
    assert list(summary.quizzes["module"]) == ["05", "10"]  # in module order


def test_with_the_shipped_catalogue_totals_match_my_progress():
    events = log(("quiz:service_recovery", "05", "completed", {"correct": 6, "questions": 6}, 100.0, True))
    summary = summarise_record(events)
    assert summary.total == len(course_lib.reports.progress.activity_catalogue()) and summary.done == 1
    assert summary.quizzes.loc[0, "title"] == "Complaints and service recovery"


@pytest.mark.parametrize("value, text", [(62.5, "62.5 %"), (100.0, "100 %"), (66.666, "66.7 %"), (None, "no score")])
def test_percentages_read_as_a_learner_expects(value, text):
    assert format_percent(value) == text


def test_text_from_the_record_is_escaped():
    events = log(("quiz:<b>bad</b>", "05", "completed", {"correct": 1, "questions": 2}, 50.0, False))
    html = render_summary(summarise_record(events, CATALOGUE), "<script>x</script>")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>bad</b>" not in html


def test_the_view_shows_the_record_and_refresh_reads_it_again(own_record):
    view = course_lib.course_summary()
    assert repr(view) == "Interactive activity: course summary. Run this cell to use it."
    assert "no finished activities" in view.summary.value and "Tester" in view.summary.value
    assert view.refresh_button.description == "Refresh" and view.refresh_button.tooltip
    record.record_event("quiz:service_recovery", "completed", response={"correct": 5, "questions": 6},
                        score=83.3, success=True)
    record.record_event(SKILLS, "completed", response=ratings(), module="01")
    assert "no finished activities" in view.summary.value  # nothing changes until Refresh
    assert view.status.value == ""
    view.refresh_button.click()
    assert "read again" in view.status.value and "role='status'" in view.status.value
    value = view.summary.value
    assert "Complaints and service recovery (module 05): 83.3 %, 5 of 6 right, passed" in value
    assert "One self-assessment so far" in value and "no finished activities" not in value
    assert view.note.value == ""


def test_the_view_shows_the_note_when_the_record_is_unusable(tmp_path, monkeypatch):
    bad = tmp_path / "bad.sqlite"
    bad.write_text("not a database")
    monkeypatch.setenv("COURSE_RECORD", str(bad))
    record.reset_session()
    try:
        view = course_lib.course_summary()
        assert "not being saved" in view.note.value
        assert "no finished activities" in view.summary.value
    finally:
        record.reset_session()


def test_the_summary_shows_what_the_capstone_activities_recorded(own_record):
    """End to end through the real widgets: play the capstone role-play to two endings, then Refresh."""
    summary = course_lib.course_summary()
    play = course_lib.roleplay("capstone_escalated_complaint")
    for index in (1, 1, 0, 2, 1):  # the best path: listen, summarise, ask, recover, follow up
        play.choice_buttons[index].click()
    play.try_again.click()
    play.choice_buttons[2].click()  # explain the backlog first
    play.choice_buttons[1].click()  # "nothing more I can do"
    summary.refresh_button.click()
    value = summary.summary.value
    assert ("The third call about the recalled air fryer (module 10): endings reached: Resolved, Customer lost; "
            "latest score 0 %; best ending reached") in value
    assert "Capstone</td><td>1 of " in value
