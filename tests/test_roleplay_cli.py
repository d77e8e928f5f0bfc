"""`course play`: a trainer tries a scenario in the terminal; choices come from standard input."""

import io
import subprocess
import sys
from pathlib import Path

from course_lib.cli import main


def play(monkeypatch, capsys, answers: str, scenario: str = "sofa_delivery"):
    monkeypatch.setattr(sys, "stdin", io.StringIO(answers))
    status = main(["play", scenario])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_playing_to_an_ending_prints_feedback_outcome_scorecard_and_best_path(monkeypatch, capsys):
    status, out, _ = play(monkeypatch, capsys, "3\n1\n1\n1\n")
    assert status == 0
    assert out.startswith("THE TORN SOFA\n")
    assert "Mood: 7/10 (angry) [#######...]" in out
    assert "Why: A paraphrase in your own words" in out
    assert "Mood 7 -> 5 (upset)" in out
    assert "Outcome: Resolved" in out
    assert "  listening      3 / 3   best 5" in out
    assert "Best path (ends: Resolved):" in out


def test_wrong_input_is_explained_and_back_takes_an_answer_back(monkeypatch, capsys):
    status, out, _ = play(monkeypatch, capsys, "x\n9\n2\nb\n3\nq\n")
    assert status == 1
    assert out.count("Please type a number from 1 to 3.") == 2
    assert "You took back your last answer." in out
    assert "Why: A paraphrase" in out  # the answer after going back
    assert out.rstrip().endswith("Stopped before the end.")


def test_end_of_input_stops_cleanly_with_one_line(monkeypatch, capsys):
    status, out, err = play(monkeypatch, capsys, "1\n")
    assert status == 0 and out.rstrip().endswith("Stopped.") and "Traceback" not in out + err


def test_a_mistyped_scenario_gets_a_did_you_mean(monkeypatch, capsys):
    status, _, err = play(monkeypatch, capsys, "", scenario="cold_supe")
    assert status == 2
    assert "there is no scenario 'cold_supe' (did you mean 'cold_soup'?)" in err


def test_a_broken_file_is_refused_with_its_first_problem(monkeypatch, capsys):
    broken = Path(__file__).parent / "data" / "scenarios_broken" / "missing_target.yaml"
    status, _, err = play(monkeypatch, capsys, "", scenario=str(broken))
    assert status == 2
    assert f"{broken}:35: node 'fix': choice 1: goes to 'hapy'" in err


def test_the_console_script_plays_from_piped_input():
    course = Path(sys.executable).parent / "course"
    result = subprocess.run([str(course), "play", "sofa_delivery"], input="3\n1\n1\n1\n", capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Outcome: Resolved" in result.stdout
