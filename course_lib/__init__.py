"""course_lib: the helpers behind the customer-service management course.

Notebooks call one-line helpers from here; the logic lives in small modules that can be tested without a kernel,
the content (tips, scenarios, quizzes, phrase banks) lives in YAML under ``course_lib/content``.

>>> import course_lib
>>> "setup" in course_lib.__all__
True
"""

from course_lib.checkin import confidence_tip
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
from course_lib.widgets.checkin import confidence_checkin
from course_lib.widgets.kpi_dashboard import kpi_dashboard

__version__ = "0.1.0"

__all__ = [
    "ContentError",
    "CourseError",
    "DataError",
    "__version__",
    "abandonment_rate",
    "aht",
    "asa",
    "ces",
    "churn_rate",
    "confidence_checkin",
    "confidence_tip",
    "csat",
    "csat_mean",
    "fcr",
    "kpi_dashboard",
    "kpi_summary",
    "load_contacts",
    "load_dataset",
    "load_surveys",
    "nps",
    "nps_interval",
    "resolution_rate",
    "resolution_time",
    "retention_rate",
    "service_level",
    "setup",
]
