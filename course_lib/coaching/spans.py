"""Where the coach's rules match in a reply: sentences, the reply prepared once, and each rule's spans.

A rule's plain phrases and patterns are searched in the normalised reply (curly quotes made straight); a match
counts unless an ``unless_...`` pattern is found near it, and a rule with ``needs`` counts only when one of them is
found near it too. :mod:`course_lib.coaching.reply` turns the spans into findings and words.

>>> [s.content_start for s in split_sentences("Hi Sam, no. Dr. Lee will call.")]
[8, 12]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from course_lib.coaching.rules import Rule, normalise

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


# ------------------------------------------------------------------------------------------- matching
class PreparedText:
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


def _kept(rule: Rule, t: PreparedText, start: int, end: int) -> tuple[int, int] | None:
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


def rule_matches(rule: Rule, t: PreparedText) -> list[tuple[int, int, str | None]]:
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
