"""What the reply coach knows, as tables a learner can read, and a before/after comparison of two replies.

The tables are built from ``course_lib/content/phrases.yaml``, the same rule book the coach uses, so a trainer who
adds their company's banned phrases or jargon there sees them in the notebooks too, without retyping anything.

>>> table = phrases_of_kind("forbidden_phrase")
>>> list(table.columns)
['Instead of', 'Try', 'Why']
>>> table.set_index("Instead of").loc["I don't know", "Try"]
"Let me find out for you, and I'll come back to you by [time]."
>>> jargon = phrases_of_kind("jargon")
>>> jargon[jargon["Jargon"].str.startswith("L2")].iloc[0].tolist()
['L2 / tier 2 / second line', 'a specialist team']
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from course_lib.coaching.reply import CoachReport, coach
from course_lib.coaching.rules import PhraseBook, did_you_mean, load_phrase_book
from course_lib.errors import CourseError


class PhraseTableError(CourseError):
    """``phrases_of_kind`` (or ``phrase_table``) was asked for a kind of phrase the rule book does not have."""


def phrases_of_kind(kind: str = "forbidden_phrase", *, book: PhraseBook | None = None) -> pd.DataFrame:
    """The phrases of one kind from the coach's rule book, each with what to say instead and why.

    ``kind`` is a kind listed in phrases.yaml: ``forbidden_phrase`` (the default), ``defensive`` or ``jargon``.
    For jargon the table has one row per plain wording, with every term that means it.

    >>> phrases_of_kind("defensive")["Instead of"].tolist()[:2]
    ["That's our policy", 'You should have...']
    >>> phrases_of_kind("forbiden_phrase")
    Traceback (most recent call last):
    ...
    course_lib.coaching.phrase_tables.PhraseTableError: phrases.yaml has no phrases of kind 'forbiden_phrase' \
(did you mean 'forbidden_phrase'?)
    """
    book = book or load_phrase_book()
    rules = book.rules_of_kind(kind)
    if not rules or book.kinds.get(kind) != "change":
        to_change = [k for k, category in book.kinds.items() if category == "change"]
        raise PhraseTableError(f"phrases.yaml has no phrases of kind '{kind}'{did_you_mean(kind, to_change)}")
    if any(rule.terms for rule in rules):
        plain_to_terms: dict[str, list[str]] = {}
        for rule in rules:
            for term in rule.terms:
                plain_to_terms.setdefault(term.plain, []).append(term.term)
        rows = [(" / ".join(terms), plain) for plain, terms in plain_to_terms.items()]
        return pd.DataFrame(rows, columns=["Jargon", "Plain words"])
    rows = [(rule.title, rule.instead or "", " ".join(rule.why.split())) for rule in rules]
    return pd.DataFrame(rows, columns=["Instead of", "Try", "Why"])


@dataclass(frozen=True)
class Comparison:
    """The coach's reports on a first reply and a rewrite of it, and what the rewrite changed."""

    before: CoachReport
    after: CoachReport

    @property
    def fixed(self) -> list[str]:
        """Titles of the phrases to change that were in the first reply and are gone from the rewrite."""
        still = {f.rule for f in self.after.changes}
        return list(dict.fromkeys(f.title for f in self.before.changes if f.rule not in still))

    @property
    def still_to_change(self) -> list[str]:
        """Titles of the phrases to change that the rewrite has (kept from the first reply, or new)."""
        return list(dict.fromkeys(f.title for f in self.after.changes))

    @property
    def gained(self) -> list[str]:
        """Titles of the strengths the rewrite shows and the first reply did not."""
        had = {f.kind for f in self.before.strengths}
        return list(dict.fromkeys(f.title for f in self.after.strengths if f.kind not in had))

    @property
    def lost(self) -> list[str]:
        """Titles of the strengths the first reply showed and the rewrite no longer does."""
        has = {f.kind for f in self.after.strengths}
        return list(dict.fromkeys(f.title for f in self.before.strengths if f.kind not in has))

    def verdict(self) -> str:
        """One line that sums up the difference.

        >>> print(compare_replies("No, you'll have to wait.", "I'll chase it now and call you by 3pm.").verdict())
        The rewrite drops 2 phrases to change ("No" opening a sentence; You'll have to...) and adds 2 strengths \
(Takes ownership; A clear next step with a time frame).
        """
        parts = []
        if self.fixed:
            parts.append(f"drops {_count(self.fixed, 'phrase')} to change ({'; '.join(self.fixed)})")
        if self.gained:
            parts.append(f"adds {_count(self.gained, 'strength')} ({'; '.join(self.gained)})")
        if self.still_to_change:
            parts.append(f"still has {_count(self.still_to_change, 'phrase')} to change "
                         f"({'; '.join(self.still_to_change)})")
        if self.lost:
            parts.append(f"loses {_count(self.lost, 'strength')} ({'; '.join(self.lost)})")
        if not parts:
            return "The coach sees no difference between the two replies."
        return "The rewrite " + ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1] + "."


def _count(items: list[str], noun: str) -> str:
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"


def compare_replies(before: str, after: str, message: str | None = None) -> Comparison:
    """Coach a first reply and a rewrite of it (to the same customer message, if given) and compare them.

    >>> comparison = compare_replies("I don't know.", "Let me find out for you.")
    >>> comparison.fixed, comparison.gained
    (["I don't know"], ['Takes ownership'])
    """
    return Comparison(coach(before, message), coach(after, message))
