"""The course's KPI definitions, over pandas tables of contacts, surveys and customers.

Each function returns **one number** when called without ``by``: a percentage from 0 to 100 for rates and shares
(NPS from -100 to 100), seconds for durations, a mean score for CSAT mean and CES. With ``by="agent"`` (or
``"channel"``, ``"topic"``, ``"week"``, ``"date"``, ``"hour"``, ``"weekday"``, ``"month"``, any column, or a list of
them) it returns a tidy table: one row per group, the KPI, and the count it is based on.

Definitions differ between vendors, books and papers (top-2-box or mean CSAT, whether abandoned calls count
against the service level, what "first contact" means). Each docstring states the formula, the choices made
here, and a source. **None of these formulas come from the course's source articles**, which name the KPIs but
give no formulas, scales or benchmarks: they are the common industry definitions, added by the course.

Bad data gets a :class:`~course_lib.errors.DataError` naming the table, the column and the first offending rows.
Rows are named by the table's index (for a freshly loaded file, 0 is the first data row).

>>> import pandas as pd
>>> surveys = pd.DataFrame({"contact_id": [1, 2, 3, 4], "csat": [5, 4, 2, 5], "nps": [10, 9, 3, 8]})
>>> csat(surveys), nps(surveys)
(75.0, 25.0)
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from statistics import NormalDist
from typing import NamedTuple

import numpy as np
import pandas as pd

from course_lib.data import checks
from course_lib.errors import DataError

#: Keys ``by=`` understands although they are not columns: they are read from ``arrived_at``.
TIME_KEYS = ("week", "date", "hour", "weekday", "month")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: Service-level thresholds by channel used by :func:`kpi_summary` (phone 80/20 is the classic call-centre target;
#: chat and email targets vary much more between teams). Course choices, not from the source articles.
CHANNEL_THRESHOLDS = {"phone": 20, "chat": 60, "email": 24 * 3600}
ABANDONED_RULES = ("in_denominator", "excluded", "excluded_if_within_threshold", "met_if_within_threshold")


class NpsInterval(NamedTuple):
    """An NPS with its confidence interval (all from -100 to 100) and the number of responses."""

    nps: float
    low: float
    high: float
    responses: int


# --------------------------------------------------------------------------------------------- shared machinery


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


# ------------------------------------------------------------------------------------------------- survey KPIs


def _csat_parts(surveys: _Table, groups: _Groups, satisfied: int):
    score = surveys.scores("csat", 1, 5)
    answered = ~np.isnan(score)
    return groups.count(answered & (score >= satisfied)), groups.count(answered), groups.sum(np.nan_to_num(score))


def csat(surveys: pd.DataFrame, by=None, *, contacts: pd.DataFrame | None = None, satisfied: int = 4):
    """Customer satisfaction (CSAT): the percentage of responses that are satisfied ("top-2-box").

    Formula: responses with ``csat`` >= 4 (on 1-5) / responses with a ``csat`` x 100.

    Choices: the share of 4s and 5s ("top-2-box"), not the mean (see :func:`csat_mean`); empty ``csat`` cells are
    left out (the customer skipped the question). ``satisfied=5`` gives the stricter top-box share. To group by a
    contact column (agent, channel, week ...), pass ``contacts=``; each survey is matched by ``contact_id``.
    Source: the American Customer Satisfaction Index and most survey tools report CSAT this way; see e.g.
    Hayes, *Measuring Customer Satisfaction and Loyalty* (3rd ed., ASQ Quality Press, 2008).

    >>> surveys = pd.DataFrame({"contact_id": [1, 2, 3, 4], "csat": [5, 4, 3, None]})
    >>> round(csat(surveys), 1)
    66.7
    >>> csat(surveys.assign(team=["A", "A", "B", "B"]), by="team")
      team   csat  responses
    0    A  100.0          2
    1    B    0.0          1
    """
    table = _Table(surveys, "surveys")
    table, groups = _survey_groups(table, by, contacts)
    happy, responses, _ = _csat_parts(table, groups, satisfied)
    return _finish(groups, "csat", _ratio(happy, responses), responses, "responses",
                   "no CSAT responses to compute CSAT from (the column 'csat' is empty or the table has no rows)",
                   table="surveys")


def csat_mean(surveys: pd.DataFrame, by=None, *, contacts: pd.DataFrame | None = None):
    """The mean CSAT score, from 1 (very dissatisfied) to 5 (very satisfied).

    Formula: sum of ``csat`` / responses with a ``csat``. Empty cells are left out.
    Choices: a mean treats the 1-5 labels as equally spaced numbers, which they are not quite; it moves with every
    response, while the top-2-box share (:func:`csat`) ignores a move from 1 to 3. Report which one you use.
    Source: Hayes (2008), as for :func:`csat`.

    >>> csat_mean(pd.DataFrame({"contact_id": [1, 2, 3], "csat": [5, 4, 3]}))
    4.0
    """
    table = _Table(surveys, "surveys")
    table, groups = _survey_groups(table, by, contacts)
    _, responses, total = _csat_parts(table, groups, 4)
    return _finish(groups, "csat_mean", _ratio(total, responses, 1.0), responses, "responses",
                   "no CSAT responses to compute a mean from", table="surveys")


def _nps_parts(surveys: _Table, groups: _Groups):
    score = surveys.scores("nps", 0, 10)
    answered = ~np.isnan(score)
    return groups.count(answered & (score >= 9)), groups.count(answered & (score <= 6)), groups.count(answered)


def nps(surveys: pd.DataFrame, by=None, *, contacts: pd.DataFrame | None = None):
    """Net Promoter Score: % promoters minus % detractors, from -100 (all detractors) to 100 (all promoters).

    Formula: on the 0-10 "how likely are you to recommend us?" question, promoters answer 9 or 10, detractors 0 to
    6, passives 7 or 8: NPS = 100 x (promoters - detractors) / responses. Empty ``nps`` cells are left out.
    Source: Reichheld, "The One Number You Need to Grow", *Harvard Business Review*, December 2003. (The course's
    source articles define NPS as a loyalty measure but give no scale or formula.)

    >>> surveys = pd.DataFrame({"contact_id": [1, 2, 3, 4, 5], "nps": [10, 9, 8, 6, 0]})
    >>> nps(surveys)
    0.0
    >>> nps(surveys.assign(nps=[10, 10, 9, 9, 9]))
    100.0
    """
    table = _Table(surveys, "surveys")
    table, groups = _survey_groups(table, by, contacts)
    promoters, detractors, responses = _nps_parts(table, groups)
    return _finish(groups, "nps", _ratio(promoters - detractors, responses), responses, "responses",
                   "no NPS responses to compute NPS from (the column 'nps' is empty or the table has no rows)",
                   table="surveys")


def nps_interval(surveys: pd.DataFrame, by=None, *, contacts: pd.DataFrame | None = None,
                 confidence: float = 0.95):
    """NPS with a confidence interval (95 % by default), by the adjusted-Wald method.

    Formula (adjusted Wald): add 3 to the number of responses n, and 3/4 to the promoters P and to the detractors
    D; with p = (P + 0.75) / (n + 3) and d = (D + 0.75) / (n + 3), the interval is
    100 x [(p - d) +/- z x sqrt((p + d - (p - d)^2) / (n + 3))], cut to -100..100, z = 1.96 for 95 %.
    Choices: the adjustment keeps small samples from getting impossibly narrow intervals (with 5 responses all
    promoters, a plain Wald interval is 100 to 100). The ``nps`` returned is the plain NPS.
    Source: Rocks, "Interval estimation for the 'Net Promoter Score'", *The American Statistician* 70(4), 2016;
    Sauro and Lewis, MeasuringU, "Confidence intervals for Net Promoter Scores" (2021).

    >>> surveys = pd.DataFrame({"contact_id": range(10), "nps": [10, 10, 9, 9, 9, 8, 7, 6, 3, 0]})
    >>> result = nps_interval(surveys)
    >>> result.nps, round(result.low, 1), round(result.high, 1), result.responses
    (20.0, -30.3, 61.1, 10)
    """
    if not 0 < confidence < 1:
        raise DataError(f"confidence must be between 0 and 1 (e.g. 0.95), got {confidence}")
    table = _Table(surveys, "surveys")
    table, groups = _survey_groups(table, by, contacts)
    promoters, detractors, responses = _nps_parts(table, groups)
    low, high = _adjusted_wald(promoters, detractors, responses, confidence)
    result = _finish(groups, "nps", _ratio(promoters - detractors, responses), responses, "responses",
                     "no NPS responses to compute an interval from", extra={"low": low, "high": high},
                     table="surveys")
    if isinstance(result, dict):
        return NpsInterval(result["nps"], result["low"], result["high"], int(responses[0]))
    return result


def _adjusted_wald(promoters, detractors, responses, confidence):
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    n = np.asarray(responses, dtype=float) + 3
    p = (np.asarray(promoters) + 0.75) / n
    d = (np.asarray(detractors) + 0.75) / n
    centre = p - d
    half = z * np.sqrt(np.maximum(p + d - centre**2, 0) / n)
    return np.clip(100 * (centre - half), -100, 100), np.clip(100 * (centre + half), -100, 100)


def ces(surveys: pd.DataFrame, by=None, *, contacts: pd.DataFrame | None = None):
    """Customer Effort Score: the mean answer to "how easy was it to get your issue handled?", from 1 to 7.

    Formula: sum of ``ces`` / responses with a ``ces``; empty cells are left out.
    Choices: the 7-point agreement version where **higher means easier** (1 = very difficult, 7 = very easy).
    Some teams use the older 1-5 scale where higher means *more* effort: check your survey before comparing.
    Source: Dixon, Freeman and Toman, "Stop Trying to Delight Your Customers", *Harvard Business Review*,
    July-August 2010; the 7-point "CES 2.0" wording is from the same authors' *The Effortless Experience* (2013).

    >>> ces(pd.DataFrame({"contact_id": [1, 2, 3, 4], "ces": [7, 6, 2, None]}))
    5.0
    """
    table = _Table(surveys, "surveys")
    table, groups = _survey_groups(table, by, contacts)
    score = table.scores("ces", 1, 7)
    answered = ~np.isnan(score)
    responses = groups.count(answered)
    return _finish(groups, "ces", _ratio(groups.sum(np.nan_to_num(score)), responses, 1.0), responses, "responses",
                   "no CES responses to compute CES from (the column 'ces' is empty or the table has no rows)",
                   table="surveys")


# ------------------------------------------------------------------------------------------------ contact KPIs


def _answered(table: _Table) -> np.ndarray:
    return table.flags("answered")


def _whole_number_codes(table: _Table, column: str) -> np.ndarray:
    """Small non-negative whole numbers standing for a column's values (same value, same number).

    Integer ids are used as they are (shifted to start at 0) when their range is small, which saves hashing
    millions of values; anything else is factorized.
    """
    values = table.df[column]
    if pd.api.types.is_integer_dtype(values.dtype) and not pd.api.types.is_extension_array_dtype(values.dtype):
        array = values.to_numpy()
        if len(array):
            low, high = array.min(), array.max()
            if int(high) - int(low) < 4 * len(array) + 1_000_000:
                return array.astype(np.int64) - int(low)
    return table.codes(column).astype(np.int64)


def _repeat_flags(table: _Table, window_days: float) -> np.ndarray:
    """For each contact: is there a later contact by the same customer on the same topic within the window?"""
    checks.require_columns(table.df, table.name, ["customer_id"])
    customer = _whole_number_codes(table, "customer_id")
    topic = table.codes("topic").astype(np.int64) if table.has("topic") else np.zeros(len(table), np.int64)
    t = table.epoch_seconds("arrived_at")
    key = customer * (topic.max(initial=0) + 1) + topic
    t0 = t.min(initial=0)
    span = t.max(initial=0) - t0
    window = window_days * 86400
    if len(t) and key.max() < 2**31 and span < 2**32:
        # One sort of (customer and topic, time) packed in one number; unpacked again after sorting.
        packed = (key << 32) | (t - t0)
        order = np.argsort(packed, kind="stable")  # same second: the row further down is the later one
        packed = packed[order]
        key_sorted, t_sorted = packed >> 32, packed & 0xFFFFFFFF
    else:  # pragma: no cover - only for tables spanning more than 136 years or billions of customers
        order = np.lexsort((t, key))
        key_sorted, t_sorted = key[order], t[order]
    repeat_sorted = np.zeros(len(t), dtype=bool)
    repeat_sorted[:-1] = (key_sorted[1:] == key_sorted[:-1]) & (t_sorted[1:] - t_sorted[:-1] <= window)
    repeat = np.empty_like(repeat_sorted)
    repeat[order] = repeat_sorted
    return repeat


def _fcr_parts(table: _Table, groups: _Groups, window_days: float, complete_windows_only: bool):
    answered = _answered(table)
    checks.require_columns(table.df, table.name, ["customer_id", "topic", "arrived_at"])
    repeat = _repeat_flags(table, window_days)
    counted = answered
    if complete_windows_only and len(table):
        t = table.epoch_seconds("arrived_at")
        counted = answered & (t <= t.max() - window_days * 86400)
    return groups.count(counted & ~repeat), groups.count(counted)


def fcr(contacts: pd.DataFrame, by=None, *, window_days: float = 7, complete_windows_only: bool = True):
    """First-contact resolution: the percentage of answered contacts after which the customer did not come back.

    Formula: answered contacts with no later contact by the same ``customer_id`` on the same ``topic`` within
    ``window_days`` (7) / answered contacts x 100.
    Choices: FCR is measured from what customers did, not from the agent's ``resolved`` flag (compare
    :func:`resolution_rate`); a later contact counts as a repeat whatever its channel, agent or outcome (an
    abandoned call back counts too), and is charged to the earlier contact's group. Contacts in the last
    ``window_days`` of the table are left out by default, because we cannot yet know whether those customers will
    come back (``complete_windows_only=False`` counts them, and overstates FCR). Every answered contact counts,
    including repeats themselves. Of two contacts in the same second, the one further down the table counts as
    the later one. Source: the "no repeat within N days" measure used by SQM Group and COPC; see Cleveland,
    *Call Center Management on Fast Forward* (4th ed., ICMI, 2019), on FCR definitions.

    >>> contacts = pd.DataFrame({
    ...     "customer_id": [1, 1, 2, 3, 9],
    ...     "topic": ["billing", "billing", "billing", "delivery", "account"],
    ...     "arrived_at": pd.to_datetime(["2025-01-06", "2025-01-08", "2025-01-06", "2025-01-07", "2025-02-01"]),
    ...     "answered": [True, True, True, True, True]})
    >>> fcr(contacts)  # customer 1 came back two days later: 3 of the 4 complete contacts were resolved first time
    75.0
    """
    table = _Table(contacts, "contacts")
    groups = _groups(table, by)
    first_time, counted = _fcr_parts(table, groups, window_days, complete_windows_only)
    empty = "no answered contacts to compute FCR from"
    if complete_windows_only and _answered(table).any():
        empty = (f"no answered contact is more than {window_days:g} days before the last contact in the table, so "
                 "no contact's repeat window is complete; use a longer period, or complete_windows_only=False")
    return _finish(groups, "fcr", _ratio(first_time, counted), counted, "contacts", empty, table="contacts")


_PARTS = {"talk": "talk_seconds", "hold": "hold_seconds", "acw": "acw_seconds"}


def _handle_seconds(table: _Table, parts: Sequence[str] | None, answered: np.ndarray) -> np.ndarray:
    if parts is None:
        chosen = [p for p in _PARTS if table.has(_PARTS[p])]
        absent = [_PARTS[p] for p in _PARTS if not table.has(_PARTS[p])]
        if "talk_seconds" in absent:
            checks.require_columns(table.df, table.name, ["talk_seconds"])
        if absent:
            warnings.warn(f"aht: the contacts table has no {' or '.join(repr(a) for a in absent)} column, so this "
                          f"handle time is {' + '.join(chosen)} only and understates the full handle time; pass "
                          f"parts={chosen!r} to say so explicitly (and silence this warning)", UserWarning,
                          stacklevel=3)
    else:
        unknown = [p for p in parts if p not in _PARTS]
        if unknown or not parts:
            raise DataError(f"parts= takes some of 'talk', 'hold', 'acw'; got {list(parts)!r}")
        chosen = list(parts)
    total = np.zeros(len(table))
    for part in chosen:
        values = table.seconds(_PARTS[part])
        if part == "talk":
            checks.no_missing(table.df, table.name, "talk_seconds", values, answered,
                              "but those contacts were answered")
        total += np.nan_to_num(values)
    return total


def aht(contacts: pd.DataFrame, by=None, *, parts: Sequence[str] | None = None):
    """Average handle time in seconds: talk + hold + after-contact work, over answered contacts.

    Formula: sum of (``talk_seconds`` + ``hold_seconds`` + ``acw_seconds``) / answered contacts.
    Choices: only answered contacts count. An empty hold or after-contact-work cell counts as 0 (chat and email have
    no hold); an empty talk time on an answered contact is an error. When the table has no ``hold_seconds`` or no
    ``acw_seconds`` column at all, the function warns that its AHT leaves that part out; ``parts=["talk"]`` (or
    any of ``"talk"``, ``"hold"``, ``"acw"``) chooses the parts explicitly. The mean is pulled up by a few very
    long contacts: compare with the median when you judge a single agent. Source: Cleveland, *Call Center
    Management on Fast Forward* (4th ed., ICMI, 2019), chapter on workload.

    >>> contacts = pd.DataFrame({"answered": [True, True, False], "talk_seconds": [200, 400, None],
    ...                          "hold_seconds": [0, 60, None], "acw_seconds": [40, 60, None]})
    >>> aht(contacts)
    380.0
    >>> aht(contacts, parts=["talk"])
    300.0
    """
    table = _Table(contacts, "contacts")
    groups = _groups(table, by)
    answered = _answered(table)
    handle = _handle_seconds(table, parts, answered)
    count = groups.count(answered)
    return _finish(groups, "aht", _ratio(groups.sum(handle, answered), count, 1.0), count, "contacts",
                   "no answered contacts to compute AHT from", table="contacts")


def _answered_waits(table: _Table) -> tuple[np.ndarray, np.ndarray]:
    answered = _answered(table)
    wait = table.seconds("wait_seconds")
    checks.no_missing(table.df, table.name, "wait_seconds", wait, answered, "but those contacts were answered")
    return answered, wait


def asa(contacts: pd.DataFrame, by=None):
    """Average speed of answer in seconds: the mean wait of answered contacts.

    Formula: sum of ``wait_seconds`` over answered contacts / answered contacts.
    Choices: abandoned contacts are left out (their wait is in :func:`abandonment_rate` and
    :func:`service_level`), so a queue where the impatient hang up can show a flattering ASA. Email "waits" are
    hours: compare channels separately (``by="channel"``). Source: Cleveland, *Call Center Management on Fast
    Forward* (4th ed., ICMI, 2019).

    >>> asa(pd.DataFrame({"answered": [True, True, False], "wait_seconds": [10, 30, 90]}))
    20.0
    """
    table = _Table(contacts, "contacts")
    groups = _groups(table, by)
    answered, wait = _answered_waits(table)
    count = groups.count(answered)
    return _finish(groups, "asa", _ratio(groups.sum(np.nan_to_num(wait), answered), count, 1.0), count, "contacts",
                   "no answered contacts to compute ASA from", table="contacts")


def _thresholds(table: _Table, threshold_seconds) -> np.ndarray | float:
    if isinstance(threshold_seconds, Mapping):
        checks.require_columns(table.df, table.name, ["channel"])
        channel = table.df["channel"]
        unknown = sorted({str(c) for c in channel.unique()} - {str(k) for k in threshold_seconds})
        if unknown:
            raise DataError(f"threshold_seconds has no threshold for channel {', '.join(map(repr, unknown))}; "
                            f"it has: {', '.join(map(repr, threshold_seconds))}", table=table.name, column="channel")
        return channel.map(dict(threshold_seconds)).to_numpy(dtype="float64")
    if not isinstance(threshold_seconds, int | float) or threshold_seconds < 0:
        raise DataError(f"threshold_seconds must be a number of seconds (or a mapping channel -> seconds), "
                        f"got {threshold_seconds!r}")
    return float(threshold_seconds)


def _abandon_parts(table: _Table, short_abandon_seconds: float):
    answered, wait = _answered_waits(table)
    abandoned = ~answered
    # An abandon with an unknown wait is counted as a real abandon (not short).
    short = abandoned & (np.nan_to_num(wait, nan=np.inf) < short_abandon_seconds)
    return answered, wait, abandoned & ~short


def service_level(contacts: pd.DataFrame, by=None, *, threshold_seconds: float | Mapping[str, float] = 20,
                  abandoned: str = "in_denominator", short_abandon_seconds: float = 5):
    """Service level: the percentage of contacts answered within a threshold (20 seconds by default).

    Formula (default): answered within ``threshold_seconds`` / (answered + abandoned) x 100, after leaving out
    short abandons (hang-ups within ``short_abandon_seconds``, 5 s: usually misdials or callers who changed their
    mind). ``abandoned=`` says how the other abandoned contacts count, because centres differ:

    - ``"in_denominator"`` (default): every abandon counts as a contact not answered in time;
    - ``"excluded"``: abandons are ignored: answered within / answered;
    - ``"excluded_if_within_threshold"``: abandons within the threshold are ignored, later ones count against;
    - ``"met_if_within_threshold"``: abandons within the threshold count as met (the caller was not kept waiting
      beyond it).

    ``threshold_seconds`` may be a mapping per channel, e.g. ``{"phone": 20, "chat": 60, "email": 86400}``.
    "Answered within" means a wait of at most the threshold. An abandon with an empty wait counts as a real
    abandon after the threshold. Source: Cleveland, *Call Center Management on Fast Forward* (4th ed., ICMI, 2019),
    which lists these alternatives; the 80/20 phone target is a convention, not a law.

    >>> contacts = pd.DataFrame({"answered": [True, True, True, False, False],
    ...                          "wait_seconds": [5, 20, 45, 2, 60]})
    >>> service_level(contacts)  # 2 of 4: the 2-second hang-up is a short abandon and left out
    50.0
    >>> service_level(contacts, abandoned="excluded")
    66.66666666666667
    """
    if abandoned not in ABANDONED_RULES:
        raise DataError(f"abandoned= must be one of {', '.join(map(repr, ABANDONED_RULES))}; got {abandoned!r}")
    table = _Table(contacts, "contacts")
    groups = _groups(table, by)
    limit = _thresholds(table, threshold_seconds)
    answered, wait, real_abandon = _abandon_parts(table, short_abandon_seconds)
    num, den = _service_level_parts(groups, answered, wait, real_abandon, limit, abandoned)
    return _finish(groups, "service_level", _ratio(num, den), den, "contacts",
                   "no contacts to compute a service level from (none answered or abandoned after the "
                   "short-abandon threshold)", table="contacts")


def _service_level_parts(groups, answered, wait, real_abandon, limit, rule):
    waited = np.nan_to_num(wait, nan=np.inf)
    in_time = answered & (waited <= limit)
    abandon_early = real_abandon & (waited <= limit)
    if rule == "in_denominator":
        return groups.count(in_time), groups.count(answered | real_abandon)
    if rule == "excluded":
        return groups.count(in_time), groups.count(answered)
    if rule == "excluded_if_within_threshold":
        return groups.count(in_time), groups.count(answered | (real_abandon & ~abandon_early))
    return groups.count(in_time | abandon_early), groups.count(answered | real_abandon)


def abandonment_rate(contacts: pd.DataFrame, by=None, *, short_abandon_seconds: float = 5):
    """Abandonment rate: the percentage of contacts where the customer gave up before an agent answered.

    Formula: abandoned contacts / (answered + abandoned) x 100, both after leaving out short abandons (hang-ups
    within ``short_abandon_seconds``, 5 s by default; 0 counts every hang-up).
    Choices: a contact is abandoned when ``answered`` is False; its ``wait_seconds`` is how long the customer
    waited before giving up (an empty wait counts as a real abandon). Customers who try again count again.
    Source: Cleveland, *Call Center Management on Fast Forward* (4th ed., ICMI, 2019).

    >>> abandonment_rate(pd.DataFrame({"answered": [True, True, True, False, False],
    ...                                "wait_seconds": [5, 20, 45, 2, 60]}))
    25.0
    """
    table = _Table(contacts, "contacts")
    groups = _groups(table, by)
    answered, _, real_abandon = _abandon_parts(table, short_abandon_seconds)
    offered = groups.count(answered | real_abandon)
    return _finish(groups, "abandonment_rate", _ratio(groups.count(real_abandon), offered), offered, "contacts",
                   "no contacts to compute an abandonment rate from", table="contacts")


def resolution_rate(contacts: pd.DataFrame, by=None):
    """Resolution rate: the percentage of answered contacts the agent marked resolved.

    Formula: answered contacts with ``resolved`` True / answered contacts x 100.
    Choices: this is the agent's own judgment at the end of the contact; :func:`fcr` checks it against whether
    the customer came back. A gap between the two (high resolution rate, low FCR) is worth a conversation.
    Source: a common help-desk measure; see Cleveland (2019) on resolution versus first-contact resolution.

    >>> resolution_rate(pd.DataFrame({"answered": [True, True, True, False],
    ...                               "resolved": [True, True, False, False]}))
    66.66666666666667
    """
    table = _Table(contacts, "contacts")
    groups = _groups(table, by)
    answered = _answered(table)
    resolved = table.flags("resolved")
    count = groups.count(answered)
    return _finish(groups, "resolution_rate", _ratio(groups.count(answered & resolved), count), count, "contacts",
                   "no answered contacts to compute a resolution rate from", table="contacts")


def _cases(table: _Table, window_days: float) -> pd.DataFrame:
    """Resolved cases: from a customer's first contact on a topic to the end of the contact that resolved it."""
    checks.require_columns(table.df, table.name, ["customer_id", "topic", "arrived_at"])
    answered = _answered(table)
    resolved = table.flags("resolved") & answered
    wait = np.nan_to_num(table.seconds("wait_seconds"))
    talk = table.seconds("talk_seconds")
    checks.no_missing(table.df, table.name, "talk_seconds", talk, answered, "but those contacts were answered")
    duration = wait + np.nan_to_num(talk)
    for column in ("hold_seconds", "acw_seconds"):
        if table.has(column):
            duration += np.nan_to_num(table.seconds(column))
    t = table.epoch_seconds("arrived_at")
    customer = table.codes("customer_id").astype(np.int64)
    topic = table.codes("topic").astype(np.int64)
    order = np.lexsort((t, topic, customer))
    key = (customer * (topic.max(initial=0) + 1) + topic)[order]
    ts, done = t[order], resolved[order]
    starts = np.ones(len(order), dtype=bool)
    if len(order) > 1:
        starts[1:] = (key[1:] != key[:-1]) | done[:-1] | (ts[1:] - ts[:-1] > window_days * 86400)
    case_start_time = ts[np.flatnonzero(starts)][np.cumsum(starts) - 1]
    end_time = ts + duration[order]
    rows = order[done]
    return pd.DataFrame({"row": rows, "seconds": (end_time - case_start_time)[done]})


def resolution_time(contacts: pd.DataFrame, by=None, *, statistic: str = "median", window_days: float = 7):
    """Resolution time in seconds: from a customer's first contact about an issue to the end of the contact that
    resolved it (median by default, or ``statistic="mean"``).

    Formula: a *case* is a run of contacts by the same customer on the same topic, each within ``window_days``
    (7) of the previous one, ending at the first contact marked ``resolved``. Its resolution time is the end of
    that contact (arrival + wait + talk + hold + after-contact work) minus the arrival of the case's first contact.
    The result is the median (or mean) over resolved cases; cases never marked resolved are left out (their count
    is the difference between contacts and cases). With ``by=``, a case belongs to the group of the contact that
    resolved it (the agent who closed it, the week it was closed).
    Choices: the median is the default because a few cases open for days pull the mean far up; the seed article's
    "average resolution time" is the mean. Source: help-desk practice (e.g. Zendesk's "full resolution time");
    the case rule is the course's.

    >>> contacts = pd.DataFrame({
    ...     "customer_id": [1, 1, 2], "topic": ["billing", "billing", "delivery"],
    ...     "arrived_at": pd.to_datetime(["2025-01-06 09:00", "2025-01-07 09:00", "2025-01-06 10:00"]),
    ...     "answered": [True, True, True], "resolved": [False, True, True],
    ...     "wait_seconds": [0, 0, 0], "talk_seconds": [300, 600, 240]})
    >>> resolution_time(contacts, statistic="mean")  # (86400 + 600 + 240) / 2
    43620.0
    """
    if statistic not in ("median", "mean"):
        raise DataError(f"statistic= must be 'median' or 'mean'; got {statistic!r}")
    table = _Table(contacts, "contacts")
    groups = _groups(table, by)
    cases = _cases(table, window_days)
    if cases.empty:
        raise DataError("no resolved cases to compute a resolution time from (no answered contact is marked "
                        "resolved)", table="contacts")
    per_group = pd.Series(cases["seconds"].to_numpy()).groupby(groups.codes[cases["row"].to_numpy()])
    stats = getattr(per_group, statistic)().reindex(range(groups.size))
    counts = per_group.size().reindex(range(groups.size), fill_value=0)
    return _finish(groups, "resolution_time", stats.to_numpy(), counts.to_numpy(), "cases",
                   "no resolved cases to compute a resolution time from", table="contacts")


# ----------------------------------------------------------------------------------------------- customer KPIs


def _period(start, end) -> tuple[pd.Timestamp, pd.Timestamp]:
    try:
        start, end = pd.Timestamp(start), pd.Timestamp(end)
    except (ValueError, TypeError) as err:
        raise DataError(f"start and end must be dates such as '2025-01-06': {err}") from None
    if not start < end:
        raise DataError(f"the period must end after it starts; got {start.date()} to {end.date()}")
    return start, end


def _churn_parts(customers: pd.DataFrame, start, end, by):
    start, end = _period(start, end)
    table = _Table(customers, "customers")
    joined = table.times("joined_at")
    churned = checks.timestamps(customers, "customers", "churned_at", allow_missing=True)
    groups = _groups(table, by)
    active = ((joined <= start) & (churned.isna() | (churned > start))).to_numpy()
    left = active & (churned <= end).to_numpy()
    return groups, groups.count(left), groups.count(active), start


def churn_rate(customers: pd.DataFrame, start, end, by=None):
    """Churn rate over a period: the percentage of the customers at its start who left by its end.

    Formula: customers with ``joined_at`` <= start and not churned by start (the customers at the start), of whom
    ``churned_at`` falls after start and on or before end, / customers at the start x 100.
    Choices: customers who join during the period are not counted (they were not there at the start); an empty
    ``churned_at`` means still a customer. Compare periods of the same length: 13-week churn is not monthly churn.
    Source: the standard cohort definition, e.g. Fader and Hardie, "How to project customer retention",
    *Journal of Interactive Marketing* 21(1), 2007.

    >>> customers = pd.DataFrame({"customer_id": [1, 2, 3, 4], "plan": ["basic", "basic", "plus", "plus"],
    ...     "joined_at": pd.to_datetime(["2020-01-01", "2021-05-01", "2022-03-01", "2025-02-01"]),
    ...     "churned_at": pd.to_datetime(["2025-02-10", None, None, None])})
    >>> round(churn_rate(customers, "2025-01-01", "2025-03-31"), 1)  # 1 of the 3 customers at the start left
    33.3
    >>> churn_rate(customers, "2025-01-01", "2025-03-31", by="plan")
        plan  churn_rate  customers
    0  basic        50.0          2
    1   plus         0.0          1
    """
    groups, left, active, start = _churn_parts(customers, start, end, by)
    return _finish(groups, "churn_rate", _ratio(left, active), active, "customers",
                   f"no customers at the start of the period ({start.date()}) to compute churn from",
                   table="customers")


def retention_rate(customers: pd.DataFrame, start, end, by=None):
    """Retention rate over a period: the percentage of the customers at its start who are still customers at its end.

    Formula: 100 - :func:`churn_rate` for the same period and customers; the same as the common
    (customers at end - new customers) / customers at start x 100.
    Source: as for :func:`churn_rate`.

    >>> customers = pd.DataFrame({"customer_id": [1, 2, 3],
    ...     "joined_at": pd.to_datetime(["2020-01-01", "2021-05-01", "2022-03-01"]),
    ...     "churned_at": pd.to_datetime(["2025-02-10", None, None])})
    >>> round(retention_rate(customers, "2025-01-01", "2025-03-31"), 1)
    66.7
    """
    groups, left, active, start = _churn_parts(customers, start, end, by)
    return _finish(groups, "retention_rate", _ratio(active - left, active), active, "customers",
                   f"no customers at the start of the period ({start.date()}) to compute retention from",
                   table="customers")


# --------------------------------------------------------------------------------------------------- scorecard

#: The scorecard's KPIs: name, what it is, unit.
SCORECARD = (
    ("service_level", "Service level (answered within target)", "%"),
    ("asa", "Average speed of answer", "seconds"),
    ("abandonment_rate", "Abandonment rate", "%"),
    ("aht", "Average handle time", "seconds"),
    ("fcr", "First-contact resolution (no repeat in 7 days)", "%"),
    ("resolution_rate", "Resolved (agent's flag)", "%"),
    ("csat", "CSAT (% satisfied, 4-5 of 5)", "%"),
    ("nps", "NPS (promoters - detractors)", "-100..100"),
    ("ces", "CES (ease, 1-7)", "score"),
)


def kpi_summary(contacts: pd.DataFrame, surveys: pd.DataFrame | None = None, by=None, *,
                threshold_seconds: float | Mapping[str, float] | None = None, short_abandon_seconds: float = 5,
                window_days: float = 7) -> pd.DataFrame:
    """A scorecard of every contact and survey KPI, for the whole table or one row per group.

    Without ``by``: one row per KPI with its value, unit and the count it is based on. With ``by``: one row per
    group, a column per KPI, plus ``contacts`` (all contacts in the group) and ``responses`` (surveys).
    The definitions are those of the single functions (:func:`service_level` with abandons in the denominator,
    :func:`fcr` with complete windows only, :func:`csat` top-2-box ...). ``threshold_seconds`` defaults to
    ``CHANNEL_THRESHOLDS`` (phone 20 s, chat 60 s, email 24 h) when the table has a ``channel`` column whose
    channels are all in it, and 20 seconds otherwise. A KPI whose columns the table lacks (FCR without
    ``customer_id``, for instance) is left empty, and the scorecard says which column it needs. Survey KPIs are
    grouped by the contact each survey is about.

    >>> contacts = pd.DataFrame({"contact_id": [1, 2, 3], "customer_id": [7, 8, 9],
    ...     "arrived_at": pd.to_datetime(["2025-01-06 09:00", "2025-01-06 09:05", "2025-01-20 10:00"]),
    ...     "topic": ["billing", "billing", "account"], "agent": ["Ana", "Bo", None],
    ...     "answered": [True, True, False], "wait_seconds": [10, 40, 90], "talk_seconds": [200, 300, None],
    ...     "resolved": [True, False, False]})
    >>> surveys = pd.DataFrame({"contact_id": [1, 2], "csat": [5, 2], "nps": [10, 3]})
    >>> kpi_summary(contacts, surveys)[["kpi", "value", "unit", "based_on"]]
                    kpi  value       unit  based_on
    0     service_level   33.3          %         3
    1               asa   25.0    seconds         2
    2  abandonment_rate   33.3          %         3
    3               aht  250.0    seconds         2
    4               fcr  100.0          %         2
    5   resolution_rate   50.0          %         2
    6              csat   50.0          %         2
    7               nps    0.0  -100..100         2
    8               ces    NaN      score         0
    """
    table = _Table(contacts, "contacts")
    groups = _groups(table, by)
    columns: dict[str, np.ndarray] = {"contacts": np.bincount(groups.codes, minlength=groups.size)}
    counts: dict[str, np.ndarray] = {}
    missing: dict[str, str] = {}
    if threshold_seconds is None:
        threshold_seconds = 20
        if table.has("channel") and set(table.df["channel"].dropna().unique()) <= set(CHANNEL_THRESHOLDS):
            threshold_seconds = CHANNEL_THRESHOLDS

    def needs(kpi: str, names: list[str], frame: pd.DataFrame | None) -> bool:
        absent = [n for n in names if frame is None or n not in frame.columns]
        if absent:
            missing[kpi] = "needs " + ", ".join(absent)
        return not absent

    if needs("service_level", ["answered", "wait_seconds"], contacts):
        answered, wait, real_abandon = _abandon_parts(table, short_abandon_seconds)
        num, den = _service_level_parts(groups, answered, wait, real_abandon, _thresholds(table, threshold_seconds),
                                        "in_denominator")
        columns["service_level"], counts["service_level"] = _ratio(num, den), den
        answered_n = groups.count(answered)
        columns["asa"] = _ratio(groups.sum(np.nan_to_num(wait), answered), answered_n, 1.0)
        counts["asa"] = answered_n
        columns["abandonment_rate"], counts["abandonment_rate"] = _ratio(groups.count(real_abandon), den), den
    else:
        missing["asa"] = missing["abandonment_rate"] = missing["service_level"]
    if needs("aht", ["answered", "talk_seconds"], contacts):
        answered = _answered(table)
        present = [p for p in _PARTS if table.has(_PARTS[p])]
        if len(present) < len(_PARTS):
            absent = ", ".join(_PARTS[p] for p in _PARTS if p not in present)
            missing["aht"] = f"{' + '.join(present)} only (no {absent})"
        handle = _handle_seconds(table, present, answered)
        n = groups.count(answered)
        columns["aht"], counts["aht"] = _ratio(groups.sum(handle, answered), n, 1.0), n
    if needs("fcr", ["answered", "customer_id", "topic", "arrived_at"], contacts):
        first, counted = _fcr_parts(table, groups, window_days, True)
        columns["fcr"], counts["fcr"] = _ratio(first, counted), counted
    if needs("resolution_rate", ["answered", "resolved"], contacts):
        answered = _answered(table)
        n = groups.count(answered)
        columns["resolution_rate"] = _ratio(groups.count(answered & table.flags("resolved")), n)
        counts["resolution_rate"] = n
    if surveys is not None:
        survey_table, survey_codes = _surveys_about(_Table(surveys, "surveys"), table, groups.codes)
        survey_groups = _Groups(survey_codes, groups.labels)
        columns["responses"] = np.bincount(survey_groups.codes, minlength=groups.size)
        if needs("csat", ["csat"], surveys):
            happy, responses, _ = _csat_parts(survey_table, survey_groups, 4)
            columns["csat"], counts["csat"] = _ratio(happy, responses), responses
        if needs("nps", ["nps"], surveys):
            promoters, detractors, responses = _nps_parts(survey_table, survey_groups)
            columns["nps"], counts["nps"] = _ratio(promoters - detractors, responses), responses
        if needs("ces", ["ces"], surveys):
            score = survey_table.scores("ces", 1, 7)
            responses = survey_groups.count(~np.isnan(score))
            columns["ces"] = _ratio(survey_groups.sum(np.nan_to_num(score)), responses, 1.0)
            counts["ces"] = responses
    else:
        for kpi in ("csat", "nps", "ces"):
            missing[kpi] = "needs the surveys table"

    if groups.labels is None:
        rows = []
        for kpi, label, unit in SCORECARD:
            value = float(columns[kpi][0]) if kpi in columns else np.nan
            rows.append({"kpi": kpi, "label": label, "value": round(value, 1), "unit": unit,
                         "based_on": int(counts[kpi][0]) if kpi in counts else 0, "note": missing.get(kpi, "")})
        return pd.DataFrame(rows)
    out = groups.labels.copy()
    for name in ("contacts", "service_level", "asa", "abandonment_rate", "aht", "fcr", "resolution_rate",
                 "responses", "csat", "nps", "ces"):
        if name in columns:
            out[name] = columns[name]
    out.attrs["not_computed"] = missing
    return out[out["contacts"] > 0].reset_index(drop=True)


# --------------------------------------------------------------------------------------------------- dashboard

#: What the dashboard offers: label shown to the learner -> (function name, unit).
DASHBOARD_KPIS = {
    "CSAT (% satisfied)": ("csat", "%"),
    "NPS": ("nps", "-100..100"),
    "CES (ease 1-7)": ("ces", "score"),
    "First-contact resolution (%)": ("fcr", "%"),
    "Average handle time (s)": ("aht", "seconds"),
    "Average speed of answer (s)": ("asa", "seconds"),
    "Service level (% in target time)": ("service_level", "%"),
    "Abandonment rate (%)": ("abandonment_rate", "%"),
    "Resolved, agent's flag (%)": ("resolution_rate", "%"),
}
SURVEY_KPIS = ("csat", "nps", "ces")


def in_period(contacts: pd.DataFrame, surveys: pd.DataFrame | None, start, end):
    """The contacts that arrived from ``start`` (inclusive) to ``end`` (exclusive), and the surveys about them.

    >>> contacts = pd.DataFrame({"contact_id": [1, 2],
    ...                          "arrived_at": pd.to_datetime(["2025-01-06 09:00", "2025-01-14 09:00"])})
    >>> len(in_period(contacts, None, "2025-01-06", "2025-01-13")[0])
    1
    """
    start, end = _period(start, end)
    times = checks.timestamps(contacts, "contacts", "arrived_at")
    keep = ((times >= start) & (times < end)).to_numpy()
    selected = contacts[keep]
    if surveys is None:
        return selected, None
    return selected, surveys[surveys["contact_id"].isin(selected["contact_id"])]


def dashboard_table(contacts: pd.DataFrame, surveys: pd.DataFrame, kpi: str, by: str | None = None,
                    start=None, end=None, channel: str | None = None) -> pd.DataFrame:
    """The table behind the dashboard: one KPI (a name such as ``"csat"``), grouped, for a period.

    The rows are the groups (or one row, "all contacts"), with the KPI and its count. ``start``/``end`` limit the
    contacts to a period (end exclusive), ``channel`` to one channel; surveys follow their contacts. Service level
    uses ``CHANNEL_THRESHOLDS`` (phone 20 s, chat 60 s, email 24 h) when the channels are known, else 20 s.
    A choice with no data raises DataError.

    >>> contacts = pd.DataFrame({"contact_id": [1, 2], "agent": ["Ana", "Bo"],
    ...     "arrived_at": pd.to_datetime(["2025-01-06 09:00", "2025-01-07 09:00"]),
    ...     "answered": [True, True], "wait_seconds": [10, 30], "talk_seconds": [100, 200]})
    >>> dashboard_table(contacts, None, "asa", by="agent")
      agent   asa  contacts
    0   Ana  10.0         1
    1    Bo  30.0         1
    """
    functions = {name: globals()[name] for name, _ in DASHBOARD_KPIS.values()}
    if kpi not in functions:
        raise DataError(f"the dashboard has no KPI '{kpi}'; choose one of {', '.join(functions)}")
    if start is not None or end is not None:
        times = checks.timestamps(contacts, "contacts", "arrived_at")
        contacts, surveys = in_period(contacts, surveys, start if start is not None else times.min(),
                                      end if end is not None else times.max() + pd.Timedelta(seconds=1))
    if channel is not None:
        checks.require_columns(contacts, "contacts", ["channel"])
        contacts = contacts[(contacts["channel"] == channel).to_numpy()]
    if kpi in SURVEY_KPIS and surveys is None:
        raise DataError(f"{kpi} needs the surveys table")
    if not by:  # one row for everything, with the count the single number is based on
        by = "group"
        contacts = contacts.assign(group="all contacts")
        surveys = surveys.assign(group="all contacts") if surveys is not None else None
    if kpi in SURVEY_KPIS:
        return functions[kpi](surveys, by=by, contacts=contacts)
    if kpi == "service_level" and "channel" in contacts.columns and set(contacts["channel"].dropna()) <= set(
            CHANNEL_THRESHOLDS):
        return service_level(contacts, by=by, threshold_seconds=CHANNEL_THRESHOLDS)
    if kpi == "aht":  # the parts the table has (the scorecard notes which are missing)
        return aht(contacts, by=by, parts=[p for p in _PARTS if _PARTS[p] in contacts.columns] or None)
    return functions[kpi](contacts, by=by)


#: The groupings the dashboard offers: label -> by= value (None: the whole team).
DASHBOARD_GROUPS = {"Whole team": None, "Agent": "agent", "Channel": "channel", "Topic": "topic", "Week": "week",
                    "Weekday": "weekday", "Hour of day": "hour"}


def week_starts(contacts: pd.DataFrame) -> list[pd.Timestamp]:
    """The Mondays of every week the contacts cover, in order (the dashboard's period choices).

    >>> week_starts(pd.DataFrame({"arrived_at": pd.to_datetime(["2025-01-08", "2025-01-21"])}))
    [Timestamp('2025-01-06 00:00:00'), Timestamp('2025-01-13 00:00:00'), Timestamp('2025-01-20 00:00:00')]
    """
    times = checks.timestamps(contacts, "contacts", "arrived_at")
    if times.empty:
        raise DataError("there are no contacts, so there are no weeks to choose from", table="contacts")
    first = times.min().normalize() - pd.Timedelta(days=times.min().weekday())
    last = times.max().normalize()
    return list(pd.date_range(first, last, freq="7D"))


def _fmt(value: float, unit: str) -> str:
    return f"{value:.0f} s" if unit == "seconds" else f"{value:.1f}" + (" %" if unit == "%" else "")


def describe(table: pd.DataFrame, kpi: str) -> str:
    """One plain sentence about a dashboard table: the overall value, or the highest and lowest group.

    >>> t = pd.DataFrame({"agent": ["Ana", "Bo", "Cy"], "csat": [80.0, 55.0, 70.0], "responses": [40, 35, 12]})
    >>> describe(t, "csat")
    'Highest: Ana 80.0 % (40 responses). Lowest: Bo 55.0 % (35 responses). 1 group has fewer than 30 responses.'
    """
    unit = next((u for name, u in DASHBOARD_KPIS.values() if name == kpi), "")
    count = next(c for c in ("responses", "contacts", "cases", "customers") if c in table.columns)
    group = table.columns[0]
    rows = table.dropna(subset=[kpi])
    if rows.empty:
        return "No values to show for this choice."
    if group == "group" or len(rows) == 1:
        row = rows.iloc[0]
        return f"{_fmt(row[kpi], unit)}, from {int(row[count])} {count}."

    def name(row):
        label = row[group]
        if pd.isna(label):
            return "(none)"
        if isinstance(label, pd.Timestamp):
            return f"week of {label.strftime('%d %b')}" if group == "week" else label.strftime("%d %b %Y")
        return f"{int(label)}:00" if group == "hour" else str(label)

    higher_is_worse = kpi in ("aht", "asa", "abandonment_rate", "resolution_time")
    best = rows.loc[rows[kpi].idxmin() if higher_is_worse else rows[kpi].idxmax()]
    worst = rows.loc[rows[kpi].idxmax() if higher_is_worse else rows[kpi].idxmin()]
    text = (f"{'Best' if higher_is_worse else 'Highest'}: {name(best)} {_fmt(best[kpi], unit)} "
            f"({int(best[count])} {count}). {'Worst' if higher_is_worse else 'Lowest'}: {name(worst)} "
            f"{_fmt(worst[kpi], unit)} ({int(worst[count])} {count}).")
    small = int((rows[count] < 30).sum())
    if small:
        text += f" {small} group{'s' if small > 1 else ''} {'has' if small == 1 else 'have'} fewer than 30 {count}."
    return text
