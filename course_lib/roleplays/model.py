"""What a role-play scenario is, as plain frozen dataclasses (built by ``load.py``, played by ``engine.py``).

A scenario is a small graph: each :class:`Node` is one moment of the conversation (what the other person says and
does) and either offers :class:`Choice` s (what the learner can say or do next) or is an :class:`Ending`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

FORMAT_VERSION = 1
MOOD_MIN, MOOD_MAX = 0, 10  # 0 calm ... 10 furious
MOOD_CHANGE_LIMIT = 5  # one choice moves the mood by at most this much, up or down
POINTS_LIMIT = 3  # one choice earns 0 to 3 points in each competency

# The outcomes an ending can have, best first, with the words a learner reads.
OUTCOMES: dict[str, str] = {
    "resolved": "Resolved",
    "partly_resolved": "Partly resolved",
    "handed_over": "Handed over",
    "boundary_held": "Boundary held",
    "escalated": "Escalated",
    "call_ended": "Call ended",
    "customer_lost": "Customer lost",
}


def mood_label(mood: int) -> str:
    """Words for a mood on the 0 (calm) to 10 (furious) scale, so the meter never relies on colour.

    >>> [mood_label(m) for m in (0, 3, 5, 7, 10)]
    ['calm', 'uneasy', 'upset', 'angry', 'furious']
    """
    for limit, label in ((2, "calm"), (4, "uneasy"), (6, "upset"), (8, "angry")):
        if mood <= limit:
            return label
    return "furious"


@dataclass(frozen=True)
class Condition:
    """When a choice is offered: mood within bounds and competencies at least some points (all must hold)."""

    mood_at_most: int | None = None
    mood_at_least: int | None = None
    at_least: tuple[tuple[str, int], ...] = ()

    def holds(self, mood: int, scores: dict[str, int]) -> bool:
        """Whether the choice is open in this state.

        >>> Condition(mood_at_most=4, at_least=(("empathy", 2),)).holds(3, {"empathy": 2})
        True
        >>> Condition(mood_at_most=4).holds(6, {})
        False
        """
        if self.mood_at_most is not None and mood > self.mood_at_most:
            return False
        if self.mood_at_least is not None and mood < self.mood_at_least:
            return False
        return all(scores.get(name, 0) >= points for name, points in self.at_least)

    def describe(self) -> str:
        parts = []
        if self.mood_at_most is not None:
            parts.append(f"mood at most {self.mood_at_most}")
        if self.mood_at_least is not None:
            parts.append(f"mood at least {self.mood_at_least}")
        parts.extend(f"{name} at least {points}" for name, points in self.at_least)
        return " and ".join(parts)


@dataclass(frozen=True)
class Choice:
    """Something the learner can say or do, why it works or not, and what it changes."""

    text: str
    feedback: str
    next: str
    mood: int = 0  # change in the other person's mood (negative calms them down)
    points: tuple[tuple[str, int], ...] = ()  # competency points earned, in the scenario's competency order
    condition: Condition | None = None

    def points_for(self, competency: str) -> int:
        return dict(self.points).get(competency, 0)


@dataclass(frozen=True)
class Ending:
    outcome: str  # one of OUTCOMES
    debrief: str

    @property
    def outcome_label(self) -> str:
        return OUTCOMES.get(self.outcome, self.outcome)


@dataclass(frozen=True)
class Node:
    """One moment: what the other person says (with optional narration and a non-verbal cue), then choices or an end.

    ``speaker`` names who speaks when it is not the scenario's persona (e.g. a team member in a mediation).
    """

    id: str
    says: str
    speaker: str | None = None
    narration: str | None = None
    cue: str | None = None
    choices: tuple[Choice, ...] = ()
    ending: Ending | None = None
    allow_back: bool | None = None  # None: follow the scenario's setting

    @property
    def is_ending(self) -> bool:
        return self.ending is not None


@dataclass(frozen=True)
class Setting:
    who: str
    where: str
    what_happened: str


@dataclass(frozen=True)
class Persona:
    name: str
    description: str


@dataclass(frozen=True)
class Scenario:
    """A whole role-play: who, where, what the learner practises, the competencies it scores, and its nodes."""

    id: str
    title: str
    module: str
    practises: str
    setting: Setting
    persona: Persona
    start_mood: int
    competencies: tuple[str, ...]
    nodes: tuple[Node, ...]
    start: str
    allow_back: bool = True
    format: int = FORMAT_VERSION
    _by_id: dict[str, Node] = field(default=None, init=False, repr=False, compare=False, hash=False)

    def __post_init__(self):
        object.__setattr__(self, "_by_id", {node.id: node for node in self.nodes})

    def node(self, node_id: str) -> Node:
        return self._by_id[node_id]

    def speaker(self, node: Node) -> str:
        return node.speaker or self.persona.name

    @property
    def endings(self) -> tuple[Node, ...]:
        return tuple(n for n in self.nodes if n.is_ending)
