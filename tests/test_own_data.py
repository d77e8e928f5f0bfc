"""Bring your own data: a team's CSV, TSV or Excel export read into the course's schema, and real exports."""

import csv
import os
from pathlib import Path

import pandas as pd
import pytest

from course_lib import kpi
from course_lib.data.own_data import load_contacts, load_surveys
from course_lib.errors import DataError

ROOT = Path(__file__).resolve().parents[1]


def realdata_folder() -> Path | None:
    """../shared/realdata next to the project, or the folder COURSE_REALDATA points at; None when absent."""
    candidates = [ROOT.parent / "shared" / "realdata"]
    if os.environ.get("COURSE_REALDATA"):
        candidates.insert(0, Path(os.environ["COURSE_REALDATA"]))
    return next((c for c in candidates if c.is_dir()), None)


REALDATA = realdata_folder()
needs_realdata = pytest.mark.skipif(REALDATA is None, reason="no ../shared/realdata folder (set COURSE_REALDATA)")

EXPORT = """Ticket,Client,Opened,Queue,Handled by,Picked up,Wait (s),Talk,Hold,Wrap,Fixed
T1,501,2025-03-03 09:00:00,billing,Ana,Yes,12,00:03:10,0:30,15,Yes
T2,502,2025-03-03 09:05:00,billing,,No,48,,,,
T3,501,2025-03-05 10:00:00,billing,Bo,Yes,5,4:00,,20,
"""


def write(tmp_path, text, name="export.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


MAPPING = {"Ticket": "contact_id", "Client": "customer_id", "Opened": "arrived_at", "Queue": "topic",
           "Handled by": "agent", "Picked up": "answered", "Wait (s)": "wait_seconds", "Talk": "talk_seconds",
           "Hold": "hold_seconds", "Wrap": "acw_seconds", "Fixed": "resolved"}


def test_mapping_and_conversions(tmp_path, capsys):
    contacts = load_contacts(write(tmp_path, EXPORT), columns=MAPPING)
    assert contacts["talk_seconds"].tolist() == [190.0, pytest.approx(float("nan"), nan_ok=True), 240.0]
    assert contacts["hold_seconds"].tolist()[0] == 30.0
    assert contacts["answered"].tolist() == [True, False, True]
    assert contacts["resolved"].tolist() == [True, False, False]  # an empty flag means not resolved
    assert contacts["customer_id"].tolist() == [501, 502, 501]
    assert contacts["arrived_at"].iloc[2] == pd.Timestamp("2025-03-05 10:00")
    printed = capsys.readouterr().out
    assert "Read 3 rows from export.csv." in printed
    assert "talk_seconds from h:mm:ss to seconds" in printed and "answered from NO/YES to True/False" in printed
    assert "Not found (KPIs that need them will say so): channel\n" in printed  # the only one not in the file
    # Every KPI works on the result.
    assert kpi.aht(contacts) == pytest.approx((190 + 30 + 15 + 240 + 20) / 2)
    assert kpi.fcr(contacts, complete_windows_only=False) == 50.0  # T1 came back as T3


def test_recognised_names_need_no_mapping_and_the_report_says_what_is_missing(tmp_path):
    text = "call id,agent,date,time,answered,speed of answer,talk time,csat\nA,Ana,2025-01-02,09:30:00,Y,20,100,5\n"
    contacts = load_contacts(write(tmp_path, text), show_report=False)
    report = contacts.attrs["load_report"]
    assert dict((dst, src) for src, dst in report.mapped)["arrived_at"] == "'date' + 'time'"
    assert contacts["arrived_at"].tolist() == [pd.Timestamp("2025-01-02 09:30")]
    assert report.not_found == ["customer_id", "channel", "topic", "hold_seconds", "acw_seconds", "resolved"]
    assert report.unused == ["csat"]
    surveys = load_surveys(write(tmp_path, text), show_report=False)
    assert surveys.columns.tolist() == ["contact_id", "csat"] and surveys["csat"].tolist() == [5.0]


def test_excel_with_time_cells(tmp_path):
    import datetime as dt

    frame = pd.DataFrame({"Call Id": ["X1", "X2"], "Date": [dt.datetime(2025, 1, 2), dt.datetime(2025, 1, 2)],
                          "Time": [dt.time(9, 0, 5), dt.time(9, 1)], "Answered (Y/N)": ["Y", "N"],
                          "AvgTalkDuration": [dt.time(0, 2, 23), None], "Speed of answer in seconds": [30, None]})
    path = tmp_path / "export.xlsx"
    frame.to_excel(path, index=False)
    contacts = load_contacts(path, show_report=False)
    assert contacts["talk_seconds"].iloc[0] == 143.0
    assert contacts["arrived_at"].tolist()[0] == pd.Timestamp("2025-01-02 09:00:05")
    assert contacts["answered"].tolist() == [True, False]


def test_other_codes_for_flags(tmp_path):
    text = "id\toutcome\tq_time\tser_time\n1\tAGENT\t10\t60\n2\tHANG\t30\t0\n"
    contacts = load_contacts(write(tmp_path, text, "calls.tsv"), show_report=False,
                             columns={"outcome": "answered", "q_time": "wait_seconds", "ser_time": "talk_seconds"},
                             values={"answered": {"AGENT": True, "HANG": False}})
    assert contacts["answered"].tolist() == [True, False]
    assert kpi.abandonment_rate(contacts) == 50.0


def test_errors_name_the_file_column_and_line(tmp_path):
    bad_talk = EXPORT.replace("4:00", "four minutes")
    with pytest.raises(DataError) as caught:
        load_contacts(write(tmp_path, bad_talk), columns=MAPPING, show_report=False)
    assert str(caught.value) == ("export.csv: column 'Talk' (talk_seconds) must hold durations, as seconds or like "
                                 "00:02:23; not line 4 ('four minutes')")
    bad_flag = EXPORT.replace(",No,", ",Maybe,")
    with pytest.raises(DataError, match=r"export.csv: column 'Picked up' \(answered\) must hold yes/no flags .*not "
                                        r"line 3 \('Maybe'\)\. Say what other values mean with values="):
        load_contacts(write(tmp_path, bad_flag), columns=MAPPING, show_report=False)
    negative = EXPORT.replace(",48,", ",-48,")
    with pytest.raises(DataError, match=r"export.csv: column 'Wait \(s\)' \(wait_seconds\) must hold durations in "
                                        r"seconds, 0 or more; 1 line does not: line 3 \(-48\)"):
        load_contacts(write(tmp_path, negative), columns=MAPPING, show_report=False)
    with pytest.raises(DataError, match=r"columns= names 'Tiket', which is not a column of export.csv \(did you mean "
                                        r"'Ticket'\?\)"):
        load_contacts(write(tmp_path, EXPORT), columns={"Tiket": "contact_id"})
    with pytest.raises(DataError, match=r"columns= maps 'Ticket' to 'contact', which is not a course column \(did "
                                        r"you mean 'contact_id'\?\)"):
        load_contacts(write(tmp_path, EXPORT), columns={"Ticket": "contact"})
    with pytest.raises(DataError, match="none of the columns of odd.csv could be matched"):
        load_contacts(write(tmp_path, "foo,bar\n1,2\n", "odd.csv"))
    with pytest.raises(DataError, match=r"old.xls is an old-style Excel file \(.xls\).*save it as .xlsx or .csv"):
        load_contacts(write(tmp_path, "x", "old.xls"))
    with pytest.raises(DataError, match="there is no file at"):
        load_contacts(tmp_path / "nothing.csv")
    with pytest.raises(DataError, match=r"line 2 \('soon'\) \(pass date_format="):
        load_contacts(write(tmp_path, "id,arrived_at\n1,soon\n"), show_report=False)


def test_survey_scores_are_checked_with_line_numbers(tmp_path):
    text = "contact_id,csat,nps\n1,5,10\n2,,\n3,6,9\n"
    with pytest.raises(DataError) as caught:
        load_surveys(write(tmp_path, text), show_report=False)
    assert str(caught.value) == ("export.csv: column 'csat' (csat) must hold whole numbers from 1 to 5; 1 line does "
                                 "not: line 4 (6)")
    fine = load_surveys(write(tmp_path, text.replace("3,6,9", "3,4,9")), show_report=False)
    assert fine["contact_id"].tolist() == [1, 3]
    assert "Left out 1 rows with no score." in str(fine.attrs["load_report"])


# ------------------------------------------------------------------------------------------- real exports


def raw_rows(path, delimiter=","):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


@needs_realdata
def test_pwc_call_centre_trends_workbook_and_csv():
    rows = raw_rows(REALDATA / "pwc_call_centre_trends.csv")
    from_excel = load_contacts(REALDATA / "pwc_call_centre_trends.xlsx", show_report=False)
    from_csv = load_contacts(REALDATA / "pwc_call_centre_trends.csv", show_report=False)
    assert len(from_excel) == len(from_csv) == len(rows) == 5000
    pd.testing.assert_frame_equal(from_excel, from_csv, check_dtype=False)
    answered = [r["Answered (Y/N)"] == "Y" for r in rows]
    assert from_csv["answered"].tolist() == answered
    talk = [sum(int(p) * f for p, f in zip(r["AvgTalkDuration"].split(":"), (3600, 60, 1), strict=True))
            for r in rows if r["AvgTalkDuration"]]
    with pytest.warns(UserWarning, match="no 'hold_seconds' or 'acw_seconds' column"):
        assert kpi.aht(from_csv) == pytest.approx(sum(talk) / len(talk))
    waits = [float(r["Speed of answer in seconds"]) for r in rows if r["Answered (Y/N)"] == "Y"]
    assert kpi.asa(from_csv) == pytest.approx(sum(waits) / len(waits))
    report = from_csv.attrs["load_report"]
    assert "customer_id" in report.not_found and report.unused == ["Satisfaction rating"]
    surveys = load_surveys(REALDATA / "pwc_call_centre_trends.csv", show_report=False)
    ratings = [int(r["Satisfaction rating"]) for r in rows if r["Satisfaction rating"]]
    assert len(surveys) == len(ratings)
    assert kpi.csat(surveys) == pytest.approx(100 * sum(r >= 4 for r in ratings) / len(ratings))
    by_agent = kpi.csat(surveys, by="agent", contacts=from_csv)
    assert by_agent["responses"].sum() == len(ratings) and len(by_agent) == len({r["Agent"] for r in rows})


@needs_realdata
def test_anonymous_bank_call_log():
    path = REALDATA / "anonymous_bank_calls_1999_02.tsv"
    rows = raw_rows(path, delimiter="\t")
    contacts = load_contacts(
        path, show_report=False, date_format="%y%m%d",
        columns={"call_id": "contact_id", "date": "date", "vru_exit": "time", "q_time": "wait_seconds",
                 "ser_time": "talk_seconds", "server": "agent", "outcome": "answered", "type": "topic"},
        values={"answered": {"AGENT": True, "HANG": False, "PHANTOM": False}})
    assert len(contacts) == len(rows)
    served = sum(r["outcome"] == "AGENT" for r in rows)
    assert int(contacts["answered"].sum()) == served
    assert kpi.abandonment_rate(contacts, short_abandon_seconds=0) == pytest.approx(100 * (len(rows) - served)
                                                                                    / len(rows))
    assert contacts["arrived_at"].min() >= pd.Timestamp("1999-02-01")
    assert contacts["arrived_at"].max() < pd.Timestamp("1999-03-01")
    queued = [float(r["q_time"]) for r in rows if r["outcome"] == "AGENT"]
    assert kpi.asa(contacts) == pytest.approx(sum(queued) / len(queued))
    assert kpi.service_level(contacts, by="hour")["contacts"].sum() == kpi.kpi_summary(contacts).set_index(
        "kpi").loc["service_level", "based_on"]
