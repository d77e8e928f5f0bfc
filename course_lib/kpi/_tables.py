"""The machinery every KPI shares: a checked table, groups for ``by=``, and the one-number-or-table answer.

Private to :mod:`course_lib.kpi`: a KPI function (``kpi/surveys.py``, ``kpi/contacts.py``, ``kpi/customers.py``)
wraps its input in :class:`_Table` (each column checked once, with errors that name the table and rows), finds the
groups with :func:`_groups` (or :func:`_survey_groups`, which groups surveys by the contact they are about), counts
and sums per group with numpy, and returns through :func:`_finish`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from course_lib.data import checks
from course_lib.errors import DataError

#: Keys ``by=`` understands although they are not columns: they are read from ``arrived_at``.
TIME_KEYS = ("week", "date", "hour", "weekday", "month")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: Service-level thresholds by channel used by :func:`kpi_summary` (phone 80/20 is the classic call-centre target;




class _Table:
    """One table's columns, each checked once and cached, so kpi_summary validates a column only once."""

    def __init__(self, df: pd.DataFrame, name: str):
        if not isinstance(df, pd.DataFrame):
            raise DataError(f"expected a table (a pandas DataFrame), got {type(df).__name__}", table=name)
        self.df = df
        self.name = name
        self._cache: dict[tuple, object] = {}

    def __len__(self) -> int:
        return len(self.df)

    def has(self, column: str) -> bool:
        return column in self.df.columns

    def _cached(self, key, make):
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def seconds(self, column: str) -> np.ndarray:
        return self._cached(("s", column), lambda: checks.seconds(self.df, self.name, column))

    def flags(self, column: str) -> np.ndarray:
        return self._cached(("f", column), lambda: checks.flags(self.df, self.name, column))

    def scores(self, column: str, low: int, high: int) -> np.ndarray:
        return self._cached(("w", column), lambda: checks.whole_numbers(self.df, self.name, column, low=low,
                                                                         high=high))

    def times(self, column: str = "arrived_at") -> pd.Series:
        return self._cached(("t", column), lambda: checks.timestamps(self.df, self.name, column))

    def epoch_seconds(self, column: str = "arrived_at") -> np.ndarray:
        return self._cached(("e", column), lambda: self.times(column).to_numpy(dtype="datetime64[s]")
                            .astype(np.int64))

    def codes(self, column: str) -> np.ndarray:
        """Whole-number codes for a column's values (same value, same code), e.g. customers or topics."""
        def make():
            checks.require_columns(self.df, self.name, [column])
            return pd.factorize(self.df[column], use_na_sentinel=False)[0]
        return self._cached(("c", column), make)


class _Groups:
    """Which group each row belongs to (``codes``) and the groups' labels (None: one group, no ``by``)."""

    def __init__(self, codes: np.ndarray, labels: pd.DataFrame | None):
        self.codes = codes
        self.labels = labels

    @property
    def size(self) -> int:
        return 1 if self.labels is None else len(self.labels)

    def sum(self, values: np.ndarray, where: np.ndarray | None = None) -> np.ndarray:
        weights = values if where is None else np.where(where, values, 0)
        return np.bincount(self.codes, weights=weights.astype("float64"), minlength=self.size)

    def count(self, where: np.ndarray) -> np.ndarray:
        return np.bincount(self.codes[where], minlength=self.size)


def _key_series(table: _Table, key: str) -> pd.Series:
    df = table.df
    if key in df.columns:
        return df[key]
    if key in TIME_KEYS and "arrived_at" in df.columns:
        times = table.times("arrived_at")
        days = times.to_numpy(dtype="datetime64[D]")
        if key == "week":  # the Monday the week starts on
            monday = days - ((days.astype(np.int64) + 3) % 7)
            return pd.Series(monday.astype("datetime64[s]"), index=df.index, name="week")
        if key == "date":
            return pd.Series(days.astype("datetime64[s]"), index=df.index, name="date")
        if key == "hour":
            return times.dt.hour.rename("hour")
        if key == "weekday":
            return pd.Series(pd.Categorical(times.dt.day_name(), categories=WEEKDAYS, ordered=True),
                             index=df.index, name="weekday")
        return times.dt.to_period("M").rename("month")
    known = ", ".join(str(c) for c in df.columns)
    hint = ""
    if key in TIME_KEYS:
        hint = f"; '{key}' is read from the 'arrived_at' column, which this table lacks"
    raise DataError(f"cannot group by '{key}': there is no such column{hint}. Columns: {known}",
                    table=table.name, column=key)


def _as_list(by) -> list[str]:
    if by is None:
        return []
    if isinstance(by, str):
        return [by]
    if isinstance(by, Sequence):
        return [str(b) for b in by]
    raise DataError(f"by= should be a column name or a list of names, got {type(by).__name__}")


def _factorize(keys: list[pd.Series], names: list[str]) -> _Groups:
    if len(keys) == 1:
        codes, uniques = pd.factorize(keys[0], sort=True, use_na_sentinel=False)
        return _Groups(codes.astype(np.int64), pd.DataFrame({names[0]: uniques}))
    parts = [pd.factorize(k, sort=True, use_na_sentinel=False) for k in keys]
    shape = tuple(len(u) for _, u in parts)
    combined = np.ravel_multi_index(tuple(c for c, _ in parts), shape)
    present, codes = np.unique(combined, return_inverse=True)
    positions = np.unravel_index(present, shape)
    labels = pd.DataFrame({name: np.asarray(u)[pos] if not isinstance(u, pd.CategoricalIndex) else u[pos]
                           for name, (_, u), pos in zip(names, parts, positions, strict=True)})
    return _Groups(codes.astype(np.int64), labels)


def _groups(table: _Table, by) -> _Groups:
    names = _as_list(by)
    if not names:
        return _Groups(np.zeros(len(table), dtype=np.int64), None)
    return _factorize([_key_series(table, name) for name in names], names)


def _survey_groups(surveys: _Table, by, contacts: pd.DataFrame | None) -> tuple[_Table, _Groups]:
    """Groups for survey rows: from the surveys' own columns, or from the contact each survey is about.

    With ``contacts``, only the surveys about those contacts are used (so filtering contacts filters surveys).
    """
    names = _as_list(by)
    if not names:
        if contacts is not None:
            surveys, _ = _surveys_about(surveys, _Table(contacts, "contacts"), np.zeros(len(contacts), np.int64))
        return surveys, _Groups(np.zeros(len(surveys), dtype=np.int64), None)
    if all(n in surveys.df.columns or (n in TIME_KEYS and "arrived_at" in surveys.df.columns) for n in names):
        if contacts is not None:
            surveys, _ = _surveys_about(surveys, _Table(contacts, "contacts"), np.zeros(len(contacts), np.int64))
        return surveys, _groups(surveys, names)
    if contacts is None:
        missing = [n for n in names if n not in surveys.df.columns]
        raise DataError(f"cannot group survey results by {', '.join(repr(m) for m in missing)}: the surveys table "
                        "has no such column. Pass contacts=contacts to take it from the contact each survey is about",
                        table=surveys.name, column=missing[0])
    contact_table = _Table(contacts, "contacts")
    groups = _groups(contact_table, names)
    subset, codes = _surveys_about(surveys, contact_table, groups.codes)
    return subset, _Groups(codes, groups.labels)


def _link(surveys: _Table, contacts: _Table) -> np.ndarray:
    """For each survey row, the position of its contact in ``contacts`` (-1: not among these contacts)."""
    checks.require_columns(surveys.df, surveys.name, ["contact_id"])
    checks.require_columns(contacts.df, contacts.name, ["contact_id"])
    ids = contacts.df["contact_id"]
    wanted = surveys.df["contact_id"]
    if (pd.api.types.is_integer_dtype(ids.dtype) and pd.api.types.is_integer_dtype(wanted.dtype)
            and not pd.api.types.is_extension_array_dtype(ids.dtype) and len(ids)):
        # Fast path: contact ids numbered 1, 2, 3 ... (as the course's tables are) need no hash table.
        array = ids.to_numpy()
        first = int(array[0])
        if np.array_equal(array, np.arange(first, first + len(array))):
            position = wanted.to_numpy(dtype=np.int64, na_value=-1) - first
            return np.where((position >= 0) & (position < len(array)), position, -1)
    index = pd.Index(ids)
    if not index.is_unique:
        dup = contacts.df.index[index.duplicated(keep=False)]
        raise DataError(f"column 'contact_id' must be unique; {checks.rows_text(dup)} share an id",
                        table=contacts.name, column="contact_id", rows=list(dup[:5]))
    return index.get_indexer(wanted)


def _surveys_about(surveys: _Table, contacts: _Table, codes: np.ndarray) -> tuple[_Table, np.ndarray]:
    """The surveys about these contacts (others are left out, e.g. after filtering contacts) and their groups."""
    position = _link(surveys, contacts)
    keep = position >= 0
    if not keep.all():
        surveys = _Table(surveys.df[keep], surveys.name)
        position = position[keep]
    return surveys, codes[position]


def _finish(groups: _Groups, name: str, values: np.ndarray, counts: np.ndarray, count_name: str,
            empty: str, extra: dict[str, np.ndarray] | None = None, table: str | None = None):
    """One number (no ``by``) or a tidy table with the count each value is based on."""
    counts = np.asarray(counts).astype(np.int64)
    if groups.labels is None:
        if counts[0] == 0:
            raise DataError(empty, table=table)
        if extra:
            return {name: float(values[0]), **{k: float(v[0]) for k, v in extra.items()}}
        return float(values[0])
    if counts.sum() == 0:
        raise DataError(empty, table=table)
    out = groups.labels.copy()
    out[name] = values
    for key, column in (extra or {}).items():
        out[key] = column
    out[count_name] = counts
    return out[counts > 0].reset_index(drop=True)


def _ratio(numerator: np.ndarray, denominator: np.ndarray, scale: float = 100.0) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, scale * numerator / np.where(denominator > 0, denominator, 1), np.nan)



def _period(start, end) -> tuple[pd.Timestamp, pd.Timestamp]:
    try:
        start, end = pd.Timestamp(start), pd.Timestamp(end)
    except (ValueError, TypeError) as err:
        raise DataError(f"start and end must be dates such as '2025-01-06': {err}") from None
    if not start < end:
        raise DataError(f"the period must end after it starts; got {start.date()} to {end.date()}")
    return start, end
