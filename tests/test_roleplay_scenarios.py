"""Every shipped scenario, every path: no dead end, mood in range, scores bounded, every ending reachable."""

import copy
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from course_lib.errors import ContentError
from course_lib.roleplays import RolePlay, dump_scenario, load_scenario, parse_scenario, shipped_scenarios
from course_lib.roleplays.check import full_validator, schema_valid
from course_lib.roleplays.load import scenario_to_data
from course_lib.roleplays.model import MOOD_MAX, MOOD_MIN, POINTS_LIMIT

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = shipped_scenarios()
MAX_STEPS = 40  # a path longer than this would mean a loop the learner can go round forever


def walk(scenario):
    """Every complete path (list of choice indices) with the finished RolePlay, by depth-first search."""
    finished = []
    stack = [[]]
    while stack:
        path = stack.pop()
        play = RolePlay(scenario)
        for index in path:
            play.choose(index)
        assert MOOD_MIN <= play.mood <= MOOD_MAX
        if play.is_over:
            finished.append((path, play))
            continue
        assert play.choices, f"{scenario.id}: dead end at node '{play.current.id}' after {path}"
        assert len(path) < MAX_STEPS, f"{scenario.id}: path {path} never ends"
        stack.extend(path + [i] for i in range(len(play.choices)))
    return finished


def test_every_roleplay_a_notebook_opens_is_shipped():
    """The list of scenarios comes from the content folder; what must not go missing is one a notebook plays."""
    opened = set()
    for notebook in (ROOT / "notebooks").rglob("*.ipynb"):
        opened |= set(re.findall(r"""roleplay\(\s*\\?["'](\w+)""", notebook.read_text(encoding="utf-8")))
    assert len(opened) >= 5, "the notebooks play role-plays"
    assert opened <= set(SCENARIOS), f"notebooks open scenarios that are not shipped: {opened - set(SCENARIOS)}"


@pytest.mark.parametrize("name", SCENARIOS)
def test_every_path_ends_with_mood_in_range_and_bounded_scores(name):
    scenario = load_scenario(name)
    paths = walk(scenario)
    reached = {play.current.id for _, play in paths}
    assert reached == {node.id for node in scenario.endings}, "every ending must be reachable"
    best_total = 0
    for path, play in paths:
        summary = play.summary()
        for score in summary.scores:
            assert 0 <= score.earned <= score.possible <= POINTS_LIMIT * len(path)
            assert 0 <= score.percent <= 100
        best_total = max(best_total, summary.earned)
    # The engine's best path earns as much as the best of all the paths actually walked.
    best = paths[0][1].summary()
    assert sum(s.best for s in best.scores) == best_total


@pytest.mark.parametrize("name", SCENARIOS)
def test_each_scenario_has_enough_decisions_and_endings(name):
    scenario = load_scenario(name)
    decisions = [n for n in scenario.nodes if len(n.choices) >= 2]
    assert len(decisions) >= 3
    assert len(scenario.endings) >= 3
    assert len({e.ending.outcome for e in scenario.endings}) >= 3
    summary = RolePlay(scenario).summary()
    assert len(summary.best_path) >= 3
    # Points are calibrated: the route that earns the most is one that resolves the conversation.
    assert summary.best_outcome.outcome == "resolved"


@pytest.mark.parametrize("name", SCENARIOS)
def test_dumping_to_yaml_and_loading_again_gives_the_same_scenario(name):
    scenario = load_scenario(name)
    again = parse_scenario(dump_scenario(scenario), f"{name}.yaml")
    assert again == scenario
    assert scenario_to_data(again) == scenario_to_data(scenario)


# --- the loader on random input: a Scenario or the course's own error, nothing else ---------------------------
KEYS = ["format", "id", "title", "module", "practises", "setting", "persona", "start_mood", "competencies", "nodes",
        "says", "choices", "text", "feedback", "next", "effects", "mood", "condition", "ending", "outcome",
        "debrief", "at_least", "mood_at_most", "start", "allow_back", "who", "where", "what_happened", "name"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(-20, 20), st.floats(allow_nan=True), st.text(max_size=8),
                    st.sampled_from(KEYS), st.sampled_from(["opening", "listened", "end_lost", "empathy"]))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=4), inner, max_size=5)),
    max_leaves=25)
SOFA_DATA = scenario_to_data(load_scenario("sofa_delivery"))


def _load(text):
    try:
        return parse_scenario(text, "random.yaml")
    except ContentError as err:  # the course's own error, with a message
        assert str(err)
        return None


@given(st.text(max_size=200))
def test_random_text_loads_or_raises_the_courses_error(text):
    _load(text)


YAML_PIECES = ["&a ", "*a", "&b ", "*b", "[", "]", "{", "}", ": ", "- ", "\n", "  ", ", ", "'", '"', "? ", "|\n",
               ">-\n", "!!int ", "!!str ", "!!binary ", "!!set ", "!!python/name:os.system ", "2024-02-30", "1e999",
               "0x1F", "~", "null", "yes", "---\n", "...\n", "%YAML 1.1\n", "#", "\t", "\x1f", "nodes", "id", "says",
               "choices", "next", "format: 1\n"]


@given(st.lists(st.sampled_from(YAML_PIECES), max_size=30).map("".join))
def test_random_yaml_syntax_loads_or_raises_the_courses_error(text):
    _load(text)


@given(values)
def test_random_yaml_data_loads_or_raises_the_courses_error(data):
    _load(yaml.safe_dump(data))


def _mutated_scenario(data):
    scenario = copy.deepcopy(SOFA_DATA)
    node = data.draw(st.sampled_from(scenario["nodes"]))
    target = data.draw(st.sampled_from([scenario, node] + node.get("choices", [])))
    key = data.draw(st.sampled_from(sorted(target) + KEYS))
    if data.draw(st.booleans()):
        target.pop(key, None)
    else:
        target[key] = data.draw(values)
    return scenario


@given(st.data())
def test_a_scenario_with_one_random_change_loads_or_raises_the_courses_error(data):
    _load(yaml.safe_dump(_mutated_scenario(data)))


@given(st.data())
def test_the_fast_schema_check_agrees_with_jsonschema(data):
    # The checker skips jsonschema's slower, error-collecting pass when the compiled validator accepts a file.
    scenario = _mutated_scenario(data) if data.draw(st.booleans()) else data.draw(values)
    assert schema_valid(scenario) == (not list(full_validator().iter_errors(scenario)))
