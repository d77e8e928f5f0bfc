"""`course check` and `course nav`, run as a trainer would."""

import shutil
import subprocess
import sys
from pathlib import Path

from course_lib.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_check_passes_on_shipped_content(capsys):
    assert main(["check"]) == 0
    assert "0 error(s)" in capsys.readouterr().out


def test_check_reports_a_broken_file_with_its_location_and_fails(tmp_path, capsys):
    broken = tmp_path / "checkin.yaml"
    broken.write_text("question: Hi\nlevels:\n  1: a\n  2: [unclosed\n")
    assert main(["check", str(broken)]) == 1
    out = capsys.readouterr().out
    assert f"{broken}:5: not valid YAML" in out
    assert "1 error(s)" in out


def test_check_says_which_files_it_does_not_know(tmp_path, capsys):
    stray = tmp_path / "notes.yaml"
    stray.write_text("a: 1\n")
    assert main(["check", str(stray)]) == 1
    assert "not a course content file" in capsys.readouterr().out


def test_console_script_is_installed_and_runs():
    course = Path(sys.executable).parent / "course"
    result = subprocess.run([str(course), "check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_nav_command_on_an_up_to_date_folder_changes_nothing(tmp_path, capsys):
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    assert main(["nav", str(tmp_path / "notebooks")]) == 0
    shipped = len(list((ROOT / "notebooks").glob("*.ipynb")))
    assert f"(0 notebook(s) changed, {shipped} checked)" in capsys.readouterr().out


def test_nav_refuses_a_folder_without_notebooks_instead_of_calling_it_up_to_date(tmp_path, capsys):
    assert main(["nav", str(tmp_path / "notebookz")]) == 2
    assert capsys.readouterr().err == f"course nav: {tmp_path / 'notebookz'}: no notebooks there (give the course's " \
                                      "notebooks folder)\n"
