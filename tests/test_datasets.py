"""The shipped data sets: generated deterministically, valid, and telling the stories the course relies on."""

import numpy as np
import pandas as pd
import pytest

from course_lib import kpi
from course_lib.data import centre, datasets, generate
from course_lib.data.datasets import load_dataset
from course_lib.errors import DataError


@pytest.fixture(scope="module")
def contacts():
    return load_dataset("contacts")


@pytest.fixture(scope="module")
def surveys():
    return load_dataset("surveys")


@pytest.fixture(scope="module")
def customers():
    return load_dataset("customers")


def test_regenerating_gives_byte_identical_files(tmp_path):
    written = generate.write_datasets(tmp_path)
    assert len(written) == 4
    for path in written.values():
        committed = (datasets.DATASETS_DIR / path.name).read_bytes()
        assert path.read_bytes() == committed, f"{path.name} differs from a fresh run with the same seed"


def test_another_seed_gives_other_data():
    other = generate.generate(seed=7)["contacts"]
    committed = load_dataset("contacts")
    assert len(other) != len(committed) or not other["customer_id"].equals(committed["customer_id"])


def test_files_are_small_and_documented():
    total = sum(p.stat().st_size for p in datasets.DATASETS_DIR.glob("*.csv"))
    assert total < 5_000_000
    readme = (datasets.DATASETS_DIR / "README.md").read_text(encoding="utf-8")
    for name in datasets.NAMES:
        header = (datasets.DATASETS_DIR / f"{name}.csv").read_text(encoding="utf-8").splitlines()[0]
        for column in header.split(","):
            assert f"| `{column}` |" in readme, f"datasets/README.md does not describe {name}.{column}"


def test_loaded_tables_have_the_schema_and_types(contacts, surveys, customers):
    assert contacts.columns.tolist() == ["contact_id", "customer_id", "arrived_at", "channel", "topic", "agent",
                                         "answered", "wait_seconds", "talk_seconds", "hold_seconds", "acw_seconds",
                                         "resolved"]
    assert surveys.columns.tolist() == ["contact_id", "csat", "nps", "ces", "comment"]
    assert customers.columns.tolist() == ["customer_id", "plan", "joined_at", "churned_at"]
    assert contacts["answered"].dtype == bool and contacts["resolved"].dtype == bool
    assert pd.api.types.is_datetime64_any_dtype(contacts["arrived_at"])
    assert pd.api.types.is_datetime64_any_dtype(customers["churned_at"])
    assert set(contacts["channel"]) == {"phone", "chat", "email"}
    assert set(contacts["topic"]) == set(centre.TOPICS)
    assert set(contacts["agent"].dropna()) == {a.name for a in centre.AGENTS}
    assert set(customers["plan"]) == set(centre.PLANS)
    assert contacts["contact_id"].is_unique and surveys["contact_id"].is_unique and customers["customer_id"].is_unique


def test_the_tables_are_consistent(contacts, surveys, customers):
    answered = contacts["answered"]
    assert contacts["agent"].isna().equals(~answered)
    assert contacts["talk_seconds"].isna().equals(~answered)
    assert contacts["wait_seconds"].notna().all()
    assert not (contacts["resolved"] & ~answered).any()
    assert contacts.loc[contacts["channel"] != "phone", "hold_seconds"].isna().all()
    assert contacts.loc[contacts["channel"] == "email", "answered"].all()
    assert contacts["arrived_at"].between(centre.START, centre.END).all()
    assert (contacts["arrived_at"].dt.day_of_week < 6).all(), "the centre is closed on Sundays"
    assert surveys["contact_id"].isin(contacts.loc[answered, "contact_id"]).all()
    assert contacts["customer_id"].isin(customers["customer_id"]).all()
    seen = contacts.merge(customers, on="customer_id")
    assert (seen["arrived_at"] >= seen["joined_at"]).all(), "nobody contacts before joining"
    assert not (seen["arrived_at"] > seen["churned_at"]).any(), "nobody contacts after leaving"


def test_load_dataset_names_unknown_sets_and_missing_files(monkeypatch, tmp_path):
    with pytest.raises(DataError, match="no data set called 'contact'.*did you mean 'contacts'"):
        load_dataset("contact")
    monkeypatch.setattr(datasets, "DATASETS_DIR", tmp_path)
    with pytest.raises(DataError, match="contacts.csv is missing; recreate it with: python tools/generate_datasets"):
        load_dataset("contacts")


def test_load_dataset_validates_what_it_reads(monkeypatch, tmp_path):
    for name in datasets.NAMES:
        (tmp_path / f"{name}.csv").write_bytes((datasets.DATASETS_DIR / f"{name}.csv").read_bytes())
    text = (tmp_path / "surveys.csv").read_text().splitlines()
    fields = text[3].split(",")
    fields[1] = "6"
    text[3] = ",".join(fields)
    (tmp_path / "surveys.csv").write_text("\n".join(text) + "\n")
    monkeypatch.setattr(datasets, "DATASETS_DIR", tmp_path)
    with pytest.raises(DataError, match=r"surveys: column 'csat' must hold whole numbers from 1 to 5; "
                                        r"1 row does not: row 2 \(6\)"):
        load_dataset("surveys")


# ---------------------------------------------------------------------------------- the stories in the data


def test_recall_day_waits_and_abandonment_jump(contacts):
    queue = contacts[contacts["channel"] != "email"]
    daily = kpi.abandonment_rate(queue, by="date").set_index("date")["abandonment_rate"]
    surge = daily.loc[centre.SURGE_DAY]
    assert surge > 3 * daily.drop(centre.SURGE_DAY).median()
    assert daily.idxmax() == centre.SURGE_DAY
    asa = kpi.asa(queue, by="date").set_index("date")["asa"]
    assert asa.idxmax() == centre.SURGE_DAY
    volume = queue.groupby(queue["arrived_at"].dt.normalize()).size()
    assert volume.idxmax() == centre.SURGE_DAY
    assert (contacts.loc[contacts["arrived_at"] < centre.SURGE_DAY, "topic"] != "recall").all()


def test_arrivals_follow_weekday_and_time_of_day(contacts):
    new_day = contacts.groupby(contacts["arrived_at"].dt.normalize()).size()
    weekday = new_day.groupby(new_day.index.day_of_week).median()
    assert weekday.idxmax() == 0, "Mondays are busiest"
    assert weekday.loc[5] < 0.7 * weekday.loc[2], "Saturdays are quieter"
    hours = contacts["arrived_at"].dt.hour.value_counts()
    assert hours.loc[10] > 1.5 * hours.loc[8] and hours.loc[10] > 1.5 * hours.loc[19]


def test_handle_times_are_skewed(contacts):
    talk = contacts.loc[contacts["channel"] == "phone", "talk_seconds"].dropna().astype(float)
    assert talk.mean() > 1.1 * talk.median()
    assert talk.quantile(0.99) > 3 * talk.median()


def test_the_new_hire_the_strong_performer_and_the_sliding_agent(contacts, surveys):
    handle = kpi.aht(contacts, by="agent").set_index("agent")["aht"]
    first_time = kpi.fcr(contacts, by="agent").set_index("agent")["fcr"]
    satisfied = kpi.csat(surveys, by="agent", contacts=contacts).set_index("agent")["csat"]
    assert handle.idxmax() == centre.NEW_HIRE and first_time.idxmin() == centre.NEW_HIRE
    assert handle.idxmin() == centre.STRONG_PERFORMER and first_time.idxmax() == centre.STRONG_PERFORMER
    assert satisfied.idxmax() == centre.STRONG_PERFORMER
    assert contacts.loc[contacts["agent"] == centre.NEW_HIRE, "arrived_at"].min() >= pd.Timestamp("2025-01-20")
    jonas = kpi.aht(contacts[contacts["agent"] == centre.NEW_HIRE], by="week")["aht"]
    assert jonas.iloc[:3].mean() > 1.2 * jonas.iloc[-3:].mean(), "the new hire gets quicker"
    ben = kpi.csat(surveys, by=["agent", "week"], contacts=contacts)
    ben = ben[ben["agent"] == centre.SLIDING_AGENT]["csat"]
    assert ben.iloc[:4].mean() - ben.iloc[-4:].mean() > 25, "Ben's satisfaction slides"
    ben_handle = kpi.aht(contacts[contacts["agent"] == centre.SLIDING_AGENT], by="week")["aht"]
    assert abs(ben_handle.iloc[:4].mean() / ben_handle.iloc[-4:].mean() - 1) < 0.15, "but not his handle time"


def test_repeat_contacts_come_within_seven_days(contacts):
    ordered = contacts.sort_values(["customer_id", "topic", "arrived_at"])
    gap = ordered.groupby(["customer_id", "topic"])["arrived_at"].diff().dropna()
    assert (gap <= pd.Timedelta(days=7)).mean() > 0.1
    unresolved = kpi.fcr(contacts.assign(flag=np.where(contacts["resolved"], "resolved", "not")), by="flag")
    rates = unresolved.set_index("flag")["fcr"]
    assert rates["not"] < 50 < rates["resolved"]


def test_survey_scores_and_comments_follow_the_contact(contacts, surveys):
    joined = surveys.merge(contacts, on="contact_id")
    assert joined.loc[joined["resolved"], "csat"].mean() > joined.loc[~joined["resolved"], "csat"].mean() + 0.5
    about_waiting = joined["comment"].fillna("").str.contains("wait|queue|answered", case=False, regex=True)
    queue = joined["channel"] != "email"
    assert joined.loc[about_waiting & queue, "wait_seconds"].median() > 3 * joined.loc[queue, "wait_seconds"].median()
    recall = joined["comment"].fillna("").str.contains("recall|faulty|broke|stopped working", case=False)
    assert joined.loc[recall, "topic"].isin(["recall", "technical"]).all()
    billing = joined["comment"].fillna("").str.contains("charged|bill|refund", case=False)
    assert (joined.loc[billing, "topic"] == "billing").all()
    assert 0.3 < joined["comment"].notna().mean() < 0.7


def test_churn_depends_on_service_experience(contacts, customers):
    bad = contacts.loc[(contacts["answered"] & ~contacts["resolved"]) | ~contacts["answered"], "customer_id"]
    labelled = customers.assign(experience=np.where(customers["customer_id"].isin(bad), "bad", "fine"))
    rates = kpi.churn_rate(labelled, centre.START, centre.END, by="experience").set_index("experience")
    assert rates.loc["bad", "churn_rate"] > 2 * rates.loc["fine", "churn_rate"]
    by_plan = kpi.churn_rate(customers, centre.START, centre.END, by="plan").set_index("plan")["churn_rate"]
    assert by_plan["basic"] > by_plan["premium"]


def test_the_example_export_loads_through_load_contacts():
    from course_lib.data.own_data import load_contacts

    calls = load_contacts(datasets.example_export_path(), columns={"Start time": "time"}, show_report=False)
    report = calls.attrs["load_report"]
    assert report.not_found == ["channel"] and report.unused == ["Site"]
    contacts = load_dataset("contacts")
    week = contacts[contacts["contact_id"].isin(calls["contact_id"].str[3:].astype(int))]
    assert len(week) == len(calls) and (week["channel"] == "phone").all()
    assert kpi.aht(calls) == kpi.aht(week)
    assert kpi.service_level(calls) == kpi.service_level(week)
