"""Shared test settings.

The learner record: every test, doctest and notebook kernel (nbval) started by this pytest process writes to
a temporary record, never to the user's real one. The variables are set at import time, before any kernel
starts, so child processes inherit them.
"""

import os
import tempfile
from pathlib import Path

from hypothesis import settings

_RECORD_DIR = Path(tempfile.mkdtemp(prefix="course-test-record-"))
os.environ["COURSE_RECORD"] = str(_RECORD_DIR / "test_record.sqlite")
os.environ["COURSE_LEARNER_FILE"] = str(_RECORD_DIR / "learner.txt")
os.environ.pop("COURSE_LEARNER", None)

# Hypothesis runs the same number of examples everywhere and never fails on slow CI machines.
settings.register_profile("course", deadline=None, derandomize=True, max_examples=200)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "course"))
