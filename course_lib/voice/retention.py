"""Who churns after what experience: customers, contacts and surveys joined per customer.

The sources claim a direct link between service and retention but give no data. The course's tables can show
an **association**: how often customers left after an unresolved contact, a call they gave up on, a long wait or a
low score, compared with customers who had none of these. They cannot prove the service *caused* the churn:
customers with more problems also contact more, and some were going to leave anyway.

Churned here means the customer has a ``churned_at`` date (they left during the 13 weeks of the data); the churn
rate is churned / customers, in %.

>>> import pandas as pd
>>> customers = pd.DataFrame({"customer_id": [1, 2, 3, 4], "plan": ["basic", "basic", "plus", "plus"],
...                           "churned_at": pd.to_datetime(["2025-02-01", None, "2025-03-01", None])})
>>> churn_by(customers, "plan")
    plan  customers  churned  churn_rate
0  basic          2        1        50.0
1   plus          2        1        50.0
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from course_lib.errors import DataError

#: The experiences compared, in the order shown: column of :func:`customer_experiences` -> what it means.
EXPERIENCES = {
    "unresolved": "an unresolved contact",
    "abandoned": "abandoned in the queue",
    "long_wait": "a wait over 4 minutes",
    "low_csat": "a CSAT 1-2 survey",
}
NONE_OF_THESE = "none of these (but contacted us)"
NO_CONTACT = "no contact at all"
LONG_WAIT_SECONDS = 240
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}


def _need(table: pd.DataFrame, name: str, columns: list[str]) -> None:
    if not isinstance(table, pd.DataFrame):
        raise DataError(f"expected a table (a pandas DataFrame), got {type(table).__name__}", table=name)
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise DataError(f"needs the column(s) {', '.join(map(repr, missing))}; the table has: "
                        f"{', '.join(map(str, table.columns))}", table=name, column=missing[0])


def churn_flags(values: pd.Series, name: str = "customers") -> pd.Series:
    """True for customers who left: from True/False, Yes/No (any case, as in many exports) or a date of leaving
    (empty: still a customer).

    >>> churn_flags(pd.Series(["Yes", "no", "YES"])).tolist()
    [True, False, True]
    """
    if pd.api.types.is_bool_dtype(values.dtype):
        return values.astype(bool)
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        return values.notna()
    text = values.astype("string").str.strip().str.lower()
    bad = ~text.isin(_YES | _NO) | text.isna()
    if bad.any():
        rows = values.index[bad.to_numpy(dtype=bool)][:5].tolist()
        raise DataError(f"column '{values.name}' should say whether each customer left (Yes/No, True/False or a "
                        f"date); rows {rows} hold {values[bad].head(3).tolist()}", table=name,
                        column=str(values.name), rows=rows)
    return text.isin(_YES).astype(bool)


def churn_by(table: pd.DataFrame, by: str | list[str], churned: str = "churned_at", *,
             name: str = "customers") -> pd.DataFrame:
    """Churn rate per group: ``customers``, ``churned`` and ``churn_rate`` (% of the group's customers who left).

    ``churned`` is the column saying who left: True/False, Yes/No or a date of leaving (as ``churned_at`` in the
    course's customers table, or ``Churn`` in many telecom exports).
    """
    groups = [by] if isinstance(by, str) else list(by)
    _need(table, name, [*groups, churned])
    flags = churn_flags(table[churned], name)
    data = table[groups].assign(_churned=flags.to_numpy())
    out = data.groupby(groups, dropna=False, observed=True).agg(customers=("_churned", "size"),
                                                                 churned=("_churned", "sum")).reset_index()
    out["churned"] = out["churned"].astype(int)
    out["churn_rate"] = (100 * out["churned"] / out["customers"]).round(1)
    return out


def customer_experiences(customers: pd.DataFrame, contacts: pd.DataFrame, surveys: pd.DataFrame, *,
                         long_wait_seconds: float = LONG_WAIT_SECONDS) -> pd.DataFrame:
    """One row per customer: plan, whether they churned, and how many of each experience they had.

    Columns: customer_id, plan, churned (True/False), contacts, unresolved (answered, not resolved), abandoned
    (gave up in the queue), long_wait (phone or chat wait over ``long_wait_seconds``; email replies are slower by
    nature and not counted), low_csat (surveys with CSAT 1 or 2).
    """
    _need(customers, "customers", ["customer_id", "plan", "churned_at"])
    _need(contacts, "contacts", ["contact_id", "customer_id", "channel", "answered", "resolved", "wait_seconds"])
    _need(surveys, "surveys", ["contact_id", "csat"])
    answered = contacts["answered"].astype(bool)
    wait = pd.to_numeric(contacts["wait_seconds"], errors="coerce").fillna(0)
    low = set(surveys.loc[pd.to_numeric(surveys["csat"], errors="coerce") <= 2, "contact_id"])
    per_contact = pd.DataFrame({
        "customer_id": contacts["customer_id"],
        "contacts": 1,
        "unresolved": answered & ~contacts["resolved"].astype(bool),
        "abandoned": ~answered,
        "long_wait": (contacts["channel"] != "email") & (wait > long_wait_seconds),
        "low_csat": contacts["contact_id"].isin(low),
    })
    counts = per_contact.groupby("customer_id").sum().astype(int)
    out = customers[["customer_id", "plan"]].copy()
    out["churned"] = churn_flags(customers["churned_at"]).to_numpy()
    out = out.join(counts, on="customer_id")
    columns = ["contacts", *EXPERIENCES]
    out[columns] = out[columns].fillna(0).astype(int)
    return out.reset_index(drop=True)


def churn_by_experience(customers: pd.DataFrame, contacts: pd.DataFrame, surveys: pd.DataFrame,
                        by: str | None = None, *, long_wait_seconds: float = LONG_WAIT_SECONDS) -> pd.DataFrame:
    """Churn rate (%) of customers who had each kind of experience, against those who had none of them.

    Rows: each experience of :data:`EXPERIENCES` (a customer with several is counted in each), then customers who
    contacted us without any of them, then customers with no contact at all. ``by="plan"`` gives these rows for
    each plan. Columns: [by], experience, customers, churned, churn_rate.

    It shows an association, not a cause: customers with more problems also contact more.

    >>> import pandas as pd
    >>> customers = pd.DataFrame({"customer_id": [1, 2, 3], "plan": ["basic"] * 3,
    ...                           "churned_at": pd.to_datetime(["2025-02-01", None, None])})
    >>> contacts = pd.DataFrame({"contact_id": [10, 11], "customer_id": [1, 2], "channel": ["phone", "phone"],
    ...                          "answered": [True, True], "resolved": [False, True], "wait_seconds": [300, 10]})
    >>> surveys = pd.DataFrame({"contact_id": [10], "csat": [1]})
    >>> churn_by_experience(customers, contacts, surveys)
                             experience  customers  churned  churn_rate
    0             an unresolved contact          1        1       100.0
    1            abandoned in the queue          0        0         NaN
    2             a wait over 4 minutes          1        1       100.0
    3                 a CSAT 1-2 survey          1        1       100.0
    4  none of these (but contacted us)          1        0         0.0
    5                 no contact at all          1        0         0.0
    """
    table = customer_experiences(customers, contacts, surveys, long_wait_seconds=long_wait_seconds)
    groups = [by] if by else []
    if by and by not in table.columns:
        raise DataError(f"cannot split by '{by}': choose 'plan' (or no split)", table="customers", column=by)
    any_bad = (table[list(EXPERIENCES)] > 0).any(axis=1)
    masks = {label: table[column] > 0 for column, label in EXPERIENCES.items()}
    masks[NONE_OF_THESE] = ~any_bad & (table["contacts"] > 0)
    masks[NO_CONTACT] = table["contacts"] == 0
    keys = [()] if not groups else [(value,) for value in sorted(table[by].dropna().unique())]
    rows = []
    for key in keys:
        in_group = np.ones(len(table), bool) if not groups else (table[by] == key[0]).to_numpy()
        for label, mask in masks.items():
            chosen = in_group & mask.to_numpy()
            n, left = int(chosen.sum()), int(table["churned"].to_numpy()[chosen].sum())
            rows.append({**dict(zip(groups, key, strict=True)), "experience": label, "customers": n,
                         "churned": left, "churn_rate": round(100 * left / n, 1) if n else float("nan")})
    return pd.DataFrame(rows, columns=[*groups, "experience", "customers", "churned", "churn_rate"])


def churn_by_contacts(customers: pd.DataFrame, contacts: pd.DataFrame, surveys: pd.DataFrame, *,
                      most: int = 4) -> pd.DataFrame:
    """Churn rate (%) by how many contacts a customer made (0, 1, 2, ... and "``most`` or more"), with how many
    of those customers had at least one bad experience (``with_bad``, %): the confounder to keep in mind.

    >>> import pandas as pd
    >>> customers = pd.DataFrame({"customer_id": [1, 2], "plan": ["basic", "plus"],
    ...                           "churned_at": pd.to_datetime([None, "2025-03-01"])})
    >>> contacts = pd.DataFrame({"contact_id": [1, 2], "customer_id": [2, 2], "channel": ["chat", "chat"],
    ...                          "answered": [True, False], "resolved": [True, False], "wait_seconds": [5, 400]})
    >>> churn_by_contacts(customers, contacts, pd.DataFrame({"contact_id": [], "csat": []}), most=2)
        contacts  customers  churned  churn_rate  with_bad
    0          0          1        0         0.0       0.0
    1          1          0        0         NaN       NaN
    2  2 or more          1        1       100.0     100.0
    """
    table = customer_experiences(customers, contacts, surveys)
    labels = [str(n) for n in range(most)] + [f"{most} or more"]
    band = np.minimum(table["contacts"].to_numpy(), most)
    bad = (table[list(EXPERIENCES)] > 0).any(axis=1).to_numpy()
    rows = []
    for n, label in enumerate(labels):
        chosen = band == n
        size, left = int(chosen.sum()), int(table["churned"].to_numpy()[chosen].sum())
        rows.append({"contacts": label, "customers": size, "churned": left,
                     "churn_rate": round(100 * left / size, 1) if size else float("nan"),
                     "with_bad": round(100 * bad[chosen].sum() / size, 1) if size else float("nan")})
    return pd.DataFrame(rows, columns=["contacts", "customers", "churned", "churn_rate", "with_bad"])


def add_plan(contacts: pd.DataFrame, customers: pd.DataFrame) -> pd.DataFrame:
    """The contacts with each customer's ``plan`` (joined on customer_id), so the KPI functions can split by plan:
    ``csat(surveys, by="plan", contacts=add_plan(contacts, customers))``.

    >>> import pandas as pd
    >>> add_plan(pd.DataFrame({"contact_id": [1], "customer_id": [7]}),
    ...          pd.DataFrame({"customer_id": [7], "plan": ["plus"]}))
       contact_id  customer_id  plan
    0           1            7  plus
    """
    _need(contacts, "contacts", ["customer_id"])
    _need(customers, "customers", ["customer_id", "plan"])
    base = contacts.drop(columns=["plan"]) if "plan" in contacts.columns else contacts
    return base.merge(customers[["customer_id", "plan"]], on="customer_id", how="left", validate="many_to_one")
