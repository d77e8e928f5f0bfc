"""Survey KPIs: CSAT (top-2-box share and mean), NPS and its confidence interval, and CES.

Each takes the surveys table (``contact_id`` and the score columns); ``by=`` groups by a survey column, or, with
``contacts=``, by a column of the contact each survey is about (agent, channel, week ...). The formulas, choices
and sources are in each docstring; :mod:`course_lib.kpi` says what every KPI returns.
"""

from __future__ import annotations

from statistics import NormalDist
from typing import NamedTuple

import numpy as np
import pandas as pd

from course_lib.errors import DataError
from course_lib.kpi._tables import _finish, _Groups, _ratio, _survey_groups, _Table


class NpsInterval(NamedTuple):
    """An NPS with its confidence interval (all from -100 to 100) and the number of responses."""

    nps: float
    low: float
    high: float
    responses: int


def _csat_parts(surveys: _Table, groups: _Groups, satisfied: int):
    score = surveys.scores("csat", 1, 5)
    answered = ~np.isnan(score)
    return groups.count(answered & (score >= satisfied)), groups.count(answered), groups.sum(np.nan_to_num(score))


def csat(surveys: pd.DataFrame, by=None, *, contacts: pd.DataFrame | None = None, satisfied: int = 4):
    """Customer satisfaction (CSAT): the percentage of responses that are satisfied ("top-2-box").

    Formula: responses with ``csat`` >= 4 (on 1-5) / responses with a ``csat`` x 100.

    Choices: the share of 4s and 5s ("top-2-box"), not the mean (see :func:`csat_mean`); empty ``csat`` cells are
    left out (the customer skipped the question). ``satisfied=5`` gives the stricter top-box share. To group by a
    contact column (agent, channel, week ...), pass ``contacts=``; each survey is matched by ``contact_id``.
    Source: the American Customer Satisfaction Index and most survey tools report CSAT this way; see e.g.
    Hayes, *Measuring Customer Satisfaction and Loyalty* (3rd ed., ASQ Quality Press, 2008).

    >>> surveys = pd.DataFrame({"contact_id": [1, 2, 3, 4], "csat": [5, 4, 3, None]})
    >>> round(csat(surveys), 1)
    66.7
    >>> csat(surveys.assign(team=["A", "A", "B", "B"]), by="team")
      team   csat  responses
    0    A  100.0          2
    1    B    0.0          1
    """
    table = _Table(surveys, "surveys")
    table, groups = _survey_groups(table, by, contacts)
    happy, responses, _ = _csat_parts(table, groups, satisfied)
    return _finish(groups, "csat", _ratio(happy, responses), responses, "responses",
                   "no CSAT responses to compute CSAT from (the column 'csat' is empty or the table has no rows)",
                   table="surveys")


def csat_mean(surveys: pd.DataFrame, by=None, *, contacts: pd.DataFrame | None = None):
    """The mean CSAT score, from 1 (very dissatisfied) to 5 (very satisfied).

    Formula: sum of ``csat`` / responses with a ``csat``. Empty cells are left out.
    Choices: a mean treats the 1-5 labels as equally spaced numbers, which they are not quite; it moves with every
    response, while the top-2-box share (:func:`csat`) ignores a move from 1 to 3. Report which one you use.
    Source: Hayes (2008), as for :func:`csat`.

    >>> csat_mean(pd.DataFrame({"contact_id": [1, 2, 3], "csat": [5, 4, 3]}))
    4.0
    """
    table = _Table(surveys, "surveys")
    table, groups = _survey_groups(table, by, contacts)
    _, responses, total = _csat_parts(table, groups, 4)
    return _finish(groups, "csat_mean", _ratio(total, responses, 1.0), responses, "responses",
                   "no CSAT responses to compute a mean from", table="surveys")


def _nps_parts(surveys: _Table, groups: _Groups):
    score = surveys.scores("nps", 0, 10)
    answered = ~np.isnan(score)
    return groups.count(answered & (score >= 9)), groups.count(answered & (score <= 6)), groups.count(answered)


def nps(surveys: pd.DataFrame, by=None, *, contacts: pd.DataFrame | None = None):
    """Net Promoter Score: % promoters minus % detractors, from -100 (all detractors) to 100 (all promoters).

    Formula: on the 0-10 "how likely are you to recommend us?" question, promoters answer 9 or 10, detractors 0 to
    6, passives 7 or 8: NPS = 100 x (promoters - detractors) / responses. Empty ``nps`` cells are left out.
    Source: Reichheld, "The One Number You Need to Grow", *Harvard Business Review*, December 2003. (The course's
    source articles define NPS as a loyalty measure but give no scale or formula.)

    >>> surveys = pd.DataFrame({"contact_id": [1, 2, 3, 4, 5], "nps": [10, 9, 8, 6, 0]})
    >>> nps(surveys)
    0.0
    >>> nps(surveys.assign(nps=[10, 10, 9, 9, 9]))
    100.0
    """
    table = _Table(surveys, "surveys")
    table, groups = _survey_groups(table, by, contacts)
    promoters, detractors, responses = _nps_parts(table, groups)
    return _finish(groups, "nps", _ratio(promoters - detractors, responses), responses, "responses",
                   "no NPS responses to compute NPS from (the column 'nps' is empty or the table has no rows)",
                   table="surveys")


def nps_interval(surveys: pd.DataFrame, by=None, *, contacts: pd.DataFrame | None = None,
                 confidence: float = 0.95):
    """NPS with a confidence interval (95 % by default), by the adjusted-Wald method.

    Formula (adjusted Wald): add 3 to the number of responses n, and 3/4 to the promoters P and to the detractors
    D; with p = (P + 0.75) / (n + 3) and d = (D + 0.75) / (n + 3), the interval is
    100 x [(p - d) +/- z x sqrt((p + d - (p - d)^2) / (n + 3))], cut to -100..100, z = 1.96 for 95 %.
    Choices: the adjustment keeps small samples from getting impossibly narrow intervals (with 5 responses all
    promoters, a plain Wald interval is 100 to 100). The ``nps`` returned is the plain NPS.
    Source: Rocks, "Interval estimation for the 'Net Promoter Score'", *The American Statistician* 70(4), 2016;
    Sauro and Lewis, MeasuringU, "Confidence intervals for Net Promoter Scores" (2021).

    >>> surveys = pd.DataFrame({"contact_id": range(10), "nps": [10, 10, 9, 9, 9, 8, 7, 6, 3, 0]})
    >>> result = nps_interval(surveys)
    >>> result.nps, round(result.low, 1), round(result.high, 1), result.responses
    (20.0, -30.3, 61.1, 10)
    """
    if not 0 < confidence < 1:
        raise DataError(f"confidence must be between 0 and 1 (e.g. 0.95), got {confidence}")
    table = _Table(surveys, "surveys")
    table, groups = _survey_groups(table, by, contacts)
    promoters, detractors, responses = _nps_parts(table, groups)
    low, high = _adjusted_wald(promoters, detractors, responses, confidence)
    result = _finish(groups, "nps", _ratio(promoters - detractors, responses), responses, "responses",
                     "no NPS responses to compute an interval from", extra={"low": low, "high": high},
                     table="surveys")
    if isinstance(result, dict):
        return NpsInterval(result["nps"], result["low"], result["high"], int(responses[0]))
    return result


def _adjusted_wald(promoters, detractors, responses, confidence):
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    n = np.asarray(responses, dtype=float) + 3
    p = (np.asarray(promoters) + 0.75) / n
    d = (np.asarray(detractors) + 0.75) / n
    centre = p - d
    half = z * np.sqrt(np.maximum(p + d - centre**2, 0) / n)
    return np.clip(100 * (centre - half), -100, 100), np.clip(100 * (centre + half), -100, 100)


def ces(surveys: pd.DataFrame, by=None, *, contacts: pd.DataFrame | None = None):
    """Customer Effort Score: the mean answer to "how easy was it to get your issue handled?", from 1 to 7.

    Formula: sum of ``ces`` / responses with a ``ces``; empty cells are left out.
    Choices: the 7-point agreement version where **higher means easier** (1 = very difficult, 7 = very easy).
    Some teams use the older 1-5 scale where higher means *more* effort: check your survey before comparing.
    Source: Dixon, Freeman and Toman, "Stop Trying to Delight Your Customers", *Harvard Business Review*,
    July-August 2010; the 7-point "CES 2.0" wording is from the same authors' *The Effortless Experience* (2013).

    >>> ces(pd.DataFrame({"contact_id": [1, 2, 3, 4], "ces": [7, 6, 2, None]}))
    5.0
    """
    table = _Table(surveys, "surveys")
    table, groups = _survey_groups(table, by, contacts)
    score = table.scores("ces", 1, 7)
    answered = ~np.isnan(score)
    responses = groups.count(answered)
    return _finish(groups, "ces", _ratio(groups.sum(np.nan_to_num(score)), responses, 1.0), responses, "responses",
                   "no CES responses to compute CES from (the column 'ces' is empty or the table has no rows)",
                   table="surveys")
