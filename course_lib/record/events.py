"""THE learner-record contract: every kind of event an activity writes, and how the reports read it back.

Activities (the widgets, ``plans.save_plan``) write through the small *writers* below; the reports
(``my_progress``, the course summary, the class debrief) read through the *readers*, which return tidy tables.
No other module builds an activity id, picks a verb or opens a ``response``: change an event's shape here, and
both sides follow. Older records stay readable because readers skip what they cannot read instead of failing.

============================  ============  ===============================================================
activity                      verb          response / score / success (writer)
============================  ============  ===============================================================
``roleplay:SCENARIO``         ``chose``     ``{"node", "choice" (0-based), "text"}`` (``roleplay_choice``)
``roleplay:SCENARIO``         ``completed`` ``{"ending", "outcome"}``; score 0-100; success (``roleplay_ending``)
``quiz:QUIZ/QUESTION``        ``answered``  ``{"answer", "text"}``; score; success (``quiz_answer``)
``quiz:QUIZ``                 ``completed`` ``{"correct", "questions"}``; score; success (``quiz_completed``)
``coach:EXERCISE``            ``attempted`` ``{"findings": [KIND, ...]}`` (``coach_attempt``)
``coach:EXERCISE``            ``experienced`` ``{"model_answer": true}`` (``coach_model_answer_seen``)
``skills:self_assessment``    ``completed`` ``{"ratings": {SKILL_ID: 1-5}}`` (``self_assessment``)
``coding:survey_comments``    ``completed`` ``{"agreed", "comments", "tagger_agreed", "coding": {CONTACT_ID:
                                            [THEME, ...]}}``; score (``comment_coding``)
``plan:PLAN``                 ``completed`` ``{"actions": [...]}``; success True (``plan_saved``, complete)
``plan:PLAN``                 ``responded`` the same, for a draft; success False
============================  ============  ===============================================================

>>> import pandas as pd
>>> log = pd.DataFrame({"activity": ["roleplay:sofa_delivery", "quiz:service_recovery/first_step"],
...                     "verb": ["chose", "answered"], "learner": ["River", "River"],
...                     "response": [{"node": "opening", "choice": 1, "text": "Sorry"}, {"answer": 0}],
...                     "score": [None, 100.0], "success": [None, True]})
>>> roleplay_choices(log)[["scenario", "node", "choice", "text"]]
        scenario     node  choice   text
0  sofa_delivery  opening       1  Sorry
>>> quiz_answers(log)[["quiz", "question", "score", "success"]]
               quiz    question  score  success
0  service_recovery  first_step  100.0     True
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from course_lib.record.store import record_event

if TYPE_CHECKING:  # the readers import pandas when they run: a widget that only writes need not load it
    import pandas as pd

#: The verbs that mean an activity is finished (a coach exercise is done once a reply was checked).
DONE_VERBS = ("completed", "passed", "failed", "attempted")
SELF_ASSESSMENT = "skills:self_assessment"
SELF_ASSESSMENT_MODULE = "01"
COMMENT_CODING = "coding:survey_comments"
COMMENT_CODING_MODULE = "08"

#: What writes an event: ``record_event`` (the learner's record) unless a caller collects events itself (the
#: demo class does, to write a whole invented class at once): called as
#: ``write(activity, verb, response, score=..., success=..., module=...)``.
Writer = Callable[..., "str | None"]

#: Columns every reader keeps from the event, besides its own.
BASE_COLUMNS = ["event_id", "timestamp", "learner", "module", "verb"]


def describe(activity: str, verb: str, response: Any = None, score: float | None = None,
             success: bool | None = None, *, module: str | None = None) -> str:
    """What an event would be recorded as, in one line, instead of recording it: pass ``write=describe`` to a
    writer to see the shape it writes (the examples below do).

    >>> describe("quiz:q", "completed", {"correct": 1}, score=50.0, module="05")
    'quiz:q completed {"correct": 1} score=50.0 module=05'
    """
    parts = [activity, verb, json.dumps(response, sort_keys=True) if response is not None else ""]
    parts += [f"{name}={value}" for name, value in (("score", score), ("success", success), ("module", module))
              if value is not None]
    return " ".join(part for part in parts if part)


# --- writers: one per kind of event; each returns the event id (None when recording is off) -------------------
# Each takes plain values (ids, numbers, texts), never content objects: the record sits below every activity.


def roleplay_choice(scenario: str, node: str, choice_number: int, text: str, *, module: str | None,
                    write: Writer = record_event) -> str | None:
    """A decision in a role-play: at ``node``, the choice at position ``choice_number`` (0-based) of the node's
    list of choices (stable whatever the conditions showed), with its text.

    >>> roleplay_choice("sofa_delivery", "opening", 2, "What is your order number?", module="05", write=describe)
    'roleplay:sofa_delivery chose {"choice": 2, "node": "opening", "text": "What is your order number?"} module=05'
    """
    return write(f"roleplay:{scenario}", "chose", {"node": node, "choice": choice_number, "text": text},
                        module=module)


def roleplay_ending(scenario: str, ending: str, outcome: str, score: float | None, success: bool, *,
                    module: str | None, write: Writer = record_event) -> str | None:
    """A role-play played to the ending node ``ending`` whose outcome is ``outcome`` ("resolved"); ``score`` and
    ``success`` are the engine's (``RolePlay.summary().score`` and ``.success``).

    >>> roleplay_ending("sofa_delivery", "end_resolved", "resolved", 87.5, True, module="05", write=describe)
    'roleplay:sofa_delivery completed {"ending": "end_resolved", "outcome": "resolved"} score=87.5 success=True \
module=05'
    """
    return write(f"roleplay:{scenario}", "completed", {"ending": ending, "outcome": outcome}, score=score,
                        success=success, module=module)


def quiz_answer(quiz: str, question: str, answer: Mapping[str, Any], score: float, correct: bool, *,
                module: str | None, write: Writer = record_event) -> str | None:
    """An answer to one quiz question; ``answer`` is ``quizzes.answer_for_record(question, answer)``.

    >>> quiz_answer("service_recovery", "first_step", {"answer": 1, "text": "Apologise"}, 100.0, True,
    ...             module="05", write=describe)
    'quiz:service_recovery/first_step answered {"answer": 1, "text": "Apologise"} score=100.0 success=True module=05'
    """
    return write(f"quiz:{quiz}/{question}", "answered", dict(answer), score=score, success=correct,
                        module=module)


def quiz_completed(quiz: str, correct: int, questions: int, score: float, passed: bool, *,
                   module: str | None, write: Writer = record_event) -> str | None:
    """A quiz finished: ``correct`` of ``questions`` right, ``score`` 0-100, ``passed`` (at the pass mark).

    >>> quiz_completed("service_recovery", 5, 6, 83.3, True, module="05", write=describe)
    'quiz:service_recovery completed {"correct": 5, "questions": 6} score=83.3 success=True module=05'
    """
    return write(f"quiz:{quiz}", "completed", {"correct": correct, "questions": questions}, score=score,
                        success=passed, module=module)


def coach_attempt(exercise: str, finding_kinds: Sequence[str], *, module: str | None,
                  write: Writer = record_event) -> str | None:
    """A reply checked by the coach: the kinds of finding raised, not the words typed (a debrief needs no more).

    >>> coach_attempt("late_delivery", ["no_empathy", "forbidden_phrase"], module="03", write=describe)
    'coach:late_delivery attempted {"findings": ["no_empathy", "forbidden_phrase"]} module=03'
    """
    return write(f"coach:{exercise}", "attempted", {"findings": list(finding_kinds)}, module=module)


def coach_model_answer_seen(exercise: str, *, module: str | None, write: Writer = record_event) -> str | None:
    """The learner opened the model answer of a coach exercise.

    >>> coach_model_answer_seen("late_delivery", module="03", write=describe)
    'coach:late_delivery experienced {"model_answer": true} module=03'
    """
    return write(f"coach:{exercise}", "experienced", {"model_answer": True}, module=module)


def self_assessment(ratings: Mapping[str, int], *, write: Writer = record_event) -> str | None:
    """A skills self-assessment: a rating 1-5 per skill id.

    >>> self_assessment({"patience": 3, "empathy": 4}, write=describe)
    'skills:self_assessment completed {"ratings": {"empathy": 4, "patience": 3}} module=01'
    """
    return write(SELF_ASSESSMENT, "completed", {"ratings": dict(ratings)}, module=SELF_ASSESSMENT_MODULE)


def comment_coding(coding: Mapping[Any, Sequence[str]], agreed: int, tagger_agreed: int, score: float, *,
                   write: Writer = record_event) -> str | None:
    """Module 08's hand coding: the themes ticked per comment (contact id -> themes), how many comments matched
    the answer key (``agreed``, and ``tagger_agreed`` for the keyword tagger) and the score (% agreeing).

    >>> comment_coding({101: ["delivery"], 102: ["staff"]}, 1, 2, 50.0, write=describe)
    'coding:survey_comments completed {"agreed": 1, "coding": {"101": ["delivery"], "102": ["staff"]}, "comments": 2, \
"tagger_agreed": 2} score=50.0 module=08'
    """
    response = {"agreed": agreed, "comments": len(coding), "tagger_agreed": tagger_agreed,
                "coding": {str(k): sorted(v) for k, v in coding.items()}}
    return write(COMMENT_CODING, "completed", response, score=score, module=COMMENT_CODING_MODULE)


def plan_saved(plan: str, actions: Sequence[Mapping[str, Any]], complete: bool, *, module: str | None,
               write: Writer = record_event) -> str | None:
    """An action plan saved: a complete one as ``completed`` (it counts in progress), a draft as ``responded``.

    >>> plan_saved("kpi_review", [{"action": "Coach Sam", "owner": "me", "due": "2026-03-01",
    ...                            "measure": "csat", "target": "80", "finding": ""}], True,
    ...            module="07", write=describe)
    'plan:kpi_review completed {"actions": [{"action": "Coach Sam", "due": "2026-03-01", "finding": "", "measure": \
"csat", "owner": "me", "target": "80"}]} success=True module=07'
    """
    return write(f"plan:{plan}", "completed" if complete else "responded",
                        {"actions": [dict(a) for a in actions]}, success=complete, module=module)


# --- readers: tidy tables for the reports; events of another shape are skipped --------------------------------


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    import pandas as pd

    return frame[name] if name in frame else pd.Series([None] * len(frame), index=frame.index, dtype=object)


def _kind_and_name(activity: str) -> tuple[str, str, str]:
    whole, _, part = str(activity).partition("/")
    kind, _, name = whole.partition(":")
    return kind, name, part


def _read(events: pd.DataFrame, keep: Callable[[str, str, str, str, Any], bool],
          columns: dict[str, Callable[[str, str, str, Any], Any]]) -> pd.DataFrame:
    """The events ``keep(kind, name, part, verb, response)`` accepts, with BASE_COLUMNS plus ``columns``:
    column -> function(whole activity, name, part, response), in the events' order."""
    import pandas as pd

    rows = []
    base = {c: _column(events, c).tolist() for c in BASE_COLUMNS + ["response", "score", "success"]}
    for i, activity in enumerate(_column(events, "activity").tolist()):
        kind, name, part = _kind_and_name(activity)
        verb, response = base["verb"][i], base["response"][i]
        if not keep(kind, name, part, verb, response):
            continue
        row = {c: base[c][i] for c in BASE_COLUMNS}
        row.update({c: make(f"{kind}:{name}", name, part, response) for c, make in columns.items()})
        row.update(score=base["score"][i], success=base["success"][i])
        rows.append(row)
    frame = pd.DataFrame(rows, columns=BASE_COLUMNS + list(columns) + ["score", "success"])
    frame["score"] = pd.to_numeric(frame["score"], errors="coerce").astype("float64")
    return frame


def _has(response: Any, *keys: str) -> bool:
    return isinstance(response, dict) and all(k in response for k in keys)


def _name(_whole: str, name: str, _part: str, _response: Any) -> str:
    return name


def roleplay_choices(events: pd.DataFrame) -> pd.DataFrame:
    """Every role-play decision: BASE_COLUMNS, scenario, node, choice (0-based position in the node's list),
    text, score, success."""
    return _read(events, lambda kind, name, part, verb, r: kind == "roleplay" and verb == "chose" and not part
                 and _has(r, "node", "choice") and isinstance(r["choice"], int),
                 {"scenario": _name, "node": lambda w, n, p, r: str(r["node"]),
                  "choice": lambda w, n, p, r: r["choice"], "text": lambda w, n, p, r: str(r.get("text", ""))})


def roleplay_endings(events: pd.DataFrame) -> pd.DataFrame:
    """Every role-play played to an ending: BASE_COLUMNS, scenario, ending (node id, None in very old events),
    outcome (None in older events), score, success."""
    return _read(events, lambda kind, name, part, verb, r: kind == "roleplay" and verb == "completed" and not part,
                 {"scenario": _name, "ending": lambda w, n, p, r: _get(r, "ending"),
                  "outcome": lambda w, n, p, r: _get(r, "outcome")})


def _get(response: Any, key: str) -> Any:
    value = response.get(key) if isinstance(response, dict) else None
    return None if value is None else str(value)


def quiz_answers(events: pd.DataFrame) -> pd.DataFrame:
    """Every answer to a quiz question: BASE_COLUMNS, quiz, question, answer (the raw answer), score, success."""
    return _read(events, lambda kind, name, part, verb, r: kind == "quiz" and verb == "answered" and bool(part),
                 {"quiz": _name, "question": lambda w, n, p, r: p,
                  "answer": lambda w, n, p, r: r.get("answer") if isinstance(r, dict) else r})


def quiz_completions(events: pd.DataFrame) -> pd.DataFrame:
    """Every quiz finished: BASE_COLUMNS, quiz, correct, questions (None when not recorded), score, success."""
    return _read(events, lambda kind, name, part, verb, r: kind == "quiz" and verb in DONE_VERBS and not part,
                 {"quiz": _name, "correct": lambda w, n, p, r: _get_int(r, "correct"),
                  "questions": lambda w, n, p, r: _get_int(r, "questions")})


def _get_int(response: Any, key: str) -> int | None:
    value = response.get(key) if isinstance(response, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def coach_attempts(events: pd.DataFrame) -> pd.DataFrame:
    """Every reply checked by the coach: BASE_COLUMNS, exercise, findings (sorted tuple of kinds), score."""
    return _read(events, lambda kind, name, part, verb, r: kind == "coach" and verb == "attempted",
                 {"exercise": _name, "findings": lambda w, n, p, r: tuple(sorted(set(map(
                     str, r.get("findings", []) if isinstance(r, dict) else []))))})


def coach_model_answers(events: pd.DataFrame) -> pd.DataFrame:
    """Every time a coach exercise's model answer was opened: BASE_COLUMNS, exercise."""
    return _read(events, lambda kind, name, part, verb, r: kind == "coach" and verb == "experienced",
                 {"exercise": _name})


def self_assessments(events: pd.DataFrame) -> pd.DataFrame:
    """Every self-assessment, oldest first: BASE_COLUMNS, ratings ({skill id: 1-5})."""
    return _read(events, lambda kind, name, part, verb, r: f"{kind}:{name}" == SELF_ASSESSMENT and verb == "completed"
                 and _has(r, "ratings") and isinstance(r["ratings"], dict),
                 {"ratings": lambda w, n, p, r: {str(k): int(v) for k, v in r["ratings"].items()}})


def comment_codings(events: pd.DataFrame) -> pd.DataFrame:
    """Every finished hand coding (module 08): BASE_COLUMNS, coding ({contact id (text): [theme, ...]}), agreed,
    score."""
    return _read(events, lambda kind, name, part, verb, r: f"{kind}:{name}" == COMMENT_CODING and verb == "completed"
                 and _has(r, "coding") and isinstance(r["coding"], dict),
                 {"coding": lambda w, n, p, r: r["coding"], "agreed": lambda w, n, p, r: _get_int(r, "agreed")})


def plan_saves(events: pd.DataFrame) -> pd.DataFrame:
    """Every save of an action plan: BASE_COLUMNS, plan, actions (list of dicts), complete (True for a complete
    plan, False for a draft)."""
    return _read(events, lambda kind, name, part, verb, r: kind == "plan" and verb in ("completed", "responded")
                 and _has(r, "actions") and isinstance(r["actions"], list),
                 {"plan": _name, "actions": lambda w, n, p, r: [a for a in r["actions"] if isinstance(a, dict)],
                  "complete": lambda w, n, p, r: None}).pipe(lambda t: t.assign(complete=t["verb"] == "completed"))


def finished_activities(events: pd.DataFrame) -> pd.DataFrame:
    """Every event that finishes a whole activity (not a part of it), in order: BASE_COLUMNS, activity
    (``KIND:NAME``), score, success. ``my_progress()`` counts an activity done from these."""
    return _read(events, lambda kind, name, part, verb, r: verb in DONE_VERBS and not part,
                 {"activity": lambda w, n, p, r: w})


def recorded_modules(events: pd.DataFrame) -> dict[str, str]:
    """The module recorded with each whole activity's events (the latest one wins); activities recorded without
    a module are left out."""
    found: dict[str, str] = {}
    for activity, module in zip(_column(events, "activity"), _column(events, "module"), strict=True):
        if isinstance(module, str) and module:
            found[str(activity).split("/", 1)[0]] = module
    return found
