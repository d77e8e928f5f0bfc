"""The maintenance tools: navigation and module map generation, re-execution, volatile-metadata stripping."""

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from course_lib import authoring

ROOT = Path(__file__).resolve().parents[1]


def header(number, title):
    return (f"# {number} · {title}\n\n**Purpose:** Learn {title.lower()}.\n\n**Time needed:** about 30 minutes\n\n"
            "**Learning objectives**\n\n- one\n- two")


def make_module(folder, name, title, code="1 + 1"):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(header(name[:2], title)),
                                         nbformat.v4.new_code_cell(code)])
    for index, cell in enumerate(nb.cells):
        cell.id = f"cell-{index}"
    nb.metadata = {"kernelspec": dict(authoring.KERNELSPEC), "language_info": {"name": "python"}}
    path = folder / name
    nbformat.write(nb, str(path))
    return path


def test_shipped_notebooks_navigation_is_up_to_date(tmp_path):
    copy = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", copy)
    assert authoring.rebuild_navigation(copy) == [], "run tools/build_navigation.py and commit the result"


def test_navigation_links_neighbours_and_map_and_is_idempotent(tmp_path):
    make_module(tmp_path, "00_start_here.ipynb", "Start here")
    make_module(tmp_path, "01_skill_map.ipynb", "Your skill map")
    make_module(tmp_path, "02_listening.ipynb", "Listening")
    assert len(authoring.rebuild_navigation(tmp_path)) == 3
    assert authoring.rebuild_navigation(tmp_path) == []

    middle = authoring.read_notebook(tmp_path / "01_skill_map.ipynb").cells[-1].source
    assert "← Previous: [00 · Start here](00_start_here.ipynb)" in middle
    assert "Next: [02 · Listening](02_listening.ipynb) →" in middle
    assert "[Module map](00_start_here.ipynb#Module-map)" in middle
    last = authoring.read_notebook(tmp_path / "02_listening.ipynb").cells[-1].source
    assert "Next:" not in last

    start = authoring.read_notebook(tmp_path / "00_start_here.ipynb")
    table = start.cells[1].source
    assert "| 01 | [Your skill map](01_skill_map.ipynb) | about 30 minutes | Learn your skill map. |" in table
    assert "| 05 | Complaints and service recovery *(in preparation)* |" in table


def test_renaming_a_module_updates_its_neighbours(tmp_path):
    make_module(tmp_path, "00_start_here.ipynb", "Start here")
    make_module(tmp_path, "01_skill_map.ipynb", "Your skill map")
    authoring.rebuild_navigation(tmp_path)
    make_module(tmp_path, "01_skill_map.ipynb", "Skills you need")
    authoring.rebuild_navigation(tmp_path)
    assert "Skills you need" in authoring.read_notebook(tmp_path / "00_start_here.ipynb").cells[-1].source


def test_strip_volatile_keeps_plain_text_and_drops_widget_views_and_timings():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("w", execution_count=1)])
    nb.metadata = {"kernelspec": {"name": "python3"}, "language_info": {"name": "python", "version": "3.11.7"},
                   "widgets": {"application/vnd.jupyter.widget-state+json": {}}}
    nb.cells[0].metadata = {"execution": {"iopub.execute_input": "2026-01-01T00:00:00"}, "tags": ["keep"]}
    output = nbformat.v4.new_output(
        "display_data", data={"text/plain": "Interactive activity", "application/vnd.jupyter.widget-view+json": {}})
    output["transient"] = {"display_id": "x"}  # what a live kernel sends; nbformat's constructor refuses it
    nb.cells[0].outputs = [output]
    clean = authoring.strip_volatile(nb)
    assert clean.metadata == {"kernelspec": authoring.KERNELSPEC, "language_info": {"name": "python"}}
    assert clean.cells[0].metadata == {"tags": ["keep"]}
    assert clean.cells[0].outputs[0].data == {"text/plain": "Interactive activity"}
    assert "transient" not in clean.cells[0].outputs[0]
    assert "widgets" in nb.metadata, "the original notebook must not be changed"


def test_execute_notebook_stores_outputs_and_a_second_run_changes_nothing(tmp_path):
    path = make_module(tmp_path, "01_sums.ipynb", "Sums", code="print(6 * 7)")
    assert authoring.execute_notebook(path) is True
    cell = authoring.read_notebook(path).cells[1]
    assert cell.execution_count == 1 and cell.outputs[0].text == "42\n"
    assert authoring.execute_notebook(path) is False


def test_nbval_fails_when_a_stored_output_is_wrong(tmp_path):
    """Guards the harness itself: strict nbval must catch a notebook whose stored output no longer matches."""
    path = make_module(tmp_path, "01_sums.ipynb", "Sums", code="print(6 * 7)")
    authoring.execute_notebook(path)
    nb = authoring.read_notebook(path)
    nb.cells[1].outputs[0].text = "41\n"
    nbformat.write(nb, str(path))
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--nbval", "--nbval-current-env",
         f"--nbval-sanitize-with={ROOT / 'tests' / 'sanitize.cfg'}", str(path)],
        cwd=tmp_path, capture_output=True, text=True,
    )
    assert result.returncode == 1, result.stdout[-2000:]
    assert "41" in result.stdout and "42" in result.stdout


@pytest.mark.parametrize("name", ["1_intro.ipynb", "01-intro.ipynb", "01_Intro.ipynb", "01_.ipynb"])
def test_badly_named_modules_are_not_taken_for_modules(name):
    assert not authoring.NOTEBOOK_NAME.match(name)
