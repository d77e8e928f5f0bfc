"""Messy exports, generated: every load either matches a reference parse of the same rows or says why not.

Hypothesis writes exports the way real tools do (UTF-8 with or without BOM, UTF-16, Windows-1252; separated by
commas, semicolons or tabs; ISO or day-first dates; times with or without seconds; durations as seconds or
h:mm:ss; empty cells; extra columns holding the separator in quotes; sometimes the same rows twice, an impossible
time or a date after today). The expected table is built here from the generated rows, independently of the
loader; the load must equal it, or raise the course's error when the rows hold something that cannot be right.
"""

import csv
import datetime as dt
import io

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course_lib.data.own_data import load_contacts
from course_lib.errors import CourseError

TODAY = dt.date(2025, 6, 30)
NAMES = ["Ana", "José", "Zoë", "Bjørn", "Renée", "O'Neil", ""]
HEADERS = [  # (id, date, time, agent, answered, talk): names the loader recognises without a mapping
    ("Call ID", "Date", "Start time", "Agent", "Answered (Y/N)", "Talk time"),
    ("Ticket Id", "Call date", "Time", "Agent name", "Answered", "Talk duration"),
]
DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%d/%m/%Y", "%d.%m.%Y"]

row = st.fixed_dictionaries({
    "day": st.dates(dt.date(2024, 1, 1), dt.date(2025, 6, 30)),
    "hour": st.integers(0, 23), "minute": st.integers(0, 59), "second": st.integers(0, 59),
    "agent": st.sampled_from(NAMES),
    "answered": st.booleans(),
    "talk": st.one_of(st.none(), st.integers(0, 20_000)),
    "note": st.sampled_from(["", "called back", "said: yes; no", "a, b\tc", 'quote "x"']),
})

export = st.fixed_dictionaries({
    "rows": st.lists(row, min_size=1, max_size=25),
    "encoding": st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
    "sep": st.sampled_from([",", ";", "\t"]),
    "date_format": st.sampled_from(DATE_FORMATS),
    "seconds_in_time": st.booleans(),
    "clock_durations": st.booleans(),
    "yes_no": st.sampled_from([("Y", "N"), ("Yes", "No"), ("TRUE", "FALSE"), ("1", "0")]),
    "header": st.sampled_from(HEADERS),
    "extra_first": st.booleans(),
    "fault": st.sampled_from([None, None, None, "repeat", "bad_time", "future", "bad_duration"]),
})


def _clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def write_export(spec: dict) -> tuple[bytes, dict]:
    """The file's bytes, and the keyword arguments a learner would pass (a date format that is not ISO)."""
    id_col, date_col, time_col, agent_col, answered_col, talk_col = spec["header"]
    header = [id_col, date_col, time_col, agent_col, answered_col, talk_col]
    header = (["Site"] + header if spec["extra_first"] else header) + ["Notes"]
    lines = []
    yes, no = spec["yes_no"]
    for number, r in enumerate(spec["rows"]):
        time = f"{r['hour']:02d}:{r['minute']:02d}" + (f":{r['second']:02d}" if spec["seconds_in_time"] else "")
        talk = "" if r["talk"] is None else (_clock(r["talk"]) if spec["clock_durations"] else str(r["talk"]))
        values = [f"C{number}", r["day"].strftime(spec["date_format"]), time, r["agent"],
                  yes if r["answered"] else no, talk]
        lines.append((["Leeds"] + values if spec["extra_first"] else values) + [r["note"]])
    fault = spec["fault"]
    if fault == "repeat":
        lines += lines[: max(1, len(lines) // 2)]
    elif fault in ("bad_time", "future", "bad_duration"):
        column = {"bad_time": 2, "future": 1, "bad_duration": 5}[fault] + (1 if spec["extra_first"] else 0)
        lines[-1][column] = {"bad_time": "25:61:00", "future": (TODAY + dt.timedelta(days=3)).strftime(
            spec["date_format"]), "bad_duration": "inf"}[fault]
    text = io.StringIO()
    csv.writer(text, delimiter=spec["sep"], lineterminator="\n").writerows([header, *lines])
    iso = spec["date_format"] in ("%Y-%m-%d", "%Y/%m/%d")
    return text.getvalue().encode(spec["encoding"]), ({} if iso else {"date_format": spec["date_format"]})


def expected_frame(spec: dict) -> pd.DataFrame:
    """The reference parse: built from the generated rows, not from the file."""
    rows = spec["rows"]
    seconds = [r["second"] if spec["seconds_in_time"] else 0 for r in rows]
    return pd.DataFrame({
        "contact_id": [f"C{i}" for i in range(len(rows))],
        "arrived_at": [pd.Timestamp(dt.datetime.combine(r["day"], dt.time(r["hour"], r["minute"], s)))
                       for r, s in zip(rows, seconds, strict=True)],
        "agent": [r["agent"] or np.nan for r in rows],
        "answered": [r["answered"] for r in rows],
        "talk_seconds": [np.nan if r["talk"] is None else float(r["talk"]) for r in rows],
    })


@settings(max_examples=50, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=export)
def test_every_messy_export_loads_right_or_says_why_not(tmp_path, spec):
    data, options = write_export(spec)
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    try:
        contacts = load_contacts(path, show_report=False, today=TODAY, **options)
    except CourseError as err:
        assert spec["fault"] is not None, f"a clean export was refused: {err}"
        return
    assert spec["fault"] is None, f"the fault {spec['fault']!r} was loaded without a word"
    expected = expected_frame(spec)
    got = contacts[list(expected.columns)].copy()
    got["arrived_at"] = got["arrived_at"].astype("datetime64[ns]")
    expected["arrived_at"] = expected["arrived_at"].astype("datetime64[ns]")
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    report = str(contacts.attrs["load_report"])
    assert f"combined '{spec['header'][1]}' and '{spec['header'][2]}' into arrived_at" in report
    assert "Not used from the file: " in report and "'Notes'" in report


@pytest.mark.parametrize("fault", ["repeat", "bad_time", "future", "bad_duration"])
def test_each_fault_is_refused_with_a_line_number(tmp_path, fault):
    spec = {"rows": [{"day": dt.date(2025, 1, 2), "hour": 9, "minute": 5, "second": 7, "agent": "José",
                      "answered": True, "talk": 95, "note": ""}] * 3,
            "encoding": "cp1252", "sep": ";", "date_format": "%d/%m/%Y", "seconds_in_time": True,
            "clock_durations": True, "yes_no": ("Y", "N"), "header": HEADERS[0], "extra_first": True, "fault": fault}
    data, options = write_export(spec)
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    with pytest.raises(CourseError, match=r"line [45]"):
        load_contacts(path, show_report=False, today=TODAY, **options)
