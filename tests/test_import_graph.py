"""The package's import graph, read from the source: no cycles (function-level imports count too), and no module
outside the views (``widgets/``) and the notebook face (``course_lib/__init__.py``) imports the widgets."""

import ast
from pathlib import Path

import course_lib

PACKAGE = Path(course_lib.__file__).parent


def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Module -> the course_lib modules it imports, from every ``import`` and ``from ... import`` statement at any
    depth (inside functions, ``if TYPE_CHECKING`` blocks...). ``from package import name`` counts as importing
    ``package.name`` when that is a module, else ``package``."""
    files = {module_name(path, package): path for path in package.rglob("*.py")}
    graph = {}
    for name, path in files.items():
        is_package = path.name == "__init__.py"
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                targets |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    here = name.split(".") if is_package else name.split(".")[:-1]
                    base = ".".join(here[:len(here) - node.level + 1] + ([node.module] if node.module else []))
                targets |= {f"{base}.{alias.name}" if f"{base}.{alias.name}" in files else base
                            for alias in node.names}
        graph[name] = {t for t in targets if t in files and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm, iterative)."""
    index, low, on_stack, stack, found, counter = {}, {}, set(), [], [], 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_graph_reader_sees_function_level_imports_and_finds_a_cycle(tmp_path):
    package = tmp_path / "course_lib"
    (package / "record").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "record" / "__init__.py").write_text("")
    (package / "record" / "store.py").write_text("def f():\n    from course_lib.plans import actions\n")
    (package / "plans").mkdir()
    (package / "plans" / "__init__.py").write_text("")
    (package / "plans" / "actions.py").write_text("from ..record.store import f\n")
    graph = import_graph(package)
    assert graph["course_lib.record.store"] == {"course_lib.plans.actions"}
    assert graph["course_lib.plans.actions"] == {"course_lib.record.store"}
    assert cycles(graph) == [["course_lib.plans.actions", "course_lib.record.store"]]


def test_course_lib_has_no_import_cycle():
    graph = import_graph()
    assert len(graph) > 50 and "course_lib.record.store" in graph
    assert cycles(graph) == []


def test_only_the_views_and_the_face_import_the_widgets():
    offenders = sorted(module for module, imported in import_graph().items()
                       if any(t == "course_lib.widgets" or t.startswith("course_lib.widgets.") for t in imported)
                       and not module.startswith("course_lib.widgets") and module != "course_lib")
    assert offenders == []


def test_the_record_imports_no_activity_package_or_report():
    graph = import_graph()
    record = {module: imported for module, imported in graph.items() if module.startswith("course_lib.record")}
    assert set(record) >= {"course_lib.record.store", "course_lib.record.events", "course_lib.record.export"}
    allowed = ("course_lib.record", "course_lib.errors")
    assert {module: sorted(i for i in imported if not i.startswith(allowed))
            for module, imported in record.items()} == {module: [] for module in record}
