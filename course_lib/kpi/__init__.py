"""The course's KPIs, measured from pandas tables of contacts, surveys and customers (the course's data or a team's
own export).

Where to look:

- ``surveys.py``: CSAT (top-2-box share and mean), NPS and its confidence interval, CES;
- ``contacts.py``: first-contact resolution, handle time, speed of answer, service level, abandonment, resolution
  rate and time;
- ``customers.py``: churn and retention over a period;
- ``summary.py``: the scorecard of them all (:func:`kpi_summary`);
- ``dashboard.py``: the logic behind the KPI dashboard widget (its table, its weeks, its sentence);
- ``charts.py`` (trend against target, agents compared, NPS distribution), ``team_feedback.py`` (one agent against
  the team) and ``training_effect.py`` (did the training work?) draw on the definitions; only they use matplotlib,
  and only when a chart is drawn;
- ``_tables.py``: the machinery every KPI shares (checked columns, groups for ``by=``).

Each KPI returns **one number** when called without ``by``: a percentage from 0 to 100 for rates and shares
(NPS from -100 to 100), seconds for durations, a mean score for CSAT mean and CES. With ``by="agent"`` (or
``"channel"``, ``"topic"``, ``"week"``, ``"date"``, ``"hour"``, ``"weekday"``, ``"month"``, any column, or a list of
them) it returns a tidy table: one row per group, the KPI, and the count it is based on.

Definitions differ between vendors, books and papers (top-2-box or mean CSAT, whether abandoned calls count
against the service level, what "first contact" means). Each docstring states the formula, the choices made
here, and a source. **None of these formulas come from the course's source articles**, which name the KPIs but
give no formulas, scales or benchmarks: they are the common industry definitions, added by the course.

Bad data gets a :class:`~course_lib.errors.DataError` naming the table, the column and the first offending rows.
Rows are named by the table's index (for a freshly loaded file, 0 is the first data row).

>>> import pandas as pd
>>> from course_lib import kpi
>>> surveys = pd.DataFrame({"contact_id": [1, 2, 3, 4], "csat": [5, 4, 2, 5], "nps": [10, 9, 3, 8]})
>>> kpi.csat(surveys), kpi.nps(surveys)
(75.0, 25.0)
"""

from course_lib.kpi.contacts import (
    abandonment_rate,
    aht,
    asa,
    fcr,
    resolution_rate,
    resolution_time,
    service_level,
)
from course_lib.kpi.customers import churn_rate, retention_rate
from course_lib.kpi.dashboard import dashboard_table, describe, in_period, week_starts
from course_lib.kpi.summary import kpi_summary
from course_lib.kpi.surveys import ces, csat, csat_mean, nps, nps_interval

__all__ = ["abandonment_rate", "aht", "asa", "ces", "churn_rate", "csat", "csat_mean", "dashboard_table", "describe",
           "fcr", "in_period", "kpi_summary", "nps", "nps_interval", "resolution_rate", "resolution_time",
           "retention_rate", "service_level", "week_starts"]
