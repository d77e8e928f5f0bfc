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

from course_lib.contentfile.files import content_path
from course_lib.contentfile.lines import LineDict, LineList, read_yaml_with_lines
from course_lib.errors import ContentError
from course_lib.problems import Problem, did_you_mean

PHRASES_FILE = content_path("phrases.yaml")
CATEGORIES = ("change", "strength", "judgment")
# The kinds the coach's code knows how to treat specially; others may be added in phrases.yaml.
COMPUTED_KINDS = ("paraphrase", "mirroring")
RULE_KEYS = ("id", "kind", "title", "why", "instead", "phrases", "patterns", "scope", "unless_after", "unless_before",
             "unless_sentence", "needs", "needs_scope", "terms", "settings", "cues", "examples")
TERM_KEYS = ("term", "plain", "unless_before")
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


# ------------------------------------------------------------------------------------------- reading with lines
def line_of(container: Any, key: Any = None) -> int | None:
    """The line of a mapping's key, a list's item, or the container itself (None when unknown)."""
    if key is not None and (isinstance(container, LineDict) or (isinstance(container, LineList)
                                                                  and isinstance(key, int))):
        return container.line_of(key)
    return getattr(container, "line", None)


# ------------------------------------------------------------------------------------------- checking
class _Collector:
    def __init__(self, path: Path):
        self.path = path
        self.problems: list[Problem] = []

    def add(self, line, where, message, severity="error"):
        self.problems.append(Problem(self.path, line, where, message, severity))


def _text_list(value, key, rule_raw, where, out: _Collector) -> list[tuple[str, int | None]]:
    """A list of strings from a rule key (a single string is accepted too), each with its line."""
    if value is None:
        return []
    if isinstance(value, str):
        return [(value, line_of(rule_raw, key))]
    if not isinstance(value, list):
        out.add(line_of(rule_raw, key), where, f"'{key}' must be a list of texts")
        return []
    items = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            out.add(line_of(value, i), where, f"'{key}' item {i + 1} must be a non-empty text")
        else:
            items.append((item, line_of(value, i)))
    return items


_FRAGMENT = re.compile(r"<<(\w+)>>")


def _expand(pattern: str, fragments: dict[str, str], depth: int = 0) -> str:
    if depth > 5:
        raise ValueError("fragments refer to each other in a loop")

    def swap(m):
        if m.group(1) not in fragments:
            raise KeyError(m.group(1))
        return _expand(fragments[m.group(1)], fragments, depth + 1)

    return _FRAGMENT.sub(swap, pattern)


def _compile(items, key, where, fragments, out: _Collector) -> list[re.Pattern]:
    compiled = []
    for text, line in items:
        try:
            compiled.append(re.compile(_expand(text, fragments), FLAGS))
        except KeyError as err:
            name = err.args[0]
            out.add(line, where, f"'{key}' uses <<{name}>>, which is not under 'fragments'"
                    f"{did_you_mean(name, fragments) if fragments else ''}")
        except re.error as err:
            out.add(line, where, f"'{key}' has a pattern that is not a valid regular expression "
                    f"({err.msg} at position {err.pos}): {text!r}")
        except ValueError as err:
            out.add(line, where, f"'{key}': {err}")
    return compiled


def _term_regex(term: str) -> re.Pattern:
    letters = [c for c in term if c.isalpha()]
    capitals = sum(c.isupper() for c in letters)
    case_sensitive = bool(letters) and (capitals >= 2 or term == term.upper())
    return re.compile(phrase_to_regex(term) if not case_sensitive else
                      (r"\b" if term[0].isalnum() else "") + re.escape(term) + (r"\b" if term[-1].isalnum() else ""),
                      0 if case_sensitive else FLAGS)


def _parse_rule(raw, index, kinds, fragments, seen_ids, out: _Collector) -> Rule | None:
    where = f"rule {index + 1}"
    line = line_of(raw)
    if not isinstance(raw, dict):
        out.add(line, where, "each rule must be a set of keys (id, kind, title, why, ...)")
        return None
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not ID_PATTERN.match(rule_id):
        out.add(line_of(raw, "id"), where, f"'id' must be a short name in snake_case (like 'not_my_job'), "
                f"not {rule_id!r}")
    else:
        where = f"rule '{rule_id}'"
        if rule_id in seen_ids:
            out.add(line_of(raw, "id"), where, f"duplicate id: '{rule_id}' is already used on line {seen_ids[rule_id]}")
        else:
            seen_ids[rule_id] = line_of(raw, "id")
    errors_before = len(out.problems)
    for key in raw:
        if key not in RULE_KEYS:
            out.add(line_of(raw, key), where, f"unknown key '{key}'{did_you_mean(key, RULE_KEYS)}")
    kind = raw.get("kind")
    if kind not in kinds:
        out.add(line_of(raw, "kind"), where, f"unknown kind {kind!r}{did_you_mean(kind, kinds)}")
        category = None
    else:
        category = kinds[kind]
    for key in ("title", "why"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            what = "in a few words what this rule finds" if key == "title" else "why it matters to the customer"
            out.add(line_of(raw, key) if key in raw else line, where, f"'{key}' is missing: say {what}")
    instead = raw.get("instead")
    if category == "change" and (not isinstance(instead, str) or not instead.strip()):
        out.add(line_of(raw, "instead") if "instead" in raw else line, where,
                "'instead' is missing: a phrase to avoid needs a better way to say it")
    scope = raw.get("scope", "text")
    if scope not in ("text", "sentence"):
        out.add(line_of(raw, "scope"), where, f"'scope' must be 'text' or 'sentence', not {scope!r}")
    needs_scope = raw.get("needs_scope", "sentence")
    if needs_scope not in ("sentence", "nearby"):
        out.add(line_of(raw, "needs_scope"), where,
                f"'needs_scope' must be 'sentence' or 'nearby', not {needs_scope!r}")

    phrases = _text_list(raw.get("phrases"), "phrases", raw, where, out)
    pattern_items = _text_list(raw.get("patterns"), "patterns", raw, where, out)
    patterns = [re.compile(phrase_to_regex(text), FLAGS) for text, _ in phrases]
    patterns += _compile(pattern_items, "patterns", where, fragments, out)
    compiled = {key: _compile(_text_list(raw.get(key), key, raw, where, out), key, where, fragments, out)
                for key in ("unless_after", "unless_before", "unless_sentence", "needs", "cues")}

    terms: list[Term] = []
    raw_terms = raw.get("terms")
    if raw_terms is not None and not isinstance(raw_terms, list):
        out.add(line_of(raw, "terms"), where, "'terms' must be a list of {term: ..., plain: ...}")
    for i, item in enumerate(raw_terms or []):
        item_where = f"{where}, term {i + 1}"
        if not isinstance(item, dict) or not isinstance(item.get("term"), str) or not item["term"].strip():
            out.add(line_of(raw_terms, i), item_where,
                    "each term needs 'term' (the jargon) and 'plain' (the plain words)")
            continue
        item_where = f"{where}, term '{item['term']}'"
        for key in item:
            if key not in TERM_KEYS:
                out.add(line_of(item, key), item_where, f"unknown key '{key}'{did_you_mean(key, TERM_KEYS)}")
        if not isinstance(item.get("plain"), str) or not item["plain"].strip():
            out.add(line_of(item), item_where, "'plain' is missing: what should a learner say instead?")
            continue
        before = _compile(_text_list(item.get("unless_before"), "unless_before", item, item_where, out),
                          "unless_before", item_where, fragments, out)
        terms.append(Term(item["term"], item["plain"], _term_regex(item["term"]), tuple(before)))
    seen_terms: dict[str, int] = {}
    for i, term in enumerate(terms):
        key = term.term.lower()
        if key in seen_terms:
            out.add(line_of(raw_terms, i), where, f"term '{term.term}' is listed twice")
        seen_terms[key] = i

    settings = raw.get("settings") or {}
    if kind == "paraphrase":
        if not isinstance(settings, dict):
            out.add(line_of(raw, "settings"), where, "'settings' must be a set of numbers")
            settings = {}
        for key, value in settings.items():
            if key not in PARAPHRASE_SETTINGS:
                out.add(line_of(settings, key), where,
                        f"unknown setting '{key}'{did_you_mean(key, PARAPHRASE_SETTINGS)}")
            elif isinstance(value, bool) or not isinstance(value, int) or value < 1 or (
                    key == "min_share_percent" and value > 100):
                out.add(line_of(settings, key), where, f"setting '{key}' must be a whole number"
                        f"{' from 1 to 100 (a percentage)' if key == 'min_share_percent' else ' of 1 or more'}")
        settings = {**PARAPHRASE_SETTINGS, **{k: v for k, v in settings.items() if k in PARAPHRASE_SETTINGS}}
    elif kind in kinds and kind not in COMPUTED_KINDS and not any(raw.get(k) for k in ("phrases", "patterns", "terms")):
        out.add(line, where, "the rule looks for nothing: give 'phrases', 'patterns' or (for jargon) 'terms'")

    examples = raw.get("examples") or {}
    flag, passing = [], []
    if not isinstance(examples, dict) or set(examples) - {"flag", "pass"}:
        out.add(line_of(raw, "examples"), where, "'examples' must have 'flag' and/or 'pass', each a list of replies")
    else:
        flag = _text_list(examples.get("flag"), "flag", examples, where, out)
        passing = _text_list(examples.get("pass"), "pass", examples, where, out)
    if len(out.problems) > errors_before or category is None:
        return None
    return Rule(
        id=rule_id, kind=kind, category=category, title=raw["title"].strip(), why=" ".join(raw["why"].split()),
        instead=instead.strip() if isinstance(instead, str) else None, patterns=tuple(patterns), scope=scope,
        unless_after=tuple(compiled["unless_after"]), unless_before=tuple(compiled["unless_before"]),
        unless_sentence=tuple(compiled["unless_sentence"]), needs=tuple(compiled["needs"]), needs_scope=needs_scope,
        terms=tuple(terms), settings=settings, cues=tuple(compiled["cues"]),
        examples_flag=tuple(t for t, _ in flag), examples_pass=tuple(t for t, _ in passing), line=line,
    )


def parse_phrase_book(raw: Any, path: Path | str = PHRASES_FILE) -> tuple[PhraseBook | None, list[Problem]]:
    """Check a parsed phrases file; return the rule book (None if anything is wrong) and every problem found."""
    path = Path(path)
    out = _Collector(path)
    if not isinstance(raw, dict):
        out.add(None, None, "expected the keys 'format', 'kinds' and 'rules'")
        return None, out.problems
    for key in raw:
        if key not in ("format", "kinds", "fragments", "rules"):
            out.add(line_of(raw, key), None,
                    f"unknown top-level key '{key}'{did_you_mean(key, ('format', 'kinds', 'fragments', 'rules'))}")
    if raw.get("format") != 1:
        out.add(line_of(raw, "format"), None,
                f"'format' must be 1 (this version of the course), not {raw.get('format')!r}")
    kinds = raw.get("kinds")
    if not isinstance(kinds, dict) or not kinds:
        out.add(line_of(raw, "kinds"), None, "'kinds' must list each kind of finding with its category "
                "(change, strength or judgment)")
        kinds = {}
    for kind, category in list(kinds.items()):
        if category not in CATEGORIES:
            out.add(line_of(kinds, kind), f"kind '{kind}'", f"category must be one of {', '.join(CATEGORIES)}, "
                    f"not {category!r}{did_you_mean(category, CATEGORIES)}")
    fragments = raw.get("fragments") or {}
    if not isinstance(fragments, dict) or not all(isinstance(v, str) for v in fragments.values()):
        out.add(line_of(raw, "fragments"), None, "'fragments' must map names to pattern texts")
        fragments = {}
    rules_raw = raw.get("rules")
    if not isinstance(rules_raw, list) or not rules_raw:
        out.add(line_of(raw, "rules"), None, "'rules' must be a list of rules")
        rules_raw = []
    seen: dict[str, int] = {}
    rules = [_parse_rule(item, i, kinds, fragments, seen, out) for i, item in enumerate(rules_raw)]
    for kind in COMPUTED_KINDS:
        if kind in kinds and sum(isinstance(r, dict) and r.get("kind") == kind for r in rules_raw) > 1:
            out.add(line_of(raw, "rules"), None, f"only one rule may have kind '{kind}'")
    if any(p.is_error for p in out.problems):
        return None, out.problems
    return PhraseBook(rules=tuple(r for r in rules if r is not None), kinds=dict(kinds), path=path), out.problems


def read_phrase_book(path: Path | str) -> tuple[PhraseBook | None, list[Problem]]:
    """Read and check a phrases file: (rule book or None, problems)."""
    path = Path(path)
    try:
        raw = read_yaml_with_lines(path)
    except ContentError as err:
        return None, [Problem(err.path or path, err.line, err.where, err.detail)]
    return parse_phrase_book(raw, path)


@cache
def _load(path: str) -> PhraseBook:
    book, problems = read_phrase_book(Path(path))
    if book is None:
        first = next(p for p in problems if p.is_error)
        more = f" (and {len(problems) - 1} more problem(s): run `course check`)" if len(problems) > 1 else ""
        raise ContentError(first.message + more, path=first.file, line=first.line, where=first.where)
    return book


def load_phrase_book(path: Path | str | None = None) -> PhraseBook:
    """The coach's rules (read once per session); a broken file raises ContentError naming file and line."""
    return _load(str(Path(path) if path is not None else PHRASES_FILE))
