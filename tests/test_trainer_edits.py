"""A trainer's edits do not break the suite: with one more scenario, quiz and banned phrase (each passing
`course check`), the content tests still pass, and they test the new items too.

The content is copied to a temporary folder, the three items are added there, and the content test modules run in
a separate pytest with ``COURSE_CONTENT`` pointing at the copy (the package reads it at call time). This runs the
content tests a second time, so it is one test, kept to the modules that read the content folder.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from course_lib.cli import main
from course_lib.contentfile.files import PACKAGE_CONTENT_DIR
from course_lib.quizzes.load import quiz_names
from course_lib.roleplays import shipped_scenarios

ROOT = Path(__file__).resolve().parents[1]
CONTENT_TESTS = [
    "tests/test_roleplay_scenarios.py", "tests/test_roleplay_check.py", "tests/test_quiz.py", "tests/test_coach.py",
    "tests/test_phrases_check.py", "tests/test_phrase_tables.py", "tests/test_module03_activities.py",
    "tests/test_module09.py", "tests/test_curriculum.py", "tests/test_cli.py", "tests/test_coach_exercises.py",
    "course_lib/coaching/phrase_tables.py", "course_lib/widgets/phrase_table.py",
]
NEW_RULE = """\
  - id: it_is_what_it_is
    kind: forbidden_phrase
    title: It is what it is
    why: >-
      A shrug in words: it tells the customer that nothing will change.
    instead: Here is what I can do for you right now.
    phrases:
      - it is what it is
    examples:
      flag:
        - "Sorry, it is what it is."
      pass:
        - "Here is what I can do for you right now: a new one goes out today."
"""


def add_a_scenario_a_quiz_and_a_rule(content: Path) -> None:
    """What a trainer would do: copy a shipped scenario and quiz under new names, and put a rule first in the book."""
    scenario = (content / "scenarios" / "cold_soup.yaml").read_text(encoding="utf-8")
    assert "\nid: cold_soup\n" in scenario
    scenario = scenario.replace("\nid: cold_soup\n", "\nid: warm_welcome\n").replace("tomato soup", "pumpkin soup")
    (content / "scenarios" / "warm_welcome.yaml").write_text(scenario, encoding="utf-8")
    quiz = (content / "quizzes" / "positive_language.yaml").read_text(encoding="utf-8")
    assert "\ntitle: Positive language\n" in quiz
    quiz = quiz.replace("\ntitle: Positive language\n", "\ntitle: Our own banned phrases\n")
    (content / "quizzes" / "our_banned_phrases.yaml").write_text(quiz, encoding="utf-8")
    phrases = (content / "phrases.yaml").read_text(encoding="utf-8")
    assert phrases.count("\nrules:\n") == 1
    (content / "phrases.yaml").write_text(phrases.replace("\nrules:\n", "\nrules:\n" + NEW_RULE), encoding="utf-8")


def test_the_content_tests_pass_and_include_a_trainers_new_scenario_quiz_and_rule(tmp_path, monkeypatch, capsys):
    content = tmp_path / "content"
    shutil.copytree(PACKAGE_CONTENT_DIR, content)
    add_a_scenario_a_quiz_and_a_rule(content)
    monkeypatch.setenv("COURSE_CONTENT", str(content))
    assert main(["check"]) == 0, capsys.readouterr().out  # the trainer's edits pass `course check`
    assert "0 error(s)" in capsys.readouterr().out
    assert "our_banned_phrases" in quiz_names() and "warm_welcome" in shipped_scenarios()  # the copy is what is read

    env = {**os.environ, "COURSE_CONTENT": str(content), "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-m", "pytest", *CONTENT_TESTS, "-v", "-p", "no:randomly", "-W",
                          "ignore::pytest.PytestUnraisableExceptionWarning"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    out = run.stdout
    assert run.returncode == 0, out[-4000:]
    assert "[warm_welcome]" in out  # the new scenario is walked like the shipped ones
    assert "rule 'it_is_what_it_is' is not labelled" in out  # the new rule is noticed, as a warning
    assert " passed" in out and " failed" not in out
