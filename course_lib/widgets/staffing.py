"""The staffing planner view: labelled inputs in, the plan, a chart and a 'forecast 20% wrong' table out.

All the arithmetic is in course_lib.staffing (erlang.py, planning.py); the chart is drawn by
course_lib.staffing.chart. This view only reads the controls, calls them, and sets widget values.
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from course_lib.staffing import StaffingError, StaffingPlan, erlang_a, forecast_error_table, required_agents
from course_lib.staffing.chart import figure_png, service_level_chart
from course_lib.widgets.base import Activity, escape

INTERVAL_SECONDS = 1800  # the planner works in half hours, as most rosters do

#: The starting example (Call Centre Helper's worked example): what the planner shows first unless told otherwise.
EXAMPLE = {"calls": 100, "aht": 180, "target": 80, "within": 20, "shrinkage": 30, "max_occupancy": 85,
           "patience": 120}

_STYLE = {"description_width": "17em"}
_WIDE = widgets.Layout(width="26em")


def render_plan(plan: StaffingPlan, target: float, within: float, abandon: float | None) -> str:
    """The recommendation as HTML: agents first, then what they achieve, each with its words (not colour)."""
    lines = [
        f"<p><b>Agents needed on the phones: {plan.agents_on_phones}</b> "
        f"(workload {plan.traffic_erlangs:.1f} agents busy all the time)</p>",
        f"<p><b>Agents to schedule: {plan.agents_to_schedule}</b> (after shrinkage)</p>",
        "<ul>",
        f"<li>Service level: {plan.service_level:.1f}% answered within {within:g} s (target {target:g}%)</li>",
        f"<li>Occupancy: {plan.occupancy:.1f}%</li>",
        f"<li>Average speed of answer: {plan.average_speed_of_answer:.1f} s</li>",
        f"<li>Callers who wait at all: {plan.probability_of_waiting:.1f}%</li>",
    ]
    if abandon is not None:
        lines.append(f"<li>Callers who would hang up first (Erlang A): {abandon:.1f}%</li>")
    lines.append("</ul>")
    return "<div role='status' class='staffing-plan'>" + "".join(lines) + "</div>"


def render_forecast_table(table: pd.DataFrame) -> str:
    """The 'what if the forecast is wrong' table as accessible HTML; every cell escaped."""
    headers = ["Case", "Calls", "Agents on the phones", "Service level (%)", "Occupancy (%)",
               "Average speed of answer (s)"]
    if "abandonment" in table:
        headers.append("Hang up (%)")
    headers += ["Agents that case needs", "What happens"]
    head = "".join(f"<th scope='col'>{escape(h)}</th>" for h in headers)
    rows = []
    for _, row in table.iterrows():
        asa = "no limit" if row["average_speed_of_answer"] == float("inf") else f"{row['average_speed_of_answer']:.1f}"
        cells = [f"<th scope='row'>{escape(row['case'])}</th>", f"<td>{row['calls']:.0f}</td>",
                 f"<td>{row['agents_on_phones']}</td>", f"<td>{row['service_level']:.1f}</td>",
                 f"<td>{row['occupancy']:.1f}</td>", f"<td>{escape(asa)}</td>"]
        if "abandonment" in table:
            cells.append(f"<td>{row['abandonment']:.1f}</td>")
        cells += [f"<td>{row['agents_needed']}</td>", f"<td>{escape(row['note'])}</td>"]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        "<table class='staffing-forecast'><caption>If the forecast is 20% wrong (agents stay as planned)</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


class StaffingPlanner(Activity):
    """Set the forecast and the target; see the agents needed, the service curve, and the cost of a bad forecast."""

    def __init__(self, start: dict | None = None):
        self.start = dict(EXAMPLE) | (start or {})
        self.calls = widgets.BoundedIntText(description="Calls per half hour", min=0, max=100_000,
                                            style=_STYLE, layout=_WIDE)
        self.aht = widgets.BoundedIntText(description="Average handle time (seconds)", min=1, max=36_000,
                                          style=_STYLE, layout=_WIDE)
        self.target = widgets.BoundedFloatText(description="Target: % of calls answered", min=1, max=100,
                                               style=_STYLE, layout=_WIDE)
        self.within = widgets.BoundedIntText(description="... within (seconds)", min=0, max=3600, style=_STYLE,
                                             layout=_WIDE)
        self.shrinkage = widgets.BoundedFloatText(description="Shrinkage (%)", min=0, max=95, style=_STYLE,
                                                  layout=_WIDE)
        self.max_occupancy = widgets.BoundedFloatText(description="Maximum occupancy (%)", min=10, max=100,
                                                      style=_STYLE, layout=_WIDE)
        self.patience = widgets.BoundedIntText(description="Average patience (seconds)", min=1,
                                               max=3600, style=_STYLE, layout=_WIDE)
        self.calculate = widgets.Button(description="Work out the staffing", button_style="primary",
                                        icon="calculator", tooltip="Recalculate the plan from the values above",
                                        layout=widgets.Layout(width="auto"))
        self.reset = widgets.Button(description="Back to the starting values", icon="undo",
                                    tooltip="Put back the values the planner started with",
                                    layout=widgets.Layout(width="auto"))
        self.summary = widgets.HTML()
        self.chart = widgets.Image(format="png", layout=widgets.Layout(max_width="750px"))
        self.forecast = widgets.HTML()
        self._chart_key = None
        self._check_start()
        self._set_example()
        self.calculate.on_click(self.update)
        self.reset.on_click(self._reset)
        for control in self._controls():
            control.observe(self.update, names="value")
        self.update()
        super().__init__(
            [
                widgets.HTML("<b>Staffing planner</b>: how many agents does this half hour need?"),
                *self._controls(),
                widgets.HBox([self.calculate, self.reset]),
                self.summary,
                self.chart,
                self.forecast,
            ],
            name="staffing planner",
        )

    def _controls(self):
        return [self.calls, self.aht, self.target, self.within, self.shrinkage, self.max_occupancy, self.patience]

    def _check_start(self) -> None:
        """Starting values outside a control's range would be silently clipped: refuse them instead."""
        names = {"calls": self.calls, "aht": self.aht, "target": self.target, "within": self.within,
                 "shrinkage": self.shrinkage, "max_occupancy": self.max_occupancy, "patience": self.patience}
        for key, value in self.start.items():
            control = names.get(key)
            if control is None:
                raise StaffingError(f"the planner has no setting '{key}'; use {', '.join(names)}")
            if not control.min <= value <= control.max:
                raise StaffingError(f"'{control.description}' must be from {control.min:g} to {control.max:g}; "
                                    f"got {value}")

    def _set_example(self) -> None:
        self._updating = True
        try:
            self.calls.value = self.start["calls"]
            self.aht.value = self.start["aht"]
            self.target.value = self.start["target"]
            self.within.value = self.start["within"]
            self.shrinkage.value = self.start["shrinkage"]
            self.max_occupancy.value = self.start["max_occupancy"]
            self.patience.value = self.start["patience"]
        finally:
            self._updating = False

    def _reset(self, _button=None) -> None:
        self._set_example()
        self.update()

    def update(self, _change=None) -> None:
        """Recompute everything from the controls and show it."""
        if self._updating:
            return
        inputs = (self.calls.value, INTERVAL_SECONDS, self.aht.value, self.within.value, self.target.value)
        try:
            plan = required_agents(*inputs, shrinkage=self.shrinkage.value, max_occupancy=self.max_occupancy.value)
            table = forecast_error_table(*inputs, shrinkage=self.shrinkage.value,
                                         max_occupancy=self.max_occupancy.value,
                                         patience_seconds=self.patience.value)
        except StaffingError as error:
            self.summary.value = f"<div role='alert'><b>Cannot plan this yet:</b> {escape(error)}</div>"
            self.chart.value = b""
            self._chart_key = None
            self.forecast.value = ""
            return
        abandon = None
        if plan.agents_on_phones > 0:
            abandon = erlang_a(plan.agents_on_phones, self.calls.value, INTERVAL_SECONDS, self.aht.value,
                               self.patience.value, self.within.value).abandonment
        self.summary.value = render_plan(plan, self.target.value, self.within.value, abandon)
        self._show_chart(inputs, plan)
        self.forecast.value = render_forecast_table(table)


    def _show_chart(self, inputs, plan: StaffingPlan) -> None:
        # Drawing takes a few tenths of a second: skip it when the picture would not change (e.g. shrinkage).
        key = (inputs, plan.agents_on_phones, self.max_occupancy.value)
        if key == self._chart_key:
            return
        self._chart_key = key
        if not plan.agents_on_phones:
            self.chart.value = b""
            return
        figure = service_level_chart(*inputs, plan=plan, max_occupancy=self.max_occupancy.value)
        self.chart.value = figure_png(figure)


def staffing_planner(calls_per_half_hour: int = EXAMPLE["calls"], aht_seconds: int = EXAMPLE["aht"],
                     target_service_level: float = EXAMPLE["target"],
                     answer_within_seconds: int = EXAMPLE["within"], shrinkage: float = EXAMPLE["shrinkage"],
                     max_occupancy: float = EXAMPLE["max_occupancy"],
                     patience_seconds: int = EXAMPLE["patience"]) -> StaffingPlanner:
    """The staffing planner: ``staffing_planner()`` in a notebook cell shows it, starting from a worked example.

    Give starting values to open it on your own half hour (percentages 0-100, times in seconds); the
    "Back to the starting values" button returns to them.

    >>> staffing_planner(calls_per_half_hour=240, aht_seconds=300).calls.value
    240
    """
    return StaffingPlanner({"calls": calls_per_half_hour, "aht": aht_seconds, "target": target_service_level,
                            "within": answer_within_seconds, "shrinkage": shrinkage, "max_occupancy": max_occupancy,
                            "patience": patience_seconds})
