"""From a contact log to the staffing question: hour by hour, what came in, and who was there to answer it.

This joins the KPI library (what happened) to the staffing formulas (what was needed): module 09's surge-day
exercise compares the agents the recall day needed with the agents it had.
"""

from __future__ import annotations

import pandas as pd

from course_lib import kpi
from course_lib.errors import DataError
from course_lib.staffing.erlang import erlang_a
from course_lib.staffing.planning import plan_staffing

HOUR = 3600


def hourly_workload(contacts: pd.DataFrame, day: str, channel: str = "phone") -> pd.DataFrame:
    """One row per hour of ``day`` for one channel: calls offered, AHT (s) of the answered ones, the agents who
    answered at least one of them, and the observed service level (% within 20 s) and abandonment (%).

    "Agents who answered" is what a log can show of the staffing: someone on shift who took no call is invisible.

    >>> import course_lib
    >>> week = hourly_workload(course_lib.load_dataset("contacts"), "2025-02-11")
    >>> list(week.columns)
    ['hour', 'calls', 'aht_seconds', 'agents_answering', 'service_level', 'abandonment_rate']
    """
    day_contacts = contacts[(contacts["channel"] == channel)
                            & (contacts["arrived_at"].dt.strftime("%Y-%m-%d") == str(day))]
    if day_contacts.empty:
        raise DataError(f"no {channel} contacts on {day}: check the date (YYYY-MM-DD) and the channel name")
    hours = day_contacts["arrived_at"].dt.hour
    table = pd.DataFrame({"calls": day_contacts.groupby(hours).size()})
    table["aht_seconds"] = kpi.aht(day_contacts, by="hour").set_index("hour")["aht"]
    answered = day_contacts[day_contacts["answered"]]
    table["agents_answering"] = answered.groupby(answered["arrived_at"].dt.hour)["agent"].nunique()
    table["service_level"] = kpi.service_level(day_contacts, by="hour").set_index("hour")["service_level"]
    table["abandonment_rate"] = kpi.abandonment_rate(day_contacts, by="hour").set_index("hour")["abandonment_rate"]
    table = table.fillna({"agents_answering": 0}).astype({"agents_answering": int})
    return table.rename_axis("hour").reset_index()


def needed_vs_had(workload: pd.DataFrame, *, target_service_level: float = 80, answer_within_seconds: float = 20,
                  patience_seconds: float = 120) -> pd.DataFrame:
    """Add, for each hour: the agents Erlang C says were needed for the target, and the service level and
    abandonment Erlang A predicts with the agents who were actually answering (callers with the given average
    patience). Hours with no answered call are left without a prediction.
    """
    plan = plan_staffing(workload, calls_column="calls", aht_column="aht_seconds", interval_seconds=HOUR,
                         answer_within_seconds=answer_within_seconds, target_service_level=target_service_level)
    result = workload.copy()
    result["agents_needed"] = plan["agents_on_phones"]
    predicted_sl, predicted_abandon = [], []
    for row in workload.itertuples():
        if row.agents_answering == 0 or pd.isna(row.aht_seconds):
            predicted_sl.append(float("nan"))
            predicted_abandon.append(float("nan"))
            continue
        forecast = erlang_a(row.agents_answering, row.calls, HOUR, row.aht_seconds, patience_seconds,
                            answer_within_seconds)
        predicted_sl.append(forecast.service_level)
        predicted_abandon.append(forecast.abandonment)
    result["predicted_service_level"] = predicted_sl
    result["predicted_abandonment"] = predicted_abandon
    return result
