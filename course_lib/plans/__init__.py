"""Action plans: the checks every action must pass (one owner, a due date, a KPI and a numeric target) and saving a
plan to the learner record (``actions``); the plans in ``content/action_plans.yaml``, their schema's cross-checks and
loader (``plan_file``). The view is ``course_lib.widgets.action_plan``.
"""
