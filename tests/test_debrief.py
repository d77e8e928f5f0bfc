"""The class debrief: summaries from hand-made events, the synthetic classroom, and `course report`."""

import pandas as pd
import pytest

from course_lib.cli import main
from course_lib.data.datasets import load_dataset
from course_lib.record import store as record
from course_lib.reports import debrief
from course_lib.reports.debrief import SYNTHETIC_FEEDBACK, class_summary, synthetic_classroom, synthetic_events


def frame(*rows):
    base = {"event_id": None, "module": None, "score": None, "success": None, "response": None}
    data = [base | {"event_id": f"e{n}", "timestamp": f"2026-01-01T10:{n:02d}:00+00:00"} | row
            for n, row in enumerate(rows)]
    return pd.DataFrame(data)


def chose(learner, node, choice, text="t"):
    return {"learner": learner, "activity": "roleplay:sofa", "verb": "chose",
            "response": {"node": node, "choice": choice, "text": text}}


def test_roleplay_choices_count_each_learners_first_choice_with_shares_and_feedback():
    events = frame(chose("a", "start", 0), chose("b", "start", 1), chose("c", "start", 1),
                   chose("a", "start", 1),  # a replays: only the first choice counts
                   chose("b", "offer", 2))
    table = debrief.roleplay_choices(events, feedback={("sofa", "start", 1): "Why option 2 works"})
    assert table[["decision", "choice", "learners", "share"]].values.tolist() == [
        ["start", 0, 1, 33.3], ["start", 1, 2, 66.7], ["offer", 2, 1, 100.0]]
    assert table["feedback"].tolist() == ["", "Why option 2 works", ""]
    by_function = debrief.roleplay_choices(events, feedback=lambda s, n, c: f"{s}/{n}/{c}")
    assert by_function["feedback"].tolist() == ["sofa/start/0", "sofa/start/1", "sofa/offer/2"]


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
    summary = class_summary(record.load_events([path]), SYNTHETIC_FEEDBACK)
    shown = "\n".join(t.to_string() for t in (summary.roleplay, summary.quiz, summary.coach, summary.skills,
                                               summary.coding, summary.plans))
    shown += debrief.report_text(summary)
    for name in debrief.SYNTHETIC_PSEUDONYMS:
        assert name not in shown
    assert summary.learners == 12


def test_the_synthetic_classroom_is_the_same_for_the_same_seed_and_uses_every_event_kind():
    first, again, other = synthetic_events(seed=7), synthetic_events(seed=7), synthetic_events(seed=8)
    assert first == again and first != other
    kinds = {(row["activity"].split(":")[0], row["verb"]) for row in first}
    assert kinds == {("roleplay", "chose"), ("roleplay", "completed"), ("quiz", "answered"), ("quiz", "completed"),
                     ("coach", "attempted"), ("skills", "completed"), ("coding", "completed"), ("plan", "completed")}


def test_empty_events_give_empty_tables_and_a_readable_report():
    summary = class_summary(record._frame([]))
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
        response=lambda f: f["response"].map(record._to_json)).to_csv(csv, index=False)
    assert main(["report", str(path), str(csv), "--top", "3"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Class debrief: 4 learner(s), ")
    assert "decision 'opening'" in out and "Hardest quiz items" in out and "lowest skills:" in out


def test_course_report_explains_a_bad_file(tmp_path, capsys):
    bad = tmp_path / "x.sqlite"
    bad.write_text("hello")
    assert main(["report", str(bad)]) == 2
    assert "is not a course record" in capsys.readouterr().err


def test_synthetic_classroom_refuses_to_overwrite(tmp_path):
    path = synthetic_classroom(tmp_path / "c.sqlite", learners=2)
    with pytest.raises(FileExistsError):
        synthetic_classroom(path)
