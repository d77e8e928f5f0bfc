"""A team's own export: what the loader does silently wrong no more (issue 20).

Each test is one defect that was found by probing the loader with bad input: it now either does the right thing
and says so in the load report, or raises the course's DataError naming the column and the file's line numbers.
"""

import contextlib
import datetime as dt
import io
import zipfile

import pandas as pd
import pytest

from course_lib import kpi
from course_lib.data import checks
from course_lib.data.datasets import example_export_path
from course_lib.data.own_data import load_contacts, load_surveys
from course_lib.errors import CourseError, DataError

TODAY = dt.date(2025, 6, 1)
HEADER = "Call ID,Customer,Date,Start time,Reason,Agent,Answered (Y/N),Talk time\n"


def write(tmp_path, data, name="export.csv"):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def load(path, **kwargs):
    return load_contacts(path, show_report=False, today=TODAY, **kwargs)


# -- date and time columns --------------------------------------------------------------------------------------

def test_the_courses_own_export_gets_its_dates_without_a_mapping():
    automatic = load_contacts(example_export_path(), show_report=False)
    mapped = load_contacts(example_export_path(), columns={"Start time": "time"}, show_report=False)
    pd.testing.assert_frame_equal(automatic, mapped)
    assert automatic["arrived_at"].iloc[0] == pd.Timestamp("2025-03-10 08:09:12")  # was: today at 08:09:12
    assert "combined 'Date' and 'Start time' into arrived_at" in str(automatic.attrs["load_report"])


def test_call_date_and_time_are_combined(tmp_path):
    contacts = load(write(tmp_path, "Call Id,Call date,Time\nA,2025-03-04,17:30\n"))
    assert contacts["arrived_at"].tolist() == [pd.Timestamp("2025-03-04 17:30")]
    assert "combined 'Call date' and 'Time' into arrived_at" in str(contacts.attrs["load_report"])


@pytest.mark.parametrize("time", ["25:61:00", "24:00:00", "12:60:00", "10:00:60", "13:00 PM", "noon"])
def test_impossible_times_are_refused_not_rolled_into_the_next_day(tmp_path, time):
    rows = f"A,1,2025-03-04,09:00:00,Billing,Ana,Y,60\nB,2,2025-03-04,{time},Billing,Ana,Y,60\n"
    path = write(tmp_path, HEADER + rows)
    with pytest.raises(DataError, match=r"column 'Start time' \(time\) must hold times of day .*line 3"):
        load(path)


def test_twelve_hour_times_are_read(tmp_path):
    contacts = load(write(tmp_path, "Call Id,Date,Time\nA,2025-03-04,12:05 AM\nB,2025-03-04,1:30 pm\n"))
    assert contacts["arrived_at"].dt.strftime("%H:%M").tolist() == ["00:05", "13:30"]


def test_a_time_of_day_without_a_date_is_refused(tmp_path):
    with pytest.raises(DataError, match="times of day with no date"):
        load(write(tmp_path, "Call Id,Start time\nA,09:00:00\n"))


# -- encodings ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("encoding", "named"), [("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 with a byte-order mark"),
                                                 ("utf-16", "UTF-16"), ("cp1252", "Windows-1252"),
                                                 ("latin-1", "Windows-1252")])
def test_encodings_are_detected_and_named(tmp_path, encoding, named):
    text = "Call Id,Agent,Date,Time\nA,José,2025-03-04,09:00\nB,Zoë,2025-03-04,09:05\n"
    contacts = load(write(tmp_path, text.encode(encoding)))
    assert contacts["agent"].tolist() == ["José", "Zoë"]
    assert f"Read as {named}, separated by commas." in str(contacts.attrs["load_report"])


def test_bytes_no_encoding_can_read_are_refused_naming_what_was_tried(tmp_path):
    with pytest.raises(DataError, match="UTF-8, UTF-16, Windows-1252"):
        load(write(tmp_path, b"Call Id,Agent\nA,Jos\x81\x8d\n"))


@pytest.mark.parametrize(("sep", "named"), [(";", "semicolons"), ("\t", "tabs")])
def test_separators_are_detected_and_named(tmp_path, sep, named):
    contacts = load(write(tmp_path, f"Call Id{sep}Agent{sep}Talk time\nA{sep}Ana{sep}15\n"))
    assert contacts["agent"].tolist() == ["Ana"]
    assert f"separated by {named}" in str(contacts.attrs["load_report"])


# -- rows that cannot be right -------------------------------------------------------------------------------------

def test_the_same_contacts_loaded_twice_are_refused(tmp_path):
    rows = "".join(f"C{i},{i},2025-03-0{i},09:00:00,Billing,Ana,Y,60\n" for i in range(1, 4))
    with pytest.raises(DataError, match=r"'Call ID' \(contact_id\): 3 rows repeat an earlier row exactly: "
                                        r"line 5 \('C1', first on line 2\)"):
        load(write(tmp_path, HEADER + rows + rows))
    contacts = load(write(tmp_path, HEADER + rows))
    assert kpi.fcr(contacts, complete_windows_only=False) == 100.0


def test_an_id_reused_on_a_different_row_is_noted(tmp_path):
    rows = "C1,1,2025-03-01,09:00:00,Billing,Ana,Y,60\nC1,2,2025-03-02,10:00:00,Billing,Bo,Y,90\n"
    contacts = load(write(tmp_path, HEADER + rows))
    assert "1 rows reuse a contact id of an earlier, different row in column 'Call ID': line 3 ('C1', first on " \
           "line 2)" in str(contacts.attrs["load_report"])


def test_dates_after_today_are_refused(tmp_path):
    rows = "C1,1,2025-05-31,23:59:59,Billing,Ana,Y,60\nC2,2,2025-06-02,09:00:00,Billing,Ana,Y,60\n"
    with pytest.raises(DataError, match=r"dates after today \(2025-06-01\): line 3"):
        load(write(tmp_path, HEADER + rows))


@pytest.mark.parametrize("talk", ["inf", "-inf", "Infinity", "1e400"])
def test_infinite_durations_are_refused(tmp_path, talk):
    with pytest.raises(DataError, match=r"column 'Talk time' \(talk_seconds\) .*line 2"):
        load(write(tmp_path, HEADER + f"C1,1,2025-03-01,09:00:00,Billing,Ana,Y,{talk}\n"))


def test_kpis_refuse_an_infinite_duration_in_a_table_too():
    contacts = pd.DataFrame({"answered": [True], "talk_seconds": [float("inf")]})
    with pytest.raises(DataError, match="talk_seconds"):
        kpi.aht(contacts, parts=["talk"])
    with pytest.raises(DataError, match="0 or more"):
        checks.seconds(contacts, "contacts", "talk_seconds")


@pytest.mark.parametrize("window", [-1, float("nan"), float("inf"), "7"])
def test_fcr_refuses_a_window_that_is_not_a_number_of_days(window):
    contacts = load_contacts(example_export_path(), show_report=False)
    with pytest.raises(DataError, match="window_days must be a number of days, 0 or more"):
        kpi.fcr(contacts, window_days=window)


# -- surveys -------------------------------------------------------------------------------------------------------

def test_survey_ids_matching_no_contact_are_counted_and_named(tmp_path):
    contacts = load(write(tmp_path, HEADER + "C1,1,2025-03-01,09:00:00,Billing,Ana,Y,60\n"))
    surveys = load_surveys(write(tmp_path, "Call ID,CSAT\nC1,5\nX9,4\nX8,\nX7,2\n", "s.csv"), contacts=contacts,
                           show_report=False)
    report = str(surveys.attrs["load_report"])
    assert "Left out 1 rows with no score." in report
    assert "Unmatched: 2 of 3 surveys name a contact id that is not in the contacts, so KPIs that join them leave " \
           "those out: 'X9' (line 3), 'X7' (line 5)" in report


# -- files that are not what they say ----------------------------------------------------------------------------

def _workbook_bytes() -> bytes:
    buffer = io.BytesIO()
    pd.DataFrame({"Call Id": ["A"], "Agent": ["Ana"]}).to_excel(buffer, index=False)
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "data", "message"), [
    ("empty.csv", b"", "this file is empty"),
    ("blank.csv", b"\n\n  \n", "this file is empty"),
    ("bom_only.csv", b"\xef\xbb\xbf", "this file is empty"),
    ("empty.xlsx", b"", "this file is empty"),
    ("renamed.xlsx", b"Call Id,Agent\nA,Ana\n", r"not an Excel workbook \(it looks like CSV text\): rename it to .csv"),
    ("corrupt.xlsx", b"PK\x03\x04" + bytes(range(256)) * 4, "not an Excel workbook"),
    ("truncated.xlsx", None, "damaged|not an Excel workbook"),
    ("not_a_workbook.xlsx", None, "damaged"),
    ("binary.csv", bytes(range(256)) * 8, "not text|encodings tried"),
    ("nul.csv", b"Call Id,Agent\x00\nA,B\x00\n", "not text"),
    ("workbook.csv", None, "rename it to .xlsx"),
    ("unclosed.csv", b'Call Id,Agent\nA,"Ana\n' + b"B,Bo\n" * 3, "quoted|could not"),
    ("ragged.csv", b"Call Id,Agent\nA,Ana,extra,more\n", "line 2 has more values"),
    ("ragged_later.csv", b"Call Id,Agent\nA,Ana\nB,Bo,x\n", "rows could not be read.*line 3"),
    ("very_ragged.csv", b"Call Id,Agent\nA,Ana\nB,Bo,x,y,z\n", "rows could not be read"),
])
def test_files_that_are_not_what_they_say_give_the_courses_error(tmp_path, name, data, message):
    if name == "truncated.xlsx":
        data = _workbook_bytes()[:300]
    elif name == "not_a_workbook.xlsx":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("hello.txt", "not a workbook")
        data = buffer.getvalue()
    elif name == "workbook.csv":
        data = _workbook_bytes()
    path = write(tmp_path, data, name)
    for loader in (load_contacts, load_surveys):
        with pytest.raises(DataError, match=message):
            loader(path, show_report=False)


def test_a_real_workbook_still_loads(tmp_path):
    contacts = load(write(tmp_path, _workbook_bytes(), "export.xlsx"))
    assert contacts["agent"].tolist() == ["Ana"]


def test_a_folder_or_a_missing_file(tmp_path):
    with pytest.raises(DataError, match="is a folder"):
        load(tmp_path)
    with pytest.raises(DataError, match="there is no file"):
        load(tmp_path / "nothing.csv")


@pytest.mark.parametrize("seed", range(40))
def test_random_bytes_never_give_a_traceback(tmp_path, seed):
    import random
    rng = random.Random(seed)
    start = rng.choice([b"", b"Call Id,Agent,Date,Time\n", b"PK\x03\x04", b"\xff\xfe", b"\xef\xbb\xbf"])
    data = start + bytes(rng.randrange(256) for _ in range(rng.randrange(0, 400)))
    for suffix in (".csv", ".xlsx", ".tsv"):
        path = write(tmp_path, data, f"fuzz{suffix}")
        for loader in (load_contacts, load_surveys):
            with contextlib.suppress(CourseError):
                loader(path, show_report=False)


# -- an end before the start ---------------------------------------------------------------------------------------

def test_an_end_before_the_start_is_refused(tmp_path):
    ok = "A,2025-03-04,09:00:00,09:05:00\nB,2025-03-04,23:58:00,00:03:00\n"
    contacts = load(write(tmp_path, "Call Id,Date,Start time,End time\n" + ok))
    assert "used 'End time' only to check that no contact ends before it starts" in str(
        contacts.attrs["load_report"])
    assert "End time" not in contacts.columns and "ended_at" not in contacts.columns
    with pytest.raises(DataError, match=r"column 'End time' \(ended_at\) is before the start .*line 4 \('08:00:00'\)"):
        load(write(tmp_path, "Call Id,Date,Start time,End time\n" + ok + "C,2025-03-04,09:00:00,08:00:00\n"))
    stamps = "Call Id,Started,Ended\nA,2025-03-04 09:00,2025-03-04 09:05\nB,2025-03-04 09:00,2025-03-03 09:05\n"
    with pytest.raises(DataError, match=r"'Ended' \(ended_at\) is before the start .*line 3"):
        load(write(tmp_path, stamps), columns={"Started": "arrived_at"})


# -- big exports are read in blocks: the result and the line numbers do not depend on the block size --------------

def test_blocks_give_the_same_table_and_line_numbers(tmp_path, monkeypatch):
    from course_lib.data import own_data
    rows = "".join(f"{i},{7 if i < 5 else 'x' + str(i)},2025-03-0{1 + i % 9},09:0{i % 10}:00,Billing,Ana,Y,{i}\n"
                   for i in range(12))
    path = write(tmp_path, HEADER + rows)
    whole = load(path)
    monkeypatch.setattr(own_data, "BLOCK_ROWS", 5)
    blocks = load(path)
    pd.testing.assert_frame_equal(whole, blocks)
    assert blocks["customer_id"].tolist()[:6] == ["7", "7", "7", "7", "7", "x5"]  # text ids stay as written
    assert blocks["contact_id"].tolist() == list(range(12))
    with pytest.raises(DataError, match=r"line 14 \('25:00:00'\)"):
        load(write(tmp_path, HEADER + rows + "12,1,2025-03-01,25:00:00,Billing,Ana,Y,1\n"))
    padded = write(tmp_path, HEADER + "".join(f"00{i},1,2025-03-01,09:00:00,Billing,Ana,Y,1\n" for i in range(7)))
    assert load(padded)["contact_id"].tolist() == list(range(7))  # as before: whole-number ids become numbers


# -- arguments of the wrong kind, and time zones -------------------------------------------------------------------

@pytest.mark.parametrize(("kwargs", "message"), [
    ({"path": 5}, "give the export as a file path"), ({"path": None}, "give the export as a file path"),
    ({"columns": ["Call ID"]}, "columns= must map"), ({"columns": {"Call ID": 5}}, "columns= must map"),
    ({"sep": ";;"}, "sep= must be one character"), ({"sep": ""}, "sep= must be one character"),
    ({"values": {"answered": 3}}, "values= must say"), ({"date_format": 5}, "date_format= must be text"),
    ({"today": "2025-01-01"}, "today= must be a date"),
])
def test_arguments_of_the_wrong_kind_are_named(kwargs, message):
    kwargs = {"path": example_export_path(), **kwargs}
    with pytest.raises(DataError, match=message):
        load_contacts(show_report=False, **kwargs)


def test_time_zones(tmp_path):
    one_zone = load(write(tmp_path, "Call Id,Timestamp\nA,2025-03-04T09:00:00+01:00\n"))
    assert str(one_zone["arrived_at"].dt.tz) == "UTC+01:00"
    with pytest.raises(DataError, match="Mixed timezones"):
        load(write(tmp_path, "Call Id,Timestamp\nA,2025-03-04T09:00:00+01:00\nB,2025-03-04 09:00:00Z\n"))
    with pytest.raises(DataError, match="after today"):
        load(write(tmp_path, "Call Id,Timestamp\nA,2025-07-04T09:00:00+01:00\n"))


@pytest.mark.parametrize("seed", range(25))
def test_a_damaged_workbook_never_gives_a_traceback(tmp_path, seed):
    import random
    rng = random.Random(seed)
    data = bytearray(_workbook_bytes())
    for _ in range(rng.randrange(1, 20)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    path = write(tmp_path, bytes(data[: rng.randrange(len(data) // 2, len(data) + 1)]), "damaged.xlsx")
    for loader in (load_contacts, load_surveys):
        with contextlib.suppress(CourseError):
            loader(path, show_report=False)
