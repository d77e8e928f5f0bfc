"""Action plans: the plans in ``content/action_plans.yaml``, the checks every action must pass (one owner, a due
date, a KPI and a numeric target) and saving a plan to the learner record. The view is
``course_lib.widgets.action_plan``.
"""
