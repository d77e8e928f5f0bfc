"""Branching role-plays: the scenario format (model), loading and checking YAML files, and the engine that plays them.

Content lives in ``course_lib/content/scenarios/*.yaml``; ``course check`` checks it and ``course play ID`` plays a
scenario in the terminal.
"""

from course_lib.roleplays.check import check_scenario_file, check_scenario_text
from course_lib.roleplays.engine import RolePlay, RolePlayError, Step, Summary, best_path
from course_lib.roleplays.load import ScenarioError, dump_scenario, load_scenario, parse_scenario, shipped_scenarios
from course_lib.roleplays.model import Choice, Condition, Ending, Node, Scenario

__all__ = [
    "Choice",
    "Condition",
    "Ending",
    "Node",
    "RolePlay",
    "RolePlayError",
    "Scenario",
    "ScenarioError",
    "Step",
    "Summary",
    "best_path",
    "check_scenario_file",
    "check_scenario_text",
    "dump_scenario",
    "load_scenario",
    "parse_scenario",
    "shipped_scenarios",
]
