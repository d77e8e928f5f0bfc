"""00_start_here in a real browser: the check-in renders, answers, and works from the keyboard."""

from playwright.sync_api import expect

from tests.browser.pages import SLOW, expect_no_errors, open_in_lab, open_in_voila, run_all_cells


def use_checkin(page):
    activity = page.locator(".course-activity").first
    expect(activity).to_be_visible(timeout=SLOW)
    activity.locator("select").select_option(label="Having to say no")
    button = activity.get_by_role("button", name="Get my tip")
    button.focus()
    page.keyboard.press("Enter")  # the tip must come from the keyboard too, not only from a mouse click
    expect(activity).to_contain_text("Lead with what you can do", timeout=SLOW)
    expect(activity).to_contain_text("module 03")
    return activity


def test_start_here_runs_in_jupyterlab_and_the_checkin_answers(page, lab, screenshot):
    open_in_lab(page, lab, "notebooks/00_start_here.ipynb")
    run_all_cells(page)
    use_checkin(page)
    expect_no_errors(page)
    expect(page.get_by_text("42 of 50 customers were satisfied: a score of 84%")).to_be_visible()
    screenshot(page, "lab_00_start_here")


def test_start_here_runs_as_a_voila_app_and_the_checkin_answers(page, voila, screenshot):
    open_in_voila(page, voila, "00_start_here.ipynb")
    use_checkin(page)
    expect_no_errors(page)
    expect(page.get_by_role("heading", name="Start here")).to_be_visible()
    # App mode is what learners see in class: the trainer's notes stay in the notebook (voila.json).
    expect(page.get_by_text("Timing in class")).to_have_count(0)
    screenshot(page, "voila_00_start_here")
