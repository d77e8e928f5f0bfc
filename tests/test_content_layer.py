"""The content layer: safe YAML reading, kinds read from the file, schema problems in a trainer's words, and
`course check` on any folder. Lists of shipped content come from the content folder, never from literals."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from course_lib.cli import main
from course_lib.contentfile.check import check_file_as, check_one, check_paths, shipped_content_files
from course_lib.contentfile.files import MAX_FILE_BYTES, SCHEMA_DIR, content_dir
from course_lib.contentfile.kinds import KINDS, kind_for
from course_lib.contentfile.schema import as_json, full_validator, schema_valid
from course_lib.contentfile.yaml_read import expanded_size, load_yaml_text, read_document, read_document_text
from course_lib.errors import ContentError
from course_lib.problems import Problem

ROOT = Path(__file__).resolve().parents[1]
BROKEN_SCENARIOS = ROOT / "tests" / "data" / "scenarios_broken"

# The "billion laughs": ten levels of nine aliases each, about 540 bytes, 10^9 values once expanded.
ALIAS_BOMB = 'lol: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
    f"laugh_{n}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 9)}]\n" for n in range(9))


def shipped_by_kind() -> dict[str, Path]:
    """One shipped file of every registered kind, found by reading the files' own 'kind:'."""
    found: dict[str, Path] = {}
    for path in shipped_content_files():
        kind, _ = kind_for(yaml.safe_load(path.read_text(encoding="utf-8")), path)
        if kind is not None:
            found.setdefault(kind.name, path)
    return found


SHIPPED = shipped_by_kind()


def test_every_registered_kind_has_a_shipped_file_and_every_shipped_file_says_its_kind():
    assert set(SHIPPED) == set(KINDS)
    for path in shipped_content_files():
        first_key = next(line for line in path.read_text(encoding="utf-8").splitlines()
                         if line and not line.startswith("#"))
        assert first_key.startswith("kind: "), path


def test_every_schema_is_valid_draft_2020_12_and_explains_itself():
    import jsonschema

    for kind in KINDS.values():
        if kind.schema is None:
            continue
        schema = json.loads((SCHEMA_DIR / f"{kind.schema}.schema.json").read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$schema"].endswith("2020-12/schema") and schema["title"] and schema["description"]
        assert schema["properties"]["kind"] == {"const": kind.name, "description": schema["properties"]["kind"][
            "description"]}


def test_shipped_content_has_no_problems_and_modules_yaml_is_checked():
    result = check_paths()
    assert [str(p) for p in result.problems] == []
    assert content_dir() / "modules.yaml" in result.checked
    assert result.unrecognised == []


# --- safe reading -------------------------------------------------------------------------------------------------


def test_the_alias_bomb_is_refused_with_the_line_of_the_first_alias():
    assert 500 <= len(ALIAS_BOMB.encode()) <= 600
    problem = read_document_text(ALIAS_BOMB, "bomb.yaml")
    assert isinstance(problem, Problem)
    assert problem.line == 2
    assert problem.message == ("aliases (*name) would expand this file to 4,412,961,516 values, from 30 written "
                               "ones; aliases may not expand a file beyond 100,000 values (copy the part instead, "
                               "or use fewer nested aliases)")


def test_expanded_size_counts_a_node_each_time_an_alias_reaches_it():
    node = yaml.compose("a: &x [1, 2]\nb: *x\nc: [*x, *x]\n", Loader=yaml.SafeLoader)
    size, distinct, recursive = expanded_size(node)
    # root + 3 keys + (list + 2 items) reached 4 times + the list under c
    assert (size, distinct, recursive) == (1 + 3 + 4 * 3 + 1, 8, None)


def test_an_alias_that_repeats_a_part_a_few_times_is_fine():
    loaded = load_yaml_text("base: &b {x: 1}\nuse: [*b, *b, *b]\n", "ok.yaml")
    assert loaded.data["use"] == [{"x": 1}] * 3


def test_a_folder_of_25_files_with_the_bomb_among_them_reports_all_25(tmp_path):
    scenarios = sorted(BROKEN_SCENARIOS.glob("*.yaml"))[:24]
    for path in scenarios:
        shutil.copy(path, tmp_path)
    (tmp_path / "bomb.yaml").write_text(ALIAS_BOMB)
    result = check_paths([tmp_path])
    assert len(result.checked) + len(result.unrecognised) == 25
    files_with_problems = {p.file for p in result.problems}
    assert tmp_path / "bomb.yaml" in files_with_problems
    assert {tmp_path / p.name for p in scenarios} <= files_with_problems


IMPOSSIBLE_VALUES = {
    "a date that does not exist": ("zz_extra: 2024-02-30\n", "'2024-02-30' read as a date fails"),
    "a bad float tag": ("zz_extra: !!float x\n", "'x' read as a number fails"),
    "a bad timestamp tag": ("zz_extra: !!timestamp x\n", "'x' read as a date fails"),
    "a list as a key": ("? [a, b]\n: 1\n", "a list or a mapping is used as a key"),
    "an empty int": ("zz_extra: !!int ''\n", "'' read as a whole number fails"),
    "an unknown tag": ("zz_extra: !thing x\n", "could not determine a constructor for the tag '!thing'"),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("case", sorted(IMPOSSIBLE_VALUES))
def test_every_impossible_value_is_one_problem_with_its_line_for_every_kind(tmp_path, kind, case):
    shipped = SHIPPED[kind]
    text = shipped.read_text(encoding="utf-8")
    addition, words = IMPOSSIBLE_VALUES[case]
    path = tmp_path / shipped.name
    path.write_text(text + addition, encoding="utf-8")
    problems = check_file_as(path, kind)
    assert len(problems) == 1, problems
    (problem,) = problems
    assert problem.line == text.count("\n") + 1
    assert problem.message.startswith("not valid YAML: ") and words in problem.message


def test_a_file_over_the_size_limit_is_refused_with_its_size(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_text("kind: quiz\n" + "# padding padding padding padding padding padding padding padding\n" * 40_000)
    assert path.stat().st_size > MAX_FILE_BYTES
    (problem,) = check_one(path)[0]
    assert problem.message.startswith("the file is 2.6 MB; a content file may be at most 2.0 MB")


def test_text_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "latin.yaml"
    path.write_bytes("kind: quiz\ntitle: caf\u00e9\n".encode("latin-1"))
    (problem,) = check_one(path)[0]
    assert problem.message == "not UTF-8 text (invalid continuation byte at byte 21)"


def test_deeply_nested_yaml_is_a_problem_not_a_crash():
    problem = read_document_text("a: " + "[" * 5000 + "]" * 5000 + "\n", "deep.yaml")
    assert isinstance(problem, Problem) and problem.message.startswith("not valid YAML")


# --- kinds from the file --------------------------------------------------------------------------------------------


def test_a_file_without_kind_is_recognised_by_its_shape_with_a_warning(tmp_path):
    quiz = SHIPPED["quiz"]
    path = tmp_path / "renamed_quiz.yaml"
    path.write_text(quiz.read_text(encoding="utf-8").replace("kind: quiz\n", ""), encoding="utf-8")
    problems, recognised = check_one(path)
    assert recognised
    assert [str(p) for p in problems] == [f"{path}:1: warning: no 'kind:' key: read as kind 'quiz' because it has "
                                          "'questions'; add 'kind: quiz' as the first line"]


def test_a_file_without_kind_is_recognised_by_its_well_known_name(tmp_path):
    path = tmp_path / "checkin.yaml"
    path.write_text(SHIPPED["checkin"].read_text(encoding="utf-8").replace("kind: checkin\n", ""), encoding="utf-8")
    (problem,) = check_one(path)[0]
    assert problem.severity == "warning"
    assert problem.message == ("no 'kind:' key: read as kind 'checkin' because the file is named 'checkin.yaml'; add "
                               "'kind: checkin' as the first line")


def test_an_unknown_kind_gets_a_suggestion(tmp_path):
    path = tmp_path / "q.yaml"
    path.write_text("kind: quizz\nformat: 1\n")
    (problem,) = check_one(path)[0]
    assert str(problem) == f"{path}:1: 'kind' is 'quizz', which is not a kind of content (did you mean 'quiz'?)"


def test_unrecognised_yaml_in_a_folder_is_listed_and_a_named_one_is_an_error(tmp_path, capsys):
    (tmp_path / "notes.yml").write_text("colour: blue\n")
    shutil.copy(SHIPPED["modules"], tmp_path / "outline.yaml")
    assert main(["check", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "did not recognise 1 YAML file(s) as course content" in out and f"  {tmp_path / 'notes.yml'}" in out
    assert "checked 1 file(s): 0 error(s), 0 warning(s)" in out
    assert main(["check", str(tmp_path / "notes.yml")]) == 1
    assert "not a course content file this checker knows" in capsys.readouterr().out


def test_course_check_reports_every_broken_scenario_in_any_folder(tmp_path, capsys):
    folder = tmp_path / "saved_anywhere"
    shutil.copytree(BROKEN_SCENARIOS, folder)
    files = sorted(folder.glob("*.yaml"))
    assert main(["check", str(folder)]) == 1
    out = capsys.readouterr().out
    assert f"checked {len(files)} file(s): " in out
    for path in files:
        assert f"{path}:" in out, path.name
    result = check_paths([folder])
    files_with_errors = {p.file for p in result.problems if p.is_error}
    # repeated_feedback.yaml is broken only by a warning; every other file has at least one error
    assert files_with_errors == {p for p in files if p.name != "repeated_feedback.yaml"}


def test_course_check_with_no_argument_imports_no_widget_plotting_or_science_library():
    code = ("import sys\nfrom course_lib.cli import main\ncode = main(['check'])\n"
            "print(code, sorted(m for m in ('ipywidgets', 'matplotlib', 'scipy') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.splitlines()[-1] == "0 []"


# --- COURSE_CONTENT: the whole course reads a copy of the content ---------------------------------------------------


def test_course_content_points_the_course_at_a_copy(tmp_path, monkeypatch, capsys):
    from course_lib.quizzes.load import load_quiz, quiz_names

    copy = tmp_path / "content"
    shutil.copytree(content_dir(), copy)
    text = SHIPPED["quiz"].read_text(encoding="utf-8")
    (copy / "quizzes" / "trainer_added.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("COURSE_CONTENT", str(copy))
    assert content_dir() == copy
    assert "trainer_added" in quiz_names()
    assert load_quiz("trainer_added").title == load_quiz(SHIPPED["quiz"].stem).title
    assert main(["check"]) == 0
    capsys.readouterr()
    modules = copy / "modules.yaml"
    modules.write_text(modules.read_text(encoding="utf-8").replace('number: "05"', 'number: "5"'), encoding="utf-8")
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert f"{modules}:" in out and "'number' is '5': it must be a two-digit module number" in out
    with pytest.raises(ContentError):
        load_quiz("nothing_like_this")


# --- fuzzing every kind ---------------------------------------------------------------------------------------------

FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FAST_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
ODD_TEXT = ["2024-02-30", "!!float x", "!!timestamp x", "!!int ''", "!!binary zz!", "[a, [b, {c: d}]]", "{? [a]: 1}",
            "&anchor x", "*nowhere", "!!set {a, b}", "!!omap [a]", "''", "~", "yes", "1e999", ".nan", "0o17", "-",
            "!!python/object:os.system x", "'''", "{a: *nowhere}", "@x", "%TAG"]
ODD_VALUES = [None, True, 0, -1, 10**20, 1.5, "", " ", "x" * 300, [], {}, [None], {"": None}, {1: 2}, [[[]]],
              "2024-02-30", "nodes", "kind"]


def _places(data, path=()):
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _places(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _places(value, path + (index,))


def _mutate(data, draw):
    places = list(_places(data))
    for _ in range(draw(st.integers(1, 3))):
        place = draw(st.sampled_from(places))
        if not place:
            continue
        parent = data
        try:
            for part in place[:-1]:
                parent = parent[part]
        except (KeyError, IndexError, TypeError):
            continue
        action = draw(st.sampled_from(["drop", "rename", "replace"]))
        key = place[-1]
        if action == "drop" and isinstance(parent, dict):
            parent.pop(key, None)
        elif action == "rename" and isinstance(parent, dict) and key in parent:
            parent[f"{key}x"] = parent.pop(key)
        elif isinstance(parent, dict | list):
            try:
                parent[key] = draw(st.sampled_from(ODD_VALUES))
            except (IndexError, TypeError):
                continue
    return data


def test_a_list_as_an_example_measure_is_a_problem(tmp_path):
    """Found by the fuzzer: the hand-written action-plan parser raised here; the schema now says what is wrong."""
    path = tmp_path / "action_plans.yaml"
    text = SHIPPED["action_plans"].read_text(encoding="utf-8")
    path.write_text(text.replace("measure: service_level", "measure: [service_level]", 1), encoding="utf-8")
    found = [p.message for p in check_file_as(path, "action_plans")]
    assert len(found) == 1 and found[0].startswith("example: 'measure' is ['service_level']"), found


@pytest.mark.parametrize("kind", sorted(KINDS))
@settings(max_examples=30, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_checker_of_every_kind_only_ever_returns_problems(tmp_path, kind, data):
    shipped = SHIPPED[kind]
    text = shipped.read_text(encoding="utf-8")
    if data.draw(st.booleans()):
        parsed = _mutate(yaml.load(text, Loader=FAST_LOADER), data.draw)
        text = yaml.dump(parsed, Dumper=FAST_DUMPER, sort_keys=False, allow_unicode=True)
    else:
        lines = text.splitlines()
        at = data.draw(st.integers(0, len(lines)))
        key = data.draw(st.sampled_from(["zz", "kind", "format", "  id", "- x", "  - text"]))
        lines.insert(at, f"{key}: {data.draw(st.sampled_from(ODD_TEXT))}")
        text = "\n".join(lines) + "\n"
    path = tmp_path / shipped.name
    path.write_text(text, encoding="utf-8")
    problems = check_file_as(path, kind)  # no safety net here: a checker that raises fails the test
    assert all(isinstance(p, Problem) and isinstance(p.message, str) for p in problems)
    assert not [p for p in problems if "please report this" in p.message], problems
    loaded = read_document(path)
    if KINDS[kind].schema and not isinstance(loaded, Problem):
        # The fast compiled validator decides whether jsonschema is asked for the list: they must agree.
        shaped = as_json(loaded.data)
        fast = schema_valid(KINDS[kind].schema, shaped)
        assert fast == (not list(full_validator(KINDS[kind].schema).iter_errors(shaped)))
        assert fast or any(p.is_error for p in problems)


def test_one_quiz_with_an_unreadable_value_never_breaks_a_learners_progress(tmp_path, monkeypatch):
    from course_lib.quizzes.load import quiz_modules, quiz_names
    from course_lib.reports.progress import activity_catalogue

    copy = tmp_path / "content"
    shutil.copytree(content_dir(), copy)
    text = SHIPPED["quiz"].read_text(encoding="utf-8")
    (copy / "quizzes" / "broken_by_a_date.yaml").write_text(text.replace("title: ", "title: 2024-02-30 #", 1))
    monkeypatch.setenv("COURSE_CONTENT", str(copy))
    assert "broken_by_a_date" in quiz_names() and "broken_by_a_date" not in quiz_modules()
    catalogue = activity_catalogue()
    assert f"quiz:{SHIPPED['quiz'].stem}" in set(catalogue["activity"])
    assert "quiz:broken_by_a_date" not in set(catalogue["activity"])


def test_every_kind_names_functions_that_exist():
    from course_lib.contentfile.kinds import resolve

    for kind in KINDS.values():
        references = [kind.check, kind.namer, kind.load] if kind.schema else [kind.legacy]
        assert kind.schema or kind.legacy, kind.name
        for reference in filter(None, references):
            assert callable(resolve(reference)), reference
