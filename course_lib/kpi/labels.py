"""What each KPI is called on a chart or in a sentence, its unit, and which way is better: plain data, no
matplotlib, so the definitions and their readings can use it without loading a plotting library.
"""

#: What each KPI column is called on a chart, and its unit.
LABELS = {
    "csat": ("CSAT", "% satisfied (4-5 of 5)"),
    "csat_mean": ("Mean CSAT", "score 1-5"),
    "nps": ("NPS", "promoters - detractors (-100 to 100)"),
    "ces": ("CES", "ease, 1-7 (higher is easier)"),
    "fcr": ("First-contact resolution", "% of answered contacts"),
    "aht": ("Average handle time", "seconds"),
    "asa": ("Average speed of answer", "seconds"),
    "service_level": ("Service level", "% answered within target time"),
    "abandonment_rate": ("Abandonment rate", "% of contacts"),
    "resolution_rate": ("Resolved (agent's flag)", "% of answered contacts"),
    "resolution_time": ("Resolution time", "seconds"),
    "churn_rate": ("Churn rate", "% of customers"),
    "retention_rate": ("Retention rate", "% of customers"),
}
#: KPIs where a lower value is better (the chart marks values *above* target).
LOWER_IS_BETTER = {"aht", "asa", "abandonment_rate", "resolution_time", "churn_rate"}
#: Groups based on fewer than this many contacts or responses are hatched: read them with care.
SMALL_GROUP = 30
