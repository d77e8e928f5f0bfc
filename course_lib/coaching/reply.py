"""The reply coach: read a reply a learner typed and give the feedback a good trainer would give.

``coach(reply, message=None)`` returns a :class:`CoachReport`: its ``findings`` say what was found (a phrase to
change, a strength, or a judgment call), where it is in the reply, why it matters and, for changes, a better way to
say it; ``summary`` sums up what works and what to change (there is no score). The rules live in
``course_lib/content/phrases.yaml`` (see :mod:`course_lib.coaching.rules`), so a trainer can add their own.
Where each rule matches is found in :mod:`course_lib.coaching.spans`, paraphrase and mirroring in
:mod:`course_lib.coaching.paraphrase`; this module turns what they find into findings and feedback in words.

>>> report = coach("I don't know. You'll have to call the courier.")
>>> [(f.rule, f.text) for f in report.changes]
[('i_dont_know', "I don't know"), ('youll_have_to', "You'll have to")]
>>> report.changes[0].suggestion
"Let me find out for you, and I'll come back to you by [time]."
>>> [f.rule for f in coach("I don't know yet, but I'll find out by 3pm.").findings]
['ownership', 'next_step']
>>> coach("No problem, I'll fix it now.").kinds
['ownership', 'next_step']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from course_lib.coaching.paraphrase import paraphrase_findings
from course_lib.coaching.rules import PhraseBook, load_phrase_book, normalise
from course_lib.coaching.spans import Finding, PreparedText, rule_matches, split_sentences
from course_lib.problems import Problem

__all__ = ["CoachReport", "Finding", "addressed_to", "check_examples", "coach", "split_sentences"]

@dataclass(frozen=True)
class CoachReport:
    """What the coach found in one reply, and a summary in words (strengths first, then changes)."""

    reply: str
    message: str | None
    findings: tuple[Finding, ...]
    summary: tuple[str, ...] = field(default=())

    @property
    def strengths(self) -> list[Finding]:
        return [f for f in self.findings if f.category == "strength"]

    @property
    def changes(self) -> list[Finding]:
        return [f for f in self.findings if f.category == "change"]

    @property
    def judgments(self) -> list[Finding]:
        return [f for f in self.findings if f.category == "judgment"]

    @property
    def kinds(self) -> list[str]:
        """The kinds found, each once, in the order they first appear in the reply."""
        return list(dict.fromkeys(f.kind for f in sorted(self.findings, key=lambda f: (f.start, f.end))))

    @property
    def rules(self) -> set[str]:
        return {f.rule for f in self.findings}

    def __str__(self) -> str:
        lines = list(self.summary)
        for title, group in (("Changes", self.changes), ("Strengths", self.strengths),
                             ("Judgment calls", self.judgments)):
            if group:
                lines.append(f"{title}:")
                for f in group:
                    tip = f" Try: {f.suggestion}" if f.suggestion else ""
                    lines.append(f'  - "{f.text}" ({f.title}): {f.why}{tip}')
        return "\n".join(lines)


# ------------------------------------------------------------------------------------------- the coach
def _summary(findings: list[Finding], reply: str, message: str | None) -> tuple[str, ...]:
    strengths = list(dict.fromkeys(f.title for f in findings if f.category == "strength"))
    changes = [f for f in findings if f.category == "change"]
    kinds = {f.kind for f in findings}
    lines = []
    if not reply.strip():
        return ("Type a reply to the customer, then check it.",)
    if strengths:
        lines.append("What works: " + "; ".join(strengths) + ".")
    else:
        lines.append("What works: nothing the coach recognises yet. Start with the customer's feelings, then say "
                     "what you will do.")
    if changes:
        lines.append("What to change: " + "; ".join(f'"{f.text}" ({f.title})' for f in changes) + ".")
    else:
        lines.append("What to change: no phrase to avoid was found.")
    missing = []
    if "acknowledges_feelings" not in kinds:
        missing.append("name how the customer feels (\"I can see why that's frustrating\")")
    if "ownership" not in kinds:
        missing.append("say what you will do yourself (\"I'll...\", \"Let me...\")")
    if "next_step" not in kinds:
        missing.append("give a clear next step with a time (\"by 3pm today\")")
    if re.search(r"\b(?:sorry|apologi[sz]e|apologies)\b", normalise(reply), re.I) and \
            "apology_with_solution" not in kinds:
        missing.append("join your apology to what you will do about it")
    if message and not kinds & {"paraphrase", "mirroring"}:
        missing.append("say back in your own words what the customer told you")
    if missing:
        lines.append("Worth adding: " + "; ".join(missing[:3]) + ".")
    return tuple(lines)


def addressed_to(text: str, audience: str) -> str:
    """The coach's wording for someone other than a customer: "customer" becomes ``audience``.

    >>> addressed_to("Acknowledges the customer's feelings; customers notice.", "team member")
    "Acknowledges the team member's feelings; team members notice."
    """
    if audience == "customer":
        return text
    return re.sub(r"\b([Cc])ustomer(s?)\b",
                  lambda m: (audience[0].upper() if m.group(1) == "C" else audience[0]) + audience[1:] + m.group(2),
                  text)


def coach(reply: str, message: str | None = None, *, book: PhraseBook | None = None,
          audience: str = "customer") -> CoachReport:
    """Read a reply and return what works, what to change and why (a :class:`CoachReport`).

    ``message`` is the customer's message, if you have it: the coach then also looks for a paraphrase of it.
    ``audience`` is who the reply is for ("customer", or e.g. "team member" when a manager answers an agent): the
    feedback then speaks of them instead of "the customer". Positions refer to the reply exactly as typed (curly
    apostrophes and all).

    >>> report = coach("I can see why that\u2019s frustrating. Let me check and I'll call you by 3pm.")
    >>> report.kinds
    ['acknowledges_feelings', 'ownership', 'next_step']
    >>> print(report.summary[0])
    What works: Acknowledges the customer's feelings; Takes ownership; A clear next step with a time frame.
    >>> report = coach("So your sofa arrived yesterday with a rip in it, is that right?",
    ...                message="My sofa came yesterday and it's ripped!")
    >>> [(f.kind, f.text) for f in report.strengths][1:]
    [('closed_question', 'is that right?')]
    """
    if not isinstance(reply, str):
        raise TypeError(f"the reply must be text, not {type(reply).__name__}")
    if message is not None and not isinstance(message, str):
        raise TypeError(f"the customer's message must be text or None, not {type(message).__name__}")
    book = book or load_phrase_book()
    t = PreparedText(reply)
    findings: list[Finding] = []
    for rule in book.rules:
        if rule.kind in ("paraphrase", "mirroring"):
            continue
        for start, end, suggestion in rule_matches(rule, t):
            findings.append(Finding(rule.kind, rule.id, rule.category, rule.title, reply[start:end], start, end,
                                    rule.why, suggestion))
    if message and message.strip():
        findings += paraphrase_findings(book, t, message)
    order = {"change": 0, "judgment": 1, "strength": 2}
    findings.sort(key=lambda f: (order.get(f.category, 3), f.start, f.end))
    summary = _summary(findings, reply, message)
    if audience != "customer":
        findings = [replace(f, title=addressed_to(f.title, audience), why=addressed_to(f.why, audience),
                                        suggestion=addressed_to(f.suggestion, audience) if f.suggestion else
                                        f.suggestion) for f in findings]
        summary = tuple(addressed_to(line, audience) for line in summary)
    return CoachReport(reply, message, tuple(findings), summary)


# ------------------------------------------------------------------------------------------- checking examples
def check_examples(book: PhraseBook, path: Path | None = None) -> list[Problem]:
    """Run every rule's own examples: a 'flag' example the rule misses, or a 'pass' example it catches, is a problem.

    >>> check_examples(load_phrase_book())
    []
    """
    problems = []
    path = path or book.path or Path("phrases.yaml")
    for rule in book.rules:
        for example in rule.examples_flag:
            if rule.id not in coach(example, book=book).rules:
                problems.append(Problem(path, rule.line, f"rule '{rule.id}'",
                                        f"example {example!r} is under 'flag' but the rule does not catch it: "
                                        "widen a pattern or move the example to 'pass'"))
        for example in rule.examples_pass:
            hits = [f.text for f in coach(example, book=book).findings if f.rule == rule.id]
            if hits:
                problems.append(Problem(path, rule.line, f"rule '{rule.id}'",
                                        f"example {example!r} is under 'pass' but the rule catches {hits[0]!r}: "
                                        "add an 'unless_...' pattern or move the example to 'flag'"))
    return problems
