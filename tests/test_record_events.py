"""The learner-record contract (course_lib.record.events): each writer writes the shape existing records hold,
each reader gets it back as a table, readers skip what they cannot read, and nothing else builds events."""

import ast
from pathlib import Path

import pandas as pd
import pytest

import course_lib
from course_lib.record import events as record_events
from course_lib.record import export, store
from course_lib.skills.assessment import ACTIVITY as SKILLS_ACTIVITY
from course_lib.voice.comment_coding import ACTIVITY as CODING_ACTIVITY
from course_lib.voice.comment_coding import MODULE as CODING_MODULE

PACKAGE = Path(course_lib.__file__).parent


class Collect:
    """A ``write`` for the writers that keeps the calls instead of recording them."""

    def __init__(self):
        self.calls = []

    def __call__(self, activity, verb, response=None, score=None, success=None, *, module=None):
        self.calls.append({"activity": activity, "verb": verb, "response": response, "score": score,
                           "success": success, "module": module})
        return f"e{len(self.calls)}"


# The shapes the widgets wrote before the contract had a module of its own: records written then must stay
# readable, so the writers must keep writing exactly these.
LEGACY = [
    (lambda w: record_events.roleplay_choice("sofa", "opening", 2, "Sorry", module="05", write=w),
     {"activity": "roleplay:sofa", "verb": "chose", "response": {"node": "opening", "choice": 2, "text": "Sorry"},
      "score": None, "success": None, "module": "05"}),
    (lambda w: record_events.roleplay_ending("sofa", "end_ok", "resolved", 87.5, True, module="05", write=w),
     {"activity": "roleplay:sofa", "verb": "completed", "response": {"ending": "end_ok", "outcome": "resolved"},
      "score": 87.5, "success": True, "module": "05"}),
    (lambda w: record_events.quiz_answer("q", "first", {"answer": 1, "text": "A"}, 100.0, True, module="05", write=w),
     {"activity": "quiz:q/first", "verb": "answered", "response": {"answer": 1, "text": "A"}, "score": 100.0,
      "success": True, "module": "05"}),
    (lambda w: record_events.quiz_completed("q", 5, 6, 83.3, True, module="05", write=w),
     {"activity": "quiz:q", "verb": "completed", "response": {"correct": 5, "questions": 6}, "score": 83.3,
      "success": True, "module": "05"}),
    (lambda w: record_events.coach_attempt("late", ["blame", "jargon"], module="03", write=w),
     {"activity": "coach:late", "verb": "attempted", "response": {"findings": ["blame", "jargon"]}, "score": None,
      "success": None, "module": "03"}),
    (lambda w: record_events.coach_model_answer_seen("late", module="03", write=w),
     {"activity": "coach:late", "verb": "experienced", "response": {"model_answer": True}, "score": None,
      "success": None, "module": "03"}),
    (lambda w: record_events.self_assessment({"patience": 3}, write=w),
     {"activity": "skills:self_assessment", "verb": "completed", "response": {"ratings": {"patience": 3}},
      "score": None, "success": None, "module": "01"}),
    (lambda w: record_events.comment_coding({12: ["hold", "delay"]}, 1, 0, 100.0, write=w),
     {"activity": "coding:survey_comments", "verb": "completed",
      "response": {"agreed": 1, "comments": 1, "tagger_agreed": 0, "coding": {"12": ["delay", "hold"]}},
      "score": 100.0, "success": None, "module": "08"}),
    (lambda w: record_events.plan_saved("kpi", [{"action": "x"}], False, module="07", write=w),
     {"activity": "plan:kpi", "verb": "responded", "response": {"actions": [{"action": "x"}]}, "score": None,
      "success": False, "module": "07"}),
    (lambda w: record_events.plan_saved("kpi", [{"action": "x"}], True, module="07", write=w),
     {"activity": "plan:kpi", "verb": "completed", "response": {"actions": [{"action": "x"}]}, "score": None,
      "success": True, "module": "07"}),
]


@pytest.mark.parametrize("write, expected", LEGACY, ids=[shape["activity"] + " " + shape["verb"]
                                                          for _, shape in LEGACY])
def test_each_writer_writes_the_shape_existing_records_hold(write, expected):
    collect = Collect()
    assert write(collect) == "e1"
    assert collect.calls == [expected]


def test_the_contract_uses_the_activity_ids_its_packages_name():
    assert record_events.SELF_ASSESSMENT == SKILLS_ACTIVITY
    assert (record_events.COMMENT_CODING, record_events.COMMENT_CODING_MODULE) == (CODING_ACTIVITY, CODING_MODULE)
    assert set(export.VERB_IRIS) == set(store.VERBS)


def test_what_the_writers_record_the_readers_read_back(own_record):
    for write, _ in LEGACY:
        assert write(store.record_event) is not None
    log = store.events()
    choice = record_events.roleplay_choices(log)
    assert choice[["scenario", "node", "choice", "text", "module"]].values.tolist() == [
        ["sofa", "opening", 2, "Sorry", "05"]]
    ending = record_events.roleplay_endings(log)
    assert ending[["scenario", "ending", "outcome", "score", "success"]].values.tolist() == [
        ["sofa", "end_ok", "resolved", 87.5, True]]
    assert record_events.quiz_answers(log)[["quiz", "question", "answer", "score", "success"]].values.tolist() == [
        ["q", "first", 1, 100.0, True]]
    assert record_events.quiz_completions(log)[["quiz", "correct", "questions"]].values.tolist() == [["q", 5, 6]]
    assert record_events.coach_attempts(log)["findings"].tolist() == [("blame", "jargon")]
    assert record_events.coach_model_answers(log)["exercise"].tolist() == ["late"]
    assert record_events.self_assessments(log)["ratings"].tolist() == [{"patience": 3}]
    assert record_events.comment_codings(log)[["coding", "agreed"]].values.tolist() == [[{"12": ["delay", "hold"]}, 1]]
    plans = record_events.plan_saves(log)
    assert plans[["plan", "complete"]].values.tolist() == [["kpi", False], ["kpi", True]]
    finished = record_events.finished_activities(log)
    assert finished["activity"].tolist() == ["roleplay:sofa", "quiz:q", "coach:late", "skills:self_assessment",
                                             "coding:survey_comments", "plan:kpi"]
    assert record_events.recorded_modules(log)["quiz:q"] == "05"
    assert set(finished["learner"]) == {"Tester"}


def test_readers_skip_events_of_other_shapes_and_tables_with_missing_columns():
    odd = pd.DataFrame({"activity": ["roleplay:sofa", "roleplay:sofa", "skills:self_assessment", "plan:kpi",
                                     "roleplay:sofa/part"],
                        "verb": ["chose", "chose", "completed", "completed", "chose"],
                        "response": ["not a dict", {"node": "a", "choice": "two"}, {"ratings": [1, 2]},
                                     {"actions": "none"}, {"node": "a", "choice": 0}]})
    assert record_events.roleplay_choices(odd).empty
    assert record_events.self_assessments(odd).empty
    assert record_events.plan_saves(odd).empty
    assert list(record_events.roleplay_choices(odd).columns) == [
        *record_events.BASE_COLUMNS, "scenario", "node", "choice", "text", "score", "success"]
    assert record_events.roleplay_endings(pd.DataFrame(columns=["activity"])).empty


def _calls_to(name: str, package: Path) -> list[str]:
    found = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
                if called == name:
                    found.append(str(path.relative_to(package)))
    return found


def test_only_the_contract_calls_record_event():
    """Activities write through the writers; ``record_event`` is passed as the writers' default, never called
    elsewhere (the writers call it through their ``write`` parameter)."""
    assert _calls_to("record_event", PACKAGE) == []
    assert set(_calls_to("write", PACKAGE / "record")) == {"events.py"}


def _prefix_argument(node: ast.Call) -> bool:
    return any(isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value.endswith(":")
               for arg in node.args)


def test_the_reports_never_open_a_response_or_match_an_activity_prefix():
    """The reports read events through the readers: they never index ``["response"]``, read ``.response``, or
    match an activity prefix such as ``"quiz:"``."""
    offenders = []
    for path in sorted((PACKAGE / "reports").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) \
                    and node.slice.value == "response":
                offenders.append(f"{path.name}:{node.lineno}: ['response']")
            if isinstance(node, ast.Attribute) and node.attr == "response":
                offenders.append(f"{path.name}:{node.lineno}: .response")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in ("startswith", "removeprefix", "get") and _prefix_argument(node):
                offenders.append(f"{path.name}:{node.lineno}: .{node.func.attr}(...:)")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" \
                    and any(isinstance(a, ast.Constant) and a.value == "response" for a in node.args):
                offenders.append(f"{path.name}:{node.lineno}: .get('response')")
    assert offenders == []


def test_the_check_above_finds_what_the_old_debrief_did():
    old = 'chose = events[events["activity"].str.startswith("roleplay:")]\nr = row.response\nx = e["response"]\n'
    tree = ast.parse(old)
    kinds = {type(n).__name__ for n in ast.walk(tree)
             if (isinstance(n, ast.Call) and _prefix_argument(n)) or (isinstance(n, ast.Attribute)
                                                                    and n.attr == "response")
             or (isinstance(n, ast.Subscript) and isinstance(n.slice, ast.Constant) and n.slice.value == "response")}
    assert kinds == {"Call", "Attribute", "Subscript"}
