"""The reply coach's rule book: read ``phrases.yaml``, check it, and compile it into ready-to-use rules.

A trainer extends ``course_lib/content/phrases.yaml`` (their own banned phrases, jargon, preferred wording); this
module turns it into :class:`PhraseBook` and reports every problem with the file, the line and the rule, so that
``course check`` can say exactly what to fix.

>>> book = load_phrase_book()
>>> book.rule("i_dont_know").kind
'forbidden_phrase'
>>> bool(book.rule("i_dont_know").patterns[0].search("i do not know"))
True
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from course_lib.contentfile.files import content_path, file_version
from course_lib.errors import ContentError
from course_lib.problems import Problem, did_you_mean

PHRASES_FILE = content_path("phrases.yaml")  # where the shipped file is when the package is imported
# The kinds the coach's code knows how to treat specially; others may be added in phrases.yaml.
COMPUTED_KINDS = ("paraphrase", "mirroring")
PARAPHRASE_SETTINGS = {"min_shared_words": 3, "min_share_percent": 40, "cue_min_shared_words": 2,
                       "verbatim_words": 6, "impersonal_min_shared_words": 5}
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
FLAGS = re.IGNORECASE

# Curly quotes and friends become their plain forms, one character for one, so positions do not move.
_NORMALISE = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'",
                            "\u201c": '"', "\u201d": '"', "\u00a0": " ", "\u2009": " "})


def normalise(text: str) -> str:
    """The same text with curly apostrophes and quotes made straight, one character for one.

    >>> normalise("I don\u2019t know")
    "I don't know"
    """
    return text.translate(_NORMALISE)


# ------------------------------------------------------------------------------------------- plain phrases
# Each group lists the ways of writing one contraction; a phrase with any of them matches all of them.
_CONTRACTIONS = [
    ("can't", "cannot", "can not"), ("don't", "do not"), ("doesn't", "does not"), ("didn't", "did not"),
    ("won't", "will not"), ("isn't", "is not"), ("aren't", "are not"), ("wasn't", "was not"),
    ("haven't", "have not"), ("hasn't", "has not"), ("wouldn't", "would not"), ("couldn't", "could not"),
    ("shouldn't", "should not"), ("i'm", "i am"), ("i'll", "i will"), ("i've", "i have"), ("i'd", "i would"),
    ("you'll", "you will"), ("you're", "you are"), ("you've", "you have"), ("we'll", "we will"),
    ("we're", "we are"), ("we've", "we have"), ("it's", "it is"), ("that's", "that is"), ("there's", "there is"),
    ("they're", "they are"), ("let's", "let us"),
]


def _alternatives(group: tuple[str, ...]) -> str:
    return "(?:" + "|".join(r"\s+".join(re.escape(w) for w in form.split()) for form in group) + ")"


def phrase_to_regex(phrase: str) -> str:
    """A regular expression for a plain phrase: any case, any spacing, contractions written either way.

    >>> import re
    >>> rx = re.compile(phrase_to_regex("We can't do that"), re.IGNORECASE)
    >>> [bool(rx.search(s)) for s in ["we cannot do that", "We can not  do that", "we can do that"]]
    [True, True, False]
    """
    words = normalise(phrase).strip().lower().split()
    pieces: list[str] = []
    i = 0
    while i < len(words):
        for group in _CONTRACTIONS:
            hit = next((form for form in group if words[i:i + len(form.split())] == form.split()), None)
            if hit:
                pieces.append(_alternatives(group))
                i += len(hit.split())
                break
        else:
            pieces.append(re.escape(words[i]))
            i += 1
    body = r"\s+".join(pieces)
    start = r"\b" if re.match(r"\w", words[0]) else ""
    end = r"\b" if re.search(r"\w$", words[-1]) else ""
    return f"{start}{body}{end}"


# ------------------------------------------------------------------------------------------- the model
@dataclass(frozen=True)
class Term:
    """One jargon term and the plain words to use instead."""

    term: str
    plain: str
    regex: re.Pattern
    unless_before: tuple[re.Pattern, ...] = ()


@dataclass(frozen=True)
class Rule:
    """One thing the coach looks for, as written in phrases.yaml (patterns compiled)."""

    id: str
    kind: str
    category: str
    title: str
    why: str
    instead: str | None = None
    patterns: tuple[re.Pattern, ...] = ()
    scope: str = "text"
    unless_after: tuple[re.Pattern, ...] = ()
    unless_before: tuple[re.Pattern, ...] = ()
    unless_sentence: tuple[re.Pattern, ...] = ()
    needs: tuple[re.Pattern, ...] = ()
    needs_scope: str = "sentence"
    terms: tuple[Term, ...] = ()
    settings: dict = field(default_factory=dict, hash=False, compare=False)
    cues: tuple[re.Pattern, ...] = ()
    examples_flag: tuple[str, ...] = ()
    examples_pass: tuple[str, ...] = ()
    line: int | None = None


@dataclass(frozen=True)
class PhraseBook:
    """Every rule of a phrases file, in file order, with the category of each kind."""

    rules: tuple[Rule, ...]
    kinds: dict = field(hash=False, compare=False)
    path: Path | None = None

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        close = difflib.get_close_matches(rule_id, [r.id for r in self.rules], n=1)
        raise KeyError(f"no rule '{rule_id}'" + (f" (did you mean '{close[0]}'?)" if close else ""))

    def rules_of_kind(self, kind: str) -> list[Rule]:
        return [r for r in self.rules if r.kind == kind]


# ------------------------------------------------------------------------------------------- checking
def _texts(value: Any) -> list[str]:
    """A rule key's texts: a single text or a list (the schema has made sure of the shape)."""
    if isinstance(value, str):
        return [value]
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


_FRAGMENT = re.compile(r"<<(\w+)>>")


def _expand(pattern: str, fragments: dict[str, str], depth: int = 0) -> str:
    if depth > 5:
        raise ValueError("fragments refer to each other in a loop")

    def swap(m):
        if m.group(1) not in fragments:
            raise KeyError(m.group(1))
        return _expand(fragments[m.group(1)], fragments, depth + 1)

    return _FRAGMENT.sub(swap, pattern)


def _compile_problem(text: str, fragments: dict[str, str]) -> str | None:
    """Why a pattern cannot be used (None when it can): an unknown fragment, a loop, or bad regex syntax."""
    try:
        re.compile(_expand(text, fragments), FLAGS)
    except KeyError as err:
        name = err.args[0]
        return f"uses <<{name}>>, which is not under 'fragments'{did_you_mean(name, fragments) if fragments else ''}"
    except re.error as err:
        return f"has a pattern that is not a valid regular expression ({err.msg} at position {err.pos}): {text!r}"
    except ValueError as err:
        return str(err)
    return None


def _term_regex(term: str) -> re.Pattern:
    letters = [c for c in term if c.isalpha()]
    capitals = sum(c.isupper() for c in letters)
    case_sensitive = bool(letters) and (capitals >= 2 or term == term.upper())
    return re.compile(phrase_to_regex(term) if not case_sensitive else
                      (r"\b" if term[0].isalnum() else "") + re.escape(term) + (r"\b" if term[-1].isalnum() else ""),
                      0 if case_sensitive else FLAGS)


def _valid_id(value: Any) -> bool:
    return isinstance(value, str) and bool(ID_PATTERN.match(value))


def phrases_place(data: Any, place: tuple, message: str) -> tuple[str | None, str]:
    """Name a place: ``("rules", 3, "terms", 1, ...)`` is "rule 'jargon', term 'SLA'"; ``("kinds", "x")`` is
    "kind 'x'"."""
    if len(place) >= 2 and place[0] == "kinds":
        return f"kind '{place[1]}'", message
    if len(place) >= 2 and place[0] == "rules" and isinstance(place[1], int):
        rules = data.get("rules") if isinstance(data, dict) else None
        rule = rules[place[1]] if isinstance(rules, list) and place[1] < len(rules) else None
        rule_id = rule.get("id") if isinstance(rule, dict) else None
        where = f"rule '{rule_id}'" if _valid_id(rule_id) else f"rule {place[1] + 1}"
        if len(place) >= 4 and place[2] == "terms" and isinstance(place[3], int):
            terms = rule.get("terms") if isinstance(rule, dict) else None
            term = terms[place[3]] if isinstance(terms, list) and place[3] < len(terms) else None
            name = term.get("term") if isinstance(term, dict) else None
            where += f", term '{name}'" if isinstance(name, str) else f", term {place[3] + 1}"
        return where, message
    return None, message


def check_rules(data: dict, report) -> None:
    """The cross-references of a phrases file without running its examples."""
    kinds = data.get("kinds") if isinstance(data.get("kinds"), dict) else {}
    fragments = data.get("fragments") if isinstance(data.get("fragments"), dict) else {}
    fragments = {k: v for k, v in fragments.items() if isinstance(v, str)}
    rules = data.get("rules") if isinstance(data.get("rules"), list) else []
    seen: dict[str, int] = {}
    for index, rule in enumerate(rules):
        if not isinstance(rule, dict):
            continue
        here = ("rules", index)
        rule_id = rule.get("id")
        if _valid_id(rule_id):
            if rule_id in seen:
                report.error(here + ("id",), f"duplicate id: '{rule_id}' is already used on line {seen[rule_id]}")
            else:
                seen[rule_id] = report.line(here + ("id",))
        kind = rule.get("kind") if isinstance(rule.get("kind"), str) else None  # the schema reports any other
        if kind is not None and kind not in kinds:
            report.error(here + ("kind",), f"unknown kind {kind!r}{did_you_mean(kind, kinds)}")
        if kinds.get(kind) == "change" and "instead" not in rule:
            report.error(here, "'instead' is missing: a phrase to avoid needs a better way to say it")
        for key in ("patterns", "unless_after", "unless_before", "unless_sentence", "needs", "cues"):
            value = rule.get(key)
            for position, text in enumerate(_texts(value)):
                problem = _compile_problem(text, fragments)
                if problem:
                    report.error(here + (key,) + ((position,) if isinstance(value, list) else ()), f"'{key}' {problem}")
        terms = rule.get("terms") if isinstance(rule.get("terms"), list) else []
        listed: set[str] = set()
        for position, term in enumerate(terms):
            if not isinstance(term, dict):
                continue
            for text in _texts(term.get("unless_before")):
                problem = _compile_problem(text, fragments)
                if problem:
                    report.error(here + ("terms", position, "unless_before"), f"'unless_before' {problem}")
            name = term.get("term")
            if isinstance(name, str):
                if name.lower() in listed:
                    report.error(here + ("terms", position), f"term '{name}' is listed twice")
                listed.add(name.lower())
        if kind in kinds and kind not in COMPUTED_KINDS and not any(rule.get(k) for k in ("phrases", "patterns",
                                                                                            "terms")):
            report.error(here, "the rule looks for nothing: give 'phrases', 'patterns' or (for jargon) 'terms'")
    for kind in COMPUTED_KINDS:
        if kind in kinds and sum(isinstance(r, dict) and r.get("kind") == kind for r in rules) > 1:
            report.error(("rules",), f"only one rule may have kind '{kind}'")


# ------------------------------------------------------------------------------------------- building
def _rule(raw: dict, kinds: dict, fragments: dict, line: int | None) -> Rule:
    def compiled(value) -> tuple[re.Pattern, ...]:
        return tuple(re.compile(_expand(text, fragments), FLAGS) for text in _texts(value))

    terms = tuple(Term(t["term"], t["plain"], _term_regex(t["term"]), compiled(t.get("unless_before")))
                  for t in raw.get("terms") or ())
    settings = {**PARAPHRASE_SETTINGS, **(raw.get("settings") or {})} if raw["kind"] == "paraphrase" else \
        dict(raw.get("settings") or {})
    examples = raw.get("examples") or {}
    instead = raw.get("instead")
    return Rule(
        id=raw["id"], kind=raw["kind"], category=kinds[raw["kind"]], title=raw["title"].strip(),
        why=" ".join(raw["why"].split()), instead=instead.strip() if isinstance(instead, str) else None,
        patterns=tuple(re.compile(phrase_to_regex(text), FLAGS) for text in _texts(raw.get("phrases")))
        + compiled(raw.get("patterns")),
        scope=raw.get("scope", "text"), unless_after=compiled(raw.get("unless_after")),
        unless_before=compiled(raw.get("unless_before")), unless_sentence=compiled(raw.get("unless_sentence")),
        needs=compiled(raw.get("needs")), needs_scope=raw.get("needs_scope", "sentence"), terms=terms,
        settings=settings, cues=compiled(raw.get("cues")), examples_flag=tuple(_texts(examples.get("flag"))),
        examples_pass=tuple(_texts(examples.get("pass"))), line=line,
    )


def build_phrase_book(data: dict, path: Path | str | None = None, lines=None) -> PhraseBook:
    """The rule book of a phrases file that has passed its checks (the rules compiled, in file order)."""
    kinds, fragments = dict(data["kinds"]), dict(data.get("fragments") or {})
    rules = tuple(_rule(raw, kinds, fragments, lines.line(("rules", i)) if lines is not None else None)
                  for i, raw in enumerate(data["rules"]))
    return PhraseBook(rules=rules, kinds=kinds, path=Path(path) if path is not None else None)


# ------------------------------------------------------------------------------------------- reading
def read_checked_book(path: Path, run_examples: bool) -> tuple[PhraseBook | None, list[Problem]]:
    from course_lib.contentfile.check import check_loaded
    from course_lib.contentfile.report import Report
    from course_lib.contentfile.schema import check_schema
    from course_lib.contentfile.yaml_read import read_document

    loaded = read_document(path)
    if isinstance(loaded, Problem):
        return None, [loaded]
    if run_examples:
        problems = check_loaded(loaded, "phrases", path)
    else:  # what loading needs: the structure and the references, not the examples (course check runs those)
        report = Report(path, loaded.data, loaded.lines, phrases_place)
        if not isinstance(loaded.data, dict):
            report.error((), "expected the keys 'format', 'kinds' and 'rules'")
        elif check_schema("phrases", loaded.data, report):
            check_rules(loaded.data, report)
        problems = report.sorted_problems()
    if any(p.is_error for p in problems):
        return None, problems
    return build_phrase_book(loaded.data, path, loaded.lines), problems


@cache
def _load(path: str, _version: tuple[int, int]) -> PhraseBook:
    book, problems = read_checked_book(Path(path), run_examples=False)
    if book is None:
        errors = [p for p in problems if p.is_error]
        first = errors[0]
        more = f" (and {len(errors) - 1} more problem(s): run `course check`)" if len(errors) > 1 else \
            " (run `course check` for details)"
        raise ContentError(first.message + more, path=first.file, line=first.line, where=first.where)
    return book


def load_phrase_book(path: Path | str | None = None) -> PhraseBook:
    """The coach's rules (default: the course's phrases.yaml), read again only when the file changes; a broken
    file raises ContentError naming file and line. Its examples are run by ``course check``, not here."""
    path = Path(path) if path is not None else content_path("phrases.yaml")
    # (0, 0) for a missing file: the loader then reports it with the file's name
    return _load(str(path), file_version(path) or (0, 0))
