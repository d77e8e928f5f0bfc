"""course_lib: the helpers behind the customer-service management course.

Notebooks call one-line helpers from here; the logic lives in small modules that can be tested without a kernel,
the content (tips, scenarios, quizzes, phrase banks) lives in YAML under ``course_lib/content``.

>>> import course_lib
>>> "setup" in course_lib.__all__
True
"""

from course_lib.checkin import confidence_tip
from course_lib.coach import coach
from course_lib.comment_coding import describe_mistakes, tagger_accuracy, tagger_mistakes
from course_lib.datasets import load_dataset
from course_lib.errors import ContentError, CourseError, DataError
from course_lib.kpi import (
    abandonment_rate,
    aht,
    asa,
    ces,
    churn_rate,
    csat,
    csat_mean,
    fcr,
    kpi_summary,
    nps,
    nps_interval,
    resolution_rate,
    resolution_time,
    retention_rate,
    service_level,
)
from course_lib.notebook_setup import setup
from course_lib.own_data import load_contacts, load_surveys
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
from course_lib.retention import add_plan, churn_by, churn_by_contacts, churn_by_experience

# Staffing: the planner and the main answers at the top level. The Erlang C building blocks (its predicted
# service_level, occupancy, average_speed_of_answer...) stay in course_lib.staffing, so that they are not
# confused with the KPIs of the same name measured from data (course_lib.service_level, course_lib.asa).
from course_lib.staffing import StaffingError, erlang_a, forecast_error_table, plan_staffing, required_agents
from course_lib.survey_coverage import comment_rates, response_rates
from course_lib.team_feedback import agent_comments, agent_vs_team, agent_vs_team_chart
from course_lib.themes import tag_comment, tag_surveys, theme_chart, theme_summary, why_tagged
from course_lib.training_effect import training_effect
from course_lib.widgets.action_plan import action_plan
from course_lib.widgets.before_after import before_and_after
from course_lib.widgets.checkin import confidence_checkin
from course_lib.widgets.coach import coach_exercise
from course_lib.widgets.comment_coding import code_comments
from course_lib.widgets.course_summary import course_summary
from course_lib.widgets.kpi_dashboard import kpi_dashboard
from course_lib.widgets.learner import choose_pseudonym
from course_lib.widgets.phrase_table import phrase_table
from course_lib.widgets.progress import my_progress
from course_lib.widgets.quiz import quiz
from course_lib.widgets.roleplay import roleplay
from course_lib.widgets.skills import self_assessment
from course_lib.widgets.staffing import staffing_planner
from course_lib.workload import hourly_workload, needed_vs_had

__version__ = "0.1.0"

__all__ = [
    "ContentError",
    "CourseError",
    "DataError",
    "StaffingError",
    "__version__",
    "abandonment_rate",
    "action_plan",
    "add_plan",
    "agent_comments",
    "agent_vs_team",
    "agent_vs_team_chart",
    "aht",
    "asa",
    "before_and_after",
    "ces",
    "choose_pseudonym",
    "churn_by",
    "churn_by_contacts",
    "churn_by_experience",
    "churn_rate",
    "coach",
    "coach_exercise",
    "code_comments",
    "comment_rates",
    "compare_replies",
    "confidence_checkin",
    "confidence_tip",
    "course_summary",
    "csat",
    "csat_mean",
    "current_learner",
    "describe_mistakes",
    "erlang_a",
    "events",
    "export_csv",
    "export_xapi",
    "fcr",
    "forecast_error_table",
    "hourly_workload",
    "kpi_dashboard",
    "kpi_summary",
    "load_contacts",
    "load_dataset",
    "load_surveys",
    "my_progress",
    "needed_vs_had",
    "nps",
    "nps_interval",
    "phrase_table",
    "plan_staffing",
    "quiz",
    "record_event",
    "recording_note",
    "required_agents",
    "resolution_rate",
    "resolution_time",
    "response_rates",
    "retention_rate",
    "roleplay",
    "self_assessment",
    "service_level",
    "set_learner",
    "setup",
    "staffing_planner",
    "tag_comment",
    "tag_surveys",
    "tagger_accuracy",
    "tagger_mistakes",
    "theme_chart",
    "theme_summary",
    "training_effect",
    "why_tagged",
]
