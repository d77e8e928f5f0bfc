"""Shared test settings."""

import os

import pytest
from hypothesis import settings

# Hypothesis runs the same number of examples everywhere and never fails on slow CI machines.
settings.register_profile("course", deadline=None, derandomize=True, max_examples=200)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "course"))


@pytest.fixture
def own_record(tmp_path, monkeypatch):
    """A fresh learner record for this test alone, with a learner set."""
    from course_lib.record import store
    from course_lib.record.learner import set_learner

    monkeypatch.setenv("COURSE_RECORD", str(tmp_path / "record.sqlite"))
    store.reset_session()
    set_learner("Tester", remember=False)
    yield
    store.reset_session()
