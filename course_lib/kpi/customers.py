"""Customer KPIs over a period: churn rate and retention rate, from the customers table.

The customers at the period's start are the base; ``by=`` groups them by a column such as ``plan``.
"""

from __future__ import annotations

import pandas as pd

from course_lib.data import checks
from course_lib.kpi._tables import _finish, _groups, _period, _ratio, _Table


def _churn_parts(customers: pd.DataFrame, start, end, by):
    start, end = _period(start, end)
    table = _Table(customers, "customers")
    joined = table.times("joined_at")
    churned = checks.timestamps(customers, "customers", "churned_at", allow_missing=True)
    groups = _groups(table, by)
    active = ((joined <= start) & (churned.isna() | (churned > start))).to_numpy()
    left = active & (churned <= end).to_numpy()
    return groups, groups.count(left), groups.count(active), start


def churn_rate(customers: pd.DataFrame, start, end, by=None):
    """Churn rate over a period: the percentage of the customers at its start who left by its end.

    Formula: customers with ``joined_at`` <= start and not churned by start (the customers at the start), of whom
    ``churned_at`` falls after start and on or before end, / customers at the start x 100.
    Choices: customers who join during the period are not counted (they were not there at the start); an empty
    ``churned_at`` means still a customer. Compare periods of the same length: 13-week churn is not monthly churn.
    Source: the standard cohort definition, e.g. Fader and Hardie, "How to project customer retention",
    *Journal of Interactive Marketing* 21(1), 2007.

    >>> customers = pd.DataFrame({"customer_id": [1, 2, 3, 4], "plan": ["basic", "basic", "plus", "plus"],
    ...     "joined_at": pd.to_datetime(["2020-01-01", "2021-05-01", "2022-03-01", "2025-02-01"]),
    ...     "churned_at": pd.to_datetime(["2025-02-10", None, None, None])})
    >>> round(churn_rate(customers, "2025-01-01", "2025-03-31"), 1)  # 1 of the 3 customers at the start left
    33.3
    >>> churn_rate(customers, "2025-01-01", "2025-03-31", by="plan")
        plan  churn_rate  customers
    0  basic        50.0          2
    1   plus         0.0          1
    """
    groups, left, active, start = _churn_parts(customers, start, end, by)
    return _finish(groups, "churn_rate", _ratio(left, active), active, "customers",
                   f"no customers at the start of the period ({start.date()}) to compute churn from",
                   table="customers")


def retention_rate(customers: pd.DataFrame, start, end, by=None):
    """Retention rate over a period: the percentage of the customers at its start who are still customers at its end.

    Formula: 100 - :func:`churn_rate` for the same period and customers; the same as the common
    (customers at end - new customers) / customers at start x 100.
    Source: as for :func:`churn_rate`.

    >>> customers = pd.DataFrame({"customer_id": [1, 2, 3],
    ...     "joined_at": pd.to_datetime(["2020-01-01", "2021-05-01", "2022-03-01"]),
    ...     "churned_at": pd.to_datetime(["2025-02-10", None, None])})
    >>> round(retention_rate(customers, "2025-01-01", "2025-03-31"), 1)
    66.7
    """
    groups, left, active, start = _churn_parts(customers, start, end, by)
    return _finish(groups, "retention_rate", _ratio(active - left, active), active, "customers",
                   f"no customers at the start of the period ({start.date()}) to compute retention from",
                   table="customers")
