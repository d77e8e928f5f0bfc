"""How good and how fast is the reply coach? Prints figures; nothing here is asserted.

    .venv/bin/python benchmarks/coach_quality.py            # corpus table, timing, and real replies if present
    COURSE_REALDATA=/path/to/realdata .venv/bin/python benchmarks/coach_quality.py

1. Per-rule precision and recall (percent) on tests/data/coach_corpus.yaml, with each item the coach gets wrong.
2. Median and 99th-percentile time to coach one reply, over every corpus reply (several rounds).
3. When the shared real data is there: what the coach finds in real company replies from the Twitter sample.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from course_lib.coaching.evaluation import (  # noqa: E402
    TWITTER_SAMPLE,
    evaluate,
    load_corpus,
    realdata_folder,
    score_table,
    twitter_company_replies,
)
from course_lib.coaching.reply import coach  # noqa: E402
from course_lib.coaching.rules import load_phrase_book  # noqa: E402

ROUNDS = 5


def quality(items) -> None:
    scores = evaluate(items)
    print(f"Per-rule quality on {len(items)} labelled replies (tests/data/coach_corpus.yaml):\n")
    print(score_table(scores))
    wrong = [(s.rule, what, item) for s in scores.values() for what, item in s.mistakes]
    print(f"\n{len(wrong)} wrong decision(s) out of {len(items) * len(scores)} (replies x rules):")
    for rule, what, item in wrong:
        print(f"  {rule}: {what}: line {item.line}: {item.reply!r}")


def speed(items) -> None:
    book = load_phrase_book()
    timings = []
    for _ in range(ROUNDS):
        for item in items:
            start = time.perf_counter()
            coach(item.reply, item.message, book=book)
            timings.append(time.perf_counter() - start)
    timings.sort()
    p99 = timings[min(len(timings) - 1, round(0.99 * (len(timings) - 1)))]
    print(f"\nTime per reply over {len(timings)} runs ({ROUNDS} rounds of {len(items)} replies): "
          f"median {statistics.median(timings) * 1000:.2f} ms, 99th percentile {p99 * 1000:.2f} ms, "
          f"slowest {timings[-1] * 1000:.2f} ms")


def real_replies() -> None:
    folder = realdata_folder(ROOT)
    sample = folder / TWITTER_SAMPLE if folder else None
    if sample is None or not sample.exists():
        print("\nReal replies: skipped (no ../shared/realdata folder and no $COURSE_REALDATA).")
        return
    pairs = twitter_company_replies(sample)
    found: Counter = Counter()
    examples: dict[str, list[str]] = {}
    with_any = 0
    for reply, message in pairs:
        report = coach(reply, message)
        with_any += bool(report.findings)
        for f in report.findings:
            assert reply[f.start:f.end] == f.text  # a benchmark that prints nonsense is worse than none
            found[f.rule] += 1
            examples.setdefault(f.rule, []).append(f.text)
    answered = sum(message is not None for _, message in pairs)
    print(f"\nReal company replies in {TWITTER_SAMPLE}: {len(pairs)} replies ({answered} with the customer tweet "
          f"they answer); the coach found something in {with_any}.")
    for rule, count in found.most_common():
        shown = "; ".join(repr(t) for t in examples[rule][:3])
        print(f"  {rule:<24}{count:>4}   e.g. {shown}")


def main() -> None:
    items = load_corpus(ROOT / "tests" / "data" / "coach_corpus.yaml")
    quality(items)
    speed(items)
    real_replies()


if __name__ == "__main__":
    main()
