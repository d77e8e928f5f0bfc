"""Every KPI against small tables computed by hand, the edges, properties that must always hold, every error."""

import math
import subprocess
import sys
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib import kpi
from course_lib.errors import CourseError, DataError

T0 = pd.Timestamp("2025-01-06 09:00")


def contacts_table(rows):
    """rows: (customer, topic, hours after T0, agent, answered, wait, talk, hold, acw, resolved)."""
    columns = ["customer_id", "topic", "hours", "agent", "answered", "wait_seconds", "talk_seconds",
               "hold_seconds", "acw_seconds", "resolved"]
    df = pd.DataFrame(rows, columns=columns)
    df.insert(0, "contact_id", range(1, len(df) + 1))
    df.insert(3, "arrived_at", T0 + pd.to_timedelta(df.pop("hours"), unit="h"))
    df["channel"] = "phone"
    return df


# A small team day, every number below worked out by hand.
#   id cust topic     hours   agent answered wait talk hold acw resolved
CONTACTS = contacts_table([
    (1, "billing", 0, "Ana", True, 10, 200, 0, 40, True),       # 1: customer 1 comes back 2 days later -> repeat
    (2, "billing", 1, "Ana", True, 30, 300, 60, 60, True),      # 2
    (3, "delivery", 2, "Bo", True, 20, 100, None, 20, False),   # 3: hold empty (counts 0)
    (4, "account", 3, None, False, 3, None, None, None, False),  # 4: short abandon (3 s < 5 s)
    (5, "account", 4, None, False, 50, None, None, None, False),  # 5: real abandon after 50 s
    (1, "billing", 48, "Bo", True, 25, 400, 0, 80, True),       # 6: the repeat of contact 1
    (6, "returns", 24 * 10, "Bo", True, 5, 150, 0, 30, True),   # 7: 10 days later: makes windows 1-6 complete
])
SURVEYS = pd.DataFrame({"contact_id": [1, 2, 3, 6, 7], "csat": [5, 4, 2, 3, None],
                        "nps": [10, 9, 6, 7, None], "ces": [7, 6, 2, None, 5]})


# ------------------------------------------------------------------------------------------ hand-computed values


def test_survey_kpis_by_hand():
    assert kpi.csat(SURVEYS) == 50.0  # 5 and 4 of 5, 4, 2, 3: 2 of 4 (the empty one is left out)
    assert kpi.csat(SURVEYS, satisfied=5) == 25.0
    assert kpi.csat_mean(SURVEYS) == 3.5  # (5 + 4 + 2 + 3) / 4
    assert kpi.nps(SURVEYS) == 25.0  # promoters 10, 9; detractor 6; passive 7: (2 - 1) / 4
    assert kpi.ces(SURVEYS) == 5.0  # (7 + 6 + 2 + 5) / 4


def test_survey_kpis_grouped_by_a_contact_column():
    table = kpi.csat(SURVEYS, by="agent", contacts=CONTACTS)
    assert table.to_dict("list") == {"agent": ["Ana", "Bo"], "csat": [100.0, 0.0], "responses": [2, 2]}
    table = kpi.nps(SURVEYS, by="agent", contacts=CONTACTS)
    assert table.to_dict("list") == {"agent": ["Ana", "Bo"], "nps": [100.0, -50.0], "responses": [2, 2]}
    assert kpi.ces(SURVEYS, by="agent", contacts=CONTACTS)["ces"].tolist() == [6.5, 3.5]


def test_nps_interval_is_the_adjusted_wald_interval():
    # 2 promoters, 1 detractor, 4 responses: add 3 to n, 3/4 to promoters and to detractors.
    result = kpi.nps_interval(SURVEYS)
    p, d, n = 2.75 / 7, 1.75 / 7, 7
    half = 1.959963984540054 * math.sqrt((p + d - (p - d) ** 2) / n)
    assert result.nps == 25.0 and result.responses == 4
    assert result.low == pytest.approx(100 * (p - d - half))
    assert result.high == pytest.approx(100 * (p - d + half))
    wider = kpi.nps_interval(SURVEYS, confidence=0.99)
    assert wider.low < result.low and wider.high > result.high


def test_contact_kpis_by_hand():
    # Answered: 1, 2, 3, 6, 7. Handle times 240, 420, 120, 480, 180 -> mean 288.
    assert kpi.aht(CONTACTS) == 288.0
    assert kpi.aht(CONTACTS, parts=["talk"]) == 230.0
    assert kpi.aht(CONTACTS, parts=["talk", "hold"]) == 242.0
    assert kpi.asa(CONTACTS) == 18.0  # (10 + 30 + 20 + 25 + 5) / 5
    assert kpi.resolution_rate(CONTACTS) == 80.0  # 4 of 5 answered marked resolved
    # Offered after dropping the 3-second short abandon: 5 answered + 1 abandon = 6; abandoned 1.
    assert kpi.abandonment_rate(CONTACTS) == pytest.approx(100 / 6)
    assert kpi.abandonment_rate(CONTACTS, short_abandon_seconds=0) == pytest.approx(200 / 7)


def test_service_level_rules_by_hand():
    # Answered within 20 s: waits 10, 20 (exactly on the threshold counts), 5 -> 3. Answered later: 30, 25.
    # Real abandon: 50 s (after the threshold). Short abandon 3 s is left out unless short_abandon_seconds=0.
    assert kpi.service_level(CONTACTS) == 50.0  # 3 / (5 + 1)
    assert kpi.service_level(CONTACTS, abandoned="excluded") == 60.0  # 3 / 5
    assert kpi.service_level(CONTACTS, abandoned="excluded_if_within_threshold") == 50.0  # 50 s is after
    assert kpi.service_level(CONTACTS, abandoned="met_if_within_threshold") == 50.0
    everything = dict(short_abandon_seconds=0)
    assert kpi.service_level(CONTACTS, **everything) == pytest.approx(300 / 7)
    assert kpi.service_level(CONTACTS, abandoned="excluded_if_within_threshold", **everything) == 50.0  # 3 / 6
    assert kpi.service_level(CONTACTS, abandoned="met_if_within_threshold", **everything) == pytest.approx(400 / 7)
    assert kpi.service_level(CONTACTS, threshold_seconds=30) == pytest.approx(500 / 6)
    per_channel = CONTACTS.assign(channel=["phone", "chat", "phone", "phone", "phone", "chat", "phone"])
    assert kpi.service_level(per_channel, threshold_seconds={"phone": 20, "chat": 30}) == pytest.approx(500 / 6)


def test_fcr_by_hand():
    # Complete windows: contacts more than 7 days before the last arrival (contact 7): answered 1, 2, 3, 6.
    # Contact 1 has a repeat (contact 6, same customer and topic, 2 days later): 3 of 4 first-time.
    assert kpi.fcr(CONTACTS) == 75.0
    assert kpi.fcr(CONTACTS, window_days=1) == 100.0  # the repeat came after 2 days
    assert kpi.fcr(CONTACTS, complete_windows_only=False) == 80.0  # 4 of 5, contact 7 counted too
    by_agent = kpi.fcr(CONTACTS, by="agent")
    # The repeat is charged to Ana (contact 1), although Bo took it.
    assert by_agent.to_dict("list") == {"agent": ["Ana", "Bo"], "fcr": [50.0, 100.0], "contacts": [2, 2]}


def test_fcr_window_edges():
    day = 24
    exactly = contacts_table([
        (1, "billing", 0, "Ana", True, 0, 60, 0, 0, True),
        (1, "billing", 7 * day, "Ana", True, 0, 60, 0, 0, True),  # exactly 7 days later: a repeat
        (2, "billing", 0, "Ana", True, 0, 60, 0, 0, True),
        (2, "account", 1, "Ana", True, 0, 60, 0, 0, True),  # same customer, other topic: not a repeat
        (3, "billing", 0, "Ana", True, 0, 60, 0, 0, True),
        (3, "billing", 7 * day + 1, "Ana", True, 0, 60, 0, 0, True),  # 7 days and an hour: not a repeat
    ])
    assert kpi.fcr(exactly, complete_windows_only=False) == pytest.approx(500 / 6)


def test_resolution_time_by_hand():
    # Cases: customer 1 billing: contact 1 (resolved) ends a case: 10 + 240 = 250 s. Contact 6 opens a new case,
    # resolved at once: 25 + 480 = 505. Contact 2: 30 + 420 = 450. Contact 3 not resolved: no case. Contact 7:
    # 5 + 180 = 185. Median of 185, 250, 450, 505 = 350; mean 347.5.
    assert kpi.resolution_time(CONTACTS) == 350.0
    assert kpi.resolution_time(CONTACTS, statistic="mean") == 347.5
    table = kpi.resolution_time(CONTACTS, by="agent")
    assert table.to_dict("list") == {"agent": ["Ana", "Bo"], "resolution_time": [350.0, 345.0], "cases": [2, 2]}


def test_resolution_time_joins_contacts_until_resolved():
    case = contacts_table([
        (1, "billing", 0, "Ana", True, 0, 100, 0, 0, False),
        (1, "billing", 24, "Bo", True, 0, 100, 0, 0, False),
        (1, "billing", 48, "Bo", True, 60, 100, 0, 40, True),
    ])
    assert kpi.resolution_time(case) == 48 * 3600 + 200.0
    assert kpi.resolution_time(case, by="agent").to_dict("list") == {
        "agent": ["Bo"], "resolution_time": [48 * 3600 + 200.0], "cases": [1]}


CUSTOMERS = pd.DataFrame({
    "customer_id": [1, 2, 3, 4, 5, 6],
    "plan": ["basic", "basic", "basic", "premium", "premium", "premium"],
    "joined_at": pd.to_datetime(["2020-01-01", "2021-01-01", "2024-12-31", "2019-01-01", "2025-02-01",
                                 "2018-01-01"]),
    "churned_at": pd.to_datetime(["2025-01-15", None, "2025-04-01", None, "2025-03-01", "2024-12-01"]),
})


def test_churn_and_retention_by_hand():
    # At the start (2025-01-01): customers 1, 2, 3, 4 (5 joins later, 6 already left). Leaving by 2025-03-31: 1.
    assert kpi.churn_rate(CUSTOMERS, "2025-01-01", "2025-03-31") == 25.0
    assert kpi.churn_rate(CUSTOMERS, "2025-01-01", "2025-04-01") == 50.0  # on the end date counts
    assert kpi.retention_rate(CUSTOMERS, "2025-01-01", "2025-04-01") == 50.0
    table = kpi.churn_rate(CUSTOMERS, "2025-01-01", "2025-04-01", by="plan")
    assert table.to_dict("list") == {"plan": ["basic", "premium"], "churn_rate": [pytest.approx(200 / 3), 0.0],
                                     "customers": [3, 1]}


def test_grouping_by_time_keys():
    weekly = kpi.asa(CONTACTS, by="week")
    assert weekly["week"].tolist() == [pd.Timestamp("2025-01-06"), pd.Timestamp("2025-01-13")]
    assert weekly["contacts"].tolist() == [4, 1]
    daily = kpi.aht(CONTACTS, by="weekday")
    assert daily["weekday"].tolist() == ["Monday", "Wednesday", "Thursday"]  # calendar order, not alphabetical
    hourly = kpi.abandonment_rate(CONTACTS, by="hour")
    assert hourly.set_index("hour").loc[13, "abandonment_rate"] == 100.0
    assert kpi.resolution_rate(CONTACTS, by="month")["contacts"].tolist() == [5]
    both = kpi.aht(CONTACTS, by=["agent", "week"])
    assert both[["agent", "contacts"]].values.tolist() == [["Ana", 2], ["Bo", 2], ["Bo", 1]]


def test_a_group_with_one_contact_and_contacts_without_an_agent():
    table = kpi.service_level(CONTACTS, by="agent")
    # Ana: 10, 30 -> 1 of 2; Bo: 20, 25, 5 -> 2 of 3; no agent: the 50-second abandon -> 0 of 1.
    assert table["agent"].tolist()[:2] == ["Ana", "Bo"] and pd.isna(table["agent"].iloc[2])
    assert table["service_level"].tolist() == [50.0, pytest.approx(200 / 3), 0.0]
    assert table["contacts"].sum() == 6
    one = kpi.asa(CONTACTS[CONTACTS["contact_id"] == 7], by="agent")
    assert one.to_dict("list") == {"agent": ["Bo"], "asa": [5.0], "contacts": [1]}


def test_edges_all_promoters_and_exact_thresholds():
    all_promoters = pd.DataFrame({"contact_id": [1, 2, 3], "nps": [9, 10, 9], "csat": [4, 4, 4]})
    assert kpi.nps(all_promoters) == 100.0 and kpi.csat(all_promoters) == 100.0
    interval = kpi.nps_interval(all_promoters)
    assert -100 <= interval.low < interval.high <= 100
    on_the_line = pd.DataFrame({"contact_id": [1, 2, 3], "nps": [6, 7, 8], "csat": [3, 3, 3]})
    assert kpi.nps(on_the_line) == pytest.approx(-100 / 3)  # 6 is a detractor, 7 and 8 passives
    assert kpi.csat(on_the_line) == 0.0
    abandon_on_the_line = pd.DataFrame({"answered": [False, True], "wait_seconds": [5, 0]})
    assert kpi.abandonment_rate(abandon_on_the_line) == 50.0  # 5 s is not shorter than 5 s: a real abandon


def test_missing_hold_or_acw_column_is_said():
    no_hold = CONTACTS.drop(columns=["hold_seconds"])
    with pytest.warns(UserWarning, match="no 'hold_seconds' column, so this handle time is talk \\+ acw only"):
        assert kpi.aht(no_hold) == 276.0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert kpi.aht(no_hold, parts=["talk", "acw"]) == 276.0


def test_kpi_summary_matches_the_single_functions():
    card = kpi.kpi_summary(CONTACTS, SURVEYS).set_index("kpi")
    assert card.loc["service_level", "value"] == 50.0 and card.loc["service_level", "based_on"] == 6
    assert card.loc["aht", "value"] == 288.0 and card.loc["fcr", "value"] == 75.0
    assert card.loc["nps", "value"] == 25.0 and card.loc["csat", "based_on"] == 4
    wide = kpi.kpi_summary(CONTACTS, SURVEYS, by="agent")
    for name, function in [("aht", kpi.aht), ("asa", kpi.asa), ("fcr", kpi.fcr), ("service_level", kpi.service_level),
                           ("resolution_rate", kpi.resolution_rate), ("abandonment_rate", kpi.abandonment_rate)]:
        single = function(CONTACTS, by="agent").set_index("agent")[name]
        assert wide.set_index("agent")[name].dropna().to_dict() == pytest.approx(single.to_dict()), name
    for name, function in [("csat", kpi.csat), ("nps", kpi.nps), ("ces", kpi.ces)]:
        single = function(SURVEYS, by="agent", contacts=CONTACTS).set_index("agent")[name]
        assert wide.set_index("agent")[name].dropna().to_dict() == pytest.approx(single.to_dict()), name
    assert wide["contacts"].sum() == len(CONTACTS)


def test_kpi_summary_says_what_it_could_not_compute():
    card = kpi.kpi_summary(CONTACTS.drop(columns=["customer_id"])).set_index("kpi")
    assert card.loc["fcr", "note"] == "needs customer_id" and math.isnan(card.loc["fcr", "value"])
    assert card.loc["csat", "note"] == "needs the surveys table"
    assert card.loc["aht", "note"] == ""


def test_filtering_contacts_filters_their_surveys():
    phone_ana = CONTACTS[CONTACTS["agent"] == "Ana"]
    assert kpi.csat(SURVEYS, contacts=phone_ana) == 100.0
    card = kpi.kpi_summary(phone_ana, SURVEYS).set_index("kpi")
    assert card.loc["csat", "based_on"] == 2


def test_dashboard_table_and_period():
    table = kpi.dashboard_table(CONTACTS, SURVEYS, "csat", by="agent")
    assert table.to_dict("list") == {"agent": ["Ana", "Bo"], "csat": [100.0, 0.0], "responses": [2, 2]}
    overall = kpi.dashboard_table(CONTACTS, SURVEYS, "service_level")
    assert overall.to_dict("list") == {"group": ["all contacts"], "service_level": [50.0], "contacts": [6]}
    first_day = kpi.dashboard_table(CONTACTS, SURVEYS, "nps", start="2025-01-06", end="2025-01-07")
    assert first_day["nps"].tolist() == [pytest.approx(100 / 3)]  # surveys 1, 2, 3
    with pytest.raises(DataError, match="no NPS responses"):
        kpi.dashboard_table(CONTACTS, SURVEYS, "nps", start="2025-01-20", end="2025-01-27")
    with pytest.raises(DataError, match="the dashboard has no KPI 'speed'"):
        kpi.dashboard_table(CONTACTS, SURVEYS, "speed")


# --------------------------------------------------------------------------------------------------- properties


@st.composite
def contact_tables(draw):
    n = draw(st.integers(1, 40))
    answered = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    if not any(answered):
        answered[0] = True
    wait = draw(st.lists(st.integers(0, 400), min_size=n, max_size=n))
    talk = draw(st.lists(st.integers(0, 900), min_size=n, max_size=n))
    hours = draw(st.lists(st.integers(0, 24 * 20), min_size=n, max_size=n))
    return pd.DataFrame({
        "contact_id": range(n),
        "customer_id": draw(st.lists(st.integers(1, 5), min_size=n, max_size=n)),
        "topic": draw(st.lists(st.sampled_from(["billing", "account"]), min_size=n, max_size=n)),
        "arrived_at": T0 + pd.to_timedelta(hours, unit="h"),
        "agent": draw(st.lists(st.sampled_from(["Ana", "Bo", "Cy"]), min_size=n, max_size=n)),
        "answered": answered,
        "wait_seconds": wait,
        "talk_seconds": [t if a else None for t, a in zip(talk, answered, strict=True)],
        "resolved": [r and a for r, a in zip(draw(st.lists(st.booleans(), min_size=n, max_size=n)), answered,
                                             strict=True)],
    })


RATES = [kpi.service_level, kpi.abandonment_rate, kpi.resolution_rate]


@settings(max_examples=60)  # each example builds several tables; 60 keeps the suite quick
@given(contact_tables())
def test_rates_are_percentages_and_grouped_counts_add_up(contacts):
    for function in RATES:
        try:
            overall = function(contacts)
        except DataError:  # every contact a short abandon: nothing to compute from
            continue
        table = function(contacts, by="agent")
        name = table.columns[1]
        assert 0 <= overall <= 100
        assert table[name].between(0, 100).all()
        # The overall rate is the count-weighted mean of the group rates, and the counts add up.
        assert (table[name] * table["contacts"]).sum() / table["contacts"].sum() == pytest.approx(overall)
    answered = contacts["answered"].sum()
    assert kpi.aht(contacts, by="agent", parts=["talk"])["contacts"].sum() == answered
    assert kpi.fcr(contacts, by="topic", complete_windows_only=False)["contacts"].sum() == answered
    assert 0 <= kpi.fcr(contacts, complete_windows_only=False) <= 100


@given(st.lists(st.integers(0, 10), min_size=1, max_size=60), st.lists(st.sampled_from("ABC"), min_size=60,
                                                                         max_size=60))
def test_nps_stays_within_minus_100_and_100(scores, groups):
    surveys = pd.DataFrame({"contact_id": range(len(scores)), "nps": scores, "team": groups[: len(scores)]})
    value = kpi.nps(surveys)
    assert -100 <= value <= 100
    interval = kpi.nps_interval(surveys)
    assert -100 <= interval.low <= interval.high <= 100
    table = kpi.nps(surveys, by="team")
    assert table["nps"].between(-100, 100).all() and table["responses"].sum() == len(scores)
    assert (table["nps"] * table["responses"]).sum() / len(scores) == pytest.approx(value)


@given(st.lists(st.integers(1, 5), min_size=1, max_size=50))
def test_csat_top_box_and_mean_agree_on_their_extremes(scores):
    surveys = pd.DataFrame({"contact_id": range(len(scores)), "csat": scores})
    assert 0 <= kpi.csat(surveys) <= 100
    assert 1 <= kpi.csat_mean(surveys) <= 5
    if kpi.csat(surveys) == 100:
        assert kpi.csat_mean(surveys) >= 4


# --------------------------------------------------------------------------------------------------- the errors


def message(call):
    with pytest.raises(DataError) as caught:
        call()
    assert isinstance(caught.value, CourseError)
    return str(caught.value)


def test_error_missing_column_names_it_and_suggests():
    text = message(lambda: kpi.asa(CONTACTS.rename(columns={"wait_seconds": "wait_secs"})))
    assert text.startswith("contacts: column 'wait_seconds' is missing (did you mean 'wait_secs'?); the table has: ")
    text = message(lambda: kpi.csat(SURVEYS.drop(columns=["csat"])))
    assert text == "surveys: column 'csat' is missing; the table has: contact_id, nps, ces"


def test_error_wrong_type():
    bad = SURVEYS.assign(csat=["5", "four", "2", "3", None])
    assert message(lambda: kpi.csat(bad)) == ("surveys: column 'csat' must hold whole numbers from 1 to 5; "
                                              "1 row does not: row 1 ('four')")
    flags = CONTACTS.assign(answered=["Y", "Y", "Y", "N", "N", "Y", "Y"])
    assert message(lambda: kpi.asa(flags)).startswith(
        "contacts: column 'answered' must hold True or False; 7 rows do not: row 0 ('Y'), row 1 ('Y'), row 2 ('Y'), "
        "row 3 ('N'), row 4 ('N') and 2 more (load_contacts(...) converts Y/N and Yes/No flags)")
    assert "must hold durations in seconds, 0 or more, not True/False" in message(
        lambda: kpi.asa(CONTACTS.assign(wait_seconds=True)))
    dates = CONTACTS.assign(arrived_at=["2025-01-06 09:00"] * 6 + ["last Tuesday"])
    assert message(lambda: kpi.fcr(dates)) == ("contacts: column 'arrived_at' must hold dates and times such as "
                                               "2025-01-06 09:30:00; 1 row does not: row 6 ('last Tuesday')")


def test_error_scores_out_of_range():
    assert message(lambda: kpi.csat(SURVEYS.assign(csat=[5, 6, 4, 3, None]))) == (
        "surveys: column 'csat' must hold whole numbers from 1 to 5; 1 row does not: row 1 (6)")
    assert message(lambda: kpi.nps(SURVEYS.assign(nps=[11, 9, 6, -1, None]))) == (
        "surveys: column 'nps' must hold whole numbers from 0 to 10; 2 rows do not: row 0 (11), row 3 (-1)")
    assert message(lambda: kpi.ces(SURVEYS.assign(ces=[0, 6, 2.5, None, 5]))) == (
        "surveys: column 'ces' must hold whole numbers from 1 to 7; 2 rows do not: row 0 (0), row 2 (2.5)")


def test_error_negative_durations_and_missing_talk():
    assert message(lambda: kpi.aht(CONTACTS.assign(acw_seconds=[40, -60, 20, None, None, 80, 30]))) == (
        "contacts: column 'acw_seconds' must hold durations in seconds, 0 or more; 1 row does not: row 1 (-60)")
    assert message(lambda: kpi.aht(CONTACTS.assign(talk_seconds=[200, None, 100, None, None, 400, 150]))) == (
        "contacts: column 'talk_seconds' is empty in row 1, but those contacts were answered")
    assert message(lambda: kpi.asa(CONTACTS.assign(wait_seconds=[None, 30, 20, 3, 50, 25, 5]))) == (
        "contacts: column 'wait_seconds' is empty in row 0, but those contacts were answered")


def test_error_empty_selections():
    assert message(lambda: kpi.nps(SURVEYS.iloc[:0])) == (
        "surveys: no NPS responses to compute NPS from (the column 'nps' is empty or the table has no rows)")
    assert message(lambda: kpi.csat(SURVEYS.assign(csat=None))) == (
        "surveys: no CSAT responses to compute CSAT from (the column 'csat' is empty or the table has no rows)")
    assert message(lambda: kpi.asa(CONTACTS[~CONTACTS["answered"]])) == (
        "contacts: no answered contacts to compute ASA from")
    assert message(lambda: kpi.aht(CONTACTS.iloc[:0], by="agent")) == (
        "contacts: no answered contacts to compute AHT from")
    assert "no answered contact is more than 7 days before the last contact" in message(
        lambda: kpi.fcr(CONTACTS.iloc[:3]))
    assert message(lambda: kpi.churn_rate(CUSTOMERS, "2010-01-01", "2011-01-01")) == (
        "customers: no customers at the start of the period (2010-01-01) to compute churn from")
    assert "no resolved cases" in message(lambda: kpi.resolution_time(CONTACTS.assign(resolved=False)))


def test_error_bad_arguments_and_grouping():
    assert message(lambda: kpi.asa(CONTACTS, by="team")).startswith(
        "contacts: cannot group by 'team': there is no such column. Columns: contact_id, customer_id")
    assert message(lambda: kpi.nps(SURVEYS, by="agent")) == (
        "surveys: cannot group survey results by 'agent': the surveys table has no such column. "
        "Pass contacts=contacts to take it from the contact each survey is about")
    assert "'week' is read from the 'arrived_at' column, which this table lacks" in message(
        lambda: kpi.asa(CONTACTS.drop(columns="arrived_at"), by="week"))
    assert message(lambda: kpi.service_level(CONTACTS, abandoned="ignore")).startswith(
        "abandoned= must be one of 'in_denominator', 'excluded'")
    assert message(lambda: kpi.service_level(CONTACTS, threshold_seconds={"chat": 60})) == (
        "contacts: threshold_seconds has no threshold for channel 'phone'; it has: 'chat'")
    assert message(lambda: kpi.aht(CONTACTS, parts=["talk", "wrap"])) == (
        "parts= takes some of 'talk', 'hold', 'acw'; got ['talk', 'wrap']")
    assert message(lambda: kpi.churn_rate(CUSTOMERS, "2025-04-01", "2025-01-01")) == (
        "the period must end after it starts; got 2025-04-01 to 2025-01-01")
    assert message(lambda: kpi.nps_interval(SURVEYS, confidence=95)) == (
        "confidence must be between 0 and 1 (e.g. 0.95), got 95")
    assert message(lambda: kpi.resolution_time(CONTACTS, statistic="mode")) == (
        "statistic= must be 'median' or 'mean'; got 'mode'")
    assert message(lambda: kpi.asa([1, 2, 3])) == "contacts: expected a table (a pandas DataFrame), got list"
    twice = pd.concat([CONTACTS, CONTACTS.iloc[[0]]], ignore_index=True)
    assert message(lambda: kpi.csat(SURVEYS, by="agent", contacts=twice)) == (
        "contacts: column 'contact_id' must be unique; rows 0, 7 share an id")


def test_errors_carry_the_column_and_rows():
    with pytest.raises(DataError) as caught:
        kpi.csat(SURVEYS.assign(csat=[5, 6, 4, 9, None]))
    assert caught.value.table == "surveys" and caught.value.column == "csat" and caught.value.rows == [1, 3]


def test_legitimately_missing_values_are_handled_as_documented():
    # Empty hold (chat), empty talk on abandoned contacts, skipped survey questions: no error.
    assert not np.isnan(kpi.aht(CONTACTS))
    assert kpi.csat(SURVEYS.assign(nps=None)) == 50.0


@settings(max_examples=60)
@given(contact_tables())
def test_fast_paths_give_the_same_answers_as_the_general_ones(contacts):
    # Integer ids take shortcuts (no hashing); text ids and shuffled rows take the general path.
    # (Two contacts by one customer on one topic in the same second count in table order, so leave those out.)
    contacts = contacts.drop_duplicates(["customer_id", "topic", "arrived_at"])
    as_text = contacts.assign(customer_id="C" + contacts["customer_id"].astype(str),
                              contact_id="K" + contacts["contact_id"].astype(str))
    shuffled = contacts.iloc[::-1]
    for table in (as_text, shuffled):
        assert kpi.fcr(table, complete_windows_only=False) == kpi.fcr(contacts, complete_windows_only=False)
    surveys = pd.DataFrame({"contact_id": contacts["contact_id"][::2], "csat": 5})
    text_surveys = surveys.assign(contact_id="K" + surveys["contact_id"].astype(str))
    expected = kpi.csat(surveys, by="agent", contacts=contacts)
    pd.testing.assert_frame_equal(kpi.csat(text_surveys, by="agent", contacts=as_text), expected)
    pd.testing.assert_frame_equal(kpi.csat(surveys, by="agent", contacts=shuffled), expected)


def test_the_definitions_and_their_readings_load_without_matplotlib_or_widgets():
    # A learner-record writer or the CLI may import the KPIs; plotting and widgets load only when a chart is drawn.
    probe = ("import sys, course_lib.kpi, course_lib.kpi.team_feedback, course_lib.kpi.training_effect; "
             "print(sorted(m for m in ('matplotlib', 'ipywidgets', 'course_lib.widgets') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
