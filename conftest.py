"""Loaded by every pytest run in this project, whatever paths it is given (tests, doctests, notebooks).

Activities save to the learner record. During tests they must never touch the user's real record, and notebook
kernels started by nbval must write somewhere private too: the variables are set here, at import time, before
any kernel starts, so kernels and subprocesses inherit them.
"""

import os
import tempfile
from pathlib import Path

_RECORD_DIR = Path(tempfile.mkdtemp(prefix="course-test-record-"))
os.environ["COURSE_RECORD"] = str(_RECORD_DIR / "test_record.sqlite")
os.environ["COURSE_LEARNER_FILE"] = str(_RECORD_DIR / "learner.txt")
os.environ.pop("COURSE_LEARNER", None)
