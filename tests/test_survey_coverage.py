"""Who answers surveys and who writes comments: counts checked by hand, and the course data's known gaps."""

import pandas as pd
import pytest

import course_lib
from course_lib.data.datasets import load_dataset
from course_lib.voice.survey_coverage import comment_rates, response_rates


def test_response_rates_by_hand():
    contacts = pd.DataFrame({"contact_id": [1, 2, 3, 4, 5], "channel": ["phone"] * 4 + ["email"],
                             "answered": [True, True, False, False, True]})
    surveys = pd.DataFrame({"contact_id": [1, 3, 5]})  # contact 3 was abandoned yet surveyed
    table = response_rates(contacts, surveys).set_index("channel")
    assert table.loc["phone", ["contacts", "abandoned", "surveys"]].tolist() == [4, 2, 2]
    assert table.loc["phone", ["response_rate", "abandoned_surveyed"]].tolist() == [50.0, 50.0]
    assert table.loc["email", ["response_rate", "abandoned_surveyed"]].tolist() == [100.0, 0.0]


def test_comment_rates_ignore_blank_comments():
    surveys = pd.DataFrame({"csat": [1, 1, 5, 5], "comment": ["Slow.", "  ", None, "Great."]})
    table = comment_rates(surveys).set_index("csat")
    assert table.loc[1, ["surveys", "with_comment", "comment_rate"]].tolist() == [2, 1, 50.0]
    assert table.loc[5, "comment_rate"] == 50.0


def test_a_missing_column_is_named():
    with pytest.raises(course_lib.DataError, match="'answered'"):
        response_rates(pd.DataFrame({"contact_id": [1], "channel": ["phone"]}), pd.DataFrame({"contact_id": [1]}))


def test_in_the_course_data_abandoned_contacts_are_never_surveyed_and_extremes_comment_more():
    contacts, surveys = load_dataset("contacts"), load_dataset("surveys")
    table = response_rates(contacts, surveys)
    assert table["abandoned"].sum() > 1000 and (table["abandoned_surveyed"] == 0).all()
    rates = comment_rates(surveys).set_index("csat")["comment_rate"]
    assert rates[1] > rates[3] and rates[5] > rates[3]
