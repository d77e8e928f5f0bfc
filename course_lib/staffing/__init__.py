"""Staffing: Erlang B, C and A (``erlang``), a seeded queue simulation that checks them (``queue_simulation``), the
workload in the course's log (``workload``) and the planner's chart (``chart``).
"""
