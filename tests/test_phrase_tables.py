"""The phrase tables come from the coach's rule book, and the before/after view reports what a rewrite changed."""

import pytest
import yaml

import course_lib
from course_lib.coaching.phrase_check import read_phrase_book
from course_lib.coaching.phrase_tables import PhraseTableError, compare_replies, phrases_of_kind
from course_lib.coaching.rules import PHRASES_FILE, load_phrase_book
from course_lib.widgets.base import escape


def test_forbidden_phrase_table_is_the_rule_book_in_file_order():
    book = load_phrase_book()
    table = phrases_of_kind()
    rules = book.rules_of_kind("forbidden_phrase")
    assert table["Instead of"].tolist() == [r.title for r in rules]
    assert table["Try"].tolist() == [r.instead for r in rules]
    assert [r.line for r in rules] == sorted(r.line for r in rules) and len(rules) >= 5
    assert "Hang on a second" in table["Instead of"].tolist()
    assert all(why and "\n" not in why for why in table["Why"])


def test_a_trainers_own_banned_phrase_appears_in_the_table(tmp_path):
    raw = yaml.safe_load(PHRASES_FILE.read_text(encoding="utf-8"))
    shipped = len(phrases_of_kind())
    last_forbidden = max(i for i, r in enumerate(raw["rules"]) if r["kind"] == "forbidden_phrase")
    raw["rules"].insert(last_forbidden + 1, {
        "id": "no_worries", "kind": "forbidden_phrase", "title": "No worries",
        "why": "Our brand guide asks for a warmer phrase.", "instead": "You're welcome.",
        "phrases": ["no worries mate"], "examples": {"flag": ["No worries mate!"], "pass": ["Thanks."]},
    })
    jargon = next(r for r in raw["rules"] if r["id"] == "jargon")
    jargon["terms"].append({"term": "omnichannel", "plain": "phone, email or chat"})
    path = tmp_path / "phrases.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    book, problems = read_phrase_book(path)
    assert book is not None, problems
    assert phrases_of_kind(book=book)["Instead of"].tolist()[-1] == "No worries"
    assert len(phrases_of_kind(book=book)) == shipped + 1
    table = phrases_of_kind("jargon", book=book)
    assert table.iloc[-1].tolist() == ["omnichannel", "phone, email or chat"]


def test_jargon_table_lists_every_term_once_grouped_by_plain_words():
    book = load_phrase_book()
    terms = [t.term for t in book.rule("jargon").terms]
    table = phrases_of_kind("jargon")
    listed = [term for cell in table["Jargon"] for term in cell.split(" / ")]
    assert sorted(listed) == sorted(terms)
    assert table["Plain words"].is_unique
    assert table.set_index("Plain words").loc["our terms", "Jargon"] == "T&Cs / T&C"


@pytest.mark.parametrize("kind, hint", [("forbiden_phrase", "did you mean 'forbidden_phrase'"),
                                        ("ownership", "expected one of: forbidden_phrase, defensive, jargon")])
def test_a_kind_that_is_not_a_phrase_to_change_is_refused_with_a_hint(kind, hint):
    with pytest.raises(PhraseTableError, match=hint):
        phrases_of_kind(kind)
    assert issubclass(PhraseTableError, course_lib.CourseError)


def test_comparison_names_what_was_fixed_gained_kept_and_lost():
    c = compare_replies("I can see why you're upset. I don't know, you'll have to call them.",
                        "Let me find out for you. You'll have to wait a little.")
    assert c.fixed == ["I don't know"]
    assert c.still_to_change == ["You'll have to..."]
    assert c.gained == ["Takes ownership"]
    assert c.lost == ["Acknowledges the customer's feelings"]
    verdict = c.verdict()
    assert verdict.startswith("The rewrite drops 1 phrase to change (I don't know), adds 1 strength")
    assert "still has 1 phrase to change (You'll have to...)" in verdict
    assert verdict.endswith("and loses 1 strength (Acknowledges the customer's feelings).")


def test_identical_replies_are_said_to_make_no_difference():
    c = compare_replies("Thanks for calling.", "Thanks for calling.")
    assert c.verdict() == "The coach sees no difference between the two replies."


def test_before_and_after_shows_both_replies_escaped_and_labelled():
    view = course_lib.before_and_after("No, we can't do that <i>today</i>.",
                                       "How about an exchange? I'll sort it <now>.")
    shown = view._repr_html_()
    assert "<th style='text-align:left'>Before</th>" in shown and ">After</th>" in shown
    assert "<i>today" not in shown
    assert "&lt;i&gt;today&lt;/i&gt;" in shown
    assert "&lt;now" in shown
    assert "<small>[change 1]</small>" in shown and "<small>[strength 1]</small>" in shown
    assert "<i>Try:</i> How about...? / Would you be okay with...?" in shown
    assert "The rewrite drops" in shown
    text = repr(view)
    assert text.splitlines()[0] == 'Before: "No, we can\'t do that <i>today</i>."'
    assert "0x" not in text


def test_before_and_after_wants_text():
    with pytest.raises(TypeError, match="'after' must be the text of a reply"):
        course_lib.before_and_after("Fine.", None)


def test_the_table_view_shows_every_word_escaped():
    view = course_lib.phrase_table("forbidden_phrase")
    shown = view._repr_html_()
    rules = load_phrase_book().rules_of_kind("forbidden_phrase")
    assert len(view) == len(rules) and shown.count("<tr>") == len(rules) + 1  # a header row and one per phrase
    longest = max((r.instead for r in rules), key=len)
    assert len(longest) > 50 and escape(longest) in shown  # not cut at 50 characters
    assert all(escape(why) in shown for why in phrases_of_kind()["Why"])  # every word, however long
    lines = repr(view).splitlines()
    first = lines.index("Instead of: I don't know")
    assert lines[first + 1] == "  Try: Let me find out for you, and I'll come back to you by [time]."
    assert lines[first + 2].startswith('  Why: A bare "I don\'t know"')
    jargon = course_lib.phrase_table("jargon")._repr_html_()
    assert "<caption style='text-align:left'>Jargon and the plain words" in jargon
