"""Turn an export's text cells into the course's values: durations, times of day, flags and dates.

Each function takes one column (a pandas Series of text, or Excel cells), converts it with vectorised pandas
string operations (an export can have millions of rows), and raises a DataError naming the column and the
file's line numbers of the first values it cannot convert.

>>> import pandas as pd
>>> seconds(pd.Series(["00:02:23", "95", None]), "column 'Talk' (talk_seconds)", "export.csv", lambda i: i + 2)
(array([143.,  95.,  nan]), 'from h:mm:ss to seconds')
>>> time_of_day(pd.Series(["25:61:00"]), "column 'Start time' (time)", "export.csv",
...             lambda i: i + 2)  # doctest: +NORMALIZE_WHITESPACE
Traceback (most recent call last):
...
course_lib.errors.DataError: export.csv: column 'Start time' (time) must hold times of day from 00:00:00 to 23:59:59;
not line 2 ('25:61:00')
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from course_lib.data import checks
from course_lib.errors import DataError

CLOCK_PATTERN = r"^\s*(-)?(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:\.\d+)?)\s*$"
TIME_OF_DAY_PATTERN = r"^\s*(\d{1,2}):(\d{1,2})(?::(\d{1,2}(?:\.\d+)?))?\s*([AaPp][Mm])?\s*$"
TRUE_WORDS = {"y", "yes", "true", "t", "1", "1.0"}
FALSE_WORDS = {"n", "no", "false", "f", "0", "0.0"}


def lines_text(values: pd.Series, bad: np.ndarray, line_of) -> str:
    """'line 4 ('x'), line 9 ('y') and 3 more' for the rows (positions) in ``bad``."""
    bad = np.asarray(bad)
    shown = ", ".join(f"line {line_of(int(i))} ({values.iloc[int(i)]!r})" for i in bad[:checks.SHOW_ROWS])
    more = f" and {len(bad) - checks.SHOW_ROWS} more" if len(bad) > checks.SHOW_ROWS else ""
    return shown + more


def by_value(values: pd.Series, convert) -> tuple[np.ndarray, np.ndarray]:
    """Run ``convert`` on each distinct value once and spread the result over the rows.

    An export repeats the same few thousand durations, times and dates millions of times, so converting the
    distinct values is tens of times faster than converting every cell. ``convert`` takes a Series of distinct,
    non-empty values and returns (converted values, which of them are bad); the result is (values per row, bad
    row positions).
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    converted, bad = convert(pd.Series(uniques, dtype=object if values.dtype == object else None))
    converted = np.asarray(converted)
    if converted.dtype.kind in "fM":  # the rows with no value (code -1) take the last element: NaN or NaT
        empty = np.array(["NaT" if converted.dtype.kind == "M" else "nan"]).astype(converted.dtype)
    else:
        converted = converted.astype(object)
        empty = np.array([None], dtype=object)
    rows = np.concatenate([converted, empty])[codes]
    bad = np.asarray(bad, dtype=bool)
    return rows, np.flatnonzero(np.concatenate([bad, [False]])[codes])


def _blank(values: pd.Series) -> np.ndarray:
    return (values.isna() | (values.astype("str").str.strip() == "")).to_numpy()


def seconds(values: pd.Series, label: str, source: str, line_of) -> tuple[np.ndarray, str | None]:
    """Durations in seconds from numbers, 'h:mm:ss' / 'm:ss' text, or Excel time and timedelta cells.

    Infinite and not-a-number values are refused: an infinite talk time would make AHT astronomically large.
    """
    if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype):
        out, how = values.to_numpy(dtype="float64", na_value=np.nan), None
    elif values.dtype == object and any(isinstance(v, dt.time | dt.timedelta) for v in values.dropna()):
        out, how = _seconds_from_cells(values), "from h:mm:ss to seconds"
    else:
        out, bad = by_value(values, _parse_seconds)
        if len(bad):
            raise DataError(f"{label} must hold durations, as seconds or like 00:02:23; not "
                            f"{lines_text(values, bad, line_of)}", table=source)
        how = "from h:mm:ss to seconds" if _any_clock(values) else None
    infinite = np.flatnonzero(np.isinf(out))
    if len(infinite):
        raise DataError(f"{label} must hold durations in seconds, not infinity; not "
                        f"{lines_text(values, infinite, line_of)}", table=source)
    return out, how


def _parse_seconds(text: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    text = text.astype("str")
    clock = text.str.extract(CLOCK_PATTERN)
    is_clock = clock[2].notna().to_numpy()
    numbers = pd.to_numeric(text.where(~is_clock), errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    from_clock = ((clock[1].astype("float64").fillna(0) * 3600 + clock[2].astype("float64") * 60
                   + clock[3].astype("float64")) * np.where(clock[0].notna(), -1, 1)).to_numpy()
    out = np.where(is_clock, from_clock, numbers)
    return out, np.isnan(out) & (text.str.strip() != "").to_numpy()


def _any_clock(values: pd.Series) -> bool:
    sample = values.dropna().astype("str")
    return bool(sample.str.contains(":", regex=False).any())


def _seconds_from_cells(values: pd.Series) -> np.ndarray:
    """Excel cells: time and timedelta objects, numbers, or text (small files, so a loop is fine)."""
    out = np.full(len(values), np.nan)
    for i, value in enumerate(values.to_numpy(dtype=object)):
        if isinstance(value, dt.time):
            out[i] = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
        elif isinstance(value, dt.timedelta | pd.Timedelta):
            out[i] = pd.Timedelta(value).total_seconds()
        elif isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool):
            out[i] = float(value)
        elif isinstance(value, str) and value.strip():
            parsed, _ = seconds(pd.Series([value]), "", "", lambda j: j)
            out[i] = parsed[0]
    return out


def time_of_day(values: pd.Series, label: str, source: str, line_of) -> np.ndarray:
    """Seconds after midnight from '9:05', '09:05:30', '9:05 PM' or Excel time cells; 24:00 and later refused.

    A time such as 25:61:00 is an error in the export, not a time on the next day, so it is refused.
    """
    if values.dtype == object and any(isinstance(v, dt.time | dt.datetime) for v in values.dropna()):
        values = values.map(lambda v: v.strftime("%H:%M:%S.%f") if isinstance(v, dt.time | dt.datetime) else v)
    rows, bad = by_value(values, _parse_time_of_day)
    if len(bad):
        raise DataError(f"{label} must hold times of day from 00:00:00 to 23:59:59; not "
                        f"{lines_text(values, bad, line_of)}", table=source)
    return rows


def _parse_time_of_day(text: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    text = text.astype("str")
    parts = text.str.extract(TIME_OF_DAY_PATTERN)
    hours = parts[0].astype("float64").to_numpy()
    minutes = parts[1].astype("float64").to_numpy()
    secs = parts[2].astype("float64").fillna(0).to_numpy()
    half = parts[3].str.lower().to_numpy(dtype=object)
    is_am, is_pm = half == "am", half == "pm"
    blank = (text.str.strip() == "").to_numpy()
    with np.errstate(invalid="ignore"):
        bad_half = (is_am | is_pm) & ((hours < 1) | (hours > 12))
        hours = np.where(is_pm & (hours < 12), hours + 12, np.where(is_am & (hours == 12), 0, hours))
        bad = (np.isnan(hours) | (hours > 23) | (minutes > 59) | (secs >= 60) | bad_half) & ~blank
    return np.where(blank, np.nan, hours * 3600 + minutes * 60 + secs), bad


def looks_like_times_of_day(values: pd.Series) -> bool:
    """True when most non-empty values are bare times of day (no date): a 'Start time' beside a 'Date' column."""
    if values.dtype == object and any(isinstance(v, dt.time) for v in values.dropna()):
        return all(isinstance(v, dt.time) for v in values.dropna())
    if not pd.api.types.is_string_dtype(values.dtype):
        return False
    text = values.dropna().astype("str").str.strip()
    text = text[text != ""]
    if len(text) == 0:
        return False
    return text.str.match(r"^\d{1,2}:\d{1,2}(:\d{1,2}(\.\d+)?)?\s*([AaPp][Mm])?$").mean() >= 0.5


def flags(values: pd.Series, label: str, source: str, line_of, recode: dict | None,
          empty_is: bool | None) -> np.ndarray:
    """True/False from Y/N, Yes/No, True/False, 1/0 (and the codes in ``recode``); empty as ``empty_is``."""
    if pd.api.types.is_bool_dtype(values.dtype) and not values.isna().any():
        return values.to_numpy(dtype=bool)
    words = {**{w: True for w in TRUE_WORDS}, **{w: False for w in FALSE_WORDS}, "": empty_is}
    words.update({str(k).strip().lower(): bool(v) for k, v in (recode or {}).items()})
    def parse(distinct: pd.Series):
        mapped = distinct.map(lambda v: str(v).strip().lower()).map(words).to_numpy(dtype=object)
        return mapped, np.array([m is None or m != m for m in mapped], dtype=bool)

    rows, bad = by_value(values.astype(object).where(values.notna(), ""), parse)
    if len(bad):
        raise DataError(f"{label} must hold yes/no flags (Y/N, Yes/No, True/False, 1/0); not "
                        f"{lines_text(values, bad, line_of)}. Say what other values mean with "
                        "values={'COLUMN': {'VALUE': True, ...}}", table=source)
    return rows.astype(bool)


def dates(values: pd.Series, label: str, source: str, line_of, date_format: str | None) -> pd.Series:
    """Dates or date-times; ISO dates are read fast, anything else with pandas' mixed-format reader."""
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        return values
    def parse(distinct: pd.Series):
        objects = distinct.map(lambda v: v.isoformat() if isinstance(v, dt.time) else v)
        converted = None
        if date_format is None:
            try:  # most exports write ISO dates: far faster than guessing the format per value
                converted = pd.to_datetime(objects, format="ISO8601")
            except (ValueError, TypeError, OverflowError):
                converted = None
        if converted is None:
            try:
                converted = pd.to_datetime(objects, errors="coerce", format=date_format or "mixed")
            except (ValueError, TypeError, OverflowError) as err:  # e.g. several time zones in one column
                raise DataError(f"{label} could not be read as dates/times ({str(err).split('. ')[0]}); write them "
                                "all in one time zone, or without one", table=source) from None
        blank = objects.map(lambda v: isinstance(v, str) and not v.strip()).to_numpy(dtype=bool)
        return converted.to_numpy(), converted.isna().to_numpy() & ~blank

    if values.dtype == object and not values.map(lambda v: isinstance(v, str) or v is None or v != v).all():
        rows, bad = parse(values)  # Excel cells of mixed kinds: small, and factorize cannot sort them
        bad = np.flatnonzero(bad & values.notna().to_numpy())
    else:
        rows, bad = by_value(values, parse)
    converted = pd.Series(rows, index=values.index)
    if len(bad):
        hint = "" if date_format else " (pass date_format=, e.g. '%y%m%d' for 990201)"
        raise DataError(f"{label} must hold dates/times; not {lines_text(values, bad, line_of)}{hint}",
                        table=source)
    return converted
