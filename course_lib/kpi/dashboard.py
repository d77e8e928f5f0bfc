"""The logic behind the KPI dashboard widget: which KPIs and groupings it offers, the table it shows for a
choice (:func:`dashboard_table`), the weeks a learner can pick (:func:`week_starts`) and the sentence under the
table (:func:`describe`). The view itself is ``course_lib.widgets.kpi_dashboard``.
"""

from __future__ import annotations

import pandas as pd

from course_lib.data import checks
from course_lib.errors import DataError
from course_lib.kpi._tables import _period
from course_lib.kpi.contacts import (
    _PARTS,
    CHANNEL_THRESHOLDS,
    abandonment_rate,
    aht,
    asa,
    fcr,
    resolution_rate,
    service_level,
)
from course_lib.kpi.surveys import ces, csat, nps

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
_FUNCTIONS = {"csat": csat, "nps": nps, "ces": ces, "fcr": fcr, "aht": aht, "asa": asa, "service_level": service_level,
              "abandonment_rate": abandonment_rate, "resolution_rate": resolution_rate}


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
    functions = {name: _FUNCTIONS[name] for name, _ in DASHBOARD_KPIS.values()}
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
