"""The class debrief: summaries from hand-made events checked against the shipped scenarios, the demo class
(played with the engine), and `course report`."""

import pandas as pd
import pytest

from course_lib.cli import main
from course_lib.data.datasets import load_dataset
from course_lib.record import export
from course_lib.record import store as record
from course_lib.reports import debrief, demo_class
from course_lib.reports.catalogue import load_catalogue
from course_lib.reports.debrief import class_summary
from course_lib.reports.demo_class import synthetic_classroom, synthetic_events
from course_lib.roleplays.load import load_scenario, shipped_scenarios


def frame(*rows):
    base = {"event_id": None, "module": None, "score": None, "success": None, "response": None}
    data = [base | {"event_id": f"e{n}", "timestamp": f"2026-01-01T10:{n:02d}:00+00:00"} | row
            for n, row in enumerate(rows)]
    return pd.DataFrame(data)


SCENARIO = shipped_scenarios()[0]


def chose(learner, node, choice, text="t", scenario=SCENARIO):
    return {"learner": learner, "activity": f"roleplay:{scenario}", "verb": "chose",
            "response": {"node": node, "choice": choice, "text": text}}


def two_decisions():
    """The scenario's first decision and a later one (node ids), each with at least two options."""
    scenario = load_scenario(SCENARIO)
    start = scenario.node(scenario.start)
    later = next(n for n in scenario.nodes if n.id != start.id and len(n.choices) >= 3)
    return scenario, start, later


def test_roleplay_choices_count_each_learners_first_choice_with_shares_and_the_scenarios_feedback():
    scenario, start, later = two_decisions()
    events = frame(chose("a", start.id, 0), chose("b", start.id, 1), chose("c", start.id, 1),
                   chose("a", start.id, 1),  # a replays: only the first choice counts
                   chose("b", later.id, 2))
    table = debrief.roleplay_choices(events)
    assert table[["decision", "choice", "learners", "share"]].values.tolist() == [
        [start.id, 0, 1, 33.3], [start.id, 1, 2, 66.7], [later.id, 2, 1, 100.0]]
    assert table["feedback"].tolist() == [start.choices[0].feedback, start.choices[1].feedback,
                                          later.choices[2].feedback]


def test_events_that_match_no_shipped_content_are_counted_apart_not_mixed_in():
    scenario, start, _ = two_decisions()
    events = frame(chose("a", start.id, 0),
                   chose("a", "offer_that_is_not_there", 0), chose("b", "offer_that_is_not_there", 1),
                   chose("b", start.id, len(start.choices)),  # one option past the last
                   chose("c", start.id, 0, scenario="no_such_scenario"),
                   {"learner": "a", "activity": f"roleplay:{SCENARIO}", "verb": "completed",
                    "response": {"ending": "closing"}})
    summary = class_summary(events)
    assert summary.roleplay[["scenario", "decision", "choice", "learners"]].values.tolist() == [
        [SCENARIO, start.id, 0, 1]]
    assert summary.endings.empty
    problems = dict(zip(summary.unmatched["problem"], summary.unmatched["events"], strict=True))
    assert problems == {f"decision 'offer_that_is_not_there' does not exist in scenario '{SCENARIO}'": 2,
                        f"decision '{start.id}' of scenario '{SCENARIO}' has no option {len(start.choices) + 1}": 1,
                        "scenario 'no_such_scenario' is not shipped": 1,
                        f"'closing' is not an ending of scenario '{SCENARIO}'": 1}
    text = debrief.report_text(summary)
    assert "Events that match no shipped content" in text and "offer_that_is_not_there" in text


def test_hardest_quiz_items_use_first_tries():
    answer = lambda learner, q, ok: {"learner": learner, "activity": f"quiz:z/{q}", "verb": "answered",  # noqa: E731
                                     "success": ok, "score": 100.0 if ok else 0.0}
    events = frame(answer("a", "easy", True), answer("b", "easy", True), answer("a", "hard", False),
                   answer("b", "hard", True), answer("a", "hard", True))
    table = debrief.hardest_quiz_items(events)
    assert table[["question", "learners", "right first time"]].values.tolist() == [["hard", 2, 50.0],
                                                                                  ["easy", 2, 100.0]]


def test_coach_findings_are_counted_per_attempt():
    attempt = lambda learner, findings: {"learner": learner, "activity": "coach:x", "verb": "attempted",  # noqa: E731
                                         "response": {"findings": findings}}
    events = frame(attempt("a", ["blame", "blame", "jargon"]), attempt("b", ["blame"]), attempt("b", []))
    table = debrief.coach_findings(events)
    assert table.values.tolist() == [["blame", 2, 66.7, 2], ["jargon", 1, 33.3, 1]]


def test_group_profile_uses_each_learners_latest_assessment():
    skills = debrief.load_skills().skills
    rate = lambda learner, n: {"learner": learner, "activity": "skills:self_assessment",  # noqa: E731
                               "verb": "completed", "response": {"ratings": {s.id: n for s in skills}}}
    per_skill, per_group = debrief.group_skills(frame(rate("a", 1), rate("b", 3), rate("a", 5)))
    assert set(per_group["mean rating"]) == {4.0} and set(per_group["learners"]) == {2}
    assert per_skill.iloc[0].to_dict() == {"group": "Staying calm and steady", "skill": "Patience",
                                           "mean rating": 4.0, "lowest": 3, "highest": 5, "learners": 2}


def test_no_pseudonym_appears_in_the_summary(tmp_path):
    path = synthetic_classroom(tmp_path / "class.sqlite")
    summary = class_summary(export.load_events([path]))
    shown = "\n".join(t.to_string() for t in (summary.roleplay, summary.quiz, summary.coach, summary.skills,
                                               summary.coding, summary.plans))
    shown += debrief.report_text(summary)
    for name in demo_class.SYNTHETIC_PSEUDONYMS:
        assert name not in shown
    assert summary.learners == 12


def test_the_synthetic_classroom_is_the_same_for_the_same_seed_and_uses_every_event_kind():
    first, again, other = synthetic_events(seed=7), synthetic_events(seed=7), synthetic_events(seed=8)
    assert first == again and first != other
    kinds = {(row["activity"].split(":")[0], row["verb"]) for row in first}
    assert kinds == {("roleplay", "chose"), ("roleplay", "completed"), ("quiz", "answered"), ("quiz", "completed"),
                     ("coach", "attempted"), ("skills", "completed"), ("coding", "completed"), ("plan", "completed")}


def test_empty_events_give_empty_tables_and_a_readable_report():
    summary = class_summary(record.events_frame([]))
    text = debrief.report_text(summary)
    assert "no role-play decisions recorded" in text and "no self-assessments recorded" in text
    assert "no comment coding recorded" in text and "no action plans saved" in text


def survey_comment(text):
    surveys = load_dataset("surveys")
    return int(surveys.loc[surveys["comment"] == text, "contact_id"].iloc[0])


def test_comment_coding_shows_the_comments_the_class_missed_first():
    fixed, hold = survey_comment("Nobody actually fixed anything."), survey_comment("Put on hold twice.")

    def coded(learner, nobody_fixed):
        return {"learner": learner, "activity": "coding:survey_comments", "verb": "completed",
                "response": {"coding": {str(fixed): nobody_fixed, str(hold): ["hold"]}}}

    events = frame(coded("a", ["not_resolved"]), coded("b", ["resolved_quickly"]),
                   coded("b", ["not_resolved"]))  # b's second try does not count: first tries show instinct
    table = debrief.comment_coding(events)
    assert table.to_dict("records") == [
        {"comment": "Nobody actually fixed anything.", "answer key": "Not resolved, had to come back",
         "learners": 2, "matched key": 50.0},
        {"comment": "Put on hold twice.", "answer key": "Kept on hold", "learners": 2, "matched key": 100.0}]


def test_plan_measures_count_each_learners_latest_save():
    def plan(learner, measures, verb="completed"):
        return {"learner": learner, "activity": "plan:kpi_review", "verb": verb,
                "response": {"actions": [{"measure": m} for m in measures]}}

    events = frame(plan("a", ["csat"], "responded"), plan("a", ["csat", "aht"]), plan("b", ["csat", ""]))
    table = debrief.plan_measures(events)
    assert table.to_dict("records") == [
        {"plan": "kpi_review", "measure": "CSAT (% satisfied 4-5)", "actions": 2, "learners": 2},
        {"plan": "kpi_review", "measure": "(none chosen)", "actions": 1, "learners": 1},
        {"plan": "kpi_review", "measure": "Average handle time (seconds)", "actions": 1, "learners": 1}]


def test_course_report_reads_a_record_and_csv_exports(tmp_path, capsys):
    path = synthetic_classroom(tmp_path / "class.sqlite", learners=4)
    csv = tmp_path / "home.csv"
    record.events(everyone=True, path=path).assign(
        response=lambda f: f["response"].map(record.to_json)).to_csv(csv, index=False)
    events = len(record.events(everyone=True, path=path))
    assert main(["report", str(path), str(csv), "--top", "3"]) == 0
    out = capsys.readouterr().out
    # the same events twice (the record and its export) are counted once
    assert out.startswith(f"read 2 file(s): {events} event(s)\nClass debrief: 4 learner(s), ")
    played = next(row["activity"] for row in synthetic_events(learners=1) if row["verb"] == "chose")
    start = load_scenario(played.removeprefix("roleplay:")).start
    assert f"decision '{start}'" in out and "Hardest quiz items" in out and "lowest skills:" in out
    assert "first play of each role-play ended" in out and "match no shipped content" not in out


def test_course_report_explains_a_bad_file(tmp_path, capsys):
    bad = tmp_path / "x.sqlite"
    bad.write_text("hello")
    assert main(["report", str(bad)]) == 2
    assert "is not a course record" in capsys.readouterr().err


def test_synthetic_classroom_refuses_to_overwrite(tmp_path):
    path = synthetic_classroom(tmp_path / "c.sqlite", learners=2)
    with pytest.raises(FileExistsError):
        synthetic_classroom(path)


def test_every_demo_event_matches_the_shipped_content():
    """The demo class is played with the engine on the real scenarios: each decision is a node of the scenario
    and one of its options, each ending an ending node, each quiz item a question of the quiz."""
    catalogue = load_catalogue()
    rows = synthetic_events(learners=16, seed=3)
    played = {row["activity"].removeprefix("roleplay:") for row in rows if row["activity"].startswith("roleplay:")}
    assert played and played <= set(shipped_scenarios())
    for row in rows:
        kind, _, name = row["activity"].partition(":")
        if kind == "roleplay":
            scenario = load_scenario(name)
            if row["verb"] == "chose":
                node = scenario.node(row["response"]["node"])
                assert node.choices[row["response"]["choice"]].text == row["response"]["text"]
            else:
                ending = scenario.node(row["response"]["ending"])
                assert ending.is_ending and ending.ending.outcome == row["response"]["outcome"]
                assert row["module"] == scenario.module
        elif kind == "quiz" and "/" in name:
            assert row["activity"] in catalogue.titles  # the question exists
        else:
            assert row["activity"].split("/")[0] in catalogue.modules
    summary = class_summary(pd.DataFrame(rows))
    assert summary.unmatched.empty and not summary.roleplay.empty and not summary.endings.empty
    assert all(summary.roleplay["feedback"] != "")


def test_the_demo_class_plays_several_paths_and_endings():
    rows = synthetic_events()
    endings = {row["response"]["ending"] for row in rows if row["activity"].startswith("roleplay:")
               and row["verb"] == "completed"}
    decisions = {(row["response"]["node"], row["response"]["choice"]) for row in rows if row["verb"] == "chose"}
    assert len(endings) >= 2 and len(decisions) >= 6


# --- the debrief reads what the real widgets write -----------------------------------------------------------------


def _play_through(activity, pick):
    """Click the role-play's buttons (``pick(buttons)`` chooses one) until an ending shows."""
    while not activity.play.is_over:
        pick(activity.choice_buttons).click()
    assert activity.debrief.value  # the ending is on screen


def _single_choice_question():
    from course_lib.quizzes import load_quiz, quiz_names

    for name in quiz_names():
        quiz = load_quiz(name)
        if quiz.questions[0].type == "single":
            return quiz
    pytest.skip("no shipped quiz starts with a single-choice question")


def test_the_debrief_reads_the_events_the_real_widgets_write(own_record):
    from course_lib.record.learner import set_learner
    from course_lib.widgets.quiz import quiz as quiz_view
    from course_lib.widgets.roleplay import roleplay

    name = SCENARIO
    first = roleplay(name)
    _play_through(first, lambda buttons: buttons[0])
    quiz = _single_choice_question()
    question = quiz.questions[0]
    right = next(i for i, option in enumerate(question.options) if option.correct)
    view = quiz_view(quiz.name)
    view.controls[0].value = right
    view.check_button.click()

    set_learner("Second", remember=False)
    second = roleplay(name)
    _play_through(second, lambda buttons: buttons[-1])
    view = quiz_view(quiz.name)
    view.controls[0].value = next(i for i, option in enumerate(question.options) if not option.correct)
    view.check_button.click()

    summary = class_summary(record.events(everyone=True))
    assert summary.learners == 2 and summary.unmatched.empty
    opening = summary.roleplay[summary.roleplay["decision"] == first.play.scenario.start]
    start = first.play.history[0]
    other = second.play.history[0]
    assert opening["learners"].sum() == 2
    chosen = opening.set_index("choice")
    if start.choice_number != other.choice_number:
        assert chosen.loc[start.choice_number, "share"] == chosen.loc[other.choice_number, "share"] == 50.0
    assert chosen.loc[start.choice_number, "feedback"] == start.feedback
    assert chosen.loc[start.choice_number, "option"] == start.choice.text
    for step in first.play.history:  # every decision the first learner took is in the table, with its feedback
        row = summary.roleplay[(summary.roleplay["decision"] == step.node.id)
                               & (summary.roleplay["choice"] == step.choice_number)]
        assert row["feedback"].tolist() == [step.feedback]
    endings = summary.endings.set_index("ending")
    for play in (first.play, second.play):
        assert play.current.id in endings.index
        assert endings.loc[play.current.id, "outcome"] == play.outcome.outcome_label
    assert endings["learners"].sum() == 2
    item = summary.quiz[(summary.quiz["quiz"] == quiz.name) & (summary.quiz["question"] == question.id)]
    assert item[["learners", "right first time", "mean score"]].values.tolist() == [[2, 50.0, 50.0]]
    text = debrief.report_text(summary)
    assert f"{name}, decision '{start.node.id}'" in text and start.feedback in text
    assert f"{quiz.name} / {question.id}" in text and first.play.outcome.outcome_label in text
