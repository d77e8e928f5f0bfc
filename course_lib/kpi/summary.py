"""The scorecard: every contact and survey KPI at once, for the whole table or one row per group.

:func:`kpi_summary` uses the same definitions as the single functions (``kpi/contacts.py``, ``kpi/surveys.py``)
and computes the parts they share only once, so a scorecard of a large table costs little more than one KPI.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from course_lib.kpi._tables import _Groups, _groups, _ratio, _surveys_about, _Table
from course_lib.kpi.contacts import (
    _PARTS,
    CHANNEL_THRESHOLDS,
    _abandon_parts,
    _answered,
    _fcr_parts,
    _handle_seconds,
    _service_level_parts,
    _thresholds,
)
from course_lib.kpi.surveys import _csat_parts, _nps_parts

#: The scorecard's KPIs: name, what it is, unit.
SCORECARD = (
    ("service_level", "Service level (answered within target)", "%"),
    ("asa", "Average speed of answer", "seconds"),
    ("abandonment_rate", "Abandonment rate", "%"),
    ("aht", "Average handle time", "seconds"),
    ("fcr", "First-contact resolution (no repeat in 7 days)", "%"),
    ("resolution_rate", "Resolved (agent's flag)", "%"),
    ("csat", "CSAT (% satisfied, 4-5 of 5)", "%"),
    ("nps", "NPS (promoters - detractors)", "-100..100"),
    ("ces", "CES (ease, 1-7)", "score"),
)


def kpi_summary(contacts: pd.DataFrame, surveys: pd.DataFrame | None = None, by=None, *,
                threshold_seconds: float | Mapping[str, float] | None = None, short_abandon_seconds: float = 5,
                window_days: float = 7) -> pd.DataFrame:
    """A scorecard of every contact and survey KPI, for the whole table or one row per group.

    Without ``by``: one row per KPI with its value, unit and the count it is based on. With ``by``: one row per
    group, a column per KPI, plus ``contacts`` (all contacts in the group) and ``responses`` (surveys).
    The definitions are those of the single functions (:func:`service_level` with abandons in the denominator,
    :func:`fcr` with complete windows only, :func:`csat` top-2-box ...). ``threshold_seconds`` defaults to
    ``CHANNEL_THRESHOLDS`` (phone 20 s, chat 60 s, email 24 h) when the table has a ``channel`` column whose
    channels are all in it, and 20 seconds otherwise. A KPI whose columns the table lacks (FCR without
    ``customer_id``, for instance) is left empty, and the scorecard says which column it needs. Survey KPIs are
    grouped by the contact each survey is about.

    >>> contacts = pd.DataFrame({"contact_id": [1, 2, 3], "customer_id": [7, 8, 9],
    ...     "arrived_at": pd.to_datetime(["2025-01-06 09:00", "2025-01-06 09:05", "2025-01-20 10:00"]),
    ...     "topic": ["billing", "billing", "account"], "agent": ["Ana", "Bo", None],
    ...     "answered": [True, True, False], "wait_seconds": [10, 40, 90], "talk_seconds": [200, 300, None],
    ...     "resolved": [True, False, False]})
    >>> surveys = pd.DataFrame({"contact_id": [1, 2], "csat": [5, 2], "nps": [10, 3]})
    >>> kpi_summary(contacts, surveys)[["kpi", "value", "unit", "based_on"]]
                    kpi  value       unit  based_on
    0     service_level   33.3          %         3
    1               asa   25.0    seconds         2
    2  abandonment_rate   33.3          %         3
    3               aht  250.0    seconds         2
    4               fcr  100.0          %         2
    5   resolution_rate   50.0          %         2
    6              csat   50.0          %         2
    7               nps    0.0  -100..100         2
    8               ces    NaN      score         0
    """
    table = _Table(contacts, "contacts")
    groups = _groups(table, by)
    columns: dict[str, np.ndarray] = {"contacts": np.bincount(groups.codes, minlength=groups.size)}
    counts: dict[str, np.ndarray] = {}
    missing: dict[str, str] = {}
    if threshold_seconds is None:
        threshold_seconds = 20
        if table.has("channel") and set(table.df["channel"].dropna().unique()) <= set(CHANNEL_THRESHOLDS):
            threshold_seconds = CHANNEL_THRESHOLDS

    def needs(kpi: str, names: list[str], frame: pd.DataFrame | None) -> bool:
        absent = [n for n in names if frame is None or n not in frame.columns]
        if absent:
            missing[kpi] = "needs " + ", ".join(absent)
        return not absent

    if needs("service_level", ["answered", "wait_seconds"], contacts):
        answered, wait, real_abandon = _abandon_parts(table, short_abandon_seconds)
        num, den = _service_level_parts(groups, answered, wait, real_abandon, _thresholds(table, threshold_seconds),
                                        "in_denominator")
        columns["service_level"], counts["service_level"] = _ratio(num, den), den
        answered_n = groups.count(answered)
        columns["asa"] = _ratio(groups.sum(np.nan_to_num(wait), answered), answered_n, 1.0)
        counts["asa"] = answered_n
        columns["abandonment_rate"], counts["abandonment_rate"] = _ratio(groups.count(real_abandon), den), den
    else:
        missing["asa"] = missing["abandonment_rate"] = missing["service_level"]
    if needs("aht", ["answered", "talk_seconds"], contacts):
        answered = _answered(table)
        present = [p for p in _PARTS if table.has(_PARTS[p])]
        if len(present) < len(_PARTS):
            absent = ", ".join(_PARTS[p] for p in _PARTS if p not in present)
            missing["aht"] = f"{' + '.join(present)} only (no {absent})"
        handle = _handle_seconds(table, present, answered)
        n = groups.count(answered)
        columns["aht"], counts["aht"] = _ratio(groups.sum(handle, answered), n, 1.0), n
    if needs("fcr", ["answered", "customer_id", "topic", "arrived_at"], contacts):
        first, counted = _fcr_parts(table, groups, window_days, True)
        columns["fcr"], counts["fcr"] = _ratio(first, counted), counted
    if needs("resolution_rate", ["answered", "resolved"], contacts):
        answered = _answered(table)
        n = groups.count(answered)
        columns["resolution_rate"] = _ratio(groups.count(answered & table.flags("resolved")), n)
        counts["resolution_rate"] = n
    if surveys is not None:
        survey_table, survey_codes = _surveys_about(_Table(surveys, "surveys"), table, groups.codes)
        survey_groups = _Groups(survey_codes, groups.labels)
        columns["responses"] = np.bincount(survey_groups.codes, minlength=groups.size)
        if needs("csat", ["csat"], surveys):
            happy, responses, _ = _csat_parts(survey_table, survey_groups, 4)
            columns["csat"], counts["csat"] = _ratio(happy, responses), responses
        if needs("nps", ["nps"], surveys):
            promoters, detractors, responses = _nps_parts(survey_table, survey_groups)
            columns["nps"], counts["nps"] = _ratio(promoters - detractors, responses), responses
        if needs("ces", ["ces"], surveys):
            score = survey_table.scores("ces", 1, 7)
            responses = survey_groups.count(~np.isnan(score))
            columns["ces"] = _ratio(survey_groups.sum(np.nan_to_num(score)), responses, 1.0)
            counts["ces"] = responses
    else:
        for kpi in ("csat", "nps", "ces"):
            missing[kpi] = "needs the surveys table"

    if groups.labels is None:
        rows = []
        for kpi, label, unit in SCORECARD:
            value = float(columns[kpi][0]) if kpi in columns else np.nan
            rows.append({"kpi": kpi, "label": label, "value": round(value, 1), "unit": unit,
                         "based_on": int(counts[kpi][0]) if kpi in counts else 0, "note": missing.get(kpi, "")})
        return pd.DataFrame(rows)
    out = groups.labels.copy()
    for name in ("contacts", "service_level", "asa", "abandonment_rate", "aht", "fcr", "resolution_rate",
                 "responses", "csat", "nps", "ces"):
        if name in columns:
            out[name] = columns[name]
    out.attrs["not_computed"] = missing
    return out[out["contacts"] > 0].reset_index(drop=True)
