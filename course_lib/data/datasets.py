"""The course's data sets: where they are, how to load them (``load_dataset("contacts")``) and the data
dictionary they are checked against.

Three tables describe one fictional contact centre over 13 weeks (6 January to 6 April 2025): ``contacts`` (every
phone call, chat and email), ``surveys`` (post-contact surveys for some of them) and ``customers``. Their columns
are described in the data dictionary, ``datasets/README.md``; :func:`validate` checks a table against it. The
centre itself (agents, volumes, handle times) is :mod:`course_lib.data.centre`, and the simulation that writes the
files from a seed is :mod:`course_lib.data.generate`.

>>> contacts = load_dataset("contacts")
>>> contacts.columns.tolist()[:6]
['contact_id', 'customer_id', 'arrived_at', 'channel', 'topic', 'agent']
>>> sorted(contacts["channel"].unique().tolist())
['chat', 'email', 'phone']
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from course_lib.data import checks
from course_lib.data.centre import AGENTS, COMMENTS  # noqa: F401  (read from here by course_lib.voice.comment_coding)
from course_lib.errors import DataError

#: Where the generated CSVs live: ``datasets/`` at the root of the course, next to ``course_lib``.
DATASETS_DIR = Path(__file__).resolve().parents[2] / "datasets"
NAMES = ("contacts", "surveys", "customers")


# ---------------------------------------------------------------------------------------------------- loading


def dataset_path(name: str) -> Path:
    """Where a shipped data set's CSV file is, e.g. ``dataset_path("contacts")``."""
    if name not in NAMES:
        import difflib

        close = difflib.get_close_matches(str(name), NAMES, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise DataError(f"there is no data set called '{name}'{hint}; the course has: {', '.join(NAMES)}")
    return DATASETS_DIR / f"{name}.csv"


_DTYPES = {
    "contacts": {"contact_id": "int64", "customer_id": "int64", "channel": "str", "topic": "str", "agent": "str",
                 "wait_seconds": "Int64", "talk_seconds": "Int64", "hold_seconds": "Int64", "acw_seconds": "Int64"},
    "surveys": {"contact_id": "int64", "csat": "Int64", "nps": "Int64", "ces": "Int64", "comment": "str"},
    "customers": {"customer_id": "int64", "plan": "str"},
}
_DATES = {"contacts": ["arrived_at"], "surveys": [], "customers": ["joined_at", "churned_at"]}


def read_csv(source, name: str) -> pd.DataFrame:
    """Read one of the course's tables from a CSV file (or file-like object) with the right types."""
    df = pd.read_csv(source, dtype=_DTYPES[name], keep_default_na=True)
    for column in _DATES[name]:
        df[column] = pd.to_datetime(df[column])
    for column in ("answered", "resolved"):
        if column in df.columns and df[column].dtype != bool:
            df[column] = checks.flags(df, name, column)
    return df


def load_dataset(name: str) -> pd.DataFrame:
    """One of the course's data sets as a table: ``"contacts"``, ``"surveys"`` or ``"customers"``.

    It is read from the course's ``datasets/`` folder wherever the notebook runs, and checked against the data
    dictionary (``datasets/README.md``): every column present, scores in range, no negative durations.

    >>> surveys = load_dataset("surveys")
    >>> surveys.columns.tolist()
    ['contact_id', 'csat', 'nps', 'ces', 'comment']
    >>> int(surveys["csat"].min()), int(surveys["csat"].max())
    (1, 5)
    """
    path = dataset_path(name)
    if not path.exists():
        raise DataError(f"the file {path} is missing; recreate it with: python tools/generate_datasets.py",
                        table=name)
    df = read_csv(path, name)
    validate(df, name)
    return df


def validate(df: pd.DataFrame, name: str) -> None:
    """Check a course table against the data dictionary; raise a DataError naming the column and rows."""
    checks.require_columns(df, name, list(checks.SCHEMA[name]))
    if name == "contacts":
        checks.timestamps(df, name, "arrived_at")
        answered = checks.flags(df, name, "answered")
        checks.flags(df, name, "resolved")
        for column in ("wait_seconds", "talk_seconds", "hold_seconds", "acw_seconds"):
            checks.seconds(df, name, column)
        talk = checks.seconds(df, name, "talk_seconds")
        checks.no_missing(df, name, "talk_seconds", talk, answered, "but those contacts were answered")
    elif name == "surveys":
        checks.whole_numbers(df, name, "csat", low=1, high=5)
        checks.whole_numbers(df, name, "nps", low=0, high=10)
        checks.whole_numbers(df, name, "ces", low=1, high=7)
    else:
        checks.timestamps(df, name, "joined_at")
        checks.timestamps(df, name, "churned_at", allow_missing=True)



EXAMPLE_EXPORT = "example_phone_export.csv"


def example_export_path() -> Path:
    """A small file shaped like a phone system's export (other column names, "00:02:23" durations, Y/N flags),
    for practising ``load_contacts`` before using your own team's export."""
    return DATASETS_DIR / EXAMPLE_EXPORT
