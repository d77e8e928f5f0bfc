"""KPIs measured from the course's data or a team's own export: their definitions (``definitions``), the charts
that show them (``charts``), one agent against the team (``team_feedback``) and the effect of training
(``training_effect``). The definitions are re-exported here: ``from course_lib import kpi; kpi.nps(surveys)``.
"""

from course_lib.kpi.definitions import (
    abandonment_rate,
    aht,
    asa,
    ces,
    churn_rate,
    csat,
    csat_mean,
    dashboard_table,
    describe,
    fcr,
    in_period,
    kpi_summary,
    nps,
    nps_interval,
    resolution_rate,
    resolution_time,
    retention_rate,
    service_level,
    week_starts,
)

__all__ = ["abandonment_rate", "aht", "asa", "ces", "churn_rate", "csat", "csat_mean", "dashboard_table", "describe",
           "fcr", "in_period", "kpi_summary", "nps", "nps_interval", "resolution_rate", "resolution_time",
           "retention_rate", "service_level", "week_starts"]
