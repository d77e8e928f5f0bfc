"""The reply coach: read a reply a learner typed and give the feedback a good trainer would give.

``coach(reply, message=None)`` returns a :class:`CoachReport`: its ``findings`` say what was found (a phrase to
change, a strength, or a judgment call), where it is in the reply, why it matters and, for changes, a better way to
say it; ``summary`` sums up what works and what to change (there is no score). The rules live in
``course_lib/content/phrases.yaml`` (see :mod:`course_lib.coaching.rules`), so a trainer can add their own.

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
from difflib import SequenceMatcher
from pathlib import Path

import snowballstemmer

from course_lib.coaching.rules import PhraseBook, Rule, load_phrase_book, normalise
from course_lib.problems import Problem

# ------------------------------------------------------------------------------------------- sentences
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "e.g", "i.e", "etc", "vs", "approx", "ref", "tel"}
_BOUNDARY = re.compile(r"[.!?]+[\"')\]]*(?=\s)|\n")
# What may come before the first real word of a sentence: quotes, @handles, a greeting with a name, an opener.
_LEAD_IN = re.compile(
    r"(?:[\s\"'(*\-\u2013\u2014]+|@\w+[\s,:]*"
    r"|(?i:hi|hello|hey|dear|thanks|thank you|ok|okay|so|well|and|but|also|sorry|oh|right|look|listen|honestly"
    r"|sadly|unfortunately|first|firstly|then|now|next time|in future|by the way)\b"
    r"(?:\s+(?i:there|again|so much|all|everyone|team)|(?:\s+[A-Z][a-z]+){1,2})?\s*[,!:.\-\u2013\u2014]?\s*)*")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    content_start: int  # after a greeting or opener such as "Hi Sam," or "So,"


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of a reply, as positions (a new line or . ! ? followed by a space ends one).

    >>> text = "Hi Sam, no. Mr. Lee will call at 3pm!\\nThanks"
    >>> [text[s.start:s.end] for s in split_sentences(text)]
    ['Hi Sam, no.', 'Mr. Lee will call at 3pm!', 'Thanks']
    >>> [text[s.content_start:s.end] for s in split_sentences(text)][0]
    'no.'
    """
    spans, start = [], 0
    for m in _BOUNDARY.finditer(text):
        word = re.search(r"([\w.]+)$", text[start:m.start()])
        if m.group() == "." and word and word.group(1).lower() in _ABBREVIATIONS:
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    sentences = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            lead = _LEAD_IN.match(text, a, b)
            sentences.append(Sentence(a, b, min(lead.end() if lead else a, b)))
    return sentences


# ------------------------------------------------------------------------------------------- findings
@dataclass(frozen=True)
class Finding:
    """One thing the coach found in the reply.

    ``text`` is ``reply[start:end]``; ``category`` is ``change`` (say it differently), ``strength`` (keep doing
    it) or ``judgment`` (the sources disagree: decide). ``suggestion`` is a better way to say it, where one applies.
    """

    kind: str
    rule: str
    category: str
    title: str
    text: str
    start: int
    end: int
    why: str
    suggestion: str | None = None


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


# ------------------------------------------------------------------------------------------- matching
class _Text:
    """A reply prepared once: normalised text and sentences, with helpers to find a position's sentence."""

    def __init__(self, reply: str):
        self.original = reply
        self.text = normalise(reply)
        self.sentences = split_sentences(self.text)

    def sentence_index(self, position: int) -> int:
        for i, s in enumerate(self.sentences):
            if position < s.end:
                return i
        return len(self.sentences) - 1

    def after(self, end: int, index: int) -> str:
        stop = self.sentences[min(index + 1, len(self.sentences) - 1)].end if self.sentences else len(self.text)
        return self.text[end:max(stop, end)]

    def before(self, start: int, index: int, words: int = 8) -> str:
        piece = self.text[self.sentences[index].start:start] if self.sentences else ""
        cut = [m.start() for m in re.finditer(r"\S+", piece)]
        return piece[cut[-words]:] if len(cut) > words else piece

    def content(self, index: int) -> tuple[int, str]:
        s = self.sentences[index]
        return s.content_start, self.text[s.content_start:s.end]

    def region(self, index: int, nearby: bool) -> tuple[int, int]:
        # "nearby": the sentence before and the two after, so "I'm sorry. That must be annoying. I'll fix it
        # today." still joins the apology to its solution across the empathy sentence in between.
        first = max(index - 1, 0) if nearby else index
        last = min(index + 2, len(self.sentences) - 1) if nearby else index
        return self.sentences[first].start, self.sentences[last].end


def _kept(rule: Rule, t: _Text, start: int, end: int) -> tuple[int, int] | None:
    """Apply a rule's exceptions and needs to one match; return the span to report, or None if it does not count."""
    index = t.sentence_index(start)
    if any(p.search(t.after(end, index)) for p in rule.unless_after):
        return None
    if any(p.search(t.before(start, index)) for p in rule.unless_before):
        return None
    if rule.unless_sentence and any(p.search(t.content(index)[1]) for p in rule.unless_sentence):
        return None
    if rule.needs:
        a, b = t.region(index, rule.needs_scope == "nearby")
        hits = [m for p in rule.needs for m in p.finditer(t.text, a, b) if m.end() > m.start()]
        if not hits:
            return None
        s = t.sentences[index]
        same = [m for m in hits if s.start <= m.start() and m.end() <= s.end]
        if same:
            near = min(same, key=lambda m: abs(m.start() - start))
            return min(start, near.start()), max(end, near.end())
    return start, end


def _rule_matches(rule: Rule, t: _Text) -> list[tuple[int, int, str | None]]:
    """Spans (start, end, suggestion) where a pattern or term rule applies."""
    found: list[tuple[int, int, str | None]] = []
    if not t.sentences:
        return found
    for pattern in rule.patterns:
        if rule.scope == "sentence":
            candidates = []
            for i in range(len(t.sentences)):
                offset, content = t.content(i)
                candidates += [(offset + m.start(), offset + m.end()) for m in pattern.finditer(content)]
        else:
            candidates = [(m.start(), m.end()) for m in pattern.finditer(t.text)]
        for start, end in candidates:
            if end > start and (span := _kept(rule, t, start, end)):
                found.append((*span, rule.instead))
    for term in rule.terms:
        for m in term.regex.finditer(t.text):
            index = t.sentence_index(m.start())
            if any(p.search(t.before(m.start(), index)) for p in term.unless_before):
                continue
            found.append((m.start(), m.end(), term.plain))
    # One finding per place: drop spans that overlap one already kept; strengths count once per sentence.
    kept: list[tuple[int, int, str | None]] = []
    sentences_used: set[int] = set()
    for start, end, suggestion in sorted(found, key=lambda s: (s[0], -s[1])):
        if any(start < b and a < end for a, b, _ in kept):
            continue
        if rule.category == "strength":
            index = t.sentence_index(start)
            if index in sentences_used:
                continue
            sentences_used.add(index)
        kept.append((start, end, suggestion))
    return kept


# ------------------------------------------------------------------------------------------- paraphrase
_STOPWORDS = frozenset("""
a about above after again against all am an and any are aren't as at be because been before being below between
both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each few for from
further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his
how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my myself no nor
not of off on once only or other ought our ours ourselves out over own same shan't she she'd she'll she's should
shouldn't so some such than that that's the their theirs them themselves then there there's these they they'd
they'll they're they've this those through to too under until up very was wasn't we we'd we'll we're we've were
weren't what what's when when's where where's which while who who's whom why why's with won't would wouldn't you
you'd you'll you're you've your yours yourself yourselves just also still really now get got will shall may might
must ok okay hi hello hey dear thanks thank please sorry yes yeah oh well sure like one two three every each many
much lot lots always never ever
""".split())  # noqa: SIM905 - a word list reads better as text
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_STEMMER = snowballstemmer.stemmer("english")
_YOU = re.compile(r"\byou(?:r|rs|'re|'ve|'d|'ll)?\b", re.IGNORECASE)


def _words(text: str) -> list[str]:
    return _WORD.findall(normalise(text).lower())


def content_stems(text: str) -> set[str]:
    """The content words of a text, lightly stemmed (small words such as "the", "I", "was" left out).

    >>> sorted(content_stems("My sofa was delivered yesterday with a tear"))
    ['deliv', 'sofa', 'tear', 'yesterday']
    """
    return set(_STEMMER.stemWords([w for w in _words(text) if w not in _STOPWORDS and len(w) > 1]))


def _same_stem(a: str, b: str) -> bool:
    # "deliv" (delivered) and "deliveri" (delivery) share a root: a prefix of 4 letters or more counts as the same.
    return a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)))


def shared_words(sentence: str, message: str) -> set[str]:
    """The content words (stems) of ``sentence`` that also appear in ``message``.

    >>> sorted(shared_words("So the sofa we delivered yesterday has a tear?", "My sofa arrived with a tear"))
    ['sofa', 'tear']
    """
    theirs = content_stems(message)
    return {s for s in content_stems(sentence) if any(_same_stem(s, t) for t in theirs)}


def longest_copied_run(sentence: str, message: str) -> int:
    """How many words in a row ``sentence`` copies from ``message``.

    >>> longest_copied_run("You said the app crashes every time I log in", "The app crashes every time I log in!")
    8
    """
    a, b = _words(sentence), _words(message)
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size


def _paraphrase_findings(book: PhraseBook, t: _Text, message: str) -> list[Finding]:
    para = next(iter(book.rules_of_kind("paraphrase")), None)
    mirror = next(iter(book.rules_of_kind("mirroring")), None)
    if para is None and mirror is None:
        return []
    settings = para.settings if para else {}
    verbatim = settings.get("verbatim_words", 6)
    best_para, best_mirror = None, None
    for s in t.sentences:
        sentence = t.text[s.start:s.end]
        n_words = len(_words(sentence))
        run = longest_copied_run(sentence, message)
        if run >= verbatim or (run >= 5 and run >= 0.8 * n_words):
            if best_mirror is None or run > best_mirror[0]:
                best_mirror = (run, s)
            continue
        if run >= 0.8 * n_words:  # a short fragment copied as it was: neither mirroring the problem nor paraphrase
            continue
        if para is None:
            continue
        mine = content_stems(sentence)
        shared = shared_words(sentence, message)
        if not mine:
            continue
        share = 100 * len(shared) / len(mine)
        cue = any(p.search(sentence) for p in para.cues)
        # A restatement is about the customer ("you", "your"); "Sofas are delivered by our partner" reuses their
        # words to say something general, so a sentence that does not address them needs more words in common.
        addressed = bool(_YOU.search(sentence))
        needed = settings["min_shared_words"] if addressed else settings["impersonal_min_shared_words"]
        enough = (len(shared) >= needed and share >= settings["min_share_percent"]) or (
            cue and len(shared) >= settings["cue_min_shared_words"])
        if enough and (best_para is None or len(shared) > best_para[0]):
            best_para = (len(shared), s)
    findings = []
    for rule, best in ((para, best_para), (mirror, best_mirror)):
        if rule is not None and best is not None:
            s = best[1]
            findings.append(Finding(rule.kind, rule.id, rule.category, rule.title, t.original[s.start:s.end],
                                    s.start, s.end, rule.why, rule.instead))
    return findings


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
    t = _Text(reply)
    findings: list[Finding] = []
    for rule in book.rules:
        if rule.kind in ("paraphrase", "mirroring"):
            continue
        for start, end, suggestion in _rule_matches(rule, t):
            findings.append(Finding(rule.kind, rule.id, rule.category, rule.title, reply[start:end], start, end,
                                    rule.why, suggestion))
    if message and message.strip():
        findings += _paraphrase_findings(book, t, message)
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
