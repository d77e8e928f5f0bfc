"""Action plans: the checks a manager's action must pass, the content file's checker, and the view."""

from datetime import date
from pathlib import Path

import pytest

import course_lib
from course_lib.contentfile.check import check_file_as, check_files
from course_lib.errors import ContentError
from course_lib.plans.actions import (
    MEASURES,
    Action,
    check_action,
    check_plan,
    saved_actions,
)
from course_lib.plans.plan_file import load_plan, load_plans
from course_lib.record import store as record
from course_lib.reports.progress import activity_catalogue
from course_lib.widgets.action_plan import render_table

GOOD = Action(finding="Callers hang up at the morning peak", action="Move two email agents to phones 10-12",
              owner="Priya", due=date(2025, 4, 30), measure="abandonment_rate", target="below 10 %")


def fields(problems):
    return [p.field for p in problems]


def test_a_complete_action_has_no_problems():
    assert check_action(GOOD) == []


@pytest.mark.parametrize(("change", "field", "words"), [
    ({"action": ""}, "action", "starting with a verb"),
    ({"action": "Train"}, "action", "too short"),
    ({"owner": ""}, "owner", "name one person"),
    ({"owner": "The team"}, "owner", "not one person"),
    ({"owner": "everyone!"}, "owner", "not one person"),
    ({"due": None}, "due", "give a date"),
    ({"measure": ""}, "measure", "choose the KPI"),
    ({"measure": "happiness"}, "measure", "choose the KPI"),
    ({"target": ""}, "target", "with a number"),
    ({"target": "much better"}, "target", "has no number"),
    ({"target": "from 60 to 140 %"}, "target", "140 cannot be a target"),
    ({"measure": "aht", "target": "under 6 minutes"}, "target", "in seconds"),
    ({"measure": "ces", "target": "from 4 to 9"}, "target", "9 cannot be a target"),
])
def test_each_gap_is_named_with_how_to_fix_it(change, field, words):
    problems = check_action(Action(**{**GOOD.__dict__, **change}))
    assert fields(problems) == [field]
    assert words in problems[0].message


@pytest.mark.parametrize(("measure", "target"), [
    ("nps", "from -12 to 10"), ("aht", "from 619 s to 450 s"), ("service_level", "10:00-12:00 at 80 %"),
    ("other", "2 complaints a week or fewer"), ("csat", "from 62,5 % to 75 %"),
])
def test_targets_in_range_pass(measure, target):
    assert check_action(Action(**{**GOOD.__dict__, "measure": measure, "target": target})) == []


def test_a_due_date_before_the_plan_starts_is_refused():
    problems = check_action(GOOD, starts=date(2025, 5, 1))
    assert fields(problems) == ["due"] and "before the plan starts (2025-05-01)" in problems[0].message


def test_every_measure_is_listed_with_a_unit_the_course_uses():
    assert {m.unit for m in MEASURES.values()} <= {"%", "s", "points", "score", ""}
    assert all(m.high == 100 for m in MEASURES.values() if m.unit == "%")


def test_an_empty_plan_asks_for_an_action_and_problems_are_kept_by_position():
    assert fields(check_plan([])[-1]) == ["plan"]
    problems = check_plan([GOOD, Action(**{**GOOD.__dict__, "owner": ""})])
    assert list(problems) == [1] and fields(problems[1]) == ["owner"]


def test_actions_survive_the_round_trip_through_the_record_format():
    assert Action.from_record(GOOD.to_record()) == GOOD
    assert Action.from_record({"due": "31/04/2025"}).due is None


# --- the content file ---------------------------------------------------------------------------------------

def check_plans_file(path):
    return check_file_as(path, "action_plans")


def write(tmp_path, text):
    path = tmp_path / "action_plans.yaml"
    path.write_text(text, encoding="utf-8")
    return path


PLAN = """format: 1
plans:
  - id: review
    module: "07"
    title: A plan
    intro: Write it.
    findings:
      - Callers wait.
    example:
      finding: Callers wait.
      action: Offer call-backs at the peak
      owner: Sam
      due: 2025-04-30
      measure: asa
      target: under 60 s
"""


def test_the_shipped_plans_pass_the_checker():
    assert [str(p) for p in check_files([Path(course_lib.__file__).parent / "content" / "action_plans.yaml"])] == []
    assert "kpi_review" in load_plans()


def test_a_good_file_has_no_problems(tmp_path):
    assert check_plans_file(write(tmp_path, PLAN)) == []


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("module: \"07\"", "module: \"77\"", ":4: plan 'review': unknown module '77'"),
    ("    title: A plan\n", "", ":3: plan 'review': 'title' is missing"),
    ("    findings:\n      - Callers wait.\n", "    findngs: []\n",
     ":7: plan 'review': unknown key 'findngs' (did you mean 'findings'?)"),
    ("      measure: asa", "      measure: speed", ":14: plan 'review': example: 'measure' is 'speed'"),
    ("      owner: Sam", "      owner: the team", ":12: plan 'review': example: owner: 'the team' is not one person"),
    ("      target: under 60 s", "      target: under 2 minutes",
     ":15: plan 'review': example: target: Average speed of answer (seconds): the course counts durations in "
     "seconds"),
    ("      due: 2025-04-30", "      due: soon",
     ":13: plan 'review': example: 'due' is 'soon': it must be a date written YYYY-MM-DD"),
    ("format: 1", "format: 0", ":1: format is 0; this version of the course reads format 1"),
])
def test_a_broken_file_names_line_plan_and_what_to_change(tmp_path, old, new, expected):
    assert old in PLAN
    problems = [str(p) for p in check_plans_file(write(tmp_path, PLAN.replace(old, new)))]
    assert any(expected in p for p in problems), problems


def test_every_problem_is_reported_not_only_the_first(tmp_path):
    text = PLAN.replace("module: \"07\"", "module: \"77\"").replace("      owner: Sam", "      owner: ")
    assert len(check_plans_file(write(tmp_path, text))) == 2


def test_a_duplicate_id_and_a_syntax_error_are_reported(tmp_path):
    twice = PLAN + PLAN.split("plans:\n", 1)[1]
    problems = [str(p) for p in check_plans_file(write(tmp_path, twice))]
    assert any("id 'review' is used twice (first on line 3)" in p for p in problems)
    broken = [str(p) for p in check_plans_file(write(tmp_path, PLAN.replace("title: A plan", "title: [A plan")))]
    assert len(broken) == 1 and "action_plans.yaml:" in broken[0]


def test_a_mistyped_plan_name_gets_a_suggestion():
    with pytest.raises(ContentError, match="did you mean 'kpi_review'"):
        load_plan("kpi_reveiw")


def test_plans_are_in_the_progress_catalogue():
    catalogue = activity_catalogue()
    assert catalogue.loc[catalogue["activity"] == "plan:kpi_review", "module"].item() == "07"


# --- the view ------------------------------------------------------------------------------------------------

@pytest.fixture
def view(own_record):
    return course_lib.action_plan("kpi_review")


def fill(row, action):
    row.finding.value, row.action.value, row.owner.value = action.finding, action.action, action.owner
    row.due.value, row.measure.value, row.target.value = action.due, action.measure, action.target


def test_check_and_save_lists_what_is_missing_then_completes(view):
    row = view.rows[0]
    row.action.value = "Coach Ben on listening"
    row.owner.value = "the team"
    assert view.check_and_save() is False
    status = view.status.value
    assert "Not complete yet" in status and "Action 1" in status and "not one person" in status
    fill(row, GOOD)
    assert view.check_and_save() is True
    assert "Complete" in view.status.value and "Priya" in view.table.value
    log = record.events()
    assert log.iloc[-1]["verb"] == "completed" and log.iloc[-1]["module"] == "07"


def test_every_change_saves_a_draft_that_a_new_view_brings_back(view):
    fill(view.rows[0], GOOD)
    second = view.add_action()
    second.action.value = "Pair Jonas with Amara for two shifts"
    plan = load_plan("kpi_review")
    assert [a.action for a in saved_actions(plan)] == [GOOD.action, "Pair Jonas with Amara for two shifts"]
    again = course_lib.action_plan("kpi_review")  # as after a crash: the cell is run again
    assert [row.value() for row in again.rows] == [GOOD, Action(action="Pair Jonas with Amara for two shifts")]
    assert "is back" in again.status.value


def test_removing_an_action_renumbers_and_is_saved(view):
    fill(view.rows[0], GOOD)
    second = view.add_action(Action(action="Write a recall FAQ for the website"))
    view.remove_action(view.rows[0])
    assert view.rows == [second] and "Action 1" in second.heading.value
    assert [a.action for a in saved_actions(load_plan("kpi_review"))] == ["Write a recall FAQ for the website"]


def test_blank_rows_are_not_saved_and_no_actions_is_a_problem(view):
    view.add_action()
    assert view.check_and_save() is False
    assert "add at least one action" in view.status.value


def test_what_the_learner_types_is_escaped():
    html = render_table([Action(action="<script>alert(1)</script>", owner="A & B")])
    assert "<script>" not in html and "&lt;script&gt;" in html and "A &amp; B" in html


def test_the_view_has_a_friendly_plain_text_form(view):
    assert repr(view) == "Interactive activity: action plan: Your KPI review action plan. Run this cell to use it."


def test_the_schema_offers_exactly_the_measures_the_checks_know():
    from course_lib.contentfile.schema import load_schema

    schema = load_schema("action_plans")
    assert schema["$defs"]["action"]["properties"]["measure"]["enum"] == list(MEASURES)
