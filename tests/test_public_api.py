"""The one-line helpers notebooks use: every name in __all__ exists, is listed once, and in order."""

import course_lib


def test_every_exported_name_exists_once_and_in_order():
    names = course_lib.__all__
    assert [n for n in names if not hasattr(course_lib, n)] == []
    assert len(names) == len(set(names))
    assert names == sorted(names), "keep __all__ sorted, so that a merge of two branches shows clearly"
