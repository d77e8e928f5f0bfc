"""The action plan view: one box per action (finding, action, owner, due date, KPI, target), checked and saved.

Every change to a field saves a draft to the learner record, so a crashed kernel loses nothing; re-running the
cell brings the latest save back. All checking is in ``course_lib.action_plan``.
"""

from __future__ import annotations

import ipywidgets as widgets

from course_lib.plans.actions import (
    MEASURES,
    Action,
    ActionProblem,
    Plan,
    is_blank,
    save_plan,
    saved_actions,
)
from course_lib.plans.plan_file import load_plan
from course_lib.record.store import recording_note
from course_lib.widgets.base import Activity, escape, refresh_note

_STYLE = {"description_width": "90px"}
_WIDE = widgets.Layout(width="95%")
FIELD_TITLES = {"finding": "Finding", "action": "Action", "owner": "Owner", "due": "Due",
                "measure": "Measure", "target": "Target"}


def render_table(actions: list[Action]) -> str:
    """The plan as an HTML table; everything the learner typed is escaped."""
    if not actions:
        return ""
    head = "".join(f"<th scope='col'>{title}</th>" for title in FIELD_TITLES.values())
    rows = []
    for action in actions:
        measure = MEASURES[action.measure].label if action.measure in MEASURES else ""
        cells = [action.finding, action.action, action.owner, action.due.isoformat() if action.due else "",
                 measure, action.target]
        rows.append("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in cells) + "</tr>")
    return f"<table class='course-plan'><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def render_problems(problems: dict[int, list[ActionProblem]]) -> str:
    """What is still missing, action by action, as HTML (a text label says it is a problem, not only colour)."""
    parts = ["<div role='status'><p><b>Not complete yet</b>: your draft is saved. Still to do:</p>"]
    for index, found in sorted(problems.items()):
        title = "The plan" if index < 0 else f"Action {index + 1}"
        items = "".join(f"<li><b>{escape(FIELD_TITLES.get(p.field, p.field))}</b>: {escape(p.message)}</li>"
                        for p in found)
        parts.append(f"<p>{title}</p><ul>{items}</ul>")
    return "".join(parts) + "</div>"


class ActionRow(widgets.VBox):
    """The controls of one action."""

    def __init__(self, plan: Plan, number: int, action: Action | None = None):
        action = action or Action()
        self.heading = widgets.HTML()
        self.finding = widgets.Combobox(options=list(plan.findings), value=action.finding, ensure_option=False,
                                        placeholder="Choose a finding, or type your own", description="Finding",
                                        style=_STYLE, layout=_WIDE, continuous_update=False)
        self.action = widgets.Textarea(value=action.action, description="Action", style=_STYLE, layout=_WIDE,
                                       placeholder="What exactly will be done? Start with a verb.",
                                       continuous_update=False)
        self.owner = widgets.Text(value=action.owner, description="Owner", style=_STYLE,
                                  placeholder="One person who answers for it", continuous_update=False)
        self.due = widgets.DatePicker(value=action.due, description="Due", style=_STYLE)
        kpis = [("Choose a KPI", "")] + [(m.label, key) for key, m in MEASURES.items()]
        self.measure = widgets.Dropdown(options=kpis,
                                        value=action.measure if action.measure in MEASURES else "",
                                        description="Measure", style=_STYLE)
        self.target = widgets.Text(value=action.target, description="Target", style=_STYLE, layout=_WIDE,
                                   placeholder="The result that counts as success, with a number",
                                   continuous_update=False)
        self.remove_button = widgets.Button(description="Remove this action", icon="trash",
                                            tooltip="Remove this action from the plan")
        super().__init__([self.heading, self.finding, self.action, widgets.HBox([self.owner, self.due]),
                          widgets.HBox([self.measure]), self.target, self.remove_button],
                         layout=widgets.Layout(border="1px solid #bbb", padding="6px", margin="4px 0"))
        self.set_number(number)

    def set_number(self, number: int) -> None:
        self.heading.value = f"<b>Action {number}</b>"

    @property
    def fields(self) -> list[widgets.Widget]:
        return [self.finding, self.action, self.owner, self.due, self.measure, self.target]

    def value(self) -> Action:
        return Action(self.finding.value, self.action.value, self.owner.value, self.due.value, self.measure.value,
                      self.target.value)


class ActionPlanView(Activity):
    """Write an action plan; "Check and save" says what is missing and keeps every draft."""

    def __init__(self, plan: Plan):
        self.plan = plan
        example = render_table([plan.example])
        self.intro = widgets.HTML(
            f"<h4>{escape(plan.title)}</h4><p>{escape(plan.intro)}</p>"
            f"<p><b>An example of a complete action:</b></p>{example}")
        self.rows_box = widgets.VBox()
        self.add_button = widgets.Button(description="Add an action", icon="plus",
                                         tooltip="Add one more action to the plan")
        self.save_button = widgets.Button(description="Check and save", button_style="primary", icon="check",
                                          tooltip="Check every action and save the plan")
        self.status = widgets.HTML()
        self.table = widgets.HTML()
        self.note = widgets.HTML(escape(recording_note()))
        self.add_button.on_click(lambda _b: self.add_action())
        self.save_button.on_click(lambda _b: self.check_and_save())
        saved = saved_actions(plan)
        for action in saved or [Action()]:
            self.add_action(action, save=False)
        if saved:
            self.status.value = f"<p>Your saved plan ({len(saved)} action(s)) is back. Carry on where you left off.</p>"
            self.table.value = render_table(saved)
        super().__init__([self.intro, self.rows_box, widgets.HBox([self.add_button, self.save_button]),
                          self.status, self.table, self.note], name=f"action plan: {plan.title}")

    @property
    def rows(self) -> list[ActionRow]:
        return list(self.rows_box.children)

    def actions(self) -> list[Action]:
        return [row.value() for row in self.rows]

    def add_action(self, action: Action | None = None, *, save: bool = True) -> ActionRow:
        row = ActionRow(self.plan, len(self.rows) + 1, action)
        for control in row.fields:
            control.observe(self._save_draft, names="value")
        row.remove_button.on_click(lambda _b, row=row: self.remove_action(row))
        self.rows_box.children = (*self.rows, row)
        return row

    def remove_action(self, row: ActionRow) -> None:
        self.rows_box.children = tuple(r for r in self.rows if r is not row)
        for number, remaining in enumerate(self.rows, start=1):
            remaining.set_number(number)
        save_plan(self.plan, self.actions())  # saved even when empty: a removed action stays removed
        self.status.value = "<p>Action removed; draft saved.</p>"

    def _save_draft(self, _change=None) -> None:
        # A draft is saved on every change, so nothing typed is lost if the kernel stops.
        if all(is_blank(a) for a in self.actions()):
            return
        save_plan(self.plan, self.actions())
        self.status.value = "<p>Draft saved. Click <b>Check and save</b> when you are done.</p>"

    def check_and_save(self) -> bool:
        actions = [a for a in self.actions() if not is_blank(a)]
        complete, problems = save_plan(self.plan, actions)
        refresh_note(self.note)
        self.table.value = render_table(actions)
        if complete:
            self.status.value = (f"<div role='status'><p><b>Complete</b>: {len(actions)} action(s), each with an "
                                 "owner, a date and a measure. Your plan is saved in your learner record.</p></div>")
        else:
            self.status.value = render_problems(problems)
        return complete


def action_plan(name: str) -> ActionPlanView:
    """The action plan ``name`` from ``content/action_plans.yaml``: ``action_plan("kpi_review")`` in a cell."""
    return ActionPlanView(load_plan(name))
