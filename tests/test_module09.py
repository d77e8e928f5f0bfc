"""Module 09's text quotes numbers from the course's data (the recall day, Jonas's workshop): they must stay true.

nbval compares the notebook's stored outputs, but not the sentences that read them; these tests tie the sentences
and the quiz texts to the data, so a regenerated data set that changes the story fails here, not in class.
"""

import json
import re
from pathlib import Path

import pytest

import course_lib
from course_lib.quizzes import load_quiz, quiz_modules
from course_lib.staffing import erlang_a, required_agents

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "09_leading_the_team.ipynb"
RECALL_DAY, TUESDAY_BEFORE = "2025-02-18", "2025-02-11"
MORNING = range(9, 15)  # 9:00 to 14:00, the hours the text describes


@pytest.fixture(scope="module")
def contacts():
    return course_lib.load_dataset("contacts")


@pytest.fixture(scope="module")
def recall_day(contacts):
    return course_lib.needed_vs_had(course_lib.hourly_workload(contacts, RECALL_DAY), patience_seconds=360)


def notebook_text():
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(cell["source"]) for cell in cells)


def test_the_recall_morning_is_as_the_text_says(contacts, recall_day):
    morning = recall_day[recall_day["hour"].isin(MORNING)]
    before = course_lib.hourly_workload(contacts, TUESDAY_BEFORE).set_index("hour")["calls"]
    assert morning["calls"].between(100, 150).all()  # "100 to 150 calls an hour"
    ratio = morning.set_index("hour")["calls"] / before.reindex(list(MORNING))
    assert ratio.between(6, 10.5).all()  # "six to ten times as many as on the Tuesday before"
    assert (morning["agents_answering"] == 4).all()  # "Four agents answered the phones"
    assert morning["agents_needed"].between(15, 22).all() and {15, 22} <= set(morning["agents_needed"])
    assert morning["abandonment_rate"].between(65, 86).all()  # "three callers in four hung up"
    assert (morning["service_level"] <= 5).all()  # "0 to 5 % all morning"
    assert (morning["predicted_abandonment"] - morning["abandonment_rate"]).abs().max() < 12  # "closely"


def test_about_half_the_peak_calls_were_repeat_attempts(contacts, recall_day):
    """"From 10:00 about half the calls came from customers who had already hung up once that day; first attempts
    alone would have needed about 17 agents at 9:00 and 6 to 11 over the rest of the morning"."""
    day = contacts[(contacts["arrived_at"].dt.strftime("%Y-%m-%d") == RECALL_DAY) & (contacts["channel"] == "phone")]
    day = day.sort_values("arrived_at")
    hung_up, repeat = set(), []
    for row in day.itertuples():
        repeat.append(row.customer_id in hung_up)
        if not row.answered:
            hung_up.add(row.customer_id)
    day = day.assign(repeat=repeat, hour=day["arrived_at"].dt.hour)
    share = day.groupby("hour")["repeat"].mean() * 100
    assert share.loc[10:13].between(45, 70).all()
    first = day[~day["repeat"]].groupby("hour").size()
    aht = recall_day.set_index("hour")["aht_seconds"]
    needed = {hour: required_agents(int(first[hour]), 3600, float(aht[hour]), 20, 80).agents_on_phones
              for hour in MORNING}
    assert needed[9] == 17
    assert all(6 <= needed[hour] <= 11 for hour in range(10, 15))


def test_the_planner_and_what_if_numbers_in_the_text():
    plan = required_agents(74, 1800, 367, 20, 80, shrinkage=30)
    assert (plan.agents_on_phones, plan.agents_to_schedule) == (20, 29)  # "About 20 ... about 29 to schedule"
    assert round(plan.traffic_erlangs) == 15  # "about 15 agents busy all the time"
    assert required_agents(74, 1800, 367, 60, 80).agents_on_phones == 19  # "saves only one agent (19)"
    assert required_agents(round(74 * 1.2), 1800, 367, 20, 80).agents_on_phones == 23  # "20 % bigger would need 23"
    table = erlang_a([4, 9], calls=147, interval_seconds=3600, aht_seconds=367, patience_seconds=360,
                     answer_within_seconds=20).set_index("agents")
    assert round(table.loc[4, "abandonment"]) == 73 and round(table.loc[9, "abandonment"]) == 40


def test_jonas_numbers_in_the_text_and_the_quiz(contacts):
    result = course_lib.training_effect(contacts, None, "Jonas", "2025-02-17")
    alone, team, _ = result.summary["change"]
    assert round(alone) == -75 and abs(team) < 3  # "fell by about 75 seconds"; the team "about 2 seconds"
    slope = (result.weeks["trend"].iloc[0] - result.weeks["trend"].iloc[3]) / 3
    assert 38 <= slope <= 42  # "getting quicker by about 40 seconds a week"
    before, after = result.summary.loc[0, ["baseline", "after"]]
    prompt = load_quiz("training_programme").question("did_it_work").prompt
    assert f"about {round(before, -1):.0f}" in prompt and f"about {round(after, -1):.0f}" in prompt
    assert f"about {round(-alone, -1):.0f} seconds a call" in " ".join(
        o.text for o in load_quiz("training_programme").question("did_it_work").options)
    csat = course_lib.training_effect(contacts, course_lib.load_dataset("surveys"), "Jonas", "2025-02-17", "csat")
    assert round(csat.weeks["trend"].iloc[-1]) == 4  # "towards a CSAT of 4 %"


def test_the_delegation_quiz_names_people_of_the_course_team(contacts):
    agents = set(contacts["agent"].dropna())
    question = load_quiz("delegation").question("who_takes_it")
    assert set(question.answers) - agents == {"You, the manager"}
    for name in ("Jonas", "Amara", "Ben"):
        assert name in question.prompt


def test_the_notebook_uses_every_module_09_quiz_and_role_play():
    text = notebook_text()
    used = set(re.findall(r"\b(?:quiz|roleplay)\(\"(\w+)\"\)", text))
    quizzes = {name for name, module in quiz_modules().items() if module == "09"}
    assert quizzes | {"mediation_at_the_counter", "team_escalation_dispute"} <= used


MODULE_09_QUIZZES = sorted(name for name, module in quiz_modules().items() if module == "09")


def test_module_09_has_its_quizzes():
    assert len(MODULE_09_QUIZZES) >= 4


@pytest.mark.parametrize("name", MODULE_09_QUIZZES)
def test_every_module_09_quiz_can_be_answered_fully_right_and_explains_wrong_answers(name):
    from course_lib.quizzes import grade

    quiz = load_quiz(name)
    assert quiz.module == "09"
    for question in quiz.questions:
        if question.type == "single":
            right = next(i for i, o in enumerate(question.options) if o.correct)
            wrong = next(i for i, o in enumerate(question.options) if not o.correct)
            assert grade(question, right).correct and not grade(question, wrong).correct
        elif question.type == "multiple":
            ticked = [i for i, o in enumerate(question.options) if o.correct]
            assert grade(question, ticked).correct and not grade(question, list(range(len(question.options)))).correct
        elif question.type == "order":
            assert grade(question, list(range(len(question.options)))).correct
            assert not grade(question, list(reversed(range(len(question.options))))).correct
        else:
            assert grade(question, [p.match for p in question.pairs]).correct
            assert not grade(question, [question.pairs[0].match] * len(question.pairs)).correct
        feedback = [o.feedback for o in question.options] + [p.feedback for p in question.pairs]
        assert all(len(text.split()) >= 8 for text in feedback), f"{question.id}: every option explains why"
