"""The role-play view, driven the way a learner would: click buttons, read what is shown."""

import yaml

import course_lib
from course_lib.roleplays import load_scenario, parse_scenario
from course_lib.roleplays.load import scenario_to_data
from course_lib.widgets.roleplay import RolePlayActivity


def _texts(activity):
    return [b.description for b in activity.choice_buttons]


def test_start_shows_setting_line_mood_and_one_labelled_button_per_choice():
    activity = course_lib.roleplay("sofa_delivery")
    scenario = load_scenario("sofa_delivery")
    assert "The torn sofa" in activity.setting.value
    assert "Mr. Jones" in activity.line.value and "tear right across" in activity.line.value
    assert activity.mood_bar.value == 7
    assert "7/10" in activity.mood_text.value and "angry" in activity.mood_text.value  # words, not only colour
    assert len(activity.choice_buttons) == len(scenario.node("opening").choices) == 3
    assert all(b.description.startswith(f"{n}. ") for n, b in enumerate(activity.choice_buttons, 1))
    assert all(b.tooltip for b in activity.choice_buttons)
    assert activity.feedback.value == "" and activity.debrief.value == ""
    assert activity.back_button.disabled and activity.try_again.disabled


def test_a_click_shows_feedback_mood_change_and_the_customers_reaction():
    activity = course_lib.roleplay("sofa_delivery")
    activity.choice_buttons[1].click()  # the defensive question about the delivery note
    assert "defensive helper" in activity.feedback.value
    assert "7 &rarr; 10" in activity.feedback.value and "more upset" in activity.feedback.value
    assert "Are you saying I did it myself?" in activity.line.value
    assert activity.mood_bar.value == 10 and "furious" in activity.mood_text.value
    assert not activity.back_button.disabled


def test_back_takes_the_last_answer_back():
    activity = course_lib.roleplay("sofa_delivery")
    first = _texts(activity)
    activity.choice_buttons[1].click()
    activity.back_button.click()
    assert _texts(activity) == first and activity.mood_bar.value == 7 and activity.feedback.value == ""


def test_playing_to_an_ending_shows_outcome_scorecard_paths_and_try_again():
    events = []
    activity = course_lib.roleplay("sofa_delivery", on_event=events.append)
    for number in (3, 1, 1, 1):  # paraphrase, own it, plan with a choice of times, follow up
        activity.choice_buttons[number - 1].click()
    assert activity.choice_buttons == [] and activity.play.is_over
    shown = activity.debrief.value
    assert "Outcome: Resolved" in shown
    for competency in ("listening", "empathy", "ownership", "resolution"):
        assert f"<td>{competency}</td>" in shown
    assert "<th>Your path</th><th>Best path</th>" in shown
    assert "Why:" in shown
    assert not activity.try_again.disabled and activity.back_button.disabled
    assert [e["type"] for e in events] == ["choice"] * 4 + ["ending"]
    assert events[-1]["outcome"] == "resolved"
    assert events[-1]["scores"]["listening"] == [3, 3]
    activity.try_again.click()
    assert activity.debrief.value == "" and activity.mood_bar.value == 7 and len(activity.choice_buttons) == 3


def test_a_bad_path_ends_with_a_lost_customer():
    activity = course_lib.roleplay("sofa_delivery")
    activity.choice_buttons[1].click()  # defensive
    activity.choice_buttons[1].click()  # "you'll have to lower your voice"
    assert "Outcome: Customer lost" in activity.debrief.value
    assert "forbidden phrases" in activity.feedback.value


def test_text_from_the_scenario_file_is_escaped():
    data = scenario_to_data(load_scenario("sofa_delivery"))
    data["title"] = "<script>alert(1)</script>"
    data["persona"]["name"] = "<b>Jones</b>"
    data["nodes"][0]["says"] = "<img src=x onerror=alert(1)>"
    first_choice = data["nodes"][0]["choices"][0]
    first_choice["text"] = "I <u>hear</u> you"
    first_choice["feedback"] = "Tom & <i>Jerry</i>"
    data["nodes"][1]["cue"] = "<iframe>"

    hostile = parse_scenario(yaml.safe_dump(data), "hostile.yaml")
    activity = RolePlayActivity(hostile)
    while activity.choice_buttons:
        activity.choice_buttons[0].click()
    shown = activity.setting.value + activity.line.value + activity.feedback.value + activity.debrief.value
    for raw in ("<script>", "<img", "<u>", "<i>Jerry", "<iframe>", "<b>Jones"):
        assert raw not in shown
    assert "&lt;script&gt;" in activity.setting.value
    assert "I &lt;u&gt;hear&lt;/u&gt; you" in activity.debrief.value


def test_plain_text_form_names_the_scenario():
    activity = course_lib.roleplay("sofa_delivery")
    assert repr(activity) == "Interactive activity: role-play 'The torn sofa'. Run this cell to use it."


def test_buttons_follow_the_choices_on_offer_and_are_reused_for_keyboard_focus():
    calm, angry = course_lib.roleplay("sofa_delivery"), course_lib.roleplay("sofa_delivery")
    first_button = calm.choice_buttons[0]
    for number in (3, 1):  # paraphrase, own it: calm enough for the goodwill offer
        calm.choice_buttons[number - 1].click()
    for number in (2, 1, 1):  # defensive, recover, own it: still too angry for it
        angry.choice_buttons[number - 1].click()
    assert calm.play.current.id == angry.play.current.id == "plan"
    assert len(calm.choice_buttons) == 3 and "15%" in calm.choice_buttons[2].description
    assert len(angry.choice_buttons) == 2 and list(angry.choice_box.children) == angry.choice_buttons
    assert calm.choice_buttons[0] is first_button


def test_each_choice_and_the_ending_go_to_the_learner_record():
    from course_lib.record import store as record

    before = len(record.events())
    activity = course_lib.roleplay("sofa_delivery")
    for number in (3, 1, 1, 1):
        activity.choice_buttons[number - 1].click()
    new = record.events().iloc[before:]
    assert list(new["verb"]) == ["chose"] * 4 + ["completed"]
    assert set(new["activity"]) == {"roleplay:sofa_delivery"} and set(new["module"]) == {activity.play.scenario.module}
    first = new.iloc[0]["response"]
    assert first["node"] == activity.play.scenario.start and first["choice"] == 2
    assert first["text"] == activity.play.scenario.node(first["node"]).choices[2].text
    ending = new.iloc[-1]
    assert ending["response"]["outcome"] == "resolved" and bool(ending["success"]) is True
    summary = activity.play.summary()  # the widget records the engine's score and success, unchanged
    assert ending["score"] == summary.score and bool(ending["success"]) is summary.success
