"""Each curriculum module has what the course promises a learner and a trainer (issues 8 and 9):
at least three interactive activities, a reflection prompt, key takeaways, and trainer notes with timing.
"""

import json
import re
from pathlib import Path

import pytest

from course_lib.contentfile.files import content_path
from course_lib.contentfile.yaml_read import read_yaml

ROOT = Path(__file__).resolve().parents[1]
# Every module of the outline but "00 Start here", which is an introduction, not a curriculum module.
CURRICULUM = [str(m["number"]) for m in read_yaml(content_path("modules.yaml"))["modules"] if str(m["number"]) != "00"]
ACTIVITY = re.compile(r"\b(quiz|coach_exercise|roleplay|self_assessment|staffing_planner|kpi_dashboard|"
                      r"before_and_after|my_progress|choose_pseudonym|action_plan|code_comments|course_summary)\(")


def module_notebook(number):
    found = sorted((ROOT / "notebooks").glob(f"{number}_*.ipynb"))
    if not found:
        pytest.skip(f"module {number} has no notebook yet")
    return json.loads(found[0].read_text(encoding="utf-8"))


def headings(nb):
    return [line for cell in nb["cells"] if cell["cell_type"] == "markdown"
            for line in "".join(cell["source"]).splitlines() if line.startswith("#")]


@pytest.mark.parametrize("number", CURRICULUM)
def test_module_has_three_activities_reflection_takeaways_and_trainer_notes(number):
    nb = module_notebook(number)
    activities = [c for c in nb["cells"] if c["cell_type"] == "code" and ACTIVITY.search("".join(c["source"]))]
    assert len(activities) >= 3, f"module {number}: {len(activities)} interactive activities, at least 3 expected"
    titles = " | ".join(headings(nb)).lower()
    assert "reflection" in titles, f"module {number}: no 'Reflection' section"
    assert "key takeaways" in titles, f"module {number}: no 'Key takeaways' section"
    trainer = ["".join(c["source"]) for c in nb["cells"] if "trainer" in c["metadata"].get("tags", [])]
    assert trainer, f"module {number}: no cell tagged 'trainer'"
    assert re.search(r"\btiming\b|\bminutes\b", " ".join(trainer), re.I), f"module {number}: trainer notes lack timing"


@pytest.mark.parametrize("number", CURRICULUM)
def test_every_activity_is_introduced_by_text(number):
    """A widget never appears out of nowhere: the cell before an activity is text that sets it up."""
    nb = module_notebook(number)
    cells = nb["cells"]
    for index, cell in enumerate(cells):
        if cell["cell_type"] == "code" and ACTIVITY.search("".join(cell["source"])):
            before = cells[index - 1]
            assert before["cell_type"] == "markdown" or ACTIVITY.search("".join(before["source"])), (
                f"module {number}: activity cell {cell.get('id')} has no text before it")
