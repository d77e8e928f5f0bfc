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
from course_lib.phrase_tables import compare_replies
from course_lib.record import (
    current_learner,
    events,
    export_csv,
    export_xapi,
    record_event,
    recording_note,
    set_learner,
)
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
from course_lib.widgets.before_after import before_and_after
from course_lib.widgets.checkin import confidence_checkin
from course_lib.widgets.coach import coach_exercise
from course_lib.widgets.learner import choose_pseudonym
from course_lib.widgets.phrase_table import phrase_table
from course_lib.widgets.progress import my_progress
from course_lib.widgets.quiz import quiz
from course_lib.widgets.skills import self_assessment
from course_lib.widgets.staffing import staffing_planner

__version__ = "0.1.0"

__all__ = [
    "ContentError",
    "CourseError",
    "__version__",
    "before_and_after",
    "coach",
    "compare_replies",
    "coach_exercise",
    "confidence_checkin",
    "confidence_tip",
    "StaffingError",
    "abandonment",
    "average_speed_of_answer",
    "erlang_a",
    "forecast_error_table",
    "occupancy",
    "phrase_table",
    "plan_staffing",
    "probability_of_waiting",
    "required_agents",
    "service_level",
    "choose_pseudonym",
    "current_learner",
    "events",
    "export_csv",
    "export_xapi",
    "my_progress",
    "quiz",
    "record_event",
    "recording_note",
    "self_assessment",
    "set_learner",
    "setup",
    "staffing_planner",
    "traffic_intensity",
]
