"""Paraphrase and mirroring: does a reply give the customer's point back in the agent's own words, or copy it?

The customer's message and each sentence of the reply are reduced to the stems of their content words (snowball
stemmer); enough shared stems make a paraphrase, a long run of the same words in a row makes mirroring. The
thresholds are the ``settings`` of the ``paraphrase`` rule in phrases.yaml.

>>> sorted(shared_words("So the parcel never arrived?", "My parcel has not arrived yet"))
['arriv', 'parcel']
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import snowballstemmer

from course_lib.coaching.rules import PhraseBook, normalise
from course_lib.coaching.spans import Finding, PreparedText

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


def paraphrase_findings(book: PhraseBook, t: PreparedText, message: str) -> list[Finding]:
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
