"""Every notebook is a proper course page: header, name, stored outputs, clean metadata, working links.

nbval (run by the same pytest command) compares each notebook's stored outputs with a fresh run; these
tests make sure there is something to compare and nothing volatile in the files.
"""

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from course_lib.authoring import (
    KERNELSPEC,
    NAV_TAG,
    NOTEBOOK_NAME,
    VOLATILE_CELL_METADATA,
    VOLATILE_MIME,
    HeaderError,
    parse_header,
)

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
MODULES = [p for p in NOTEBOOKS if p.parent == ROOT / "notebooks"]
# Markdown links and images, [text](target) and ![alt](target), and HTML href= / src= attributes.
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)[^)]*\)|(?:href|src)=[\"']([^\"']+)")


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def ids(paths):
    return [str(p.relative_to(ROOT / "notebooks")) for p in paths]


def code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]


def test_there_are_notebooks():
    assert (ROOT / "notebooks" / "00_start_here.ipynb") in NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_file_name(path):
    if path in MODULES:
        assert NOTEBOOK_NAME.match(path.name), f"{path.name}: module notebooks are named NN_snake_case.ipynb"
    else:
        assert re.match(r"^[a-z0-9]+(_[a-z0-9]+)*\.ipynb$", path.name), f"{path}: use snake_case.ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_first_cell_is_the_header(path):
    first = load(path)["cells"][0]
    assert first["cell_type"] == "markdown", f"{path.name}: the first cell must be the markdown header"
    header = parse_header("".join(first["source"]), path.name)  # raises HeaderError naming what is missing
    assert header.title and header.purpose and header.time_needed and len(header.objectives) >= 2


def test_header_parser_names_every_missing_part():
    with pytest.raises(HeaderError) as caught:
        parse_header("# 03 · Positive language\nSome text.", "03_positive_language.ipynb")
    message = str(caught.value)
    assert message.startswith("03_positive_language.ipynb: the first cell needs ")
    assert "purpose" in message and "time needed" in message and "learning objectives" in message
    assert "title" not in message


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_outputs_are_stored_from_one_top_to_bottom_run(path):
    cells = code_cells(load(path))
    counts = [c["execution_count"] for c in cells]
    assert cells, f"{path.name}: has no code cells"
    assert all(c is not None for c in counts), (
        f"{path.name}: some code cells have no stored run, so nbval would compare nothing; "
        "run tools/execute_notebooks.py"
    )
    assert counts == list(range(1, len(cells) + 1)), f"{path.name}: execution counts {counts} are not 1..n"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_no_error_outputs(path):
    for cell in code_cells(load(path)):
        for output in cell.get("outputs", []):
            assert output["output_type"] != "error", f"{path.name}: stores an error: {output.get('ename')}"
            assert output.get("name") != "stderr", f"{path.name}: stores stderr: {''.join(output['text'])[:200]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_no_volatile_metadata(path):
    nb = load(path)
    assert set(nb["metadata"]) <= {"kernelspec", "language_info"}, f"{path.name}: extra notebook metadata"
    assert nb["metadata"]["kernelspec"] == KERNELSPEC
    assert "version" not in nb["metadata"].get("language_info", {})
    for cell in nb["cells"]:
        stray = set(cell.get("metadata", {})) & set(VOLATILE_CELL_METADATA)
        assert not stray, f"{path.name}: cell {cell.get('id')} has volatile metadata {stray}"
        for output in cell.get("outputs", []):
            assert not set(output.get("data", {})) & set(VOLATILE_MIME), f"{path.name}: stored widget view"
            assert "transient" not in output


def _targets(nb):
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        for match in LINK.finditer("".join(cell["source"])):
            yield next(group for group in match.groups() if group)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_every_local_link_resolves(path):
    broken = []
    for target in _targets(load(path)):
        parsed = urlparse(target)
        if parsed.scheme or target.startswith("#"):
            continue
        if not (path.parent / unquote(parsed.path)).exists():
            broken.append(target)
    assert not broken, f"{path.name}: links to files that do not exist: {broken}"


@pytest.mark.parametrize("path", MODULES, ids=ids(MODULES))
def test_module_ends_with_generated_navigation(path):
    last = load(path)["cells"][-1]
    assert NAV_TAG in last.get("metadata", {}).get("tags", []), f"{path.name}: run tools/build_navigation.py"
