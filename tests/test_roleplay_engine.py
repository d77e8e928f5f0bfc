"""The role-play engine, played without any widget."""

import json

import pytest
import yaml

from course_lib.roleplays import RolePlay, RolePlayError, best_path, load_scenario, parse_scenario, shipped_scenarios
from course_lib.roleplays.load import scenario_to_data

SOFA = load_scenario("sofa_delivery")


def _texts(play):
    return [c.text for c in play.choices]


def test_starts_at_the_start_with_the_starting_mood_and_no_points():
    play = RolePlay("sofa_delivery")
    assert play.current.id == "opening" and play.mood == 7
    assert play.scores == {"listening": 0, "empathy": 0, "ownership": 0, "resolution": 0}
    assert not play.is_over and play.outcome is None and not play.can_go_back


def test_a_choice_moves_to_its_node_changes_the_mood_and_adds_points():
    play = RolePlay(SOFA)
    step = play.choose(2)  # the paraphrase
    assert step.node.id == "opening" and "paraphrase" in step.feedback
    assert (step.mood_before, step.mood_after) == (7, 5)
    assert play.current.id == "listened"
    assert play.scores["listening"] == 3 and play.scores["empathy"] == 2


def test_conditions_hide_a_choice_until_the_conversation_has_gone_well():
    calm = RolePlay(SOFA)
    for index in (2, 0):  # paraphrase (7 -> 5), own it (5 -> 3)
        calm.choose(index)
    assert calm.current.id == "plan" and calm.mood == 3
    assert len(calm.choices) == 3 and "15%" in calm.choices[2].text
    angry = RolePlay(SOFA)
    for index in (1, 0, 0):  # defensive (7 -> 10), recover (10 -> 8), own it (8 -> 6)
        angry.choose(index)
    assert angry.current.id == "plan" and angry.mood == 6
    assert len(angry.choices) == 2 and not any("15%" in text for text in _texts(angry))


def test_mood_stays_between_0_and_10():
    play = RolePlay(SOFA)
    play.choose(1)  # +3 from 7
    assert play.mood == 10
    play.choose(1)  # +4 more: still 10
    assert play.mood == 10 and play.is_over


def test_back_restores_the_previous_state_and_restart_the_first():
    play = RolePlay(SOFA)
    play.choose(2)
    before = (play.current.id, play.mood, play.scores, _texts(play))
    play.choose(1)
    play.back()
    assert (play.current.id, play.mood, play.scores, _texts(play)) == before
    play.restart()
    assert play.current.id == "opening" and play.mood == 7 and play.history == ()


def test_back_is_refused_where_the_scenario_does_not_allow_it():
    data = scenario_to_data(SOFA)
    data["allow_back"] = False
    play = RolePlay(parse_scenario(yaml.safe_dump(data), "sofa_delivery.yaml"))
    play.choose(0)
    assert not play.can_go_back
    with pytest.raises(RolePlayError, match="not possible"):
        play.back()


def test_a_node_can_forbid_going_back_from_it():
    data = scenario_to_data(SOFA)
    next(n for n in data["nodes"] if n["id"] == "listened")["allow_back"] = False
    play = RolePlay(parse_scenario(yaml.safe_dump(data), "sofa_delivery.yaml"))
    play.choose(0)  # to 'vent': going back is allowed
    assert play.can_go_back
    play.choose(0)  # to 'listened': not from here
    assert play.current.id == "listened" and not play.can_go_back
    play.choose(0)
    assert play.can_go_back


def test_choices_that_are_not_on_offer_raise_the_courses_error():
    play = RolePlay(SOFA)
    for bad in (3, -1, "1", True):
        with pytest.raises(RolePlayError, match="not on offer"):
            play.choose(bad)
    play.choose(1)
    play.choose(1)
    with pytest.raises(RolePlayError, match="over"):
        play.choose(0)


def test_an_ending_gives_outcome_transcript_and_summary():
    play = RolePlay(SOFA)
    for index in (2, 0, 0, 0):
        play.choose(index)
    assert play.is_over and play.outcome.outcome == "resolved"
    transcript = play.transcript()
    assert transcript[0] == ("narrator", SOFA.node("opening").narration)
    assert [speaker for speaker, _ in transcript].count("you") == 4
    assert transcript[-1] == ("Mr. Jones", SOFA.node("end_resolved").says)
    summary = play.summary()
    by_name = {s.competency: s for s in summary.scores}
    # At 'opening' the most listening on offer was 3 (the paraphrase, which was taken); no later choice gave any.
    assert (by_name["listening"].earned, by_name["listening"].possible) == (3, 3)
    # Empathy: 2 at opening, 1 at 'listened' (best on offer: 1), 0 of 1 at 'plan' (the 15% offer had 1).
    assert (by_name["empathy"].earned, by_name["empathy"].possible) == (3, 4)
    assert by_name["empathy"].percent == 75
    assert [s.node.id for s in summary.best_path] == ["opening", "vent", "listened", "plan", "follow_up"]
    assert summary.best_outcome.outcome == "resolved"


def test_save_and_restore_round_trip_through_json():
    play = RolePlay(SOFA)
    for index in (0, 1):
        play.choose(index)
    state = json.loads(json.dumps(play.save()))
    again = RolePlay.restore(SOFA, state)
    assert again.save() == play.save()
    assert (again.current.id, again.mood, again.scores, again.transcript()) == (
        play.current.id, play.mood, play.scores, play.transcript())
    again.choose(0)
    assert again.current.id == "plan"


@pytest.mark.parametrize("state, message", [
    ({"version": 1, "scenario": "cold_soup", "path": []}, "not 'sofa_delivery'"),
    ({"version": 9, "scenario": "sofa_delivery", "path": []}, "not a saved role-play state"),
    ({"version": 1, "scenario": "sofa_delivery", "path": [["opening", 7]]}, "choice 8 is not on offer"),
    ({"version": 1, "scenario": "sofa_delivery", "path": [["vent", 0]]}, "the nodes differ"),
    ({"version": 1, "scenario": "sofa_delivery", "path": ["opening"]}, "is not \\[node id, choice number\\]"),
])
def test_restoring_a_state_that_does_not_fit_raises_the_courses_error(state, message):
    with pytest.raises(RolePlayError, match=message):
        RolePlay.restore(SOFA, state)


def test_same_choices_give_the_same_results():
    runs = []
    for _ in range(2):
        play = RolePlay("sofa_delivery")
        for index in (0, 1, 0, 2, 0):
            play.choose(index)
        runs.append((play.transcript(), play.summary()))
    assert runs[0] == runs[1]


LOOPY = """
format: 1
id: loopy
title: Loop
module: "04"
practises: choosing well
setting: {who: you, where: here, what_happened: something}
persona: {name: Kim, description: patient}
start_mood: 5
competencies: [listening]
nodes:
  - id: a
    says: Hello
    choices:
      - {text: small now, feedback: one point now, effects: {listening: 1}, next: b}
      - {text: nothing now, feedback: nothing now but more later, next: c}
  - id: b
    says: Hm
    choices:
      - {text: done, feedback: end it, next: end}
      - {text: ask again, feedback: going back round, next: a}
  - id: c
    says: Go on
    choices:
      - {text: best, feedback: three points, effects: {listening: 3}, next: end}
  - id: end
    says: Bye
    ending: {outcome: resolved, debrief: done}
"""


def test_the_best_path_looks_ahead_and_never_goes_round_a_loop():
    scenario = parse_scenario(LOOPY, "loopy.yaml")
    path = best_path(scenario)
    assert [(s.node.id, s.choice_number) for s in path] == [("a", 1), ("c", 0)]
    play = RolePlay(scenario)
    play.choose(0)
    play.choose(1)  # back round to 'a'
    assert play.current.id == "a" and play.scores["listening"] == 1


# --- the score and the success rule the learner record keeps ---------------------------------------------------


def _endings_reached(scenario, limit=3000):
    """Every (ending id, summary) reachable by playing the scenario, path by path (replayed from the start)."""
    found, paths = {}, [[]]
    while paths and limit:
        limit -= 1
        path = paths.pop()
        play = RolePlay(scenario)
        for index in path:
            play.choose(index)
        if play.is_over:
            found.setdefault(play.current.id, play.summary())
            continue
        paths.extend(path + [index] for index in range(len(play.choices)))
    return found


def test_the_summary_gives_the_score_and_success_before_any_choice():
    summary = RolePlay(SOFA).summary()
    assert summary.score is None and summary.success is False


@pytest.mark.parametrize("name", shipped_scenarios())
def test_score_is_points_against_the_path_and_success_is_the_best_outcome(name):
    scenario = load_scenario(name)
    play = RolePlay(scenario)
    for step in best_path(scenario):
        play.choose([c.text for c in play.choices].index(step.choice.text))
    best = play.summary()
    assert best.success is True and best.outcome.outcome == best.best_outcome.outcome
    endings = _endings_reached(scenario)
    assert len(endings) >= 2
    for summary in endings.values():
        assert summary.score == round(100 * summary.earned / summary.possible, 1)
        assert 0 <= summary.score <= 100
        assert summary.success is (summary.outcome.outcome == best.best_outcome.outcome)
    assert any(not s.success for s in endings.values()), "every ending counts as a success: the rule tests nothing"
