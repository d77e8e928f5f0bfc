"""Check a table before computing anything from it, and say exactly what is wrong when it cannot be used.

Every KPI function and loader goes through these checks, so a learner who passes a table with a CSAT of 6, an
NPS of 11, a negative duration or a missing column gets one clear message naming the table, the column and the
first offending rows (by the table's index), instead of a wrong number or a pandas traceback.

The checks are written by hand rather than with a schema library because their whole point is the wording of
the message for a non-programmer, and because they must run on ten million rows in well under a second
(they are vectorised numpy).

>>> import pandas as pd
>>> surveys = pd.DataFrame({"contact_id": [1, 2, 3], "csat": [5, 6, 4]})
>>> whole_numbers(surveys, "surveys", "csat", low=1, high=5)
Traceback (most recent call last):
...
course_lib.errors.DataError: surveys: column 'csat' must hold whole numbers from 1 to 5; 1 row does not: row 1 (6)
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import numpy as np
import pandas as pd

from course_lib.errors import DataError

#: How many offending rows a message lists before it says "and N more".
SHOW_ROWS = 5

#: The course's column names, what each holds, and its unit (used in messages and in the data dictionary).
SCHEMA: dict[str, dict[str, str]] = {
    "contacts": {
        "contact_id": "a unique id per contact",
        "customer_id": "who contacted",
        "arrived_at": "date and time the contact arrived",
        "channel": "phone, chat or email",
        "topic": "what the contact was about",
        "agent": "who handled it (empty when not answered)",
        "answered": "True/False: an agent took the contact",
        "wait_seconds": "seconds from arrival to answer (or to hanging up)",
        "talk_seconds": "seconds talking (or chatting, or writing the reply)",
        "hold_seconds": "seconds on hold",
        "acw_seconds": "seconds of after-contact work",
        "resolved": "True/False: the agent marked the issue resolved",
    },
    "surveys": {
        "contact_id": "the contact the survey is about",
        "csat": "satisfaction, 1-5",
        "nps": "likelihood to recommend, 0-10",
        "ces": "ease of getting the issue handled, 1-7",
        "comment": "free text",
    },
    "customers": {
        "customer_id": "a unique id per customer",
        "plan": "the customer's plan",
        "joined_at": "date the customer joined",
        "churned_at": "date the customer left (empty: still a customer)",
    },
}


def rows_text(index: Iterable, values: Iterable | None = None, total: int | None = None) -> str:
    """'row 3 (6), row 9 (7) and 4 more': the first offending rows, with their values when given.

    >>> rows_text([3, 9], [6, 7])
    'row 3 (6), row 9 (7)'
    >>> rows_text(range(8))
    'rows 0, 1, 2, 3, 4 and 3 more'
    """
    index = list(index)
    total = len(index) if total is None else total
    shown = index[:SHOW_ROWS]
    if values is None:
        text = ("row " if len(shown) == 1 else "rows ") + ", ".join(str(i) for i in shown)
    else:
        values = list(values)[:SHOW_ROWS]
        text = ", ".join(f"row {i} ({_show(v)})" for i, v in zip(shown, values, strict=False))
    if total > len(shown):
        text += f" and {total - len(shown)} more"
    return text


def _show(value) -> str:
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _count(n: int) -> str:
    return f"{n} row does not" if n == 1 else f"{n} rows do not"


def require_columns(df: pd.DataFrame, table: str, columns: Iterable[str]) -> None:
    """Raise a DataError naming every missing column, with a "did you mean" for near misses.

    >>> try:
    ...     require_columns(pd.DataFrame({"csat_score": [5]}), "surveys", ["csat"])
    ... except DataError as err:
    ...     print(err)
    surveys: column 'csat' is missing (did you mean 'csat_score'?); the table has: csat_score
    """
    if not isinstance(df, pd.DataFrame):
        raise DataError(f"expected a table (a pandas DataFrame), got {type(df).__name__}", table=table)
    missing = [c for c in columns if c not in df.columns]
    if not missing:
        return
    present = [str(c) for c in df.columns]
    hints = {}
    for column in missing:
        close = difflib.get_close_matches(column, present, n=1, cutoff=0.6)
        close = close or [p for p in present if column.lower() in p.lower() or p.lower() in column.lower()][:1]
        if close:
            hints[column] = close[0]
    names = ", ".join(f"'{c}'" for c in missing)
    if len(missing) == 1:
        text = f"column {names} is missing" + (f" (did you mean '{hints[missing[0]]}'?)" if hints else "")
    else:
        text = f"columns {names} are missing" + "".join(f"; did you mean '{v}' for '{k}'?" for k, v in hints.items())
    shown = ", ".join(present[:20]) + (" ..." if len(present) > 20 else "")
    raise DataError(f"{text}; the table has: {shown or 'no columns'}",
                    table=table, column=missing[0])


def _as_float(df: pd.DataFrame, table: str, column: str, what: str) -> np.ndarray:
    series = df[column]
    if pd.api.types.is_bool_dtype(series.dtype):
        raise DataError(f"column '{column}' must hold {what}, not True/False", table=table, column=column)
    if pd.api.types.is_numeric_dtype(series.dtype):
        return series.to_numpy(dtype="float64", na_value=np.nan)
    if pd.api.types.is_timedelta64_dtype(series.dtype):
        return series.dt.total_seconds().to_numpy(dtype="float64", na_value=np.nan)
    converted = pd.to_numeric(series, errors="coerce")
    bad = converted.isna().to_numpy() & series.notna().to_numpy()
    if bad.any():
        rows = df.index[bad]
        raise DataError(f"column '{column}' must hold {what}; {_count(int(bad.sum()))}: "
                        f"{rows_text(rows, series[bad], int(bad.sum()))}", table=table, column=column, rows=rows[:5])
    return converted.to_numpy(dtype="float64", na_value=np.nan)


def whole_numbers(df: pd.DataFrame, table: str, column: str, *, low: int, high: int) -> np.ndarray:
    """The column as floats (NaN where empty), after checking every value is a whole number in [low, high].

    >>> whole_numbers(pd.DataFrame({"nps": [10, None, 0]}), "surveys", "nps", low=0, high=10)
    array([10., nan,  0.])
    """
    require_columns(df, table, [column])
    what = f"whole numbers from {low} to {high}"
    values = _as_float(df, table, column, what)
    with np.errstate(invalid="ignore"):
        bad = ~np.isnan(values) & ((values < low) | (values > high) | (values != np.round(values)))
    if bad.any():
        rows = df.index[bad]
        raise DataError(f"column '{column}' must hold {what}; {_count(int(bad.sum()))}: "
                        f"{rows_text(rows, values[bad], int(bad.sum()))}", table=table, column=column, rows=rows[:5])
    return values


def seconds(df: pd.DataFrame, table: str, column: str) -> np.ndarray:
    """A duration column in seconds as floats (NaN where empty), after checking none is negative.

    >>> try:
    ...     seconds(pd.DataFrame({"talk_seconds": [120, -5]}), "contacts", "talk_seconds")
    ... except DataError as err:
    ...     print(err)
    contacts: column 'talk_seconds' must hold durations in seconds, 0 or more; 1 row does not: row 1 (-5)
    >>> try:
    ...     seconds(pd.DataFrame({"talk_seconds": [120, float("inf")]}), "contacts", "talk_seconds")
    ... except DataError as err:
    ...     print(err)
    contacts: column 'talk_seconds' must hold durations in seconds, 0 or more; 1 row does not: row 1 (inf)
    """
    require_columns(df, table, [column])
    what = "durations in seconds, 0 or more"
    values = _as_float(df, table, column, what)
    with np.errstate(invalid="ignore"):
        bad = (values < 0) | np.isinf(values)  # an infinite talk time would give an AHT of 1e304
    if bad.any():
        rows = df.index[bad]
        raise DataError(f"column '{column}' must hold {what}; {_count(int(bad.sum()))}: "
                        f"{rows_text(rows, values[bad], int(bad.sum()))}", table=table, column=column, rows=rows[:5])
    return values


_TRUE = {True, "True", "true", "TRUE"}
_FALSE = {False, "False", "false", "FALSE"}


def flags(df: pd.DataFrame, table: str, column: str) -> np.ndarray:
    """A True/False column as a numpy bool array; empty or other values are an error naming the rows.

    >>> flags(pd.DataFrame({"answered": [True, False]}), "contacts", "answered")
    array([ True, False])
    >>> try:
    ...     flags(pd.DataFrame({"answered": ["Y", "N"]}), "contacts", "answered")
    ... except DataError as err:
    ...     print(err)  # doctest: +NORMALIZE_WHITESPACE
    contacts: column 'answered' must hold True or False; 2 rows do not: row 0 ('Y'), row 1 ('N')
    (load_contacts(...) converts Y/N and Yes/No flags)
    """
    require_columns(df, table, [column])
    series = df[column]
    if series.dtype == bool:
        return series.to_numpy()
    if pd.api.types.is_bool_dtype(series.dtype) and not series.isna().any():  # nullable boolean without gaps
        return series.to_numpy(dtype=bool)
    values = series.to_numpy(dtype=object)
    is_true = np.fromiter((v in _TRUE for v in values), bool, len(values))
    is_false = np.fromiter((v in _FALSE for v in values), bool, len(values))
    bad = ~(is_true | is_false)
    if bad.any():
        rows = df.index[bad]
        shown = ["empty" if pd.isna(v) else v for v in values[bad][:SHOW_ROWS]]
        raise DataError(f"column '{column}' must hold True or False; {_count(int(bad.sum()))}: "
                        f"{rows_text(rows, shown, int(bad.sum()))} (load_contacts(...) converts Y/N and Yes/No flags)",
                        table=table, column=column, rows=rows[:5])
    return is_true


def timestamps(df: pd.DataFrame, table: str, column: str, *, allow_missing: bool = False) -> pd.Series:
    """A date/time column as pandas datetimes, after checking every value can be read as one.

    >>> timestamps(pd.DataFrame({"arrived_at": ["2025-01-06 09:00:00"]}), "contacts", "arrived_at").dt.hour.tolist()
    [9]
    """
    require_columns(df, table, [column])
    series = df[column]
    if not pd.api.types.is_datetime64_any_dtype(series.dtype):
        converted = pd.to_datetime(series, errors="coerce", format="mixed")
        bad = (converted.isna() & series.notna()).to_numpy()
        if bad.any():
            rows = df.index[bad]
            raise DataError(f"column '{column}' must hold dates and times such as 2025-01-06 09:30:00; "
                            f"{_count(int(bad.sum()))}: {rows_text(rows, series[bad], int(bad.sum()))}",
                            table=table, column=column, rows=rows[:5])
        series = converted
    if not allow_missing:
        missing = series.isna().to_numpy()
        if missing.any():
            rows = df.index[missing]
            raise DataError(f"column '{column}' must have a date and time in every row; "
                            f"{rows_text(rows, total=int(missing.sum()))} "
                            f"{'is' if missing.sum() == 1 else 'are'} empty", table=table, column=column, rows=rows[:5])
    return series


def no_missing(df: pd.DataFrame, table: str, column: str, values: np.ndarray, where: np.ndarray, why: str) -> None:
    """Raise when ``values`` is NaN in any row selected by ``where`` (e.g. no talk time on an answered contact)."""
    bad = where & np.isnan(values)
    if bad.any():
        rows = df.index[bad]
        raise DataError(f"column '{column}' is empty in {rows_text(rows, total=int(bad.sum()))}, {why}",
                        table=table, column=column, rows=rows[:5])
