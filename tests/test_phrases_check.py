"""`course check` on phrases.yaml: a trainer's mistakes are reported with file, line, rule and what to fix."""

import shutil
import textwrap

import pytest

from course_lib.cli import main
from course_lib.coaching.phrase_check import read_phrase_book
from course_lib.coaching.reply import coach
from course_lib.coaching.rules import PHRASES_FILE, load_phrase_book, phrase_to_regex
from course_lib.contentfile.check import check_files
from course_lib.errors import ContentError

HEADER = """\
format: 1
kinds:
  forbidden_phrase: change
  ownership: strength
rules:
"""


def write(tmp_path, rules: str):
    path = tmp_path / "phrases.yaml"
    path.write_text(HEADER + textwrap.dedent(rules) + "kind: phrases\n")  # last, so lines stay put
    return path


def messages(path):
    return [str(p) for p in check_files([path])]


def test_shipped_rules_pass_the_check():
    assert check_files([PHRASES_FILE]) == []


def test_a_good_trainer_rule_is_used_by_the_coach(tmp_path):
    path = write(tmp_path, """\
      - id: not_my_job
        kind: forbidden_phrase
        title: Not my job
        why: It tells the customer nobody owns their problem.
        instead: Let me find the right person for you.
        phrases: ["not my job", "not my department"]
        examples:
          flag: ["Sorry, that's not my department."]
          pass: ["It's my job to help."]
    """)
    assert messages(path) == []
    book = load_phrase_book(path)
    report = coach("That is NOT my  job, mate.", book=book)
    assert [(f.rule, f.text, f.suggestion) for f in report.findings] == [
        ("not_my_job", "NOT my  job", "Let me find the right person for you.")]


def test_every_problem_is_reported_with_its_line_and_rule(tmp_path):
    path = write(tmp_path, """\
      - id: bad_regex
        kind: forbidden_phrase
        title: Bad
        why: Because.
        instead: Something better.
        patterns:
          - "(unclosed"
      - id: no_why
        kind: forbidden_phrase
        title: No why
        instead: Better.
        phrases: [x y]
      - id: bad_regex
        kind: forbiden_phrase
        title: Duplicate
        why: Because.
        phrases: [z]
      - id: typo_key
        kind: ownership
        title: Typo
        why: Because.
        phrases: [let me]
        unles_after: [know]
      - id: no_instead
        kind: forbidden_phrase
        title: No instead
        why: Because.
        phrases: [nope]
      - id: Bad-Id
        kind: ownership
        title: T
        why: W
        phrases: [a]
      - id: empty
        kind: ownership
        title: Empty
        why: It looks for nothing.
      - id: fragment
        kind: ownership
        title: F
        why: W
        patterns: ["<<tme_frame>>"]
    """)
    found = messages(path)
    expected = [
        f"{path}:12: rule 'bad_regex': 'patterns' has a pattern that is not a valid regular expression "
        "(missing ), unterminated subpattern at position 0): '(unclosed'",
        f"{path}:13: rule 'no_why': 'why' is missing",
        f"{path}:18: rule 'bad_regex': duplicate id: 'bad_regex' is already used on line 6",
        f"{path}:19: rule 'bad_regex': unknown kind 'forbiden_phrase' (did you mean 'forbidden_phrase'?)",
        f"{path}:28: rule 'typo_key': unknown key 'unles_after' (did you mean 'unless_after'?)",
        f"{path}:29: rule 'no_instead': 'instead' is missing: a phrase to avoid needs a better way to say it",
        f"{path}:34: rule 6: 'id' is 'Bad-Id': it must be a short name in snake_case, like 'not_my_job'",
        f"{path}:39: rule 'empty': the rule looks for nothing: give 'phrases', 'patterns' or (for jargon) 'terms'",
        f"{path}:47: rule 'fragment': 'patterns' uses <<tme_frame>>, which is not under 'fragments'",
    ]
    assert found == expected


def test_examples_that_the_rule_gets_wrong_are_reported(tmp_path):
    path = write(tmp_path, """\
      - id: hang_up
        kind: forbidden_phrase
        title: Hang up
        why: Rude.
        instead: Let me call you back.
        phrases: [hang up]
        examples:
          flag: ["I'll put the phone down."]
          pass: ["Please don't hang up."]
    """)
    found = messages(path)
    assert len(found) == 2
    assert "example \"I'll put the phone down.\" is under 'flag' but the rule does not catch it" in found[0]
    assert "example \"Please don't hang up.\" is under 'pass' but the rule catches 'hang up'" in found[1]
    assert found[0].startswith(f"{path}:6: rule 'hang_up': ")


def test_jargon_terms_need_plain_words_and_no_repeats(tmp_path):
    path = tmp_path / "phrases.yaml"
    path.write_text(textwrap.dedent("""\
        format: 1
        kinds: {jargon: change}
        rules:
          - id: jargon
            kind: jargon
            title: Jargon
            why: Customers do not know our words.
            instead: Use the plain words.
            terms:
              - {term: RMA, plain: a returns number}
              - {term: rma, plain: again}
              - {term: SLA}
              - {term: WISMO, plain: "where is my order", unles_before: x}
        """))
    found = messages(path)
    assert f"{path}:12: rule 'jargon', term 'SLA': 'plain' is missing" in found
    assert any("unknown key 'unles_before' (did you mean 'unless_before'?)" in m for m in found)
    assert any("term 'rma' is listed twice" in m for m in found)


def test_capital_terms_match_only_in_capitals(tmp_path):
    book = load_phrase_book()
    assert "jargon" in coach("Your RMA number", book=book).rules
    assert "jargon" not in coach("Grandma rma", book=book).rules


def test_broken_yaml_and_wrong_top_level_are_clear(tmp_path):
    broken = tmp_path / "phrases.yaml"
    broken.write_text("format: 1\nrules:\n  - id: [unclosed\n")
    assert messages(broken)[0].startswith(f"{broken}:4: not valid YAML")
    broken.write_text("kind: phrases\nformat: 0\nkinds: {x: good}\nrulez: []\n")
    assert messages(broken) == [
        f"{broken}:1: 'rules' is missing",
        f"{broken}:2: format is 0; this version of the course reads format 1",
        f"{broken}:3: kind 'x': 'x' is 'good'; choose one of: change, strength, judgment",
        f"{broken}:4: unknown key 'rulez' (did you mean 'rules'?)",
    ]


def test_loading_a_broken_file_raises_a_content_error_naming_it(tmp_path):
    path = write(tmp_path, """\
      - id: x
        kind: ownership
        title: X
        patterns: ["("]
    """)
    with pytest.raises(ContentError) as caught:
        load_phrase_book(path)
    assert str(caught.value).startswith(f"{path}:")
    assert "run `course check`" in str(caught.value)


def test_course_check_fails_on_a_broken_copy_and_passes_on_the_shipped_file(tmp_path, capsys):
    copy = tmp_path / "phrases.yaml"
    shutil.copy(PHRASES_FILE, copy)
    assert main(["check", str(copy)]) == 0
    copy.write_text(copy.read_text().replace("why: >-\n      A bare", "whyy: >-\n      A bare", 1))
    assert main(["check", str(copy)]) == 1
    out = capsys.readouterr().out
    assert "rule 'i_dont_know': unknown key 'whyy' (did you mean 'why'?)" in out


@pytest.mark.parametrize(("phrase", "text", "hit"), [
    ("I'm not sure", "i am not sure", True),
    ("I'm not sure", "I\u2019m not sure", True),
    ("we don't", "we do not", True),
    ("no idea", "no ideas", False),
    ("T&Cs", "see the t&cs", True),
])
def test_plain_phrases_match_contractions_and_word_edges(phrase, text, hit):
    import re

    from course_lib.coaching.rules import normalise

    assert bool(re.search(phrase_to_regex(phrase), normalise(text), re.IGNORECASE)) is hit


def test_read_phrase_book_returns_problems_not_exceptions(tmp_path):
    book, problems = read_phrase_book(tmp_path / "missing.yaml")
    assert book is None and "file not found" in str(problems[0])
