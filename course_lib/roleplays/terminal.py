"""Play a scenario in a terminal (``course play sofa_delivery``), so a trainer can try a file without Jupyter.

The player only reads lines and prints text; every decision goes through the engine.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator

from course_lib.roleplays.engine import RolePlay, Summary
from course_lib.roleplays.model import Node, mood_label

WIDTH = 78


def _wrap(text: str, indent: str = "") -> str:
    return textwrap.fill(" ".join(text.split()), WIDTH, initial_indent=indent, subsequent_indent=indent)


def mood_meter(mood: int) -> str:
    """The mood as words, a number and a text bar.

    >>> mood_meter(7)
    'Mood: 7/10 (angry) [#######...]'
    """
    return f"Mood: {mood}/10 ({mood_label(mood)}) [{'#' * mood}{'.' * (10 - mood)}]"


def describe_node(play: RolePlay, node: Node) -> Iterator[str]:
    if node.narration:
        yield _wrap(node.narration)
    yield _wrap(f"{play.scenario.speaker(node)}: \u201c{node.says.strip()}\u201d")
    if node.cue:
        yield _wrap(f"({node.cue})")


def describe_summary(summary: Summary) -> Iterator[str]:
    yield f"Outcome: {summary.outcome.outcome_label}" if summary.outcome else "Not finished"
    if summary.outcome:
        yield _wrap(summary.outcome.debrief)
    yield "Scorecard (points earned / most your path allowed / best path):"
    for score in summary.scores:
        yield f"  {score.competency:<12} {score.earned:>3} / {score.possible:<3} best {score.best}"
    yield "Your path:"
    for number, step in enumerate(summary.path, start=1):
        yield _wrap(f"{number}. {step.choice.text}", "  ")
        yield _wrap(f"Why: {step.feedback}", "     ")
    yield f"Best path (ends: {summary.best_outcome.outcome_label}):"
    for number, step in enumerate(summary.best_path, start=1):
        yield _wrap(f"{number}. {step.choice.text}", "  ")
        yield _wrap(f"Why: {step.feedback}", "     ")


def play_in_terminal(play: RolePlay, read: Callable[[str], str] = input, write: Callable[[str], None] = print) -> int:
    """Play until an ending or until the player stops. Returns 0 at an ending or at the end of input (Ctrl-D, or
    piped answers that run out), 1 when the player quits with q, and 130 on Ctrl-C; a stop prints one line."""
    try:
        return _play(play, read, write)
    except EOFError:
        write("")
        write("Stopped.")
        return 0
    except KeyboardInterrupt:
        write("")
        write("Stopped.")
        return 130


def _play(play: RolePlay, read: Callable[[str], str], write: Callable[[str], None]) -> int:
    s = play.scenario
    write(s.title.upper())
    write(_wrap(f"You practise: {s.practises}"))
    write(_wrap(f"Who: {s.setting.who}"))
    write(_wrap(f"Where: {s.setting.where}"))
    write(_wrap(f"What happened: {s.setting.what_happened}"))
    write("")
    for line in describe_node(play, play.current):
        write(line)
    while not play.is_over:
        write(mood_meter(play.mood))
        for number, choice in enumerate(play.choices, start=1):
            write(_wrap(f"{number}. {choice.text}"))
        keys = "b = back, " if play.can_go_back else ""
        answer = read(f"Your choice (1-{len(play.choices)}, {keys}q = quit): ").strip().lower()
        if answer == "q":
            write("Stopped before the end.")
            return 1
        if answer == "b" and play.can_go_back:
            play.back()
            write("You took back your last answer.")
            for line in describe_node(play, play.current):
                write(line)
            continue
        if not answer.isdigit() or not 1 <= int(answer) <= len(play.choices):
            write(f"Please type a number from 1 to {len(play.choices)}.")
            continue
        step = play.choose(int(answer) - 1)
        write("")
        write(_wrap(f"Why: {step.feedback}"))
        write(f"Mood {step.mood_before} -> {step.mood_after} ({mood_label(step.mood_after)})")
        write("")
        for line in describe_node(play, play.current):
            write(line)
    write("")
    for line in describe_summary(play.summary()):
        write(line)
    return 0
