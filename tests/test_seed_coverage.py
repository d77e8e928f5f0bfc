"""Every teachable item of the source material is taught in the notebook of its module.

`../shared/seed_concepts.yaml` lists each item with its module and 1-3 key terms. An item counts as covered when
all its key terms appear (case-insensitive, apostrophes ignored, hyphens read as spaces) in the module's notebook
or in the content files that notebook uses (quizzes, coach exercises, role-play scenarios, the skills list). A
module whose notebook is not written yet is skipped with its reason; once it exists, every item must be there.
"""

import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CONCEPTS = ROOT.parent / "shared" / "seed_concepts.yaml"
CONTENT = ROOT / "course_lib" / "content"
MODULE_NOTEBOOKS = {
    "orientation_skill_map": "01", "active_listening_questioning": "02", "positive_language": "03",
    "de_escalation_difficult_customers": "04", "complaint_handling_service_recovery": "05", "team_feedback": "06",
    "kpi_analysis": "07", "voice_of_customer": "08", "leading_the_team": "09",
}
# Calls in a notebook that bring in content files: what the learner reads through them is taught there.
USES = [
    (re.compile(r"\bquiz\(\s*[\"'](\w+)"), lambda name: [CONTENT / "quizzes" / f"{name}.yaml"]),
    (re.compile(r"\broleplay\(\s*[\"'](\w+)"), lambda name: [CONTENT / "scenarios" / f"{name}.yaml"]),
    (re.compile(r"\bcoach_exercise\(\s*[\"'](\w+)"), lambda name: [CONTENT / "coach_exercises.yaml"]),
    (re.compile(r"\bself_assessment\("), lambda _: [CONTENT / "skills.yaml"]),
]


def normalise(text: str) -> str:
    """Lower case, no apostrophes, hyphens read as spaces ("first-contact" is "first contact")."""
    text = text.lower().replace("'", "").replace("\u2019", "")
    return re.sub(r"[\s\-\u2010\u2011]+", " ", text)


def taught_text(notebook: Path) -> str:
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    sources = ["".join(cell["source"]) for cell in nb["cells"]]
    used: set[Path] = set()
    for source in sources:
        for pattern, files in USES:
            for match in pattern.finditer(source):
                used.update(files(match.group(1) if match.groups() else ""))
    texts = sources + [path.read_text(encoding="utf-8") for path in sorted(used) if path.exists()]
    return normalise("\n".join(texts))


def concepts():
    if not CONCEPTS.exists():
        return []
    return yaml.safe_load(CONCEPTS.read_text(encoding="utf-8"))


def missing_items(module: str, text: str) -> list[str]:
    return [
        f"{item['id']} (key terms: {', '.join(item['key_terms'])})"
        for item in concepts()
        if item["module"] == module and not all(normalise(term) in text for term in item["key_terms"])
    ]


@pytest.mark.skipif(not CONCEPTS.exists(), reason="../shared/seed_concepts.yaml is not next to the project")
@pytest.mark.parametrize("module", sorted(MODULE_NOTEBOOKS, key=MODULE_NOTEBOOKS.get))
def test_every_item_of_the_module_is_taught(module):
    number = MODULE_NOTEBOOKS[module]
    notebooks = sorted((ROOT / "notebooks").glob(f"{number}_*.ipynb"))
    if not notebooks:
        pytest.skip(f"module {number} ({module}) has no notebook yet")
    missing = missing_items(module, taught_text(notebooks[0]))
    assert not missing, f"{notebooks[0].name} does not teach {len(missing)} item(s):\n" + "\n".join(missing)


def test_every_concept_belongs_to_a_known_module():
    unknown = {item["module"] for item in concepts()} - set(MODULE_NOTEBOOKS)
    assert not unknown, f"seed_concepts.yaml names modules the course does not map: {unknown}"


def test_coverage_check_finds_a_missing_item(tmp_path):
    """Guards the check itself: a notebook without the key terms is reported, one with them is not."""
    item = next(c for c in concepts() if c["module"] == "positive_language") if concepts() else None
    if item is None:
        pytest.skip("no seed concepts available")
    assert missing_items("positive_language", normalise("nothing relevant here"))
    assert item["id"] not in " ".join(missing_items("positive_language", normalise(" ".join(item["key_terms"]))))
