"""`course check` on role-play scenarios: every broken file reports exactly its problem, at its line and node."""

import shutil
from pathlib import Path

import pytest

from course_lib.cli import main
from course_lib.contentfile.check import check_files
from course_lib.roleplays import ScenarioError, check_scenario_file, check_scenario_text, load_scenario
from course_lib.roleplays.load import scenario_dir

BROKEN = sorted((Path(__file__).parent / "data" / "scenarios_broken").glob("*.yaml"))


def expected(path: Path) -> list[str]:
    return [line.removeprefix("# expect: ").rstrip("\n") for line in path.read_text().splitlines()
            if line.startswith("# expect: ")]


def test_the_corpus_has_one_file_per_kind_of_problem():
    assert len(BROKEN) >= 20
    assert all(expected(path) for path in BROKEN)


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_each_broken_file_reports_exactly_its_problem_and_where(path):
    reported = [str(problem).removeprefix(f"{path}:") for problem in check_scenario_file(path)]
    assert reported == expected(path)


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_loading_a_broken_file_raises_the_courses_error_with_every_problem(path):
    errors = [p for p in check_scenario_file(path) if p.is_error]
    if not errors:  # warnings only: the scenario still loads
        assert load_scenario(path).id == path.stem
        return
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert caught.value.problems == errors
    assert str(caught.value).startswith(str(errors[0]).split(" warning:")[0])


def test_every_problem_in_a_file_is_collected_not_just_the_first():
    text = (BROKEN[0].parent / "missing_target.yaml").read_text()
    text = text.replace("start_mood: 6", "start_mood: 11").replace("outcome: customer_lost", "outcome: lost")
    text = text.replace("feedback: An excuse; she hears that her problem does not matter.", "feedback: ' '")
    messages = [p.message for p in check_scenario_text(text, "missing_target.yaml")]
    assert len(messages) == 4
    assert any("'start_mood' is 11" in m for m in messages)
    assert any("'hapy', which does not exist (did you mean 'happy'?)" in m for m in messages)
    assert any("'feedback' is empty" in m for m in messages)
    assert any("'outcome' is 'lost'" in m for m in messages)


def test_a_mistyped_start_gets_a_did_you_mean():
    text = (BROKEN[0].parent / "missing_start.yaml").read_text().replace("start: begin", "start: strat")
    (problem,) = check_scenario_text(text, "missing_start.yaml")
    assert problem.message == "the start node 'strat' does not exist (did you mean 'start'?)"


def test_unreadable_values_are_reported_not_raised():
    (problem,) = check_scenario_text("format: 1\nid: 2024-02-30\n", "dates.yaml")
    assert problem.message.startswith("not valid YAML: a value cannot be read")


def test_an_id_that_differs_from_the_file_name_is_a_warning():
    text = (BROKEN[0].parent / "missing_target.yaml").read_text().replace("next: hapy", "next: happy")
    (problem,) = check_scenario_text(text, "other_name.yaml")
    assert problem.severity == "warning" and problem.line == 4
    assert "roleplay(\"other_name\")" in problem.message


def test_shipped_scenarios_have_no_problems_at_all():
    problems = check_files(sorted(scenario_dir().glob("*.yaml")))
    assert [str(p) for p in problems] == []


def test_course_check_on_a_folder_fails_on_errors_and_prints_file_line_node(tmp_path, capsys):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    shutil.copy(BROKEN[0].parent / "missing_target.yaml", folder)
    assert main(["check", str(folder)]) == 1
    out = capsys.readouterr().out
    target = folder / "missing_target.yaml"
    assert f"{target}:35: node 'fix': choice 1: goes to 'hapy', which does not exist (did you mean 'happy'?)" in out
    # The copy has no 'kind:' line: it is recognised by its shape, with a warning saying so.
    assert f"{target}:1: warning: no 'kind:' key: read as kind 'scenario' because it has 'nodes'" in out
    assert "checked 1 file(s): 1 error(s), 1 warning(s)" in out


def test_course_check_passes_with_warnings_only(tmp_path, capsys):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    shutil.copy(BROKEN[0].parent / "repeated_feedback.yaml", folder)
    assert main(["check", str(folder / "repeated_feedback.yaml")]) == 0
    out = capsys.readouterr().out
    assert "warning: choice 2: the feedback repeats" in out and "0 error(s), 2 warning(s)" in out


def test_course_check_with_no_path_checks_the_shipped_scenarios(capsys):
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    shipped = len(list(scenario_dir().glob("*.yaml")))
    assert shipped >= 1 and "0 error(s), 0 warning(s)" in out


def test_an_alias_inside_its_own_anchor_is_reported_not_followed_forever():
    (problem,) = check_scenario_text("format: 1\nnodes: &n\n  - id: a\n    choices: *n\n", "loop.yaml")
    assert problem.line == 4
    assert "points back into the anchor" in problem.message


def test_an_alias_used_twice_is_fine():
    text = (BROKEN[0].parent / "missing_target.yaml").read_text().replace("next: hapy", "next: happy")
    text = text.replace("effects: {mood: 2}", "effects: &worse {mood: 2}", 1) + "\n"
    okay = "        feedback: A bare 'okay' gives her"
    text = text.replace(okay, "        effects: *worse\n" + okay)
    assert [p for p in check_scenario_text(text, "missing_target.yaml") if p.is_error] == []


def test_the_scenario_schema_agrees_with_the_model():
    from course_lib.contentfile.schema import load_schema
    from course_lib.roleplays import model

    schema = load_schema("scenario")
    defs, choice = schema["$defs"], schema["$defs"]["choice"]["properties"]
    assert (defs["mood"]["minimum"], defs["mood"]["maximum"]) == (model.MOOD_MIN, model.MOOD_MAX)
    mood_change = choice["effects"]["properties"]["mood"]
    assert (mood_change["minimum"], mood_change["maximum"]) == (-model.MOOD_CHANGE_LIMIT, model.MOOD_CHANGE_LIMIT)
    assert choice["effects"]["additionalProperties"]["maximum"] == model.POINTS_LIMIT
    assert defs["node"]["properties"]["ending"]["properties"]["outcome"]["enum"] == list(model.OUTCOMES)
    assert schema["properties"]["format"]["const"] == model.FORMAT_VERSION


def test_a_scenario_saved_with_kind_and_dumped_again_round_trips():
    from course_lib.roleplays import dump_scenario, parse_scenario

    scenario = load_scenario("sofa_delivery")
    text = dump_scenario(scenario)
    assert text.startswith("kind: scenario\n")
    assert parse_scenario(text, "sofa_delivery.yaml") == scenario
