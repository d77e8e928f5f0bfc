"""How good is the reply coach? Precision and recall of each rule over a labelled corpus of replies.

A corpus lists the rules it was labelled for and its items ``{reply, message (optional), expect: [rule ids],
note (optional)}``. For each rule, an item counts as a true positive when the rule is expected and found, a false
positive when it is found but not expected, and a false negative when it is expected but not found (one count per
item, however many times the rule matches in it). Precision and recall are percentages from 0 to 100.

>>> items = [CorpusItem("I don't know.", None, frozenset({"i_dont_know"})),
...          CorpusItem("No problem at all.", None, frozenset())]
>>> score = evaluate(items)["i_dont_know"]
>>> (score.true_positives, score.false_positives, score.false_negatives, score.precision, score.recall)
(1, 0, 0, 100.0, 100.0)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from course_lib.coaching.reply import coach
from course_lib.coaching.rules import PhraseBook, load_phrase_book
from course_lib.contentfile.yaml_read import read_yaml_with_lines
from course_lib.errors import ContentError


@dataclass(frozen=True)
class CorpusItem:
    reply: str
    message: str | None
    expect: frozenset
    note: str | None = None
    line: int | None = None


@dataclass
class RuleScore:
    """Counts for one rule over a corpus, and the items it got wrong (for reading, not only for the figure)."""

    rule: str
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    mistakes: list = field(default_factory=list)

    @property
    def support(self) -> int:
        """How many items expect this rule."""
        return self.true_positives + self.false_negatives

    @property
    def precision(self) -> float | None:
        found = self.true_positives + self.false_positives
        return 100 * self.true_positives / found if found else None

    @property
    def recall(self) -> float | None:
        return 100 * self.true_positives / self.support if self.support else None


@dataclass(frozen=True)
class Corpus:
    """A labelled corpus: its items and the rules they were labelled against (``labelled_for``)."""

    items: tuple[CorpusItem, ...]
    labelled_for: tuple[str, ...]


def read_corpus(path: Path | str, book: PhraseBook | None = None) -> Corpus:
    """Read a labelled corpus ``{labelled_for: [rule ids], items: [...]}``, refusing unknown rule ids (a typo would
    otherwise count as a miss). A bare list of items is read as labelled for every rule it mentions."""
    book = book or load_phrase_book()
    known = {r.id for r in book.rules}
    raw = read_yaml_with_lines(Path(path))
    if isinstance(raw, dict):
        labelled, entries = raw.get("labelled_for"), raw.get("items")
        if not isinstance(labelled, list) or not isinstance(entries, list):
            raise ContentError("a corpus needs 'labelled_for' (a list of rule ids) and 'items' (a list)", path=path)
        unknown = set(labelled) - known
        if unknown:
            raise ContentError(f"'labelled_for' names unknown rule(s) {', '.join(sorted(unknown))}", path=path,
                               line=getattr(raw, "line_of", lambda _key: None)("labelled_for"))
    elif isinstance(raw, list):
        labelled, entries = None, raw
    else:
        raise ContentError("a corpus is a list of items with 'reply' and 'expect'", path=path)
    items = []
    for number, entry in enumerate(entries, start=1):
        line = getattr(entry, "line", None)
        if not isinstance(entry, dict) or not isinstance(entry.get("reply"), str) or not isinstance(
                entry.get("expect"), list):
            raise ContentError(f"item {number} needs 'reply' (text) and 'expect' (a list)", path=path, line=line)
        unknown = set(entry["expect"]) - known
        if unknown:
            raise ContentError(f"item {number}: unknown rule(s) {', '.join(sorted(unknown))}", path=path, line=line)
        if labelled is not None and set(entry["expect"]) - set(labelled):
            extra = ", ".join(sorted(set(entry["expect"]) - set(labelled)))
            raise ContentError(f"item {number} expects {extra}, which is not under 'labelled_for'", path=path,
                               line=line)
        items.append(CorpusItem(entry["reply"], entry.get("message"), frozenset(entry["expect"]), entry.get("note"),
                                line))
    if labelled is None:
        labelled = [r.id for r in book.rules if any(r.id in item.expect for item in items)]
    return Corpus(tuple(items), tuple(labelled))


def load_corpus(path: Path | str, book: PhraseBook | None = None) -> list[CorpusItem]:
    """The items of a labelled corpus (see :func:`read_corpus`)."""
    return list(read_corpus(path, book).items)


def evaluate(items: Iterable[CorpusItem], book: PhraseBook | None = None) -> dict[str, RuleScore]:
    """Per-rule counts over the items (every rule of the book is scored, in book order)."""
    book = book or load_phrase_book()
    scores = {rule.id: RuleScore(rule.id) for rule in book.rules}
    for item in items:
        found = coach(item.reply, item.message, book=book).rules
        for rule_id, score in scores.items():
            expected, got = rule_id in item.expect, rule_id in found
            if expected and got:
                score.true_positives += 1
            elif got:
                score.false_positives += 1
                score.mistakes.append(("found but not expected", item))
            elif expected:
                score.false_negatives += 1
                score.mistakes.append(("expected but not found", item))
    return scores


def _figure(value: float | None) -> str:
    return "   -" if value is None else f"{value:5.1f}"


def score_table(scores: dict[str, RuleScore]) -> str:
    """The per-rule table as text: support, counts, precision and recall (percent)."""
    lines = [f"{'rule':<24}{'items':>6}{'TP':>5}{'FP':>5}{'FN':>5}{'precision %':>13}{'recall %':>10}"]
    for s in scores.values():
        lines.append(f"{s.rule:<24}{s.support:>6}{s.true_positives:>5}{s.false_positives:>5}{s.false_negatives:>5}"
                     f"{_figure(s.precision):>13}{_figure(s.recall):>10}")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------- real replies
TWITTER_SAMPLE = "twitter_customer_support_sample.csv"


def realdata_folder(project_root: Path | None = None) -> Path | None:
    """Where the shared real-data exports are: $COURSE_REALDATA, else ../shared/realdata next to the project.

    Returns None when neither exists (tests and benchmarks then skip that part).
    """
    import os

    root = project_root or Path(__file__).resolve().parents[2]
    for candidate in (os.environ.get("COURSE_REALDATA"), root.parent / "shared" / "realdata"):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return None


def twitter_company_replies(path: Path) -> list[tuple[str, str | None]]:
    """(company reply, the customer tweet it answers or None) for each company tweet in a Twitter support export.

    The export has one row per tweet: ``inbound`` is True for customers, False for companies, and
    ``in_response_to_tweet_id`` links a reply to the tweet it answers.
    """
    import csv

    with Path(path).open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    missing = {"tweet_id", "inbound", "text", "in_response_to_tweet_id"} - set(rows[0] if rows else {})
    if missing:
        raise ContentError(f"not a Twitter support export: column(s) {', '.join(sorted(missing))} missing",
                           path=path)
    by_id = {row["tweet_id"]: row["text"] for row in rows}
    return [(row["text"], by_id.get(row["in_response_to_tweet_id"]))
            for row in rows if row["inbound"].strip().lower() == "false"]
