"""Play a role-play: the state machine behind the widget, the terminal player and the tests (no widgets here).

>>> play = RolePlay(load_scenario("sofa_delivery"))
>>> play.mood, play.current.id
(7, 'opening')
>>> step = play.choose(0)   # the first choice on offer
>>> step.mood_before, step.mood_after
(7, 6)
>>> play.back(); play.mood
7
>>> restored = RolePlay.restore(play.scenario, play.save())
>>> restored.save() == play.save()
True

Play to an ending, then read the scorecard: points earned against the most your own path allowed.

>>> for index in (2, 0, 0, 0):
...     _ = play.choose(index)
>>> play.is_over, play.outcome.outcome_label
(True, 'Resolved')
>>> [(s.competency, s.earned, s.possible, s.best) for s in play.summary().scores]
[('listening', 3, 3, 5), ('empathy', 3, 4, 4), ('ownership', 6, 6, 6), ('resolution', 5, 5, 5)]

The score the learner record keeps (0-100) and whether the play counts as a success (the best path's outcome):

>>> play.summary().score, play.summary().success
(94.4, True)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from course_lib.errors import CourseError
from course_lib.roleplays.load import load_scenario
from course_lib.roleplays.model import MOOD_MAX, MOOD_MIN, OUTCOMES, Choice, Ending, Node, Scenario

STATE_VERSION = 1


class RolePlayError(CourseError):
    """A move the role-play does not allow (a choice that is not on offer, going back where it is not allowed...)."""


@dataclass(frozen=True)
class Step:
    """One decision: where it was taken, what was chosen, and what it changed."""

    node: Node
    choice: Choice
    choice_number: int  # position of the choice in the node's list of choices (0-based), stable across states
    mood_before: int
    mood_after: int
    possible: tuple[tuple[str, int], ...]  # most points each competency could have earned at this decision

    @property
    def feedback(self) -> str:
        return self.choice.feedback


@dataclass(frozen=True)
class CompetencyScore:
    competency: str
    earned: int
    possible: int  # the most the learner's own path could have earned (best choice at each decision they met)
    best: int  # what the best path through the scenario earns

    @property
    def percent(self) -> int:
        """Earned as a percentage (0-100) of what the learner's path could have earned."""
        return round(100 * self.earned / self.possible) if self.possible else 100


@dataclass(frozen=True)
class Summary:
    outcome: Ending | None
    scores: tuple[CompetencyScore, ...]
    path: tuple[Step, ...]
    best_path: tuple[Step, ...]
    best_outcome: Ending

    @property
    def earned(self) -> int:
        return sum(s.earned for s in self.scores)

    @property
    def possible(self) -> int:
        return sum(s.possible for s in self.scores)

    @property
    def score(self) -> float | None:
        """The role-play's score (0-100, one decimal): points earned against the most the learner's own path
        could have earned, all competencies together; None while no decision has been taken."""
        return round(100 * self.earned / self.possible, 1) if self.possible else None

    @property
    def success(self) -> bool:
        """Whether the play counts as a success: it reached an ending as good as the best path's (the same
        outcome, e.g. "resolved"). False while the conversation goes on."""
        return self.outcome is not None and self.outcome.outcome == self.best_outcome.outcome


def _clamp(mood: int) -> int:
    return max(MOOD_MIN, min(MOOD_MAX, mood))


class RolePlay:
    """One learner's run through a scenario: same choices in, same results out."""

    def __init__(self, scenario: Scenario | str):
        self.scenario = load_scenario(scenario) if isinstance(scenario, str) else scenario
        self.restart()

    # --- reading the state -------------------------------------------------------------------------------------
    @property
    def current(self) -> Node:
        return self.scenario.node(self._node_id)

    @property
    def choices(self) -> list[Choice]:
        """The choices on offer now (conditions applied); empty at an ending."""
        return [c for _, c in self._open_choices()]

    def _open_choices(self) -> list[tuple[int, Choice]]:
        return [(n, c) for n, c in enumerate(self.current.choices)
                if c.condition is None or c.condition.holds(self.mood, self.scores)]

    @property
    def mood(self) -> int:
        return self._mood

    @property
    def scores(self) -> dict[str, int]:
        return dict(self._scores)

    @property
    def history(self) -> tuple[Step, ...]:
        return tuple(self._steps)

    @property
    def is_over(self) -> bool:
        return self.current.is_ending

    @property
    def outcome(self) -> Ending | None:
        """The ending reached (outcome and debrief), or None while the conversation goes on."""
        return self.current.ending

    @property
    def can_go_back(self) -> bool:
        if not self._steps:
            return False
        allowed = self.current.allow_back
        return self.scenario.allow_back if allowed is None else allowed

    # --- moving ------------------------------------------------------------------------------------------------
    def choose(self, index: int) -> Step:
        """Take choice ``index`` (0-based) of :attr:`choices`; returns the step with its feedback and mood change."""
        if self.is_over:
            raise RolePlayError("the conversation is over; restart() to play again")
        offered = self._open_choices()
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(offered):
            raise RolePlayError(f"choice {index!r} is not on offer; choose a number from 0 to {len(offered) - 1}")
        number, choice = offered[index]
        step = self._apply(number, choice, offered)
        self._steps.append(step)
        return step

    def _apply(self, number: int, choice: Choice, offered: list[tuple[int, Choice]]) -> Step:
        node, before = self.current, self._mood
        possible = tuple((c, max(o.points_for(c) for _, o in offered)) for c in self.scenario.competencies)
        self._mood = _clamp(before + choice.mood)
        for competency, points in choice.points:
            self._scores[competency] += points
        self._node_id = choice.next
        return Step(node, choice, number, before, self._mood, possible)

    def back(self) -> None:
        """Take back the last decision (where the scenario allows it)."""
        if not self.can_go_back:
            raise RolePlayError("going back is not possible here")
        replay = [s.choice_number for s in self._steps[:-1]]
        self.restart()
        self._replay(replay)

    def restart(self) -> None:
        self._node_id = self.scenario.start
        self._mood = self.scenario.start_mood
        self._scores = dict.fromkeys(self.scenario.competencies, 0)
        self._steps: list[Step] = []

    def _replay(self, choice_numbers: list[int]) -> None:
        for number in choice_numbers:
            offered = self._open_choices()
            match = [i for i, (n, _) in enumerate(offered) if n == number]
            if self.is_over or not match:
                raise RolePlayError(f"saved state does not fit scenario '{self.scenario.id}': choice {number + 1} "
                                    f"is not on offer at node '{self._node_id}'")
            self.choose(match[0])

    # --- saving ------------------------------------------------------------------------------------------------
    def save(self) -> dict[str, Any]:
        """The state as plain data (JSON-ready): the scenario and the choices taken, node by node."""
        return {"version": STATE_VERSION, "scenario": self.scenario.id,
                "path": [[s.node.id, s.choice_number] for s in self._steps]}

    @classmethod
    def restore(cls, scenario: Scenario | str, state: dict[str, Any]) -> RolePlay:
        """A RolePlay in the saved state; replaying the choices re-creates mood, scores and transcript exactly."""
        play = cls(scenario)
        if not isinstance(state, dict) or state.get("version") != STATE_VERSION or not isinstance(
                state.get("path"), list):
            raise RolePlayError("not a saved role-play state (expected version, scenario and path)")
        if state.get("scenario") != play.scenario.id:
            raise RolePlayError(f"saved state is for scenario {state.get('scenario')!r}, not '{play.scenario.id}'")
        numbers = []
        for item in state["path"]:
            if not (isinstance(item, list | tuple) and len(item) == 2 and isinstance(item[1], int)):
                raise RolePlayError(f"saved path entry {item!r} is not [node id, choice number]")
            numbers.append(item[1])
        play._replay(numbers)
        if [s.node.id for s in play._steps] != [item[0] for item in state["path"]]:
            raise RolePlayError(f"saved state does not fit scenario '{play.scenario.id}': the nodes differ")
        return play

    # --- reporting ---------------------------------------------------------------------------------------------
    def transcript(self) -> list[tuple[str, str]]:
        """The conversation so far as (speaker, line) pairs; narration and cues are spoken by 'narrator'."""
        lines: list[tuple[str, str]] = []

        def visit(node: Node) -> None:
            if node.narration:
                lines.append(("narrator", node.narration))
            if node.cue:
                lines.append(("narrator", f"({node.cue})"))
            lines.append((self.scenario.speaker(node), node.says))

        visit(self.scenario.node(self.scenario.start))
        for step in self._steps:
            lines.append(("you", step.choice.text))
            visit(self.scenario.node(step.choice.next))
        return lines

    def summary(self) -> Summary:
        """Points per competency against what the learner's path could have earned, and the best path."""
        best_path, best_end = best_path_of(self.scenario)
        scores = tuple(
            CompetencyScore(c, self._scores[c], sum(dict(s.possible)[c] for s in self._steps),
                            sum(s.choice.points_for(c) for s in best_path))
            for c in self.scenario.competencies
        )
        return Summary(self.outcome, scores, tuple(self._steps), best_path, best_end)


_OUTCOME_RANK = {name: rank for rank, name in enumerate(reversed(list(OUTCOMES)))}


def best_path(scenario: Scenario) -> tuple[Step, ...]:
    """The path through the scenario that earns the most points in total (conditions applied).

    Ties go to the better outcome, then to the shorter path, then to the earlier choices. A best path never visits
    the same node twice.

    >>> [s.node.id for s in best_path(load_scenario("sofa_delivery"))][:2]
    ['opening', 'vent']
    """
    return best_path_of(scenario)[0]


@lru_cache(maxsize=32)
def best_path_of(scenario: Scenario) -> tuple[tuple[Step, ...], Ending]:
    """The best path and its ending (see :func:`best_path`); computed once per scenario."""
    # A search over states (node, mood, scores, visited). The future depends on scores only through conditions, so
    # scores are capped at the highest threshold any condition uses; without loops, 'visited' is not needed either,
    # and each state is solved once: the search is then linear in the number of states. Iterative, so that deep
    # scenarios do not hit Python's recursion limit.
    competencies = scenario.competencies
    caps = dict.fromkeys(competencies, 0)
    for node in scenario.nodes:
        for choice in node.choices:
            for name, points in (choice.condition.at_least if choice.condition else ()):
                caps[name] = max(caps[name], points)
    track_visits = _has_loop(scenario)  # without loops, a node can never be met twice: no need to remember visits

    def children(key):
        node_id, mood, scores, visited = key
        node = scenario.node(node_id)
        state = dict(zip(competencies, scores, strict=True))
        offered = [(n, c) for n, c in enumerate(node.choices) if c.condition is None or c.condition.holds(mood, state)]
        for number, choice in offered:
            if choice.next in visited:
                continue
            capped = tuple(min(s + choice.points_for(c), caps[c]) for s, c in zip(scores, competencies, strict=True))
            after = _clamp(mood + choice.mood)
            yield number, choice, offered, (choice.next, after, capped, visited | {choice.next} if track_visits else
                                            visited)

    # memo[key] = (value, step, next key, ending) for the best continuation from key, or None if no ending is reachable
    memo: dict[tuple, tuple | None] = {}
    start = (scenario.start, scenario.start_mood, tuple(0 for _ in competencies),
             frozenset({scenario.start}) if track_visits else frozenset())
    stack = [(start, False)]
    while stack:
        key, expanded = stack.pop()
        if key in memo:
            continue
        node = scenario.node(key[0])
        if node.is_ending:
            memo[key] = ((0, _OUTCOME_RANK[node.ending.outcome], 0), None, None, node.ending)
            continue
        if not expanded:
            stack.append((key, True))
            stack.extend((child, False) for *_, child in children(key) if child not in memo)
            continue
        best = None
        for number, choice, offered, child in children(key):
            below = memo.get(child)
            if below is None:
                continue
            (points, rank, length), ending = below[0], below[3]
            value = (points + sum(p for _, p in choice.points), rank, length - 1)
            if best is None or value > best[0]:
                possible = tuple((c, max(o.points_for(c) for _, o in offered)) for c in competencies)
                best = (value, Step(node, choice, number, key[1], child[1], possible), child, ending)
        memo[key] = best

    if memo.get(start) is None:
        raise RolePlayError(f"scenario '{scenario.id}' has no path to an ending")
    steps, key = [], start
    while memo[key][1] is not None:
        steps.append(memo[key][1])
        key = memo[key][2]
    return tuple(steps), memo[start][3]


def _has_loop(scenario: Scenario) -> bool:
    """Whether any path can come back to a node it has visited (Kahn's algorithm, linear in the scenario's size)."""
    incoming = {n.id: 0 for n in scenario.nodes}
    for node in scenario.nodes:
        for choice in node.choices:
            incoming[choice.next] += 1
    ready = [node_id for node_id, count in incoming.items() if count == 0]
    removed = 0
    while ready:
        node_id = ready.pop()
        removed += 1
        for choice in scenario.node(node_id).choices:
            incoming[choice.next] -= 1
            if incoming[choice.next] == 0:
                ready.append(choice.next)
    return removed < len(incoming)
