"""How good is the keyword tagger? An answer key for the course's comments, precision and recall, and hand coding.

Real comments come with no answer key: nobody knows for sure which themes a comment "really" has, which is why
teams code a sample by hand and compare coders. The course's comments are different: they were generated from a
bank of sentences, one list per theme (``course_lib.data.datasets.COMMENTS``, with ``{agent}`` standing for the
agent's name). Mapping each sentence back to its list gives a **reference coding** that is known exactly, so the
tagger (:mod:`course_lib.voice.themes`) can be measured against it:

- **precision** of a theme: of the comments the tagger gave that theme, the % that really have it;
- **recall** of a theme: of the comments that really have it, the % the tagger found.

>>> reference_themes("Nobody actually fixed anything. Put on hold twice.")
('not_resolved', 'hold')
>>> table = precision_recall([{"hold"}, {"hold", "billing"}, set()], [{"hold"}, {"hold"}, {"billing"}],
...                          ["hold", "billing"])
>>> table[["theme", "reference", "tagged", "both", "missed", "wrong", "precision", "recall"]]
     theme  reference  tagged  both  missed  wrong  precision  recall
0     hold          2       2     2       0      0      100.0   100.0
1  billing          1       1     0       1      1        0.0     0.0
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pandas as pd

from course_lib.data.datasets import AGENTS, COMMENTS
from course_lib.errors import DataError
from course_lib.notebook_setup import SEED
from course_lib.voice.themes import Match, Theme, _comments, load_themes, tag_comment, theme_labels

NEGATIONS = ("not", "no", "nobody", "never", "nothing", "hasn't", "didn't", "isn't", "wasn't", "still")
#: How many commented surveys the hand-coding activity shows.
#: How the hand coding is recorded (activity id and module).
ACTIVITY = "coding:survey_comments"
MODULE = "08"
SAMPLE_SIZE = 12


# ------------------------------------------------------------------------------------------- the answer key


@cache
def _sentences() -> tuple[tuple[re.Pattern, str, str], ...]:
    """(pattern, theme, template) for every sentence of the bank; longest first so that no sentence hides
    another that starts the same way."""
    names = "|".join(re.escape(a.name) for a in AGENTS)
    found = []
    for theme, sentences in COMMENTS.items():
        for sentence in sentences:
            body = re.escape(sentence).replace(re.escape("{agent}"), f"(?:{names})")
            found.append((re.compile(body), theme, sentence))
    return tuple(sorted(found, key=lambda item: -len(item[2])))


def _parse(comment: str) -> tuple[tuple[str, str], ...] | None:
    """The (theme, template) of each sentence the comment is made of, or None when it is not from the bank."""
    if not comment:
        return ()
    for pattern, theme, template in _sentences():
        found = pattern.match(comment)
        if found and (found.end() == len(comment) or comment[found.end()] == " "):
            rest = _parse(comment[found.end():].lstrip(" "))
            if rest is not None:
                return ((theme, template), *rest)
    return None


def reference_themes(comment: str) -> tuple[str, ...]:
    """The themes a course comment was written for (its answer key), in order; a DataError for a comment that
    is not made of the course's sentences.

    >>> reference_themes("Ben was quite rude, honestly.")
    ('agent_rude',)
    """
    parsed = _parse(str(comment).strip())
    if parsed is None:
        raise DataError(f"the comment {comment!r} is not made of the course's generated sentences, so it has no "
                        "answer key (real comments never do: code a sample by hand instead)", table="surveys",
                        column="comment")
    return tuple(dict.fromkeys(theme for theme, _ in parsed))


def comment_template(comment: str) -> str:
    """The comment with the agent's name replaced by ``{agent}``: comments that differ only by the name match.

    >>> comment_template("Amara was really helpful and patient.")
    '{agent} was really helpful and patient.'
    """
    parsed = _parse(str(comment).strip())
    if parsed is None:
        return str(comment)
    return " ".join(template for _, template in parsed)


def reference_coding(surveys: pd.DataFrame) -> pd.DataFrame:
    """One row per (commented survey, reference theme): contact_id, theme, comment.

    >>> surveys = pd.DataFrame({"contact_id": [4, 5], "comment": ["Put on hold twice. Still not fixed.", None]})
    >>> reference_coding(surveys)
       contact_id         theme                              comment
    0           4          hold  Put on hold twice. Still not fixed.
    1           4  not_resolved  Put on hold twice. Still not fixed.
    """
    rows = [{"contact_id": r.contact_id, "theme": theme, "comment": r.comment}
            for r in _comments(surveys)[["contact_id", "comment"]].itertuples(index=False)
            for theme in reference_themes(r.comment)]
    return pd.DataFrame(rows, columns=["contact_id", "theme", "comment"])


# ------------------------------------------------------------------------------------- precision and recall


def precision_recall(reference: Iterable[Iterable[str]], tagged: Iterable[Iterable[str]],
                     themes: Iterable[str]) -> pd.DataFrame:
    """Per theme, compare two codings of the same comments (one set of theme ids per comment).

    Columns: ``reference`` (comments that have the theme), ``tagged`` (comments the tagger gave it), ``both``,
    ``missed`` (reference but not tagged), ``wrong`` (tagged but not reference), ``precision`` = both / tagged
    and ``recall`` = both / reference, in % (NaN when the count below the line is 0). Counts are of comments.
    """
    reference = [set(r) for r in reference]
    tagged = [set(t) for t in tagged]
    if len(reference) != len(tagged):
        raise ValueError(f"both codings must cover the same comments: {len(reference)} against {len(tagged)}")
    rows = []
    for theme in themes:
        ref = sum(theme in r for r in reference)
        tag = sum(theme in t for t in tagged)
        both = sum(theme in r and theme in t for r, t in zip(reference, tagged, strict=True))
        rows.append({"theme": theme, "reference": ref, "tagged": tag, "both": both, "missed": ref - both,
                     "wrong": tag - both,
                     "precision": round(100 * both / tag, 1) if tag else float("nan"),
                     "recall": round(100 * both / ref, 1) if ref else float("nan")})
    return pd.DataFrame(rows, columns=["theme", "reference", "tagged", "both", "missed", "wrong", "precision",
                                       "recall"])


def _codings(surveys: pd.DataFrame, themes: tuple[Theme, ...] | None):
    comments = _comments(surveys)["comment"].astype(str).tolist()
    tag_cache: dict[str, list[Match]] = {}
    ref_cache: dict[str, tuple[str, ...]] = {}
    for text in set(comments):
        tag_cache[text] = tag_comment(text, themes)
        ref_cache[text] = reference_themes(text)
    return comments, tag_cache, ref_cache


def tagger_accuracy(surveys: pd.DataFrame, themes: tuple[Theme, ...] | None = None) -> pd.DataFrame:
    """The tagger's precision and recall for each theme on every commented survey, against the answer key.

    Columns as :func:`precision_recall`, plus the theme's label; one row per theme of the themes file.
    """
    themes = themes if themes is not None else load_themes()
    comments, tags, refs = _codings(surveys, themes)
    table = precision_recall([refs[c] for c in comments], [{m.theme for m in tags[c]} for c in comments],
                             [t.id for t in themes])
    table.insert(1, "label", table["theme"].map(theme_labels(themes)))
    return table


def _negation_before(comment: str, match: Match) -> str | None:
    before = re.findall(r"[a-z']+", comment[:match.start].lower().replace("\u2019", "'"))[-3:]
    return next((word for word in reversed(before) if word in NEGATIONS), None)


def why_wrong(comment: str, match: Match, reference: Iterable[str], labels: Mapping[str, str]) -> str:
    """Why the tagger gave a theme the comment does not have, in plain words."""
    about = ", ".join(f"'{labels.get(t, t)}'" for t in reference) or "no theme"
    negation = _negation_before(comment, match)
    if negation:
        return (f"'{match.label}' because of '{match.text}', but '{negation}' comes just before it: a keyword "
                f"cannot see a negation (the comment is about {about})")
    if match.keyword == "again":
        return (f"'{match.label}' because of 'again', which customers also write about a late parcel, a wrong "
                f"bill or a queue: here it is about {about}")
    return f"'{match.label}' because of '{match.text}', but the comment is about {about}"


def why_missed(theme: str, labels: Mapping[str, str]) -> str:
    """Why the tagger did not find a theme the comment has."""
    return f"missed '{labels.get(theme, theme)}': none of its keywords appears in this wording"


def tagger_mistakes(surveys: pd.DataFrame, theme: str | None = None,
                    themes: tuple[Theme, ...] | None = None) -> pd.DataFrame:
    """The comments the tagger gets wrong, each wording once, most frequent first.

    Columns: ``comment`` (one example), ``surveys`` (how many commented surveys have this wording, whatever the
    agent's name), ``reference`` and ``tagger`` (theme ids; the tagger's with the word that triggered each) and
    ``why`` (each wrong or missed theme explained). With ``theme``, only mistakes about that theme.
    """
    themes = themes if themes is not None else load_themes()
    labels = theme_labels(themes)
    comments, tags, refs = _codings(surveys, themes)
    counts = pd.Series([comment_template(c) for c in comments]).value_counts()
    example = {}
    for text in comments:
        example.setdefault(comment_template(text), text)
    rows = []
    for template, n in counts.items():
        text = example[template]
        ref, matches = refs[text], tags[text]
        found = {m.theme for m in matches}
        wrong = [m for m in matches if m.theme not in ref]
        missed = [t for t in ref if t not in found]
        if theme is not None:
            wrong = [m for m in wrong if m.theme == theme]
            missed = [t for t in missed if t == theme]
        if not wrong and not missed:
            continue
        reasons = [why_wrong(text, m, ref, labels) for m in wrong] + [why_missed(t, labels) for t in missed]
        rows.append({"comment": text, "surveys": int(n), "reference": ", ".join(ref) or "-",
                     "tagger": ", ".join(f"{m.theme} ('{m.text}')" for m in matches) or "-",
                     "why": "; ".join(reasons)})
    out = pd.DataFrame(rows, columns=["comment", "surveys", "reference", "tagger", "why"])
    return out.sort_values(["surveys", "comment"], ascending=[False, True], kind="stable").reset_index(drop=True)


def describe_mistakes(surveys: pd.DataFrame, n: int = 6, theme: str | None = None,
                      themes: tuple[Theme, ...] | None = None) -> str:
    """The ``n`` wordings the tagger gets wrong most often, as plain text to read (a table would cut the reasons
    short): the comment, how many surveys have it, the tagger's themes and the answer key, and why.

    >>> surveys = pd.DataFrame({"contact_id": [1, 2], "comment": ["Still not fixed.", "Put on hold twice."]})
    >>> print(describe_mistakes(surveys))  # doctest: +NORMALIZE_WHITESPACE
    1. "Still not fixed." (1 survey)
       tagger: not_resolved ('not fixed'), resolved_quickly ('fixed')   answer key: not_resolved
       why: 'Solved quickly' because of 'fixed', but 'not' comes just before it: a keyword cannot see a
       negation (the comment is about 'Not resolved, had to come back')
    """
    table = tagger_mistakes(surveys, theme=theme, themes=themes).head(n)
    if table.empty:
        return "The tagger agrees with the answer key on every comment."
    blocks = []
    for number, row in enumerate(table.itertuples(index=False), start=1):
        plural = "survey" if row.surveys == 1 else "surveys"
        blocks.append(f'{number}. "{row.comment}" ({row.surveys} {plural})\n'
                      f"   tagger: {row.tagger}   answer key: {row.reference}\n"
                      f"   why: {row.why}")
    return "\n".join(blocks)


# ------------------------------------------------------------------------------------------------ hand coding


def mistake_kinds(comment: str, themes: tuple[Theme, ...] | None = None) -> set[str]:
    """How the tagger goes wrong on a comment: ``negation`` (a keyword after "not", "nobody"...), ``again`` (the
    word "again" read as "not resolved"), ``other`` (another wrong theme) and ``missed`` (a theme not found).
    Empty when the tagger is right.

    >>> sorted(mistake_kinds("Nobody actually fixed anything.")), mistake_kinds("Put on hold twice.")
    (['missed', 'negation'], set())
    """
    ref = reference_themes(comment)
    matches = tag_comment(comment, themes)
    kinds = set()
    for match in matches:
        if match.theme not in ref:
            kinds.add("negation" if _negation_before(comment, match) else "again" if match.keyword == "again"
                      else "other")
    if set(ref) - {m.theme for m in matches}:
        kinds.add("missed")
    return kinds


def coding_sample(surveys: pd.DataFrame, n: int = SAMPLE_SIZE, seed: int = SEED,
                  themes: tuple[Theme, ...] | None = None) -> pd.DataFrame:
    """A fixed sample of commented surveys to code by hand, drawn with a seed (same data and seed, same sample).

    Half are wordings the tagger gets wrong, chosen to include each kind of mistake (a negation, "again", a
    wrong theme of another kind); the other half are wordings it gets right. Within each half, common wordings
    are more likely to be drawn, as they would be in a random sample of surveys; each wording appears once.
    Columns: contact_id, comment.
    """
    comments = _comments(surveys)[["contact_id", "comment"]]
    templates = comments["comment"].map(comment_template)
    counts = templates.value_counts()
    first = comments.assign(template=templates).drop_duplicates("template").sort_values("template", kind="stable")
    first = first.reset_index(drop=True)
    weight = first["template"].map(counts).to_numpy(dtype=float)
    kinds = [mistake_kinds(c, themes) for c in first["comment"]]
    rng = np.random.default_rng(seed)
    chosen: list[int] = []

    def draw(candidates: list[int], k: int) -> None:
        candidates = [i for i in candidates if i not in chosen]
        k = min(k, len(candidates))
        if k:
            p = weight[candidates] / weight[candidates].sum()
            chosen.extend(int(i) for i in rng.choice(candidates, k, replace=False, p=p))

    hard = [i for i, kind in enumerate(kinds) if kind]
    half = n // 2
    for kind in ("negation", "again", "other"):
        if len(chosen) < half:
            draw([i for i in hard if kind in kinds[i]], 1)
    draw(hard, half - len(chosen))
    draw([i for i, kind in enumerate(kinds) if not kind], n - len(chosen))
    picked = first.iloc[rng.permutation(chosen)]
    return picked[["contact_id", "comment"]].reset_index(drop=True)


@dataclass(frozen=True)
class CodedComment:
    """One comment of the hand-coding sample: the learner's themes, the tagger's, and the answer key."""

    contact_id: int
    comment: str
    learner: tuple[str, ...]
    tagger: tuple[Match, ...]
    reference: tuple[str, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def learner_agrees(self) -> bool:
        return set(self.learner) == set(self.reference)

    @property
    def tagger_agrees(self) -> bool:
        return {m.theme for m in self.tagger} == set(self.reference)


@dataclass(frozen=True)
class CodingComparison:
    """The learner's coding of the sample against the tagger's and the answer key."""

    comments: tuple[CodedComment, ...]

    @property
    def learner_score(self) -> float:
        """% of comments the learner coded exactly like the answer key (same themes, none missing, none extra)."""
        return round(100 * sum(c.learner_agrees for c in self.comments) / len(self.comments), 1)

    @property
    def tagger_score(self) -> float:
        """% of comments the tagger coded exactly like the answer key."""
        return round(100 * sum(c.tagger_agrees for c in self.comments) / len(self.comments), 1)

    @property
    def learner_agreed(self) -> int:
        return sum(c.learner_agrees for c in self.comments)

    @property
    def tagger_agreed(self) -> int:
        return sum(c.tagger_agrees for c in self.comments)


def compare_coding(sample: pd.DataFrame, learner: Mapping[int, Iterable[str]],
                   themes: tuple[Theme, ...] | None = None) -> CodingComparison:
    """Compare the learner's themes for each comment of ``sample`` (contact_id -> theme ids) with the tagger's
    and the answer key, and explain each disagreement.

    >>> sample = pd.DataFrame({"contact_id": [1, 2], "comment": ["Nobody actually fixed anything.",
    ...                                                          "Put on hold twice."]})
    >>> result = compare_coding(sample, {1: ["not_resolved"], 2: ["hold", "wait_time"]})
    >>> result.learner_score, result.tagger_score
    (50.0, 50.0)
    >>> print(result.comments[1].notes[0])
    You added 'Waiting to get through'; the answer key does not have it.
    """
    themes = themes if themes is not None else load_themes()
    labels = theme_labels(themes)
    unknown = sorted({t for chosen in learner.values() for t in chosen} - set(labels))
    if unknown:
        raise ValueError(f"unknown theme id(s): {', '.join(unknown)}; the themes are: {', '.join(labels)}")
    coded = []
    for row in sample[["contact_id", "comment"]].itertuples(index=False):
        mine = tuple(t for t in labels if t in set(learner.get(row.contact_id, ())))
        matches = tuple(tag_comment(row.comment, themes))
        ref = reference_themes(row.comment)
        notes = [f"You added '{labels[t]}'; the answer key does not have it." for t in mine if t not in ref]
        notes += [f"You missed '{labels.get(t, t)}'." for t in ref if t not in mine]
        found = {m.theme for m in matches}
        notes += [f"The tagger gave {why_wrong(row.comment, m, ref, labels)}." for m in matches if m.theme not in ref]
        notes += [f"The tagger {why_missed(t, labels)}." for t in ref if t not in found]
        coded.append(CodedComment(int(row.contact_id), str(row.comment), mine, matches, ref, tuple(notes)))
    if not coded:
        raise ValueError("the sample has no comments to compare")
    return CodingComparison(tuple(coded))


def unfinished(sample: pd.DataFrame, learner: Mapping[int, Iterable[str]]) -> list[int]:
    """The positions (1, 2, ...) of the sample's comments the learner has not given any theme yet.

    >>> unfinished(pd.DataFrame({"contact_id": [5, 6, 7]}), {5: ["hold"], 6: []})
    [2, 3]
    """
    return [i for i, contact in enumerate(sample["contact_id"], start=1) if not list(learner.get(contact, ()))]
