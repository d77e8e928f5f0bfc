"""course_lib: the helpers behind the customer-service management course.

Notebooks call one-line helpers from here (``course_lib.roleplay("sofa_delivery")``, ``course_lib.nps(surveys)``);
the logic lives in packages that can be tested without a kernel (see ``course_lib/README.md`` for the map), and the
content (scenarios, quizzes, phrase banks...) lives in YAML under ``course_lib/content``.

Importing ``course_lib`` loads none of those packages: each name below is imported the first time it is used, so
the trainer's command line (``course check``) and a learner-record writer start in a fraction of a second, and a
notebook pays for the widgets only when it shows one.

>>> import course_lib
>>> "setup" in course_lib.__all__
True
>>> course_lib.nps.__module__
'course_lib.kpi.surveys'
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# The learner's and trainer's API: public name -> the module that defines it. Analysis helpers beyond these stay
# importable from their packages (course_lib.kpi, course_lib.staffing, ...).
_API: dict[str, str] = {
    "ContentError": "course_lib.errors",
    "CourseError": "course_lib.errors",
    "DataError": "course_lib.errors",
    "StaffingError": "course_lib.staffing.inputs",
    "abandonment_rate": "course_lib.kpi.contacts",
    "action_plan": "course_lib.widgets.action_plan",
    "add_plan": "course_lib.voice.retention",
    "agent_comments": "course_lib.kpi.team_feedback",
    "agent_vs_team": "course_lib.kpi.team_feedback",
    "agent_vs_team_chart": "course_lib.kpi.team_feedback",
    "aht": "course_lib.kpi.contacts",
    "asa": "course_lib.kpi.contacts",
    "before_and_after": "course_lib.widgets.before_after",
    "ces": "course_lib.kpi.surveys",
    "choose_pseudonym": "course_lib.widgets.learner",
    "churn_by": "course_lib.voice.retention",
    "churn_by_contacts": "course_lib.voice.retention",
    "churn_by_experience": "course_lib.voice.retention",
    "churn_rate": "course_lib.kpi.customers",
    "coach": "course_lib.coaching.reply",
    "coach_exercise": "course_lib.widgets.coach",
    "code_comments": "course_lib.widgets.comment_coding",
    "comment_rates": "course_lib.voice.survey_coverage",
    "compare_replies": "course_lib.coaching.phrase_tables",
    "confidence_checkin": "course_lib.widgets.checkin",
    "confidence_tip": "course_lib.checkin",
    "course_summary": "course_lib.widgets.course_summary",
    "csat": "course_lib.kpi.surveys",
    "csat_mean": "course_lib.kpi.surveys",
    "current_learner": "course_lib.record.learner",
    "describe_mistakes": "course_lib.voice.comment_coding",
    "erlang_a": "course_lib.staffing.erlang",
    "events": "course_lib.record.store",
    "export_csv": "course_lib.reports.exports",
    "export_xapi": "course_lib.reports.exports",
    "fcr": "course_lib.kpi.contacts",
    "forecast_error_table": "course_lib.staffing.planning",
    "hourly_workload": "course_lib.staffing.workload",
    "kpi_dashboard": "course_lib.widgets.kpi_dashboard",
    "kpi_summary": "course_lib.kpi.summary",
    "load_contacts": "course_lib.data.own_data",
    "load_dataset": "course_lib.data.datasets",
    "load_surveys": "course_lib.data.own_data",
    "my_progress": "course_lib.widgets.progress",
    "needed_vs_had": "course_lib.staffing.workload",
    "nps": "course_lib.kpi.surveys",
    "nps_interval": "course_lib.kpi.surveys",
    "phrase_table": "course_lib.widgets.phrase_table",
    "plan_staffing": "course_lib.staffing.planning",
    "quiz": "course_lib.widgets.quiz",
    "record_event": "course_lib.record.store",
    "record_state": "course_lib.record.store",
    "recording_note": "course_lib.record.store",
    "required_agents": "course_lib.staffing.planning",
    "resolution_rate": "course_lib.kpi.contacts",
    "resolution_time": "course_lib.kpi.contacts",
    "response_rates": "course_lib.voice.survey_coverage",
    "retention_rate": "course_lib.kpi.customers",
    "roleplay": "course_lib.widgets.roleplay",
    "self_assessment": "course_lib.widgets.skills",
    "service_level": "course_lib.kpi.contacts",
    "set_learner": "course_lib.record.learner",
    "setup": "course_lib.notebook_setup",
    "staffing_planner": "course_lib.widgets.staffing",
    "tag_comment": "course_lib.voice.themes",
    "tag_surveys": "course_lib.voice.themes",
    "tagger_accuracy": "course_lib.voice.comment_coding",
    "tagger_mistakes": "course_lib.voice.comment_coding",
    "theme_chart": "course_lib.voice.theme_chart",
    "theme_summary": "course_lib.voice.themes",
    "training_effect": "course_lib.kpi.training_effect",
    "why_tagged": "course_lib.voice.themes",
}

__all__ = sorted([*_API, "__version__"])


def __getattr__(name: str) -> Any:
    """Import a public name on first use (PEP 562), then keep it so later lookups are plain attribute reads."""
    module = _API.get(name)
    if module is None:
        # A package of the course (course_lib.kpi, course_lib.staffing, ...) is imported on first use too.
        if importlib.util.find_spec(f"{__name__}.{name}") is None:
            raise AttributeError(f"module 'course_lib' has no attribute {name!r}")
        return importlib.import_module(f"{__name__}.{name}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))


if TYPE_CHECKING:  # for editors and type checkers: the same names, imported eagerly
    from course_lib.checkin import confidence_tip
    from course_lib.coaching.phrase_tables import compare_replies
    from course_lib.coaching.reply import coach
    from course_lib.data.datasets import load_dataset
    from course_lib.data.own_data import load_contacts, load_surveys
    from course_lib.errors import ContentError, CourseError, DataError
    from course_lib.kpi.contacts import abandonment_rate, aht, asa, fcr, resolution_rate, resolution_time, service_level
    from course_lib.kpi.customers import churn_rate, retention_rate
    from course_lib.kpi.summary import kpi_summary
    from course_lib.kpi.surveys import ces, csat, csat_mean, nps, nps_interval
    from course_lib.kpi.team_feedback import agent_comments, agent_vs_team, agent_vs_team_chart
    from course_lib.kpi.training_effect import training_effect
    from course_lib.notebook_setup import setup
    from course_lib.record.learner import current_learner, set_learner
    from course_lib.record.store import events, record_event, record_state, recording_note
    from course_lib.reports.exports import export_csv, export_xapi
    from course_lib.staffing.erlang import erlang_a
    from course_lib.staffing.inputs import StaffingError
    from course_lib.staffing.planning import forecast_error_table, plan_staffing, required_agents
    from course_lib.staffing.workload import hourly_workload, needed_vs_had
    from course_lib.voice.comment_coding import describe_mistakes, tagger_accuracy, tagger_mistakes
    from course_lib.voice.retention import add_plan, churn_by, churn_by_contacts, churn_by_experience
    from course_lib.voice.survey_coverage import comment_rates, response_rates
    from course_lib.voice.theme_chart import theme_chart
    from course_lib.voice.themes import tag_comment, tag_surveys, theme_summary, why_tagged
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
