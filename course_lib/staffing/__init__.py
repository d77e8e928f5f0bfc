"""How many agents does a contact centre need? Where to look:

- ``erlang.py``: the formulas: Erlang C (callers wait as long as it takes: probability of waiting, service level,
  speed of answer, occupancy) and Erlang A (some callers hang up);
- ``planning.py``: how many agents one interval needs (:func:`required_agents`), staffing a whole forecast
  (:func:`plan_staffing`), service for a range of agent counts, and what a wrong forecast does;
- ``inputs.py``: how numbers and columns are accepted, and the :class:`StaffingError` that says what is wrong;
- ``queue_simulation.py``: a seeded simulation of the queue that checks the formulas;
- ``workload.py``: the workload in the course's contact log; ``chart.py``: the planner's chart.

The formulas and the planning functions are re-exported here:

>>> from course_lib import staffing
>>> staffing.required_agents(100, 1800, 180, 20, 80).agents_on_phones
14
"""

from course_lib.staffing.erlang import (
    ErlangAResult,
    abandonment,
    average_speed_of_answer,
    erlang_a,
    occupancy,
    probability_of_waiting,
    service_level,
    traffic_intensity,
)
from course_lib.staffing.inputs import StaffingError
from course_lib.staffing.planning import (
    StaffingPlan,
    forecast_error_table,
    plan_staffing,
    required_agents,
    service_level_by_agents,
)

__all__ = ["ErlangAResult", "StaffingError", "StaffingPlan", "abandonment", "average_speed_of_answer", "erlang_a",
           "forecast_error_table", "occupancy", "plan_staffing", "probability_of_waiting", "required_agents",
           "service_level", "service_level_by_agents", "traffic_intensity"]
