"""The course's activities in a real browser, used the way a learner uses them.

Widgets that no module notebook shows yet run from a scratch notebook in the throw-away workspace.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import servers
from tests.browser.pages import SLOW, expect_no_errors, open_in_lab, open_in_voila, run_all_cells

SCRATCH = {
    "try_staffing_planner": ["course_lib.staffing_planner()"],
    "try_reply_coach": ['course_lib.coach_exercise("late_delivery")'],
    "try_quiz": ['course_lib.quiz("service_recovery")'],
    "try_roleplay": ['course_lib.roleplay("sofa_delivery")'],
    "try_action_plan": ['course_lib.action_plan("kpi_review")'],
    "try_comment_coding": ["course_lib.code_comments()"],
    "try_course_summary": ['course_lib.coach_exercise("cold_soup")', "course_lib.course_summary()"],
}


@pytest.fixture(scope="session")
def scratch_notebooks(course_workspace):
    workspace, _ = course_workspace
    return {name: servers.write_scratch_notebook(workspace, name, cells) for name, cells in SCRATCH.items()}


def use_staffing_planner(page):
    planner = page.locator(".course-activity").first
    expect(planner).to_contain_text("Agents needed on the phones: 14", timeout=SLOW)
    expect(planner).to_contain_text("If the forecast is 20% wrong")
    expect(planner.locator("img")).to_be_visible()
    calls = planner.get_by_label("Calls per half hour")
    calls.fill("300")
    calls.press("Enter")
    expect(planner).not_to_contain_text("Agents needed on the phones: 14", timeout=SLOW)
    planner.get_by_role("button", name="Back to the starting values").click()
    expect(planner).to_contain_text("Agents needed on the phones: 14", timeout=SLOW)


def use_reply_coach(page):
    exercise = page.locator(".course-activity").first
    expect(exercise).to_contain_text("Priya", timeout=SLOW)
    model = exercise.get_by_role("button", name="Show a model answer")
    expect(model).to_be_disabled()
    exercise.get_by_label("Your reply").fill("I don't know <b>where</b> it is.")
    exercise.get_by_role("button", name="Check my reply").click()
    expect(exercise.locator("mark", has_text="I don't know")).to_be_visible(timeout=SLOW)
    expect(exercise).to_contain_text("[change 1]")
    expect(exercise).to_contain_text("<b>where</b>")  # what the learner typed is shown as text, not as HTML
    expect(model).to_be_enabled()
    model.click()
    expect(exercise).to_contain_text("Let me find out where it is", timeout=SLOW)


def use_quiz(page):
    quiz = page.locator(".course-activity").first
    expect(quiz).to_contain_text("Question 1 of 6", timeout=SLOW)
    check = quiz.get_by_role("button", name="Check my answer")
    check.click()
    expect(quiz).to_contain_text("Choose an answer first", timeout=SLOW)
    quiz.get_by_label("It is a complaint, because from the customer's point of view a problem exists").check()
    check.focus()
    page.keyboard.press("Enter")
    expect(quiz).to_contain_text("Correct", timeout=SLOW)
    expect(quiz).to_contain_text("Most unhappy customers never ask for anything")  # why the others are wrong
    quiz.get_by_role("button", name="Next question").click()
    expect(quiz).to_contain_text("Question 2 of 6", timeout=SLOW)


def use_roleplay(page):
    play = page.locator(".course-activity").first
    expect(play).to_contain_text("The torn sofa", timeout=SLOW)
    expect(play).to_contain_text("7/10")
    play.get_by_role("button", name=re.compile(r"^3\. So, Mr\. Jones")).click()
    expect(play).to_contain_text("Why it matters:", timeout=SLOW)
    expect(play).to_contain_text("Yes. That's exactly it.")
    for pattern in (r"^1\. I'm sorry this happened", r"^1\. Here's what I'll do"):
        button = play.get_by_role("button", name=re.compile(pattern))
        button.focus()
        page.keyboard.press("Enter")  # the conversation can be played from the keyboard
    play.get_by_role("button", name=re.compile(r"^1\. I'm ringing, as promised")).click()
    expect(play).to_contain_text("Outcome: Resolved", timeout=SLOW)
    expect(play).to_contain_text("Best path")
    play.get_by_role("button", name="Try again").click()
    expect(play).not_to_contain_text("Outcome:", timeout=SLOW)
    expect(play).to_contain_text("7/10")


def fill_action_plan(page, owner):
    plan = page.locator(".course-activity").first
    expect(plan).to_contain_text("Your KPI review action plan", timeout=SLOW)
    save = plan.get_by_role("button", name="Check and save")
    plan.get_by_label("Owner").first.fill("the team")
    plan.get_by_label("Owner").first.press("Tab")
    save.click()
    expect(plan).to_contain_text("not one person", timeout=SLOW)
    plan.get_by_label("Finding").first.fill("Callers hang up at the morning peak")
    plan.get_by_label("Action", exact=True).first.fill("Start two late-shift agents at 10:00")
    plan.get_by_label("Owner").first.fill(owner)
    plan.get_by_label("Due").first.fill("2025-04-30")
    plan.get_by_label("Measure").first.select_option(label="Service level (% answered in time)")
    plan.get_by_label("Target").first.fill("from 67 % to 80 %")
    plan.get_by_label("Target").first.press("Tab")
    save.click()
    expect(plan).to_contain_text("Complete: 1 action(s)", timeout=SLOW)
    expect(plan.locator("table.course-plan").last).to_contain_text(owner)  # typed markup is shown as text
    return plan


def use_action_plan(page):
    fill_action_plan(page, "<b>Sam</b>, rota planner")


def use_comment_coding(page):
    coding = page.locator(".course-activity").first
    expect(coding).to_contain_text("Comment 1 of 12", timeout=SLOW)
    compare = coding.get_by_role("button", name="Compare")
    compare.click()
    expect(coding).to_contain_text("Not yet:", timeout=SLOW)
    previous, following = (coding.get_by_role("button", name=n) for n in ("Previous comment", "Next comment"))
    expect(previous).to_be_disabled()
    for number in range(1, 13):
        expect(coding).to_contain_text(f"Comment {number} of 12", timeout=SLOW)
        coding.get_by_label("Delivery", exact=True).check()  # the same theme for all: the comparison explains
        if number < 12:
            following.click()
    expect(following).to_be_disabled()
    compare.click()
    expect(coding).to_contain_text("You matched the answer key on", timeout=SLOW)
    expect(coding).to_contain_text("The keyword tagger matched it on 6 of 12")


def cold_soup_replies(text):
    found = re.search(r"Cold soup \(module 05\): (\d+) repl", text)
    return int(found.group(1)) if found else 0


def use_course_summary(page):
    summary = page.locator(".course-activity").nth(1)
    expect(summary).to_contain_text("Course record of", timeout=SLOW)
    expect(summary).to_contain_text("What next")
    before = cold_soup_replies(summary.inner_text())  # the browser tests share one record
    exercise = page.locator(".course-activity").first
    exercise.get_by_label("Your reply").fill("I'm so sorry. I'll bring you a fresh bowl in five minutes.")
    exercise.get_by_role("button", name="Check my reply").click()
    expect(exercise).to_contain_text("What works", timeout=SLOW)
    summary.get_by_role("button", name="Refresh").click()
    expect(summary).to_contain_text("Your record was read again", timeout=SLOW)
    reply_or_replies = "reply" if before == 0 else "replies"
    expect(summary).to_contain_text(f"Cold soup (module 05): {before + 1} {reply_or_replies} checked")


ACTIVITIES = [("try_staffing_planner", use_staffing_planner), ("try_reply_coach", use_reply_coach),
              ("try_quiz", use_quiz), ("try_roleplay", use_roleplay), ("try_action_plan", use_action_plan),
              ("try_comment_coding", use_comment_coding), ("try_course_summary", use_course_summary)]


@pytest.mark.parametrize(("name", "use"), ACTIVITIES)
def test_activity_in_jupyterlab(page, lab, scratch_notebooks, screenshot, name, use):
    open_in_lab(page, lab, scratch_notebooks[name])
    run_all_cells(page)
    use(page)
    expect_no_errors(page)
    screenshot(page, f"lab_{name}")


@pytest.mark.parametrize(("name", "use"), ACTIVITIES)
def test_activity_as_a_voila_app(page, voila, scratch_notebooks, screenshot, name, use):
    open_in_voila(page, voila, f"{name}.ipynb")
    use(page)
    expect_no_errors(page)
    screenshot(page, f"voila_{name}")


def test_a_saved_action_plan_comes_back_after_the_kernel_is_gone(page, voila, scratch_notebooks):
    """Every change is saved to the learner record; a new kernel (a page reload in Voila) brings the plan back."""
    open_in_voila(page, voila, "try_action_plan.ipynb")
    fill_action_plan(page, "Alex, team leader")
    page.reload()
    plan = page.locator(".course-activity").first
    expect(plan).to_contain_text("is back", timeout=SLOW)
    expect(plan.get_by_label("Owner").first).to_have_value("Alex, team leader")
    expect(plan.get_by_label("Due").first).to_have_value("2025-04-30")
    expect_no_errors(page)
