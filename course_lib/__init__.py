"""course_lib: the helpers behind the customer-service management course.

Notebooks call one-line helpers from here; the logic lives in small modules that can be tested without a kernel,
the content (tips, scenarios, quizzes, phrase banks) lives in YAML under ``course_lib/content``.

>>> import course_lib
>>> "setup" in course_lib.__all__
True
"""

from course_lib.checkin import confidence_tip
from course_lib.coach import coach
from course_lib.errors import ContentError, CourseError
from course_lib.notebook_setup import setup
from course_lib.staffing import (
    StaffingError,
    abandonment,
    average_speed_of_answer,
    erlang_a,
    forecast_error_table,
    occupancy,
    plan_staffing,
    probability_of_waiting,
    required_agents,
    service_level,
    traffic_intensity,
)
from course_lib.widgets.checkin import confidence_checkin
from course_lib.widgets.coach import coach_exercise
from course_lib.widgets.staffing import staffing_planner

__version__ = "0.1.0"

__all__ = [
    "ContentError",
    "CourseError",
    "__version__",
    "coach",
    "coach_exercise",
    "confidence_checkin",
    "confidence_tip",
    "StaffingError",
    "abandonment",
    "average_speed_of_answer",
    "erlang_a",
    "forecast_error_table",
    "occupancy",
    "plan_staffing",
    "probability_of_waiting",
    "required_agents",
    "service_level",
    "setup",
    "staffing_planner",
    "traffic_intensity",
]
