"""How the staffing functions accept their inputs and say what is wrong with them.

Every staffing function takes single numbers or whole columns (lists, numpy arrays, pandas Series); :func:`_arrays`
turns them into float arrays of one length and remembers the shape (:class:`_Shape`) so the answer comes back the
same way: a number for numbers, a Series with the same index for Series. The ``_check...`` functions raise a
:class:`StaffingError` that names the input, the rows and what to change.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from course_lib.errors import CourseError


class StaffingError(CourseError, ValueError):
    """A staffing input that cannot be right (negative calls, shrinkage of 100%, too few agents...).

    The message names the input, the rows (for columns) and what to change.
    """


# --------------------------------------------------------------------------------------------------------------
# Inputs: accept numbers, lists, numpy arrays and pandas Series; remember how to give the answer back.


class _Shape:
    """Whether the inputs were single numbers, plain arrays or pandas Series (and which index to give back)."""

    def __init__(self, values: dict[str, object]):
        self.index = None
        self.scalar = True
        for value in values.values():
            if isinstance(value, pd.Series):
                if self.index is None:
                    self.index = value.index
                self.scalar = False
            elif np.ndim(value) > 0:
                self.scalar = False

    def where(self, mask: np.ndarray) -> str:
        """' (rows 0, 3)' naming the rows where mask is true, or '' for single numbers."""
        if self.scalar:
            return ""
        positions = np.flatnonzero(np.ravel(mask))
        labels = list(self.index[positions]) if self.index is not None else list(positions)
        shown = ", ".join(str(label) for label in labels[:5]) + (f" and {len(labels) - 5} more" if len(labels) > 5
                                                                 else "")
        return f" (row{'s' if len(labels) > 1 else ''} {shown})"

    def column(self, values: np.ndarray):
        if self.scalar:
            return float(np.ravel(values)[0])
        if self.index is not None:
            return pd.Series(values, index=self.index)
        return values

    def frame(self, columns: dict[str, np.ndarray]) -> pd.DataFrame:
        return pd.DataFrame(columns, index=self.index)


def _arrays(**named) -> tuple[_Shape, dict[str, np.ndarray]]:
    shape = _Shape(named)
    converted = {}
    for name, value in named.items():
        raw = value.to_numpy() if isinstance(value, pd.Series) else value
        try:
            converted[name] = np.asarray(raw, dtype=float)
        except (TypeError, ValueError):
            raise StaffingError(f"{name} must be a number or a column of numbers; got {value!r}") from None
        if converted[name].ndim > 1:
            raise StaffingError(f"{name} must be a number or a single column of numbers, not a table")
    lengths = {len(v) for v in converted.values() if v.ndim == 1}
    if len(lengths) > 1:
        detail = ", ".join(f"{name}: {len(v)}" for name, v in converted.items() if v.ndim == 1)
        raise StaffingError(f"the columns must have the same length; got {detail}")
    broadcast = np.broadcast_arrays(*converted.values())
    arrays = {name: np.array(v, dtype=float).ravel() for name, v in zip(converted, broadcast, strict=True)}
    return shape, arrays


def _check(shape: _Shape, name: str, values: np.ndarray, bad: np.ndarray, rule: str, advice: str) -> None:
    bad = bad | ~np.isfinite(values)
    if bad.any():
        first = values[np.ravel(bad)][0]
        shown = f"{first:g}" if np.isfinite(first) else str(first)
        raise StaffingError(f"{name} must be {rule}; got {shown}{shape.where(bad)}. {advice}")


def _check_calls(shape, calls):
    _check(shape, "calls", calls, calls < 0, "zero or more", "Use the number of calls expected in the interval.")


def _check_times(shape, interval, aht, within=None, patience=None):
    _check(shape, "interval_seconds", interval, interval <= 0, "more than 0 seconds",
           "A 15-minute interval is 900 seconds, half an hour is 1800.")
    _check(shape, "aht_seconds", aht, aht <= 0, "more than 0 seconds",
           "The average handle time is talk plus hold plus after-call work, in seconds (3 minutes = 180).")
    if within is not None:
        _check(shape, "answer_within_seconds", within, within < 0, "0 seconds or more",
               "For '80% answered within 20 seconds' use 20.")
    if patience is not None:
        _check(shape, "patience_seconds", patience, patience <= 0, "more than 0 seconds",
               "It is how long callers wait on average before hanging up, in seconds.")


def _check_agents(shape, agents):
    _check(shape, "agents", agents, (agents < 1) | (agents != np.round(agents)), "a whole number, 1 or more",
           "Agents are people: use whole numbers.")
