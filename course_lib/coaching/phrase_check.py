"""Checking a phrases file as ``course check`` does: its structure and references (``rules.check_rules``), then
every rule's own examples run through the coach (``reply.check_examples``).

It sits above both ``rules`` and ``reply`` because the examples need the coach, and the coach needs the rules:
keeping it here is what stops the two from importing each other.
"""

from __future__ import annotations

from pathlib import Path

from course_lib.coaching.reply import check_examples
from course_lib.coaching.rules import PhraseBook, build_phrase_book, check_rules, read_checked_book
from course_lib.problems import Problem


def check_phrases_links(data: dict, report) -> None:
    """What the schema cannot check: unique ids, kinds listed under ``kinds``, ``instead`` for a phrase to change,
    patterns and fragments that compile, terms listed once, a rule that looks for something; then, when all that
    holds, every rule's own examples (a ``flag`` example it misses or a ``pass`` example it catches)."""
    check_rules(data, report)
    if report.has_errors:
        return
    for problem in check_examples(build_phrase_book(data, report.path, report.lines), report.path):
        report.problems.append(problem)


def read_phrase_book(path: Path | str) -> tuple[PhraseBook | None, list[Problem]]:
    """Read and check a phrases file, examples included, as ``course check`` does: (rule book or None, problems).
    Never raises."""
    return read_checked_book(Path(path), run_examples=True)
