"""Tools for whoever writes or adapts the notebooks: read a notebook's header, rebuild navigation, re-execute.

Every module notebook starts with a header cell in this shape (the hygiene tests and the module map read it):

    # 02 · Active listening and questioning

    **Purpose:** one line saying what the learner gets out of it.

    **Time needed:** about 45 minutes

    **Learning objectives**

    - first objective
    - second objective

Everything here is idempotent: running it twice changes nothing the second time.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from course_lib.contentfile.files import content_path
from course_lib.contentfile.yaml_read import read_yaml

NOTEBOOK_NAME = re.compile(r"^(\d\d)_[a-z0-9]+(?:_[a-z0-9]+)*\.ipynb$")
MAP_TAG = "module-map"
NAV_TAG = "navigation"
START_HERE = "00_start_here.ipynb"
MAP_ANCHOR = "Module-map"  # JupyterLab's anchor for the heading "## Module map"

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
# Output kinds that only make sense with a live kernel; their plain-text fallback is kept.
VOLATILE_MIME = ("application/vnd.jupyter.widget-view+json",)
VOLATILE_CELL_METADATA = ("execution", "ExecuteTime", "collapsed", "scrolled")


@dataclass(frozen=True)
class NotebookHeader:
    number: str
    title: str
    purpose: str
    time_needed: str
    objectives: tuple[str, ...]


class HeaderError(ValueError):
    """The first cell of a notebook lacks part of the header (the message says which part)."""


def parse_header(source: str, file_name: str) -> NotebookHeader:
    """Read the header cell; raise HeaderError naming every missing part.

    >>> h = parse_header("# 02 · Listening\\n**Purpose:** Hear more.\\n**Time needed:** 40 minutes\\n"
    ...                  "**Learning objectives**\\n- restate\\n- ask", "02_listening.ipynb")
    >>> h.title, h.time_needed, h.objectives
    ('Listening', '40 minutes', ('restate', 'ask'))
    """
    missing = []
    title = re.search(r"^#\s+(?:\d\d\s*·\s*)?(.+?)\s*$", source, re.M)
    purpose = re.search(r"^\*\*Purpose:\*\*\s*(.+?)\s*$", source, re.M)
    time_needed = re.search(r"^\*\*Time needed:\*\*\s*(.*\d.*(?:minutes?|hours?).*?)\s*$", source, re.M)
    objectives_block = re.search(r"^\*\*Learning objectives\*\*\s*\n((?:\s*\n|\s*[-*]\s+.+\n?)+)", source, re.M)
    objectives = tuple(
        item.strip()
        for item in re.findall(r"^\s*[-*]\s+(.+)$", objectives_block.group(1) if objectives_block else "", re.M)
    )
    if not title:
        missing.append("a title ('# NN · Title')")
    if not purpose:
        missing.append("a one-line purpose ('**Purpose:** ...')")
    if not time_needed:
        missing.append("the time needed ('**Time needed:** about 30 minutes')")
    if len(objectives) < 2:
        missing.append("at least two learning objectives ('**Learning objectives**' then '- ...' lines)")
    if missing:
        raise HeaderError(f"{file_name}: the first cell needs " + "; ".join(missing))
    match = NOTEBOOK_NAME.match(file_name)
    return NotebookHeader(
        number=match.group(1) if match else "",
        title=title.group(1),
        purpose=purpose.group(1),
        time_needed=time_needed.group(1),
        objectives=objectives,
    )


def module_notebooks(folder: Path) -> list[Path]:
    """The course's module notebooks, in order (NN_name.ipynb directly in the folder)."""
    return sorted(p for p in Path(folder).glob("*.ipynb") if NOTEBOOK_NAME.match(p.name))


def read_notebook(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(str(path), as_version=4)


def header_of(path: Path) -> NotebookHeader:
    nb = read_notebook(path)
    first = nb.cells[0] if nb.cells else None
    if first is None or first.cell_type != "markdown":
        raise HeaderError(f"{path.name}: the first cell must be a markdown header")
    return parse_header(first.source, path.name)


def _tagged(nb: nbformat.NotebookNode, tag: str) -> list[int]:
    return [i for i, cell in enumerate(nb.cells) if tag in cell.get("metadata", {}).get("tags", [])]


def navigation_markdown(previous: tuple[str, NotebookHeader] | None,
                        following: tuple[str, NotebookHeader] | None) -> str:
    """The navigation line at the foot of a module: previous, module map, next."""
    parts = []
    if previous:
        parts.append(f"← Previous: [{previous[1].number} · {previous[1].title}]({previous[0]})")
    parts.append(f"[Module map]({START_HERE}#{MAP_ANCHOR})")
    if following:
        parts.append(f"Next: [{following[1].number} · {following[1].title}]({following[0]}) →")
    return "---\n\n" + " | ".join(parts)


def module_map_markdown(headers: dict[str, NotebookHeader], planned: list[dict]) -> str:
    """The module table of 00_start_here: every notebook present, plus planned modules not written yet."""
    rows = ["## Module map", "", "| Module | Title | Time | What you will get out of it |", "|---|---|---|---|"]
    present = {h.number: (name, h) for name, h in headers.items()}
    numbers = sorted(set(present) | {str(p["number"]) for p in planned})
    planned_by_number = {str(p["number"]): p for p in planned}
    for number in numbers:
        if number in present:
            name, header = present[number]
            rows.append(f"| {number} | [{header.title}]({name}) | {header.time_needed} | {header.purpose} |")
        else:
            plan = planned_by_number[number]
            rows.append(f"| {number} | {plan['title']} *(in preparation)* | | {plan['purpose']} |")
    return "\n".join(rows)


def planned_modules() -> list[dict]:
    return read_yaml(content_path("modules.yaml"))["modules"]


def _set_tagged_cell(nb: nbformat.NotebookNode, tag: str, source: str, at_end: bool) -> None:
    found = _tagged(nb, tag)
    if found:
        nb.cells[found[0]].source = source
        return
    cell = nbformat.v4.new_markdown_cell(source, metadata={"tags": [tag]})
    cell.id = tag  # a stable id, so that regenerating never churns the file
    if at_end:
        nb.cells.append(cell)
    else:
        nb.cells.insert(1, cell)


def notebook_text(nb: nbformat.NotebookNode) -> str:
    return nbformat.writes(nb) + "\n"


def write_if_changed(path: Path, nb: nbformat.NotebookNode) -> bool:
    text = notebook_text(nb)
    if path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def rebuild_navigation(folder: Path) -> list[Path]:
    """Regenerate each module's navigation cell and the module map of 00_start_here; return changed files."""
    paths = module_notebooks(folder)
    headers = {p.name: header_of(p) for p in paths}
    changed = []
    for index, path in enumerate(paths):
        nb = read_notebook(path)
        previous = (paths[index - 1].name, headers[paths[index - 1].name]) if index > 0 else None
        following = (paths[index + 1].name, headers[paths[index + 1].name]) if index + 1 < len(paths) else None
        _set_tagged_cell(nb, NAV_TAG, navigation_markdown(previous, following), at_end=True)
        if path.name == START_HERE:
            _set_tagged_cell(nb, MAP_TAG, module_map_markdown(headers, planned_modules()), at_end=False)
        if write_if_changed(path, nb):
            changed.append(path)
    return changed


def strip_volatile(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy without what changes from run to run or machine to machine: widget state and views, timings,
    interpreter versions. Plain-text fallbacks of widgets stay, so nbval still compares them.
    """
    nb = copy.deepcopy(nb)
    language = nb.metadata.get("language_info", {}).get("name", "python")
    nb.metadata = nbformat.NotebookNode({"kernelspec": dict(KERNELSPEC), "language_info": {"name": language}})
    for cell in nb.cells:
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
        for output in cell.get("outputs", []):
            output.pop("transient", None)
            for mime in VOLATILE_MIME:
                output.get("data", {}).pop(mime, None)
    return nb


def execute_notebook(path: Path, timeout: int = 600) -> bool:
    """Run a notebook top to bottom in a fresh kernel, store its outputs without volatile parts; True if changed."""
    from nbclient import NotebookClient

    path = Path(path)
    nb = read_notebook(path)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return write_if_changed(path, strip_volatile(nb))


def saved_widget_state(path: Path) -> bool:
    """True when the notebook file carries saved widget state (which it should not)."""
    return "widgets" in json.loads(Path(path).read_text(encoding="utf-8")).get("metadata", {})
