"""Who churns after what experience: tiny tables checked by hand, the course data, and a real telecom export."""

import os
from pathlib import Path

import pandas as pd
import pytest

import course_lib
from course_lib.data.datasets import load_dataset
from course_lib.voice import retention

REALDATA = Path(os.environ.get("COURSE_REALDATA") or Path(__file__).resolve().parents[1].parent / "shared" / "realdata")
TELCO = REALDATA / "telco_customer_churn.csv"


@pytest.fixture
def tiny():
    """Five customers, hand-made:
    1 basic: one unresolved phone contact with a 300 s wait and CSAT 1 -> churned
    2 basic: abandoned a chat in the queue                               -> churned
    3 plus:  one resolved contact, CSAT 5                                -> stayed
    4 plus:  no contact                                                  -> churned
    5 plus:  two resolved emails, one waited 100000 s (email: not a long wait) -> stayed
    """
    customers = pd.DataFrame({"customer_id": [1, 2, 3, 4, 5], "plan": ["basic", "basic", "plus", "plus", "plus"],
                              "churned_at": pd.to_datetime(["2025-02-01", "2025-02-03", None, "2025-03-01", None])})
    contacts = pd.DataFrame({
        "contact_id": [10, 11, 12, 13, 14], "customer_id": [1, 2, 3, 5, 5],
        "channel": ["phone", "chat", "phone", "email", "email"], "answered": [True, False, True, True, True],
        "resolved": [False, False, True, True, True], "wait_seconds": [300, 500, 20, 100000, 3600]})
    surveys = pd.DataFrame({"contact_id": [10, 12], "csat": [1, 5]})
    return customers, contacts, surveys


def test_experiences_are_counted_per_customer(tiny):
    table = retention.customer_experiences(*tiny).set_index("customer_id")
    assert table.loc[1, ["contacts", "unresolved", "abandoned", "long_wait", "low_csat"]].tolist() == [1, 1, 0, 1, 1]
    # An abandoned chat counts as abandoned and (500 s) as a long wait, but not as unresolved (never answered).
    assert table.loc[2, ["unresolved", "abandoned", "long_wait"]].tolist() == [0, 1, 1]
    assert table.loc[5, ["contacts", "long_wait"]].tolist() == [2, 0]
    assert table.loc[4, "contacts"] == 0
    assert table["churned"].tolist() == [True, True, False, True, False]


def test_churn_by_experience_by_hand(tiny):
    table = retention.churn_by_experience(*tiny).set_index("experience")
    assert table.loc["an unresolved contact", ["customers", "churned", "churn_rate"]].tolist() == [1, 1, 100.0]
    assert table.loc["a wait over 4 minutes", ["customers", "churned"]].tolist() == [2, 2]
    assert table.loc[retention.NONE_OF_THESE, ["customers", "churned", "churn_rate"]].tolist() == [2, 0, 0.0]
    assert table.loc[retention.NO_CONTACT, ["customers", "churned", "churn_rate"]].tolist() == [1, 1, 100.0]


def test_churn_by_experience_and_plan(tiny):
    table = retention.churn_by_experience(*tiny, by="plan")
    plus = table[table["plan"] == "plus"].set_index("experience")
    assert plus.loc[retention.NONE_OF_THESE, ["customers", "churned"]].tolist() == [2, 0]
    assert plus.loc["a CSAT 1-2 survey", "customers"] == 0 and pd.isna(plus.loc["a CSAT 1-2 survey", "churn_rate"])
    with pytest.raises(course_lib.DataError, match="choose 'plan'"):
        retention.churn_by_experience(*tiny, by="agent")


def test_churn_by_number_of_contacts(tiny):
    table = retention.churn_by_contacts(*tiny, most=2).set_index("contacts")
    assert table.loc["0", ["customers", "churned", "churn_rate"]].tolist() == [1, 1, 100.0]
    assert table.loc["1", ["customers", "churned", "with_bad"]].tolist() == [3, 2, pytest.approx(66.7)]
    assert table.loc["2 or more", ["customers", "churned", "with_bad"]].tolist() == [1, 0, 0.0]


def test_churn_flags_read_yes_no_bool_and_dates_and_reject_the_rest():
    assert retention.churn_flags(pd.Series([" Yes", "no", "TRUE"])).tolist() == [True, False, True]
    assert retention.churn_flags(pd.Series(pd.to_datetime(["2025-01-01", None]))).tolist() == [True, False]
    with pytest.raises(course_lib.DataError, match="rows \\[1\\]"):
        retention.churn_flags(pd.Series(["Yes", "maybe"], name="Churn"))


def test_add_plan_lets_the_kpis_split_by_plan(tiny):
    customers, contacts, surveys = tiny
    table = course_lib.csat(surveys, by="plan", contacts=retention.add_plan(contacts, customers))
    assert table.set_index("plan")["csat"].to_dict() == {"basic": 0.0, "plus": 100.0}


def test_on_the_course_data_bad_experiences_go_with_more_churn():
    customers, contacts, surveys = (load_dataset(n) for n in ("customers", "contacts", "surveys"))
    table = retention.churn_by_experience(customers, contacts, surveys).set_index("experience")
    assert table.loc[retention.NO_CONTACT, "customers"] + table.loc[retention.NONE_OF_THESE, "customers"] < len(
        customers)
    for experience in retention.EXPERIENCES.values():
        assert table.loc[experience, "churn_rate"] > 2 * table.loc[retention.NONE_OF_THESE, "churn_rate"]


@pytest.mark.skipif(not TELCO.exists(), reason="the real telecom churn export is not next to the project "
                    "(set COURSE_REALDATA to its folder)")
def test_churn_by_runs_on_a_real_telecom_export():
    telco = pd.read_csv(TELCO)
    by_contract = retention.churn_by(telco, "Contract", churned="Churn").set_index("Contract")
    assert by_contract["customers"].sum() == len(telco)
    assert by_contract["churned"].sum() == (telco["Churn"] == "Yes").sum()
    # Month-to-month customers leave far more often than two-year ones.
    assert by_contract.loc["Month-to-month", "churn_rate"] > 3 * by_contract.loc["Two year", "churn_rate"]
    support = retention.churn_by(telco, "TechSupport", churned="Churn").set_index("TechSupport")
    assert support.loc["No", "churn_rate"] > support.loc["Yes", "churn_rate"]
