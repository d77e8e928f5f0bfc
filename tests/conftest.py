"""Shared test settings."""

import os

from hypothesis import settings

# Hypothesis runs the same number of examples everywhere and never fails on slow CI machines.
settings.register_profile("course", deadline=None, derandomize=True, max_examples=200)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "course"))
