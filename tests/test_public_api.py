"""The notebook face: every name in __all__ exists once and in order, no public name hides a submodule, and
importing the face loads nothing heavy until a name is used."""

import importlib
import pkgutil
import subprocess
import sys

import course_lib

HEAVY = ("ipywidgets", "matplotlib", "scipy", "pandas")


def test_every_exported_name_exists_once_and_in_order():
    names = course_lib.__all__
    assert [n for n in names if not hasattr(course_lib, n)] == []
    assert len(names) == len(set(names))
    assert names == sorted(names), "keep __all__ sorted, so that a merge of two branches shows clearly"


def test_no_public_name_shadows_a_submodule():
    """``import course_lib.roleplays as rp`` must give the package, and ``course_lib.roleplay`` the notebook call:
    a public function with the name of a submodule would hide one behind the other."""
    submodules = {info.name for info in pkgutil.iter_modules(course_lib.__path__)}
    assert sorted(set(course_lib.__all__) & submodules) == []
    for name in sorted(submodules):
        module = importlib.import_module(f"course_lib.{name}")
        assert getattr(course_lib, name) is module, f"course_lib.{name} is not the submodule of that name"


def _modules_loaded_by(code: str) -> list[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return result.stdout.split()


def test_importing_the_face_loads_no_heavy_library():
    assert _modules_loaded_by("import course_lib") == []


def test_a_name_is_imported_on_first_use_only():
    # a KPI needs pandas, but not the widgets or the plotting library
    loaded = _modules_loaded_by("import course_lib\ncourse_lib.nps")
    assert "pandas" in loaded
    assert "ipywidgets" not in loaded and "matplotlib" not in loaded


def test_unknown_names_raise_attribute_error():
    try:
        course_lib.no_such_helper  # noqa: B018
    except AttributeError as err:
        assert "no_such_helper" in str(err)
    else:
        raise AssertionError("an unknown name must raise AttributeError")
